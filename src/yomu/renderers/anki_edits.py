"""A learner's edits in Anki survive a rebuild of the deck.

Every note carries a ``yomu-digest::`` tag with a short hash of each field as yomu wrote
it. :func:`carry_edits` compares the fields of the learner's collection with that
record: a field that differs was edited, and its value goes into the new package
instead of yomu's; fields that match get yomu's new value.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .anki_model import CLOZE_FIELDS, MODEL_FIELDS, ExistingNote, Note, cloze_guid

DIGEST_PREFIX = "yomu-digest::"
"""Tags starting with this record what yomu wrote; Anki files them under one collapsed tag."""

# Version 1: one 6-hex-digit hash per field, in the order of MODEL_FIELDS (vocabulary
# notes) or CLOZE_FIELDS (cloze notes). A new field list needs a new version, so a digest
# written by an older yomu is still read with the field list it was made from.
_DIGEST_VERSION = "1"
_HASH_WIDTH = 6


def _field_hash(value: str) -> str:
    # NFC: Anki normalises text to NFC on import, so a field yomu wrote in another form
    # (a CJK compatibility ideograph) must not look edited when it comes back.
    normalized = unicodedata.normalize("NFC", value)
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:_HASH_WIDTH]


def digest_tag(values: Sequence[str]) -> str:
    """The tag recording field ``values`` (in the note type's field order) as yomu wrote them.

    A tag, not a field: a field added to the note type makes Anki's default import create a
    second note type and skip every existing note as conflicting (docs/anki.md).
    """
    return f"{DIGEST_PREFIX}v{_DIGEST_VERSION}-" + "".join(_field_hash(v) for v in values)


def edited_fields(names: Sequence[str], existing: ExistingNote) -> frozenset[str] | None:
    """The fields of ``existing`` the learner changed since yomu wrote them.

    ``names`` is the note type's field list as yomu writes it. ``None`` when the note has
    no digest yomu can read (imported before digests, or the tag was removed): then
    nothing can be told apart and yomu's values win, as they always did.
    """
    width = _HASH_WIDTH * len(names)
    prefix = f"{DIGEST_PREFIX}v{_DIGEST_VERSION}-"
    for tag in existing.tags:
        # Anki compares tags case-insensitively and may re-case them to an existing spelling.
        tag = tag.lower()
        hashes = tag[len(prefix) :]
        if tag.startswith(prefix) and len(hashes) == width and re.fullmatch("[0-9a-f]+", hashes):
            recorded = [hashes[i : i + _HASH_WIDTH] for i in range(0, width, _HASH_WIDTH)]
            return frozenset(
                name
                for name, old in zip(names, recorded, strict=True)
                if name in existing.fields and _field_hash(existing.fields[name]) != old
            )
    return None


def _merged_tags(ours: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    # Anki replaces a note's tags with the incoming ones on update, so a learner's own
    # tags (marked, leech, their topics) come along; old digests never do.
    extra = [t for t in theirs if not t.lower().startswith(DIGEST_PREFIX)]
    return tuple(dict.fromkeys((*ours, *extra)))


def carry_edits(notes: Sequence[Note], existing: Mapping[str, ExistingNote]) -> tuple[Note, ...]:
    """``notes`` with the values the learner edited in Anki kept, found by note GUID.

    ``existing`` maps GUIDs to the notes of the learner's collection (vocabulary and cloze
    notes alike). A field the learner edited keeps its value; every other field gets
    yomu's new one; the learner's own tags are kept beside yomu's. The digests stay
    yomu's, so an edit stays an edit on every later rebuild. Pure.
    """
    carried: list[Note] = []
    for note in notes:
        kept: list[str] = []
        fields, tags = note.fields, note.tags
        mine = existing.get(note.guid)
        if mine is not None:
            edited = edited_fields(MODEL_FIELDS, mine) or frozenset()
            fields = {f: mine.fields[f] if f in edited else v for f, v in note.fields.items()}
            kept += [f for f in MODEL_FIELDS if f in edited]
            tags = _merged_tags(note.tags, mine.tags)
        cloze_fields, cloze_tags = note.cloze_fields, note.cloze_tags
        theirs = existing.get(cloze_guid(note.text, note.reading)) if cloze_fields is not None else None
        if cloze_fields is not None and theirs is not None:
            edited = edited_fields(CLOZE_FIELDS, theirs) or frozenset()
            cloze_fields = {f: theirs.fields[f] if f in edited else v for f, v in cloze_fields.items()}
            kept += [f"Cloze.{f}" for f in CLOZE_FIELDS if f in edited]
            cloze_tags = _merged_tags(note.tags, theirs.tags)
        cloze = cloze_fields["Text"] if cloze_fields is not None else note.cloze
        carried.append(
            replace(
                note,
                fields=fields,
                tags=tags,
                cloze=cloze,
                cloze_fields=cloze_fields,
                cloze_tags=cloze_tags,
                kept=tuple(kept),
            )
        )
    return tuple(carried)
