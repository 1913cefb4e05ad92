"""``yomu dict import`` and ``yomu dict info``: yomu's own index of newer EDRDG files.

jamdict-data ships JMdict as compiled in April 2021; words and names coined since
(キーウ, ゼレンスキー) are missing. A user downloads ``JMdict_e.gz`` and, optionally,
``JMnedict.xml.gz`` from the EDRDG and imports them into one SQLite file with the tables
and columns :class:`yomu.meaning.dictionary.JMdict` reads from jamdict-data's file, so that class
reads either file unchanged and prefers the index when it exists.

The XML is read as a stream (bounded memory: every entry is dropped once written). Its
entity references (``&n;``, ``&vs;``, ``&surname;``) are kept as the entity *names*,
the codes learners know: expat would expand them to their descriptions, and EDRDG
revises descriptions now and then while the codes stay. ``dictionary.py`` maps the
descriptions jamdict-data stores to the same codes and passes codes through, so both
files give the same ``Sense.pos`` (``("n", "vs")``).

A part that is not imported is copied from jamdict-data into the index (names when only
JMdict_e is given, words when only JMnedict is), so one file answers every word and name
question. KANJIDIC2 is never copied: kanji data stays in jamdict-data's file.

The index is written to a temporary file beside it and renamed into place, so an
interrupted or failed import leaves the previous index (or none) as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from ..errors import YomuError
from .dictionary import default_database_path, imported_index_path
from .dictionary_xml import ROOTS, EntryReader, Part

_T = TypeVar("_T")

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_BATCH = 5000  # entries per executemany round

_WORD_TABLES: dict[str, str] = {
    "Entry": "idseq INTEGER NOT NULL UNIQUE",
    "Kanji": "ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT",
    "KJP": "kid INTEGER, text TEXT",
    "Kana": "ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN",
    "KNR": "kid INTEGER, text TEXT",
    "KNP": "kid INTEGER, text TEXT",
    "Sense": "ID INTEGER PRIMARY KEY, idseq INTEGER",
    "SenseGloss": "sid INTEGER, lang TEXT, gend TEXT, text TEXT",
    "pos": "sid INTEGER, text TEXT",
    "misc": "sid INTEGER, text TEXT",
    "field": "sid INTEGER, text TEXT",
    "stagk": "sid INTEGER, text TEXT",
    "stagr": "sid INTEGER, text TEXT",
}
_NAME_TABLES: dict[str, str] = {
    "NEEntry": "idseq INTEGER NOT NULL UNIQUE",
    "NEKanji": "ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT",
    "NEKana": "ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN",
    "NETranslation": "ID INTEGER PRIMARY KEY, idseq INTEGER",
    "NETransType": "tid INTEGER, text TEXT",
    "NETransGloss": "tid INTEGER, lang TEXT, gend TEXT, text TEXT",
}
# The columns dictionary.py looks rows up by; created after the rows are in (much faster).
_INDEXES: tuple[tuple[str, str], ...] = (
    ("Kanji", "idseq"),
    ("Kanji", "text"),
    ("KJP", "kid"),
    ("Kana", "idseq"),
    ("Kana", "text"),
    ("KNR", "kid"),
    ("KNP", "kid"),
    ("Sense", "idseq"),
    ("SenseGloss", "sid"),
    ("pos", "sid"),
    ("misc", "sid"),
    ("field", "sid"),
    ("stagk", "sid"),
    ("stagr", "sid"),
    ("NEKanji", "idseq"),
    ("NEKanji", "text"),
    ("NEKana", "idseq"),
    ("NEKana", "text"),
    ("NETranslation", "idseq"),
    ("NETransType", "tid"),
    ("NETransGloss", "tid"),
)
_SENSE_FIELDS = ("pos", "misc", "field", "stagk", "stagr")


@dataclass(frozen=True)
class PartInfo:
    """Where one part of the dictionary data (words, names or kanji) comes from."""

    source: str
    """A file name (``JMdict_e.gz``) or ``jamdict-data 1.5``."""
    date: str
    """The creation date the data carries (``2025-11-30``), or what is known of it."""
    entries: int
    path: Path
    """The SQLite file it is read from."""


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    words: PartInfo
    names: PartInfo
    seconds: float


@dataclass(frozen=True)
class DictionaryInfo:
    words: PartInfo
    names: PartInfo
    kanji: PartInfo
    index: Path
    index_present: bool
    imported: str = ""
    """When the index was built (UTC), if there is one."""


# -- import ---------------------------------------------------------------------------------


def import_dictionary(
    files: Sequence[Path], *, target: Path | None = None, bundled: Path | None = None
) -> ImportSummary:
    """Build the index from EDRDG XML files (JMdict and/or JMnedict, gzipped or plain).

    Which file is which is read from its root element, so the order does not matter.
    ``target`` defaults to :func:`~yomu.meaning.dictionary.imported_index_path`; ``bundled``
    (jamdict-data's file) supplies the part that is not given.
    """
    started = time.monotonic()
    if not files:
        raise YomuError("give JMdict_e.gz and optionally JMnedict.xml.gz to import")
    if len(files) > 2:
        raise YomuError("give at most two files: JMdict_e.gz and JMnedict.xml.gz")
    for path in files:
        _check_readable(path)
    target = target or imported_index_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise YomuError(f"{target.parent}: cannot create the data directory ({exc.strerror or exc})") from exc
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise YomuError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        parts = _build(temp, files, bundled)
        imported = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        seconds = time.monotonic() - started
        _write_meta(temp, parts, imported, seconds)
        _fsync(temp)  # written with synchronous = OFF: on disk before it takes the old one's place
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise YomuError(f"{target}: cannot write the index ({exc.strerror or exc})") from exc
        if isinstance(exc, sqlite3.Error):
            raise YomuError(f"{target}: cannot write the index ({exc})") from exc
        raise
    words, names = (_with_path(parts[p], target) for p in ("words", "names"))
    return ImportSummary(path=target, words=words, names=names, seconds=time.monotonic() - started)


def format_import_summary(summary: ImportSummary) -> str:
    def part(name: str, info: PartInfo) -> str:
        return f"{info.entries:,} {name} ({info.source}, {info.date})"

    return (
        f"imported {part('words', summary.words)} and {part('names', summary.names)} "
        f"into {summary.path} in {summary.seconds:.1f} s"
    )


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _with_path(info: PartInfo, path: Path) -> PartInfo:
    return PartInfo(info.source, info.date, info.entries, path)


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise YomuError(f"{path}: no such file")
    if path.is_dir():
        raise YomuError(f"{path}: is a directory; give JMdict_e.gz or JMnedict.xml.gz")
    if not os.access(path, os.R_OK):
        raise YomuError(f"{path}: permission denied")


def _build(temp: Path, files: Sequence[Path], bundled: Path | None) -> dict[Part, PartInfo]:
    # A URI connection, so that ATTACH accepts the read-only URI of jamdict-data's file
    # whether or not this SQLite was built with URI file names on.
    connection = sqlite3.connect(temp.resolve().as_uri(), uri=True)
    try:
        # A temporary file that is renamed only when complete needs no journal.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        for table, columns in (*_WORD_TABLES.items(), *_NAME_TABLES.items()):
            connection.execute(f"CREATE TABLE {table} ({columns})")
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
        parts: dict[Part, PartInfo] = {}
        for path in files:
            part, info = _import_file(connection, path, done=frozenset(parts))
            parts[part] = info
        missing: list[Part] = [p for p in ("words", "names") if p not in parts]
        if missing:
            source = bundled or default_database_path()
            for absent in missing:
                parts[absent] = _copy_bundled(connection, source, absent)
        for table, column in _INDEXES:
            connection.execute(f"CREATE INDEX {table}_{column} ON {table}({column})")
        connection.commit()
        return parts
    finally:
        connection.close()


def _write_meta(temp: Path, parts: dict[Part, PartInfo], imported: str, seconds: float) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        yomu_version = version("yomu")
    except PackageNotFoundError:
        yomu_version = "unknown"
    rows = [
        ("generator", "yomu"),
        ("generator_version", yomu_version),
        ("imported", imported),
        ("import_seconds", f"{seconds:.1f}"),
    ]
    for part, info in sorted(parts.items()):
        rows += [
            (f"{part}.source", info.source),
            (f"{part}.date", info.date),
            (f"{part}.entries", str(info.entries)),
        ]
    connection = sqlite3.connect(temp)
    try:
        connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)
        connection.commit()
    finally:
        connection.close()


def _import_file(
    connection: sqlite3.Connection, path: Path, *, done: frozenset[Part]
) -> tuple[Part, PartInfo]:
    reader = EntryReader(path)
    writer: _WordWriter | _NameWriter | None = None
    count = 0
    for root, entry in reader.entries():
        if writer is None:
            if ROOTS[root] in done:
                raise YomuError(f"{path}: a second {root} file; give one JMdict_e and one JMnedict")
            kind = _WordWriter if ROOTS[root] == "words" else _NameWriter
            writer = kind(connection, path)
        writer.add(entry, count + 1)
        count += 1
        if count % _BATCH == 0:
            writer.flush()
    if writer is None or count == 0:
        raise YomuError(f"{path}: has no <entry> elements; is it really JMdict or JMnedict?")
    writer.flush()
    part = ROOTS[reader.root]
    date = f"created {reader.created}" if reader.created else "creation date unknown"
    return part, PartInfo(source=path.name, date=date, entries=count, path=path)


def _copy_bundled(connection: sqlite3.Connection, source: Path, part: Part) -> PartInfo:
    if not source.is_file():
        raise YomuError(f"jamdict-data's database not found at {source}: run `pip install jamdict-data`")
    tables = _WORD_TABLES if part == "words" else _NAME_TABLES
    connection.execute("ATTACH DATABASE ? AS bundled", (f"{source.resolve().as_uri()}?mode=ro",))
    try:
        for table, columns in tables.items():
            names = ", ".join(column.split()[0] for column in columns.split(", "))
            connection.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM bundled.{table}")
        connection.commit()
        info = _bundled_info(connection, "bundled", part)
    except sqlite3.DatabaseError as exc:
        raise YomuError(f"cannot copy the {part} from jamdict-data's database {source} ({exc})") from exc
    finally:
        with contextlib.suppress(sqlite3.Error):  # never hide the error that got us here
            connection.execute("DETACH DATABASE bundled")
    return _with_path(info, source)


# -- reading EDRDG XML ----------------------------------------------------------------------


def _text(element: ET.Element) -> str:
    return (element.text or "").strip()


def _sequence(entry: ET.Element, path: Path, number: int) -> int:
    text = entry.findtext("ent_seq", "").strip()
    if not text.isdigit():
        raise YomuError(f"{path}: entry {number} has no valid <ent_seq>")
    return int(text)


class _Writer:
    """Collects rows of a batch of entries; ``flush`` writes them with one statement per table."""

    def __init__(self, connection: sqlite3.Connection, path: Path, tables: dict[str, str]) -> None:
        self.connection = connection
        self.path = path
        self.tables = tables
        self.rows: dict[str, list[tuple[object, ...]]] = {table: [] for table in tables}
        self.ids: dict[str, int] = {}

    def next_id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                try:
                    self.connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                except sqlite3.IntegrityError as exc:
                    raise YomuError(f"{self.path}: an entry appears twice ({exc})") from exc
                rows.clear()


class _WordWriter(_Writer):
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        super().__init__(connection, path, _WORD_TABLES)

    # Children are walked once, in document order, rather than found by path: the walk is
    # most of an import's time.
    def add(self, entry: ET.Element, number: int) -> None:
        rows = self.rows
        idseq = _sequence(entry, self.path, number)
        rows["Entry"].append((idseq,))
        for part in entry:
            if part.tag == "k_ele":
                kid = self.next_id("Kanji")
                text = ""
                for child in part:
                    if child.tag == "keb":
                        text = _text(child)
                    elif child.tag == "ke_pri":
                        rows["KJP"].append((kid, _text(child)))
                rows["Kanji"].append((kid, idseq, text))
            elif part.tag == "r_ele":
                kid = self.next_id("Kana")
                text, nokanji = "", False
                for child in part:
                    if child.tag == "reb":
                        text = _text(child)
                    elif child.tag == "re_nokanji":
                        nokanji = True
                    elif child.tag == "re_restr":
                        rows["KNR"].append((kid, _text(child)))
                    elif child.tag == "re_pri":
                        rows["KNP"].append((kid, _text(child)))
                rows["Kana"].append((kid, idseq, text, nokanji))
            elif part.tag == "sense":
                sid = self.next_id("Sense")
                rows["Sense"].append((sid, idseq))
                for child in part:
                    if child.tag == "gloss":
                        lang = child.get(_XML_LANG, "eng")
                        rows["SenseGloss"].append((sid, lang, child.get("g_gend", ""), _text(child)))
                    elif child.tag in _SENSE_FIELDS:
                        rows[child.tag].append((sid, _text(child)))


class _NameWriter(_Writer):
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        super().__init__(connection, path, _NAME_TABLES)

    def add(self, entry: ET.Element, number: int) -> None:
        rows = self.rows
        idseq = _sequence(entry, self.path, number)
        rows["NEEntry"].append((idseq,))
        for part in entry:
            if part.tag == "k_ele":
                for child in part:
                    if child.tag == "keb":
                        rows["NEKanji"].append((self.next_id("NEKanji"), idseq, _text(child)))
            elif part.tag == "r_ele":
                for child in part:
                    if child.tag == "reb":
                        rows["NEKana"].append((self.next_id("NEKana"), idseq, _text(child), False))
            elif part.tag == "trans":
                tid = self.next_id("NETranslation")
                rows["NETranslation"].append((tid, idseq))
                for child in part:
                    if child.tag == "name_type":
                        rows["NETransType"].append((tid, _text(child)))
                    elif child.tag == "trans_det":
                        lang = child.get(_XML_LANG, "eng")
                        rows["NETransGloss"].append((tid, lang, "", _text(child)))


# -- info -----------------------------------------------------------------------------------


def dictionary_info(*, index: Path | None = None, bundled: Path | None = None) -> DictionaryInfo:
    """Which files words, names and kanji are read from, with their dates and sizes."""
    index = index or imported_index_path()
    bundled = bundled or default_database_path()
    if not bundled.is_file():
        raise YomuError(f"jamdict-data's database not found at {bundled}: run `pip install jamdict-data`")
    kanji = _with_path(_read(bundled, lambda c: _bundled_info(c, "main", "kanji")), bundled)
    if not index.is_file():
        words = _read(bundled, lambda c: _bundled_info(c, "main", "words"))
        names = _read(bundled, lambda c: _bundled_info(c, "main", "names"))
        return DictionaryInfo(_with_path(words, bundled), _with_path(names, bundled), kanji, index, False)
    meta = _read(index, lambda c: dict(c.execute("SELECT key, value FROM meta")))
    parts = []
    for part in ("words", "names"):
        try:
            info = PartInfo(
                source=str(meta[f"{part}.source"]),
                date=str(meta[f"{part}.date"]),
                entries=int(meta[f"{part}.entries"]),
                path=index,
            )
        except (KeyError, ValueError) as exc:
            raise YomuError(f"{index}: not an index yomu made; run `yomu dict import` again") from exc
        parts.append(info)
    return DictionaryInfo(parts[0], parts[1], kanji, index, True, str(meta.get("imported", "")))


def format_dictionary_info(info: DictionaryInfo) -> str:
    lines = []
    for label, part, what in (
        ("words", info.words, "entries"),
        ("names", info.names, "entries"),
        ("kanji", info.kanji, "characters"),
    ):
        lines.append(f"{label}: {part.source}, {part.date}, {part.entries:,} {what}")
        lines.append(f"       {part.path}")
    if info.index_present:
        lines.append(f"index: {info.index} (imported {info.imported})")
    else:
        lines.append(f"index: none at {info.index}; `yomu dict import JMdict_e.gz JMnedict.xml.gz` makes one")
    return "\n".join(lines) + "\n"


def _read(path: Path, query: Callable[[sqlite3.Connection], _T]) -> _T:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise YomuError(f"cannot open {path} ({exc})") from exc
    try:
        return query(connection)
    except sqlite3.DatabaseError as exc:
        raise YomuError(f"{path}: unreadable ({exc}); run `yomu dict import` again or delete it") from exc
    finally:
        connection.close()


def _bundled_info(connection: sqlite3.Connection, schema: str, part: str) -> PartInfo:
    """What jamdict-data's own meta table and package metadata say about one part."""
    meta = dict(connection.execute(f"SELECT key, value FROM {schema}.meta"))
    package = _bundled_package()
    if part == "words":
        # jamdict-data records no JMdict date; its package description has the compile date.
        source, date = f"JMdict from {package}", f"compiled {_bundled_compiled()}"
        count = f"SELECT count(*) FROM {schema}.Entry"
    elif part == "names":
        source, date = f"JMnedict from {package}", f"created {meta.get('jmnedict.date', 'unknown')}"
        count = f"SELECT count(*) FROM {schema}.NEEntry"
    else:
        version = meta.get("kanjidic2.version", "")
        source = f"KANJIDIC2 {version} from {package}".replace("  ", " ")
        date = f"dated {meta.get('kanjidic2.date', 'unknown')}"
        count = f"SELECT count(*) FROM {schema}.character"
    (entries,) = connection.execute(count).fetchone()
    return PartInfo(source=source, date=date, entries=int(entries), path=Path())


def _bundled_package() -> str:
    try:
        import jamdict_data
    except ImportError:
        return "jamdict-data"
    return f"jamdict-data {getattr(jamdict_data, '__version__', '')}".strip()


def _bundled_compiled() -> str:
    try:
        import jamdict_data
    except ImportError:
        return "April 2021"
    found = re.search(r"Compiled date: ([^.]+)", str(getattr(jamdict_data, "__description__", "")))
    return found.group(1).strip() if found else "April 2021"
