"""News grammar patterns (〜ざるを得ない, 〜に向けて, 〜方針): found per sentence, explained.

The curated table is ``data/grammar.toml``: each pattern has an id, the pattern as a
learner looks it up, its reading, a JLPT level (N3–N1), a one-line English explanation
and an original example sentence, and says how it is matched in one of two ways:

* ``expression = "に向けて"``: the pattern *is* a set expression of
  ``data/expressions.toml``, which the vocabulary stage already matches as one item with
  its forms and guards. The grammar table adds only its level and explanation, and finds
  it with :meth:`yomu.meaning.expressions.Expressions.match` — the same scan, never a second copy
  of the forms that could drift from the first.
* ``forms``: patterns that are not one vocabulary item (〜ざるを得ない spans an auxiliary,
  a particle and a verb; 〜方針 is a noun after a clause, which stays the word 方針).
  A form is the Sudachi lemmas of its tokens, space-separated; ``=で`` matches a
  surface (ことで, where the lemma is だ). Guards keep look-alikes out: ``after`` (what
  must come just before: ``clause``, ``verb``, ``noun`` or lemmas), ``not_after`` and
  ``not_before`` (what must not come just before or just after).

One table with a flag, not level and explanation spread over two files: the brief lists
every pattern alike, and a reviewer checks one list of levels and explanations.

Matching runs on a sentence's final tokens (after the vocabulary stage, which may split
a name from its title), set expressions first, then the other patterns in the gaps left,
each tried only at tokens whose lemma or surface can start one.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..data import read_text
from ..model import Block, GrammarMatch, Level, Sentence, Token, Word
from ..words.kana import HIRAGANA_READING
from .expressions import Expressions, shipped_expressions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the Python version
    import tomli as tomllib

GRAMMAR_FILE = "grammar.toml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CATEGORIES = {
    "clause": frozenset({"動詞", "形容詞", "助動詞"}),
    "verb": frozenset({"動詞"}),
    "noun": frozenset({"名詞", "代名詞"}),
    "punctuation": frozenset({"補助記号"}),
}
_LEVELS_TAUGHT = ("N3", "N2", "N1")


@dataclass(frozen=True)
class GrammarPattern:
    """One news grammar pattern and how it is found."""

    id: str
    pattern: str
    """As a learner looks it up: 〜ざるを得ない."""
    reading: str
    level: Level
    explanation: str
    """One line of English."""
    example: str
    expression: str = ""
    """The set expression (``data/expressions.toml``'s ``text``) it is matched as, if any."""
    forms: tuple[tuple[str, ...], ...] = ()
    after: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()

    def fits(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """Whether the tokens around ``start:end`` allow this reading of them."""
        previous = tokens[start - 1] if start > 0 else None
        following = tokens[end] if end < len(tokens) else None
        if self.after and (previous is None or not _is_any(previous, self.after)):
            return False
        if previous is not None and _is_any(previous, self.not_after):
            return False
        return following is None or not _is_any(following, self.not_before)


def _is_any(token: Token, what: frozenset[str]) -> bool:
    if token.lemma in what:
        return True
    return any(token.pos[0] in _CATEGORIES[c] for c in what if c in _CATEGORIES)


def _element_fits(element: str, token: Token) -> bool:
    return token.surface == element[1:] if element.startswith("=") else token.lemma == element


_Form = tuple[tuple[str, ...], GrammarPattern]
"""A form (its elements) and the pattern it spells."""


@dataclass(frozen=True)
class GrammarTable:
    """Every pattern by id, and the patterns with forms by the words that start them."""

    patterns: dict[str, GrammarPattern]
    """In the file's order."""
    by_expression: dict[str, str]
    """A set expression's text → the id of its pattern."""
    by_opening: dict[tuple[str, str], tuple[_Form, ...]]
    """The first two elements of a form → its forms, longest first (に is everywhere,
    に|とどまる is not: the pair rejects a position in one look-up)."""
    by_single: dict[str, tuple[_Form, ...]]
    """One-element forms (方針, =べき) by their element."""
    first_lemmas: frozenset[str]
    first_surfaces: frozenset[str]
    """The first elements of forms that match a lemma, and (without the =) a surface:
    the only tokens where a pattern with forms can start."""

    def find(
        self, tokens: Sequence[Token], expressions: Expressions | None = None
    ) -> tuple[GrammarMatch, ...]:
        """The patterns in one sentence's tokens, in order, none overlapping."""
        expressions = expressions or shipped_expressions()
        found: list[GrammarMatch] = []
        n = len(tokens)
        covered: set[int] = set()
        # The set expressions, scanned as the vocabulary stage scans them: left to right,
        # the longest match at each start, the next search after its end.
        starts = expressions.starts
        # The words' own fields: cheaper to read than the tokens' properties.
        words = [t.word for t in tokens]
        after = 0
        for i in [k for k, w in enumerate(words) if w.lemma in starts]:
            if i < after:
                continue
            match = expressions.match(tokens, i, n)
            if match is None:
                continue
            expression, after = match
            covered.update(range(i, after))
            pattern = self.by_expression.get(expression.text)
            if pattern is not None:
                found.append(GrammarMatch(pattern=pattern, start=i, end=after))
        # The other patterns, in the gaps the expressions leave.
        lemmas, surfaces = self.first_lemmas, self.first_surfaces
        after = 0
        for i in [k for k, w in enumerate(words) if w.lemma in lemmas or w.surface in surfaces]:
            if i < after or i in covered:
                continue
            own = self._own_match(tokens, words, i, covered)
            if own is not None:
                pattern_id, after = own
                found.append(GrammarMatch(pattern=pattern_id, start=i, end=after))
        found.sort(key=lambda m: m.start)
        return tuple(found)

    def _own_match(
        self, tokens: Sequence[Token], words: Sequence[Word], start: int, covered: set[int]
    ) -> tuple[str, int] | None:
        """The longest pattern with forms at ``start``, and where it ends; ``words`` are the
        tokens' words (their fields read faster than the tokens' properties)."""
        word = words[start]
        lemma, surface = word.lemma, "=" + word.surface
        opening = self.by_opening.get
        candidates: list[_Form] = []
        if start + 1 < len(words):
            following = words[start + 1]
            second, second_surface = following.lemma, "=" + following.surface
            candidates += opening((lemma, second), ())
            candidates += opening((lemma, second_surface), ())
            candidates += opening((surface, second), ())
            candidates += opening((surface, second_surface), ())
        single = self.by_single.get
        candidates += single(lemma, ())
        candidates += single(surface, ())
        best: tuple[str, int] | None = None
        for form, pattern in candidates:
            end = start + len(form)
            if (best is not None and end <= best[1]) or end > len(tokens):
                continue
            elements = zip(form[2:], tokens[start + 2 : end], strict=True)
            if (
                all(_element_fits(e, t) for e, t in elements)
                and covered.isdisjoint(range(start, end))
                and pattern.fits(tokens, start, end)
            ):
                best = (pattern.id, end)
        return best


def with_grammar(blocks: Iterable[Block], table: GrammarTable | None = None) -> tuple[Block, ...]:
    """``blocks`` with each sentence's :attr:`~yomu.model.Sentence.grammar` found."""
    table = table or shipped_grammar()
    expressions = shipped_expressions()
    out = []
    for block in blocks:
        sentences = tuple(_sentence_with_grammar(s, table, expressions) for s in block.sentences)
        # The constructor, not dataclasses.replace: a third of the time, once per block.
        out.append(Block(block.kind, sentences, block.marker))
    return tuple(out)


def _sentence_with_grammar(sentence: Sentence, table: GrammarTable, expressions: Expressions) -> Sentence:
    found = table.find(sentence.tokens, expressions)
    return Sentence(sentence.text, sentence.tokens, found) if found else sentence


@dataclass(frozen=True)
class GrammarUse:
    """One pattern as a document uses it: where, in sentences counted from 0."""

    pattern: GrammarPattern
    occurrences: tuple[tuple[int, int, int], ...]
    """(sentence index in the document, first token, token after the last)."""


class GrammarTally:
    """The document-level grammar list, built sentence by sentence (also as a long
    document streams by), ordered by each pattern's first occurrence.

    A 100 MB article has millions of occurrences: they are kept as machine integers, three
    per occurrence (32 bits each: no article has four billion sentences), not as tuples,
    and :meth:`counts` and :meth:`occurrences` read them without making the
    :class:`GrammarUse` records :meth:`uses` gives. ``positions=False`` keeps the counts
    alone, for a page, which shows no positions.
    """

    def __init__(self, table: GrammarTable | None = None, *, positions: bool = True) -> None:
        self._table = table or shipped_grammar()
        self._sentences = 0
        self._found: dict[str, array[int]] | None = {} if positions else None
        self._counts: dict[str, int] = {}

    def add(self, blocks: Iterable[Block]) -> None:
        found = self._found
        counts = self._counts
        for block in blocks:
            for sentence in block.sentences:
                for match in sentence.grammar:
                    counts[match.pattern] = counts.get(match.pattern, 0) + 1
                    if found is not None:
                        where = found.get(match.pattern)
                        if where is None:
                            where = found[match.pattern] = array("I")
                        where.extend((self._sentences, match.start, match.end))
                self._sentences += 1

    def counts(self) -> list[tuple[GrammarPattern, int]]:
        """Each pattern used and how often, first used first."""
        patterns = self._table.patterns
        return [(patterns[key], count) for key, count in self._counts.items()]

    def occurrences(self, pattern: GrammarPattern) -> Iterator[tuple[int, int, int]]:
        """Where ``pattern`` occurs: (sentence index, first token, token after the last)."""
        if self._found is None:
            raise ValueError("this tally keeps counts only (positions=False)")
        where = self._found.get(pattern.id, array("I"))
        return zip(where[0::3], where[1::3], where[2::3], strict=True)

    def uses(self) -> tuple[GrammarUse, ...]:
        return tuple(GrammarUse(pattern, tuple(self.occurrences(pattern))) for pattern, _ in self.counts())


def document_grammar(blocks: Iterable[Block]) -> tuple[GrammarUse, ...]:
    """Every pattern the blocks use, first used first."""
    tally = GrammarTally()
    tally.add(blocks)
    return tally.uses()


# --- the table ---------------------------------------------------------------------------


def parse(text: str, name: str = GRAMMAR_FILE, expressions: Expressions | None = None) -> GrammarTable:
    """The table from ``data/grammar.toml``'s text; ``ValueError`` as ``file:line: …``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"line (\d+)", str(error))
        raise ValueError(f"{name}:{at.group(1) if at else 0}: {error}") from None
    expressions = expressions or shipped_expressions()
    known_expressions = {e.text for forms in expressions.forms.values() for e in forms}
    lines = _row_lines(text)
    patterns: dict[str, GrammarPattern] = {}
    by_expression: dict[str, str] = {}
    by_opening: dict[tuple[str, str], list[_Form]] = {}
    by_single: dict[str, list[_Form]] = {}
    rows = data.get("pattern", [])
    if not isinstance(rows, list):
        raise ValueError(f"{name}: 'pattern' must be an array of tables ([[pattern]])")
    for n, raw in enumerate(rows):
        where = f"{name}:{lines[n] if n < len(lines) else '?'}"
        pattern = _pattern(raw, where, known_expressions, expressions)
        if pattern.id in patterns:
            raise ValueError(f"{where}: id {pattern.id!r} is used twice")
        patterns[pattern.id] = pattern
        if pattern.expression:
            if pattern.expression in by_expression:
                raise ValueError(f"{where}: expression {pattern.expression!r} has two patterns")
            by_expression[pattern.expression] = pattern.id
        for form in pattern.forms:
            if len(form) == 1:
                by_single.setdefault(form[0], []).append((form, pattern))
            else:
                by_opening.setdefault((form[0], form[1]), []).append((form, pattern))
    firsts = {key[0] for key in by_opening} | set(by_single)
    return GrammarTable(
        patterns=patterns,
        by_expression=by_expression,
        by_opening={k: tuple(sorted(v, key=lambda f: -len(f[0]))) for k, v in by_opening.items()},
        by_single={k: tuple(v) for k, v in by_single.items()},
        first_lemmas=frozenset(f for f in firsts if not f.startswith("=")),
        first_surfaces=frozenset(f[1:] for f in firsts if f.startswith("=")),
    )


def _row_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[pattern]]"]


_KEYS = frozenset(
    {"id", "pattern", "reading", "level", "explanation", "example", "expression", "forms", "after",
     "not_after", "not_before"}
)  # fmt: skip


def _pattern(
    raw: dict[str, Any], where: str, known_expressions: set[str], expressions: Expressions
) -> GrammarPattern:
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r}")
    for key in ("id", "level", "explanation", "example"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ValueError(f"{where}: missing {key}")
    if not _ID.match(raw["id"]):
        raise ValueError(f"{where}: id {raw['id']!r} is not lower_case_ascii")
    if raw["level"] not in _LEVELS_TAUGHT:
        raise ValueError(f"{where}: level {raw['level']!r} is not N3, N2 or N1")
    if "\n" in raw["explanation"]:
        raise ValueError(f"{where}: explanation is more than one line")
    expression = raw.get("expression", "")
    forms = raw.get("forms", [])
    if bool(expression) == bool(forms):
        raise ValueError(f"{where}: give either expression or forms")
    pattern, reading = raw.get("pattern", ""), raw.get("reading", "")
    if expression:
        if expression not in known_expressions:
            raise ValueError(f"{where}: expression {expression!r} is not in expressions.toml")
        if any(key in raw for key in ("after", "not_after", "not_before")):
            raise ValueError(f"{where}: an expression's guards are expressions.toml's")
        found = next(e for fs in expressions.forms.values() for e in fs if e.text == expression)
        pattern = pattern or "〜" + expression
        reading = reading or found.reading
    for key, value in (("pattern", pattern), ("reading", reading)):
        if not value:
            raise ValueError(f"{where}: missing {key}")
    if not pattern.startswith("〜"):
        raise ValueError(f"{where}: pattern {pattern!r} does not start with 〜")
    if not HIRAGANA_READING.match(reading):
        raise ValueError(f"{where}: reading {reading!r} is not hiragana")
    parsed_forms = tuple(tuple(str(form).split()) for form in forms)
    if any(not form for form in parsed_forms):
        raise ValueError(f"{where}: a form is empty")
    return GrammarPattern(
        id=raw["id"],
        pattern=pattern,
        reading=reading,
        level=raw["level"],
        explanation=raw["explanation"],
        example=raw["example"],
        expression=expression,
        forms=parsed_forms,
        after=_guard(raw, "after", where),
        not_after=_guard(raw, "not_after", where),
        not_before=_guard(raw, "not_before", where),
    )


def _guard(raw: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{where}: {key} must be a list of lemmas or {', '.join(_CATEGORIES)}")
    return frozenset(value)


def check_file(path: Path) -> list[str]:
    """The problem with a grammar table file, as ``file:line: message`` (none if fine)."""
    try:
        parse(path.read_bytes().decode("utf-8-sig"), str(path))
    except FileNotFoundError:
        return [f"{path}:0: no such file"]
    except (ValueError, UnicodeDecodeError) as error:
        return [str(error)]
    return []


def is_grammar_file(path: Path) -> bool:
    """Whether ``yomu glossary check`` checks ``path`` as a grammar table: by its name."""
    return path.name == GRAMMAR_FILE


@cache
def shipped_grammar() -> GrammarTable:
    """The shipped table, parsed on first use."""
    return parse(read_text(GRAMMAR_FILE))
