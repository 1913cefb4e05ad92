"""Domain glossaries: terms no dictionary holds as one word, and names with their readings.

A glossary is a TOML file of ``[[entry]]`` tables::

    [glossary]                      # optional
    domain = "diplomacy_security"
    description = "Diplomacy and security"

    [[entry]]
    term = "和平案"
    reading = "わへいあん"          # hiragana, no spaces
    gloss = "peace plan"            # or glosses = ["peace plan", "peace proposal"]
    kind = "term"                   # term | person | place | organisation | event
    variants = ["和平計画案"]        # other spellings that mean the same (optional)
    note = ""                       # optional
    description = ""                # people: "Volodymyr Zelensky — President of Ukraine"
    as_of = 2025                    # optional: the year the description was true

Shipped glossaries live in ``glossaries/`` at the top of the repository and inside the
wheel as ``yomu/glossaries``. Users' glossaries are loaded after them and win on the
same term.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast, get_args

from .errors import GlossaryError
from .model import ItemKind

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KINDS: tuple[str, ...] = tuple(k for k in get_args(ItemKind) if k != "word")
_ENTRY_KEYS = {"term", "reading", "gloss", "glosses", "kind", "variants", "note", "description", "as_of"}
_TOP_KEYS = {"glossary", "entry"}
_HIRAGANA = re.compile(r"^[\u3041-\u3096ー]+$")
_ENTRY_HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]\s*(#.*)?$")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    reading: str
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
    as_of: int | None = None


class Glossary:
    """Entries looked up by term or variant, exactly."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        self.entries: tuple[GlossaryEntry, ...] = tuple(entries)
        index: dict[str, GlossaryEntry] = {}
        # Later entries win: user glossaries are loaded after the shipped ones.
        for entry in self.entries:
            for form in (entry.term, *entry.variants):
                index[form] = entry
        self._index = index
        self._max = max((len(form) for form in index), default=0)

    def get(self, text: str) -> GlossaryEntry | None:
        return self._index.get(text)

    def __contains__(self, text: object) -> bool:
        return text in self._index

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def max_term_length(self) -> int:
        return self._max

    @classmethod
    def from_entries(cls, entries: Iterable[GlossaryEntry]) -> Glossary:
        return cls(entries)

    @classmethod
    def shipped(cls) -> Glossary:
        return _shipped()

    @classmethod
    def load(cls, paths: Sequence[Path], *, include_shipped: bool = True) -> Glossary:
        entries: list[GlossaryEntry] = list(_shipped().entries) if include_shipped else []
        for path in paths:
            entries.extend(read_glossary(Path(path)))
        return cls(entries)


def shipped_glossary_dir() -> Path:
    installed = Path(__file__).parent / "glossaries"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "glossaries"


@cache
def _shipped() -> Glossary:
    entries: list[GlossaryEntry] = []
    for path in sorted(shipped_glossary_dir().glob("*.toml")):
        entries.extend(read_glossary(path))
    return Glossary(entries)


def read_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    """Entries of one glossary file; the first problem raises ``GlossaryError``."""
    entries, problems = _parse(path)
    if problems:
        raise GlossaryError(problems[0])
    return entries


def check_glossary(path: Path) -> list[str]:
    """Every problem of one file as ``file:line: message``; empty when the file is fine."""
    return _parse(path)[1]


def check_glossaries(paths: Sequence[Path]) -> list[str]:
    """Problems of each file, then conflicts between files (same term, other reading or gloss)."""
    problems: list[str] = []
    seen: dict[str, GlossaryEntry] = {}
    for path in paths:
        entries, file_problems = _parse(Path(path))
        problems.extend(file_problems)
        for entry in entries:
            for form in (entry.term, *entry.variants):
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


def _parse(path: Path) -> tuple[tuple[GlossaryEntry, ...], list[str]]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return (), [f"{name}:0: no such file"]
    except IsADirectoryError:
        return (), [f"{name}:0: is a directory, not a glossary file"]
    except OSError as exc:
        return (), [f"{name}:0: cannot read ({exc.strerror or exc})"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return (), [f"{name}:0: is not UTF-8 text; save the glossary as UTF-8"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else 0
        message = str(exc).split(" (at ")[0]
        return (), [f"{name}:{line}: invalid TOML: {message}"]
    lines = [i + 1 for i, row in enumerate(text.splitlines()) if _ENTRY_HEADER.match(row)]
    problems: list[str] = []
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(
                f"{name}:1: unknown top-level key {key!r} (expected [glossary] and [[entry]] tables)"
            )
    header = data.get("glossary", {})
    domain = str(header.get("domain", path.stem)) if isinstance(header, dict) else path.stem
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        return (), [*problems, f"{name}:1: 'entry' must be an array of tables: write [[entry]]"]
    entries: list[GlossaryEntry] = []
    seen: dict[str, GlossaryEntry] = {}
    for number, item in enumerate(raw_entries):
        line = lines[number] if number < len(lines) else 0
        entry, entry_problems = _entry(item, name, line, domain)
        problems.extend(entry_problems)
        if entry is None:
            continue
        for form in (entry.term, *entry.variants):
            other = seen.get(form)
            if other is not None and _conflicts(other, entry):
                problems.append(
                    f"{name}:{line}: {form} is already defined at line {other.line} "
                    f"with another reading or gloss"
                )
            seen.setdefault(form, entry)
        entries.append(entry)
    return tuple(entries), problems


def _entry(item: Any, file: str, line: int, domain: str) -> tuple[GlossaryEntry | None, list[str]]:
    where = f"{file}:{line}:"
    if not isinstance(item, dict):
        return None, [f"{where} an entry must be a table"]
    problems = [f"{where} unknown key {key!r}" for key in item if key not in _ENTRY_KEYS]
    term = _text(item.get("term"))
    reading = _text(item.get("reading"))
    glosses = _glosses(item)
    kind = item.get("kind", "term")
    if not term:
        problems.append(f"{where} missing term")
    if not reading:
        problems.append(f"{where} {term or 'entry'}: missing reading")
    elif not _HIRAGANA.match(reading):
        problems.append(
            f"{where} {term}: reading {reading!r} is not hiragana (no katakana, spaces or romaji)"
        )
    if glosses is None:
        problems.append(f"{where} {term or 'entry'}: missing gloss")
    elif not glosses or any(not g for g in glosses):
        problems.append(f"{where} {term or 'entry'}: empty gloss")
    if kind not in KINDS:
        problems.append(f"{where} {term or 'entry'}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    variants = item.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        problems.append(f"{where} {term or 'entry'}: variants must be a list of non-empty strings")
        variants = []
    if term and term in variants:
        problems.append(f"{where} {term}: a variant repeats the term")
    as_of = item.get("as_of")
    if as_of is not None and not isinstance(as_of, int):
        problems.append(f"{where} {term or 'entry'}: as_of must be a year, e.g. 2025")
        as_of = None
    if problems or not term or not reading or not glosses:
        return None, problems
    return GlossaryEntry(
        term=term,
        reading=reading,
        glosses=tuple(glosses),
        kind=cast(ItemKind, kind),
        note=_text(item.get("note")),
        variants=tuple(v.strip() for v in variants if v.strip() != term),
        description=_text(item.get("description")),
        domain=domain,
        file=file,
        line=line,
        as_of=as_of,
    ), []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _glosses(item: dict[str, Any]) -> list[str] | None:
    if "glosses" in item:
        value = item["glosses"]
        return [_text(g) for g in value] if isinstance(value, list) else [_text(value)]
    if "gloss" in item:
        return [_text(item["gloss"])]
    return None
