"""Readings in context on the KWDLC held-out slice: yomu next to raw Sudachi.

For every sentence of the held-out documents (``kwdlc.is_held_out``, never learned
from) it reports

* sentence exact match: every segment read as the corpus reads it;
* character error rate: edit distance between the joined readings, over the corpus's;
* per-word accuracy for the 40 most frequent ambiguous words of the training part
  (surfaces the corpus reads in more than one way), and for 行う/行く together.

Raw Sudachi is its katakana reading as hiragana, numbers digit by digit, as it comes.
yomu is the whole pipeline (``Annotator.annotate``, clutter kept so that no line of
the corpus is dropped). See ``kwdlc.py`` for how the two cuttings are compared.

Run: ``python benchmarks/kwdlc_readings.py [--verbose] [--words N] [--training]``
(``--training`` measures the learning part instead: a check for over-fitting, not a result).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kwdlc
from kwdlc import GoldSentence, Segment
from yomu.pipeline import Annotator, Options
from yomu.words.tokenizer import Tokenizer

Predictor = Callable[[str], list[tuple[int, int, str]]]
"""Sentence text → tokens as (start, end, reading) with offsets into the text."""

GOING = "行う/行く"
GOING_LEMMAS = frozenset({"行う", "行く"})


def word_key(token: kwdlc.GoldToken) -> str:
    """What the per-word table counts a corpus token as: its surface, but 行う and 行く
    together (行って is either), as the issue names them."""
    if token.lemma in GOING_LEMMAS and token.surface.startswith("行"):
        return GOING
    return token.surface


def ambiguous_words(sentences: Sequence[GoldSentence], most: int) -> list[str]:
    """The ``most`` most frequent words the corpus reads in more than one way (the second
    reading at least 3 times), most frequent first; 行う/行く always included."""
    readings: dict[str, Counter[str]] = {}
    for s in sentences:
        for t in s.tokens:
            if any("\u4e00" <= c <= "\u9fff" for c in t.surface):
                readings.setdefault(word_key(t), Counter())[kwdlc.kana(t.reading)] += 1
    ambiguous = [
        (sum(c.values()), w) for w, c in readings.items() if len(c) > 1 and c.most_common(2)[1][1] >= 3
    ]
    words = [w for _, w in sorted(ambiguous, key=lambda x: (-x[0], x[1]))[:most]]
    if GOING not in words:
        words.append(GOING)
    return words


@dataclass
class Score:
    sentences: int = 0
    sentences_right: int = 0
    characters: int = 0
    errors: int = 0
    latin_segments: int = 0
    words: dict[str, list[int]] = field(default_factory=dict)
    """word → [right, total]."""
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def sentence_accuracy(self) -> float:
        return self.sentences_right / self.sentences if self.sentences else 0.0

    @property
    def cer(self) -> float:
        return self.errors / self.characters if self.characters else 0.0


def evaluate(sentences: Sequence[GoldSentence], predict: Predictor, words: Sequence[str]) -> Score:
    score = Score(words={w: [0, 0] for w in words})
    for s in sentences:
        segs = list(kwdlc.segments(s, predict(s.text)))
        compared = [g for g in segs if not g.has_latin]
        score.latin_segments += len(segs) - len(compared)
        gold = "".join(g.gold for g in compared)
        got = "".join(g.predicted for g in compared)
        score.sentences += 1
        score.characters += len(gold)
        if gold == got:
            score.sentences_right += 1
        else:
            score.errors += kwdlc.edit_distance(gold, got)
            for g in compared:
                if not g.right:
                    score.misses.append((s.sent_id, g.text, g.gold, g.predicted))
        _count_words(s, segs, score.words)
    return score


def _count_words(s: GoldSentence, segs: Sequence[Segment], table: dict[str, list[int]]) -> None:
    # A word is scored where yomu cut it exactly as the corpus did (possibly into several
    # tokens: 行っ + て for 行って); inside a longer yomu word it is not the word asked about.
    for g in segs:
        if len(g.gold_tokens) != 1:
            continue
        key = word_key(s.tokens[g.gold_tokens[0]])
        if key in table:
            table[key][1] += 1
            table[key][0] += g.right


def sudachi_predictor() -> Predictor:
    tokenizer = Tokenizer()

    def predict(text: str) -> list[tuple[int, int, str]]:
        return [(m.start, m.end, "" if m.oov else m.reading) for m in tokenizer.tokenize(text)]

    return predict


def yomu_predictor(annotator: Annotator | None = None) -> Predictor:
    annotator = annotator or Annotator(Options(keep_clutter=True))

    def predict(text: str) -> list[tuple[int, int, str]]:
        doc = annotator.annotate(text, format="text")
        out: list[tuple[int, int, str]] = []
        cursor = 0
        for token in doc.tokens():
            at = text.find(token.surface, cursor)
            if at < 0:
                continue
            cursor = at + len(token.surface)
            out.append((at, cursor, token.reading or ""))
        return out

    return predict


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every misread segment of yomu")
    parser.add_argument("--words", type=int, default=40)
    parser.add_argument("--training", action="store_true", help="score the learning part instead")
    args = parser.parse_args(argv)
    if not kwdlc.KWDLC.is_file():
        print(f"skipped: {kwdlc.KWDLC} is absent")
        return 0
    training, held_out = kwdlc.split(kwdlc.load())
    words = ambiguous_words(training, args.words)
    scored = training if args.training else held_out
    documents = len({s.document for s in scored})
    part = "training" if args.training else "held-out"
    print(f"{part} slice: {len(scored)} sentences, {documents} documents")
    results = {}
    for name, predictor in (("raw Sudachi", sudachi_predictor()), ("yomu", yomu_predictor())):
        started = time.perf_counter()
        results[name] = evaluate(scored, predictor, words)
        seconds = time.perf_counter() - started
        r = results[name]
        print(
            f"{name:12} sentences {r.sentences_right:>5}/{r.sentences:<5} {r.sentence_accuracy:7.2%}   "
            f"CER {r.cer:6.2%}   ({seconds:.1f} s; {r.latin_segments} segments with Latin letters left out)"
        )
    # Each side is scored where it cut the word as the corpus did, so the counts can differ
    # (yomu reads 1日 as one word where Sudachi has 1 + 日).
    print(f"\n{'word':10} {'Sudachi':>14} {'yomu':>14}")
    for w in words:
        cells = []
        for name in ("raw Sudachi", "yomu"):
            right, n = results[name].words[w]
            cells.append(f"{right:>3}/{n:<3} {right / n:6.1%}" if n else f"{'-':>14}")
        print(f"{w:10} {cells[0]:>14} {cells[1]:>14}")
    if args.verbose:
        for miss in results["yomu"].misses:
            print("   ", "\t".join(miss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
