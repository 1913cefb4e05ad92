"""One document or input, annotated and written to a file: whole when short, a group of
blocks at a time when long (JSON and HTML), in parts when over 10 MiB; atomically.

The unit every front end shares: :mod:`yomu.api` (``yomu annotate -o``), the task
recipes of :mod:`yomu.scale` and the cluster's of :mod:`yomu.archive`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import OutputError
from .gc_pause import gc_paused
from .model import Document
from .outputs import atomic_writer, scratch_file
from .pipeline import Annotator, StreamedDocument
from .renderers.json import render_json, render_json_many, write_json_stream
from .renderers.tsv import render_tsv
from .text.fetch import is_url, read_input
from .text.long_input import LongInput, long_input
from .text.source import InputText

STREAM_ABOVE_CHARS = 300_000
"""Characters above which an article written as JSON or HTML is streamed."""


def write_document(
    annotator: Annotator,
    path: str,
    output: Path,
    fmt: str,
    *,
    vertical: bool = False,
    inputs: Sequence[str] = (),
    stream: bool | None = None,
) -> Document:
    """Annotate the file at ``path`` and write it to ``output`` as ``fmt``.

    A long article (over ``STREAM_ABOVE_CHARS``) written as JSON or HTML is annotated
    and written a group of blocks at a time, so memory does not grow with its length;
    the document returned then has no blocks (its items, source and dropped lines are set).
    A plain-text file over ``source.MAX_INPUT_BYTES`` is not even read whole: it is read
    in parts (:mod:`yomu.text.long_input`).
    """
    given: InputText | LongInput | None = long_input(path) if fmt in ("json", "html") else None
    if given is None:
        given = read_input(path, fetch=annotator.options.fetch)
    inputs = inputs or (path,)
    return write_input(annotator, given, output, fmt, vertical=vertical, inputs=inputs, stream=stream)


def write_input(
    annotator: Annotator,
    given: InputText | LongInput,
    output: Path,
    fmt: str,
    *,
    vertical: bool = False,
    inputs: Sequence[str] = (),
    stream: bool | None = None,
) -> Document:
    """:func:`write_document` for an input already read (or, a :class:`LongInput`, opened
    to be read in parts: then ``fmt`` must be JSON or HTML)."""
    with atomic_writer(output, inputs=inputs) as out:
        return write_input_into(annotator, given, out, output, fmt, vertical=vertical, stream=stream).document


class Written(NamedTuple):
    """What :func:`write_input_into` wrote: the document (without blocks when it was
    streamed) and its title, which a streamed document no longer knows."""

    document: Document
    title: str


def is_long_file(path: str, fmt: str) -> bool:
    """Whether ``path`` is a local file whose ``fmt`` output may be too long to render in
    memory: a JSON or HTML output that :func:`write_input_into` should write as it
    annotates (the file is over ``STREAM_ABOVE_CHARS`` bytes, so over that many characters
    at most)."""
    if fmt not in ("json", "html") or path == "-" or is_url(path):
        return False
    try:
        return os.path.getsize(path) > STREAM_ABOVE_CHARS
    except (OSError, ValueError):
        return False  # reading it gives the error a user can act on


def write_input_path_into(
    annotator: Annotator, path: str, out: BinaryIO, output: Path, fmt: str, *, vertical: bool = False
) -> Written:
    """Read the file at ``path`` (in parts when over 10 MiB) and :func:`write_input_into` ``out``."""
    given: InputText | LongInput | None = long_input(path) if fmt in ("json", "html") else None
    if given is None:
        given = read_input(path, fetch=annotator.options.fetch)
    return write_input_into(annotator, given, out, output, fmt, vertical=vertical)


def write_input_into(
    annotator: Annotator,
    given: InputText | LongInput,
    out: BinaryIO,
    output: Path,
    fmt: str,
    *,
    vertical: bool = False,
    stream: bool | None = None,
) -> Written:
    """Annotate ``given`` and write it as ``fmt`` to ``out``, the open temporary file of the
    output ``output`` (whose folder takes an HTML page's scratch file): streamed when long."""
    if isinstance(given, LongInput):
        if fmt not in ("json", "html"):
            raise OutputError(f"{given.name}: an input over 10 MB is written only as JSON or HTML")
        streamed = annotator.annotate_long(given)
        return _write_streamed(annotator, streamed, out, output, fmt, vertical=vertical)
    long = stream if stream is not None else len(given.text) > STREAM_ABOVE_CHARS
    if fmt in ("json", "html") and long:
        streamed = annotator.annotate_in_groups(given.text, format=given.format, source=given.name)
        return _write_streamed(annotator, streamed, out, output, fmt, vertical=vertical)
    doc = annotator.annotate(given.text, format=given.format, source=given.name)
    out.write(render([doc], fmt, vertical=vertical).encode("utf-8"))
    return Written(doc, doc.title)


def _write_streamed(
    annotator: Annotator, streamed: StreamedDocument, out: BinaryIO, output: Path, fmt: str, *, vertical: bool
) -> Written:
    if fmt == "json":
        write_json_stream(streamed, out)
    else:
        from .renderers.html import write_html_stream

        with scratch_file(output) as scratch:
            learner = annotator.options.learner.active
            write_html_stream(streamed, out, scratch, for_learner=learner, vertical=vertical)
    document = Document(
        blocks=(),
        items=streamed.items(),
        dropped=streamed.dropped,
        source=streamed.source,
        for_learner=annotator.options.learner.active,
    )
    return Written(document, streamed.title)


def render(docs: Sequence[Document], fmt: str, *, vertical: bool = False) -> str:
    with gc_paused():  # see gc_pause.gc_paused: rendering makes many objects, no cycles
        return _render(docs, fmt, vertical=vertical)


def _render(docs: Sequence[Document], fmt: str, *, vertical: bool = False) -> str:
    if fmt == "tsv":
        return render_tsv(docs)
    if fmt == "html":
        from .renderers.html import render_html

        return render_html(docs[0], vertical=vertical)
    return render_json(docs[0]) if len(docs) == 1 else render_json_many(docs)


