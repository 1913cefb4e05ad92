"""``yomu dict import`` / ``yomu dict info``: newer EDRDG files, end to end through the CLI.

The fixtures are tiny JMdict and JMnedict files written here, shaped like EDRDG's
(internal DTD with entity declarations, a ``created`` comment, one element per line).
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from yomu.errors import YomuError
from yomu.meaning.dictionary import JMdict, default_database_path, imported_index_path, words_database_path
from yomu.meaning.dictionary_import import dictionary_info, import_dictionary

from .conftest import REPO

JMDICT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE JMdict [
<!ELEMENT JMdict (entry*)>
<!ELEMENT entry (ent_seq, k_ele*, r_ele+, sense+)>
<!ELEMENT ent_seq (#PCDATA)>
<!ELEMENT k_ele (keb, ke_inf*, ke_pri*)>
<!ELEMENT keb (#PCDATA)>
<!ELEMENT ke_pri (#PCDATA)>
<!ELEMENT r_ele (reb, re_nokanji?, re_restr*, re_inf*, re_pri*)>
<!ELEMENT reb (#PCDATA)>
<!ELEMENT re_nokanji EMPTY>
<!ELEMENT re_restr (#PCDATA)>
<!ELEMENT re_pri (#PCDATA)>
<!ELEMENT sense (stagk*, stagr*, pos*, xref*, ant*, field*, misc*, s_inf*, lsource*, dial*, gloss*)>
<!ELEMENT stagk (#PCDATA)>
<!ELEMENT stagr (#PCDATA)>
<!ELEMENT pos (#PCDATA)>
<!ELEMENT field (#PCDATA)>
<!ELEMENT misc (#PCDATA)>
<!ELEMENT gloss (#PCDATA)>
<!ATTLIST gloss xml:lang CDATA "eng">
<!ATTLIST gloss g_type CDATA #IMPLIED>
<!-- <pos> entities -->
<!ENTITY adv "adverb (fukushi)">
<!ENTITY n "noun (common) (futsuumeishi)">
<!ENTITY vi "intransitive verb">
<!ENTITY vs "noun or participle which takes the aux. verb suru">
<!-- <misc> entities -->
<!ENTITY place "place name">
<!ENTITY sl "slang">
<!ENTITY uk "word usually written using kana alone">
<!-- <field> entities -->
<!ENTITY law "law">
]>
<!-- JMdict created: 2025-11-30 -->
<JMdict>
<entry>
<ent_seq>1439820</ent_seq>
<k_ele>
<keb>停戦</keb>
<ke_pri>news1</ke_pri>
<ke_pri>nf05</ke_pri>
</k_ele>
<r_ele>
<reb>ていせん</reb>
<re_pri>news1</re_pri>
</r_ele>
<sense>
<pos>&n;</pos>
<pos>&vs;</pos>
<pos>&vi;</pos>
<gloss>ceasefire</gloss>
<gloss>truce</gloss>
<gloss xml:lang="dut">wapenstilstand</gloss>
</sense>
</entry>
<entry>
<ent_seq>1004500</ent_seq>
<k_ele>
<keb>一寸</keb>
</k_ele>
<r_ele>
<reb>ちょっと</reb>
<re_pri>ichi1</re_pri>
</r_ele>
<r_ele>
<reb>いっすん</reb>
<re_restr>一寸</re_restr>
</r_ele>
<r_ele>
<reb>チョット</reb>
<re_nokanji/>
</r_ele>
<sense>
<stagr>ちょっと</stagr>
<stagr>チョット</stagr>
<pos>&adv;</pos>
<misc>&uk;</misc>
<gloss>a little</gloss>
</sense>
<sense>
<stagr>いっすん</stagr>
<pos>&n;</pos>
<gloss>one sun (old unit of length)</gloss>
</sense>
</entry>
<entry>
<ent_seq>2853820</ent_seq>
<r_ele>
<reb>キーウ</reb>
</r_ele>
<sense>
<pos>&n;</pos>
<misc>&place;</misc>
<gloss>Kyiv (capital of Ukraine)</gloss>
</sense>
</entry>
<entry>
<ent_seq>2857730</ent_seq>
<k_ele>
<keb>闇バイト</keb>
</k_ele>
<r_ele>
<reb>やみバイト</reb>
</r_ele>
<sense>
<pos>&n;</pos>
<field>&law;</field>
<misc>&sl;</misc>
<gloss>illegal job recruited for online</gloss>
</sense>
</entry>
<entry>
<ent_seq>1580950</ent_seq>
<k_ele>
<keb>研究開発</keb>
</k_ele>
<r_ele>
<reb>けんきゅうかいはつ</reb>
</r_ele>
<sense>
<pos>&n;</pos>
<gloss>research and development</gloss>
<gloss>R&amp;D</gloss>
</sense>
</entry>
</JMdict>
"""

JMNEDICT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE JMnedict [
<!ELEMENT JMnedict (entry*)>
<!ELEMENT entry (ent_seq, k_ele*, r_ele+, trans+)>
<!ELEMENT ent_seq (#PCDATA)>
<!ELEMENT k_ele (keb, ke_inf*, ke_pri*)>
<!ELEMENT keb (#PCDATA)>
<!ELEMENT r_ele (reb, re_restr*, re_inf*, re_pri*)>
<!ELEMENT reb (#PCDATA)>
<!ELEMENT trans (name_type*, xref*, trans_det*)>
<!ELEMENT name_type (#PCDATA)>
<!ELEMENT trans_det (#PCDATA)>
<!ATTLIST trans_det xml:lang CDATA "eng">
<!ENTITY person "full name of a particular person">
<!ENTITY place "place name">
<!ENTITY surname "family or surname">
]>
<!-- JMnedict created: 2025-11-29 -->
<JMnedict>
<entry>
<ent_seq>5741001</ent_seq>
<r_ele>
<reb>ゼレンスキー</reb>
</r_ele>
<trans>
<name_type>&surname;</name_type>
<trans_det>Zelenskyy</trans_det>
</trans>
</entry>
<entry>
<ent_seq>5741002</ent_seq>
<k_ele>
<keb>石破茂</keb>
</k_ele>
<r_ele>
<reb>いしばしげる</reb>
</r_ele>
<trans>
<name_type>&person;</name_type>
<trans_det>Ishiba Shigeru (1957.2.4-)</trans_det>
</trans>
</entry>
<entry>
<ent_seq>5741003</ent_seq>
<r_ele>
<reb>キーウ</reb>
</r_ele>
<trans>
<name_type>&place;</name_type>
<trans_det>Kyiv (Ukraine)</trans_det>
</trans>
</entry>
</JMnedict>
"""


def write_gz(path: Path, text: str) -> Path:
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_gz(tmp_path / "JMdict_e.gz", JMDICT), write_gz(tmp_path / "JMnedict.xml.gz", JMNEDICT)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("YOMU_DATA_DIR", str(directory))
    return directory


def yomu(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(REPO / "tests" / "no-config.toml"),
        "YOMU_DATA_DIR": str(data_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "yomu", *args], capture_output=True, text=True, timeout=300, env=env
    )


# --- through the CLI ------------------------------------------------------------------------


def test_import_then_info_lookup_and_annotate(files: tuple[Path, Path], data_dir: Path) -> None:
    done = yomu("dict", "import", *map(str, files), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    index = data_dir / "jmdict.sqlite"
    assert index.is_file()
    assert done.stdout == ""
    summary = done.stderr.splitlines()
    assert len(summary) == 1
    assert summary[0].startswith(
        "imported 5 words (JMdict_e.gz, created 2025-11-30) and "
        f"3 names (JMnedict.xml.gz, created 2025-11-29) into {index} in "
    )
    assert [p.name for p in data_dir.iterdir()] == ["jmdict.sqlite"]  # no temporary file left

    info = yomu("dict", "info", data_dir=data_dir)
    assert info.returncode == 0, info.stderr
    lines = info.stdout.splitlines()
    assert lines[0] == "words: JMdict_e.gz, created 2025-11-30, 5 entries"
    assert lines[1] == f"       {index}"
    assert lines[2] == "names: JMnedict.xml.gz, created 2025-11-29, 3 entries"
    assert lines[3] == f"       {index}"
    assert lines[4] == "kanji: KANJIDIC2 1.6 from jamdict-data 1.5, dated April 2008, 13,108 characters"
    assert lines[5] == f"       {default_database_path()}"
    assert lines[6].startswith(f"index: {index} (imported 20")

    lookup = yomu("lookup", "停戦", data_dir=data_dir)
    assert lookup.returncode == 0, lookup.stderr
    assert "ceasefire; truce" in lookup.stdout
    assert "wapenstilstand" not in lookup.stdout
    assert "armistice" not in lookup.stdout  # the bundled JMdict's gloss: the index won

    article = data_dir.parent / "article.txt"
    article.write_text("闇バイトの摘発が続いている。\n", encoding="utf-8")
    annotated = yomu("annotate", str(article), "--format", "json", data_dir=data_dir)
    assert annotated.returncode == 0, annotated.stderr
    items = {i["text"]: i for i in json.loads(annotated.stdout)["vocabulary"]}
    assert items["闇バイト"]["glosses"] == ["illegal job recruited for online"]
    assert items["闇バイト"]["reading"] == "やみばいと"
    assert items["闇バイト"]["source"] == "jmdict"
    assert "摘発" not in items  # not in the imported JMdict: the bundled one is not consulted


def test_info_without_an_index_names_the_bundled_data(data_dir: Path) -> None:
    done = yomu("dict", "info", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    bundled = default_database_path()
    assert done.stdout.splitlines() == [
        "words: JMdict from jamdict-data 1.5, compiled 17 Apr 2021, 191,541 entries",
        f"       {bundled}",
        "names: JMnedict from jamdict-data 1.5, created 2020-05-29, 741,275 entries",
        f"       {bundled}",
        "kanji: KANJIDIC2 1.6 from jamdict-data 1.5, dated April 2008, 13,108 characters",
        f"       {bundled}",
        f"index: none at {data_dir / 'jmdict.sqlite'}; "
        "`yomu dict import JMdict_e.gz JMnedict.xml.gz` makes one",
    ]


def test_truncated_gzip_fails_in_one_line_and_keeps_the_old_index(
    files: tuple[Path, Path], data_dir: Path, tmp_path: Path
) -> None:
    assert yomu("dict", "import", *map(str, files), data_dir=data_dir).returncode == 0
    index = data_dir / "jmdict.sqlite"
    before = index.read_bytes()
    truncated = tmp_path / "cut" / "JMdict_e.gz"
    truncated.parent.mkdir()
    truncated.write_bytes(files[0].read_bytes()[:700])
    done = yomu("dict", "import", str(truncated), data_dir=data_dir)
    assert done.returncode == 1
    assert done.stderr == f"yomu: {truncated}: the gzip file is truncated; download it again\n"
    assert index.read_bytes() == before
    assert [p.name for p in data_dir.iterdir()] == ["jmdict.sqlite"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x1f\x8bthis is no gzip stream at all", "the gzip file is damaged"),
        (b"PK\x03\x04 a zip file", "not valid XML (not well-formed (invalid token): line 1, column 2)"),
        (
            b'<?xml version="1.0"?>\n<html><body>a web page</body></html>\n',
            "not a JMdict or JMnedict file (root element <html>)",
        ),
        (b"<JMdict>\n</JMdict>\n", "has no <entry> elements; is it really JMdict or JMnedict?"),
        (
            b"<JMdict>\n<entry><ent_seq>1</ent_seq><r_ele><reb>\xe3\x81\x82</reb></r_ele>",
            "the XML ends early (no element found: line 2, column 54); download the file again",
        ),
        (
            b"<JMdict>\n<entry><ent_seq>x</ent_seq></entry>\n</JMdict>\n",
            "entry 1 has no valid <ent_seq>",
        ),
    ],
)
def test_bad_input_is_one_line(tmp_path: Path, data_dir: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.gz"
    path.write_bytes(content)
    done = yomu("dict", "import", str(path), data_dir=data_dir)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"yomu: {path}: {message}"), done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not data_dir.exists() or list(data_dir.iterdir()) == []


def test_missing_file(tmp_path: Path, data_dir: Path) -> None:
    done = yomu("dict", "import", str(tmp_path / "JMdict_e.gz"), data_dir=data_dir)
    assert (done.returncode, done.stderr) == (1, f"yomu: {tmp_path / 'JMdict_e.gz'}: no such file\n")


# --- the index, read by JMdict ----------------------------------------------------------------


def test_entities_come_out_as_the_codes_dictionary_py_uses(files: tuple[Path, Path], tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    import_dictionary(list(files), target=index)  # both: nothing to copy from jamdict-data
    jmdict = JMdict(index)
    (ceasefire,) = jmdict.entries(["停戦"])["停戦"]
    assert ceasefire.id == 1439820
    assert [(s.glosses, s.pos, s.misc) for s in ceasefire.senses] == [
        (("ceasefire", "truce"), ("n", "vs", "vi"), ())
    ]
    assert ceasefire.priority == ("news1", "nf05")
    (kyiv,) = jmdict.entries(["キーウ"])["キーウ"]
    assert kyiv.senses[0].misc == ("place",)
    (research,) = jmdict.entries(["研究開発"])["研究開発"]
    assert research.senses[0].glosses == ("research and development", "R&D")


def test_restrictions_and_scopes_round_trip(files: tuple[Path, Path], tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    import_dictionary(list(files), target=index)  # both: nothing to copy from jamdict-data
    (entry,) = JMdict(index).entries(["一寸"])["一寸"]
    assert entry.kana == ("ちょっと", "いっすん", "チョット")
    assert entry.kana_only == ("チョット",)
    assert entry.kana_restrictions == (("いっすん", ("一寸",)),)
    assert entry.readings_of("一寸") == ("ちょっと", "いっすん")
    assert entry.senses_for(kana="いっすん") == (entry.senses[1],)
    assert [s.pos for s in entry.senses] == [("adv",), ("n",)]
    assert entry.senses[0].misc == ("uk",)
    assert entry.priority_of("ちょっと") == ("ichi1",)


def test_names_from_jmnedict(files: tuple[Path, Path], tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    summary = import_dictionary([files[1], files[0]], target=index)  # either order
    assert (summary.words.entries, summary.names.entries) == (5, 3)
    names = JMdict(index).names(["ゼレンスキー", "石破茂", "ウクライナ"])
    assert sorted(names) == ["ゼレンスキー", "石破茂"]
    (ishiba,) = names["石破茂"]
    assert (ishiba.kana, ishiba.name_types, ishiba.senses[0].glosses) == (
        ("いしばしげる",),
        ("person",),
        ("Ishiba Shigeru (1957.2.4-)",),
    )
    assert names["ゼレンスキー"][0].name_types == ("surname",)


def test_words_only_import_copies_the_bundled_names(files: tuple[Path, Path], tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    summary = import_dictionary([files[0]], target=index)
    assert summary.names.source == "JMnedict from jamdict-data 1.5"
    assert summary.names.date == "created 2020-05-29"
    assert summary.names.entries == 741_275
    (ukraine,) = JMdict(index).names(["ウクライナ"])["ウクライナ"]
    assert (ukraine.id, ukraine.name_types, ukraine.senses[0].glosses) == (5015644, ("place",), ("Ukraine",))
    info = dictionary_info(index=index)
    assert (info.words.source, info.names.source, info.index_present) == (
        "JMdict_e.gz",
        "JMnedict from jamdict-data 1.5",
        True,
    )


def test_names_only_import_copies_the_bundled_words(files: tuple[Path, Path], tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    summary = import_dictionary([files[1]], target=index)
    assert (summary.words.source, summary.words.date, summary.words.entries) == (
        "JMdict from jamdict-data 1.5",
        "compiled 17 Apr 2021",
        191_541,
    )
    jmdict = JMdict(index)
    # The copied rows keep jamdict-data's descriptions; they read as the same codes.
    assert jmdict.entries(["停戦"]) == JMdict().entries(["停戦"])
    assert jmdict.entries(["停戦"])["停戦"][0].senses[0].pos == ("n", "vs")
    assert jmdict.names(["ゼレンスキー"])["ゼレンスキー"][0].senses[0].glosses == ("Zelenskyy",)


def test_plain_xml_is_accepted(tmp_path: Path) -> None:
    plain = tmp_path / "JMdict_e.xml"
    plain.write_text(JMDICT, encoding="utf-8")
    names = write_gz(tmp_path / "JMnedict.xml.gz", JMNEDICT)
    summary = import_dictionary([plain, names], target=tmp_path / "index.sqlite")
    assert (summary.words.source, summary.words.date, summary.words.entries) == (
        "JMdict_e.xml",
        "created 2025-11-30",
        5,
    )


def test_two_jmdict_files_are_refused(files: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(YomuError, match="a second JMdict file"):
        import_dictionary([files[0], files[0]], target=tmp_path / "index.sqlite")
    assert list(tmp_path.glob("*.sqlite*")) == []


def test_the_index_has_lookup_indexes(files: tuple[Path, Path], tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    import_dictionary(list(files), target=index)
    connection = sqlite3.connect(index)
    indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"Kanji_text", "Kana_text", "Kanji_idseq", "Sense_idseq", "NEKanji_text", "NEKana_text"} <= indexes
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    assert (meta["words.source"], meta["words.date"], meta["names.entries"]) == (
        "JMdict_e.gz",
        "created 2025-11-30",
        "3",
    )


def test_default_paths_prefer_the_index(files: tuple[Path, Path], data_dir: Path) -> None:
    assert imported_index_path() == data_dir / "jmdict.sqlite"
    assert words_database_path() == default_database_path()
    import_dictionary(list(files))
    assert words_database_path() == data_dir / "jmdict.sqlite"
    assert default_database_path().name == "jamdict.db"  # kanji data stays in jamdict-data's file


def test_data_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("YOMU_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert imported_index_path() == tmp_path / "yomu" / "jmdict.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert imported_index_path() == tmp_path / "home" / ".local" / "share" / "yomu" / "jmdict.sqlite"
