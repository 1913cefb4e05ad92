"""Anki decks from article files: the library call behind ``yomu deck``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from .api import format_for_output, user_glossaries
from .fetch import FetchOptions
from .learner import LearnerSettings, learner_for
from .model import Document
from .outputs import check_output, write_atomic
from .pipeline import Annotator, Options
from .renderers.anki import DeckSummary, build_notes, deck_id_for, render_anki_tsv, render_apkg

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
) -> DeckSummary:
    """Annotate every input, then write one deck of their vocabulary to ``output``.

    All inputs are annotated before anything is written, so a bad input leaves no
    partial deck behind; the file itself is written atomically. Items the ``learner``
    knows get no note. ``fmt`` ``None`` follows ``output``'s suffix (``.apkg`` or ``.tsv``;
    an Anki package without one); a suffix that contradicts ``fmt``, or names neither
    format when ``fmt`` is not given (``deck.txt``), is an ``OutputError``.
    """
    check_output(output, inputs=inputs)
    fmt = "tsv" if format_for_output(fmt, output, DECK_SUFFIXES, "apkg") == "tsv" else "apkg"
    known = learner_for(learner)
    fetch = FetchOptions(use_cache=use_cache)
    annotator = Annotator(Options(glossaries=user_glossaries(glossaries), learner=known, fetch=fetch))
    docs = [annotator.annotate_file(path) for path in inputs]
    if fmt == "tsv":
        notes = build_notes(docs, max_items=max_items, production=production, cloze=cloze)
        write_atomic(output, render_anki_tsv(notes, deck_name).encode("utf-8"), inputs=inputs)
        return DeckSummary(output, deck_name, deck_id_for(deck_name), len(notes), 0, len(docs))
    return write_deck(
        docs,
        output,
        deck_name=deck_name,
        production=production,
        cloze=cloze,
        max_items=max_items,
        timestamp=timestamp,
        inputs=inputs,
    )


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
) -> DeckSummary:
    """Write the ``.apkg`` deck of ``docs``' vocabulary to ``path``, atomically.

    ``timestamp`` (seconds since the epoch, default now) stamps every note: Anki updates
    a note it already has only when the incoming one is newer. ``inputs`` are files the
    deck must never overwrite.
    """
    notes = build_notes(docs, max_items=max_items, production=production, cloze=cloze)
    write_atomic(path, render_apkg(notes, deck_name, timestamp=timestamp), inputs=inputs)
    clozes = sum(1 for n in notes if n.cloze is not None)
    return DeckSummary(path, deck_name, deck_id_for(deck_name), len(notes), clozes, len(docs))
