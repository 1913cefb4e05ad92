"""Furigana splits (word + reading → segments) against three external gold sets.

The sets live in ``../shared/data`` beside the checkout and are read at run time, never
copied here (GPL-3.0 and MIT data):

* ``yomitan_distribute_furigana.tsv``: Yomitan's ``distributeFurigana`` tests;
* ``ichiran_match_readings.tsv``: ichiran's ``match-readings`` tests;
* ``jmdictfurigana_cases.tsv``: JmdictFurigana's unit tests, overrides and special readings.

The sources follow other conventions than yomu, so the expected answer is brought to
yomu's before comparing, and every row where that changed something is counted:

* **per kanji run** — yomu puts one reading over each kanji run. ichiran and
  JmdictFurigana read per kanji (取[とり]次[つぎ]店[てん]); adjacent read pieces inside one
  of yomu's ruby runs (:func:`yomu.words.furigana.ruby_runs`) are joined: 取次店[とりつぎてん].
* **no ruby over kana** — Yomitan puts a reading over kana written in the other script
  (カ[か]月[げつ], サボる[ル]); a reading that only respells its kana is dropped.
* **hiragana readings** — yomu always outputs hiragana; a gold reading in katakana
  (月[カ], 有[ア]り難[ガト]う) is compared in hiragana.

Rows that test something other than splitting a word's own reading are excluded, with
the reason, and counted: nothing is dropped silently.

Run: ``python benchmarks/furigana_gold.py [--verbose] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from yomu.words.furigana import furigana_segments, ruby_runs
from yomu.words.kana import is_digit, is_kana, is_kanji, katakana_to_hiragana, normalize_for_compare

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"

YOMITAN = "yomitan_distribute_furigana"
ICHIRAN = "ichiran_match_readings"
JMDICT_FURIGANA = "jmdictfurigana_cases"

PER_KANJI_RUN = "per-kanji readings joined per kanji run"
NO_RUBY_OVER_KANA = "ruby over kana dropped"
HIRAGANA = "katakana reading compared in hiragana"

# Rows of any set whose reading is malformed: the pipeline never hands yomu such a reading.
NOT_KANA = (
    "the reading is not kana (玉簪花 ^たまのかんざし: a stray mark in the source file); "
    "yomu gets kana or nothing"
)

# Yomitan rows that are not "split this word's own reading", keyed by what marks them.
_INFLECTED = (
    "distributeFuriganaInflected: an inflected form gets the dictionary form's reading; "
    "yomu always aligns a surface with its own reading"
)
_YOMITAN_EXCLUDED_CATEGORIES = {
    "Reading starts with term, but has remainder characters": (
        "the reading is longer than any reading of the term (シック read シック・ビル…); "
        "yomu's readings always belong to the surface"
    ),
}

Segment = tuple[str, str | None]
Segments = list[Segment]
Row = dict[str, str]


class Failure(NamedTuple):
    """A row yomu splits differently; a tuple so that it prints with ``"\\t".join``."""

    row_id: str
    word: str
    reading: str
    expected: str
    got: str


@dataclass
class SetResult:
    """Agreement of yomu with one gold file."""

    name: str
    rows: int = 0
    applicable: int = 0
    passed: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    """Reason → number of rows not compared."""
    conventions: dict[str, int] = field(default_factory=dict)
    """Convention → number of applicable rows whose expected answer it changed."""
    failures: list[Failure] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.passed / self.applicable if self.applicable else 0.0

    def exclude(self, reason: str) -> None:
        self.excluded[reason] = self.excluded.get(reason, 0) + 1


# --- reading the gold answers --------------------------------------------------------------


def parse_bracket(bracket: str) -> Segments:
    """``有[あ]り難[がと]う`` → [(有, あ), (り, None), (難, がと), (う, None)].

    A bracket belongs to the kanji (or digit) run just before it; where the text before
    a bracket has no kanji, the source put a reading over kana, and the whole text since
    the previous bracket gets it.
    """
    segments: Segments = []
    for match in re.finditer(r"([^\[\]]*)(?:\[([^\]]*)\])?", bracket):
        text, reading = match.group(1), match.group(2)
        if reading is None:
            if text:
                segments.append((text, None))
            continue
        ruby = _trailing_kanji(text) or text
        if len(ruby) < len(text):
            segments.append((text[: -len(ruby)], None))
        segments.append((ruby, reading or None))
    return segments


def _trailing_kanji(text: str) -> str:
    i = len(text)
    while i > 0 and (is_kanji(text[i - 1]) or is_digit(text[i - 1])):
        i -= 1
    return text[i:]


def parse_segments_json(value: str) -> Segments:
    """Yomitan's ``[{"text": …, "reading": …}]``, where an empty reading means none."""
    return [(item["text"], item["reading"] or None) for item in json.loads(value)]


# --- bringing both sides to yomu's convention ----------------------------------------------------


def to_yomu_convention(segments: Segments) -> tuple[Segments, set[str]]:
    """The gold answer with yomu's conventions (module doc), and the conventions that changed it."""
    changed: set[str] = set()
    result: Segments = []
    for text, reading in _join_per_kanji_run(segments, changed):
        if reading is not None and _only_respells(text, reading):
            changed.add(NO_RUBY_OVER_KANA)
            reading = None
        if reading is not None and katakana_to_hiragana(reading) != reading:
            changed.add(HIRAGANA)
            reading = katakana_to_hiragana(reading)
        result.append((text, reading))
    return _join_plain_neighbours(result), changed


def _join_per_kanji_run(segments: Segments, changed: set[str]) -> Segments:
    """Join adjacent read segments that lie inside the same ruby run of the whole word."""
    surface = "".join(text for text, _ in segments)
    run_of = _run_index_of_each_character(surface)
    joined: Segments = []
    start = 0
    for text, reading in segments:
        end = start + len(text)
        if joined and _same_ruby_run(run_of, start - len(joined[-1][0]), end) and joined[-1][1] and reading:
            joined[-1] = (joined[-1][0] + text, joined[-1][1] + reading)
            changed.add(PER_KANJI_RUN)
        else:
            joined.append((text, reading))
        start = end
    return joined


def _run_index_of_each_character(surface: str) -> list[int | None]:
    """For each character, the index of its ruby run, or None when it is plain."""
    index: list[int | None] = []
    for i, run in enumerate(ruby_runs(surface)):
        index.extend([i if run.ruby else None] * len(run.text))
    return index


def _same_ruby_run(run_of: list[int | None], start: int, end: int) -> bool:
    runs = set(run_of[start:end])
    return len(runs) == 1 and None not in runs


def _only_respells(text: str, reading: str) -> bool:
    """A reading over kana that says nothing the kana do not (カ[か], ー ignored as in ページ[ぺーじ])."""
    return not any(is_kanji(c) or is_digit(c) for c in text) and _kana_key(text) == _kana_key(reading)


def _kana_key(text: str) -> str:
    return normalize_for_compare(text).replace("ー", "")


def _join_plain_neighbours(segments: Segments) -> Segments:
    joined: Segments = []
    for text, reading in segments:
        if joined and reading is None and joined[-1][1] is None:
            joined[-1] = (joined[-1][0] + text, None)
        else:
            joined.append((text, reading))
    return joined


def yomu_segments(word: str, reading: str) -> Segments:
    return _join_plain_neighbours([(s.text, s.reading) for s in furigana_segments(word, reading)])


def as_bracket(segments: Iterable[Segment]) -> str:
    return "".join(text if reading is None else f"{text}[{reading}]" for text, reading in segments)


# --- the three sets ------------------------------------------------------------------------------


def read_rows(path: Path) -> list[Row]:
    """A TSV with one header line and no quoting (the shared data's format)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def compare(result: SetResult, row_id: str, word: str, reading: str, expected: Segments) -> None:
    if not all(is_kana(c) for c in reading):
        result.exclude(NOT_KANA)
        return
    result.applicable += 1
    wanted, changed = to_yomu_convention(expected)
    for convention in changed:
        result.conventions[convention] = result.conventions.get(convention, 0) + 1
    got = yomu_segments(word, reading)
    if got == wanted:
        result.passed += 1
    else:
        result.failures.append(Failure(row_id, word, reading, as_bracket(wanted), as_bracket(got)))


def _yomitan_exclusion(row: Row) -> str | None:
    if row.get("source") or row["function"] != "distributeFurigana":
        return _INFLECTED
    return _YOMITAN_EXCLUDED_CATEGORIES.get(row["category"])


def run_yomitan(rows: Sequence[Row]) -> SetResult:
    result = SetResult(YOMITAN, rows=len(rows))
    for row in rows:
        reason = _yomitan_exclusion(row)
        if reason:
            result.exclude(reason)
            continue
        expected = parse_segments_json(row["expected_segments_json"])
        compare(result, row["id"], row["term"], row["reading"], expected)
    return result


def run_ichiran(rows: Sequence[Row]) -> SetResult:
    result = SetResult(ICHIRAN, rows=len(rows))
    for row in rows:
        compare(result, row["id"], row["word"], row["reading"], parse_bracket(row["expected_bracket"]))
    return result


def run_jmdict_furigana(rows: Sequence[Row]) -> SetResult:
    result = SetResult(JMDICT_FURIGANA, rows=len(rows))
    for row in rows:
        expected = parse_jmdict_solution(row["term"], row["reading"], row["solution_raw"])
        compare(result, row["id"], row["term"], row["reading"], expected)
    return result


def parse_jmdict_solution(term: str, reading: str, solution: str) -> Segments:
    """JmdictFurigana's ``0:いっ;1:か;2:げつ`` (character index or ``0-1`` range → reading).

    Used instead of the bracket column, which cannot say "the whole term": 真っ青[まさお]
    would put まさお over 青 alone. An empty solution is a special reading over the whole
    term (the file's note says so).
    """
    if not solution:
        return [(term, reading)]
    read: dict[int, tuple[int, str]] = {}
    for piece in solution.split(";"):
        where, _, kana = piece.partition(":")
        first, _, last = where.partition("-")
        read[int(first)] = (int(last or first) + 1, kana)
    segments: Segments = []
    i = 0
    while i < len(term):
        if i in read:
            end, kana = read[i]
            segments.append((term[i:end], kana))
            i = end
        else:
            segments.append((term[i], None))
            i += 1
    return _join_plain_neighbours(segments)


SETS: dict[str, Callable[[Sequence[Row]], SetResult]] = {
    YOMITAN: run_yomitan,
    ICHIRAN: run_ichiran,
    JMDICT_FURIGANA: run_jmdict_furigana,
}


def missing_files(shared_data_dir: Path) -> list[Path]:
    return [path for name in SETS if not (path := shared_data_dir / f"{name}.tsv").is_file()]


def run(shared_data_dir: Path = DATA) -> list[SetResult]:
    """One result per gold file present in ``shared_data_dir`` (absent files are left out)."""
    return [
        run_set(read_rows(path))
        for name, run_set in SETS.items()
        if (path := shared_data_dir / f"{name}.tsv").is_file()
    ]


# --- report ----------------------------------------------------------------------------------


def report(results: Sequence[SetResult], *, verbose: bool) -> str:
    lines = [f"{'set':30} {'rows':>5} {'applicable':>10} {'passed':>7} {'excluded':>8} {'accuracy':>9}"]
    for r in results:
        excluded = sum(r.excluded.values())
        lines.append(
            f"{r.name:30} {r.rows:>5} {r.applicable:>10} {r.passed:>7} {excluded:>8} {r.accuracy:>9.2%}"
        )
    for r in results:
        for reason, count in r.excluded.items():
            lines.append(f"  {r.name}: {count} excluded: {reason}")
        for convention, count in sorted(r.conventions.items()):
            lines.append(f"  {r.name}: {count} rows compared after normalising: {convention}")
        lines.append(f"  {r.name}: {len(r.failures)} failing")
        if verbose:
            lines.extend(
                f"    {f.row_id}\t{f.word} {f.reading}\texpected {f.expected}\tgot {f.got}"
                for f in r.failures
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--verbose", action="store_true", help="print every failing row")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    args = parser.parse_args(argv)
    for path in missing_files(args.data):
        print(f"skipped: {path} is absent")
    results = run(args.data)
    if results:
        print(report(results, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
