"""Kanji breakdowns of vocabulary items, for the page's popups and the cards' backs.

Each kanji of a word with its English meanings, on/kun readings, school grade, old JLPT
level and stroke count from KANJIDIC2. The data comes from :mod:`yomu.meaning.dictionary`, all
of a document's (or deck's) kanji in one batched, cached query; this module only shapes
it. Values are plain text: the renderers escape them (HTML's JSON block goes through
``_script_json``, the page's script writes them with ``textContent``; Anki's through
``html.escape``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..meaning.dict_entries import KanjiDetail, is_kanji
from ..meaning.dictionary import JMdict, default_dictionary

MEANINGS_SHOWN = 4
"""Meanings of one kanji shown: KANJIDIC2 lists up to a dozen, the first are the core ones."""

KUN_SHOWN = 4
"""Kun'yomi of one kanji shown (会 has あ.う, あ.わせる, あつ.まる …); on'yomi are few, all shown."""

_GRADES = {8: "jōyō (secondary school)", 9: "jinmeiyō (names)", 10: "jinmeiyō (names)"}


def kanji_of(text: str) -> list[str]:
    """The distinct kanji of ``text``, in the order they appear."""
    return list(dict.fromkeys(c for c in text if is_kanji(c)))


def breakdowns(texts: Iterable[str], dictionary: JMdict | None = None) -> dict[str, tuple[KanjiDetail, ...]]:
    """Each text's kanji that KANJIDIC2 lists, in order; texts without any are left out.

    All the texts' kanji are looked up at once, so a document costs one query.
    """
    given = list(dict.fromkeys(texts))
    details = (dictionary or default_dictionary()).kanji_details(c for t in given for c in kanji_of(t))
    found = {t: tuple(details[c] for c in kanji_of(t) if c in details) for t in given}
    return {t: d for t, d in found.items() if d}


def level_label(detail: KanjiDetail) -> str:
    """``grade 2 · old JLPT 3 · 9 strokes``: what is known of the kanji's difficulty."""
    parts = []
    if detail.grade is not None:
        parts.append(_GRADES.get(detail.grade, f"grade {detail.grade}"))
    if detail.jlpt is not None:
        # KANJIDIC2 has the pre-2010 levels (4 to 1), not today's N5 to N1.
        parts.append(f"old JLPT {detail.jlpt}")
    if detail.strokes is not None:
        parts.append(f"{detail.strokes} strokes")
    return " · ".join(parts)


def readings_label(detail: KanjiDetail) -> str:
    """``シュ / くび``: on'yomi, then kun'yomi, each group joined by 、."""
    groups = ["、".join(detail.on), "、".join(detail.kun[:KUN_SHOWN])]
    return " / ".join(g for g in groups if g)


def meanings_label(detail: KanjiDetail) -> str:
    return "; ".join(detail.meanings[:MEANINGS_SHOWN])


def kanji_data(detail: KanjiDetail) -> dict[str, str]:
    """One kanji as the page's popup shows it (keys of the items' JSON ``kanji`` list)."""
    return {
        "k": detail.literal,
        "meaning": meanings_label(detail),
        "readings": readings_label(detail),
        "level": level_label(detail),
    }


def kanji_line(detail: KanjiDetail) -> str:
    """One kanji on one line of plain text: ``首 neck; counter for songs and poems — シュ / くび
    (grade 2 · old JLPT 3 · 9 strokes)``."""
    line = detail.literal
    if meaning := meanings_label(detail):
        line += f" {meaning}"
    if readings := readings_label(detail):
        line += f" — {readings}"
    if level := level_label(detail):
        line += f" ({level})"
    return line
