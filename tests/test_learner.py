"""The learner's level and known words: which items are marked, glossed and exported.

Levels are estimates from JMdict priority tags and KANJIDIC2 (yomu.learner.levels); the tests pin
the estimates of a few words so a change to the rules shows up as a reviewed diff.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from yomu.decks import make_deck
from yomu.errors import InputError, YomuError
from yomu.learner import Learner, LearnerSettings, parse_level, select
from yomu.learner.corpus import merge_documents
from yomu.learner.known import personal_list_path, read_known_anki, read_known_file
from yomu.learner.levels import estimate_level, frequency_floor, importance, kanji_level, news_rank
from yomu.meaning.dictionary import JMdict, KanjiInfo
from yomu.model import Document
from yomu.pipeline import Annotator, Options
from yomu.renderers.anki import build_notes
from yomu.renderers.html import render_html

from .conftest import REPO, seed_paths

ARTICLE = "政府は和平案を発表した。首脳会談は東京で開かれ、両国は鉱物協定に署名した。"
"""Original text: four JMdict words of known levels and three glossary terms."""

LEVELS_OF_ARTICLE = {
    "政府": "N3",
    "和平案": None,
    "発表": "N3",
    "首脳会談": None,
    "東京": "N4",
    "開く": "N4",
    "両国": "N3",
    "鉱物協定": None,
    "署名": "N2",
}


@pytest.fixture(scope="module")
def dictionary() -> JMdict:
    return JMdict()


def annotate_for(learner: Learner, text: str = ARTICLE) -> Document:
    return Annotator(Options(learner=learner)).annotate(text, source="article.txt")


def new_words(doc: Document) -> list[str]:
    return [i.text for i in doc.vocabulary() if not i.known]


# --- levels -------------------------------------------------------------------------------


def test_news_rank_is_the_upper_bound_of_the_nf_band() -> None:
    assert news_rank(("ichi1", "news1", "nf01")) == 500
    assert news_rank(("news1", "nf12", "nf03")) == 1500
    assert news_rank(("ichi1",)) is None


@pytest.mark.parametrize(
    ("tags", "floor"),
    [
        (("ichi1", "news1", "nf14"), "N5"),
        (("spec1",), "N5"),
        (("news1", "nf02"), "N4"),
        (("news1", "nf07"), "N3"),
        (("news1", "nf20"), "N2"),
        (("news2", "nf30"), "N1"),
        ((), None),
    ],
)
def test_frequency_floor(tags: tuple[str, ...], floor: str | None) -> None:
    assert frequency_floor(tags) == floor


def test_untagged_floor_is_given_by_the_caller() -> None:
    assert frequency_floor((), untagged="N1") == "N1"


@pytest.mark.parametrize(
    ("info", "level"),
    [
        (KanjiInfo("日", 1, 4, 1), "N5"),
        (KanjiInfo("首", 2, 3, 98), "N4"),
        (KanjiInfo("政", 5, 2, 17), "N3"),  # old level 2, frequent: N3
        (KanjiInfo("鉱", 5, 2, 1376), "N2"),  # old level 2, less frequent: N2
        (KanjiInfo("証", 5, 1, 306), "N1"),
        (KanjiInfo("椅", 8, None, 1800), "N1"),  # jōyō, not in the old lists
        (KanjiInfo("釘", 9, None, None), None),  # name kanji only: beyond N1
        (None, None),
    ],
)
def test_kanji_level(info: KanjiInfo | None, level: str | None) -> None:
    assert kanji_level(info) == level


def test_level_is_the_harder_of_frequency_and_kanji(dictionary: JMdict) -> None:
    kanji = dictionary.kanji("政府保証人々")
    assert estimate_level("政府", "N5", kanji) == "N3"
    assert estimate_level("保証", "N5", kanji) == "N1"  # 証 was old level 1
    assert estimate_level("人々", "N5", kanji) == "N5"  # 々 repeats 人
    assert estimate_level("ロシア", "N5", kanji) == "N5"  # no kanji, no ceiling
    assert estimate_level("政府", None, kanji) is None


def test_items_get_rank_and_level() -> None:
    doc = annotate_for(Learner())
    assert {i.text: i.level for i in doc.vocabulary()} == LEVELS_OF_ARTICLE
    items = {i.text: i for i in doc.vocabulary()}
    assert items["政府"].priority == ("ichi1", "news1", "nf01")
    assert items["政府"].rank == 500
    assert items["署名"].rank == 2000
    assert items["和平案"].rank is None and items["和平案"].domain == "diplomacy_security"


def test_glossary_terms_take_jmdict_rank_but_people_never() -> None:
    doc = annotate_for(Learner(), "米国のトランプ大統領とロシアが安全保障で協議した。")
    items = {i.text: i for i in doc.vocabulary()}
    assert (items["米国"].source, items["米国"].rank, items["米国"].level) == ("glossary", 500, "N3")
    assert items["安全保障"].level == "N1"
    # トランプ is also JMdict's "playing cards" (gai1): a person must not inherit that rank.
    person = next(i for i in doc.vocabulary() if i.kind == "person")
    assert (person.rank, person.level) == (None, None)


def test_importance_is_count_times_rarity() -> None:
    doc = annotate_for(Learner())
    items = {i.text: i for i in doc.vocabulary()}
    assert importance(items["政府"]) == 1.0  # rank 500: log2(1 + 1)
    assert importance(items["署名"]) == pytest.approx(2.321928)  # log2(1 + 4)
    assert importance(items["和平案"]) == pytest.approx(5.672425)  # unranked: log2(51)


# --- selection ----------------------------------------------------------------------------


def test_no_settings_mark_every_item() -> None:
    doc = annotate_for(Learner())
    assert new_words(doc) == list(LEVELS_OF_ARTICLE)
    assert not doc.for_learner


def test_level_marks_only_harder_items() -> None:
    doc = annotate_for(Learner(level="N3"))
    assert new_words(doc) == ["和平案", "首脳会談", "鉱物協定", "署名"]
    assert doc.for_learner
    coverage = doc.coverage()
    assert (coverage.running_words, coverage.known_words, coverage.new_items) == (9, 5, 4)


def test_known_words_and_level_together() -> None:
    doc = annotate_for(Learner(level="N3", known_words=frozenset({"署名", "和平案"})))
    assert new_words(doc) == ["首脳会談", "鉱物協定"]


def test_known_words_alone_match_written_forms_and_lemmas() -> None:
    doc = annotate_for(Learner(known_words=frozenset({"開く", "政府", "とうきょう"})))
    # 開かれ is known through its lemma; a reading alone (とうきょう) is not the word 東京.
    assert new_words(doc) == ["和平案", "発表", "首脳会談", "東京", "両国", "鉱物協定", "署名"]


def test_select_without_settings_changes_nothing() -> None:
    doc = annotate_for(Learner())
    assert select(doc.vocabulary(), Learner()) == doc.vocabulary()


def test_parse_level() -> None:
    assert parse_level(" n2 ") == "N2"
    with pytest.raises(YomuError, match=r"level 'N6': give one of N5, N4, N3, N2, N1"):
        parse_level("N6")


# --- downstream: page, deck, vocab ------------------------------------------------------


def test_page_marks_and_glosses_only_new_items() -> None:
    doc = annotate_for(Learner(level="N3", known_words=frozenset({"署名"})))
    page = render_html(doc)
    marked = re.findall(r'<span class="w[^"]*"[^>]*data-item="([^"]+)"', page)
    assert set(marked) == {
        "和平案:わへいあん:term",
        "首脳会談:しゅのうかいだん:term",
        "鉱物協定:こうぶつきょうてい:term",
    }
    items = json.loads(page[page.index('id="yomu-items">') + 16 : page.index("</script>\n</body>")])
    assert [i["text"] for i in items] == ["和平案", "首脳会談", "鉱物協定"]
    # Known words keep their furigana, for the reader who switches furigana to "all".
    assert "<ruby>政府<rp>(</rp><rt>せいふ</rt><rp>)</rp></ruby>" in page
    assert 'data-furigana="items"' in page
    assert '<input type="radio" name="furigana" value="items" checked> new words' in page
    assert "You know about 67% of the 9 running words; 3 new words are marked." in page


def test_page_without_settings_starts_with_all_furigana() -> None:
    page = render_html(annotate_for(Learner()))
    assert 'data-furigana="all"' in page and 'class="coverage"' not in page
    assert '<input type="radio" name="furigana" value="all" checked> all' in page


def test_deck_exports_only_new_items(tmp_path: Path) -> None:
    doc = annotate_for(Learner(level="N3"))
    keys = [n.fields["Key"] for n in build_notes([doc])]
    # Most important first: the unranked glossary terms (rarity 5.67), then 署名 (2.32).
    assert keys == [
        "和平案:わへいあん",
        "首脳会談:しゅのうかいだん",
        "鉱物協定:こうぶつきょうてい",
        "署名:しょめい",
    ]
    assert {n.fields["Key"]: n.fields["Frequency"] for n in build_notes([doc])}["署名:しょめい"] == "2000"
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    summary = make_deck(
        [str(article)], tmp_path / "d.apkg", learner=LearnerSettings(level="N3"), timestamp=1.0
    )
    assert summary.notes == 4


def test_corpus_merges_counts_across_documents() -> None:
    first = annotate_for(Learner(), ARTICLE)
    second = annotate_for(Learner(), "政府は首脳会談の日程を発表した。")
    merged = {e.item.text: e for e in merge_documents([first, second])}
    assert merged["政府"].count == 2 and len(merged["政府"].docs) == 2
    assert merged["署名"].count == 1 and merged["署名"].docs == (first,)


# --- known-word files ---------------------------------------------------------------------


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_plain_list(tmp_path: Path) -> None:
    path = write(tmp_path / "known.txt", "# my words\n政府\n\n東京\tとうきょう\n 署名 \n")
    assert read_known_file(path) == {"政府", "東京", "署名"}


def test_plain_list_in_shift_jis(tmp_path: Path) -> None:
    path = write(tmp_path / "known.txt", "政府\n東京\n", "cp932")
    assert read_known_file(path) == {"政府", "東京"}


def test_tsv_and_csv_columns(tmp_path: Path) -> None:
    tsv = write(tmp_path / "words.tsv", "reading\tword\nせいふ\t政府\nしょめい\t署名\n")
    assert read_known_file(tsv, column="word") == {"政府", "署名"}
    assert read_known_file(tsv, column="2") == {"word", "政府", "署名"}
    csv = write(tmp_path / "words.csv", '政府,"せいふ, government"\n東京,とうきょう\n')
    assert read_known_file(csv) == {"政府", "東京"}


def test_anki_plain_text_export(tmp_path: Path) -> None:
    export = write(
        tmp_path / "Notes.txt",
        "#separator:tab\n#html:true\n#columns:Word\tMeaning\n"
        "<b>政府</b>\tgovernment\n 安全[あんぜん]の 保証[ほしょう]\tguarantee\n東京&amp;\tTokyo\n",
    )
    assert read_known_file(export) == {"政府", "安全の保証", "東京&"}
    assert read_known_file(export, column="Meaning") == {"government", "guarantee", "Tokyo"}


@pytest.mark.parametrize(
    ("name", "content", "column", "message"),
    [
        (
            "k.json",
            '{"words": ["政府"]}',
            None,
            r"k\.json: looks like JSON, not a word list; give one word per line",
        ),
        (
            "k.txt",
            "政府は和平案を発表し、首脳会談は東京で開かれ、両国は鉱物協定に署名した。" * 2 + "\n",
            None,
            r"k\.txt:1: 政府は和平案を発表し、首脳会談は東京で開… is not a word \(over 40 characters\);",
        ),
        ("k.tsv", "a\tb\n政府\n", "2", r"k\.tsv:2: has no column 2; check --known-column"),
        ("k.tsv", "a\tb\n政府\tx\n", "word", r"k\.tsv: no column named 'word' \(the first row has a, b\)"),
        ("k.txt", "# nothing here\n\n", None, r"k\.txt: has no words; give one word per line"),
        (
            "k.txt",
            "\x00\x01\x02binary",
            None,
            r"k\.txt: is a binary file, not text; give a word list as a text",
        ),
    ],
)
def test_wrong_known_files_are_one_line_errors(
    tmp_path: Path, name: str, content: str, column: str | None, message: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(InputError, match=message) as error:
        read_known_file(path, column=column)
    assert "\n" not in str(error.value)


def test_missing_known_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file; check the path$"):
        read_known_file(tmp_path / "nope.txt")


# --- Anki collections ---------------------------------------------------------------------


def make_collection(path: Path) -> None:
    """A real collection: 政府 and 署名 studied, 東京 new."""
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        model = col.models.by_name("Basic")
        assert model is not None
        deck = col.decks.id("Japanese")
        assert deck is not None
        for word in ("政府", "<b>署名</b>", "東京"):
            note = col.new_note(model)
            note["Front"] = word
            note["Back"] = "…"
            col.add_note(note, deck)
        for card_id in col.find_cards("Front:政府 or Front:*署名*"):
            card = col.get_card(card_id)
            card.type = card.queue = 2  # a review card: studied before
            card.ivl, card.due = 30, 100
            col.update_card(card)
    finally:
        col.close()


def test_known_anki_reads_studied_notes_and_never_writes(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    path = tmp_path / "collection.anki2"
    make_collection(path)
    before = path.read_bytes()
    assert read_known_anki(path) == {"政府", "署名"}
    assert read_known_anki(path, query="") == {"政府", "署名", "東京"}
    assert read_known_anki(path, query="-is:new", field="Back") == {"…"}
    assert path.read_bytes() == before


def test_known_anki_rejects_other_files(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    bogus = write(tmp_path / "collection.anki2", "not sqlite")
    with pytest.raises(InputError, match=r"collection\.anki2: is not an Anki collection"):
        read_known_anki(bogus)
    with pytest.raises(InputError, match=r"no such Anki collection"):
        read_known_anki(tmp_path / "missing.anki2")


# --- the CLI --------------------------------------------------------------------------------


def yomu(*args: str, data: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(data / "config.toml"),
        "YOMU_DATA_DIR": str(data),
    }
    return subprocess.run(
        [sys.executable, "-m", "yomu", *args], input=stdin, capture_output=True, timeout=300, env=env
    )


def test_known_commands_keep_a_personal_list(tmp_path: Path) -> None:
    done = yomu("known", "add", "政府", "署名", "政府", data=tmp_path)
    assert done.returncode == 0
    assert done.stderr.decode().strip() == f"{tmp_path / 'known.txt'}: 2 word(s) added, 2 in all"
    words = write(tmp_path / "more.txt", "東京\n署名\n")
    done = yomu("known", "import", str(words), data=tmp_path)
    assert done.stderr.decode().strip() == f"{tmp_path / 'known.txt'}: 1 word(s) added from {words}, 3 in all"
    assert yomu("known", "list", data=tmp_path).stdout.decode() == "政府\n東京\n署名\n"
    yomu("known", "remove", "東京", data=tmp_path)
    assert yomu("known", "list", data=tmp_path).stdout.decode() == "政府\n署名\n"
    assert (tmp_path / "known.txt").read_text(encoding="utf-8").startswith("# yomu:")


def test_personal_list_applies_unless_left_out(tmp_path: Path) -> None:
    article = write(tmp_path / "article.txt", ARTICLE)
    yomu("known", "add", "署名", "和平案", data=tmp_path)
    done = yomu("vocab", str(article), "--level", "n3", "--format", "tsv", data=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    rows = [line.split("\t") for line in done.stdout.decode().splitlines()]
    assert rows[0] == [
        "term", "reading", "gloss", "count", "rank", "level", "source", "kind", "articles", "section"
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == ["首脳会談", "鉱物協定"]
    assert rows[1] == [
        "首脳会談",
        "しゅのうかいだん",
        "summit meeting; summit talks",
        "1",
        "",
        "",
        "glossary",
        "term",
        "article.txt",
        "words",
    ]
    done = yomu("vocab", str(article), "--level", "N3", "--no-known-list", "--format", "tsv", data=tmp_path)
    assert [line.split("\t")[0] for line in done.stdout.decode().splitlines()[1:]] == [
        "和平案", "首脳会談", "鉱物協定", "署名",
    ]  # fmt: skip


def test_vocab_json_and_summary(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "b.txt", "政府は首脳会談の日程を発表した。")
    done = yomu("vocab", str(a), str(b), "--format", "json", "--all", data=tmp_path)
    data = json.loads(done.stdout)
    items = {i["text"]: i for i in data["items"]}
    assert items["首脳会談"]["count"] == 2 and items["首脳会談"]["articles"] == ["a.txt", "b.txt"]
    assert items["政府"]["level"] == "N3" and items["政府"]["rank"] == 500
    assert [i["text"] for i in data["items"]][:1] == ["首脳会談"]  # 2 × 5.67
    done = yomu("vocab", str(a), str(b), "--summary", "--level", "N3", data=tmp_path)
    assert done.stdout.decode().splitlines() == [
        "article  words  known  new items",
        "a.txt        9    56%          4",
        "b.txt        4    50%          2",
        "total       13    54%          6",
    ]


def test_config_file_sets_level_and_known_lists(tmp_path: Path) -> None:
    write(tmp_path / "mine.txt", "署名\n")
    write(tmp_path / "config.toml", 'level = "N3"\nknown = ["mine.txt"]\n')
    article = write(tmp_path / "article.txt", ARTICLE)
    done = yomu("vocab", str(article), "--format", "tsv", data=tmp_path)
    assert [line.split("\t")[0] for line in done.stdout.decode().splitlines()[1:]] == [
        "和平案", "首脳会談", "鉱物協定",
    ]  # fmt: skip
    # An option wins over the file.
    done = yomu("vocab", str(article), "--format", "tsv", "--level", "N1", data=tmp_path)
    assert [line.split("\t")[0] for line in done.stdout.decode().splitlines()[1:]] == [
        "和平案", "首脳会談", "鉱物協定",
    ]  # fmt: skip
    write(tmp_path / "config.toml", 'level = "N9"\n')
    done = yomu("vocab", str(article), data=tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        f"yomu: {tmp_path / 'config.toml'}: 'level' must be one of N5, N4, N3, N2, N1"
    ]


def test_cli_errors_for_known_files(tmp_path: Path) -> None:
    article = write(tmp_path / "article.txt", ARTICLE)
    bad = write(tmp_path / "known.json", '["政府"]')
    done = yomu("annotate", str(article), "--known", str(bad), data=tmp_path)
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        f"yomu: {bad}: looks like JSON, not a word list; give one word per line, or a TSV/CSV file"
    ]
    done = yomu("annotate", str(article), "--level", "N7", data=tmp_path)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "yomu: invalid value for '--level': 'N7': give one of N5, N4, N3, N2, N1; see yomu annotate --help"
    ]


def test_annotate_html_with_level(tmp_path: Path) -> None:
    article = write(tmp_path / "article.txt", ARTICLE)
    out = tmp_path / "a.html"
    done = yomu("annotate", str(article), "--level", "N3", "-o", str(out), data=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    page = out.read_text(encoding="utf-8")
    assert set(re.findall(r'data-item="([^"]+)"', page)) == {
        "和平案:わへいあん:term",
        "署名:しょめい",
        "首脳会談:しゅのうかいだん:term",
        "鉱物協定:こうぶつきょうてい:term",
    }  # fmt: skip


def test_personal_list_path_follows_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YOMU_DATA_DIR", str(tmp_path))
    assert personal_list_path() == tmp_path / "known.txt"
    monkeypatch.delenv("YOMU_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert personal_list_path() == tmp_path / "xdg" / "yomu" / "known.txt"


# --- the seeds ---------------------------------------------------------------------------


@pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")
def test_seeds_at_n1_mark_almost_only_terms_and_names() -> None:
    docs = [Annotator(Options(learner=Learner(level="N1"))).annotate_file(str(p)) for p in seed_paths()]
    new = [e.item for e in merge_documents(docs) if not e.item.known]
    domain = [i for i in new if i.source in ("glossary", "jmnedict", "composed") or i.kind != "word"]
    assert len(domain) / len(new) >= 0.95, [i.text for i in new if i not in domain]
    # Every JMdict word still marked at N1 has a kanji outside the jōyō list.
    dictionary = JMdict()
    for item in new:
        if item.source == "jmdict":
            kanji = dictionary.kanji(item.text)
            assert any(kanji_level(kanji.get(ch)) is None for ch in item.text if not ch.isascii()), item.text


@pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")
def test_seeds_without_settings_read_every_content_word() -> None:
    annotator = Annotator()
    for path in seed_paths():
        doc = annotator.annotate_file(str(path))
        assert all(not i.known for i in doc.vocabulary())
        for token in doc.tokens():
            if token.item is not None:
                assert token.reading, (path.name, token.surface)


def test_index_counts_new_words_for_a_learner() -> None:
    from yomu.renderers.html import render_index

    page = render_index([("a.html", annotate_for(Learner(level="N3")))])
    assert "4 new words, 3 terms and names, you know 56% of the running words · a.html" in page
    assert "9 words, 3 terms and names · a.html" in render_index([("a.html", annotate_for(Learner()))])
