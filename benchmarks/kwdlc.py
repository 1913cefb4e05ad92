"""The KWDLC training split: loading, the fixed document-level held-out slice, and the
alignment of yomu's tokens with the corpus's hand-checked readings.

``../shared/data/kwdlc_train_tokens.tsv.gz`` holds the TRAIN split of the Kyoto
University Web Document Leads Corpus, one token a line. It is read at run time and never
copied here: yomu ships only what is learned from it (``src/yomu/data/reading_context.json``).

**The held-out slice.** Every tenth document, chosen by a hash of its id (so the slice
never moves when files are re-read in another order), is never used for learning:
:func:`is_held_out`. Training uses the other nine tenths; ``kwdlc_readings.py`` reports
accuracy on the slice.

**Comparing readings.** KWDLC (JUMAN) and Sudachi cut words differently (行って is one
JUMAN token, 行っ + て two Sudachi ones; 2025年 one Sudachi token, ２０２５ + 年 two JUMAN
ones). Both sides are cut at every offset where both have a token edge; each stretch
between two such edges is a *segment*, and a segment is read right when yomu's readings
over it, joined, equal the corpus's. Readings are compared as hiragana, with punctuation
and symbols left out (their "reading" is themselves on both sides). Segments with Latin
letters are left out of the comparison and counted: the corpus spells them sometimes as
kana (ＣＤ しーでぃー), sometimes as themselves (ＬＤＫ), with no rule to follow.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from yomu.words.kana import katakana_to_hiragana

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
KWDLC = DATA / "kwdlc_train_tokens.tsv.gz"

HELD_OUT_SHARE = 10
"""One document in this many is held out."""

_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_NOT_KANA = re.compile(r"[^ぁ-ゖゔー]")


@dataclass(frozen=True)
class GoldToken:
    surface: str
    reading: str
    lemma: str
    pos: str
    subpos: str


@dataclass(frozen=True)
class GoldSentence:
    sent_id: str
    document: str
    tokens: tuple[GoldToken, ...]

    @property
    def text(self) -> str:
        return "".join(t.surface for t in self.tokens)


def load(path: Path = KWDLC) -> list[GoldSentence]:
    """Every sentence of the file, in file order."""
    sentences: list[GoldSentence] = []
    current: list[GoldToken] = []
    current_id = ""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            sent_id, _index, surface, reading, lemma, pos, subpos, _conj = line.rstrip("\n").split("\t")
            if sent_id != current_id and current:
                sentences.append(_sentence(current_id, current))
                current = []
            current_id = sent_id
            current.append(GoldToken(surface, reading, lemma, pos, subpos))
    if current:
        sentences.append(_sentence(current_id, current))
    return sentences


def _sentence(sent_id: str, tokens: list[GoldToken]) -> GoldSentence:
    return GoldSentence(sent_id, sent_id.rsplit("-", 1)[0], tuple(tokens))


def is_held_out(document: str) -> bool:
    """Whether a document belongs to the fixed held-out slice (never learned from)."""
    digest = hashlib.sha256(document.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % HELD_OUT_SHARE == 0


def split(sentences: Iterable[GoldSentence]) -> tuple[list[GoldSentence], list[GoldSentence]]:
    """(training, held-out) by document."""
    training: list[GoldSentence] = []
    held_out: list[GoldSentence] = []
    for s in sentences:
        (held_out if is_held_out(s.document) else training).append(s)
    return training, held_out


def kana(reading: str) -> str:
    """A reading as compared: hiragana only (ヴ as ゔ), punctuation and symbols dropped."""
    text = katakana_to_hiragana(reading.replace("う゛", "ゔ").replace("ヴ", "ゔ"))
    return _NOT_KANA.sub("", text)


@dataclass(frozen=True)
class Segment:
    """A stretch of a sentence where both sides have token edges at its ends."""

    start: int
    end: int
    text: str
    gold: str
    """The corpus's reading, as compared (:func:`kana`)."""
    predicted: str
    gold_tokens: tuple[int, ...]
    """Indexes of the corpus tokens in the segment."""
    predicted_tokens: tuple[int, ...]

    @property
    def has_latin(self) -> bool:
        return _LATIN.search(self.text) is not None

    @property
    def right(self) -> bool:
        return self.gold == self.predicted


def segments(
    sentence: GoldSentence, predicted: Sequence[tuple[int, int, str]]
) -> Iterator[Segment]:
    """Cut the sentence where both sides have an edge.

    ``predicted`` is yomu's tokens as ``(start, end, reading)`` with offsets into
    ``sentence.text``; a token without a reading gives ``""``. Characters no token covers
    (white space yomu dropped) are simply not read on yomu's side.
    """
    gold_spans: list[tuple[int, int]] = []
    offset = 0
    for t in sentence.tokens:
        gold_spans.append((offset, offset + len(t.surface)))
        offset += len(t.surface)
    gold_edges = {s for s, _ in gold_spans} | {e for _, e in gold_spans}
    predicted_edges = {s for s, _, _ in predicted} | {e for _, e, _ in predicted}
    cuts = sorted((gold_edges & predicted_edges) | {0, offset})
    text = sentence.text
    gi = pi = 0
    for start, end in pairwise(cuts):
        g: list[int] = []
        while gi < len(gold_spans) and gold_spans[gi][1] <= end:
            g.append(gi)
            gi += 1
        p: list[int] = []
        while pi < len(predicted) and predicted[pi][1] <= end:
            if predicted[pi][0] >= start:
                p.append(pi)
            pi += 1
        yield Segment(
            start=start,
            end=end,
            text=text[start:end],
            gold=kana("".join(sentence.tokens[i].reading for i in g)),
            predicted=kana("".join(predicted[i][2] for i in p)),
            gold_tokens=tuple(g),
            predicted_tokens=tuple(p),
        )


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
