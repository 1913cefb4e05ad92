"""Domain glossaries looked up: the shipped ones, then the user's, by term or variant.

The file format, its entries and its checks are in :mod:`yomu.meaning.glossary_file` (importable
from here too). ``Glossary.load`` reads user glossaries after the shipped ones, and a
later entry wins on the same term or variant.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from .glossary_file import (
    KINDS,
    FamilyName,
    GlossaryEntry,
    check_glossaries,
    check_glossary,
    read_glossary,
    shipped_glossary_dir,
)
from .glossary_index import shipped_entries

__all__ = [
    "KINDS",
    "FamilyName",
    "Glossary",
    "GlossaryEntry",
    "check_glossaries",
    "check_glossary",
    "read_glossary",
    "shipped_glossary_dir",
]


class Glossary:
    """Entries looked up by term or variant, exactly.

    When two entries share a form, the later one wins; ``entries`` keeps the given order
    but leaves out an entry all of whose forms a later entry took over, so a user's entry
    replaces the shipped one instead of sitting beside it.
    """

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        given = tuple(entries)
        index: dict[str, GlossaryEntry] = {}
        for entry in given:
            for form in entry.forms:
                index[form] = entry
        live = {id(entry) for entry in index.values()}
        self.entries: tuple[GlossaryEntry, ...] = tuple(e for e in given if id(e) in live)
        self._index = index
        self._max = max((len(form) for form in index), default=0)

    def get(self, text: str) -> GlossaryEntry | None:
        """The entry whose term or a variant is exactly ``text``."""
        return self._index.get(text)

    def __contains__(self, text: object) -> bool:
        return text in self._index

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"<Glossary of {len(self.entries)} entries>"

    @property
    def people_with_family(self) -> tuple[GlossaryEntry, ...]:
        """People whose entry splits off a family name, in glossary order."""
        return tuple(e for e in self.entries if e.family is not None)

    @property
    def max_term_length(self) -> int:
        """Length of the longest term or variant, in code points: how far a matcher must look."""
        return self._max

    @classmethod
    def from_entries(cls, entries: Iterable[GlossaryEntry]) -> Glossary:
        return cls(entries)

    @classmethod
    def shipped(cls) -> Glossary:
        """All glossaries shipped with yomu, read once per process."""
        return _shipped()

    @classmethod
    def load(cls, paths: Sequence[Path], *, include_shipped: bool = True) -> Glossary:
        """The shipped glossaries (unless told not to), then ``paths`` in order; later wins."""
        entries: list[GlossaryEntry] = list(_shipped().entries) if include_shipped else []
        for path in paths:
            entries.extend(read_glossary(Path(path)))
        return cls(entries)


@cache
def _shipped() -> Glossary:
    return Glossary(shipped_entries(shipped_glossary_dir()))
