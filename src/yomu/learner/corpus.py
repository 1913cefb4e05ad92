"""Vocabulary across several articles: one entry per word, with where it occurs.

Items of all given documents are merged by ``(text, reading)`` — the identity a learner
studies (橋 and 箸 stay apart) — counts summed, documents and the first occurrence in
each collected in document order. ``yomu deck`` makes one note per entry and ``yomu
vocab`` one row; both rank entries by :func:`yomu.learner.levels.importance` of the summed count,
words and names (:func:`yomu.learner.ranking.is_name`) each in their own section
(:func:`ranked_sections`), so names never push words out of a ``--max``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..model import Document, Sentence, VocabItem
from .levels import importance
from .ranking import is_name


@dataclass(frozen=True)
class Occurrence:
    """Where an item first occurs in one document: tokens ``first:last`` of ``sentence``."""

    doc: Document
    sentence: Sentence
    first: int
    last: int
    """Exclusive."""


@dataclass(frozen=True)
class CorpusItem:
    item: VocabItem
    """The item as the first document that has it made it, ``count`` summed over all."""
    order: int
    """Position of first appearance across the documents (document order, then text order)."""
    docs: tuple[Document, ...]
    occurrences: tuple[Occurrence, ...]
    """The first occurrence in each document that has one, in document order."""

    @property
    def count(self) -> int:
        return self.item.count


def item_runs(sentence: Sentence) -> Iterator[tuple[str, int, int]]:
    """Each run of consecutive tokens of one item in ``sentence``: (item id, first, end)."""
    tokens = sentence.tokens
    i = 0
    while i < len(tokens):
        item = tokens[i].item
        j = i + 1
        if item is not None:
            while j < len(tokens) and tokens[j].item == item:
                j += 1
            yield item, i, j
        i = j


def first_occurrences(doc: Document) -> dict[str, Occurrence]:
    """Item id → its first run of consecutive tokens, found in one pass over the document."""
    found: dict[str, Occurrence] = {}
    for sentence in doc.sentences():
        for item, i, j in item_runs(sentence):
            if item not in found:
                found[item] = Occurrence(doc, sentence, i, j)
    return found


def merge_documents(docs: Sequence[Document]) -> list[CorpusItem]:
    """One entry per (text, reading) across ``docs``, in order of first appearance."""
    items: dict[tuple[str, str], VocabItem] = {}
    counts: dict[tuple[str, str], int] = {}
    in_docs: dict[tuple[str, str], list[Document]] = {}
    occurrences: dict[tuple[str, str], list[Occurrence]] = {}
    for doc in docs:
        firsts = first_occurrences(doc)
        for item in doc.vocabulary():
            key = (item.text, item.reading)
            items.setdefault(key, item)
            counts[key] = counts.get(key, 0) + item.count
            seen = in_docs.setdefault(key, [])
            # Identity, not ==: == on frozen documents compares every token of both.
            if not any(d is doc for d in seen):
                seen.append(doc)
                if item.id in firsts:
                    occurrences.setdefault(key, []).append(firsts[item.id])
    return [
        CorpusItem(
            item=replace(item, count=counts[key]),
            order=order,
            docs=tuple(in_docs[key]),
            occurrences=tuple(occurrences.get(key, ())),
        )
        for order, (key, item) in enumerate(items.items())
    ]


def ranked(entries: Sequence[CorpusItem], max_items: int | None = None) -> list[CorpusItem]:
    """Most important first (occurrences × rarity); ties keep the order of first appearance."""
    result = sorted(entries, key=lambda e: (-importance(e.item), e.order))
    return result if max_items is None else result[: max(0, max_items)]


@dataclass(frozen=True)
class Sections:
    """Entries ranked in two sections: the words to learn, then the names."""

    words: list[CorpusItem]
    names: list[CorpusItem]
    """People, places, organisations and events: "People and places in this article"."""


def ranked_sections(
    entries: Sequence[CorpusItem], max_words: int | None = None, max_names: int | None = None
) -> Sections:
    """Words and names apart, each most important first and cut to its own maximum.

    ``max_names`` ``None`` is ``max_words``: ``--max 20`` keeps the 20 most important
    words and, beside them, the 20 most important names.
    """
    if max_names is None:
        max_names = max_words
    words = [e for e in entries if not is_name(e.item)]
    names = [e for e in entries if is_name(e.item)]
    return Sections(ranked(words, max_words), ranked(names, max_names))
