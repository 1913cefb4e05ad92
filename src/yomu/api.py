"""One call per CLI command: the CLI parses options, these functions do the work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .config import load_config
from .errors import OutputError
from .model import Document
from .outputs import write_atomic
from .pipeline import Annotator, Options
from .renderers.json import render_json, render_json_many
from .renderers.tsv import render_tsv

_SUFFIX = {"json": ".json", "tsv": ".tsv", "html": ".html"}
_FORMAT_OF_SUFFIX = {".json": "json", ".tsv": "tsv", ".html": "html", ".htm": "html"}
DEFAULT_FORMAT = "html"


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

    Every input is read and annotated before anything is written, so a bad input
    leaves no partial output behind.
    """
    options = Options(
        keep_clutter=keep_clutter, glossaries=user_glossaries(glossaries), vocabulary=vocabulary
    )
    if fmt == "html" and output is None and len(inputs) > 1:
        raise OutputError("several articles make several pages: give an output directory with -o DIR")
    docs = annotate_many(inputs, options, jobs=jobs, progress=progress)
    if output is None:
        return AnnotateResult(docs, render(docs, fmt, vertical=vertical))
    if len(docs) == 1:
        write_atomic(output, render(docs, fmt, vertical=vertical).encode("utf-8"), inputs=inputs)
        return AnnotateResult(docs, None, (output,))
    return AnnotateResult(docs, None, _write_each(docs, fmt, output, inputs, vertical=vertical))


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


def _start_worker(options: Options) -> None:
    global _worker_annotator
    _worker_annotator = Annotator(options)


def _annotate_in_worker(path: str) -> Document:
    assert _worker_annotator is not None
    return _worker_annotator.annotate_file(path)


def write_document(
    annotator: Annotator,
    path: str,
    output: Path,
    fmt: str,
    *,
    vertical: bool = False,
    inputs: Sequence[str] = (),
) -> Document:
    """Annotate the file at ``path`` and write it to ``output`` as ``fmt``."""
    doc = annotator.annotate_file(path)
    write_atomic(output, render([doc], fmt, vertical=vertical).encode("utf-8"), inputs=inputs or (path,))
    return doc


def render(docs: Sequence[Document], fmt: str, *, vertical: bool = False) -> str:
    if fmt == "tsv":
        return render_tsv(docs)
    if fmt == "html":
        from .renderers.html import render_html

        return render_html(docs[0], vertical=vertical)
    return render_json(docs[0]) if len(docs) == 1 else render_json_many(docs)


def _write_each(
    docs: Sequence[Document], fmt: str, directory: Path, inputs: Sequence[str], *, vertical: bool = False
) -> tuple[Path, ...]:
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: several inputs need an output directory, not a file")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create directory ({exc.strerror or exc})") from exc
    written: list[Path] = []
    used: set[str] = set()
    for doc in docs:
        stem = Path(doc.source).stem if doc.source != "<stdin>" else "stdin"
        name, n = stem, 1
        while name in used:  # two inputs called article.txt in different folders
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        path = directory / (name + _SUFFIX[fmt])
        write_atomic(path, render([doc], fmt, vertical=vertical).encode("utf-8"), inputs=inputs)
        written.append(path)
    if fmt == "html":
        from .renderers.html import render_index

        index = directory / "index.html"
        pages = [(p.name, d) for p, d in zip(written, docs, strict=True)]
        write_atomic(index, render_index(pages).encode("utf-8"), inputs=inputs)
        written.append(index)
    return tuple(written)


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
