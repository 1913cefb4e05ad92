"""Names don't crowd out vocabulary (issue #18): words and names ranked apart in the
reader page's brief, ``yomu vocab`` and ``yomu deck``; 氏, 米 and EU off the top of a
learner's list. Anki decks are checked by importing them with the official ``anki``
package."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from yomu.decks import write_deck
from yomu.learner import LearnerSettings, learner_for
from yomu.learner.corpus import merge_documents, ranked_sections
from yomu.learner.levels import importance, is_name_honorific
from yomu.learner.ranking import is_name
from yomu.model import Document, Sense, VocabItem
from yomu.pipeline import Annotator, Options
from yomu.renderers.anki import CLOZE_MODEL_ID, NAME_TAG, VOCAB_MODEL_ID, build_notes, cloze_guid, render_apkg
from yomu.renderers.html import render_html

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
GUIDS_BEFORE = REPO / "tests" / "golden" / "deck_guids_before_names.json"
"""Key → [note GUID, cloze GUID, Kind] of every note yomu made of :data:`TARIFFS` before
names were ranked apart (commit 132834f, ``build_notes(cloze=True)``)."""

# Written for these tests: a trade story that names people, the EU and 米 on every line
# and writes 氏 after every surname, as news does.
TARIFFS = """\
米EU、関税の引き下げで大筋合意　鉄鋼と農産物は先送り
米国のベッセント財務長官と欧州連合（EU）の通商担当者は、ブリュッセルで二日間にわたり協議し、工業製品の関税を段階的に引き下げることで大筋合意した。
ベッセント氏は協議の後、記者団に対し「米欧の貿易摩擦を和らげる第一歩だ」と語った。同氏によると、米側は自動車部品への追加関税を来年から縮小する。
EU側は、米国産の液化天然ガスの輸入を増やす方針を示した。一方、鉄鋼製品と農産物の扱いは結論が出ず、次回の協議に先送りされた。
EU加盟国の一部では、安価な農産物の流入が国内の農家に打撃を与えるとの懸念が根強い。フランスのマクロン大統領は、農業分野での譲歩には応じない考えを重ねて示している。
米政権内にも、対中政策との整合性を問う声がある。ルビオ国務長官は、EUが中国への輸出規制で足並みをそろえることが合意の前提だとの立場だ。
専門家の間では、合意の実効性は今後の交渉次第だとの見方が多い。ルビオ氏とベッセント氏は来月、日本を訪れる予定だ。
"""

TARIFF_NAMES = [
    "EU:いーゆー",
    "ベッセント:べっせんと",
    "米:べい",
    "ルビオ:るびお",
    "欧州連合:おうしゅうれんごう",
    "ブリュッセル:ぶりゅっせる",
    "フランス:ふらんす",
    "マクロン:まくろん",
    "日本:にほん",
    "米国:べいこく",
    "中国:ちゅうごく",
]
"""The names of :data:`TARIFFS`, most important first (then in order of appearance)."""

COMMON = ("氏", "米", "EU")
N3 = LearnerSettings(level="N3", use_config=False, use_personal_list=False)

T1 = 1_700_000_000.0
T2 = T1 + 3600


@pytest.fixture(scope="module")
def tariffs_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "tariffs.txt"
    path.write_text(TARIFFS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tariffs(tariffs_file: Path) -> Document:
    return Annotator().annotate_file(str(tariffs_file))


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "c.anki2"))
    yield collection
    collection.close()


def key(item: VocabItem) -> str:
    return f"{item.text}:{item.reading}"


def yomu(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(cwd / "no-config.toml"),
        "YOMU_DATA_DIR": str(cwd),
    }
    return subprocess.run(
        [sys.executable, "-m", "yomu", *args], capture_output=True, text=True, timeout=300, env=env, cwd=cwd
    )


def import_apkg(col: Collection, path: Path) -> None:
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    )


def notes_by_key(col: Collection) -> dict[str, tuple[str, list[str]]]:
    """Key → (note GUID, tags) of the collection's vocabulary notes."""
    found = {}
    for nid in col.find_notes('"note:yomu vocabulary"'):
        note = col.get_note(nid)
        found[note["Key"]] = (note.guid, list(note.tags))
    return found


# --- what is a name ------------------------------------------------------------------------


def item(text: str, reading: str, kind: str = "word", **more: object) -> VocabItem:
    fields: dict[str, object] = {"senses": (Sense(("x",)),), "primary": 0, "source": "jmdict"}
    fields.update(more)
    return VocabItem(f"{text}:{reading}", text, reading, kind=kind, count=1, first_sentence="", **fields)  # type: ignore[arg-type]


def test_what_is_a_name() -> None:
    for kind in ("person", "place", "organisation", "event"):
        assert is_name(item("EU", "いーゆー", kind, source="glossary"))
    for kind in ("word", "term", "expression"):
        assert not is_name(item("和平案", "わへいあん", kind))
    # A country's one-kanji abbreviation, by the reading that means the country.
    assert is_name(item("米", "べい")) and is_name(item("露", "ろ"))
    assert not is_name(item("米", "こめ"))  # rice
    assert not is_name(item("日", "にち"))  # Sunday, or a day, far more often than Japan
    # JMdict words Sudachi reads as place or person names.
    japan = (Sense(("Japan",)),)
    assert is_name(item("日本", "にほん", pos=("名詞", "固有名詞", "地名", "国", "*", "*"), senses=japan))
    assert not is_name(item("政府", "せいふ", pos=("名詞", "普通名詞", "一般", "*", "*", "*")))
    # Both must say so: Sudachi reads 見方 in 見方が多い as a place name; it is "viewpoint".
    place = ("名詞", "固有名詞", "地名", "一般", "*", "*")
    assert not is_name(item("見方", "みかた", pos=place, senses=(Sense(("viewpoint",)),)))


def test_an_honorific_counts_once(tariffs: Document) -> None:
    found = {i.text: i for i in tariffs.vocabulary()}
    mr = found["氏"]
    assert (mr.count, mr.primary_glosses[:2]) == (3, ("Mr", "Mrs"))
    assert is_name_honorific(mr) and not is_name_honorific(found["同氏"])
    assert (
        importance(mr)
        == importance(replace(mr, count=1))
        < importance(replace(mr, count=2, text="x", senses=()))
    )


# --- the brief, vocab ----------------------------------------------------------------------


def test_ranked_sections_keep_words_and_names_apart(tariffs: Document) -> None:
    entries = merge_documents([tariffs])
    sections = ranked_sections(entries)
    assert [key(e.item) for e in sections.names] == TARIFF_NAMES
    assert len(sections.words) + len(sections.names) == len(entries) == 92
    cut = ranked_sections(entries, 4)
    assert [e.item for e in cut.words] == [e.item for e in sections.words[:4]]
    assert [key(e.item) for e in cut.names] == TARIFF_NAMES[:4]
    assert [key(e.item) for e in ranked_sections(entries, 4, 2).names] == TARIFF_NAMES[:2]
    assert ranked_sections(entries, 4, 0).names == []


def test_a_learners_top_ten_has_no_names_and_no_honorific(tariffs_file: Path) -> None:
    annotator = Annotator(Options(learner=learner_for(N3)))
    sections = ranked_sections(
        [e for e in merge_documents([annotator.annotate_file(str(tariffs_file))]) if not e.item.known]
    )
    top = [e.item.text for e in sections.words[:10]]
    assert top == [
        "大筋",
        "財務長官",
        "二日間",
        "工業製品",
        "段階的",
        "記者団",
        "貿易摩擦",
        "米側",
        "自動車部品",
        "追加関税",
    ]
    assert not set(COMMON) & set(top)
    assert {"ベッセント", "ルビオ", "マクロン", "EU", "米"} <= {e.item.text for e in sections.names}


def test_vocab_lists_words_then_people_and_places(tariffs_file: Path, tmp_path: Path) -> None:
    table = yomu("vocab", str(tariffs_file), "--level", "N3", "--max", "3", "--max-names", "2", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert [line.split()[0] if line else "" for line in lines] == [
        "term", "大筋", "財務長官", "二日間", "", "People", "term", "EU", "ベッセント"
    ]  # fmt: skip
    assert lines[5] == "People and places in this article (2)"

    tsv = yomu("vocab", str(tariffs_file), "--level", "N3", "--max", "2", "--format", "tsv", cwd=tmp_path)
    rows = [line.split("\t") for line in tsv.stdout.splitlines()]
    assert rows[0][-2:] == ["articles", "section"] and len(rows[0]) == 10
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("大筋", "words"), ("財務長官", "words"), ("EU", "names"), ("ベッセント", "names")
    ]  # fmt: skip

    data = json.loads(
        yomu("vocab", str(tariffs_file), "--level", "N3", "--format", "json", cwd=tmp_path).stdout
    )
    sections = [i["section"] for i in data["items"]]
    assert sections == sorted(sections, key=["words", "names"].index)  # words first
    names = [i["text"] for i in data["items"] if i["section"] == "names"]
    # The places an N3 reader knows (フランス, 日本, 中国 …) are not new to them.
    assert names == ["EU", "ベッセント", "米", "ルビオ", "欧州連合", "マクロン"]

    visit = tmp_path / "visit.txt"
    visit.write_text("ルビオ氏は来週、東京で協議する予定だ。", encoding="utf-8")
    two = yomu(
        "vocab",
        str(tariffs_file),
        str(visit),
        "--level",
        "N3",
        "--max",
        "1",
        "--max-names",
        "1",
        cwd=tmp_path,
    )
    lines = two.stdout.splitlines()
    assert (len(lines), lines[2], lines[3]) == (6, "", "People and places in these articles (1)")
    assert lines[5].split() == ["EU", "いーゆー", "EU;", "European", "Union", "5", "glossary", "1"]

    none = yomu("vocab", str(tariffs_file), "--level", "N3", "--max", "2", "--max-names", "0", cwd=tmp_path)
    assert "People and places" not in none.stdout and len(none.stdout.splitlines()) == 3


def test_the_brief_lists_the_abbreviation_with_the_names(tariffs: Document) -> None:
    page = render_html(tariffs)
    brief = page[page.index('<aside class="brief"') : page.index("</aside>")]
    words, _, names = brief.partition('<h3 class="brief-names">People and places in this article (')
    assert names.startswith(f"{len(TARIFF_NAMES)})")
    for text in (">米<", ">EU<", ">日本<", ">ベッセント<"):
        assert text in names and text not in words
    assert ">大筋<" in words and ">大筋<" not in names


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed articles are not here")
@pytest.mark.parametrize(
    ("seed", "people"),
    [
        ("000", {"トランプ", "キア・スターマー"}),
        ("001", {"ゼレンスキー", "トランプ", "マクロン"}),
        ("002", {"トランプ", "プーチン", "ボロディミル・ゼレンスキー", "ピート・ヘグセス"}),
        ("003", {"ドナルド・トランプ", "セルゲイ・ラブロフ", "ユーリ・ウシャコフ", "マルコ・ルビオ"}),
        ("004", {"ウィトコフ", "トランプ", "小谷哲男", "プーチン", "ジョセフ・クラフト", "クシュナー"}),
    ],
)
def test_seed_top_ten_words_are_words(seed: str, people: set[str], tmp_path: Path) -> None:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    done = yomu("vocab", str(path), "--level", "N3", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["items"]
    top = [i["text"] for i in items if i["section"] == "words"][:10]
    assert len(top) == 10 and not set(COMMON) & set(top), top
    names = [i for i in items if i["section"] == "names"]
    assert people <= {i["text"] for i in names if i["kind"] == "person"}
    # Never a person among the words.
    assert not [i["text"] for i in items if i["section"] == "words" and i["kind"] == "person"]


# --- decks -----------------------------------------------------------------------------------


def test_deck_max_counts_words_and_names_rank_apart(
    tariffs: Document, col: Collection, tmp_path: Path
) -> None:
    summary = write_deck([tariffs], tmp_path / "five.apkg", max_items=5, timestamp=T1)
    assert (summary.notes, summary.name_notes) == (10, 5)
    import_apkg(col, tmp_path / "five.apkg")
    notes = notes_by_key(col)
    named = sorted(k for k, (_, tags) in notes.items() if NAME_TAG in tags)
    assert named == sorted(TARIFF_NAMES[:5])
    words = [k for k, (_, tags) in notes.items() if NAME_TAG not in tags]
    best = sorted((i for i in tariffs.vocabulary() if not is_name(i)), key=importance, reverse=True)
    assert sorted(words) == sorted(key(i) for i in best[:5])
    assert len(col.find_notes("")) == col.card_count() == 10


def test_deck_without_names(tariffs: Document, col: Collection, tmp_path: Path) -> None:
    summary = write_deck([tariffs], tmp_path / "words.apkg", names=False, timestamp=T1)
    assert (summary.notes, summary.name_notes) == (92 - len(TARIFF_NAMES), 0)
    import_apkg(col, tmp_path / "words.apkg")
    notes = notes_by_key(col)
    assert len(notes) == len(col.find_notes("")) == 92 - len(TARIFF_NAMES)
    assert not set(TARIFF_NAMES) & set(notes)
    assert not col.find_notes(f"tag:{NAME_TAG}") and not col.find_notes("tag:person")


def test_cli_deck_names_options(tariffs_file: Path, col: Collection, tmp_path: Path) -> None:
    done = yomu("deck", str(tariffs_file), "-o", "d.apkg", "--max", "3", "--max-names", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "d.apkg: 4 notes from 1 article(s); 1 of people and places"
    none = yomu("deck", str(tariffs_file), "-o", "n.tsv", "--max", "3", "--no-names", cwd=tmp_path)
    assert none.stderr.strip() == "n.tsv: 3 notes from 1 article(s)"
    import_apkg(col, tmp_path / "d.apkg")
    assert [k for k, (_, tags) in notes_by_key(col).items() if NAME_TAG in tags] == ["EU:いーゆー"]


def test_guids_and_note_types_are_those_of_decks_built_before(tariffs: Document) -> None:
    before = json.loads(GUIDS_BEFORE.read_text(encoding="utf-8"))
    assert (before["vocabulary_model_id"], before["cloze_model_id"]) == (VOCAB_MODEL_ID, CLOZE_MODEL_ID)
    now = {
        n.fields["Key"]: [n.guid, cloze_guid(n.text, n.reading), n.fields["Kind"]]
        for n in build_notes([tariffs], cloze=True)
    }
    assert now == before["notes"]


def test_a_deck_from_before_updates_in_place(tariffs: Document, col: Collection, tmp_path: Path) -> None:
    # What yomu wrote before names were ranked apart: the same notes without the name tag.
    old = tuple(replace(n, tags=tuple(t for t in n.tags if t != NAME_TAG)) for n in build_notes([tariffs]))
    (tmp_path / "old.apkg").write_bytes(render_apkg(old, "yomu", timestamp=T1))
    import_apkg(col, tmp_path / "old.apkg")
    guids = {k: guid for k, (guid, _) in notes_by_key(col).items()}
    assert len(guids) == 92 and not col.find_notes(f"tag:{NAME_TAG}")

    write_deck([tariffs], tmp_path / "new.apkg", max_items=5, timestamp=T2)
    import_apkg(col, tmp_path / "new.apkg")
    notes = notes_by_key(col)
    assert len(notes) == len(col.find_notes("")) == 92  # updated, nothing added
    assert {k: guid for k, (guid, _) in notes.items()} == guids
    tagged = sorted(k for k, (_, tags) in notes.items() if NAME_TAG in tags)
    assert tagged == sorted(TARIFF_NAMES[:5])  # the names in the new deck were updated
