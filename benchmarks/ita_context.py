"""Readings in context: yomu's furigana against the human ruby of the ITA corpus.

Each ITA sentence carries human ruby on every kanji run (``見習[みなら]うべき``). yomu
annotates the bare sentence; a ruby group counts as right when the readings yomu
puts over exactly that stretch of text, joined, equal the human reading. A group
whose edges fall inside one of yomu's ruby segments (yomu reads 2025年 as one run
where a human split it) counts as wrong: the learner would see a different split.

Run: ``python benchmarks/ita_context.py [--verbose]`` (needs ../shared/data).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from yomu.pipeline import Annotator, Options
from yomu.words.kana import katakana_to_hiragana

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_BRACKET = re.compile(r"([^\[\]]+?)\[([^\]]*)\]")


@dataclass(frozen=True)
class Group:
    start: int
    end: int
    text: str
    reading: str


@dataclass(frozen=True)
class ContextResult:
    sentences: int
    sentences_right: int
    groups: int
    groups_right: int
    misses: tuple[tuple[str, str, str, str], ...]
    """(sentence id, group text, expected, got)."""

    @property
    def group_accuracy(self) -> float:
        return self.groups_right / self.groups if self.groups else 0.0

    @property
    def sentence_accuracy(self) -> float:
        return self.sentences_right / self.sentences if self.sentences else 0.0


def ruby_groups(bracket: str) -> tuple[str, list[Group]]:
    """Parse ``見習[みなら]うべき`` into the plain sentence and its ruby groups.

    The reading belongs to the run of kanji right before ``[``; kana before that run
    is plain text.
    """
    text_parts: list[str] = []
    groups: list[Group] = []
    for piece in re.split(r"(\[[^\]]*\])", bracket):
        if piece.startswith("[") and piece.endswith("]"):
            plain = "".join(text_parts)
            since_last_group = plain[groups[-1].end :] if groups else plain
            run = _trailing_kanji_run(since_last_group)
            groups.append(Group(len(plain) - len(run), len(plain), run, katakana_to_hiragana(piece[1:-1])))
        else:
            text_parts.append(piece)
    return "".join(text_parts), groups


def _trailing_kanji_run(text: str) -> str:
    match = re.search(r"[々〆ヶヵ\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff0-9０-９]+$", text)
    return match.group() if match else text[-1:]


def yomu_spans(annotator: Annotator, sentence: str) -> list[tuple[int, int, str | None]]:
    """yomu's ruby segments as (start, end, reading) offsets into ``sentence``."""
    doc = annotator.annotate(sentence, format="text")
    spans: list[tuple[int, int, str | None]] = []
    offset = 0
    for s in doc.sentences():
        for token in s.tokens:
            pos = offset + token.start
            for seg in token.furigana:
                spans.append((pos, pos + len(seg.text), seg.reading))
                pos += len(seg.text)
        offset += len(s.text)
    return spans


def reading_over(spans: list[tuple[int, int, str | None]], start: int, end: int) -> str | None:
    """The joined readings over [start, end), or None if a segment crosses an edge."""
    parts: list[str] = []
    for s, e, reading in spans:
        if e <= start or s >= end:
            continue
        if s < start or e > end or reading is None:
            return None
        parts.append(reading)
    return "".join(parts)


def _aligned(groups: list[Group], spans: list[tuple[int, int, str | None]]) -> list[list[Group]]:
    """Join adjacent human groups until their edges meet yomu's segment edges.

    A human may write 天主[てんしゅ]教徒[きょうと] where yomu has one ruby over 天主教徒;
    both are read right if yomu's reading is the two human readings joined. Groups are
    only joined when nothing but ruby lies between them.
    """
    edges = {s for s, _, _ in spans} | {e for _, e, _ in spans}
    merged: list[list[Group]] = []
    for group in groups:
        if merged and merged[-1][-1].end == group.start and group.start not in edges:
            merged[-1].append(group)
        else:
            merged.append([group])
    return merged


def run(data_dir: Path = DATA) -> ContextResult:
    annotator = Annotator(Options(keep_clutter=True, vocabulary=False))
    lines = (data_dir / "ita_corpus_ruby.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    sentences = right_sentences = groups_total = groups_right = 0
    misses: list[tuple[str, str, str, str]] = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        text, groups = ruby_groups(row["bracket_furigana"])
        spans = yomu_spans(annotator, text)
        all_right = True
        for merged in _aligned(groups, spans):
            got = reading_over(spans, merged[0].start, merged[-1].end)
            expected = "".join(g.reading for g in merged)
            groups_total += len(merged)
            if got == expected:
                groups_right += len(merged)
            else:
                all_right = False
                text = "".join(g.text for g in merged)
                misses.append((row["id"], text, expected, got or "—"))
        sentences += 1
        right_sentences += all_right
    return ContextResult(sentences, right_sentences, groups_total, groups_right, tuple(misses))


def main() -> int:
    if not (DATA / "ita_corpus_ruby.tsv").exists():
        print(f"skipped: {DATA} is absent")
        return 0
    result = run()
    print(f"ITA corpus ruby groups: {result.groups_right}/{result.groups} = {result.group_accuracy:.2%}")
    print(
        f"ITA sentences fully right: {result.sentences_right}/{result.sentences} = "
        f"{result.sentence_accuracy:.2%}"
    )
    if "--verbose" in sys.argv:
        for miss in result.misses:
            print("\t".join(miss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
