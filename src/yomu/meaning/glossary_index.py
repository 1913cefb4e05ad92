"""The shipped glossaries, parsed once and kept in yomu's cache folder.

Reading and checking the shipped TOML files takes about 90 ms of a run (``tomllib`` is
pure Python). The first run after an install, or after a shipped file changed, parses
them and keeps the entries in the cache folder (:func:`yomu.text.fetch.cache_dir`,
``glossaries-….json``) with the SHA-256 of each file they came from; later runs load
that while every shipped file still has its digest (about 25 ms). An edited glossary is
therefore read from its TOML at once, and nothing generated is part of the source tree.
A cache that cannot be read or written only costs the parse.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..text.fetch import cache_dir
from .glossary_file import FamilyName, GlossaryEntry, read_glossary

FORMAT = 2
"""Bumped when the cached layout changes; GlossaryEntry's fields are in the name too."""


def shipped_entries(folder: Path) -> tuple[GlossaryEntry, ...]:
    """The entries of the TOML files of ``folder``, in file-name order: from the cache
    while it matches the files, else parsed (and then kept)."""
    paths = sorted(folder.glob("*.toml"))
    digests = _digests(paths)
    cached = cache_file()
    entries = _cached_entries(cached, paths, digests)
    if entries is None:
        entries = tuple(entry for path in paths for entry in read_glossary(path))
        _keep(cached, index_text(entries, digests))
    return entries


def cache_file() -> Path:
    """Where the parsed entries are kept: named by the layout and GlossaryEntry's fields,
    so a yomu that reads them otherwise never takes another's file for its own."""
    layout = f"{FORMAT} {[f.name for f in dataclasses.fields(GlossaryEntry)]}"
    return cache_dir() / f"glossaries-{hashlib.sha256(layout.encode()).hexdigest()[:16]}.json"


def index_text(entries: Sequence[GlossaryEntry], digests: dict[str, str]) -> str:
    """The cache file's text: the entries and the digests of the files they came from."""
    index = {"format": FORMAT, "files": digests, "entries": [_row(entry) for entry in entries]}
    return json.dumps(index, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def _cached_entries(
    cached: Path, paths: Sequence[Path], digests: dict[str, str]
) -> tuple[GlossaryEntry, ...] | None:
    try:
        index = json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("format") != FORMAT or index.get("files") != digests:
        return None
    # read_glossary names a file by str() of the path the folder's glob gives.
    files = {path.name: str(path) for path in paths}
    try:
        return tuple(_entry(row, files) for row in index["entries"])
    except (KeyError, TypeError, ValueError):
        return None


def _keep(cached: Path, text: str) -> None:
    # Written whole and renamed into place: a run reading it meanwhile sees the old file
    # or the new one, never half of one.
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=cached.parent, prefix=".glossaries-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, cached)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _digests(paths: Sequence[Path]) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def _row(entry: GlossaryEntry) -> dict[str, Any]:
    family = entry.family
    return {
        "term": entry.term,
        "reading": entry.reading,
        "glosses": list(entry.glosses),
        "kind": entry.kind,
        "note": entry.note,
        "variants": list(entry.variants),
        "description": entry.description,
        "domain": entry.domain,
        # The file's name only: the folder is wherever yomu is installed.
        "file": Path(entry.file).name,
        "line": entry.line,
        "as_of": entry.as_of,
        "family": None if family is None else [family.term, family.reading, family.gloss],
    }


def _entry(row: dict[str, Any], files: dict[str, str]) -> GlossaryEntry:
    family = row["family"]
    return GlossaryEntry(
        term=row["term"],
        reading=row["reading"],
        glosses=tuple(row["glosses"]),
        kind=row["kind"],
        note=row["note"],
        variants=tuple(row["variants"]),
        description=row["description"],
        domain=row["domain"],
        file=files[row["file"]],
        line=row["line"],
        as_of=row["as_of"],
        family=None if family is None else FamilyName(*family),
    )
