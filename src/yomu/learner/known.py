"""Known-word lists: the files a learner already has, read into a set of written forms.

Formats, told apart by content and suffix:

plain list
    One word per line; blank lines and lines starting with ``#`` are skipped. A line with
    a tab keeps its first field (word, then anything), so a two-column word/reading list
    works as it is.
TSV or CSV (``.tsv``, ``.csv``)
    One row per word; ``column`` picks the field, by 1-based number or by the header name
    (then the first row is the header). Default: the first field.
Anki "Notes in Plain Text" export (``.txt`` starting with ``#separator:`` / ``#html:`` …)
    Fields split by the declared separator; with ``#html:true`` markup is stripped and
    entities decoded; bracket furigana (``安全[あんぜん]``) is dropped, so a field written
    for Anki's ``{{furigana:}}`` gives the plain word. ``#columns:`` names the fields.

Anything else — JSON, a document of sentences, a column that is not there — is an error
naming the file and line, never a silent empty list.

The personal list (``yomu known add`` / ``yomu known import``) is a plain list in
``data_dir()/known.txt``, kept sorted, written atomically.

Anki collections (``--known-anki``) are read with the official ``anki`` package from a
copy of the file, so the learner's collection is never opened for writing.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import data_dir
from ..errors import InputError, YomuError
from ..outputs import write_atomic
from ..text.source import read_text_file

if TYPE_CHECKING:
    from anki.collection import Collection

MAX_WORD_LENGTH = 40
"""Longer "words" mean the file is not a word list (or the wrong column was chosen)."""

DEFAULT_ANKI_QUERY = "-is:new"
"""Notes with at least one card the learner has studied."""

ANKI_WORD_FIELDS = ("Word", "Expression", "Vocab", "Vocabulary", "Key", "Term", "Front", "Japanese")
"""Field names tried, in order, when no field is given: popular Japanese note types."""

_ANKI_HEADER = re.compile(
    r"^#(separator|html|tags column|columns|notetype|deck|guid column|notetype column|deck column):"
)
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
_TAG = re.compile(r"<[^>]*>")
_BRACKET_FURIGANA = re.compile(r"\[[^\]]*\]")
_SPACES = re.compile(r"[\s\u3000]+")


def read_known_file(path: Path, *, column: str | None = None) -> frozenset[str]:
    """The words of one known-word file (module docstring); ``column`` for tables."""
    text = read_text_file(path, what="a word list")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if text.lstrip()[:1] in ("{", "["):
        raise InputError(
            f"{path}: looks like JSON, not a word list; give one word per line, or a TSV/CSV file"
        )
    if any(_ANKI_HEADER.match(line) for line in lines[:20]):
        words = _anki_export(path, lines, column)
    elif path.suffix.lower() in (".csv", ".tsv"):
        words = _table(path, text, "," if path.suffix.lower() == ".csv" else "\t", column)
    else:
        if column is not None:
            words = _table(path, text, "\t", column)
        else:
            words = [
                (n, line.split("\t")[0])
                for n, line in enumerate(lines, 1)
                if line.strip() and not line.startswith("#")
            ]
    found: set[str] = set()
    for line_number, raw in words:
        word = _clean(raw)
        if not word:
            continue
        if len(word) > MAX_WORD_LENGTH:
            raise InputError(
                f"{path}:{line_number}: {word[:20]}… is not a word (over {MAX_WORD_LENGTH} characters); "
                "give one word per line, or pick the word column with --known-column"
            )
        found.add(word)
    if not found:
        raise InputError(f"{path}: has no words; give one word per line")
    return frozenset(found)


def _clean(field: str) -> str:
    return _SPACES.sub("", _BRACKET_FURIGANA.sub("", field)).strip()


def _table(path: Path, text: str, delimiter: str, column: str | None) -> list[tuple[int, str]]:
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    index, start = _column_index(path, rows[0] if rows else [], column)
    picked: list[tuple[int, str]] = []
    for n, row in enumerate(rows[start:], start + 1):
        if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("#"):
            continue
        if index >= len(row):
            raise InputError(f"{path}:{n}: has no column {index + 1}; check --known-column")
        picked.append((n, row[index]))
    return picked


def _column_index(path: Path, header: Sequence[str], column: str | None) -> tuple[int, int]:
    """(0-based index, first data row) for a column given by number or header name."""
    if column is None:
        return 0, 0
    if column.isdigit():
        if int(column) < 1:
            raise InputError(f"{path}: --known-column counts from 1")
        return int(column) - 1, 0
    names = [h.strip() for h in header]
    if column not in names:
        raise InputError(f"{path}: no column named {column!r} (the first row has {', '.join(names)})")
    return names.index(column), 1


def _anki_export(path: Path, lines: list[str], column: str | None) -> list[tuple[int, str]]:
    separator, is_html, names = "\t", False, []
    body_start = 0
    for n, line in enumerate(lines):
        if not line.startswith("#") or ":" not in line:
            body_start = n
            break
        key, _, value = line[1:].partition(":")
        if key == "separator":
            separator = _SEPARATORS.get(value.strip().lower(), value[:1] or "\t")
        elif key == "html":
            is_html = value.strip().lower() == "true"
        elif key == "columns":
            names = value.split(separator)
    else:
        body_start = len(lines)
    if column is None:
        index = 0
    elif column.isdigit():
        index = int(column) - 1
    elif column in names:
        index = names.index(column)
    else:
        listed = ", ".join(names) or "no names"
        raise InputError(f"{path}: no column named {column!r} (the export has {listed})")
    body = "\n".join(lines[body_start:])
    picked: list[tuple[int, str]] = []
    for n, row in enumerate(csv.reader(io.StringIO(body), delimiter=separator), body_start + 1):
        if not row or index >= len(row):
            continue
        value = row[index]
        if is_html:
            value = html.unescape(_TAG.sub("", value))
        picked.append((n, value))
    return picked


# --- the personal list ------------------------------------------------------------------


def personal_list_path() -> Path:
    return data_dir() / "known.txt"


def personal_words() -> frozenset[str]:
    """The personal known-word list; empty when the learner has none yet."""
    path = personal_list_path()
    if not path.is_file():
        return frozenset()
    text = read_text_file(path, what="a word list")
    return frozenset(w for line in text.split("\n") if (w := _clean(line)) and not line.startswith("#"))


def add_personal_words(words: Iterable[str]) -> tuple[int, int]:
    """Add ``words`` to the personal list: (words added, words now in the list)."""
    before = personal_words()
    cleaned = {w for word in words if (w := _clean(word))}
    for word in cleaned:
        if len(word) > MAX_WORD_LENGTH:
            raise YomuError(f"{word[:20]}…: is not a word (over {MAX_WORD_LENGTH} characters)")
    after = before | cleaned
    _write_personal(after)
    return len(after) - len(before), len(after)


def remove_personal_words(words: Iterable[str]) -> tuple[int, int]:
    """Remove ``words`` from the personal list: (words removed, words left)."""
    before = personal_words()
    after = before - {_clean(w) for w in words}
    if after != before:
        _write_personal(after)
    return len(before) - len(after), len(after)


def _write_personal(words: frozenset[str]) -> None:
    path = personal_list_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise YomuError(f"{path.parent}: cannot create yomu's data folder ({exc.strerror or exc})") from exc
    header = "# yomu: words this learner knows, one per line (yomu known add / import)\n"
    write_atomic(path, (header + "".join(w + "\n" for w in sorted(words))).encode("utf-8"))


# --- Anki collections -------------------------------------------------------------------


def read_known_anki(
    path: Path, *, query: str = DEFAULT_ANKI_QUERY, field: str | None = None
) -> frozenset[str]:
    """Words from the notes of an Anki collection that match ``query``.

    ``field`` is the field holding the word; by default the first of
    :data:`ANKI_WORD_FIELDS` the note type has, else its first field. The collection is
    copied to a temporary folder and the copy opened, so the original is never written.
    """
    with open_collection_copy(path, "--known-anki") as collection:
        try:
            note_ids = collection.find_notes(query)
        except Exception as exc:
            raise InputError(f"{path}: Anki cannot search for {query!r} ({exc})") from exc
        words: set[str] = set()
        for note_id in note_ids:
            note = collection.get_note(note_id)
            note_type = note.note_type() or {"flds": []}
            names = [f["name"] for f in note_type["flds"]]
            if not names:
                continue
            fallback = next((n for n in ANKI_WORD_FIELDS if n in names), names[0])
            name = field if field is not None else fallback
            if name not in names:
                continue
            word = _clean(html.unescape(_TAG.sub("", note[name])))
            if word and len(word) <= MAX_WORD_LENGTH:
                words.add(word)
    return frozenset(words)


@contextmanager
def open_collection_copy(path: Path, option: str) -> Iterator[Collection]:
    """The Anki collection at ``path``, opened from a copy in a temporary folder.

    The learner's file is only ever read: Anki may have it open, and a second writer
    (Anki's own schema upgrade on open, say) could damage it. ``option`` names the
    option that asked for the collection, for the message when ``anki`` is missing.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such Anki collection; give the path of collection.anki2")
    try:
        from anki.collection import Collection
    except ImportError as exc:
        raise YomuError(f"{option} needs the anki package: pip install 'yomu[anki]'") from exc
    with tempfile.TemporaryDirectory(prefix="yomu-anki-") as folder:
        copy = Path(folder) / "collection.anki2"
        try:
            shutil.copyfile(path, copy)
            for suffix in ("-wal",):  # an open Anki keeps recent changes beside the file
                if Path(str(path) + suffix).is_file():
                    shutil.copyfile(Path(str(path) + suffix), Path(str(copy) + suffix))
        except OSError as exc:
            raise InputError(f"{path}: cannot read the Anki collection ({exc.strerror or exc})") from exc
        try:
            collection = Collection(str(copy))
        except Exception as exc:  # the anki package raises several types for a bad file
            raise InputError(f"{path}: is not an Anki collection ({exc})") from exc
        try:
            yield collection
        finally:
            collection.close()
