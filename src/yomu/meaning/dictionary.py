"""JMdict and JMnedict from jamdict-data's SQLite file: the only module that touches it.

jamdict's own ``lookup()`` costs about 30 ms a word because it runs one query per table
per entry; here every question is one batched ``IN (...)`` query per table for a whole
set of forms, and every entry read is kept in memory for the life of the instance.

Measured on the five seed articles (9,066 tokens: 700 compound candidates, 1,621 word
forms, 195 name forms): opening the file takes 1 ms; ``known()`` 4 ms (13 ms with the
file evicted from the OS page cache); ``entries()`` 100 ms for 1,621 entries (150 ms
cold); ``names()`` 6 ms (55 ms cold); 56 queries in all, for the whole document.
A disk cache of our own would save at most 0.1–0.2 s once per process,
while adding a file to invalidate when jamdict-data changes, so there is none; the
in-memory cache makes every later document with the same words free.

Thread safety: one instance may be shared between threads. The SQLite connection is
opened with ``check_same_thread=False`` and every query and cache update runs under one
lock, so answers are consistent and each entry is loaded once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..config import data_dir
from ..errors import YomuError
from ..model import Sense
from .dict_entries import (
    MISC_CODES,
    POS_CODES,
    DictEntry,
    FormTable,
    KanjiDetail,
    KanjiInfo,
    SenseScope,
    is_kanji,
)

# Far below SQLite's variable limit (999 in builds before 3.32), and large enough that a
# document's forms take a handful of round trips.
__all__ = [
    "CHUNK_SIZE",
    "INDEX_FILE_NAME",
    "MISC_CODES",
    "POS_CODES",
    "DictEntry",
    "JMdict",
    "KanjiDetail",
    "KanjiInfo",
    "SenseScope",
    "default_database_path",
    "default_dictionary",
    "imported_index_path",
    "is_kanji",
    "words_database_path",
]
"""The records (defined in :mod:`yomu.meaning.dict_entries`) stay importable from here."""

CHUNK_SIZE = 500

class JMdict:
    """Batched, cached, read-only access to jamdict-data's JMdict and JMnedict tables.

    ``path`` defaults to :func:`words_database_path`: the index ``yomu dict import`` built
    from newer EDRDG files if there is one, else the ``jamdict.db`` shipped by the
    ``jamdict-data`` package. Both have the same tables. The file is opened on first use;
    forms are exact strings (no normalisation). KANJIDIC2 is read from ``kanji_path``, by
    default jamdict-data's file (an imported index holds no kanji data).
    """

    def __init__(self, path: Path | None = None, *, kanji_path: Path | None = None) -> None:
        self._path = path
        self._kanji_path = kanji_path
        self._kanji_connection: sqlite3.Connection | None = None
        self._kanji: dict[str, KanjiInfo | None] = {}
        self._kanji_readings: dict[str, str] = {}
        self._kanji_details: dict[str, KanjiDetail | None] = {}
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._forms: dict[str, tuple[DictEntry, ...]] = {}
        self._name_forms: dict[str, tuple[DictEntry, ...]] = {}
        self._known: dict[str, bool] = {}
        self._entries: dict[int, DictEntry] = {}
        self._names: dict[int, DictEntry] = {}
        self._queries = 0

    @property
    def query_count(self) -> int:
        """How many SQL statements this instance has run: for tests and benchmarks."""
        return self._queries

    # -- public API ------------------------------------------------------------------------

    def entries(self, forms: Iterable[str]) -> dict[str, tuple[DictEntry, ...]]:
        """JMdict entries having each form as a written (kanji) form or a reading.

        Only forms with at least one entry are keys; entries are in JMdict order.
        """
        wanted = _unique(forms)
        with self._lock:
            missing = [f for f in wanted if f not in self._forms]
            if missing:
                ids = self._ids_by_form(missing, ("Kanji", "Kana"))
                self._load_entries({i for found in ids.values() for i in found})
                for form in missing:
                    self._forms[form] = tuple(self._entries[i] for i in ids.get(form, ()))
                    self._known[form] = form in ids
            return {f: self._forms[f] for f in wanted if self._forms[f]}

    def names(self, forms: Iterable[str]) -> dict[str, tuple[DictEntry, ...]]:
        """JMnedict entries (people, places, organisations …) for each form; found forms only."""
        wanted = _unique(forms)
        with self._lock:
            missing = [f for f in wanted if f not in self._name_forms]
            if missing:
                ids = self._ids_by_form(missing, ("NEKanji", "NEKana"))
                self._load_names({i for found in ids.values() for i in found})
                for form in missing:
                    self._name_forms[form] = tuple(self._names[i] for i in ids.get(form, ()))
            return {f: self._name_forms[f] for f in wanted if self._name_forms[f]}

    def known(self, forms: Iterable[str]) -> frozenset[str]:
        """The forms that are a written form or reading of some JMdict entry.

        Cheaper than :meth:`entries`: no entry is read, only the two form indexes.
        """
        wanted = _unique(forms)
        with self._lock:
            missing = [f for f in wanted if f not in self._known]
            if missing:
                found: set[str] = set()
                for chunk in _chunks(missing):
                    marks = _marks(chunk)
                    rows = self._query(
                        f"SELECT text FROM Kanji WHERE text IN ({marks}) "
                        f"UNION SELECT text FROM Kana WHERE text IN ({marks})",
                        [*chunk, *chunk],
                    )
                    found.update(str(row[0]) for row in rows)
                for form in missing:
                    self._known[form] = form in found
            return frozenset(f for f in wanted if self._known[f])

    def kanji(self, characters: Iterable[str]) -> dict[str, KanjiInfo]:
        """KANJIDIC2's grade, old JLPT level and frequency for each character it lists."""
        wanted = _unique(characters)
        with self._lock:
            missing = [c for c in wanted if c not in self._kanji]
            for chunk in _chunks(missing):
                self._queries += 1
                try:
                    rows = list(
                        self._kanji_db().execute(
                            "SELECT literal, grade, jlpt, freq FROM character "
                            f"WHERE literal IN ({_marks(chunk)})",
                            tuple(chunk),
                        )
                    )
                except sqlite3.DatabaseError as exc:
                    raise YomuError(
                        f"the KANJIDIC2 data is unreadable ({exc}): "
                        "run `pip install --force-reinstall jamdict-data`"
                    ) from exc
                for literal, grade, jlpt, freq in rows:
                    self._kanji[str(literal)] = KanjiInfo(
                        str(literal), _optional_int(grade), _optional_int(jlpt), _optional_int(freq)
                    )
            for character in missing:
                self._kanji.setdefault(character, None)
            return {c: info for c in wanted if (info := self._kanji[c]) is not None}

    def kanji_readings(self, characters: Iterable[str]) -> dict[str, str]:
        """One reading per kanji KANJIDIC2 lists, in hiragana: its first on'yomi, else its
        first kun'yomi without okurigana (習 → しゅう, 釘 → てい). A last resort for kanji
        Sudachi does not know; never right for every word, but better than none."""
        given = _unique(characters)
        with self._lock:
            for chunk in _chunks([c for c in given if c not in self._kanji_readings]):
                self._queries += 1
                rows = list(
                    self._kanji_db().execute(
                        "SELECT c.literal, r.r_type, r.value FROM character c "
                        "JOIN rm_group g ON g.cid = c.ID JOIN reading r ON r.gid = g.ID "
                        f"WHERE c.literal IN ({_marks(chunk)}) AND r.r_type IN ('ja_on', 'ja_kun') "
                        "ORDER BY r.rowid",
                        tuple(chunk),
                    )
                )
                found: dict[str, dict[str, str]] = {}
                for literal, kind, value in rows:
                    found.setdefault(str(literal), {}).setdefault(str(kind), str(value))
                for character in chunk:
                    readings = found.get(str(character), {})
                    reading = readings.get("ja_on") or readings.get("ja_kun", "").split(".")[0]
                    self._kanji_readings[str(character)] = _to_hiragana(reading.strip("-"))
            return {c: r for c in given if (r := self._kanji_readings.get(c))}

    def kanji_details(self, characters: Iterable[str]) -> dict[str, KanjiDetail]:
        """KANJIDIC2's meanings, readings, grade, old JLPT level and stroke count for each
        character it lists (others are left out). One statement per 500 new characters,
        so a document's breakdowns cost one query; results are cached."""
        wanted = _unique(characters)
        with self._lock:
            for chunk in _chunks([c for c in wanted if c not in self._kanji_details]):
                self._queries += 1
                marks = _marks(chunk)
                # One statement: the characters' own row, then their readings and English
                # meanings (m_lang is empty for English), in KANJIDIC2's order (rowid).
                # jamdict-data has no index on the groups' ids: one scan of each table,
                # testing each row's group against the characters' few, is twice as fast as
                # walking the index of every on/kun reading (the unary + keeps SQLite off it).
                groups = (
                    "SELECT g.ID FROM character c JOIN rm_group g ON g.cid = c.ID "
                    f"WHERE c.literal IN ({marks})"
                )
                sql = (
                    "SELECT c.literal, 'c', c.stroke_count, c.grade, c.jlpt, c.ID FROM character c "
                    f"WHERE c.literal IN ({marks}) "
                    "UNION ALL SELECT c.literal, r.r_type, r.value, NULL, NULL, r.rowid FROM reading r "
                    "JOIN rm_group g ON g.ID = r.gid JOIN character c ON c.ID = g.cid "
                    f"WHERE r.gid IN ({groups}) AND +r.r_type IN ('ja_on', 'ja_kun') "
                    "UNION ALL SELECT c.literal, 'm', m.value, NULL, NULL, m.rowid FROM meaning m "
                    "JOIN rm_group g ON g.ID = m.gid JOIN character c ON c.ID = g.cid "
                    f"WHERE m.gid IN ({groups}) AND (+m.m_lang IS NULL OR +m.m_lang = '') "
                    "ORDER BY 6"
                )
                try:
                    rows = list(self._kanji_db().execute(sql, (*chunk, *chunk, *chunk)))
                except sqlite3.DatabaseError as exc:
                    raise YomuError(
                        f"the KANJIDIC2 data is unreadable ({exc}): "
                        "run `pip install --force-reinstall jamdict-data`"
                    ) from exc
                heads: dict[str, tuple[object, object, object]] = {}
                lists: dict[tuple[str, str], list[str]] = {}
                for literal, kind, value, grade, jlpt, _ in rows:
                    if kind == "c":
                        # A literal listed twice keeps its first row, as kanji() does.
                        heads.setdefault(str(literal), (value, grade, jlpt))
                    else:
                        found = lists.setdefault((str(literal), str(kind)), [])
                        if str(value) not in found:
                            found.append(str(value))
                for character in chunk:
                    key = str(character)
                    head = heads.get(key)
                    if head is None:
                        self._kanji_details[key] = None
                        continue
                    strokes, grade, jlpt = head
                    self._kanji_details[key] = KanjiDetail(
                        key,
                        tuple(lists.get((key, "m"), ())),
                        tuple(lists.get((key, "ja_on"), ())),
                        tuple(lists.get((key, "ja_kun"), ())),
                        _optional_int(grade),
                        _optional_int(jlpt),
                        _optional_int(strokes),
                    )
            return {c: d for c in wanted if (d := self._kanji_details.get(c)) is not None}

    def close(self) -> None:
        with self._lock:
            for connection in (self._connection, self._kanji_connection):
                if connection is not None:
                    connection.close()
            self._connection = self._kanji_connection = None

    # -- SQL ---------------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = _open_read_only(self._path or words_database_path())
        return self._connection

    def _kanji_db(self) -> sqlite3.Connection:
        if self._kanji_connection is None:
            path = self._kanji_path or default_database_path()
            self._kanji_connection = _open_read_only(path)
        return self._kanji_connection

    def _query(self, sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
        self._queries += 1
        try:
            return list(self._db().execute(sql, tuple(params)))
        except sqlite3.DatabaseError as exc:
            raise YomuError(
                f"the JMdict database is unreadable ({exc}): run `pip install --force-reinstall jamdict-data`"
            ) from exc

    def _ids_by_form(self, forms: Sequence[str], tables: tuple[str, str]) -> dict[str, list[int]]:
        """Entry ids per form, each list in ascending id order without repeats."""
        ids: dict[str, set[int]] = {}
        for chunk in _chunks(forms):
            marks = _marks(chunk)
            sql = " UNION ".join(f"SELECT text, idseq FROM {t} WHERE text IN ({marks})" for t in tables)
            for text, idseq in self._query(sql, [*chunk] * len(tables)):
                ids.setdefault(str(text), set()).add(_int(idseq))
        return {form: sorted(found) for form, found in ids.items()}

    def _per_entry(self, sql: str, ids: Sequence[int]) -> Iterator[tuple[object, ...]]:
        for chunk in _chunks(ids):
            yield from self._query(sql.format(marks=_marks(chunk)), chunk)

    def _load_entries(self, ids: set[int]) -> None:
        todo = sorted(i for i in ids if i not in self._entries)
        if not todo:
            return
        forms = FormTable()
        for kid, idseq, text in self._per_entry(
            "SELECT ID, idseq, text FROM Kanji WHERE idseq IN ({marks}) ORDER BY ID", todo
        ):
            forms.add_kanji(_int(idseq), _int(kid), str(text))
        for kid, idseq, text, nokanji in self._per_entry(
            "SELECT ID, idseq, text, nokanji FROM Kana WHERE idseq IN ({marks}) ORDER BY ID", todo
        ):
            forms.add_kana(_int(idseq), _int(kid), str(text), bool(nokanji))
        for kid, tag in self._per_entry(
            "SELECT k.ID, p.text FROM Kanji k JOIN KJP p ON p.kid = k.ID WHERE k.idseq IN ({marks}) "
            "ORDER BY p.rowid",
            todo,
        ):
            forms.add_priority("kanji", _int(kid), str(tag))
        for kid, tag in self._per_entry(
            "SELECT k.ID, p.text FROM Kana k JOIN KNP p ON p.kid = k.ID WHERE k.idseq IN ({marks}) "
            "ORDER BY p.rowid",
            todo,
        ):
            forms.add_priority("kana", _int(kid), str(tag))
        for kid, kanji in self._per_entry(
            "SELECT k.ID, r.text FROM Kana k JOIN KNR r ON r.kid = k.ID WHERE k.idseq IN ({marks}) "
            "ORDER BY r.rowid",
            todo,
        ):
            forms.add_restriction(_int(kid), str(kanji))
        senses = self._load_senses(todo)
        for idseq in todo:
            self._entries[idseq] = forms.entry(idseq, senses.get(idseq, ()))

    def _load_senses(self, ids: Sequence[int]) -> dict[int, list[tuple[Sense, SenseScope]]]:
        order: list[tuple[int, int]] = [
            (_int(idseq), _int(sid))
            for sid, idseq in self._per_entry(
                "SELECT ID, idseq FROM Sense WHERE idseq IN ({marks}) ORDER BY ID", ids
            )
        ]
        fields: dict[str, dict[int, list[str]]] = {}
        for table, condition in _SENSE_TABLES:
            values: dict[int, list[str]] = {}
            for sid, text in self._per_entry(
                f"SELECT s.ID, t.text FROM Sense s JOIN {table} t ON t.sid = s.ID "
                f"WHERE s.idseq IN ({{marks}}){condition} ORDER BY t.rowid",
                ids,
            ):
                values.setdefault(_int(sid), []).append(str(text))
            fields[table] = values
        result: dict[int, list[tuple[Sense, SenseScope]]] = {}
        previous_pos: tuple[str, ...] = ()
        previous_entry = -1
        for idseq, sid in order:
            glosses = tuple(fields["SenseGloss"].get(sid, ()))
            if not glosses:
                continue  # a sense with glosses in other languages only
            if idseq != previous_entry:
                previous_pos, previous_entry = (), idseq
            # JMdict lists a sense's POS only when it changes; later senses inherit it.
            pos = tuple(POS_CODES.get(p, p) for p in fields["pos"].get(sid, ())) or previous_pos
            previous_pos = pos
            sense = Sense(
                glosses=glosses,
                pos=pos,
                misc=tuple(MISC_CODES.get(m, m) for m in fields["misc"].get(sid, ())),
                fields=tuple(fields["field"].get(sid, ())),
            )
            scope = SenseScope(tuple(fields["stagk"].get(sid, ())), tuple(fields["stagr"].get(sid, ())))
            result.setdefault(idseq, []).append((sense, scope))
        return result

    def _load_names(self, ids: set[int]) -> None:
        todo = sorted(i for i in ids if i not in self._names)
        if not todo:
            return
        kanji: dict[int, list[str]] = {}
        kana: dict[int, list[str]] = {}
        for idseq, text in self._per_entry(
            "SELECT idseq, text FROM NEKanji WHERE idseq IN ({marks}) ORDER BY ID", todo
        ):
            kanji.setdefault(_int(idseq), []).append(str(text))
        for idseq, text in self._per_entry(
            "SELECT idseq, text FROM NEKana WHERE idseq IN ({marks}) ORDER BY ID", todo
        ):
            kana.setdefault(_int(idseq), []).append(str(text))
        order = [
            (_int(idseq), _int(tid))
            for tid, idseq in self._per_entry(
                "SELECT ID, idseq FROM NETranslation WHERE idseq IN ({marks}) ORDER BY ID", todo
            )
        ]
        types: dict[int, list[str]] = {}
        for tid, text in self._per_entry(
            "SELECT t.ID, y.text FROM NETranslation t JOIN NETransType y ON y.tid = t.ID "
            "WHERE t.idseq IN ({marks}) ORDER BY y.rowid",
            todo,
        ):
            types.setdefault(_int(tid), []).append(str(text))
        glosses: dict[int, list[str]] = {}
        for tid, text in self._per_entry(
            "SELECT t.ID, g.text FROM NETranslation t JOIN NETransGloss g ON g.tid = t.ID "
            "WHERE t.idseq IN ({marks}) AND coalesce(+g.lang, 'eng') IN ('eng', '') "
            "ORDER BY g.rowid",
            todo,
        ):
            glosses.setdefault(_int(tid), []).append(str(text))
        senses: dict[int, list[Sense]] = {}
        name_types: dict[int, list[str]] = {}
        for idseq, tid in order:
            if tid in glosses:
                senses.setdefault(idseq, []).append(Sense(glosses=tuple(glosses[tid])))
            name_types.setdefault(idseq, []).extend(types.get(tid, ()))
        for idseq in todo:
            self._names[idseq] = DictEntry(
                id=idseq,
                source="jmnedict",
                kanji=tuple(kanji.get(idseq, ())),
                kana=tuple(kana.get(idseq, ())),
                senses=tuple(senses.get(idseq, ())),
                priority=(),
                name_types=tuple(dict.fromkeys(name_types.get(idseq, ()))),
            )


_SENSE_TABLES = (
    # The unary + keeps SQLite off the lang index, which would scan every English gloss.
    ("SenseGloss", " AND +t.lang = 'eng'"),
    ("pos", ""),
    ("misc", ""),
    ("field", ""),
    ("stagk", ""),
    ("stagr", ""),
)


def default_database_path() -> Path:
    """Where jamdict-data keeps ``jamdict.db``; a one-line error if it is not installed."""
    try:
        import jamdict_data
    except ImportError as exc:
        raise YomuError("JMdict data is not installed: run `pip install jamdict-data`") from exc
    return Path(jamdict_data.__file__).resolve().parent / "jamdict.db"


INDEX_FILE_NAME = "jmdict.sqlite"


def imported_index_path() -> Path:
    """Where ``yomu dict import`` writes its index (the file may not exist)."""
    return data_dir() / INDEX_FILE_NAME


def words_database_path() -> Path:
    """The file words and names are read from: the imported index if present, else jamdict-data's.

    Kanji data (KANJIDIC2) is not part of the index: read it from :func:`default_database_path`.
    """
    index = imported_index_path()
    return index if index.is_file() else default_database_path()


_default: JMdict | None = None
_default_lock = threading.Lock()


def default_dictionary() -> JMdict:
    """One shared :class:`JMdict` per process, so its cache serves every document."""
    global _default
    with _default_lock:
        if _default is None:
            _default = JMdict()
        return _default


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise YomuError(f"JMdict database not found at {path}: run `pip install jamdict-data`")
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise YomuError(f"cannot open the JMdict database {path}: {exc}") from exc


def _to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def _optional_int(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def _unique(forms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(f for f in forms if f))


def _chunks(values: Sequence[object]) -> Iterator[list[object]]:
    for start in range(0, len(values), CHUNK_SIZE):
        yield list(values[start : start + CHUNK_SIZE])


def _marks(chunk: Sequence[object]) -> str:
    return ",".join("?" * len(chunk))


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value
