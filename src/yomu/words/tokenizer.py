"""Segmentation with SudachiPy: the only module that imports ``sudachipy``.

SudachiPy's API has moved between releases (``create()`` → ``tokenizer()``, list → tuple
POS), so everything the rest of yomu needs from it is copied into plain values here and
nothing Sudachi-typed leaks out.

What depends on the dictionary word alone (reading, lemma, POS) is copied once per word
into a :class:`Lexeme` that its occurrences share; an occurrence is that lexeme at an
offset. :meth:`Tokenizer.tokenize` gives a sentence as :class:`Morphemes`, which holds
the lexemes and offsets side by side and makes a :class:`Morpheme` only when one is
asked for, so the common path (a word read before) makes no object per token.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import Protocol, overload

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


@dataclass(frozen=True, slots=True)
class Lexeme:
    """What a Sudachi morpheme is wherever it stands: every field but its offsets."""

    surface: str
    reading: str
    """Sudachi's ``reading_form``: katakana for dictionary words, the surface for unknown ones."""
    lemma: str
    normalized: str
    pos: tuple[str, ...]
    oov: bool
    word_id: int = -1
    """Sudachi's id of the dictionary word, -1 for unknown words."""

    key: tuple[int, str] | None = field(init=False, repr=False, compare=False)
    """``(word_id, surface)`` for a dictionary word: lexemes with the same key are the same
    word. ``None`` for an unknown word, whose fields can depend on the words around it
    (Sudachi reads the numeral 一 イチ or ヒト). Stored, not worked out: it is read for
    every token."""

    def __post_init__(self) -> None:
        key = None if self.oov or self.word_id < 0 else (self.word_id, self.surface)
        object.__setattr__(self, "key", key)


class WordForm(Protocol):
    """What a :class:`Lexeme` and a :class:`Morpheme` both have: the word, not where it stands."""

    @property
    def surface(self) -> str: ...

    @property
    def lemma(self) -> str: ...

    @property
    def pos(self) -> tuple[str, ...]: ...


class Morpheme:
    """One Sudachi morpheme, detached from Sudachi's own objects: a :class:`Lexeme` at an
    offset, whose fields read as the morpheme's own."""

    __slots__ = ("lexeme", "start")

    lexeme: Lexeme
    start: int

    def __init__(self, lexeme: Lexeme, start: int, /) -> None:
        # Set once here, like a frozen dataclass's fields; __setattr__ refuses any change.
        object.__setattr__(self, "lexeme", lexeme)
        object.__setattr__(self, "start", start)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Morpheme is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Morpheme is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Morpheme:
            return NotImplemented
        return self.start == other.start and self.lexeme == other.lexeme

    def __hash__(self) -> int:
        return hash((self.lexeme, self.start))

    def __repr__(self) -> str:
        x = self.lexeme
        return (
            f"Morpheme(surface={x.surface!r}, start={self.start!r}, end={self.end!r}, "
            f"reading={x.reading!r}, lemma={x.lemma!r}, normalized={x.normalized!r}, "
            f"pos={x.pos!r}, oov={x.oov!r}, word_id={x.word_id!r})"
        )

    @property
    def end(self) -> int:
        return self.start + len(self.lexeme.surface)

    @property
    def surface(self) -> str:
        return self.lexeme.surface

    @property
    def reading(self) -> str:
        """Sudachi's ``reading_form``: katakana for dictionary words, the surface for unknown ones."""
        return self.lexeme.reading

    @property
    def lemma(self) -> str:
        return self.lexeme.lemma

    @property
    def normalized(self) -> str:
        return self.lexeme.normalized

    @property
    def pos(self) -> tuple[str, ...]:
        return self.lexeme.pos

    @property
    def oov(self) -> bool:
        return self.lexeme.oov

    @property
    def word_id(self) -> int:
        """Sudachi's id of the dictionary word, -1 for unknown words. Morphemes with the
        same id and surface are the same word: same reading, lemma and POS."""
        return self.lexeme.word_id


class Morphemes(Sequence[Morpheme]):
    """A text's morphemes, in order: ``lexemes[k]`` at offset ``starts[k]``.

    A sequence of :class:`Morpheme`; each is made when it is asked for.
    """

    __slots__ = ("lexemes", "starts")

    def __init__(self, lexemes: Sequence[Lexeme], starts: Sequence[int]) -> None:
        self.lexemes = tuple(lexemes)
        self.starts = tuple(starts)

    def __len__(self) -> int:
        return len(self.lexemes)

    @overload
    def __getitem__(self, index: int) -> Morpheme: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Morpheme, ...]: ...

    def __getitem__(self, index: int | slice) -> Morpheme | tuple[Morpheme, ...]:
        if isinstance(index, slice):
            return tuple(map(Morpheme, self.lexemes[index], self.starts[index]))
        return Morpheme(self.lexemes[index], self.starts[index])

    def __iter__(self) -> Iterator[Morpheme]:
        return map(Morpheme, self.lexemes, self.starts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Morphemes):
            return self.lexemes == other.lexemes and self.starts == other.starts
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Morphemes({list(self)!r})"


class Tokenizer:
    """A mode-C Sudachi tokenizer over the core dictionary, loaded on first use.

    One instance may be shared between threads: Sudachi tokenizers are not re-entrant,
    so each thread gets its own, built from one shared dictionary.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dictionary: object | None = None
        self._local = threading.local()
        # (Sudachi word id, surface) → its lexeme, for dictionary words; shared by threads,
        # and a dict's get and set are atomic, so no lock is needed.
        self._lexemes: dict[tuple[int, str], Lexeme] = {}

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

    def tokenize(self, text: str) -> Morphemes:
        """Segment ``text`` of any length; offsets are code points into ``text``."""
        tokenizer = self._tokenizer()
        lexemes: list[Lexeme] = []
        starts: list[int] = []
        add_lexeme = lexemes.append
        known = self._lexemes
        for offset, chunk in chunks(text):
            first = len(lexemes)
            morphemes = tokenizer.tokenize(chunk)  # type: ignore[attr-defined]
            for m in morphemes:
                surface = m.surface()
                # A dictionary word's reading, lemma and POS depend only on its id (and
                # the surface, which Sudachi's normalisation can vary): they are read once
                # per word, not once per occurrence. Unknown words have no such id.
                key = (m.word_id(), surface)
                lexeme = known.get(key)
                if lexeme is None:
                    lexeme = _lexeme(m, surface)
                    if not lexeme.oov:
                        if len(known) >= _MAX_CACHED_WORDS:
                            known.clear()
                        known[key] = lexeme
                add_lexeme(lexeme)
            # The morphemes cover the chunk end to end, so each starts where the one
            # before it ends: offsets from the surfaces' lengths, without asking Sudachi
            # for each. Should they not add up to the chunk, Sudachi's own are taken.
            at = list(accumulate(map(len, map(_surface, lexemes[first:])), initial=offset))
            if at.pop() == offset + len(chunk):
                starts += at
            else:  # pragma: no cover - Sudachi covers its input
                starts += (offset + m.begin() for m in morphemes)
        return Morphemes(lexemes, starts)


_surface = attrgetter("surface")


def _lexeme(m: object, surface: str) -> Lexeme:
    oov: bool = m.is_oov()  # type: ignore[attr-defined]
    pos = tuple(m.part_of_speech())  # type: ignore[attr-defined]
    fields = (m.reading_form(), m.dictionary_form(), m.normalized_form())  # type: ignore[attr-defined]
    return Lexeme(surface, *fields, pos, oov, -1 if oov else m.word_id())  # type: ignore[attr-defined]


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
