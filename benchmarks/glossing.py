"""Time glossing: building the vocabulary of the five seed articles after start-up.

Tokens and readings are made first (not timed); then ``build_vocabulary`` runs once with
a new dictionary instance (SQLite opened, nothing cached) and once more with the same
instance (every entry cached). Run: ``python benchmarks/glossing.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from yomu.meaning.dictionary import JMdict
from yomu.meaning.glossary import Glossary
from yomu.meaning.vocabulary import build_vocabulary
from yomu.pipeline import Annotator, Options

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def main() -> int:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        print(f"skipped: {SEEDS} is absent")
        return 0
    annotator = Annotator(Options(vocabulary=False))
    docs = [annotator.annotate_file(str(p)) for p in paths]
    glossary = Glossary.shipped()
    dictionary = JMdict()
    tokens = sum(len(d.tokens()) for d in docs)
    for label in ("new dictionary", "cached"):
        started = time.perf_counter()
        items = sum(
            len(build_vocabulary(d.blocks, dictionary=dictionary, glossary=glossary)[1]) for d in docs
        )
        elapsed = time.perf_counter() - started
        print(f"{label:15} {len(docs)} articles, {tokens} tokens, {items} items: {elapsed * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
