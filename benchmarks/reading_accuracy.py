"""Reading accuracy of yomu against every external gold set in ../shared/data.

Prints one line per set: the furigana splits (word + reading given) and the readings
in context (ITA corpus sentences with human ruby). See docs/accuracy.md.

Run: ``python benchmarks/reading_accuracy.py [--verbose]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import furigana_gold
import ita_context


def _row(name: str, unit: str, right: int, total: int) -> None:
    print(f"{name:34} {unit:18} {right:>5}/{total:<5} {right / total if total else 0:>9.2%}")


def main() -> int:
    data = furigana_gold.DATA
    if not data.is_dir():
        print(f"skipped: {data} is absent")
        return 0
    verbose = "--verbose" in sys.argv
    print(f"{'set':34} {'unit':18} {'right':>11} {'accuracy':>9}")
    for result in furigana_gold.run(data):
        _row(result.name, "word split", result.passed, result.applicable)
        for why, n in result.excluded.items():
            print(f"{'':34} excluded {n}: {why}")
        if verbose:
            for failure in result.failures:
                print("   ", "\t".join(failure))
    started = time.perf_counter()
    ita = ita_context.run(data)
    seconds = time.perf_counter() - started
    _row("ita_corpus_ruby", "ruby group", ita.groups_right, ita.groups)
    print(
        f"{'ita_corpus_ruby':34} {'whole sentence':18} {ita.sentences_right:>5}/{ita.sentences:<5} "
        f"{ita.sentence_accuracy:>9.2%}"
    )
    print(f"(ITA: {ita.sentences} sentences annotated in {seconds:.1f} s including start-up)")
    if verbose:
        for miss in ita.misses:
            print("   ", "\t".join(miss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
