"""Difficulty: a newspaper-frequency rank and an estimated JLPT level for every item.

No free data set gives JLPT levels for words (JLPT has published no official lists since
2010), so the level is estimated from what jamdict-data ships, and is only an estimate:

Frequency floor, from the JMdict priority tags of the item's written form
    * ``ichi1``, ``spec1``, ``spec2`` or ``gai1`` — the word is common in general Japanese:
      no floor (N5);
    * ``news1`` only — common in newspapers but not in general lists (安全保障, 協定, 停戦,
      東京): at least N4 in the top 2,000 news words (nf01–nf04), N3 to rank 6,000
      (nf05–nf12), else N2 — a learner meets these in news rather than in textbooks;
    * ``news2`` or ``ichi2`` only — less common: at least N1;
    * no tags — outside the frequency lists (国際社会, 軍事的, 同盟国 are untagged
      compounds of common words): N1 for JMdict words, so an N1 reader is not shown them
      but everyone else is.

Kanji ceiling, from KANJIDIC2, the hardest kanji of the written form decides
    old JLPT level 4 → N5, 3 → N4, 2 → N3 for the 500 most frequent kanji in newspapers
    and N2 for the rest (the old level 2 was split into N3 and N2 in 2010), 1 → N1; a
    jōyō kanji outside the old lists → N1; any other kanji → beyond N1. Kana-only words
    have no kanji ceiling.

The level is the harder of the two. Names from JMnedict, glossary people and composed
items have no level: they are what a learner looks up at any level. Other glossary items
take the rank and level of the same written form and reading in JMdict when it has one
(安全保障 is news1 nf02, so N2; ロシア is spec1, so N5), else none.

``rank`` is the upper bound of the item's JMdict newspaper-frequency band: ``nf03`` means
the 1,001st–1,500th most frequent word, rank 1,500. :func:`importance` ranks items for a
reader: occurrences × rarity, where rarity grows with the logarithm of the rank.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import LEVELS, Level, VocabItem
from ..words.kana import is_kanji, katakana_to_hiragana

if TYPE_CHECKING:
    from ..meaning.dict_entries import DictEntry, KanjiInfo
    from ..meaning.dictionary import JMdict

NF_BAND = 500
"""Words per JMdict ``nfXX`` band."""

UNRANKED = 25_000
"""The rank given to items with no frequency band, for importance only: rarer than nf48."""

NEWS_N4_RANK = 2_000
NEWS_N3_RANK = 6_000
"""News-only words (``news1`` without a general tag) this frequent start at N4 / N3."""

FREQUENT_KANJI = 500
"""Old-JLPT-2 kanji this frequent in newspapers count as N3, the rest as N2."""

_GENERAL = frozenset({"ichi1", "spec1", "spec2", "gai1"})
_NEWS = frozenset({"news1"})
_LESS_COMMON = frozenset({"news2", "ichi2"})
_OLD_JLPT: dict[int, Level] = {4: "N5", 3: "N4", 1: "N1"}
# Stand-ins for a kanji that KANJIDIC2 does not list: 人々 is as hard as 人.
_ITERATION_MARKS = frozenset("々〻〆〇ヶヵ")
_NF = re.compile(r"^nf(\d\d)$")


def news_rank(priority: Iterable[str]) -> int | None:
    """The upper bound of the ``nfXX`` band among ``priority``, or ``None``."""
    bands = [int(m.group(1)) for tag in priority if (m := _NF.match(tag))]
    return min(bands) * NF_BAND if bands else None


def harder(a: Level | None, b: Level | None) -> Level | None:
    """The harder of two levels; ``None`` (beyond N1) is hardest."""
    if a is None or b is None:
        return None
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


def frequency_floor(priority: Iterable[str], *, untagged: Level | None = None) -> Level | None:
    """The easiest level a word with these tags may have; ``untagged`` when there are none."""
    tags = set(priority)
    if not tags:
        return untagged
    if tags & _GENERAL:
        return "N5"
    if tags & _NEWS:
        rank = news_rank(tags)
        if rank is not None and rank <= NEWS_N4_RANK:
            return "N4"
        return "N3" if rank is not None and rank <= NEWS_N3_RANK else "N2"
    if tags & _LESS_COMMON:
        return "N1"
    return None


def kanji_level(info: KanjiInfo | None) -> Level | None:
    if info is None:
        return None
    if info.jlpt == 2:
        return "N3" if info.frequency is not None and info.frequency <= FREQUENT_KANJI else "N2"
    if info.jlpt in _OLD_JLPT:
        return _OLD_JLPT[info.jlpt]
    return "N1" if info.grade is not None and info.grade <= 8 else None


def estimate_level(text: str, floor: Level | None, kanji: dict[str, KanjiInfo]) -> Level | None:
    """The harder of the frequency ``floor`` and the kanji ceiling (module docstring)."""
    level = floor
    for ch in text:
        if level is None:
            break
        if is_kanji(ch) and ch not in _ITERATION_MARKS:
            level = harder(level, kanji_level(kanji.get(ch)))
    return level


def importance(item: VocabItem) -> float:
    """Occurrences × rarity; rarity is 1 for the 500 most frequent words, about 5.7 unranked.

    An honorific suffix (氏 "Mr/Ms") counts as met once, see :func:`is_name_honorific`.
    """
    rank = item.rank if item.rank is not None else UNRANKED
    count = 1 if is_name_honorific(item) else item.count
    return count * math.log2(1 + rank / NF_BAND)


def is_name_honorific(item: VocabItem) -> bool:
    """Whether ``item`` means a suffix of respect after a name (氏 "Mr/Ms").

    Such a suffix follows every mention of a person (a news article writes ウィトコフ氏
    dozens of times), so its count says how often the article names people, not how much
    of the text a learner could not read without it: one look at 氏 serves every mention.
    Ranked by its count, 氏 was in the top ten of three of the five seed articles at N3.
    """
    if not item.senses:
        return False
    sense = item.senses[item.primary]
    return "hon" in sense.misc and sense.pos == ("suf",)


def rank_by_importance(items: Sequence[VocabItem]) -> list[VocabItem]:
    """Most important first; the sort is stable, so ties keep the order of first appearance."""
    return sorted(items, key=importance, reverse=True)


def assess(items: Sequence[VocabItem], dictionary: JMdict) -> tuple[VocabItem, ...]:
    """``items`` with ``priority`` (for glossary terms), ``rank`` and ``level`` filled in."""
    # Glossary terms JMdict also holds are ranked as JMdict ranks them, in one batched
    # query. Never people: トランプ the president is not トランプ the playing cards.
    borrowing = [i for i in items if i.source == "glossary" and not i.priority and i.kind != "person"]
    entries = dictionary.entries(i.text for i in borrowing) if borrowing else {}
    borrowed = {i.id for i in borrowing}
    kanji = dictionary.kanji(ch for i in items for ch in i.text if is_kanji(ch))
    assessed = []
    for item in items:
        priority = item.priority
        if item.id in borrowed:
            priority = _priority_in_jmdict(item, entries.get(item.text, ()))
        floor = frequency_floor(priority, untagged="N1" if item.source == "jmdict" else None)
        level = estimate_level(item.text, floor, kanji)
        assessed.append(replace(item, priority=priority, rank=news_rank(priority), level=level))
    return tuple(assessed)


def _priority_in_jmdict(item: VocabItem, entries: Iterable[DictEntry]) -> tuple[str, ...]:
    """Tags of ``item.text`` in the JMdict entry that reads it as ``item.reading``."""
    for entry in entries:
        readings = entry.readings_of(item.text) if item.text in entry.kanji else (item.text,)
        if item.reading in (katakana_to_hiragana(r) for r in readings):
            tags = entry.priority_of(item.text)
            if tags:
                return tags
    return ()
