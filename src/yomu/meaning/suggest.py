"""``yomu glossary suggest``: what a glossary for these articles still lacks.

A user grows a glossary for a new topic by annotating a few articles of it and filling
in what yomu could not gloss as one thing. The candidates, per sentence of the
annotated documents:

* ``composed``: items whose gloss was composed from their parts (和平|案 before the
  glossary had it) — the composed gloss is shown as a hint;
* ``compound``: runs of 2–8 adjacent nouns, prefixes and suffixes written in kanji or
  katakana that did not become one item (越境攻撃|対策: each part glossed separately, or
  not at all). Numbers and their counters, person names and unglossed katakana words
  break a run; a run neither starts with a suffix nor ends with a prefix;
* ``no gloss``: proper nouns (Sudachi 固有名詞) and katakana nouns with no gloss at all;
  adjacent name tokens, also across ・ and ＝, are one candidate (a full name);
* ``jmnedict``: names glossed from JMnedict only, whose readings are a guess.

Anything the glossary already has (term or variant) is left out. Candidates are merged
across all documents by term and reading, counted, and ordered by count, then by first
appearance; the first sentence each occurs in is kept. The output is a TOML glossary
skeleton with every gloss empty, which ``yomu glossary check`` rejects until the user
fills each one in — on purpose, so a half-filled file is never used by accident.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..model import Document, ItemKind, Sentence, Token, VocabItem
from ..words.kana import is_kanji, katakana_to_hiragana
from .glossary import Glossary
from .names import NAME_JOINERS, TITLES
from .word_classes import MAX_SPAN_TOKENS

Why = Literal["composed", "compound", "no gloss", "jmnedict"]

_RUN_HEADS = frozenset({"名詞", "接頭辞", "接尾辞"})
# Offices that follow a name, beyond names.TITLES: a guess of kind "person" only.
_OFFICES = frozenset(
    {"知事", "州知事", "市長", "町長", "村長", "大臣", "首長", "司令官", "司令", "代表", "会長", "顧問",
     "社長", "総裁", "総長", "委員長", "幹事長", "事務総長", "次官", "教授", "監督", "選手", "容疑者", "被告"}
)  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    term: str
    reading: str
    """Hiragana: yomu's reading of the term in the article (check it)."""
    kind: ItemKind
    why: Why
    hint: str
    """The composed gloss, the parts' glosses or JMnedict's gloss; empty when there is none."""
    count: int
    files: tuple[str, ...]
    sentence: str
    """The first sentence the term occurs in."""


@dataclass
class _Tally:
    term: str
    reading: str
    kind: ItemKind
    why: Why
    hint: str
    sentence: str
    count: int = 0
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Occurrence:
    term: str
    reading: str
    kind: ItemKind
    why: Why
    hint: str


def suggest(docs: Sequence[Document], glossary: Glossary) -> tuple[Suggestion, ...]:
    """The candidates of all ``docs`` that ``glossary`` lacks, most frequent first."""
    tallies: dict[tuple[str, str], _Tally] = {}
    for doc in docs:
        items = {item.id: item for item in doc.items}
        source = doc.source or "<text>"
        for sentence in doc.sentences():
            for _, found in sorted(_occurrences(sentence, items), key=lambda pair: pair[0]):
                if found.term in glossary or _undotted(found.term) in glossary:
                    continue
                key = (found.term, found.reading)
                tally = tallies.get(key)
                if tally is None:
                    tally = tallies[key] = _Tally(
                        found.term, found.reading, found.kind, found.why, found.hint, _one_line(sentence.text)
                    )
                tally.count += 1
                if source not in tally.files:
                    tally.files.append(source)
    ordered = sorted(tallies.values(), key=lambda t: -t.count)  # stable: first appearance breaks ties
    return tuple(
        Suggestion(t.term, t.reading, t.kind, t.why, t.hint, t.count, tuple(t.files), t.sentence)
        for t in ordered
    )


def _occurrences(sentence: Sentence, items: Mapping[str, VocabItem]) -> Iterator[tuple[int, _Occurrence]]:
    """Each candidate of one sentence with the index of its first token."""
    tokens = sentence.tokens
    units = _units(tokens, items)
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.item is not None and unit.item.source == "composed":
            item = unit.item
            yield unit.start, _Occurrence(item.text, item.reading, "term", "composed", item.glosses[0])
        elif _is_name_unit(unit, tokens):
            parts = [unit]
            while i + 1 < len(units):
                if _is_name_unit(units[i + 1], tokens):
                    i += 1
                elif (
                    i + 2 < len(units)
                    and tokens[units[i + 1].start].surface in NAME_JOINERS
                    and _is_name_unit(units[i + 2], tokens)
                ):
                    i += 2
                else:
                    break
                parts.append(units[i])
            found = _name(tokens, parts)
            if found is not None:
                yield unit.start, found
        i += 1
    yield from _compounds(tokens, items)


@dataclass(frozen=True)
class _Unit:
    """The tokens of one item (or one token of none): ``tokens[start:end]``."""

    start: int
    end: int
    item: VocabItem | None


def _units(tokens: Sequence[Token], items: Mapping[str, VocabItem]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(tokens):
        end = i + 1
        if tokens[i].item is not None:
            while end < len(tokens) and tokens[end].item == tokens[i].item:
                end += 1
        units.append(_Unit(i, end, items.get(tokens[i].item or "")))
        i = end
    return units


def _is_name_unit(unit: _Unit, tokens: Sequence[Token]) -> bool:
    """A name glossed from JMnedict only, or a name-like token with no gloss at all."""
    if unit.item is not None:
        return unit.item.source == "jmnedict"
    after_number = unit.start > 0 and _is_number(tokens[unit.start - 1])
    return _is_unglossed_name(tokens[unit.start]) and not after_number


def _name(tokens: Sequence[Token], parts: Sequence[_Unit]) -> _Occurrence | None:
    """One name candidate of adjacent name parts (ボグダン・クラスノフ is one person)."""
    start, end = parts[0].start, parts[-1].end
    span = tokens[start:end]
    named = [p.item for p in parts if p.item is not None]
    if len(parts) == 1 and parts[0].item is not None:
        item = parts[0].item
        return _Occurrence(item.text, item.reading, _entry_kind(item.kind), "jmnedict", item.glosses[0])
    term = "".join(t.surface for t in span)
    reading = "".join(t.reading or "" for t in span if t.surface not in NAME_JOINERS)
    if len(_undotted(term)) < 2 or not reading:
        return None
    kinds = {item.kind for item in named}
    if "person" in kinds or any(t.pos[2:3] == ("人名",) for t in span):
        kind: ItemKind = "person"
    elif "place" in kinds or any(t.pos[2:3] == ("地名",) for t in span):
        kind = "place"
    elif "organisation" in kinds or any(t.pos[2].startswith("組織") for t in span):
        kind = "organisation"
    elif end < len(tokens) and (tokens[end].surface in TITLES or tokens[end].surface in _OFFICES):
        kind = "person"  # ウィトコフ特使, シネグボフ知事: a word before a title names a person
    else:
        kind = "term"
    if not named:
        return _Occurrence(term, katakana_to_hiragana(reading), kind, "no gloss", "")
    hint = " + ".join(
        "".join(t.surface for t in tokens[p.start : p.end]) + " " + (p.item.glosses[0] if p.item else "?")
        for p in parts
    )
    return _Occurrence(term, katakana_to_hiragana(reading), kind, "jmnedict", hint)


def _compounds(tokens: Sequence[Token], items: Mapping[str, VocabItem]) -> Iterator[tuple[int, _Occurrence]]:
    parts = [
        _is_compound_part(token, items)
        # The word after a number is its counter or unit (1|時間|半, 30|分間): never a part.
        and not (i and _is_number(tokens[i - 1]))
        for i, token in enumerate(tokens)
    ]
    start = 0
    while start < len(tokens):
        if not parts[start]:
            start += 1
            continue
        end = start
        while end < len(tokens) and parts[end]:
            end += 1
        found = _compound(tokens[start:end], items)
        if found is not None:
            yield start, found
        start = end


def _compound(run: Sequence[Token], items: Mapping[str, VocabItem]) -> _Occurrence | None:
    first, last = 0, len(run)
    while first < last and run[first].pos[0] == "接尾辞":
        first += 1
    while last > first and run[last - 1].pos[0] == "接頭辞":
        last -= 1
    run = run[first:last]
    if not 2 <= len(run) <= MAX_SPAN_TOKENS:
        return None
    ids = {t.item for t in run}
    if len(ids) == 1 and None not in ids:
        return None  # one item already: a JMdict word, a glossary term or a composed item
    parts: list[str] = []
    for group in _groups(run):
        item = items.get(group[0].item or "")
        text = "".join(t.surface for t in group)
        parts.append(f"{text} {item.glosses[0]}" if item is not None and item.glosses else f"{text} ?")
    term = "".join(t.surface for t in run)
    reading = "".join(t.reading or "" for t in run)
    return _Occurrence(term, katakana_to_hiragana(reading), "term", "compound", " + ".join(parts))


def _groups(run: Sequence[Token]) -> Iterator[list[Token]]:
    """Consecutive tokens of one item together; tokens of no item one by one."""
    group: list[Token] = []
    for token in run:
        if group and (token.item is None or token.item != group[-1].item):
            yield group
            group = []
        group.append(token)
    if group:
        yield group


def _is_compound_part(token: Token, items: Mapping[str, VocabItem]) -> bool:
    pos = token.pos
    item = items.get(token.item or "")
    return (
        pos[0] in _RUN_HEADS
        # A person's name and their title stay apart (ゼレンスキー|大統領), as vocabulary.py keeps them.
        and (item is None or item.kind != "person")
        and pos[1] != "数詞"
        and pos[2] != "助数詞"
        and pos[2] != "人名"
        and token.reading is not None
        and not _is_unglossed_name(token)
        and all(is_kanji(ch) or _is_katakana(ch) for ch in token.surface)
    )


def _is_unglossed_name(token: Token) -> bool:
    if token.item is not None or token.pos[0] != "名詞" or token.pos[1] == "数詞" or not token.reading:
        return False
    if not all(is_kanji(ch) or _is_katakana(ch) for ch in token.surface):
        return False  # Latin words (Ukraine, Reuters) are English already
    return token.pos[1] == "固有名詞" or all(_is_katakana(ch) for ch in token.surface)


def _entry_kind(kind: ItemKind) -> ItemKind:
    """A kind a glossary entry may have (``word`` is the dictionaries' own)."""
    return "term" if kind == "word" else kind


def _is_number(token: Token) -> bool:
    return token.pos[1] == "数詞" or token.surface[-1:].isdigit()


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def _undotted(term: str) -> str:
    return "".join(ch for ch in term if ch not in NAME_JOINERS)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- output ----------------------------------------------------------------------------------


def render_toml(suggestions: Sequence[Suggestion], sources: Sequence[str]) -> str:
    """A glossary skeleton: one ``[[entry]]`` per suggestion, its gloss left empty to fill in."""
    lines = [
        f"# {len(suggestions)} glossary candidates from {', '.join(sources)}, by `yomu glossary suggest`.",
        "# Fill in each gloss (or delete the entry), check the reading and kind, then",
        "#   yomu glossary check FILE && yomu annotate ARTICLE --glossary FILE",
        "# Every gloss is empty on purpose: `yomu glossary check` fails until each one is filled in.",
    ]
    if not suggestions:
        lines += ["", "# Nothing to suggest: every compound and name got a gloss of its own."]
    for s in suggestions:
        why = {
            "composed": f"composed gloss: {s.hint}",
            "compound": f"parts: {s.hint}",
            "no gloss": "no gloss",
            "jmnedict": f"from JMnedict ({s.hint}), check the reading",
        }[s.why]
        lines += [
            "",
            f"# {s.count}× in {', '.join(s.files)} — {why}",
            f"# {s.sentence}",
            "[[entry]]",
            f"term = {_toml_string(s.term)}",
            f"reading = {_toml_string(s.reading)}",
            'gloss = ""',
            f"kind = {_toml_string(s.kind)}",
        ]
    return "\n".join(lines) + "\n"


def render_tsv(suggestions: Sequence[Suggestion]) -> str:
    rows = [("count", "term", "reading", "kind", "why", "hint", "files", "sentence")]
    rows += [
        (str(s.count), s.term, s.reading, s.kind, s.why, s.hint, ", ".join(s.files), s.sentence)
        for s in suggestions
    ]
    return "".join("\t".join(_one_line(cell) for cell in row) + "\n" for row in rows)


def _toml_string(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
