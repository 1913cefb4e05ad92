"""What the reader page says of each vocabulary item: its popup's data (glosses, senses,
forms met, kanji, grammar), the brief's entries and the printed word list's lines.

Plain data for the template and the JSON block; escaping is theirs (autoescaping and
``_script_json`` in :mod:`yomu.renderers.html`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..learner.levels import rank_by_importance
from ..learner.ranking import is_name
from ..meaning.grammar import GrammarTally, shipped_grammar
from ..model import Block, Document, VocabItem
from ..words.inflection import describe
from .kanji import kanji_data

if TYPE_CHECKING:
    from ..meaning.dict_entries import KanjiDetail

BRIEF_GLOSSES = 3
"""Glosses of the primary sense shown in the brief; the popup shows them all."""

WORDLIST_SENSES = 2
"""Senses besides the primary one in the printed word list."""

KIND_LABEL = {
    "word": "word",
    "term": "term",
    "person": "name (person)",
    "place": "name (place)",
    "organisation": "name (organisation)",
    "event": "name (event)",
    "expression": "expression",
}
SOURCE_LABEL = {
    "jmdict": "JMdict",
    # JMnedict lists several readings for most names; the one shown is Sudachi's pick.
    "jmnedict": "JMnedict (reading from JMnedict, may vary)",
    "glossary": "glossary",
    "composed": "composed from its parts",
    "name": "a name, not in yomu's dictionaries",
}



@dataclass(frozen=True)
class BriefEntry:
    text: str
    reading: str
    gloss: str
    tag: str
    anchor: str


def is_term(item: VocabItem) -> bool:
    return item.kind != "word" or item.source in ("glossary", "jmnedict")


def marked_items(doc: Document) -> tuple[VocabItem, ...]:
    """The items the page marks: all of them unless the learner knows some."""
    return tuple(i for i in doc.vocabulary() if not i.known)


def coverage_text(doc: Document) -> dict[str, str]:
    coverage = doc.coverage()
    return {
        "share": f"{coverage.known_share:.0%}",
        "running": f"{coverage.running_words:,}",
        "new": f"{coverage.new_items:,}",
    }


def primary_glosses_text(item: VocabItem, limit: int | None = None) -> str:
    return "; ".join(item.primary_glosses[:limit])


def other_senses_text(item: VocabItem) -> list[str]:
    return ["; ".join(s.glosses) for n, s in enumerate(item.senses) if n != item.primary and s.glosses]


def item_meta(item: VocabItem) -> str:
    label = f"{KIND_LABEL.get(item.kind, item.kind)} · {SOURCE_LABEL.get(item.source, item.source)}"
    if item.composed_from:
        label += ": " + " + ".join(item.composed_from)
    if item.level:
        label += f" · ~{item.level}"
    return label


FORMS_SHOWN = 6
"""Inflected forms of one item listed in its popup (the first met)."""


class InflectedForms:
    """Each item's inflected forms met in the article, with their grammar, for its popup:
    ``話し合われた: 話し合う + passive + past``. A popup belongs to the item, not to one
    occurrence, so it lists the forms seen (the JSON has each occurrence's steps)."""

    def __init__(self) -> None:
        self.by_item: dict[str, list[str]] = {}

    def add(self, blocks: Sequence[Block]) -> None:
        by_item = self.by_item
        for block in blocks:
            for sentence in block.sentences:
                tokens = sentence.tokens
                for n, token in enumerate(tokens):
                    word = token.word
                    inflection = word.inflection
                    if inflection is None:
                        continue
                    item = word.item
                    # 実施された: the grammar is on する, the word is the noun's item.
                    if item is None and n and inflection.text.startswith(tokens[n - 1].surface):
                        item = tokens[n - 1].item
                    if item is None:
                        continue
                    line = f"{inflection.text}: {describe(inflection)}"
                    seen = by_item.setdefault(item, [])
                    if len(seen) < FORMS_SHOWN and line not in seen:
                        seen.append(line)


@dataclass(frozen=True)
class GrammarEntry:
    """One line of the brief's "Grammar in this article"."""

    level: str
    pattern: str
    reading: str
    explanation: str
    count: int


class PageGrammar:
    """The news grammar patterns of the page (``yomu.meaning.grammar``): for the brief, and for
    the popup of the item a pattern's first glossed token belongs to (に向けて's own
    item; 方針's in 導入する方針): ``Grammar: 〜方針 (N3) plans to …``. A pattern made
    only of particles and auxiliaries (〜ざるを得ない) has no popup and is in the brief."""

    def __init__(self) -> None:
        self.by_item: dict[str, list[str]] = {}
        self._tally = GrammarTally(positions=False)  # the brief shows counts, not places

    def add(self, blocks: Sequence[Block]) -> None:
        self._tally.add(blocks)
        patterns = shipped_grammar().patterns
        for block in blocks:
            for sentence in block.sentences:
                for match in sentence.grammar:
                    item = next(
                        (t.item for t in sentence.tokens[match.start : match.end] if t.item is not None), None
                    )
                    if item is None:
                        continue
                    p = patterns[match.pattern]
                    line = f"Grammar: {p.pattern} ({p.level}) {p.explanation}"
                    seen = self.by_item.setdefault(item, [])
                    if line not in seen:
                        seen.append(line)

    def brief(self) -> list[GrammarEntry]:
        """Every pattern used, first used first."""
        return [
            GrammarEntry(
                level=pattern.level,
                pattern=pattern.pattern,
                reading=pattern.reading,
                explanation=pattern.explanation,
                count=count,
            )
            for pattern, count in self._tally.counts()
        ]


def item_data(
    item: VocabItem,
    forms: Sequence[str] = (),
    kanji: Sequence[KanjiDetail] = (),
    grammar: Sequence[str] = (),
) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "reading": item.reading,
        "gloss": primary_glosses_text(item),
        "senses": other_senses_text(item),
        "note": " ".join(part for part in (item.description, item.note) if part),
        "also": "、".join(item.other_readings),
        "meta": item_meta(item),
        "forms": list(forms),
        "kanji": [kanji_data(k) for k in kanji],
        "grammar": list(grammar),
    }


def brief_entries(doc: Document, anchors: dict[str, str], *, names: bool = False) -> list[BriefEntry]:
    """The brief's words, most important first; with ``names``, its people and places
    (:func:`yomu.learner.ranking.is_name`), listed apart so they do not crowd the words out."""
    return [
        BriefEntry(
            text=item.text,
            reading=item.reading if item.reading != item.text else "",
            gloss=primary_glosses_text(item, BRIEF_GLOSSES),
            tag=KIND_LABEL.get(item.kind, item.kind) if is_term(item) else "",
            anchor=anchors.get(item.id, ""),
        )
        for item in rank_by_importance(marked_items(doc))
        if is_name(item) == names
    ]


def wordlist_entry(item: VocabItem) -> dict[str, str]:
    return {
        "text": item.text,
        "reading": item.reading if item.reading != item.text else "",
        # Paper has no popups, but it has no room for fourteen senses of 開く either.
        "gloss": " / ".join([primary_glosses_text(item), *other_senses_text(item)[:WORDLIST_SENSES]]),
    }
