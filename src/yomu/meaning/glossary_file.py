"""Glossary files: their format, their entries, and the checks that name a faulty line.

Domain glossaries hold terms no dictionary holds as one word, and names with their readings.

A glossary is a UTF-8 TOML file: an optional ``[glossary]`` table, then one ``[[entry]]``
table per term::

    [glossary]                      # optional
    domain = "diplomacy_security"   # defaults to the file name without .toml
    description = "Diplomacy and security"

    [[entry]]
    term = "和平案"                  # as written in articles
    reading = "わへいあん"            # hiragana (ー allowed), no spaces, no ・
    gloss = "peace plan"            # or glosses = ["peace plan", "peace proposal"]; first is primary
    kind = "term"                   # term (default) | person | place | organisation | event
    variants = ["和平計画案"]        # other spellings of the same thing (optional)
    note = ""                       # optional, shown to the reader
    description = ""                # people: "Volodymyr Zelensky — President of Ukraine"
    as_of = 2025                    # optional: the year the description was true
    family = { term = "小谷", reading = "こたに", gloss = "Kotani" }   # people, optional

``family`` splits a Japanese, Chinese or Korean name: the term starts with the family
name and the reading with its reading. In an article that names the person in full, the
family name alone (小谷氏) is read and glossed as this person's — Sudachi and JMnedict
would guess おたに — while in other articles it is left to them.

A variant written in kanji reads as the term (米露 is べいろ like 米ロ); a variant written
only in kana reads as it is written (ヘグセット is へぐせっと): see ``GlossaryEntry.reading_of``.

``check_glossary`` reports every problem as ``file:line: message``: the line of the
faulty key (``reading = …``), or of the entry's ``[[entry]]`` header when a key is
missing. ``read_glossary`` raises ``GlossaryError`` with the
first one, so a broken user glossary is one line for the user, never a traceback.

Shipped glossaries live in ``glossaries/`` at the top of the repository and inside the
wheel as ``yomu/glossaries``. :class:`yomu.meaning.glossary.Glossary` looks the entries up.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast, get_args

from ..errors import GlossaryError
from ..model import ItemKind
from ..words.kana import HIRAGANA_READING, katakana_to_hiragana

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KINDS: tuple[str, ...] = tuple(k for k in get_args(ItemKind) if k not in ("word", "expression"))
"""The kinds an entry may have; ``word`` is left to the dictionaries."""

_ENTRY_KEYS = (
    "term", "reading", "gloss", "glosses", "kind", "variants", "note", "description", "as_of", "family",
)  # fmt: skip
_FAMILY_KEYS = ("term", "reading", "gloss")
_HEADER_KEYS = ("domain", "description")
_TOP_KEYS = ("glossary", "entry")
# ー is allowed because loanwords keep it in hiragana (ばっくすとっぷ would lose the vowel
# length otherwise); ・ is not, since a reading is one pronunciation, not a spelling.
_ENTRY_HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]\s*(#.*)?$")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
# Characters that separate the parts of a name and are not pronounced.
_SEPARATORS = frozenset("・･=＝ 　")
_FIRST_YEAR, _LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class FamilyName:
    """The family-name part of a person's name, as the name's entry gives it."""

    term: str
    reading: str
    gloss: str


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    reading: str
    """Hiragana, no spaces: the reading of ``term`` (and of variants written in kanji)."""
    glosses: tuple[str, ...]
    """The first is the primary gloss: short, what a learner should read first."""
    kind: ItemKind
    note: str = ""
    variants: tuple[str, ...] = ()
    description: str = ""
    domain: str = ""
    """The glossary's domain: its ``[glossary] domain`` or the file name without suffix."""
    file: str = ""
    line: int = 0
    """Line of the entry's ``[[entry]]`` header; 0 for entries not read from a file."""
    as_of: int | None = None
    """The year ``description`` was true (people change offices)."""
    family: FamilyName | None = None
    """People with a family name written first (Japanese, Chinese, Korean names)."""

    @property
    def forms(self) -> tuple[str, ...]:
        """The term, then its variants: every spelling ``Glossary.get`` finds this entry by."""
        return (self.term, *self.variants)

    def reading_of(self, form: str) -> str:
        """The reading of one of the entry's forms.

        A variant spelled only in kana has a reading of its own that the spelling gives away
        (ヘグセット → へぐせっと, not the term's へぐせす); any other form reads as the term.
        """
        if form != self.term and _is_kana_only(form):
            return _kana_reading(form)
        return self.reading


def shipped_glossary_dir() -> Path:
    """``yomu/glossaries`` in an installed wheel, else ``glossaries/`` of the source checkout."""
    installed = Path(__file__).parents[1] / "glossaries"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[3] / "glossaries"


def read_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    """Entries of one glossary file; the first problem raises ``GlossaryError``."""
    entries, problems = _parse(Path(path))
    if problems:
        raise GlossaryError(problems[0])
    return entries


def check_glossary(path: Path) -> list[str]:
    """Every problem of one file as ``file:line: message``, in line order; empty if fine."""
    return _parse(Path(path))[1]


def check_glossaries(paths: Sequence[Path]) -> list[str]:
    """Problems of each file, then conflicts between files (same form, other reading or gloss).

    Files are meant to be loaded together, so a form two files define differently is a
    problem even though each file is fine on its own: one of them would silently lose.
    """
    problems: list[str] = []
    seen: dict[str, GlossaryEntry] = {}
    for path in paths:
        entries, file_problems = _parse(Path(path))
        problems.extend(file_problems)
        for entry in entries:
            for form in entry.forms:
                other = seen.get(form)
                if other is not None and other.file != entry.file and _conflicts(other, entry):
                    problems.append(
                        f"{entry.file}:{entry.line}: {form} conflicts with {other.file}:{other.line} "
                        f"({other.reading} {other.glosses[0]!r} vs {entry.reading} {entry.glosses[0]!r})"
                    )
                seen.setdefault(form, entry)
    return problems


def _conflicts(a: GlossaryEntry, b: GlossaryEntry) -> bool:
    return a.reading != b.reading or a.glosses[0] != b.glosses[0]


# --- parsing ---------------------------------------------------------------------------------


class _Problems:
    """Problems of one file, kept with their line so they can be reported in file order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._found: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self._found.append((line, f"{self.name}:{line}: {message}"))

    def __len__(self) -> int:
        return len(self._found)

    def sorted(self) -> list[str]:
        return [message for _, message in sorted(self._found, key=lambda found: found[0])]


def _parse(path: Path) -> tuple[tuple[GlossaryEntry, ...], list[str]]:
    name = str(path)
    problems = _Problems(name)
    try:
        # utf-8-sig: Windows editors like to start UTF-8 files with a byte-order mark.
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return (), [f"{name}:0: no such file; check the glossary path"]
    except IsADirectoryError:
        return (), [f"{name}:0: is a directory, not a glossary file; give a .toml file"]
    except OSError as exc:
        return (), [f"{name}:0: cannot read ({exc.strerror or exc}); check its permissions"]
    except UnicodeDecodeError:
        return (), [f"{name}:0: is not UTF-8 text; save the glossary as UTF-8"]
    # TOML ends lines at \n only; str.splitlines would also split inside strings at U+2028 etc.
    rows = text.rstrip("\n").split("\n")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Before Python 3.14 tomllib gives the place only inside its message:
        # "... (at line 4, column 13)", or "(at end of document)" for a broken last line.
        match = _TOML_LINE.search(str(exc))
        lineno = getattr(exc, "lineno", None)
        line = lineno if isinstance(lineno, int) else int(match.group(1)) if match else len(rows)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        return (), [f"{name}:{line}: invalid TOML: {message}"]

    for key in data:
        if key not in _TOP_KEYS:
            problems.add(
                _key_line(rows, key),
                f"unknown top-level key {key!r} (expected [glossary] and [[entry]] tables)",
            )
    domain = _header_domain(data.get("glossary"), rows, path, problems)

    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        problems.add(_key_line(rows, "entry"), "'entry' must be an array of tables: write [[entry]]")
        return (), problems.sorted()
    headers = [i + 1 for i, row in enumerate(rows) if _ENTRY_HEADER.match(row)]
    inline = len(headers) != len(raw_entries)
    if inline:
        # Written as an inline array (entry = [{...}]): point at the array instead.
        headers = [_key_line(rows, "entry")] * len(raw_entries)

    entries: list[GlossaryEntry] = []
    seen: dict[str, GlossaryEntry] = {}
    for item, line in zip(raw_entries, headers, strict=True):
        at = _KeyLines(line, {} if inline else _entry_key_lines(rows, line))
        entry = _entry(item, name, at, domain, problems)
        if entry is None:
            continue
        for form in entry.forms:
            other = seen.get(form)
            if other is not None:
                clash = " with another reading or gloss" if _conflicts(other, entry) else ""
                where = at("term") if form == entry.term else at("variants")
                problems.add(where, f"{form} is already defined at line {other.line}{clash}")
            seen.setdefault(form, entry)
        entries.append(entry)
    return tuple(entries), problems.sorted()


def _header_domain(header: Any, rows: list[str], path: Path, problems: _Problems) -> str:
    if header is None:
        return path.stem
    line = _key_line(rows, "glossary")
    if not isinstance(header, dict):
        problems.add(line, "'glossary' must be a table: write [glossary]")
        return path.stem
    at = _KeyLines(line, _entry_key_lines(rows, line))
    for key in header:
        if key not in _HEADER_KEYS:
            expected = ", ".join(_HEADER_KEYS)
            problems.add(at(key), f"unknown key {key!r} in [glossary] (expected {expected})")
    for key in _HEADER_KEYS:
        if key in header and not isinstance(header[key], str):
            problems.add(at(key), f"[glossary] {key} must be a string")
    domain = header.get("domain")
    return domain.strip() if isinstance(domain, str) and domain.strip() else path.stem


def _key_line(rows: list[str], key: str) -> int:
    """The line where a top-level key or table is written; 1 if it cannot be found."""
    pattern = re.compile(rf"""^\s*(\[\[?\s*)?["']?{re.escape(key)}["']?\s*(=|\]|\.)""")
    return next((i + 1 for i, row in enumerate(rows) if pattern.match(row)), 1)


class _KeyLines:
    """Where each key of one table is written: ``at(key)`` is its line, or the table's
    header line for a key that is missing (or written where it cannot be found)."""

    def __init__(self, header: int, keys: dict[str, int]) -> None:
        self.header = header
        self._keys = keys

    def __call__(self, key: str) -> int:
        return self._keys.get(key, self.header)


_TABLE_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[=.]""")


def _entry_key_lines(rows: list[str], header: int) -> dict[str, int]:
    """The line of each key of the table whose header is on line ``header`` (1-based): the
    rows up to the next table header. A multi-line string or array is skipped over as
    long as its continuation lines do not look like ``key =`` themselves."""
    keys: dict[str, int] = {}
    for number in range(header + 1, len(rows) + 1):
        row = rows[number - 1]
        if _TABLE_HEADER.match(row):
            break
        match = _KEY.match(row)
        if match:
            keys.setdefault(next(g for g in match.groups() if g is not None), number)
    return keys


def _entry(item: Any, file: str, at: _KeyLines, domain: str, problems: _Problems) -> GlossaryEntry | None:
    line = at.header
    if not isinstance(item, dict):
        problems.add(line, "an entry must be a table")
        return None
    before = len(problems)
    for key in item:
        if key not in _ENTRY_KEYS:
            problems.add(at(key), f"unknown key {key!r}")

    raw_term = item.get("term")
    term = _text(raw_term)
    if raw_term is not None and not isinstance(raw_term, str):
        problems.add(at("term"), "term must be a string")
    elif not term:
        problems.add(line, "missing term")
    label = term or "entry"

    reading = _text(item.get("reading"))
    if not reading:
        problems.add(line, f"{label}: missing reading")
    elif not HIRAGANA_READING.match(reading):
        problems.add(
            at("reading"), f"{label}: reading {reading!r} is not hiragana (no katakana, spaces or romaji)"
        )
    elif term:
        misfit = _reading_misfit(term, reading)
        if misfit:
            problems.add(at("reading"), f"{term}: {misfit}")

    glosses = _glosses(item, label, at, problems)

    kind = item.get("kind", "term")
    if kind not in KINDS:
        problems.add(at("kind"), f"{label}: unknown kind {kind!r} (one of {', '.join(KINDS)})")

    variants = _variants(item.get("variants", []), term, reading, label, at("variants"), problems)

    for key in ("note", "description"):
        if key in item and not isinstance(item[key], str):
            problems.add(at(key), f"{label}: {key} must be a string")
    as_of = item.get("as_of")
    if as_of is not None and (
        isinstance(as_of, bool) or not isinstance(as_of, int) or not _FIRST_YEAR <= as_of <= _LAST_YEAR
    ):
        problems.add(at("as_of"), f"{label}: as_of must be a year, e.g. 2025")

    family = _family(item.get("family"), term, reading, kind, label, at("family"), problems)

    if len(problems) > before or glosses is None:
        return None
    return GlossaryEntry(
        term=term,
        reading=reading,
        glosses=glosses,
        kind=cast(ItemKind, kind),
        note=_text(item.get("note")),
        variants=variants,
        description=_text(item.get("description")),
        domain=domain,
        file=file,
        line=line,
        as_of=as_of,
        family=family,
    )


def _family(
    value: Any, term: str, reading: str, kind: Any, label: str, line: int, problems: _Problems
) -> FamilyName | None:
    if value is None:
        return None
    if kind != "person":
        problems.add(line, f"{label}: family is only for kind = \"person\"")
        return None
    if not isinstance(value, dict) or set(value) != set(_FAMILY_KEYS):
        problems.add(line, f"{label}: family must be {{ term = \"…\", reading = \"…\", gloss = \"…\" }}")
        return None
    if not all(isinstance(value[k], str) and value[k].strip() for k in _FAMILY_KEYS):
        problems.add(line, f"{label}: family term, reading and gloss must be non-empty strings")
        return None
    family = FamilyName(*(value[k].strip() for k in _FAMILY_KEYS))
    if not HIRAGANA_READING.match(family.reading):
        problems.add(line, f"{label}: family reading {family.reading!r} is not hiragana")
    elif not (term.startswith(family.term) and len(family.term) < len(term)):
        problems.add(line, f"{label}: family {family.term} is not the start of the term")
    elif not (reading.startswith(family.reading) and len(family.reading) < len(reading)):
        problems.add(line, f"{label}: family reading {family.reading!r} is not the start of the reading")
    return family


def _glosses(item: dict[str, Any], label: str, at: _KeyLines, problems: _Problems) -> tuple[str, ...] | None:
    line = at("glosses") if "glosses" in item else at("gloss")
    if "gloss" in item and "glosses" in item:
        problems.add(max(at("gloss"), at("glosses")), f"{label}: give gloss or glosses, not both")
        return None
    if "glosses" in item:
        value = item["glosses"]
        if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
            problems.add(line, f"{label}: glosses must be a list of strings")
            return None
        glosses = tuple(g.strip() for g in value)
    elif "gloss" in item:
        if not isinstance(item["gloss"], str):
            problems.add(line, f"{label}: gloss must be a string (use glosses for a list)")
            return None
        glosses = (item["gloss"].strip(),)
    else:
        problems.add(at.header, f"{label}: missing gloss")
        return None
    if not glosses or not all(glosses):
        problems.add(line, f"{label}: empty gloss")
        return None
    return glosses


def _variants(
    value: Any, term: str, reading: str, label: str, line: int, problems: _Problems
) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(line, f"{label}: variants must be a list of non-empty strings")
        return ()
    variants: list[str] = []
    for variant in (v.strip() for v in value):
        if variant == term:
            problems.add(line, f"{label}: a variant repeats the term")
        elif variant in variants:
            problems.add(line, f"{label}: variant {variant} is listed twice")
        else:
            variants.append(variant)
            # A kana-only variant reads as written; anything else must share the reading.
            checkable = bool(HIRAGANA_READING.match(reading)) and not _is_kana_only(variant)
            if checkable and _reading_misfit(variant, reading):
                problems.add(line, f"{label}: variant {variant} cannot be read {reading!r}")
    return tuple(variants)


def _is_kana(ch: str) -> bool:
    # ヵ and ヶ are left out: they stand for 箇 and read か, が or こ (霞ヶ関, 3ヶ国).
    return "\u3041" <= ch <= "\u3096" or "\u30a1" <= ch <= "\u30f4" or ch == "ー"


def _is_kana_only(text: str) -> bool:
    return any(_is_kana(c) for c in text) and all(_is_kana(c) or c in _SEPARATORS for c in text)


def _kana_reading(text: str) -> str:
    return katakana_to_hiragana("".join(c for c in text if c not in _SEPARATORS))


def _reading_misfit(form: str, reading: str) -> str:
    """Why ``reading`` cannot be a reading of ``form``, or ``""`` if it can.

    The kana written in the form must appear in the reading, in order, and every other
    run (kanji, Latin letters, digits) must read as at least one kana. This catches typos
    (ゼレンスキー read ぜれんすきい) and readings pasted onto the wrong term, not wrong
    readings of kanji, which only a person can check.
    """
    if _is_kana_only(form):
        expected = _kana_reading(form)
        if reading == expected:
            return ""
        return f"reading {reading!r} does not match the term's kana ({expected!r})"
    pattern = ""
    for ch in form:
        if ch in _SEPARATORS:
            continue
        if _is_kana(ch):
            pattern += re.escape(katakana_to_hiragana(ch))
        elif not pattern.endswith(".+"):
            pattern += ".+"
    if re.fullmatch(pattern, reading):
        return ""
    return f"reading {reading!r} does not fit the kana written in the term"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
