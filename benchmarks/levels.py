"""What each learner level marks in the seed articles (or the bundled example).

For no settings and each of N5…N1: running words (occurrences of vocabulary items), the
share the learner is taken to know, and the new items, per article and merged across
all of them (the same word in two articles counted once), with what the new items at
N1 are. Run: ``python benchmarks/levels.py``; the table goes into docs/learner.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from yomu.learner import Learner
from yomu.learner.corpus import merge_documents
from yomu.model import LEVELS, Level
from yomu.pipeline import Annotator, Options

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> int:
    paths = sorted(SEEDS.glob("*.txt")) or sorted((ROOT / "examples").glob("*.txt"))
    print(f"articles: {', '.join(p.name for p in paths)}\n")
    print("| setting | running words | known | new items (merged) | of them terms, names, composed |")
    print("|---|---:|---:|---:|---:|")
    levels: list[Level | None] = [None, *LEVELS]
    for level in levels:
        annotator = Annotator(Options(learner=Learner(level=level)))
        docs = [annotator.annotate_file(str(p)) for p in paths]
        running = sum(d.coverage().running_words for d in docs)
        known = sum(d.coverage().known_words for d in docs)
        new = [e.item for e in merge_documents(docs) if not e.item.known]
        domain = sum(1 for i in new if i.source != "jmdict" or i.kind != "word")
        print(
            f"| {('--level ' + level) if level else 'none'} | {running:,} | {known / running:.0%} "
            f"| {len(new):,} | {domain:,} ({domain / len(new):.0%}) |"
        )
        if level == "N1":
            kinds = Counter(f"{i.source}/{i.kind}" for i in new)
            print("\nnew at N1: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
            print("JMdict words still new at N1: " + ", ".join(i.text for i in new if i.source == "jmdict"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
