"""How often yomu's lookup units agree with two external segmenters' expected units.

Gold sets (in ../shared/data, never copied here): Jiten's parser tests (Sudachi + JMdict)
and ichiran's segmentation tests (a JMdict lattice). Both expect one unit per
dictionary lookup, an inflected verb with its endings (しません, まかせて) included.

yomu's lookup unit is a vocabulary item (which may span several Sudachi tokens:
安全|保障, 安全|の|保証) or a token without an item, and — since a learner looks a verb
up with its endings — the auxiliaries and the conjunctive て/で/ば right after a verb,
adjective or auxiliary. White space is not a unit.

Reported per file: sentences whose units all agree, and unit precision/recall over
character spans. Run: ``python benchmarks/segmentation.py [--verbose]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from yomu.model import Token
from yomu.pipeline import Annotator, Options

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_INFLECTING = ("動詞", "形容詞", "助動詞")
_CONJUNCTIVE = ("て", "で", "ば", "ちゃ", "じゃ", "たり", "だり")


@dataclass
class SegmentationResult:
    name: str
    sentences: int = 0
    sentences_agreeing: int = 0
    expected_units: int = 0
    yomu_units: int = 0
    matching_units: int = 0
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def sentence_agreement(self) -> float:
        return self.sentences_agreeing / self.sentences if self.sentences else 0.0

    @property
    def precision(self) -> float:
        return self.matching_units / self.yomu_units if self.yomu_units else 0.0

    @property
    def recall(self) -> float:
        return self.matching_units / self.expected_units if self.expected_units else 0.0


def lookup_units(tokens: tuple[Token, ...]) -> list[str]:
    units: list[list[Token]] = []
    for token in tokens:
        if token.pos[0] == "空白":
            continue
        previous = units[-1][-1] if units else None
        same_item = previous is not None and token.item is not None and token.item == previous.item
        if previous is not None and (same_item or _inflection_of(previous, token)):
            units[-1].append(token)
        else:
            units.append([token])
    return ["".join(t.surface for t in unit) for unit in units]


def _inflection_of(previous: Token, token: Token) -> bool:
    # 進化|する is looked up as 進化する; 新し|そう as 新しそう.
    if previous.pos[2] == "サ変可能" and token.lemma == "する":
        return True
    if previous.pos[0] not in _INFLECTING:
        return False
    if token.pos[0] == "接尾辞" and token.pos[1] in ("形状詞的", "形容詞的", "動詞的"):
        return True
    if token.pos[0] == "助動詞":
        return True
    return token.pos[:2] == ("助詞", "接続助詞") and token.surface in _CONJUNCTIVE


def _spans(units: list[str]) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    pos = 0
    for unit in units:
        spans.add((pos, pos + len(unit)))
        pos += len(unit)
    return spans


def run_file(path: Path, annotator: Annotator) -> SegmentationResult:
    result = SegmentationResult(path.stem)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        text = row["input"]
        expected = [u.strip() for u in row["expected_segments"].split(" | ") if u.strip()]
        doc = annotator.annotate(text, format="text")
        units = [u for s in doc.sentences() for u in lookup_units(s.tokens)]
        # Compare on the text without white space, as the gold units carry none.
        expected_spans, yomu_spans = _spans(expected), _spans([u.replace(" ", "") for u in units])
        result.sentences += 1
        result.expected_units += len(expected_spans)
        result.yomu_units += len(yomu_spans)
        result.matching_units += len(expected_spans & yomu_spans)
        if expected_spans == yomu_spans:
            result.sentences_agreeing += 1
        else:
            result.disagreements.append((row["id"], " | ".join(expected), " | ".join(units)))
    return result


def run(data_dir: Path = DATA) -> list[SegmentationResult]:
    annotator = Annotator(Options(keep_clutter=True))
    return [
        run_file(data_dir / name, annotator)
        for name in ("jiten_segmentation.tsv", "ichiran_segmentation.tsv")
    ]


def main() -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    print(f"{'set':22} {'sentences agreeing':>20} {'unit precision':>15} {'unit recall':>12}")
    for r in run():
        agreeing = f"{r.sentences_agreeing}/{r.sentences} {r.sentence_agreement:.1%}"
        print(f"{r.name:22} {agreeing:>20} {r.precision:>15.1%} {r.recall:>12.1%}")
        if "--verbose" in sys.argv:
            for row in r.disagreements:
                print("   ", "\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
