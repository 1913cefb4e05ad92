"""The shipped glossaries, parsed ahead of time, so a start-up does not parse TOML.

Reading and checking the five shipped TOML files took about 90 ms of every ``yomu``
run (``tomllib`` is pure Python). ``glossaries/compiled.json`` holds their entries as
:func:`yomu.glossary.read_glossary` makes them, with the SHA-256 of each file they came
from; it is used only while every shipped file still has that digest, so an edited
glossary is read from its TOML as before (and the test that the index is current
fails, naming the command that rewrites it). Nothing is written at run time.

Rewrite it after changing a shipped glossary::

    python -m yomu.glossary_index
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._fast import new_frozen
from .glossary import FamilyName, GlossaryEntry, read_glossary, shipped_glossary_dir

INDEX_NAME = "compiled.json"
FORMAT = 1
"""Bumped when the index's layout or GlossaryEntry's fields change."""


def compiled_entries(folder: Path, paths: Sequence[Path]) -> tuple[GlossaryEntry, ...] | None:
    """The entries of ``paths`` (the TOML files of ``folder``) from the index, or ``None``
    when there is no index or it was made from other files."""
    try:
        index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("format") != FORMAT or index.get("files") != _digests(paths):
        return None
    # read_glossary names a file by str() of the path the folder's glob gives.
    files = {path.name: str(path) for path in paths}
    return tuple(_entry(row, files) for row in index["entries"])


def index_text(folder: Path) -> str:
    """The index of the TOML files in ``folder`` (which must all be valid)."""
    paths = sorted(folder.glob("*.toml"))
    rows = [_row(entry, folder) for path in paths for entry in read_glossary(path)]
    index = {"format": FORMAT, "files": _digests(paths), "entries": rows}
    return json.dumps(index, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def _digests(paths: Sequence[Path]) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def _row(entry: GlossaryEntry, folder: Path) -> dict[str, Any]:
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
    # Made once per entry of every start: see _fast for why not GlossaryEntry(...).
    return new_frozen(
        GlossaryEntry,
        {
            "term": row["term"],
            "reading": row["reading"],
            "glosses": tuple(row["glosses"]),
            "kind": row["kind"],
            "note": row["note"],
            "variants": tuple(row["variants"]),
            "description": row["description"],
            "domain": row["domain"],
            "file": files[row["file"]],
            "line": row["line"],
            "as_of": row["as_of"],
            "family": None if family is None else FamilyName(*family),
        },
    )


def main() -> int:
    folder = shipped_glossary_dir()
    target = folder / INDEX_NAME
    target.write_text(index_text(folder), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
