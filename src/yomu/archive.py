"""Archives beyond one machine: fsspec URLs in and out, and vocabularies as a map–reduce.

An input is a local path (read as ``yomu annotate`` reads it, named as given), a web
address (``http://``, ``https://``: :mod:`yomu.text.fetch`), or any other fsspec URL
(``file://``, ``memory://``, ``s3://`` with s3fs installed …), read by fsspec on the
worker that annotates it. Outputs are written to a local scratch file first and then
copied to their URL, so a task that fails leaves no half-written output.

The vocabulary of many articles is a map–reduce: each worker annotates its articles and
keeps of each document only what the merged vocabulary needs (:func:`vocabulary_part`);
partial merges are merged in article order on the cluster (:func:`merge_parts`), so the
result is :func:`yomu.learner.corpus.merge_documents` of the whole documents, which ``yomu
vocab`` and ``yomu deck`` rank and render as they do on one machine. See docs/scale.md.
"""

from __future__ import annotations

import glob
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .errors import InputError, OutputError, YomuError
from .learner.corpus import CorpusItem, first_occurrences, merge_documents
from .model import Block, Document
from .pipeline import Options
from .text.fetch import is_url, read_input, url_stem
from .text.long_input import long_input
from .text.source import MAX_INPUT_BYTES, InputText, decode_input

if TYPE_CHECKING:
    from .text.long_input import LongInput

_SUFFIX = {"json": ".json", "html": ".html", "tsv": ".tsv"}
_FORMAT_OF_SUFFIX = {".json": "json", ".html": "html", ".htm": "html", ".tsv": "tsv"}
_GLOB = ("*", "?", "[")


def is_fsspec_url(text: str) -> bool:
    """Whether an input is read by fsspec: a ``protocol://`` URL other than a web address."""
    return "://" in text and not is_url(text)


def expand_inputs(patterns: Sequence[str]) -> list[str]:
    """Each pattern's inputs: a glob (``news/*.txt``, ``s3://bucket/2025/*.txt``) gives its
    matches, sorted; anything else stands for itself. A glob that matches nothing is an
    ``InputError``: an empty archive is a mistake in its name."""
    found: list[str] = []
    for pattern in patterns:
        if is_url(pattern) or not any(c in pattern for c in _GLOB):
            found.append(pattern)
            continue
        if is_fsspec_url(pattern):
            import fsspec

            fs, _, paths = fsspec.core.get_fs_token_paths(pattern)
            matches = sorted(fs.unstrip_protocol(p) for p in paths)
        else:
            matches = sorted(glob.glob(pattern))
        if not matches:
            raise InputError(f"{pattern}: matches no file; check the pattern")
        found.extend(matches)
    return found


def read_article(url: str, options: Options | None = None) -> InputText:
    """The text of the input at ``url`` (a path, web address or fsspec URL), as
    :func:`yomu.text.source.read_input` gives a file's; inputs over 10 MB are refused."""
    if not is_fsspec_url(url):
        return read_input(url, fetch=(options or Options()).fetch)
    data = _read_bytes(url, MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{url}: is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB yomu annotates in memory; "
            "write it to a JSON or HTML file (annotate_url), which reads a text file in parts"
        )
    return decode_input(data, url, suffix=_suffix(url))


def _read_bytes(url: str, limit: int) -> bytes:
    import fsspec

    try:
        with fsspec.open(url, "rb") as stream:
            data: bytes = stream.read(limit)
            return data
    except FileNotFoundError as exc:
        raise InputError(f"{url}: no such file; check the address") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{url}: is a directory; give the article files inside it") from exc
    except (OSError, ValueError, ImportError) as exc:
        raise InputError(f"{url}: cannot read ({exc}); check the address") from exc


def _suffix(url: str) -> str:
    return PurePosixPath(url.split("://", 1)[-1]).suffix.lower()


def output_urls(inputs: Sequence[str], directory: str, fmt: str = "json") -> list[str]:
    """Where :func:`annotate_url` writes each input in ``directory`` (a path or URL): its
    stem and the format's suffix; a stem met again gets ``-2``, ``-3`` … (as ``yomu
    annotate -o DIR`` names them)."""
    used: set[str] = set()
    names = []
    for url in inputs:
        stem = url_stem(url) if is_url(url) else PurePosixPath(url.split("://", 1)[-1]).stem or "article"
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        names.append(f"{directory.rstrip('/')}/{name}{_SUFFIX[fmt]}")
    return names


def annotate_url(
    input_url: str, output_url: str, fmt: str | None = None, options: Options | None = None
) -> str:
    """Annotate the input at ``input_url`` and write it to ``output_url`` as ``fmt``
    (``json``, ``html`` or ``tsv``; ``None``: as the output's suffix says, else JSON);
    returns ``output_url``. Either may be a local path or an fsspec URL. A task for a
    Dask worker: only the name travels back."""
    from .scale import worker_annotator
    from .writing import write_document, write_input

    annotator = worker_annotator(options)
    fmt = fmt or _FORMAT_OF_SUFFIX.get(_suffix(output_url), "json")
    if fmt not in _SUFFIX:
        raise OutputError(f"{output_url}: yomu writes json, html or tsv, not {fmt}")
    if not is_fsspec_url(input_url) and not is_fsspec_url(output_url):
        Path(output_url).parent.mkdir(parents=True, exist_ok=True)  # as fsspec makes a URL's folders
        write_document(annotator, input_url, Path(output_url), fmt)
        return output_url
    with tempfile.TemporaryDirectory(prefix="yomu-") as scratch:
        local = Path(scratch) / ("output" + _SUFFIX[fmt])
        if is_fsspec_url(input_url):
            given: InputText | LongInput = _fetched(input_url, Path(scratch), fmt)
            write_input(annotator, given, local, fmt)
        else:
            write_document(annotator, input_url, local, fmt)
        if is_fsspec_url(output_url):
            _upload(local, output_url)
        else:
            Path(output_url).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(local, output_url)
    return output_url


def _fetched(url: str, scratch: Path, fmt: str) -> InputText | LongInput:
    """The input at an fsspec ``url``; one over 10 MB, copied to ``scratch`` to be read in parts."""
    data = _read_bytes(url, MAX_INPUT_BYTES + 1)
    if len(data) <= MAX_INPUT_BYTES or fmt not in ("json", "html"):
        return read_article(url)
    import fsspec

    copy = scratch / ("input" + _suffix(url))
    with fsspec.open(url, "rb") as source, copy.open("wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    found = long_input(str(copy), name=url)
    assert found is not None
    return found


def _upload(local: Path, url: str) -> None:
    import fsspec

    try:
        with local.open("rb") as source, fsspec.open(url, "wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
    except (OSError, ValueError) as exc:
        raise OutputError(f"{url}: cannot write ({exc}); check the address and your permissions") from exc


# -- the vocabulary of an archive, as a map–reduce ------------------------------------------


@dataclass(frozen=True)
class MergedVocabulary:
    """What ``yomu vocab`` and ``yomu deck`` need of many articles."""

    entries: list[CorpusItem]
    """:func:`yomu.learner.corpus.merge_documents` of the articles, in order of first appearance."""
    docs: tuple[Document, ...]
    """Each article, keeping of its text only the sentences the entries point to."""


def vocabulary_part(url: str, options: Options | None = None, *, sentences: bool = True) -> Document:
    """The map step: the article at ``url`` annotated, keeping only its title, items, source
    and the sentences that hold an item's first occurrence or its best example (for a deck).

    Merged and ranked, these give what the whole documents give: every sentence an
    entry or a card reads from is kept, in order, with its block's kind. A word list
    (``yomu vocab``) reads no sentence but the item's own text: without ``sentences``
    only the title is kept, and what travels back is a fraction of the size.
    """
    from .renderers.anki import best_occurrences
    from .scale import worker_annotator

    annotator = worker_annotator(options)
    given = read_article(url, options)
    doc = annotator.annotate(given.text, format=given.format, source=given.name)
    occurrences = (*first_occurrences(doc).values(), *best_occurrences(doc).values()) if sentences else ()
    kept = {id(o.sentence) for o in occurrences}
    blocks = []
    for n, block in enumerate(doc.blocks):
        # The title, and the first sentence (an untitled article's name), stay too.
        left = tuple(
            s for i, s in enumerate(block.sentences) if id(s) in kept or block.kind == "title" or n == i == 0
        )
        if left:
            blocks.append(Block(kind=block.kind, sentences=left, marker=block.marker))
    return replace(doc, blocks=tuple(blocks))


def merge_part(docs: Sequence[Document]) -> tuple[list[CorpusItem], tuple[Document, ...]]:
    """Reduce one partition of :func:`vocabulary_part` documents."""
    docs = tuple(docs)
    return merge_documents(docs), docs


def merge_parts(
    parts: Sequence[tuple[list[CorpusItem], tuple[Document, ...]]],
) -> tuple[list[CorpusItem], tuple[Document, ...]]:
    """Merge partial merges given in article order: the result is :func:`merge_documents`
    of all their documents (counts summed, the first article's item, documents and first
    occurrences in article order, order of first appearance)."""
    merged: dict[tuple[str, str], CorpusItem] = {}
    docs: list[Document] = []
    for entries, part_docs in parts:
        docs.extend(part_docs)
        for entry in entries:
            key = (entry.item.text, entry.item.reading)
            before = merged.get(key)
            if before is None:
                merged[key] = entry
            else:
                merged[key] = replace(
                    before,
                    item=replace(before.item, count=before.count + entry.count),
                    docs=before.docs + entry.docs,
                    occurrences=before.occurrences + entry.occurrences,
                )
    entries = [replace(entry, order=order) for order, entry in enumerate(merged.values())]
    return entries, tuple(docs)


def merged_vocabulary(
    inputs: Sequence[str],
    *,
    client: Any = None,
    options: Options | None = None,
    partitions: int | None = None,
    split_every: int = 8,
    sentences: bool = True,
) -> MergedVocabulary:
    """The merged vocabulary of ``inputs`` (paths or URLs, read by the workers), mapped
    and reduced on the Dask cluster ``client`` (a ``dask.distributed.Client``; ``None``:
    Dask's default scheduler). ``partitions``: how many tasks read articles (default:
    about four articles each); ``split_every``: how many partial merges one task merges;
    ``sentences``: keep the sentences a deck reads (:func:`vocabulary_part`)."""
    import dask.bag as db

    if not inputs:
        raise InputError("no inputs: give article files or a pattern that matches some")
    count = partitions or max(1, min(len(inputs), len(inputs) // 4))
    bag = db.from_sequence(list(inputs), npartitions=count)  # type: ignore[no-untyped-call]
    bag = bag.map(vocabulary_part, options=options, sentences=sentences)
    reduced = bag.reduction(merge_part, merge_parts, split_every=split_every)
    entries, docs = client.compute(reduced).result() if client is not None else reduced.compute()
    return MergedVocabulary(entries=entries, docs=docs)


def connect(address: str) -> Any:
    """A ``dask.distributed.Client`` of the scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise YomuError(
            "--scheduler needs Dask's distributed scheduler: pip install 'yomu[dask]'"
        ) from exc
    try:
        # How long to try: Dask's own setting (distributed.comm.timeouts.connect, 30 s).
        return Client(address, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise YomuError(f"{address}: cannot reach the Dask scheduler ({exc}); check the address") from exc
