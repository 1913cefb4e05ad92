"""The senses news means: a curated table of which JMdict sense is primary for words
whose first fitting sense is not what an article means (点 "aspect", not "dot").

JMdict orders senses roughly by how common they are in general Japanese; news uses a
narrower vocabulary (溝 between countries is a rift, 浮上 is emerging, 行方 is the outcome).
:func:`yomu.meaning.senses.primary_sense` picks by part of speech; this table, reviewed like the
glossaries, overrides it for the words listed (``data/news_senses.toml``). A row names
the sense by one of its glosses as JMdict writes it, so a newer JMdict that reorders the
senses still finds it; ``tests/test_news_senses.py`` checks every row against the
bundled dictionary. The other senses stay, in JMdict's order, for the popup and the card.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data import read_text
from ..model import Sense
from ..words.kana import HIRAGANA_READING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the Python version
    import tomli as tomllib

SENSES_FILE = "news_senses.toml"
_KEYS = frozenset({"word", "reading", "sense", "glosses", "pos", "next", "after"})


@dataclass(frozen=True)
class NewsSense:
    word: str
    reading: str
    sense: str = ""
    """A gloss of the sense meant, as JMdict writes it."""
    glosses: tuple[str, ...] = ()
    """The sense meant, when JMdict has none: put before JMdict's."""
    suffix: bool = False
    """Only for a word that ends a compound (a suffix, or the last part of a composed item)."""
    following: frozenset[str] = frozenset()
    """Only before one of these tokens; empty: anywhere."""
    after_number: bool = False
    """Only after a number and its counter (3年前 "ago", not 駅前 "in front of")."""


@dataclass(frozen=True)
class NewsSenses:
    rows: dict[tuple[str, str], tuple[NewsSense, ...]]

    def choose(
        self,
        text: str,
        reading: str,
        senses: tuple[Sense, ...],
        *,
        suffix: bool = False,
        following: str | None = None,
        after_number: bool = False,
        context_only: bool = False,
    ) -> tuple[tuple[Sense, ...], int] | None:
        """The senses and the primary one news means for ``text`` read ``reading``, or
        ``None`` when the table has no row that applies. ``following`` is the next
        token's surface, ``None`` when the caller does not look at the sentence (then
        rows that need it do not apply); ``after_number`` says the word follows a
        number and its counter. ``context_only`` leaves out the rows without a condition
        on the tokens around the word, which apply to the word alone."""
        for row in self.rows.get((text, reading), ()):
            if context_only and not (row.following or row.after_number):
                continue
            if row.suffix and not suffix:
                continue
            if row.following and following not in row.following:
                continue
            if row.after_number and not after_number:
                continue
            if row.glosses:
                pos = senses[0].pos if senses else ()
                return (Sense(glosses=row.glosses, pos=pos), *senses), 0
            index = sense_with(senses, row.sense)
            if index is not None:
                return senses, index
        return None

    def needs_context(self, text: str, reading: str) -> bool:
        """Whether some row for the word depends on the tokens around it."""
        return any(row.following or row.after_number for row in self.rows.get((text, reading), ()))


def sense_with(senses: Sequence[Sense], gloss: str) -> int | None:
    """The index of the sense that has ``gloss`` among its glosses."""
    return next((i for i, s in enumerate(senses) if gloss in s.glosses), None)


def parse(text: str, name: str = SENSES_FILE) -> NewsSenses:
    """The table from its TOML; ``ValueError`` says which row is wrong and how."""
    data = tomllib.loads(text)
    rows: dict[tuple[str, str], list[NewsSense]] = {}
    for n, raw in enumerate(data.get("sense", []), 1):
        row = _row(raw, f"{name}: sense {n}")
        rows.setdefault((row.word, row.reading), []).append(row)
    return NewsSenses(rows={key: tuple(found) for key, found in rows.items()})


def _row(raw: dict[str, Any], where: str) -> NewsSense:
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in ("word", "reading"):
        if not raw.get(key):
            raise ValueError(f"{where}: missing {key}")
    if not HIRAGANA_READING.match(raw["reading"]):
        raise ValueError(f"{where}: reading {raw['reading']!r} is not hiragana")
    if bool(raw.get("sense")) == bool(raw.get("glosses")):
        raise ValueError(f"{where}: give either sense (a JMdict gloss) or glosses")
    if raw.get("pos", "suffix") != "suffix":
        raise ValueError(f"{where}: pos {raw['pos']!r} is not 'suffix'")
    if raw.get("after", "number") != "number":
        raise ValueError(f"{where}: after {raw['after']!r} is not 'number'")
    return NewsSense(
        word=raw["word"],
        reading=raw["reading"],
        sense=raw.get("sense", ""),
        glosses=tuple(raw.get("glosses", ())),
        suffix=raw.get("pos") == "suffix",
        following=frozenset(raw.get("next", ())),
        after_number=raw.get("after") == "number",
    )


@cache
def shipped_senses() -> NewsSenses:
    """The shipped table, parsed on first use."""
    return parse(read_text(SENSES_FILE))
