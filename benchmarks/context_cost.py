"""What reading in context costs: annotate the throughput corpus with the shipped model
and with an empty one, alternately, and print the difference as a share of the run.

The issue's budget is 10 % of an annotate run. Words the model knows are never taken
from the per-word token cache (their reading depends on the sentence), so the cost is
the features and weights of those words plus the cache misses they cause.

Run: ``python benchmarks/context_cost.py [--size BYTES] [--repeats N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run
from yomu.pipeline import Annotator, Options
from yomu.words import reading_context, readings


def annotate_seconds(text: str, model: reading_context.ReadingModel) -> float:
    reading_context._model = model
    readings._words_read_in_context.cache_clear()
    readings._words.clear()
    annotator = Annotator(Options(keep_clutter=True))
    annotator.annotate(text[:2000])  # load Sudachi, JMdict and glossaries outside the timer
    started = time.perf_counter()
    annotator.annotate(text)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in bytes")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8").strip() for p in run.source_articles()]
    once = "\n\n".join(texts)
    copies = max(1, round(args.size / (len(once.encode("utf-8")) + 2)))
    text = "\n\n".join([once] * copies)
    shipped = reading_context.default_model()
    empty = reading_context.ReadingModel(words={})
    with_model: list[float] = []
    without: list[float] = []
    for _ in range(args.repeats):
        without.append(annotate_seconds(text, empty))
        with_model.append(annotate_seconds(text, shipped))
    reading_context._model = shipped
    readings._words_read_in_context.cache_clear()
    best_with, best_without = min(with_model), min(without)
    share = (best_with - best_without) / best_with
    mb = len(text.encode("utf-8")) / 1e6
    print(f"{len(run.source_articles())} articles repeated to {mb:.1f} MB, best of {args.repeats}:")
    print(f"  without the model {best_without:.2f} s, with it {best_with:.2f} s: {share:.1%} of the run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
