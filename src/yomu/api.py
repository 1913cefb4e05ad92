"""One call per CLI command: the CLI parses options, these functions do the work."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ._fast import gc_paused
from .config import load_config
from .errors import OutputError
from .model import Block, Document, Sentence
from .outputs import StagedFiles, atomic_writer, write_atomic
from .pipeline import Annotator, Options
from .renderers.json import render_json, render_json_many, write_json_stream
from .renderers.tsv import render_tsv
from .source import read_input

_SUFFIX = {"json": ".json", "tsv": ".tsv", "html": ".html"}
_FORMAT_OF_SUFFIX = {".json": "json", ".tsv": "tsv", ".html": "html", ".htm": "html"}
DEFAULT_FORMAT = "html"
STREAM_ABOVE_CHARS = 300_000
"""Longer inputs written to a JSON file are annotated and written block group by group."""


def choose_format(given: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else the default."""
    if given:
        return given
    if output is not None and output.suffix.lower() in _FORMAT_OF_SUFFIX:
        return _FORMAT_OF_SUFFIX[output.suffix.lower()]
    return DEFAULT_FORMAT


@dataclass(frozen=True)
class AnnotateResult:
    documents: tuple[Document, ...]
    text: str | None
    """The rendered output when it goes to stdout; ``None`` when it was written to files."""
    written: tuple[Path, ...] = ()


def annotate_files(
    inputs: Sequence[str],
    *,
    fmt: str = "json",
    output: Path | None = None,
    glossaries: Sequence[Path] = (),
    keep_clutter: bool = False,
    vocabulary: bool = True,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    vertical: bool = False,
) -> AnnotateResult:
    """Annotate each input and render it; write to ``output`` or return the text.

    Every input is read and annotated before any output appears, so a bad input
    leaves no partial output behind. Written outputs are not held in memory: each
    document is rendered to a temporary file as soon as it is made (a long JSON one
    block group by block group), and the files are renamed into place at the end; the
    returned documents then keep only their title (as one untokenized block), source,
    dropped lines and, for HTML (whose index counts them), their items.
    """
    options = Options(
        keep_clutter=keep_clutter, glossaries=user_glossaries(glossaries), vocabulary=vocabulary
    )
    if fmt == "html" and output is None and len(inputs) > 1:
        raise OutputError("several articles make several pages: give an output directory with -o DIR")
    if output is None:
        docs = annotate_many(inputs, options, jobs=jobs, progress=progress)
        return AnnotateResult(docs, render(docs, fmt, vertical=vertical))
    if len(inputs) == 1:
        doc = write_document(Annotator(options), inputs[0], output, fmt, vertical=vertical, inputs=inputs)
        if progress:
            progress(1)
        return AnnotateResult((doc,), None, (output,))
    return _write_each_as_made(inputs, options, fmt, output, jobs=jobs, progress=progress, vertical=vertical)


def _write_each_as_made(
    inputs: Sequence[str],
    options: Options,
    fmt: str,
    directory: Path,
    *,
    jobs: int,
    progress: Callable[[int], None] | None,
    vertical: bool,
) -> AnnotateResult:
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: several inputs need an output directory, not a file")
    created = not directory.exists()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create directory ({exc.strerror or exc})") from exc
    staged = StagedFiles(inputs=inputs)
    docs: list[Document] = []
    written: list[Path] = []
    used: set[str] = set()
    try:
        for doc, data in _rendered_many(inputs, options, fmt, jobs=jobs, vertical=vertical):
            path = directory / (_unique_stem(doc, used) + _SUFFIX[fmt])
            staged.write(path, data)
            docs.append(doc)
            written.append(path)
            if progress:
                progress(1)
        if fmt == "html":
            from .renderers.html import render_index

            index = directory / "index.html"
            pages = [(p.name, d) for p, d in zip(written, docs, strict=True)]
            staged.write(index, render_index(pages).encode("utf-8"))
            written.append(index)
        staged.commit()
    except BaseException:
        staged.discard()
        if created:
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise
    return AnnotateResult(tuple(docs), None, tuple(written))


def _unique_stem(doc: Document, used: set[str]) -> str:
    stem = Path(doc.source).stem if doc.source != "<stdin>" else "stdin"
    name, n = stem, 1
    while name in used:  # two inputs called article.txt in different folders
        n += 1
        name = f"{stem}-{n}"
    used.add(name)
    return name


def _rendered_many(
    inputs: Sequence[str], options: Options, fmt: str, *, jobs: int, vertical: bool
) -> Iterator[tuple[Document, bytes]]:
    """Each input annotated and rendered, in input order: a summary of it and the bytes."""
    if jobs <= 1 or "-" in inputs:
        annotator = Annotator(options)
        for path in inputs:
            yield _render_one(annotator, path, fmt, vertical)
        return
    from concurrent.futures import ProcessPoolExecutor

    # Workers render too: sending bytes back costs far less than pickling a document,
    # and the parent process only writes files.
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(options, fmt, vertical)
    ) as pool:
        yield from pool.map(_render_in_worker, inputs, chunksize=max(1, len(inputs) // (jobs * 8)))


def _render_one(annotator: Annotator, path: str, fmt: str, vertical: bool) -> tuple[Document, bytes]:
    doc = annotator.annotate_file(path)
    data = render([doc], fmt, vertical=vertical).encode("utf-8")
    # The summary's one block, untokenized, keeps the title and little memory.
    title = (Block(kind="title", sentences=(Sentence(text=doc.title, tokens=()),)),) if doc.blocks else ()
    summary = Document(
        blocks=title,
        items=doc.items if fmt == "html" else (),
        dropped=doc.dropped,
        source=doc.source,
    )
    return summary, data


def annotate_many(
    inputs: Sequence[str],
    options: Options,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[Document, ...]:
    """Annotate files in input order, in ``jobs`` processes; ``progress(1)`` after each."""
    if jobs <= 1 or len(inputs) <= 1 or "-" in inputs:
        annotator = Annotator(options)
        docs = []
        for path in inputs:
            docs.append(annotator.annotate_file(path))
            if progress:
                progress(1)
        return tuple(docs)
    from concurrent.futures import ProcessPoolExecutor  # only here: it slows every start-up

    # Each worker process builds its own Annotator once (Sudachi and SQLite handles do
    # not cross process boundaries); documents come back pickled, in input order.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(options,)) as pool:
        results = []
        for doc in pool.map(_annotate_in_worker, inputs, chunksize=max(1, len(inputs) // (jobs * 8))):
            results.append(doc)
            if progress:
                progress(1)
        return tuple(results)


_worker_annotator: Annotator | None = None
_worker_output: tuple[str, bool] = ("json", False)


def _start_worker(options: Options, fmt: str = "json", vertical: bool = False) -> None:
    global _worker_annotator, _worker_output
    _worker_annotator = Annotator(options)
    _worker_output = (fmt, vertical)


def _annotate_in_worker(path: str) -> Document:
    assert _worker_annotator is not None
    return _worker_annotator.annotate_file(path)


def _render_in_worker(path: str) -> tuple[Document, bytes]:
    assert _worker_annotator is not None
    return _render_one(_worker_annotator, path, *_worker_output)


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

    A long article (over ``STREAM_ABOVE_CHARS``) written as JSON is annotated and
    written a group of blocks at a time, so memory does not grow with its length; the
    document returned then has no blocks (its items, source and dropped lines are set).
    """
    given = read_input(path)
    if fmt == "json" and (stream if stream is not None else len(given.text) > STREAM_ABOVE_CHARS):
        streamed = annotator.annotate_in_groups(given.text, format=given.format, source=given.name)
        with atomic_writer(output, inputs=inputs or (path,)) as out:
            write_json_stream(streamed, out)
        return Document(blocks=(), items=streamed.items(), dropped=streamed.dropped, source=streamed.source)
    doc = annotator.annotate(given.text, format=given.format, source=given.name)
    write_atomic(output, render([doc], fmt, vertical=vertical).encode("utf-8"), inputs=inputs or (path,))
    return doc


def render(docs: Sequence[Document], fmt: str, *, vertical: bool = False) -> str:
    with gc_paused():  # see _fast.gc_paused: rendering makes many objects, no cycles
        return _render(docs, fmt, vertical=vertical)


def _render(docs: Sequence[Document], fmt: str, *, vertical: bool = False) -> str:
    if fmt == "tsv":
        return render_tsv(docs)
    if fmt == "html":
        from .renderers.html import render_html

        return render_html(docs[0], vertical=vertical)
    return render_json(docs[0]) if len(docs) == 1 else render_json_many(docs)


def user_glossaries(given: Sequence[Path]) -> tuple[Path, ...]:
    """The config file's glossaries, then those given on the command line (which win)."""
    return (*load_config().glossaries, *given)


def lookup_text(word: str, *, glossaries: Sequence[Path] = ()) -> str:
    """What yomu knows about ``word``, as plain text for the terminal."""
    from .glossary import Glossary
    from .lookup import format_word_report, lookup_word

    glossary = Glossary.load(list(user_glossaries(glossaries)))
    return format_word_report(lookup_word(word.strip(), glossary=glossary))


def check_glossaries(files: Sequence[Path]) -> list[str]:
    """Every problem in the given glossary files, as ``file:line: message``."""
    from .glossary import check_glossaries as check

    return check(list(files))
