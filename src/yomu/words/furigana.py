"""Furigana: which part of a word's reading goes over which kanji run.

A word's surface is cut into *ruby runs*, whose reading cannot be seen in the writing,
and *plain runs*, whose reading can:

* ruby: kanji and the marks that stand for kanji (see :func:`yomu.words.kana.is_kanji`),
  digits (2025 is read にせんにじゅうご, nothing in it says so), a comma or point
  between digits (1,000 and 2.5 are one number), and a full-size ケ written for the
  counter 箇 (ケ月, 一ケ所, 関ケ原: the ケ is read か, が or こ, never け);
* plain: hiragana, katakana, ー, Latin letters, punctuation and everything else.

Ruby goes over each ruby *run*, not each kanji: 取次店 gets one reading とりつぎてん, as
a reader sees it and as the reading comes from the dictionary.

The plain runs must appear in the reading as written (compared with
:func:`yomu.words.kana.normalize_for_compare`, so カ in the surface matches か in the
reading), and each ruby run takes what lies between them, at least one kana:
話し合われた + はなしあわれた → 話[はな]し合[あ]われた. Punctuation and spaces in a
plain run (・, 、) may be missing from the reading: a glossary reading of 米・ロシア
has no ・.

yomu does not guess. When the reading splits over the runs in more than one way
(飼い犬 かいいぬ: 飼[か]い犬[いぬ] or 飼[かい]い犬[ぬ]) or in none (a reading that is
not of this word), the whole surface gets the whole reading as one segment, as Yomitan
does. A surface without ruby runs, or without a usable reading, is one segment with no
reading. Readings come out in hiragana whatever script they came in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import FuriganaSegment
from .kana import is_digit, is_kanji, is_reading, normalize_for_compare

# The alignment table has one cell per (run, reading position). Words are far below
# this; a surface this long is not a word (a whole sentence passed by mistake), and one
# segment with the whole reading is still correct for it.
_MAX_TABLE_CELLS = 200_000
_NUMBER_JOINERS = frozenset(",.，．")
_COUNTER_KE = "ケ"
# Marks that are not read aloud, as they are after normalize_for_compare (full-width
# forms folded). % ＄ & are punctuation to Unicode but are read, so they are not here.
_UNREAD = frozenset("・=、。,「」『』()[]!?\"'")


class Run(NamedTuple):
    """A maximal stretch of a surface that is all ruby or all plain."""

    text: str
    ruby: bool


@lru_cache(maxsize=65_536)
def furigana_segments(surface: str, reading: str | None) -> tuple[FuriganaSegment, ...]:
    """Split ``surface`` into segments with the part of ``reading`` shown over each.

    The segments' texts concatenate to ``surface``; each reading is hiragana (and ー) or
    ``None``. Never raises. Cached: it runs for every token, and words repeat.
    """
    if not surface:
        return ()
    runs = ruby_runs(surface)
    normalized = normalize_for_compare(reading or "")
    if not normalized or not any(run.ruby for run in runs):
        return (FuriganaSegment(surface, None),)
    parts = unique_alignment(runs, normalized)
    if parts is not None:
        return tuple(
            FuriganaSegment(run.text, part if run.ruby else None)
            for run, part in zip(runs, parts, strict=True)
        )
    return (FuriganaSegment(surface, normalized if is_reading(normalized) else None),)


def ruby_runs(surface: str) -> tuple[Run, ...]:
    """``surface`` cut into maximal ruby and plain runs (see the module doc for which is which)."""
    runs: list[Run] = []
    for i, ch in enumerate(surface):
        ruby = is_ruby_at(surface, i)
        if runs and runs[-1].ruby == ruby:
            runs[-1] = Run(runs[-1].text + ch, ruby)
        else:
            runs.append(Run(ch, ruby))
    return tuple(runs)


def is_ruby_at(surface: str, i: int) -> bool:
    """Whether ``surface[i]`` needs ruby: its reading cannot be seen in the writing."""
    ch = surface[i]
    if is_kanji(ch) or is_digit(ch):
        return True
    before = surface[i - 1] if i > 0 else ""
    after = surface[i + 1] if i + 1 < len(surface) else ""
    if ch in _NUMBER_JOINERS:
        return is_digit(before) and is_digit(after)
    if ch == _COUNTER_KE:
        # A counter ケ comes after a number or at the start of a word (ケ月), and before
        # the counted kanji; a katakana word's ケ (ボケ役, ケース) does not.
        return (not before or is_kanji(before) or is_digit(before)) and bool(after) and is_kanji(after)
    return False


def unique_alignment(runs: tuple[Run, ...], reading: str) -> list[str] | None:
    """The part of ``reading`` under each run, if the runs fit the reading in exactly one way.

    ``reading`` must already be normalised (:func:`yomu.words.kana.normalize_for_compare`).
    A ruby run's part is one or more hiragana (or ー); a plain run's part is its own
    text as it appears in the reading.
    """
    if len(runs) * (len(reading) + 1) > _MAX_TABLE_CELLS:
        return None
    patterns = [None if run.ruby else _plain_run_pattern(run.text) for run in runs]
    ways = _count_alignments(patterns, reading)
    if ways[0][0] != 1:
        return None
    return _follow_the_only_alignment(patterns, reading, ways)


def _plain_run_pattern(text: str) -> re.Pattern[str]:
    """The run as it must appear in the reading; punctuation and spaces may be left out."""
    pieces = []
    for ch in normalize_for_compare(text):
        escaped = re.escape(ch)
        pieces.append(f"(?:{escaped})?" if _is_unread(ch) else escaped)
    return re.compile("".join(pieces))


def _is_unread(ch: str) -> bool:
    return ch in _UNREAD or ch.isspace()


def _count_alignments(patterns: list[re.Pattern[str] | None], reading: str) -> list[list[int]]:
    """``ways[r][p]``: in how many ways runs ``r…`` fit ``reading[p:]``, counted up to 2.

    Filled from the last run backwards, so each cell is computed once: linear in
    runs × reading length, where plain backtracking would be exponential on a long
    word that almost fits. Two is enough to tell "exactly one" from "ambiguous".
    """
    n = len(reading)
    ways = [[0] * (n + 1) for _ in range(len(patterns) + 1)]
    ways[len(patterns)][n] = 1
    for r in reversed(range(len(patterns))):
        after = ways[r + 1]
        pattern = patterns[r]
        if pattern is not None:
            for p in range(n + 1):
                match = pattern.match(reading, p)
                ways[r][p] = after[match.end()] if match else 0
            continue
        # A ruby run starting at p can end anywhere in (p, end of the readable stretch
        # from p]: keep the sum of ``after`` over that window while walking backwards.
        window = 0
        for p in reversed(range(n)):
            window = min(2, window + after[p + 1]) if is_reading(reading[p]) else 0
            ways[r][p] = window
    return ways


def _follow_the_only_alignment(
    patterns: list[re.Pattern[str] | None], reading: str, ways: list[list[int]]
) -> list[str]:
    parts: list[str] = []
    p = 0
    for r, pattern in enumerate(patterns):
        if pattern is not None:
            match = pattern.match(reading, p)
            end = match.end() if match else p  # always matches: ways[r][p] == 1
        else:
            end = p + 1
            while ways[r + 1][end] == 0:
                end += 1
        parts.append(reading[p:end])
        p = end
    return parts
