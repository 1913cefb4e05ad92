"""Furigana: which part of a word's reading goes over which kanji run.

A word's surface is cut into *ruby runs* (kanji, and digits, whose reading is not
visible either) and *plain runs* (kana, Latin, punctuation). The plain runs must appear
in the reading as they are written (compared in hiragana); what lies between them is
the reading of the ruby run they enclose: 話し合われた + はなしあわれた →
話[はな]し合[あ]われた.

Where the reading can be split in more than one way (飼い犬 かいいぬ: 飼[か]い犬[いぬ]
or 飼[かい]い…) or in none, yomu does not guess: the whole word gets the whole reading,
as Yomitan does.
"""

from __future__ import annotations

from .kana import is_digit, is_kanji, katakana_to_hiragana
from .model import FuriganaSegment

# Backtracking is exponential in the number of runs; words never come close to this,
# and anything longer (a merged name, junk input) is shown with one ruby over all.
_MAX_RUNS = 12
_NUMBER_JOINERS = ",.，．"


def furigana_segments(surface: str, reading: str | None) -> tuple[FuriganaSegment, ...]:
    """Split ``surface`` into segments with the part of ``reading`` shown over each."""
    if not surface:
        return ()
    runs = ruby_runs(surface)
    if not any(is_ruby for _, is_ruby in runs):
        return (FuriganaSegment(surface, None),)
    if not reading:
        return tuple(FuriganaSegment(text, None) for text, _ in runs)
    hiragana = katakana_to_hiragana(reading)
    if len(runs) <= _MAX_RUNS:
        solutions = _align(runs, hiragana, 0, 0)
        if len(solutions) == 1:
            return tuple(
                FuriganaSegment(text, part if is_ruby else None)
                for (text, is_ruby), part in zip(runs, solutions[0], strict=True)
            )
    return (FuriganaSegment(surface, hiragana),)


def ruby_runs(surface: str) -> list[tuple[str, bool]]:
    """Maximal runs of ruby characters (kanji, digits) and of everything else."""
    runs: list[tuple[str, bool]] = []
    for i, ch in enumerate(surface):
        ruby = _is_ruby_char(surface, i)
        if runs and runs[-1][1] == ruby:
            runs[-1] = (runs[-1][0] + ch, ruby)
        else:
            runs.append((ch, ruby))
    return runs


def _is_ruby_char(surface: str, i: int) -> bool:
    ch = surface[i]
    if is_kanji(ch) or is_digit(ch):
        return True
    # 1,000 and 2.5 read as one number: the separator belongs to the digits around it.
    return (
        ch in _NUMBER_JOINERS
        and 0 < i < len(surface) - 1
        and is_digit(surface[i - 1])
        and is_digit(surface[i + 1])
    )


def _align(runs: list[tuple[str, bool]], reading: str, run: int, pos: int) -> list[list[str]]:
    """All ways (stopping at two) to give each ruby run a non-empty part of ``reading``."""
    if run == len(runs):
        return [[]] if pos == len(reading) else []
    text, is_ruby = runs[run]
    if not is_ruby:
        written = katakana_to_hiragana(text)
        if not reading.startswith(written, pos):
            return []
        return [[text, *rest] for rest in _align(runs, reading, run + 1, pos + len(written))]
    solutions: list[list[str]] = []
    for end in range(pos + 1, len(reading) + 1):
        for rest in _align(runs, reading, run + 1, end):
            solutions.append([reading[pos:end], *rest])
            if len(solutions) > 1:
                return solutions
    return solutions
