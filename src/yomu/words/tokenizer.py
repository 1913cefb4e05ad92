"""Segmentation with SudachiPy: the only module that imports ``sudachipy``.

SudachiPy's API has moved between releases (``create()`` → ``tokenizer()``, list → tuple
POS), so everything the rest of yomu needs from it is copied into plain ``Morpheme``
values here and nothing Sudachi-typed leaks out.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from .._fast import new_instance, set_field
from ..errors import YomuError

# Sudachi refuses a single call above 49,149 bytes of UTF-8. Stay well below it so that
# a chunk ending inside a long run of 4-byte characters still fits.
MAX_CHUNK_BYTES = 40_000

# Reading only the fields yomu uses makes dictionary access measurably cheaper.
_FIELDS = {"reading_form", "dictionary_form", "normalized_form", "pos"}

# News repeats a few thousand words most of the time; the bound keeps the cache to a
# few MB on text that does not (a word list, a dictionary dump), where it is emptied
# and refilled.
_MAX_CACHED_WORDS = 50_000

# Preferred split points, best first, for text that has to be cut into chunks.
_CUT_AFTER = ("。", "！", "？", "!", "?", "\n", "、", "，", ",", " ", "　")


@dataclass(frozen=True)
class Morpheme:
    """One Sudachi morpheme, detached from Sudachi's own objects."""

    surface: str
    start: int
    end: int
    reading: str
    """Sudachi's ``reading_form``: katakana for dictionary words, the surface for unknown ones."""
    lemma: str
    normalized: str
    pos: tuple[str, ...]
    oov: bool
    word_id: int = -1
    """Sudachi's id of the dictionary word, -1 for unknown words. Morphemes with the same
    id and surface are the same word: same reading, lemma and POS."""


class Tokenizer:
    """A mode-C Sudachi tokenizer over the core dictionary, loaded on first use.

    One instance may be shared between threads: Sudachi tokenizers are not re-entrant,
    so each thread gets its own, built from one shared dictionary.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dictionary: object | None = None
        self._local = threading.local()
        # Sudachi word id → (reading, lemma, normalized form, POS); shared by threads, and
        # a dict's get and set are atomic, so no lock is needed.
        self._words: dict[int, tuple[str, str, str, tuple[str, ...]]] = {}

    def _tokenizer(self) -> object:
        tokenizer = getattr(self._local, "tokenizer", None)
        if tokenizer is None:
            with self._lock:
                if self._dictionary is None:
                    self._dictionary = _load_dictionary()
            from sudachipy import SplitMode

            tokenizer = self._dictionary.tokenizer(SplitMode.C, fields=_FIELDS)  # type: ignore[attr-defined]
            self._local.tokenizer = tokenizer
        return tokenizer

    def tokenize(self, text: str) -> tuple[Morpheme, ...]:
        """Segment ``text`` of any length; offsets are code points into ``text``."""
        tokenizer = self._tokenizer()
        morphemes: list[Morpheme] = []
        words = self._words
        for offset, chunk in chunks(text):
            for m in tokenizer.tokenize(chunk):  # type: ignore[attr-defined]
                surface = m.surface()
                oov = m.is_oov()
                # A dictionary word's reading, lemma and POS depend only on its id; reading
                # them once per word instead of once per occurrence halves the cost of
                # copying morphemes out of Sudachi (news repeats its words a lot).
                word_id = -1 if oov else m.word_id()
                fields = None if oov else words.get(word_id)
                if fields is None:
                    pos = tuple(m.part_of_speech())
                    fields = (m.reading_form(), m.dictionary_form(), m.normalized_form(), pos)
                    if not oov:
                        if len(words) >= _MAX_CACHED_WORDS:
                            words.clear()
                        words[word_id] = fields
                begin = offset + m.begin()
                # One per word of every article: see _fast for why not Morpheme(...), and
                # new_frozen written out.
                morpheme = new_instance(Morpheme)
                set_field(
                    morpheme,
                    "__dict__",
                    {
                        "surface": surface,
                        "start": begin,
                        "end": begin + len(surface),
                        "reading": fields[0],
                        "lemma": fields[1],
                        "normalized": fields[2],
                        "pos": fields[3],
                        "oov": oov,
                        "word_id": word_id,
                    },
                )
                morphemes.append(morpheme)
        return tuple(morphemes)


def _load_dictionary() -> object:
    try:
        from sudachipy import Dictionary
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise YomuError("SudachiPy is not installed: run `pip install sudachipy sudachidict-core`") from exc
    try:
        return Dictionary(dict="core")
    except Exception as exc:  # pragma: no cover - depends on the environment
        raise YomuError(
            f"cannot load the Sudachi core dictionary ({exc}): run `pip install sudachidict-core`"
        ) from exc


def chunks(text: str, max_bytes: int = MAX_CHUNK_BYTES) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces under ``max_bytes`` of UTF-8, preferring sentence ends.

    Yields ``(offset, piece)``; the pieces concatenate back to ``text``.
    """
    start = 0
    while start < len(text):
        # 4 bytes is the widest UTF-8 character, so this many code points always fit.
        end = start + max_bytes // 4
        end = len(text) if end >= len(text) else _best_cut(text, start, end)
        yield start, text[start:end]
        start = end


def _best_cut(text: str, start: int, end: int) -> int:
    window = text[start:end]
    for mark in _CUT_AFTER:
        cut = window.rfind(mark)
        # A cut in the first half would make needlessly many small calls.
        if cut >= len(window) // 2:
            return start + cut + 1
    return end
