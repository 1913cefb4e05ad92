"""Anki decks from article files: the library call behind ``yomu deck``.

With a ``collection`` (the learner's ``collection.anki2``), the fields the learner edited
in Anki are read back, from a copy, and kept in the new deck (``carry_edits``). With
``choices`` (the study list a reader page exports, ``yomu-study.tsv``), the meaning the
learner picked for a word on the page is its card's primary definition.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, Literal

from .api import format_for_output, user_glossaries, vocabulary_on
from .config import load_config
from .errors import InputError, YomuError
from .learner.corpus import CorpusItem
from .learner.known import open_collection_copy
from .learner.settings import LearnerSettings, learner_for
from .model import Document
from .outputs import check_output, write_atomic
from .pipeline import Annotator, Options
from .renderers.anki import (
    NAME_TAG,
    Choices,
    ClozeHint,
    DeckSummary,
    ExistingNote,
    Note,
    build_notes,
    carry_edits,
    cloze_guid,
    deck_id_for,
    render_anki_tsv,
    render_apkg,
)
from .text.fetch import FetchOptions
from .text.source import read_text_file

DeckFormat = Literal["apkg", "tsv"]
DECK_SUFFIXES = {".apkg": "apkg", ".tsv": "tsv"}


def make_deck(
    inputs: Sequence[str],
    output: Path,
    *,
    fmt: DeckFormat | None = None,
    deck_name: str = "yomu",
    max_items: int | None = None,
    production: bool = False,
    cloze: bool = False,
    glossaries: Sequence[Path] = (),
    timestamp: float | None = None,
    learner: LearnerSettings | None = None,
    use_cache: bool = True,
    collection: Path | None = None,
    cloze_hint: ClozeHint | None = None,
    choices: Path | None = None,
    names: bool = True,
    max_names: int | None = None,
    scheduler: str | None = None,
) -> DeckSummary:
    """Annotate every input, then write one deck of their vocabulary to ``output``.

    All inputs are annotated before anything is written, so a bad input leaves no
    partial deck behind; the file itself is written atomically. Items the ``learner``
    knows get no note. ``fmt`` ``None`` follows ``output``'s suffix (``.apkg`` or
    ``.tsv``; an Anki package without one); a suffix that contradicts ``fmt``, or names
    neither format when ``fmt`` is not given (``deck.txt``), is an ``OutputError``.

    Fields the learner edited in the Anki ``collection`` keep their value
    (:func:`read_collection_notes`, ``carry_edits``); without a ``collection``, the
    ``learner``'s Anki collection (``known_anki`` from the options or the config file)
    serves. ``cloze_hint``: what a cloze card shows where the word is hidden, its
    ``"reading"`` (the default) or its ``"gloss"``. ``choices``: a study list exported
    from a reader page (:func:`read_choices`), whose picked meanings become the cards'
    primary definitions. ``names``: whether people, places, organisations and events get
    notes; they are ranked apart from the words, ``max_items`` words and ``max_names``
    names (``None``: as many as ``max_items``). ``scheduler``: the address of a Dask
    scheduler whose workers annotate the inputs (paths, URLs or globs) and merge their
    vocabularies (:func:`yomu.api.vocabulary_on`); the deck is the same, note for note.
    """
    hint = _cloze_hint(cloze_hint, cloze)
    picked = read_choices(choices) if choices is not None else None  # a bad file fails first
    check_output(output, inputs=inputs)
    fmt = "tsv" if format_for_output(fmt, output, DECK_SUFFIXES, "apkg") == "tsv" else "apkg"
    collection = collection or _learners_collection(learner)
    if collection is not None and not collection.is_file():  # say so before the long part
        raise InputError(f"{collection}: no such Anki collection; give the path of collection.anki2")
    known = learner_for(learner)
    fetch = FetchOptions(use_cache=use_cache)
    options = Options(glossaries=user_glossaries(glossaries), learner=known, fetch=fetch)
    merged: list[CorpusItem] | None = None
    if scheduler is not None:
        on_cluster = vocabulary_on(scheduler, inputs, options)
        docs, merged = list(on_cluster.docs), on_cluster.entries
    else:
        annotator = Annotator(options)
        docs = [annotator.annotate_file(path) for path in inputs]
    if fmt == "tsv":
        notes = _deck_notes(
            docs,
            collection,
            max_items=max_items,
            production=production,
            cloze=cloze,
            cloze_hint=hint,
            choices=picked,
            names=names,
            max_names=max_names,
            merged=merged,
        )
        write_atomic(output, render_anki_tsv(notes, deck_name).encode("utf-8"), inputs=inputs)
        return _summary(output, deck_name, notes, len(docs), cloze=False)
    return write_deck(
        docs,
        output,
        deck_name=deck_name,
        production=production,
        cloze=cloze,
        max_items=max_items,
        timestamp=timestamp,
        inputs=inputs,
        collection=collection,
        cloze_hint=cloze_hint,
        choices=picked,
        names=names,
        max_names=max_names,
        merged=merged,
    )


def _deck_notes(docs: Sequence[Document], collection: Path | None, **options: Any) -> tuple[Note, ...]:
    """The notes of ``docs`` (``options`` as :func:`build_notes` takes them), with the
    fields the learner edited in ``collection`` kept."""
    notes = build_notes(docs, **options)
    if collection is not None:
        notes = carry_edits(notes, read_collection_notes(collection, _guids(notes)))
    return notes


def _cloze_hint(given: ClozeHint | None, cloze: bool) -> ClozeHint:
    # Silently ignoring the hint would leave the user believing it took effect.
    if given is not None and not cloze:
        raise YomuError("--cloze-hint needs --cloze: it picks what the cloze cards show")
    return given or "reading"


def _learners_collection(learner: LearnerSettings | None) -> Path | None:
    # The collection --known-anki (or the config's known_anki) names is the learner's
    # own: their edits live there too. A library caller without settings is explicit.
    if learner is None:
        return None
    if learner.known_anki is not None:
        return learner.known_anki
    return load_config().known_anki if learner.use_config else None


def write_deck(
    docs: Sequence[Document],
    path: Path,
    *,
    deck_name: str = "yomu",
    production: bool = False,
    cloze: bool = False,
    max_items: int | None = None,
    timestamp: float | None = None,
    inputs: Sequence[str] = (),
    collection: Path | None = None,
    cloze_hint: ClozeHint | None = None,
    choices: Path | Choices | None = None,
    names: bool = True,
    max_names: int | None = None,
    merged: Sequence[CorpusItem] | None = None,
) -> DeckSummary:
    """Write the ``.apkg`` deck of ``docs``' vocabulary to ``path``, atomically.

    ``timestamp`` (seconds since the epoch, default now) stamps every note: Anki updates
    a note it already has only when the incoming one is newer. ``inputs`` are files the
    deck must never overwrite. ``collection``: the learner's Anki collection, whose
    edited fields the deck keeps (read from a copy, never written). ``cloze_hint``: what
    a cloze card shows where the word is hidden (``"reading"``, the default, or ``"gloss"``).
    ``choices``: the meanings the learner picked on a reader page, as a study list file
    (:func:`read_choices`) or already read. ``names``, ``max_items``, ``max_names``: as
    for :func:`make_deck`. ``merged``: ``merge_documents(docs)``, when it is made already
    (on a cluster, from :func:`yomu.archive.vocabulary_part` documents).
    """
    hint = _cloze_hint(cloze_hint, cloze)
    picked = read_choices(choices) if isinstance(choices, Path) else choices
    notes = _deck_notes(
        docs,
        collection,
        max_items=max_items,
        production=production,
        cloze=cloze,
        cloze_hint=hint,
        choices=picked,
        names=names,
        max_names=max_names,
        merged=merged,
    )
    write_atomic(path, render_apkg(notes, deck_name, timestamp=timestamp), inputs=inputs)
    return _summary(path, deck_name, notes, len(docs), cloze=True)


def _summary(path: Path, deck_name: str, notes: Sequence[Note], articles: int, *, cloze: bool) -> DeckSummary:
    clozes = sum(1 for n in notes if n.cloze is not None) if cloze else 0
    kept = [n for n in notes if n.kept]
    return DeckSummary(
        path,
        deck_name,
        deck_id_for(deck_name),
        len(notes),
        clozes,
        articles,
        kept_notes=len(kept),
        kept_fields=sum(len(n.kept) for n in kept),
        chosen_notes=sum(1 for n in notes if n.chosen),
        name_notes=sum(1 for n in notes if NAME_TAG in n.tags),
    )


CHOICE_COLUMNS = ("word", "reading", "meaning", "picked")
"""The study list's columns, as a reader page exports it (``yomu-study.tsv``)."""


def read_choices(path: Path) -> dict[tuple[str, str], str]:
    """The meanings a learner picked on reader pages: (word, reading) → meaning.

    ``path`` is tab-separated: word, reading, meaning and, optionally, ``picked``, the
    header row :data:`CHOICE_COLUMNS` being optional too; blank lines and lines starting
    with ``#`` are skipped. Rows whose ``picked`` is ``no`` (words marked to study, with
    the page's own meaning) and rows without a meaning give no choice; a row written by
    hand with its own meaning is the learner's wording for the card.
    """
    text = read_text_file(path, what="a study list (yomu-study.tsv)")
    if text.startswith("\ufeff"):
        text = text[1:]
    choices: dict[tuple[str, str], str] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if tuple(f.lower() for f in fields[:3]) == CHOICE_COLUMNS[:3]:
            continue  # the header
        if len(fields) < 3 or not fields[0]:
            raise InputError(
                f"{path}:{number}: expected word, reading and meaning separated by tabs "
                "(the study list a yomu page exports)"
            )
        if len(fields) > 3 and fields[3].lower() == "no":
            continue
        if fields[2]:
            choices[(fields[0], fields[1])] = fields[2]
    return choices


def _guids(notes: Sequence[Note]) -> set[str]:
    return {g for n in notes for g in (n.guid, cloze_guid(n.text, n.reading))}


def read_collection_notes(path: Path, guids: Collection[str]) -> dict[str, ExistingNote]:
    """The notes of the Anki collection at ``path`` whose GUID is one of ``guids``.

    Read from a copy of the collection (``yomu.learner.known.open_collection_copy``), so Anki may
    have it open and it is never written. Fields come as Anki stores them (HTML).
    """
    found: dict[str, ExistingNote] = {}
    with open_collection_copy(path, "--collection") as col:
        try:
            # One query for the GUIDs: get_note for each of a large collection's notes is slow.
            rows = col.db.all("select id, guid from notes") if col.db is not None else []
        except Exception as exc:  # a collection the anki package opens but cannot query
            raise InputError(f"{path}: cannot read the notes of this Anki collection ({exc})") from exc
        for note_id, guid in rows:
            if guid in guids:
                note = col.get_note(note_id)
                found[str(guid)] = ExistingNote(dict(note.items()), tuple(note.tags))
    return found
