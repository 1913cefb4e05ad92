"""Sense accuracy: is the primary gloss of a word the sense its sentence means?

The labelled set is ``benchmarks/senses_gold.tsv``, one item a row:

``id``        ``h…`` (held-out), ``t…`` (tuning), ``f…`` (second held-out) or ``g…`` (third)
``sentence``  the sentence, for rows of origin ``own`` (written for this set in news
              style); for seed rows ``@N``, the offset in code points of the item's first
              character in the seed file: the seeds are third-party articles and are read
              from ``../shared/seeds`` at run time, never copied (rows skipped when absent)
``word``      the item's text as yomu shows it (a lemma for verbs)
``keys``      key words of the right sense, ``|``-separated: the primary gloss is right
              when it contains one of them, case-insensitive
``kind``      ``word``, ``expression`` or ``composed``
``origin``    ``own`` or ``seed:NNN`` (the seed file's prefix)
``split``     ``held_out`` (labelled before any sense logic was changed, never tuned on),
              ``tuning``, or ``held_out_2`` (every item of 19 sentences written after the
              first rules and rows, labelled before the rest, never tuned on), or
              ``held_out_3`` (every item of 24 sentences on floods, budgets, courts, trade,
              elections, health, diplomacy, security, markets, energy, labour, schools,
              science, crime and transport, written and labelled before the second round
              of sense work, each item labelled from its senses listed in alphabetical order
              so the label never saw which sense yomu chose; never tuned on)

A seed row is scored in its whole article (so the article's domain takes part, as in
real use); an own row in its sentence alone. A row whose word is not one item (split
or merged differently) counts as a miss.

Run: ``python benchmarks/senses_accuracy.py [--verbose]``; ``--suggest FILE…`` lists the
words of articles whose primary sense is not the first JMdict sense, or whose primary
sense has a field news hardly means, for reviewing and growing data/news_senses.toml.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from yomu.model import Document, Sentence, VocabItem
from yomu.pipeline import Annotator

GOLD = Path(__file__).resolve().parent / "senses_gold.tsv"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
KINDS = ("word", "expression", "composed")
SPLITS = ("tuning", "held_out", "held_out_2", "held_out_3")
_DATED = frozenset({"arch", "obs", "obsc", "rare", "dated"})


@dataclass(frozen=True)
class Row:
    id: str
    sentence: str
    word: str
    keys: tuple[str, ...]
    kind: str
    origin: str
    split: str


@dataclass(frozen=True)
class Result:
    row: Row
    primary: str
    """The primary gloss found ("" when the word is not one item)."""
    right: bool
    sentence: str


def read_gold(path: Path = GOLD) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Row(
                id=r["id"],
                sentence=r["sentence"],
                word=r["word"],
                keys=tuple(k for k in r["keys"].split("|") if k),
                kind=r["kind"],
                origin=r["origin"],
                split=r["split"],
            )
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def seed_file(origin: str, seeds: Path = SEEDS) -> Path | None:
    """The seed article of origin ``seed:NNN``, if ../shared is there."""
    prefix = origin.removeprefix("seed:")
    found = sorted(seeds.glob(f"{prefix}_*.txt")) if seeds.is_dir() else []
    return found[0] if found else None


def right(primary: str, keys: Iterable[str]) -> bool:
    text = primary.casefold()
    return any(k.casefold() in text for k in keys)


def evaluate(rows: Sequence[Row], annotator: Annotator | None = None, seeds: Path = SEEDS) -> list[Result]:
    """Score every row that can be scored (seed rows need ``seeds``)."""
    annotator = annotator or Annotator()
    results: list[Result] = []
    by_seed: dict[str, list[Row]] = {}
    for row in rows:
        if row.origin == "own":
            doc = annotator.annotate(row.sentence)
            sentence = doc.sentences()[0] if doc.sentences() else None
            at = row.sentence.find(row.word)
            item = _item_at(doc, sentence, at, row.word) if sentence else None
            results.append(_result(row, item, row.sentence))
        else:
            by_seed.setdefault(row.origin, []).append(row)
    for origin, seed_rows in sorted(by_seed.items()):
        path = seed_file(origin, seeds)
        if path is None:
            continue
        raw = path.read_text(encoding="utf-8")
        doc = annotator.annotate_file(str(path))
        starts = _sentence_offsets(doc.sentences(), raw)
        for row in seed_rows:
            offset = int(row.sentence.removeprefix("@"))
            found = [(s, start) for s, start in starts if start <= offset < start + len(s.text)]
            if not found:
                results.append(_result(row, None, ""))
                continue
            s, start = found[0]
            results.append(_result(row, _item_at(doc, s, offset - start, row.word), s.text))
    order = {row.id: n for n, row in enumerate(rows)}
    return sorted(results, key=lambda r: order[r.row.id])


def _sentence_offsets(sentences: Sequence[Sentence], raw: str) -> list[tuple[Sentence, int]]:
    """Each sentence with its offset in the raw file (sentences are found in order)."""
    found: list[tuple[Sentence, int]] = []
    pos = 0
    for s in sentences:
        at = raw.find(s.text, pos)
        if at >= 0:
            found.append((s, at))
            pos = at + len(s.text)
    return found


def _item_at(doc: Document, sentence: Sentence | None, at: int, word: str) -> VocabItem | None:
    """The item of the token covering offset ``at``, if it is ``word``; else the first item
    of the sentence that is ``word``."""
    if sentence is None:
        return None
    candidates = [t for t in sentence.tokens if t.item is not None]
    for token in candidates:
        if token.start <= at < token.end:
            item = doc.item(token)
            if item is not None and item.text == word:
                return item
    for token in candidates:
        item = doc.item(token)
        if item is not None and item.text == word:
            return item
    return None


def _result(row: Row, item: VocabItem | None, sentence: str) -> Result:
    primary = "; ".join(item.primary_glosses) if item is not None else ""
    return Result(
        row=row, primary=primary, right=item is not None and right(primary, row.keys), sentence=sentence
    )


def accuracy(results: Iterable[Result]) -> tuple[int, int]:
    """Right and scored."""
    found = list(results)
    return sum(r.right for r in found), len(found)


def report(results: Sequence[Result]) -> str:
    lines = [f"{'':10} {'all':>16} " + " ".join(f"{k:>16}" for k in KINDS)]
    for split in (*SPLITS, "held out", "all"):
        in_split = [r for r in results if _in_part(r.row.split, split)]
        cells = [_cell(in_split)] + [_cell(r for r in in_split if r.row.kind == k) for k in KINDS]
        lines.append(f"{split:10} " + " ".join(f"{c:>16}" for c in cells))
    for origin in ("own", "seed"):
        part = [r for r in results if r.row.origin.startswith(origin)]
        lines.append(f"origin {origin}: {_cell(part)}")
    return "\n".join(lines)


def _in_part(split: str, part: str) -> bool:
    """Whether a row of ``split`` counts in the report's row ``part``: "held out" is every
    part never tuned on (the out-of-sample number), "all" every row."""
    return part == "all" or split == part or (part == "held out" and split.startswith("held_out"))


def _cell(results: Iterable[Result]) -> str:
    good, total = accuracy(results)
    return f"{good}/{total} {100 * good / total:5.1f}%" if total else "-"


def suggest(paths: Sequence[str], annotator: Annotator, top: int = 200) -> Iterable[str]:
    """The ``top`` most frequent JMdict words of these articles that have several senses,
    each with its primary sense and the others, for a reviewer to check against what news
    means (a row in data/news_senses.toml where the primary is wrong). Marked ``!`` when
    the primary sense is of a field news hardly means or dated."""
    from yomu.meaning.senses import OFF_DOMAIN_FIELDS

    counts: Counter[str] = Counter()
    items: dict[str, VocabItem] = {}
    for path in paths:
        for item in annotator.annotate_file(path).vocabulary():
            if item.source == "jmdict" and len(item.senses) > 1:
                counts[item.id] += item.count
                items.setdefault(item.id, item)
    for key, count in counts.most_common(top):
        item = items[key]
        sense = item.senses[item.primary]
        marks = (set(sense.fields) & OFF_DOMAIN_FIELDS) | (set(sense.misc) & _DATED)
        others = " / ".join(
            "; ".join(s.glosses[:3]) for i, s in enumerate(item.senses[:6]) if i != item.primary
        )
        flag = "!" if marks else " "
        yield f"{count:5d} {flag} {item.text}\t{item.reading}\t{'; '.join(sense.glosses[:4])}\t| {others}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--verbose", action="store_true", help="list the misses of the tuning part")
    parser.add_argument(
        "--held-out-misses",
        action="store_true",
        help="with --verbose, list the held-out misses too (not for tuning)",
    )
    parser.add_argument("--suggest", nargs="+", metavar="FILE", help="review candidates in these articles")
    parser.add_argument("--top", type=int, default=200, help="with --suggest, how many words")
    args = parser.parse_args(argv)
    annotator = Annotator()
    if args.suggest:
        for line in suggest(args.suggest, annotator, args.top):
            print(line)
        return 0
    rows = read_gold()
    results = evaluate(rows, annotator)
    if len(results) < len(rows):
        print(f"({len(rows) - len(results)} seed rows skipped: {SEEDS} is absent)")
    print(report(results))
    if args.verbose:
        for r in results:
            if not r.right and (r.row.split == "tuning" or args.held_out_misses):
                print(
                    f"MISS {r.row.id} {r.row.split} {r.row.kind} {r.row.word} [{'|'.join(r.row.keys)}]"
                    f" got: {r.primary or '(no item)'}\n     {r.sentence}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
