"""One call per CLI command: the CLI parses options, these functions do the work."""

from __future__ import annotations

import contextlib
import signal
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .config import load_config
from .errors import OutputError, YomuError
from .learner.settings import LearnerSettings, learner_for
from .model import Block, Document, Sentence
from .outputs import StagedFiles, check_output, is_special
from .pipeline import Annotator, Options
from .text.fetch import FetchOptions, is_url, url_stem
from .writing import (
    STREAM_ABOVE_CHARS,
    is_long_file,
    render,
    write_document,
    write_input,
    write_input_path_into,
)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .archive import MergedVocabulary

__all__ = [
    "DEFAULT_FORMAT",
    "STREAM_ABOVE_CHARS",
    "AnnotateResult",
    "annotate_files",
    "annotate_many",
    "check_glossaries",
    "choose_format",
    "dictionary_info_text",
    "format_for_output",
    "import_dictionary",
    "known_add",
    "known_import",
    "known_list",
    "known_remove",
    "lookup_text",
    "render",
    "suggest_glossary",
    "user_glossaries",
    "vocab_text",
    "vocabulary_on",
    "write_document",
    "write_input",
]
"""The public names; ``render``, ``write_document``, ``write_input`` and
``STREAM_ABOVE_CHARS`` are defined in :mod:`yomu.writing` and stay importable here."""

_SUFFIX = {"json": ".json", "tsv": ".tsv", "html": ".html"}
_FORMAT_OF_SUFFIX = {".json": "json", ".tsv": "tsv", ".html": "html", ".htm": "html"}
DEFAULT_FORMAT = "html"
"""Longer inputs written to a JSON or HTML file are annotated and written block group by group."""

T = TypeVar("T")


def choose_format(given: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else the default.

    Raises ``OutputError`` when the suffix contradicts ``given`` (``--format json -o a.html``)
    or, with no format given, names none yomu writes (``-o a.pdf``): one format is never
    written under another's name.
    """
    return format_for_output(given, output, _FORMAT_OF_SUFFIX, DEFAULT_FORMAT)


def format_for_output(given: str | None, output: Path | None, suffixes: dict[str, str], default: str) -> str:
    """The format of ``output``: ``given`` if any, else the one its suffix names (``suffixes``
    maps ``.suffix`` to format), else ``default``; ``OutputError`` if they disagree.

    A suffix yomu does not know is accepted only with a format given (``--format tsv -o
    notes.txt``); without one, guessing would put one format under another's name.
    """
    if output is None or is_special(output) or not output.suffix:
        return given or default
    suffix = output.suffix.lower()
    named = suffixes.get(suffix)
    if named is None:
        if given:
            return given
        raise OutputError(
            f"{output}: yomu does not write {suffix} files; name the output {_suffix_list(suffixes)}, "
            "or give --format"
        )
    if given and given != named:
        raise OutputError(
            f"{output}: the name says {named} but --format is {given}; name the output "
            f"{_suffix_list(suffixes, only=given)} or leave out --format"
        )
    return named


def _suffix_list(suffixes: dict[str, str], *, only: str | None = None) -> str:
    """``.html (html), .json (json) or .tsv (tsv)``: the first suffix of each format."""
    first: dict[str, str] = {}
    for suffix, fmt in suffixes.items():
        if only in (None, fmt):
            first.setdefault(fmt, suffix)
    names = [f"{suffix} ({fmt})" for fmt, suffix in first.items()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


@dataclass(frozen=True)
class AnnotateResult:
    documents: tuple[Document, ...]
    text: str | None
    """The rendered output when it goes to stdout; ``None`` when it was written to files."""
    written: tuple[Path, ...] = ()


def annotate_files(
    inputs: Sequence[str],
    *,
    fmt: str | None = "json",
    output: Path | None = None,
    glossaries: Sequence[Path] = (),
    keep_clutter: bool = False,
    vocabulary: bool = True,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    vertical: bool = False,
    learner: LearnerSettings | None = None,
    use_cache: bool = True,
) -> AnnotateResult:
    """Annotate each input and render it; write to ``output`` or return the text.

    Every input is read and annotated before any output appears, so a bad input
    leaves no partial output behind. Written outputs are not held in memory: each
    document is rendered to a temporary file as soon as it is made (a long JSON or HTML one
    block group by block group), and the files are renamed into place at the end; the
    returned documents then keep only their title (as one untokenized block), source,
    dropped lines and, for HTML (whose index counts them), their items. ``learner``
    (level, known words) decides which items the output marks as new; ``None`` marks
    every item. Inputs may be web addresses, fetched once and then read from the cache
    unless ``use_cache`` is false. ``fmt`` ``None`` takes the format from ``output``'s
    suffix (HTML without one); a suffix that contradicts ``fmt`` is an ``OutputError``
    (:func:`choose_format`). Several inputs need ``output`` to be a directory: an existing
    one, or a new name without a suffix (``out``, never ``single.html``).
    """
    options = Options(
        keep_clutter=keep_clutter,
        glossaries=user_glossaries(glossaries),
        vocabulary=vocabulary,
        learner=learner_for(learner),
        fetch=FetchOptions(use_cache=use_cache),
    )
    # A wrong -o fails at once, not after minutes of annotating.
    if output is not None and len(inputs) == 1:
        check_output(output, inputs=inputs)
        fmt = choose_format(fmt, output)
    elif output is not None:
        _check_output_directory(output)
    fmt = fmt or DEFAULT_FORMAT
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


def _check_output_directory(output: Path) -> None:
    """Several inputs write into a directory: an existing one, or a new one whose name has
    no suffix. ``-o single.html`` would otherwise become a directory called single.html."""
    if output.is_dir():
        return
    if output.exists() or is_special(output) or output.suffix:
        raise OutputError(f"{output}: several inputs need an output directory, not a file")


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
    created = not directory.exists()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create directory ({exc.strerror or exc})") from exc
    staged = StagedFiles(inputs=inputs)
    docs: list[Document] = []
    written: list[Path] = []
    used: set[str] = set()
    annotator = Annotator(options) if jobs <= 1 or "-" in inputs else None
    try:
        for source, rendered in _rendered_many(inputs, options, fmt, annotator, jobs=jobs, vertical=vertical):
            path = directory / (_unique_stem(source, used) + _SUFFIX[fmt])
            if rendered is None:
                # Too long to render in memory: annotated here as it is written (in parts
                # when over 10 MiB), as a single output would be.
                annotator = annotator or Annotator(options)
                with staged.writer(path) as out:
                    doc, title = write_input_path_into(annotator, source, out, path, fmt, vertical=vertical)
                doc = _summary(doc, title, fmt)
            else:
                doc = rendered[0]
                staged.write(path, rendered[1])
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


def _unique_stem(source: str, used: set[str]) -> str:
    if is_url(source):
        stem = url_stem(source)
    else:
        stem = Path(source).stem if source not in ("-", "<stdin>") else "stdin"
    name, n = stem, 1
    while name in used:  # two inputs called article.txt in different folders
        n += 1
        name = f"{stem}-{n}"
    used.add(name)
    return name


def _rendered_many(
    inputs: Sequence[str],
    options: Options,
    fmt: str,
    annotator: Annotator | None,
    *,
    jobs: int,
    vertical: bool,
) -> Iterator[tuple[str, tuple[Document, bytes] | None]]:
    """Each input annotated and rendered, in input order: its source and a summary of it
    with the bytes, or ``None`` for a long JSON or HTML output, which the caller writes as
    it is made (:func:`~yomu.writing.write_input_path_into`) to keep memory flat."""
    if annotator is not None:
        for path in inputs:
            if is_long_file(path, fmt):
                yield path, None
            else:
                doc, data = _render_one(annotator, path, fmt, vertical)
                yield doc.source, (doc, data)
        return
    # Workers render too: sending bytes back costs far less than pickling a document,
    # and the parent process only writes files.
    done = _in_workers(_render_in_worker, inputs, jobs, (options, fmt, vertical))
    for path, rendered in zip(inputs, done, strict=True):
        yield (path if rendered is None else rendered[0].source), rendered


def _render_one(annotator: Annotator, path: str, fmt: str, vertical: bool) -> tuple[Document, bytes]:
    doc = annotator.annotate_file(path)
    data = render([doc], fmt, vertical=vertical).encode("utf-8")
    return _summary(doc, doc.title, fmt), data


def _summary(doc: Document, title: str, fmt: str) -> Document:
    """What a written output's document keeps: its title (as one untokenized block, little
    memory), source, dropped lines and, for HTML (whose index counts them), its items."""
    blocks = (Block(kind="title", sentences=(Sentence(text=title, tokens=()),)),) if title else ()
    return Document(
        blocks=blocks,
        items=doc.items if fmt == "html" else (),
        dropped=doc.dropped,
        source=doc.source,
        for_learner=doc.for_learner,
    )


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
    results = []
    for doc in _in_workers(_annotate_in_worker, inputs, jobs, (options, "json", False)):
        results.append(doc)
        if progress:
            progress(1)
    return tuple(results)


def _in_workers(
    work: Callable[[str], T], inputs: Sequence[str], jobs: int, initargs: tuple[Options, str, bool]
) -> Iterator[T]:
    """``work`` of each input in a pool of ``jobs`` processes, in input order."""
    from concurrent.futures import ProcessPoolExecutor  # only here: it slows every start-up

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=initargs)
    try:
        # Ctrl-C while workers are forked would land in a fork handler, where Python drops
        # it (the run goes on as if nothing happened): hold it until they exist. Workers
        # inherit the mask and ignore SIGINT; the parent alone answers Ctrl-C.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            done = pool.map(work, inputs, chunksize=max(1, len(inputs) // (jobs * 8)))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        yield from done
    except BaseException:
        # An error or Ctrl-C: waiting for the other workers to finish their files would
        # make the user wait for output that is never written.
        _stop_workers(pool)
        raise
    pool.shutdown()


_worker_annotator: Annotator | None = None
_worker_output: tuple[str, bool] = ("json", False)


def _start_worker(options: Options, fmt: str = "json", vertical: bool = False) -> None:
    global _worker_annotator, _worker_output
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it
    # (one message, exit 130), so no worker prints a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_annotator = Annotator(options)
    _worker_output = (fmt, vertical)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # SIGKILL: a worker holds no output file, and one that has not yet reset the
    # parent's SIGTERM handler would answer SIGTERM with a traceback.
    for process in list(getattr(pool, "_processes", {}).values()):  # no public way before 3.14
        with contextlib.suppress(Exception):
            process.kill()
    # With the workers gone the pool's manager thread ends at once; waiting for it here
    # keeps it from racing concurrent.futures' exit hook (an OSError traceback at exit).
    pool.shutdown(wait=True, cancel_futures=True)


def _annotate_in_worker(path: str) -> Document:
    assert _worker_annotator is not None
    return _worker_annotator.annotate_file(path)


def _render_in_worker(path: str) -> tuple[Document, bytes] | None:
    assert _worker_annotator is not None
    fmt, vertical = _worker_output
    if is_long_file(path, fmt):
        return None  # the parent writes it as it is made: only bytes of short ones travel
    return _render_one(_worker_annotator, path, fmt, vertical)


def user_glossaries(given: Sequence[Path]) -> tuple[Path, ...]:
    """The config file's glossaries, then those given on the command line (which win)."""
    return (*load_config().glossaries, *given)


def lookup_text(word: str, *, glossaries: Sequence[Path] = ()) -> str:
    """What yomu knows about ``word``, as plain text for the terminal; a ``YomuError`` if
    no glossary or dictionary has it."""
    from .meaning.glossary import Glossary
    from .meaning.lookup import format_word_report, lookup_word

    word = "".join(c for c in word if unicodedata.category(c) not in ("Cc", "Cs")).strip()
    if not word:
        raise YomuError("lookup: the word is empty; give a word, e.g. yomu lookup 首脳会談")
    glossary = Glossary.load(list(user_glossaries(glossaries)))
    report = lookup_word(word, glossary=glossary)
    if not report.found:
        # A script asking `yomu lookup WORD && …` must be able to tell "unknown" from a hit.
        raise YomuError(
            f"lookup: {word}: not in the glossaries, JMdict or JMnedict; check the spelling, "
            "or add it to your glossary"
        )
    return format_word_report(report)


def check_glossaries(files: Sequence[Path]) -> list[str]:
    """Every problem in the given glossary files, as ``file:line: message``; a file named
    ``grammar.toml`` is checked as a news grammar table (``yomu.meaning.grammar``)."""
    from .meaning.glossary import check_glossaries as check
    from .meaning.grammar import check_file, is_grammar_file

    # The grammar table (data/grammar.toml) is reviewed the way glossaries are.
    grammar = [Path(f) for f in files if is_grammar_file(Path(f))]
    problems = [problem for path in grammar for problem in check_file(path)]
    return problems + check([f for f in files if not is_grammar_file(Path(f))])


def vocab_text(
    inputs: Sequence[str],
    *,
    fmt: str = "table",
    learner: LearnerSettings | None = None,
    glossaries: Sequence[Path] = (),
    include_known: bool = False,
    summary: bool = False,
    max_items: int | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    use_cache: bool = True,
    max_names: int | None = None,
    scheduler: str | None = None,
) -> str:
    """The pre-reading brief of ``inputs``: their new words, most important first, then
    the people, places, organisations and events they name, ranked apart.

    Several articles are merged (counts summed, the articles of each word listed).
    ``summary`` gives the coverage figures per article instead of the word list.
    ``max_items`` keeps that many words; ``max_names`` that many names (``None``: as many
    as ``max_items``; ``0``: none).
    ``scheduler``: the address of a Dask scheduler (``tcp://host:8786``) whose workers
    annotate the inputs (paths, URLs or globs, :func:`yomu.archive.expand_inputs`) and
    merge their vocabularies (:func:`yomu.archive.merged_vocabulary`): the same text.
    """
    from .learner.corpus import merge_documents, ranked_sections
    from .renderers.vocab import render_summary, render_vocab

    options = Options(
        glossaries=user_glossaries(glossaries),
        learner=learner_for(learner),
        fetch=FetchOptions(use_cache=use_cache),
    )
    if scheduler is not None:
        merged = vocabulary_on(scheduler, inputs, options, sentences=False)
        docs, all_entries = merged.docs, merged.entries
    else:
        docs = annotate_many(inputs, options, jobs=jobs, progress=progress)
        all_entries = merge_documents(docs)
    if summary:
        return render_summary(docs, fmt)
    entries = [e for e in all_entries if include_known or not e.item.known]
    return render_vocab(ranked_sections(entries, max_items, max_names), docs, fmt)


def vocabulary_on(
    scheduler: str, inputs: Sequence[str], options: Options, *, sentences: bool = True
) -> MergedVocabulary:
    """The merged vocabulary of ``inputs`` (expanded: globs, URLs), made on the Dask cluster
    whose scheduler is at ``scheduler``; ``sentences``: with what a deck reads."""
    from .archive import connect, expand_inputs, merged_vocabulary

    paths = expand_inputs(inputs)
    client = connect(scheduler)
    try:
        return merged_vocabulary(paths, client=client, options=options, sentences=sentences)
    finally:
        client.close()


def known_add(words: Sequence[str]) -> str:
    """Add words to the personal known-word list; a one-line report."""
    from .learner.known import add_personal_words, personal_list_path

    added, total = add_personal_words(words)
    return f"{personal_list_path()}: {added} word(s) added, {total} in all"


def known_import(path: Path, *, column: str | None = None) -> str:
    """Add the words of a known-word file (any ``--known`` format) to the personal list."""
    from .learner.known import add_personal_words, personal_list_path, read_known_file

    added, total = add_personal_words(sorted(read_known_file(path, column=column)))
    return f"{personal_list_path()}: {added} word(s) added from {path}, {total} in all"


def known_remove(words: Sequence[str]) -> str:
    from .learner.known import personal_list_path, remove_personal_words

    removed, total = remove_personal_words(words)
    return f"{personal_list_path()}: {removed} word(s) removed, {total} left"


def known_list() -> str:
    """The personal known-word list, one word per line (sorted)."""
    from .learner.known import personal_words

    return "".join(word + "\n" for word in sorted(personal_words()))

def import_dictionary(files: Sequence[Path]) -> str:
    """Build the lookup index from EDRDG files; returns the one-line summary."""
    from .meaning.dictionary_import import format_import_summary, import_dictionary

    return format_import_summary(import_dictionary(list(files)))


def dictionary_info_text() -> str:
    """Which dictionary files words, names and kanji come from, as plain text."""
    from .meaning.dictionary_import import dictionary_info, format_dictionary_info

    return format_dictionary_info(dictionary_info())


def suggest_glossary(
    inputs: Sequence[str], *, glossaries: Sequence[Path] = (), fmt: str = "toml", use_cache: bool = True
) -> str:
    """Glossary candidates of the articles (compounds and names without a gloss of their own)."""
    from .meaning.suggest import render_toml, render_tsv, suggest

    options = Options(glossaries=user_glossaries(glossaries), fetch=FetchOptions(use_cache=use_cache))
    annotator = Annotator(options)
    docs = [annotator.annotate_file(path) for path in inputs]
    suggestions = suggest(docs, annotator.glossary)
    if fmt == "tsv":
        return render_tsv(suggestions)
    return render_toml(suggestions, list(dict.fromkeys(d.source for d in docs)))
