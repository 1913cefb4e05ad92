"""JMdict/JMnedict access: exact entries, batching, caching and errors."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from yomu.errors import YomuError
from yomu.meaning.dictionary import CHUNK_SIZE, JMdict, default_database_path, default_dictionary
from yomu.model import Sense


@pytest.fixture(scope="module")
def jmdict() -> JMdict:
    return JMdict()


def only(jmdict: JMdict, form: str) -> tuple[int, ...]:
    return tuple(e.id for e in jmdict.entries([form])[form])


# --- exact entries ------------------------------------------------------------------------


def test_summit_meeting(jmdict: JMdict) -> None:
    (entry,) = jmdict.entries(["首脳会談"])["首脳会談"]
    assert entry.id == 1329370
    assert entry.source == "jmdict"
    assert entry.kanji == ("首脳会談", "主脳会談")
    assert entry.kana == ("しゅのうかいだん",)
    assert entry.senses == (
        Sense(glosses=("leadership conference", "summit meeting", "top-level conference"), pos=("n",)),
    )


@pytest.mark.parametrize(
    ("form", "glosses"),
    [
        ("安全保障", ("security guarantee (e.g. military security, network security, etc.)",)),
        ("停戦", ("armistice", "ceasefire")),
        ("譲歩", ("concession", "conciliation", "compromise")),
        ("北大西洋条約機構", ("North Atlantic Treaty Organisation", "NATO")),
    ],
)
def test_first_sense_glosses(jmdict: JMdict, form: str, glosses: tuple[str, ...]) -> None:
    (entry,) = jmdict.entries([form])[form]
    assert entry.senses[0].glosses == glosses


def test_pos_and_misc_are_jmdict_codes(jmdict: JMdict) -> None:
    (entry,) = jmdict.entries(["話し合う"])["話し合う"]
    assert entry.senses[0].pos == ("v5u", "vt")
    suru = next(e for e in jmdict.entries(["する"])["する"] if e.id == 1157170)
    assert suru.senses[0].pos == ("vs-i",)
    assert suru.senses[0].misc == ("uk",)


def test_priority_union_and_per_form(jmdict: JMdict) -> None:
    (entry,) = jmdict.entries(["話し合う"])["話し合う"]
    assert entry.priority == ("ichi1", "news1", "nf11")
    assert entry.priority_of("話し合う") == ("ichi1", "news1", "nf11")
    assert entry.priority_of("話合う") == ()


def test_kana_form_finds_the_entry(jmdict: JMdict) -> None:
    assert 1329370 in only(jmdict, "しゅのうかいだん")


def test_katakana_word_and_full_width_latin(jmdict: JMdict) -> None:
    (cards,) = jmdict.entries(["トランプ"])["トランプ"]
    assert cards.kanji == ()
    assert cards.senses[0].glosses == ("(Western) playing cards",)
    (nato,) = jmdict.entries(["ＮＡＴＯ"])["ＮＡＴＯ"]
    assert nato.senses[0].glosses[-1] == "NATO"


def test_sense_restricted_to_written_forms(jmdict: JMdict) -> None:
    (entry,) = jmdict.entries(["回復"])["回復"]
    assert len(entry.senses) == 2
    assert [s.glosses[0] for s in entry.senses_for("快復")] == ["recovery (from an illness)"]
    assert len(entry.senses_for("回復")) == 2


def test_reading_restricted_to_written_forms(jmdict: JMdict) -> None:
    (entry,) = jmdict.entries(["一段落"])["一段落"]
    assert entry.readings_of("一段落") == ("いちだんらく", "ひとだんらく")
    assert entry.readings_of("ひと段落") == ("ひとだんらく",)


def test_several_entries_in_jmdict_order(jmdict: JMdict) -> None:
    ids = only(jmdict, "後")
    assert ids == tuple(sorted(ids))
    after = next(e for e in jmdict.entries(["後"])["後"] if e.kana == ("ご",))
    assert after.senses[0].glosses == ("after",)


def test_unknown_forms_are_left_out(jmdict: JMdict) -> None:
    found = jmdict.entries(["安全保障", "安全の保証", ""])
    assert set(found) == {"安全保障"}


def test_known(jmdict: JMdict) -> None:
    assert jmdict.known(
        ["安全保障", "安全の保証", "首脳会談", "米英首脳会談", "しゅのうかいだん"]
    ) == frozenset({"安全保障", "首脳会談", "しゅのうかいだん"})


# --- JMnedict -----------------------------------------------------------------------------


def test_names(jmdict: JMdict) -> None:
    (trump,) = jmdict.names(["トランプ"])["トランプ"]
    assert trump.source == "jmnedict"
    assert trump.name_types == ("surname",)
    assert trump.senses == (Sense(glosses=("Trump",)),)


def test_names_by_reading(jmdict: JMdict) -> None:
    entries = jmdict.names(["小谷"])["小谷"]
    kotani = [e for e in entries if e.kana == ("こたに",)]
    assert [e.senses[0].glosses for e in kotani] == [("Kotani",)]
    assert "surname" in kotani[0].name_types


def test_names_leave_out_unknown(jmdict: JMdict) -> None:
    assert jmdict.names(["存在しない名前ですよ"]) == {}


# --- batching and caching -----------------------------------------------------------------


def test_repeated_forms_cost_nothing() -> None:
    jmdict = JMdict()
    first = jmdict.entries(["首脳会談", "停戦"])
    queries = jmdict.query_count
    again = jmdict.entries(["停戦", "首脳会談"])
    assert jmdict.query_count == queries
    assert again["停戦"] is first["停戦"]
    jmdict.known(["停戦"])
    assert jmdict.query_count == queries  # entries() already learnt that 停戦 exists


def test_many_forms_are_chunked() -> None:
    jmdict = JMdict()
    words = ["首脳会談", "停戦", "譲歩", "安全保障", "和平"]
    junk = [f"存在しない{i}" for i in range(CHUNK_SIZE * 2 + 7)]
    found = jmdict.entries(words + junk)
    assert set(found) == set(words)
    # Two tables per chunk for the forms, then one query per table for the five entries.
    assert jmdict.query_count <= 3 + 12


def test_batch_queries_do_not_grow_with_forms() -> None:
    small, large = JMdict(), JMdict()
    small.entries(["停戦"])
    large.entries(["停戦", "譲歩", "和平", "首脳会談", "安全保障", "合意", "交渉", "協議"])
    assert large.query_count == small.query_count


def test_shared_between_threads() -> None:
    jmdict = JMdict()
    forms = ["首脳会談", "停戦", "譲歩", "安全保障", "和平", "後", "する"]
    results: list[dict[str, tuple[int, ...]]] = []

    def work() -> None:
        found = jmdict.entries(forms)
        results.append({f: tuple(e.id for e in es) for f, es in found.items()})

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    assert all(r == results[0] for r in results)


def test_default_dictionary_is_shared() -> None:
    assert default_dictionary() is default_dictionary()


# --- errors -------------------------------------------------------------------------------


def test_missing_package_gives_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jamdict_data", None)
    with pytest.raises(YomuError, match="pip install jamdict-data"):
        default_database_path()


def test_missing_file(tmp_path: Path) -> None:
    jmdict = JMdict(tmp_path / "nowhere.db")
    with pytest.raises(YomuError, match="pip install jamdict-data"):
        jmdict.entries(["停戦"])


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(YomuError, match="unreadable"):
        JMdict(path).entries(["停戦"])


def test_opened_read_only() -> None:
    jmdict = JMdict()
    jmdict.entries(["停戦"])
    connection = jmdict._db()
    with pytest.raises(Exception, match="readonly"):
        connection.execute("CREATE TABLE yomu_probe (x)")


def test_kanji_details_for_a_breakdown_in_one_query() -> None:
    jmdict = JMdict()
    details = jmdict.kanji_details("首脳会談x々")
    assert jmdict.query_count == 1  # the characters' rows, readings and meanings at once
    assert list(details) == ["首", "脳", "会", "談"]  # in order; non-kanji and unlisted left out
    neck = details["首"]
    assert neck.meanings[0] == "neck" and "counter for songs and poems" in neck.meanings
    assert (neck.on, neck.kun) == (("シュ",), ("くび",))
    assert (neck.grade, neck.jlpt, neck.strokes) == (2, 3, 9)
    assert details["会"].kun[:2] == ("あ.う", "あ.わせる")  # KANJIDIC2's order
    assert not {"cou", "cuello", "pescoço"} & set(neck.meanings)  # English only
    jmdict.kanji_details("首脳")
    assert jmdict.query_count == 1  # cached


def test_kanji_details_batches_a_large_document() -> None:
    jmdict = JMdict()
    characters = [chr(c) for c in range(0x4E00, 0x4E00 + CHUNK_SIZE + 10)]
    details = jmdict.kanji_details(characters)
    assert jmdict.query_count == 2  # one statement per CHUNK_SIZE characters, never one per kanji
    assert len(details) > 100
