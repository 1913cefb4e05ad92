"""Readings in context: which reading a word with several has in this sentence.

方 is かた in 参加を希望する方は and ほう in こちらの方が安い; 行って is おこなって after
調査を and いって after 東京へ. Sudachi picks one reading per word from its lattice, without
looking at the sentence. For the words whose reading depends on the sentence, yomu keeps
a small learned model per word (``data/reading_context.json``): a multinomial logistic
regression over sparse features of the words around it — the neighbours' surfaces and
parts of speech, the particle that follows, digits and counters, content words nearby.

The model is learned from the training split of the Kyoto University Web Document Leads
Corpus (KWDLC) by ``benchmarks/train_reading_context.py``; only weights are shipped,
never the corpus's text. A fixed tenth of the corpus's documents is held out and never
learned from; docs/accuracy.md reports the model on it.

Features are made from Sudachi's morphemes, not from yomu's tokens, so the model sees
the whole sentence (the particle after a word is not read yet when the word is).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..data import read_text
from .tokenizer import WordForm

MODEL_FILE = "reading_context.json"
WINDOW = 4
"""How many morphemes either side count as the word's neighbourhood (``w=`` features)."""

_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "代名詞"})


@dataclass(frozen=True)
class WordModel:
    """The learned choice among one surface's readings."""

    readings: tuple[str, ...]
    """The candidates, hiragana, most frequent in the corpus first."""
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    """Feature → one weight per candidate."""
    common: tuple[str, ...]
    """The candidates common enough to tell a learner about ("also read ほう")."""

    def choose(self, features: Sequence[str], reading: str, margin: float) -> str:
        """The candidate the features favour; ``reading`` (Sudachi's) unless another one
        beats it by ``margin`` in log-odds *and* the sentence itself leans towards it.

        A weak preference learned from web text is not worth overruling the dictionary
        for, and neither is the word's prior alone: 表し is ひょうし in 敬意を表します
        (表する) but あらわし in 戦略を表し、, where nothing in the sentence says 表する.
        """
        scores = list(self.bias)
        sentence = [0.0] * len(scores)
        weights = self.weights
        for f in features:
            w = weights.get(f)
            if w is not None:
                own = f.startswith(_WORD_FEATURES)
                for k, v in enumerate(w):
                    scores[k] += v
                    if not own:
                        sentence[k] += v
        best = max(range(len(scores)), key=scores.__getitem__)
        if reading in self.readings:
            alone = self.readings.index(reading)
            if scores[best] - scores[alone] <= margin or sentence[best] <= sentence[alone]:
                return reading
        return self.readings[best]


_WORD_FEATURES = ("r=", "l=", "t=", "f=")
"""Features of the word itself (its reading alone, lemma, part of speech, form): its prior."""


@dataclass(frozen=True)
class ReadingModel:
    words: Mapping[str, WordModel]
    """Sudachi surface → its model."""
    margin: float = 0.0
    """How much more likely (log-odds) another reading must be to replace Sudachi's."""
    also: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Common readings of heteronyms the model does not choose for (表 ひょう, おもて)."""

    def choose(self, morphemes: Sequence[WordForm], i: int, reading: str) -> str | None:
        """The reading of ``morphemes[i]`` in its sentence, or ``None`` when the model has
        nothing to say about that word (``reading`` is Sudachi's, one of the features)."""
        model = self.words.get(morphemes[i].surface)
        if model is None:
            return None
        return model.choose(context_features(morphemes, i, reading), reading, self.margin)

    def other_readings(self, surface: str, reading: str) -> tuple[str, ...]:
        """The word's other common readings, for "also read …" in popups and cards."""
        model = self.words.get(surface)
        if model is not None:
            return tuple(r for r in model.common if r != reading)
        common = self.also.get(surface, ())
        if reading not in common:
            return ()  # a rare reading, or another word written the same
        return tuple(r for r in common if r != reading)


def context_features(morphemes: Sequence[WordForm], i: int, reading: str) -> list[str]:
    """The sparse features of ``morphemes[i]`` in its sentence, as strings.

    Training (benchmarks/train_reading_context.py) calls this same function, so what the
    shipped weights mean cannot drift from what is computed here.
    """
    m = morphemes[i]
    prev1 = morphemes[i - 1] if i >= 1 else None
    prev2 = morphemes[i - 2] if i >= 2 else None
    next1 = morphemes[i + 1] if i + 1 < len(morphemes) else None
    next2 = morphemes[i + 2] if i + 2 < len(morphemes) else None
    p1 = _surface(prev1, "<s>")
    n1 = _surface(next1, "</s>")
    features = [
        "r=" + reading,
        "l=" + m.lemma,
        "t=" + _pos(m),
        "p1=" + p1,
        "P1=" + _pos(prev1),
        "p2=" + _surface(prev2, "<s>"),
        "n1=" + n1,
        "N1=" + _pos(next1),
        "n2=" + _surface(next2, "</s>"),
        "p1n1=" + p1 + "_" + n1,
        "n1n2=" + n1 + "_" + _surface(next2, "</s>"),
        "p2p1=" + _surface(prev2, "<s>") + "_" + p1,
        # Conjugation forms: 使い方 (連用形 before 方) is かた, 行った方が is ほう.
        "f=" + m.pos[5],
        "P1f=" + ("-" if prev1 is None else prev1.pos[5]),
        "P1l=" + ("<s>" if prev1 is None else prev1.lemma),
        "P2=" + _pos(prev2),
        "N2=" + _pos(next2),
    ]
    if prev1 is not None and prev1.pos[1] == "数詞":
        features.append("p1num")
    if next1 is not None and next1.pos[1] == "数詞":
        features.append("n1num")
    lo, hi = max(0, i - WINDOW), min(len(morphemes), i + WINDOW + 1)
    for j in range(lo, hi):
        if j != i and morphemes[j].pos[0] in _CONTENT_POS and morphemes[j].pos[1] != "数詞":
            features.append("w=" + morphemes[j].lemma)
    return features


def _surface(m: WordForm | None, edge: str) -> str:
    return edge if m is None else m.surface


def _pos(m: WordForm | None) -> str:
    return "-" if m is None else m.pos[0] + "/" + m.pos[1]


def load_model(text: str) -> ReadingModel:
    """A model from the JSON that training writes."""
    data = json.loads(text)
    words: dict[str, WordModel] = {}
    for surface, entry in data["words"].items():
        words[surface] = WordModel(
            readings=tuple(entry["readings"]),
            bias=tuple(entry["bias"]),
            weights={f: tuple(w) for f, w in entry["weights"].items()},
            common=tuple(entry["common"]),
        )
    also = {surface: tuple(readings) for surface, readings in data.get("also", {}).items()}
    return ReadingModel(words=words, margin=float(data.get("margin", 0.0)), also=also)


_model: ReadingModel | None = None
_model_lock = threading.Lock()


def default_model() -> ReadingModel:
    """The shipped model, loaded on first use."""
    global _model
    # Called for every sentence: the lock is only taken while the model is not loaded yet.
    if _model is not None:
        return _model
    with _model_lock:
        if _model is None:
            _model = load_model(read_text(MODEL_FILE))
        return _model
