"""One call per CLI command: the CLI parses options, these functions do the work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import load_config
from .errors import OutputError
from .model import Document
from .outputs import write_atomic
from .pipeline import Annotator, Options
from .renderers.json import render_json, render_json_many
from .renderers.tsv import render_tsv

_SUFFIX = {"json": ".json", "tsv": ".tsv"}


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
) -> AnnotateResult:
    """Annotate each input and render it; write to ``output`` or return the text.

    Every input is read and annotated before anything is written, so a bad input
    leaves no partial output behind.
    """
    annotator = Annotator(
        Options(keep_clutter=keep_clutter, glossaries=user_glossaries(glossaries), vocabulary=vocabulary)
    )
    docs = tuple(annotator.annotate_file(path) for path in inputs)
    if output is None:
        return AnnotateResult(docs, render(docs, fmt))
    if len(docs) == 1:
        write_atomic(output, render(docs, fmt).encode("utf-8"), inputs=inputs)
        return AnnotateResult(docs, None, (output,))
    return AnnotateResult(docs, None, _write_each(docs, fmt, output, inputs))


def render(docs: Sequence[Document], fmt: str) -> str:
    if fmt == "tsv":
        return render_tsv(docs)
    return render_json(docs[0]) if len(docs) == 1 else render_json_many(docs)


def _write_each(
    docs: Sequence[Document], fmt: str, directory: Path, inputs: Sequence[str]
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
        write_atomic(path, render([doc], fmt).encode("utf-8"), inputs=inputs)
        written.append(path)
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
