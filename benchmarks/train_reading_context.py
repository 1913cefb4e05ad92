"""Learn yomu's reading-in-context model from the KWDLC training split.

Writes ``src/yomu/data/reading_context.json`` (see :mod:`yomu.words.reading_context`): for
every Sudachi surface the corpus reads in more than one way, or reads otherwise than
yomu does alone, a multinomial logistic regression over :func:`context_features`.
Only weights leave this script; the corpus's text does not.

What is learned from: the nine tenths of KWDLC's documents outside the held-out slice
(``kwdlc.is_held_out``). Each sentence is segmented and read by yomu *without* the model;
each word whose stretch of text the corpus reads (``kwdlc.segments``) becomes one example
of (features, the corpus's reading). A word inside a segment with other words in kanji
cannot be given a reading of its own and is skipped.

The L2 strength and the minimum counts below were chosen by 5-fold cross-validation over
the training documents, never by looking at the held-out slice.

Run: ``python benchmarks/train_reading_context.py [--check]`` (``--check`` reports
cross-validated accuracy instead of writing the file).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kwdlc
from kwdlc import GoldSentence
from yomu.words.kana import is_kana
from yomu.words.reading_context import MODEL_FILE, WordModel, context_features
from yomu.words.readings import read_sentence
from yomu.words.tokenizer import Tokenizer

OUT = Path(__file__).resolve().parents[1] / "src" / "yomu" / "data" / MODEL_FILE

MIN_EXAMPLES = 3
"""A word needs this many examples to get a model."""
MIN_READING = 3
"""A reading is a candidate when the corpus gives it this many times (yomu's own always is)."""
MIN_FEATURE = 2
"""A feature is kept when it occurs this many times among one word's examples."""
L2 = 0.3
UNSHRUNK_SUDACHI = True
ITERATIONS = 150
LEARNING_RATE = 0.5
MARGIN = 1.0
"""Log-odds by which another reading must beat Sudachi's (ReadingModel.margin)."""
COMMON_SHARE = 0.05
"""A candidate is listed as one of the word's common readings from this share of examples."""


@dataclass(frozen=True)
class Example:
    surface: str
    document: str
    features: tuple[str, ...]
    yomu: str
    gold: str


def examples(sentences: Sequence[GoldSentence]) -> list[Example]:
    tokenizer = Tokenizer()
    out: list[Example] = []
    for s in sentences:
        morphemes = tokenizer.tokenize(s.text)
        tokens = read_sentence(morphemes, context=False)
        by_start = {m.start: k for k, m in enumerate(morphemes)}
        predicted = [(t.start, t.end, t.reading or "") for t in tokens]
        for seg in kwdlc.segments(s, predicted):
            if seg.has_latin:
                continue
            in_kanji = [k for k in seg.predicted_tokens if not all(is_kana(c) for c in tokens[k].surface)]
            if len(in_kanji) != 1:
                continue
            k = in_kanji[0]
            token = tokens[k]
            if token.reading is None or token.reading_source != "sudachi":
                continue
            before = "".join(kwdlc.kana(tokens[j].reading or "") for j in seg.predicted_tokens if j < k)
            after = "".join(kwdlc.kana(tokens[j].reading or "") for j in seg.predicted_tokens if j > k)
            gold = seg.gold
            if not (gold.startswith(before) and gold.endswith(after)) or len(gold) <= len(before + after):
                continue
            gold = gold[len(before) : len(gold) - len(after)]
            mi = by_start.get(token.start)
            if mi is None or morphemes[mi].surface != token.surface:
                continue
            features = tuple(context_features(morphemes, mi, token.reading))
            out.append(Example(token.surface, s.document, features, kwdlc.kana(token.reading), gold))
    return out


@dataclass
class Trained:
    readings: list[str]
    bias: list[float]
    weights: dict[str, list[float]]
    common: list[str]


def worth_a_model(word_examples: Sequence[Example]) -> bool:
    if len(word_examples) < MIN_EXAMPLES:
        return False
    golds = Counter(e.gold for e in word_examples)
    wrong = sum(e.gold != e.yomu for e in word_examples)
    several = len(golds) > 1 and golds.most_common(2)[1][1] >= MIN_READING
    return several or wrong >= MIN_READING


def train_word(word_examples: Sequence[Example]) -> Trained | None:
    golds = Counter(e.gold for e in word_examples)
    readings = [r for r, n in sorted(golds.items(), key=lambda x: (-x[1], x[0])) if n >= MIN_READING]
    for e in word_examples:
        if e.yomu not in readings:
            readings.append(e.yomu)
    if len(readings) < 2:
        return None
    index = {r: k for k, r in enumerate(readings)}
    usable = [e for e in word_examples if e.gold in index]
    counts = Counter(f for e in usable for f in set(e.features))
    # A feature every example has says nothing the bias does not, and would pass for
    # evidence from the sentence (WordModel.choose).
    names = sorted(
        f for f, n in counts.items() if (MIN_FEATURE <= n < len(usable)) or f.startswith("r=")
    )
    fid = {f: k for k, f in enumerate(names)}
    free = [f.startswith("r=") and UNSHRUNK_SUDACHI for f in names]
    data = [([fid[f] for f in set(e.features) if f in fid], index[e.gold]) for e in usable]
    k_classes = len(readings)
    w = [[0.0] * k_classes for _ in names]
    b = [0.0] * k_classes
    g2w = [[1e-8] * k_classes for _ in names]
    g2b = [1e-8] * k_classes
    n = len(data)
    for _ in range(ITERATIONS):
        # Sudachi's own reading (r=) is a bias per reading, not shrunk: where the corpus
        # agrees with Sudachi for a reading, the model must not drift from it elsewhere.
        gw = [[0.0] * k_classes if free[f] else [L2 * x / n for x in row] for f, row in enumerate(w)]
        gb = [0.0] * k_classes
        for feats, y in data:
            scores = list(b)
            for f in feats:
                row = w[f]
                for c in range(k_classes):
                    scores[c] += row[c]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            for c in range(k_classes):
                d = (exps[c] / total - (c == y)) / n
                gb[c] += d
                for f in feats:
                    gw[f][c] += d
        # AdaGrad: rare features move as far as common ones.
        for c in range(k_classes):
            g2b[c] += gb[c] ** 2
            b[c] -= LEARNING_RATE * gb[c] / math.sqrt(g2b[c])
        for f in range(len(names)):
            for c in range(k_classes):
                g = gw[f][c]
                if g:
                    g2w[f][c] += g * g
                    w[f][c] -= LEARNING_RATE * g / math.sqrt(g2w[f][c])
    weights = {}
    for f, name in enumerate(names):
        row = [round(x, 3) for x in w[f]]
        if any(abs(x) >= 0.01 for x in row):
            weights[name] = row
    share = {r: golds[r] / len(word_examples) for r in readings}
    common = [r for r in readings if share[r] >= COMMON_SHARE and golds[r] >= MIN_READING]
    return Trained(readings, [round(x, 3) for x in b], weights, common)


def train(all_examples: Sequence[Example]) -> dict[str, Trained]:
    by_word: dict[str, list[Example]] = defaultdict(list)
    for e in all_examples:
        by_word[e.surface].append(e)
    models = {}
    for surface in sorted(by_word):
        if worth_a_model(by_word[surface]):
            trained = train_word(by_word[surface])
            if trained is not None:
                models[surface] = trained
    return models


def predict(model: Trained, features: Sequence[str], reading: str) -> str:
    """What yomu.words.reading_context.WordModel.choose answers with these weights."""
    return WordModel(
        readings=tuple(model.readings),
        bias=tuple(model.bias),
        weights={f: tuple(w) for f, w in model.weights.items()},
        common=(),
    ).choose(features, reading, MARGIN)


def cross_validate(all_examples: Sequence[Example], folds: int = 5) -> None:
    documents = sorted({e.document for e in all_examples})
    fold_of = {d: k % folds for k, d in enumerate(documents)}
    right_model = right_yomu = total = 0
    for fold in range(folds):
        learn = [e for e in all_examples if fold_of[e.document] != fold]
        test = [e for e in all_examples if fold_of[e.document] == fold]
        models = train(learn)
        for e in test:
            total += 1
            right_yomu += e.yomu == e.gold
            m = models.get(e.surface)
            right_model += (predict(m, e.features, e.yomu) if m else e.yomu) == e.gold
    print(f"{total} examples: yomu alone {right_yomu / total:.2%}, with the model {right_model / total:.2%}")


HETERONYMS = kwdlc.DATA / "yomikata_heteronyms.tsv"
ALSO_SHARE = 0.05
"""A heteronym's reading is listed as common from this share of its corpus occurrences."""


def heteronym_readings(path: Path = HETERONYMS) -> dict[str, list[str]]:
    """Surface → its common readings, for words the model does not cover: yomikata's list
    of heteronyms with corpus counts, keeping the readings JMdict gives the word written
    alone (表 ひょう, おもて; not あらわ, which is 表す's)."""
    from yomu.meaning.dictionary import default_dictionary

    counts: dict[str, dict[str, int]] = defaultdict(dict)
    with path.open(encoding="utf-8") as f:
        next(f)
        for line in f:
            surface, reading, count, *_ = line.rstrip("\n").split("\t")
            counts[surface][reading] = int(count)
    entries = default_dictionary().entries(counts)
    also: dict[str, list[str]] = {}
    for surface, readings in sorted(counts.items()):
        alone = {k for e in entries.get(surface, ()) if surface in e.kanji for k in e.readings_of(surface)}
        total = sum(readings.values())
        common = [
            r for r, n in sorted(readings.items(), key=lambda x: (-x[1], x[0]))
            if n / total >= ALSO_SHARE and r in alone
        ]
        if len(common) >= 2:
            also[surface] = common
    return also


def write(models: dict[str, Trained], path: Path, also: dict[str, list[str]] | None = None) -> None:
    data = {
        "about": (
            "yomu's readings in context: per-word logistic regression weights learned from the "
            "training split of the Kyoto University Web Document Leads Corpus (KWDLC), less the "
            "held-out tenth of its documents; see benchmarks/train_reading_context.py. No corpus "
            "text is stored here."
        ),
        "version": 1,
        "margin": MARGIN,
        "words": {
            s: {"readings": m.readings, "bias": m.bias, "common": m.common, "weights": m.weights}
            for s, m in sorted(models.items())
        },
        # Common readings of heteronyms the model has no weights for, from yomikata's
        # corpus counts (MIT): only for "also read …", never to choose a reading.
        "also": {s: r for s, r in sorted((also or {}).items()) if s not in models},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="cross-validate on the training part only")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not kwdlc.KWDLC.is_file():
        print(f"cannot train: {kwdlc.KWDLC} is absent")
        return 1
    training, _held_out = kwdlc.split(kwdlc.load())
    all_examples = examples(training)
    if args.check:
        cross_validate(all_examples)
        return 0
    models = train(all_examples)
    also = heteronym_readings() if HETERONYMS.is_file() else {}
    write(models, args.out, also)
    print(f"{len(models)} words from {len(all_examples)} examples → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
