"""Time ``yomu dict import`` on full-size files and check the index answers like jamdict-data.

No EDRDG download is at hand here, so jamdict-data's own JMdict and JMnedict are written
back out as EDRDG-shaped XML (internal DTD, ``&entity;`` codes, a ``created`` comment,
gzipped) — the same size and shape as the real ``JMdict_e.gz`` / ``JMnedict.xml.gz``.
The import is timed, its peak memory taken, and then every JMdict entry and a sample of
JMnedict entries is read back through :class:`yomu.meaning.dictionary.JMdict` from both files and
compared. Run: ``python benchmarks/dict_import.py [WORKDIR]`` (about a minute or two).
"""

from __future__ import annotations

import gzip
import itertools
import re
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from yomu.meaning.dictionary import MISC_CODES, POS_CODES, JMdict, default_database_path
from yomu.meaning.dictionary_import import import_dictionary
from yomu.model import Sense


def code(value: str) -> str:
    """The entity name for a value jamdict-data stores (a description, sometimes a code)."""
    return POS_CODES.get(value) or MISC_CODES.get(value) or re.sub(r"[^A-Za-z0-9-]+", "-", value).strip("-")


def grouped(cursor: sqlite3.Cursor) -> Iterator[tuple[int, list[tuple[object, ...]]]]:
    for idseq, rows in itertools.groupby(cursor, key=lambda row: row[0]):
        yield int(idseq), [row[1:] for row in rows]


def merge(
    *streams: Iterator[tuple[int, list[tuple[object, ...]]]],
) -> Iterator[tuple[int, list[list[tuple[object, ...]]]]]:
    """Zip streams of (idseq, rows) sorted by idseq; missing idseqs give empty lists."""
    heads = [next(s, None) for s in streams]
    while any(h is not None for h in heads):
        current = min(h[0] for h in heads if h is not None)
        out: list[list[tuple[object, ...]]] = []
        for i, head in enumerate(heads):
            if head is not None and head[0] == current:
                out.append(head[1])
                heads[i] = next(streams[i], None)
            else:
                out.append([])
        yield current, out


def write_jmdict(db: sqlite3.Connection, path: Path, entities: dict[str, str]) -> int:
    def q(sql: str) -> Iterator[tuple[int, list[tuple[object, ...]]]]:
        return grouped(db.execute(sql))

    streams = [
        q("SELECT idseq FROM Entry ORDER BY idseq"),
        q("SELECT idseq, ID, text FROM Kanji ORDER BY idseq, ID"),
        q(
            "SELECT k.idseq, k.ID, p.text FROM KJP p JOIN Kanji k ON k.ID = p.kid "
            "ORDER BY k.idseq, k.ID, p.rowid"
        ),
        q("SELECT idseq, ID, text, nokanji FROM Kana ORDER BY idseq, ID"),
        q(
            "SELECT k.idseq, k.ID, r.text FROM KNR r JOIN Kana k ON k.ID = r.kid "
            "ORDER BY k.idseq, k.ID, r.rowid"
        ),
        q(
            "SELECT k.idseq, k.ID, p.text FROM KNP p JOIN Kana k ON k.ID = p.kid "
            "ORDER BY k.idseq, k.ID, p.rowid"
        ),
        q("SELECT idseq, ID FROM Sense ORDER BY idseq, ID"),
    ]
    sense_tables = ("stagk", "stagr", "pos", "field", "misc")
    streams += [
        q(
            f"SELECT s.idseq, s.ID, t.text FROM {t} t JOIN Sense s ON s.ID = t.sid "
            "ORDER BY s.idseq, s.ID, t.rowid"
        )
        for t in sense_tables
    ]
    streams.append(
        q(
            "SELECT s.idseq, s.ID, g.lang, g.text FROM SenseGloss g JOIN Sense s ON s.ID = g.sid "
            "ORDER BY s.idseq, s.ID, g.rowid"
        )
    )
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
        for idseq, (_, kanji, kjp, kana, knr, knp, senses, *rest) in merge(*streams):
            count += 1
            lines = [f"<entry>\n<ent_seq>{idseq}</ent_seq>"]
            for kid, text in kanji:
                lines.append(f"<k_ele>\n<keb>{escape(str(text))}</keb>")
                lines += [f"<ke_pri>{t}</ke_pri>" for k, t in kjp if k == kid]
                lines.append("</k_ele>")
            for kid, text, nokanji in kana:
                lines.append(f"<r_ele>\n<reb>{escape(str(text))}</reb>")
                if nokanji:
                    lines.append("<re_nokanji/>")
                lines += [f"<re_restr>{escape(str(t))}</re_restr>" for k, t in knr if k == kid]
                lines += [f"<re_pri>{t}</re_pri>" for k, t in knp if k == kid]
                lines.append("</r_ele>")
            *fields, glosses = rest
            for (sid,) in senses:
                lines.append("<sense>")
                for table, rows in zip(sense_tables, fields, strict=True):
                    for s, text in rows:
                        if s != sid:
                            continue
                        if table in ("stagk", "stagr"):
                            lines.append(f"<{table}>{escape(str(text))}</{table}>")
                        else:
                            entities[code(str(text))] = str(text)
                            lines.append(f"<{table}>&{code(str(text))};</{table}>")
                for s, lang, text in glosses:
                    if s == sid:
                        attr = "" if lang == "eng" else f' xml:lang="{lang}"'
                        lines.append(f"<gloss{attr}>{escape(str(text))}</gloss>")
                lines.append("</sense>")
            lines.append("</entry>\n")
            body.write("\n".join(lines))
        body.seek(0)
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
            out.write(header("JMdict", entities, "2021-04-17"))
            while chunk := body.read(1 << 20):
                out.write(chunk)
            out.write("</JMdict>\n")
    return count


def write_jmnedict(db: sqlite3.Connection, path: Path) -> int:
    def q(sql: str) -> Iterator[tuple[int, list[tuple[object, ...]]]]:
        return grouped(db.execute(sql))

    streams = [
        q("SELECT idseq FROM NEEntry ORDER BY idseq"),
        q("SELECT idseq, text FROM NEKanji ORDER BY idseq, ID"),
        q("SELECT idseq, text FROM NEKana ORDER BY idseq, ID"),
        q("SELECT idseq, ID FROM NETranslation ORDER BY idseq, ID"),
        q(
            "SELECT t.idseq, t.ID, y.text FROM NETransType y JOIN NETranslation t ON t.ID = y.tid "
            "ORDER BY t.idseq, t.ID, y.rowid"
        ),
        q(
            "SELECT t.idseq, t.ID, g.text FROM NETransGloss g JOIN NETranslation t ON t.ID = g.tid "
            "ORDER BY t.idseq, t.ID, g.rowid"
        ),
    ]
    entities: dict[str, str] = {}
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
        for idseq, (_, kanji, kana, trans, types, glosses) in merge(*streams):
            count += 1
            lines = [f"<entry>\n<ent_seq>{idseq}</ent_seq>"]
            lines += [f"<k_ele>\n<keb>{escape(str(t))}</keb>\n</k_ele>" for (t,) in kanji]
            lines += [f"<r_ele>\n<reb>{escape(str(t))}</reb>\n</r_ele>" for (t,) in kana]
            for (tid,) in trans:
                lines.append("<trans>")
                for t, text in types:
                    if t == tid:
                        entities[code(str(text))] = str(text)
                        lines.append(f"<name_type>&{code(str(text))};</name_type>")
                lines += [f"<trans_det>{escape(str(g))}</trans_det>" for t, g in glosses if t == tid]
                lines.append("</trans>")
            lines.append("</entry>\n")
            body.write("\n".join(lines))
        body.seek(0)
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
            out.write(header("JMnedict", entities, "2020-05-29"))
            while chunk := body.read(1 << 20):
                out.write(chunk)
            out.write("</JMnedict>\n")
    return count


def header(root: str, entities: dict[str, str], created: str) -> str:
    declarations = "\n".join(f'<!ENTITY {name} "{escape(text)}">' for name, text in sorted(entities.items()))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root} [\n<!ELEMENT {root} (entry*)>\n'
        f'<!ATTLIST gloss xml:lang CDATA "eng">\n{declarations}\n]>\n'
        f"<!-- {root} created: {created} -->\n<{root}>\n"
    )


def normalised(senses: tuple[Sense, ...]) -> tuple[Sense, ...]:
    return tuple(
        Sense(s.glosses, tuple(code(p) for p in s.pos), tuple(code(m) for m in s.misc)) for s in senses
    )


def main() -> int:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="yomu-dict-"))
    bundled = default_database_path()
    db = sqlite3.connect(f"{bundled.as_uri()}?mode=ro", uri=True)
    started = time.perf_counter()
    entities: dict[str, str] = {}
    words = write_jmdict(db, work / "JMdict_e.gz", entities)
    names = write_jmnedict(db, work / "JMnedict.xml.gz")
    print(f"wrote {words:,} JMdict and {names:,} JMnedict entries in {time.perf_counter() - started:.0f} s")
    for name in ("JMdict_e.gz", "JMnedict.xml.gz"):
        print(f"  {name}: {(work / name).stat().st_size / 1e6:.1f} MB")

    index = work / "jmdict.sqlite"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    summary = import_dictionary([work / "JMdict_e.gz", work / "JMnedict.xml.gz"], target=index)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"import: {summary.words.entries:,} words, {summary.names.entries:,} names in {elapsed:.1f} s; "
        f"index {index.stat().st_size / 1e6:.0f} MB; "
        f"peak RSS {peak / 1024:.0f} MB (before: {before / 1024:.0f} MB)"
    )

    ids = [int(i) for (i,) in db.execute("SELECT idseq FROM Entry ORDER BY idseq")]
    forms = [str(t) for (t,) in db.execute("SELECT text FROM Kanji UNION SELECT text FROM Kana")]
    old, new = JMdict(bundled), JMdict(index)
    started = time.perf_counter()
    a, b = old.entries(forms), new.entries(forms)
    differ = [
        f
        for f in forms
        if [
            (
                e.id,
                e.kanji,
                e.kana,
                normalised(e.senses),
                e.priority,
                e.scopes,
                e.kana_only,
                e.kana_restrictions,
            )
            for e in a.get(f, ())
        ]
        != [
            (e.id, e.kanji, e.kana, e.senses, e.priority, e.scopes, e.kana_only, e.kana_restrictions)
            for e in b.get(f, ())
        ]
    ]
    print(
        f"compared {len(ids):,} JMdict entries by {len(forms):,} forms "
        f"in {time.perf_counter() - started:.0f} s: "
        f"{len(differ)} forms differ {differ[:5]}"
    )
    name_forms = [str(t) for (t,) in db.execute("SELECT text FROM NEKanji WHERE ID % 20 = 0")]
    x, y = old.names(name_forms), new.names(name_forms)
    differ = [
        f
        for f in name_forms
        if [(e.id, e.kanji, e.kana, e.senses, tuple(code(t) for t in e.name_types)) for e in x.get(f, ())]
        != [(e.id, e.kanji, e.kana, e.senses, e.name_types) for e in y.get(f, ())]
    ]
    print(
        f"compared the JMnedict entries of {len(name_forms):,} name forms: {len(differ)} differ {differ[:5]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
