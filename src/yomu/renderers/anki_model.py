"""The Anki note types yomu writes and what identifies a note: fixed model ids, the fields
in order, note and deck ids, and the records the deck builder hands on.

Identity is explicit so re-importing a newer deck updates notes instead of duplicating
them: note GUIDs come from ``(text, reading)`` only, note type and deck ids are fixed or
derived from names (docs/anki.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import genanki

# Fixed forever: Anki recognises a note type by its id, so a new id would make Anki
# create a second note type (and second notes) on the next import. Change the fields
# or templates of a model only together with a migration note in docs/anki.md.
VOCAB_MODEL_ID = 1_607_392_319
CLOZE_MODEL_ID = 1_607_392_320

FIELDS = (
    "Key",
    "Word",
    "WordReading",
    "PrimaryDefinition",
    "ExtraDefinitions",
    "Sentence",
    "SentenceFurigana",
    "Source",
    "Frequency",
    "Kind",
    "MoreSentences",
)
"""The vocabulary note's fields a learner sees, in order (Lapis / JP-Mining style names)."""

MODEL_FIELDS = (*FIELDS, "Production")
"""The note type's fields: :data:`FIELDS` and ``Production`` (``y`` makes the meaning → word card)."""

CLOZE_FIELDS = ("Key", "Text", "Word", "WordReading", "PrimaryDefinition", "Source")
"""The cloze note type's fields; ``Text`` holds ``{{c1::…::hint}}`` in bracket furigana."""

NAME_TAG = "name"
"""The tag of name notes (people, places, organisations, events: :func:`yomu.learner.ranking.is_name`),
so a learner can find or suspend them all at once: ``tag:name``."""

ClozeHint = Literal["reading", "gloss"]
"""What the front of a cloze card shows in place of the word: its reading or its meaning."""

Choices = Mapping[tuple[str, str], str]
"""(word, reading) → the meaning the learner picked for it on the reader page
(``yomu deck --choices``): one of the word's senses, its glosses joined by ``"; "`` as
the page shows them, or the learner's own words."""

@dataclass(frozen=True)
class Note:
    """One vocabulary item, ready for Anki: field values are escaped HTML."""

    guid: str
    text: str
    reading: str
    fields: Mapping[str, str]
    """Field name → value, for every name of :data:`MODEL_FIELDS`."""
    tags: tuple[str, ...]
    cloze: str | None = None
    """The ``Text`` of the item's cloze note (``None`` when cloze cards were not asked for)."""
    cloze_fields: Mapping[str, str] | None = None
    """Field name → value of the cloze note, for every name of :data:`CLOZE_FIELDS`."""
    digest: str = ""
    """The ``yomu-digest::`` tag recording the fields as yomu wrote them (:func:`digest_tag`)."""
    cloze_digest: str = ""
    """The same for the cloze note."""
    cloze_tags: tuple[str, ...] | None = None
    """The cloze note's tags when they differ from ``tags`` (a learner's own tags on it)."""
    kept: tuple[str, ...] = ()
    """Fields whose value is the learner's edit, not yomu's (``Cloze.``-prefixed for the cloze note)."""
    chosen: bool = False
    """Whether ``PrimaryDefinition`` is the meaning the learner picked (:data:`Choices`)."""


@dataclass(frozen=True)
class ExistingNote:
    """A note as the learner's collection has it: raw field values and tags."""

    fields: Mapping[str, str]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DeckSummary:
    path: Path | None
    deck_name: str
    deck_id: int
    notes: int
    """Vocabulary notes (cloze notes not counted)."""
    cloze_notes: int
    articles: int
    kept_notes: int = 0
    """Notes that keep at least one field the learner edited in Anki (``--collection``)."""
    kept_fields: int = 0
    """Fields kept that way, over all notes."""
    chosen_notes: int = 0
    """Notes whose primary definition is the meaning the learner picked (``--choices``)."""
    name_notes: int = 0
    """Notes of people, places, organisations and events (tagged ``name``), among ``notes``."""


def deck_id_for(name: str) -> int:
    """A stable deck id for ``name``: the first 8 bytes of its SHA-1, folded into Anki's range.

    Kept between 2**30 and 2**52 so it is positive and survives Anki's JavaScript side
    (which reads ids as doubles) and never collides with Anki's default deck (id 1).
    """
    digest = int.from_bytes(hashlib.sha1(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % ((1 << 52) - (1 << 30))


def note_guid(text: str, reading: str) -> str:
    """The GUID of an item's note: from the written form and reading only.

    genanki's default hashes every field, so a new example sentence or source would
    make a new note on re-import; 橋:はし and 箸:はし stay apart through the reading.
    """
    return str(genanki.guid_for(text, reading))


def cloze_guid(text: str, reading: str) -> str:
    """The GUID of an item's cloze note."""
    return str(genanki.guid_for(text, reading, "cloze"))
