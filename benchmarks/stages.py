"""Where the time of ``yomu annotate corpus.txt -o out.json`` (or ``.html``) goes, by stage.

Run: ``python benchmarks/stages.py [--format html] [--size BYTES]``. Builds the
throughput corpus as ``run.py`` does (the articles repeated to about 1 MB), annotates it
once to warm the annotator, then once more with a timer around each stage's entry
point, and prints seconds per stage next to SudachiPy alone on the same sentences.

The timers wrap functions, so their own cost (a few per cent) is in the total; the
stages are what docs/performance.md's "What dominates now" table reports.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import run
from yomu import pipeline
from yomu.meaning import vocabulary
from yomu.pipeline import Annotator, block_pieces
from yomu.renderers import html, json
from yomu.words import tokenizer

# (label, owner, attribute): the entry point of each stage, as the pipeline calls it.
STAGES: tuple[tuple[str, Any, str], ...] = (
    ("article structure (clutter filter)", pipeline, "parse_text"),
    ("sentences", pipeline, "block_pieces"),
    ("tokenizer (SudachiPy and copying its morphemes)", tokenizer.Tokenizer, "tokenize"),
    ("readings, numbers, furigana", pipeline, "read_sentence"),
    ("inflection (verb and adjective forms)", pipeline, "inflect"),
    ("unknown kanji (KANJIDIC readings)", pipeline, "read_unknown_kanji"),
    ("vocabulary (glossary, compounds, names, senses)", vocabulary.VocabularyStream, "gloss"),
    ("vocabulary (glossary, compounds, names, senses)", vocabulary, "build_vocabulary"),
    ("grammar patterns (yomu.meaning.grammar)", pipeline, "with_grammar"),
    ("levels and learner selection", pipeline.Annotator, "assessed"),
    ("JSON: blocks", json, "json_block"),
    ("JSON: vocabulary and tail", json, "json_tail"),
    ("JSON: vocabulary and tail", json, "json_tail_head"),
    ("HTML: article markup", html._StreamedBody, "add"),
    ("HTML: article markup", html, "_sections"),
    ("HTML: words decided (streamed)", html._StreamedBody, "decided"),
    ("HTML: the page around the article (brief, word list, item data)", html, "_page"),
)
"""A long article is streamed (``VocabularyStream``, ``_StreamedBody``), a short one made
whole (``build_vocabulary``, ``_sections``); a label may have an entry point for each."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--format", choices=["json", "html"], default="json")
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in bytes")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="yomu-stages-"))
    corpus = work / "corpus.txt"
    once = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in run.source_articles())
    run._write_repeated(corpus, once, args.size)
    article = Annotator(run.api_options()).parse(corpus.read_text(encoding="utf-8"))
    sentences = [piece for block in article.blocks for piece in block_pieces(block)]
    started = time.perf_counter()
    run.sudachi_alone(sentences)
    sudachi = time.perf_counter() - started
    run.yomu_to(corpus, args.format)  # warm: dictionaries loaded, per-word caches filled
    spent: dict[str, float] = {}
    with timed(spent):
        started = time.perf_counter()
        run.yomu_to(corpus, args.format)
        total = time.perf_counter() - started
    print(f"{corpus.stat().st_size / 1e6:.1f} MB to {args.format.upper()}: {total:.2f} s in all, "
          f"SudachiPy alone {sudachi:.2f} s")
    print()
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    for label in dict.fromkeys(label for label, _, _ in STAGES):
        if label in spent:
            print(f"| {label} | {spent[label]:.2f} | {spent[label] / total:.0%} |")
    rest = total - sum(spent.values())
    print(f"| everything else (reading the file, writing, glue) | {rest:.2f} | {rest / total:.0%} |")
    return 0


@contextmanager
def timed(spent: dict[str, float]) -> Iterator[None]:
    """Wrap each stage's entry point with a timer for the ``with`` block."""
    originals = []
    for label, owner, name in STAGES:
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        originals.append((owner, name, original))
        setattr(owner, name, _timer(label, original, spent))
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def _timer(label: str, function: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    def add(seconds: float) -> None:
        spent[label] = spent.get(label, 0.0) + seconds

    if inspect.isgeneratorfunction(function):
        # A generator does its work as it is iterated: time each step.
        @functools.wraps(function)
        def steps(*args: Any, **kwargs: Any) -> Iterator[Any]:
            iterator = function(*args, **kwargs)
            while True:
                started = time.perf_counter()
                try:
                    value = next(iterator)
                except StopIteration:
                    add(time.perf_counter() - started)
                    return
                add(time.perf_counter() - started)
                yield value

        return steps

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            add(time.perf_counter() - started)

    return wrapper


if __name__ == "__main__":
    sys.exit(main())
