"""Furigana splits against three external gold sets (word + reading → split).

Sets (in ../shared/data, never copied here): Yomitan's distributeFurigana tests, ichiran's
match-readings tests and JmdictFurigana's curated cases.

Convention: yomu puts one reading over each *kanji run*, not over each kanji, and no
reading over kana. The sources split per kanji (取[とり]次[つぎ]店[てん]) or put a
reading over kana written in the other script (カ[か]月[げつ]), so both sides are
normalised before comparing: adjacent bracketed kanji pieces merge into one run
(取次店[とりつぎてん]), a bracket over kana that only repeats the kana goes away, and
readings are compared in hiragana. Rows that test something else than splitting a
word's own reading are excluded with their reason, and counted.

Run: ``python benchmarks/furigana_gold.py [--verbose]``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from yomu.furigana import furigana_segments
from yomu.kana import is_digit, is_kana, is_kanji, katakana_to_hiragana

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

Segments = list[tuple[str, str | None]]

# Yomitan rows that test another function than "split this word's own reading".
_YOMITAN_EXCLUDED = {
    "Reading starts with term, but has remainder characters": "the reading is not a reading of the term",
}


@dataclass
class SetResult:
    name: str
    applicable: int = 0
    passed: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.passed / self.applicable if self.applicable else 0.0


def parse_bracket(bracket: str) -> Segments:
    """``有[あ]り難[がと]う`` → [(有, あ), (り, None), (難, がと), (う, None)]."""
    segments: Segments = []
    for match in re.finditer(r"([^\[\]]*)(?:\[([^\]]*)\])?", bracket):
        text, reading = match.group(1), match.group(2)
        if not text and reading is None:
            continue
        if reading is None:
            segments.append((text, None))
            continue
        ruby = _trailing_ruby(text)
        if ruby and len(ruby) < len(text):
            segments.append((text[: -len(ruby)], None))
            segments.append((ruby, reading))
        else:
            segments.append((text, reading))
    return segments


def _trailing_ruby(text: str) -> str:
    """The run a bracket belongs to: the kanji run before it, else the kana run of one script."""
    i = len(text)
    while i > 0 and (is_kanji(text[i - 1]) or is_digit(text[i - 1])):
        i -= 1
    if i < len(text):
        return text[i:]
    script = _script(text[-1:]) if text else ""
    while i > 0 and _script(text[i - 1]) == script:
        i -= 1
    return text[i:]


def _script(ch: str) -> str:
    if "\u3041" <= ch <= "\u309f":
        return "hiragana"
    if "\u30a0" <= ch <= "\u30ff":
        return "katakana"
    return "other"


def normalise(segments: Segments) -> str:
    """Kanji-run granularity, no ruby over kana that repeats it, readings in hiragana."""
    merged: Segments = []
    for text, reading in segments:
        if reading is not None:
            reading = katakana_to_hiragana(reading)
            if text and all(is_kana(c) for c in text) and _same_kana(text, reading):
                reading = None
        if merged and reading is not None and merged[-1][1] is not None and _all_ruby(text + merged[-1][0]):
            merged[-1] = (merged[-1][0] + text, (merged[-1][1] or "") + reading)
        elif merged and reading is None and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + text, None)
        else:
            merged.append((text, reading))
    return "".join(t if r is None else f"{t}[{r}]" for t, r in merged)


def _same_kana(text: str, reading: str) -> bool:
    """Kana under a bracket that only repeats it in the other script (ー ignored)."""
    return katakana_to_hiragana(text).replace("ー", "") == reading.replace("ー", "")


def _all_ruby(text: str) -> bool:
    return all(is_kanji(c) or is_digit(c) for c in text)


def yomu_split(term: str, reading: str) -> str:
    return normalise([(s.text, s.reading) for s in furigana_segments(term, reading)])


def _rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def _check(result: SetResult, row_id: str, term: str, reading: str, expected_bracket: str) -> None:
    result.applicable += 1
    expected = normalise(parse_bracket(expected_bracket))
    got = yomu_split(term, reading)
    if got == expected:
        result.passed += 1
    else:
        result.failures.append((row_id, f"{term} {reading}", expected, got))


def run_yomitan(path: Path) -> SetResult:
    result = SetResult("yomitan_distribute_furigana")
    for row in _rows(path):
        reason = _YOMITAN_EXCLUDED.get(row["category"])
        if row.get("source"):
            reason = "inflected source form: yomu aligns each surface with its own reading"
        if reason:
            result.excluded[reason] = result.excluded.get(reason, 0) + 1
            continue
        _check(result, row["id"], row["term"], row["reading"], row["expected_bracket"])
    return result


def run_ichiran(path: Path) -> SetResult:
    result = SetResult("ichiran_match_readings")
    for row in _rows(path):
        _check(result, row["id"], row["word"], row["reading"], row["expected_bracket"])
    return result


def run_jmdict_furigana(path: Path) -> SetResult:
    result = SetResult("jmdictfurigana_cases")
    for row in _rows(path):
        _check(result, row["id"], row["term"], row["reading"], row["expected_bracket"])
    return result


def run(data_dir: Path = DATA) -> list[SetResult]:
    return [
        run_yomitan(data_dir / "yomitan_distribute_furigana.tsv"),
        run_ichiran(data_dir / "ichiran_match_readings.tsv"),
        run_jmdict_furigana(data_dir / "jmdictfurigana_cases.tsv"),
    ]


def main() -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    print(f"{'set':32} {'applicable':>10} {'passed':>8} {'accuracy':>9}  excluded")
    for result in run():
        excluded = "; ".join(f"{n} × {why}" for why, n in result.excluded.items()) or "none"
        print(
            f"{result.name:32} {result.applicable:>10} {result.passed:>8} {result.accuracy:>9.2%}  {excluded}"
        )
        if "--verbose" in sys.argv:
            for failure in result.failures:
                print("   ", "\t".join(failure))
    return 0


if __name__ == "__main__":
    sys.exit(main())
