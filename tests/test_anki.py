"""Anki decks, checked by the real Anki: build with genanki, import with the ``anki`` package.

Nothing is mocked: each test writes an .apkg, imports it into a fresh collection and
looks at the notes, cards and rendered HTML Anki itself produces.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportCsvRequest

from yomu.decks import make_deck, write_deck
from yomu.errors import YomuError
from yomu.learner import LearnerSettings
from yomu.learner.corpus import first_occurrences
from yomu.learner.levels import importance
from yomu.learner.ranking import is_name
from yomu.model import Block, Document, FuriganaSegment, Sense, Sentence, Token, VocabItem
from yomu.pipeline import Annotator
from yomu.renderers.anki import (
    DIGEST_PREFIX,
    MODEL_FIELDS,
    VOCAB_MODEL_ID,
    ExistingNote,
    build_notes,
    carry_edits,
    cloze_hint_for,
    deck_id_for,
    edited_fields,
    note_guid,
    render_anki_tsv,
    render_apkg,
    sentence_rank,
    word_reading,
)

REPO = Path(__file__).resolve().parents[1]
SUMMIT = REPO / "examples" / "summit.txt"
SEEDS = REPO.parent / "shared" / "seeds"

# A second article of our own: shares 首脳会談 and 協力 with summit.txt, has a glossary
# term (安全の保証) and markup that must stay text.
SMALL_TEXT = """\
安全の保証をめぐる首脳会談
両国は首脳会談で安全の保証について協力を確認した。
記事には<script>alert(1)</script>という文字列が含まれていた。
"""

T1 = 1_700_000_000.0
T2 = T1 + 3600


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "Small Note.txt"
    path.write_text(SMALL_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def summit(annotator: Annotator) -> Document:
    return annotator.annotate_file(str(SUMMIT))


@pytest.fixture(scope="module")
def small(annotator: Annotator, small_file: Path) -> Document:
    return annotator.annotate_file(str(small_file))


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "c.anki2"))
    yield collection
    collection.close()


def import_apkg(col: Collection, path: Path) -> None:
    # Default options: update notes only when the incoming note is newer (IF_NEWER).
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    )


def notes_by_key(col: Collection) -> dict[str, dict[str, str]]:
    result = {}
    for nid in col.find_notes('"note:yomu vocabulary"'):
        note = col.get_note(nid)
        result[note["Key"]] = {**dict(note.items()), "_tags": " ".join(note.tags)}
    return result


def package_decks(apkg: Path) -> dict[int, str]:
    """Deck id → name as written in the package (Anki renumbers decks on import)."""
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.anki2"
        db.write_bytes(data)
        connection = sqlite3.connect(db)
        try:
            (decks,) = connection.execute("SELECT decks FROM col").fetchone()
        finally:
            connection.close()
    return {int(k): v["name"] for k, v in json.loads(decks).items()}


def keys(*docs: Document) -> set[str]:
    return {f"{i.text}:{i.reading}" for d in docs for i in d.vocabulary()}


# --- pure functions ----------------------------------------------------------------------


def test_word_reading_space_rule() -> None:
    assert word_reading("安全の保証", "あんぜんのほしょう") == "安全[あんぜん]の 保証[ほしょう]"
    assert word_reading("話し合う", "はなしあう") == "話[はな]し 合[あ]う"
    assert word_reading("首脳会談", "しゅのうかいだん") == "首脳会談[しゅのうかいだん]"
    assert word_reading("ニュース", "にゅーす") == "ニュース"  # kana only: no brackets at all
    assert "[]" not in word_reading("お茶", "おちゃ")


def test_sentence_furigana_follows_the_item_reading() -> None:
    # Tokens read 日本 as にっぽん but the item (say, from a glossary) reads にほん: the card
    # must not show two readings for one word.
    tokens = (
        Token("日本", 0, 2, "にっぽん", (FuriganaSegment("日本", "にっぽん"),), "日本", ("名詞",), item="i"),
        Token("は", 2, 3, "は", (FuriganaSegment("は", None),), "は", ("助詞",)),
        Token("島国", 3, 5, "しまぐに", (FuriganaSegment("島国", "しまぐに"),), "島国", ("名詞",)),
    )
    item = VocabItem("i", "日本", "にほん", (Sense(("Japan",)),), 0, "glossary", "place", 1, "日本は島国")
    doc = Document((Block("paragraph", (Sentence("日本は島国", tokens),)),), (item,), source="x.txt")
    (note,) = build_notes([doc], cloze=True)
    assert note.fields["WordReading"] == "日本[にほん]"
    assert note.fields["SentenceFurigana"] == "<b> 日本[にほん]</b>は 島国[しまぐに]"
    assert note.cloze == "{{c1:: 日本[にほん]::にほん}}は 島国[しまぐに]"  # the hint: its reading
    assert note.tags == ("yomu", "place", "name", "x")  # a name: tagged so, tag:name finds them all


def test_identity_is_stable(summit: Document, small: Document) -> None:
    first = build_notes([summit, small])
    again = build_notes([summit, small])
    assert [n.guid for n in first] == [n.guid for n in again]
    assert deck_id_for("yomu") == deck_id_for("yomu") != deck_id_for("news")
    assert 1 << 30 <= deck_id_for("yomu") < 1 << 52
    # GUIDs depend on text and reading only, not on the fields that merging changes.
    only_summit = {n.fields["Key"]: n.guid for n in build_notes([summit])}
    for note in first:
        assert note.guid == genanki.guid_for(note.text, note.reading)
        if note.fields["Key"] in only_summit:
            assert only_summit[note.fields["Key"]] == note.guid
    # Same notes and timestamp: the same bytes.
    assert render_apkg(first, "yomu", timestamp=T1) == render_apkg(again, "yomu", timestamp=T1)
    # 橋 and 箸 read はし; their notes must not collide.
    assert note_guid("橋", "はし") != note_guid("箸", "はし")


def test_merge_sums_counts_and_collects_sources(summit: Document, small: Document) -> None:
    notes = {n.fields["Key"]: n for n in build_notes([summit, small])}
    assert set(notes) == keys(summit, small)
    shared = notes["首脳会談:しゅのうかいだん"]
    assert "summit.txt" in shared.fields["Source"] and "Small Note.txt" in shared.fields["Source"]
    assert shared.tags == ("yomu", "diplomacy_security", "term", "summit", "small-note")
    assert shared.fields["MoreSentences"].count("<b>") == 1  # small's sentence, summit's is first


def test_max_items_keeps_the_most_important(summit: Document) -> None:
    ranked = build_notes([summit], max_items=5)
    words = {f"{i.text}:{i.reading}": importance(i) for i in summit.vocabulary() if not is_name(i)}
    names = {f"{i.text}:{i.reading}": importance(i) for i in summit.vocabulary() if is_name(i)}
    assert sorted(names) == ["北欧:ほくおう", "日本:にほん", "東京:とうきょう"]
    # Occurrences × rarity, most important first: the 5 best words, then the names
    # (up to 5 of them too), ranked apart so they push no word out.
    assert [words[n.fields["Key"]] for n in ranked[:5]] == sorted(words.values(), reverse=True)[:5]
    assert [names[n.fields["Key"]] for n in ranked[5:]] == sorted(names.values(), reverse=True)


def test_tsv_has_anki_headers_and_one_row_per_note(summit: Document) -> None:
    notes = build_notes([summit])
    lines = render_anki_tsv(notes, "news").splitlines()
    assert "#guid column:1" in lines and "#deck:news" in lines and "#html:true" in lines
    rows = [line for line in lines if not line.startswith("#")]
    assert len(rows) == len(notes)
    assert all(len(row.split("\t")) == len(MODEL_FIELDS) + 2 for row in rows)


# --- through Anki --------------------------------------------------------------------------


def test_anki_imports_summit(summit: Document, col: Collection, tmp_path: Path) -> None:
    summary = write_deck([summit], tmp_path / "news.apkg", deck_name="News", timestamp=T1)
    import_apkg(col, tmp_path / "news.apkg")

    notes = notes_by_key(col)
    assert len(notes) == summary.notes == len(keys(summit))
    assert col.card_count() == summary.notes  # recognition cards only by default
    assert col.decks.id_for_name("News")  # Anki matches decks by name and may renumber them
    assert package_decks(tmp_path / "news.apkg")[deck_id_for("News")] == "News"

    term = notes["首脳会談:しゅのうかいだん"]
    assert term["Word"] == "首脳会談"
    # From the tokens of its first occurrence: ruby per word, a space before each run.
    assert term["WordReading"] == "首脳[しゅのう] 会談[かいだん]"
    assert term["Kind"] == "term"
    assert term["Frequency"] == ""
    assert term["Source"] == (
        "北欧3か国と日本、海洋安全保障で協力強化へ\u3000首脳会談で共同声明 (summit.txt)"
    )
    assert "<b>首脳会談</b>" in term["Sentence"]
    assert "<b> 首脳[しゅのう] 会談[かいだん]</b>" in term["SentenceFurigana"]
    # Besides the learner's tags, one digest of what yomu wrote (test_learner_edits_…).
    tags = term["_tags"].split()
    assert {t for t in tags if not t.startswith(DIGEST_PREFIX)} == {
        "yomu",
        "diplomacy_security",
        "term",
        "summit",
    }
    assert len([t for t in tags if t.startswith(DIGEST_PREFIX)]) == 1

    card = col.get_note(col.find_notes('"Key:首脳会談:しゅのうかいだん"')[0]).cards()[0]
    assert "首脳会談" in card.question() and "<ruby>" not in card.question().split("</style>")[-1]
    answer = card.answer()
    assert "<ruby><rb>首脳</rb><rt>しゅのう</rt></ruby><ruby><rb>会談</rb><rt>かいだん</rt></ruby>" in answer
    assert "[" not in answer.split("</style>")[-1]  # every bracket became ruby


def test_script_stays_text_and_glossary_term_has_furigana(
    small: Document, col: Collection, tmp_path: Path
) -> None:
    write_deck([small], tmp_path / "small.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "small.apkg")
    notes = notes_by_key(col)

    term = notes["安全の保証:あんぜんのほしょう"]
    assert term["WordReading"] == "安全[あんぜん]の 保証[ほしょう]"
    assert "<b> 安全[あんぜん]の 保証[ほしょう]</b>" in term["SentenceFurigana"]
    assert "<script>" not in term["Source"]  # the title is the first line; checked below too

    for note in notes.values():
        for value in note.values():
            assert "<script" not in value
    with_script = [n for n in notes.values() if "script" in n["Sentence"]]
    assert with_script, "an item of the <script> sentence should carry it as example"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in with_script[0]["Sentence"]
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        assert "<script>" not in card.question() + card.answer()

    nid = col.find_notes('"Key:安全の保証:あんぜんのほしょう"')[0]
    answer = col.get_note(nid).cards()[0].answer()
    ruby = "<ruby><rb>安全</rb><rt>あんぜん</rt></ruby>の<ruby><rb>保証</rb><rt>ほしょう</rt></ruby>"
    assert ruby in answer


def test_reimport_updates_instead_of_duplicating(
    summit: Document, small: Document, col: Collection, tmp_path: Path
) -> None:
    write_deck([summit], tmp_path / "one.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "one.apkg")
    assert len(notes_by_key(col)) == len(keys(summit))

    write_deck([summit, small], tmp_path / "two.apkg", timestamp=T2)
    import_apkg(col, tmp_path / "two.apkg")
    notes = notes_by_key(col)
    assert len(notes) == len(keys(summit, small))  # shared items were updated, not added
    assert len(col.find_notes("")) == len(notes)
    shared = notes["首脳会談:しゅのうかいだん"]
    assert "(summit.txt)<br>" in shared["Source"] and "(Small Note.txt)" in shared["Source"]
    assert "small-note" in shared["_tags"].split()
    assert col.card_count() == len(notes)

    # An older build changes nothing: Anki keeps the newer note it has.
    write_deck([summit], tmp_path / "old.apkg", timestamp=T1 + 1)
    import_apkg(col, tmp_path / "old.apkg")
    assert notes_by_key(col)["首脳会談:しゅのうかいだん"]["Source"] == shared["Source"]


def test_tsv_text_import_updates_the_apkg_notes(
    summit: Document, small: Document, col: Collection, tmp_path: Path
) -> None:
    # The TSV needs the note type, which the first .apkg import brings.
    write_deck([summit], tmp_path / "one.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "one.apkg")
    tsv = tmp_path / "both.tsv"
    tsv.write_text(render_anki_tsv(build_notes([summit, small]), "yomu"), encoding="utf-8")
    col.import_csv(ImportCsvRequest(path=str(tsv), metadata=col.get_csv_metadata(str(tsv), None)))
    notes = notes_by_key(col)
    assert len(notes) == len(keys(summit, small))
    assert "(Small Note.txt)" in notes["首脳会談:しゅのうかいだん"]["Source"]


def test_production_and_cloze_cards(small: Document, col: Collection, tmp_path: Path) -> None:
    summary = write_deck([small], tmp_path / "all.apkg", production=True, cloze=True, timestamp=T1)
    import_apkg(col, tmp_path / "all.apkg")
    assert summary.cloze_notes == summary.notes
    cloze_ids = col.find_notes('"note:yomu sentence cloze"')
    assert len(cloze_ids) == summary.notes
    assert col.card_count() == 3 * summary.notes  # recognition + production + one cloze each

    nid = col.find_notes('"note:yomu sentence cloze" "Key:安全の保証:あんぜんのほしょう"')[0]
    note = col.get_note(nid)
    assert "{{c1:: 安全[あんぜん]の 保証[ほしょう]::あんぜんのほしょう}}" in note["Text"]
    card = note.cards()[0]
    question = card.question().split("</style>")[-1]
    # The hidden word shows its reading as a hint, never a bare [...] (Anki keeps the
    # answer in a data-cloze attribute, not in the text the learner sees).
    visible = re.sub(r"<[^>]*>", "", question)
    assert "[あんぜんのほしょう]" in visible and "[...]" not in visible and "安全" not in visible
    assert "<ruby><rb>首脳</rb><rt>しゅのう</rt></ruby>" in question
    assert "<ruby><rb>安全</rb><rt>あんぜん</rt></ruby>" in card.answer()

    production = [c for c in col.find_cards('"card:Production"')]
    assert len(production) == summary.notes


def test_cli_writes_a_deck_anki_imports(small_file: Path, col: Collection, tmp_path: Path) -> None:
    out = tmp_path / "out.apkg"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "yomu", "deck", str(SUMMIT), str(small_file), "-o", str(out)]
    run = subprocess.run(
        [*command, "--max", "10", "--cloze", "--deck-name", "News::JP"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    # --max counts words; the names (北欧, 日本, 東京) are ranked apart, beside them.
    assert "13 notes from 2 article(s); 3 of people and places" in run.stderr
    import_apkg(col, out)
    assert len(col.find_notes('"note:yomu vocabulary"')) == 13
    assert len(col.find_notes('"note:yomu sentence cloze"')) == 13
    assert len(col.find_notes('"note:yomu vocabulary" tag:name')) == 3
    assert col.decks.id_for_name("News::JP")
    assert package_decks(out)[deck_id_for("News::JP")] == "News::JP"

    tsv = tmp_path / "out.tsv"
    run = subprocess.run(
        [sys.executable, "-m", "yomu", "deck", str(SUMMIT), "-o", str(tsv), "--format", "tsv"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert tsv.read_text(encoding="utf-8").startswith("#separator:tab\n")

    bad = subprocess.run(
        [sys.executable, "-m", "yomu", "deck", str(SUMMIT), "-o", str(SUMMIT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and bad.stderr.startswith("yomu: ")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed articles are not here")
def test_seed_articles_make_one_deck(col: Collection, tmp_path: Path) -> None:
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    summary = make_deck(seeds, tmp_path / "seeds.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "seeds.apkg")
    notes = notes_by_key(col)
    assert len(notes) == summary.notes == len(col.find_notes(""))
    # Every field comes back from Anki as yomu wrote it (NFC, HTML): nothing reads as edited.
    again = make_deck(seeds, tmp_path / "again.apkg", timestamp=T2, collection=collection_file(col))
    assert (again.kept_notes, again.kept_fields) == (0, 0)
    for key, note in notes.items():
        assert "[]" not in note["WordReading"] and "[]" not in note["SentenceFurigana"], key
        assert note["Sentence"].count("<b>") == 1, key
    expected = {
        "和平案:わへいあん": ("和平[わへい] 案[あん]", "peace plan; peace proposal"),
        "安全の保証:あんぜんのほしょう": (
            "安全[あんぜん]の 保証[ほしょう]",
            "security guarantees; guarantee of security",
        ),
        "鉱物協定:こうぶつきょうてい": (
            "鉱物[こうぶつ] 協定[きょうてい]",
            "minerals agreement; minerals deal",
        ),
    }
    for key, (reading, gloss) in expected.items():
        assert (notes[key]["WordReading"], notes[key]["PrimaryDefinition"]) == (reading, gloss), key
        assert "diplomacy_security" in notes[key]["_tags"].split() or "economy_trade" in notes[key]["_tags"]


def test_learner_deck_has_only_new_words_with_frequency(
    summit: Document, col: Collection, tmp_path: Path
) -> None:
    article = tmp_path / "summit.txt"
    article.write_text(SUMMIT.read_text(encoding="utf-8"), encoding="utf-8")
    everything = make_deck([str(article)], tmp_path / "all.apkg", timestamp=T1)
    summary = make_deck(
        [str(article)], tmp_path / "n2.apkg", timestamp=T1, learner=LearnerSettings(level="N2")
    )
    import_apkg(col, tmp_path / "n2.apkg")
    notes = notes_by_key(col)
    assert len(notes) == summary.notes < everything.notes
    assert "日本:にほん" not in notes and "首脳会談:しゅのうかいだん" in notes
    assert notes["監視:かんし"]["Frequency"] == "1000"  # nf02, N1 by its kanji: still new at N2


# --- a learner's edits survive a rebuild -----------------------------------------------------


def edit(col: Collection, key: str, note_type: str = "yomu vocabulary", **values: str) -> None:
    """What a learner does in Anki's editor: change fields, add a tag of their own."""
    note = col.get_note(col.find_notes(f'"note:{note_type}" "Key:{key}"')[0])
    for name, value in values.items():
        note[name] = value
    note.tags.append("mine")
    col.update_note(note)


def after_edits(seconds: int = 0) -> float:
    # An edit stamps the note with the present time, and Anki updates a note only from a
    # newer one: a rebuild after editing is stamped later (as yomu's default, now, is).
    return float(int(time.time()) + 10 + seconds)


def collection_file(col: Collection) -> Path:
    # The learner's collection as yomu reads it: a file, Anki possibly still holding it.
    return Path(col.path)


def test_learner_edits_survive_a_rebuild(
    summit: Document, small: Document, col: Collection, tmp_path: Path
) -> None:
    write_deck([summit], tmp_path / "one.apkg", cloze=True, timestamp=T1)
    import_apkg(col, tmp_path / "one.apkg")
    before = notes_by_key(col)
    vocab_count = len(before)

    # Nothing reads as edited right after an import: Anki stores what yomu wrote.
    untouched = write_deck(
        [summit], tmp_path / "same.apkg", cloze=True, timestamp=T1 + 60, collection=collection_file(col)
    )
    assert (untouched.kept_notes, untouched.kept_fields) == (0, 0)

    # The learner fixes a definition of 首脳会談 (an item small.txt shares, so yomu's
    # Source changes on the rebuild) and the cloze note's definition of 協力.
    edit(col, "首脳会談:しゅのうかいだん", PrimaryDefinition="summit talks (my note)")
    edit(col, "協力:きょうりょく", "yomu sentence cloze", PrimaryDefinition="cooperation — mine")

    summary = write_deck(
        [summit, small],
        tmp_path / "two.apkg",
        cloze=True,
        timestamp=after_edits(),
        collection=collection_file(col),
    )
    assert (summary.kept_notes, summary.kept_fields) == (2, 2)
    import_apkg(col, tmp_path / "two.apkg")

    notes = notes_by_key(col)
    assert len(notes) == len(keys(summit, small)) > vocab_count  # new items added
    assert len(col.find_notes("")) == 2 * len(notes)  # nothing duplicated (one cloze each)
    summit_talks = notes["首脳会談:しゅのうかいだん"]
    assert summit_talks["PrimaryDefinition"] == "summit talks (my note)"  # the edit survives
    assert "(Small Note.txt)" in summit_talks["Source"]  # its other fields still update
    assert "mine" in summit_talks["_tags"].split() and "small-note" in summit_talks["_tags"].split()
    # Every untouched note the second article shares updates (協力's vocabulary note
    # too: only its cloze note was edited, and its definition there is kept).
    shared = (keys(summit) & keys(small)) - {"首脳会談:しゅのうかいだん"}
    assert "協力:きょうりょく" in shared
    for key in shared:
        assert "(Small Note.txt)" in notes[key]["Source"] and "(Small Note.txt)" not in before[key]["Source"]
        assert notes[key]["PrimaryDefinition"] == before[key]["PrimaryDefinition"], key
    cloze = col.get_note(col.find_notes('"note:yomu sentence cloze" "Key:協力:きょうりょく"')[0])
    assert cloze["PrimaryDefinition"] == "cooperation — mine" and "(Small Note.txt)" in cloze["Source"]
    card = col.get_note(col.find_notes('"Key:首脳会談:しゅのうかいだん"')[0]).cards()[0]
    assert "summit talks (my note)" in card.answer()
    for note_id in col.find_notes(""):
        digests = [t for t in col.get_note(note_id).tags if t.startswith(DIGEST_PREFIX)]
        assert len(digests) == 1  # the old digest replaced, never piled up

    # The edit stays an edit on every later rebuild.
    again = write_deck(
        [summit, small],
        tmp_path / "three.apkg",
        cloze=True,
        timestamp=after_edits(60),
        collection=collection_file(col),
    )
    assert (again.kept_notes, again.kept_fields) == (2, 2)
    import_apkg(col, tmp_path / "three.apkg")
    assert notes_by_key(col)["首脳会談:しゅのうかいだん"]["PrimaryDefinition"] == "summit talks (my note)"
    assert len(col.find_notes("")) == 2 * len(notes)


def test_edit_detection_is_per_field_and_needs_a_digest(summit: Document) -> None:
    (note, *_) = build_notes([summit])
    (digest,) = [note.digest]
    stored = ExistingNote(dict(note.fields), (*note.tags, digest.upper()))  # Anki may re-case tags
    assert edited_fields(MODEL_FIELDS, stored) == frozenset()
    changed = ExistingNote({**note.fields, "Word": "x", "Kind": "y"}, stored.tags)
    assert edited_fields(MODEL_FIELDS, changed) == {"Word", "Kind"}
    # A note imported before digests: nothing can be told apart, yomu's values win.
    assert edited_fields(MODEL_FIELDS, ExistingNote(changed.fields, note.tags)) is None
    (carried,) = carry_edits([note], {note.guid: ExistingNote(changed.fields, note.tags)})
    assert carried.fields == note.fields and carried.kept == ()
    (carried,) = carry_edits([note], {note.guid: changed})
    assert carried.fields["Word"] == "x" and carried.kept == ("Word", "Kind")
    assert carried.digest == note.digest  # yomu's record, not the learner's text


def test_a_collection_from_before_digests_updates_then_keeps_edits(
    summit: Document, small: Document, col: Collection, tmp_path: Path
) -> None:
    # A deck as yomu wrote it before digests: same note type, no digest tag.
    old = tuple(replace(n, digest="", cloze_digest="") for n in build_notes([summit]))
    (tmp_path / "old.apkg").write_bytes(render_apkg(old, "yomu", timestamp=T1))
    import_apkg(col, tmp_path / "old.apkg")
    types = sorted(m.name for m in col.models.all_names_and_ids())
    edit(col, "首脳会談:しゅのうかいだん", PrimaryDefinition="edited before digests")

    # The first new build cannot tell that edit from yomu's text: yomu's values win
    # (docs/anki.md), the notes update in place and the note type stays the same.
    first = write_deck(
        [summit, small], tmp_path / "new.apkg", timestamp=after_edits(), collection=collection_file(col)
    )
    assert first.kept_notes == 0
    import_apkg(col, tmp_path / "new.apkg")
    assert sorted(m.name for m in col.models.all_names_and_ids()) == types
    notes = notes_by_key(col)
    assert len(notes) == len(col.find_notes("")) == len(keys(summit, small))
    assert notes["首脳会談:しゅのうかいだん"]["PrimaryDefinition"] != "edited before digests"
    assert "mine" in notes["首脳会談:しゅのうかいだん"]["_tags"].split()

    # From then on an edit is kept.
    edit(col, "首脳会談:しゅのうかいだん", PrimaryDefinition="edited after")
    write_deck(
        [summit, small], tmp_path / "newer.apkg", timestamp=after_edits(60), collection=collection_file(col)
    )
    import_apkg(col, tmp_path / "newer.apkg")
    assert notes_by_key(col)["首脳会談:しゅのうかいだん"]["PrimaryDefinition"] == "edited after"
    assert len(col.find_notes("")) == len(keys(summit, small))


def test_cli_collection_keeps_edits_and_reports_bad_collections(
    small_file: Path, col: Collection, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def deck(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "yomu", "deck", str(small_file), "--no-known-list", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    first = deck("-o", str(tmp_path / "one.apkg"))
    assert first.returncode == 0, first.stderr
    import_apkg(col, tmp_path / "one.apkg")
    edit(col, "首脳会談:しゅのうかいだん", PrimaryDefinition="my words")
    # The collection is still open in this process, as it would be in Anki.
    run = deck("-o", str(tmp_path / "two.apkg"), "--collection", str(collection_file(col)))
    assert run.returncode == 0, run.stderr
    assert "; kept your edits to 1 field(s) of 1 note(s)" in run.stderr
    import_apkg(col, tmp_path / "two.apkg")
    assert notes_by_key(col)["首脳会談:しゅのうかいだん"]["PrimaryDefinition"] == "my words"

    corrupt = tmp_path / "corrupt.anki2"
    corrupt.write_bytes(b"SQLite format 3\x00 but not really")
    for path, message in (
        (tmp_path / "missing.anki2", "no such Anki collection"),
        (corrupt, "is not an Anki collection"),
    ):
        bad = deck("-o", str(tmp_path / "bad.apkg"), "--collection", str(path))
        assert bad.returncode == 1, bad.stderr
        assert bad.stderr.startswith(f"yomu: {path}: {message}") and bad.stderr.count("\n") == 1, bad.stderr
        assert "Traceback" not in bad.stderr and not (tmp_path / "bad.apkg").exists()


def test_cloze_hint_is_the_learners_choice(small: Document, col: Collection, tmp_path: Path) -> None:
    summary = write_deck([small], tmp_path / "gloss.apkg", cloze=True, cloze_hint="gloss", timestamp=T1)
    import_apkg(col, tmp_path / "gloss.apkg")
    fronts = {}
    for note_id in col.find_notes('"note:yomu sentence cloze"'):
        note = col.get_note(note_id)
        question = note.cards()[0].question().split("</style>")[-1]
        fronts[note["Key"]] = re.sub(r"<[^>]*>", "", question)
    assert len(fronts) == summary.cloze_notes
    assert "[security guarantees; guarantee of security]" in fronts["安全の保証:あんぜんのほしょう"]
    assert not any("[...]" in front for front in fronts.values())
    with pytest.raises(YomuError, match="--cloze-hint needs --cloze"):
        write_deck([small], tmp_path / "no.apkg", cloze_hint="gloss")


def test_a_gloss_hint_cannot_end_the_cloze_early() -> None:
    tokens = (
        Token("日本", 0, 2, "にほん", (FuriganaSegment("日本", "にほん"),), "日本", ("名詞",), item="i"),
    )
    item = VocabItem(
        "i", "日本", "にほん", (Sense(("a::b}} {{c2::x}} [c]",)),), 0, "jmdict", "place", 1, "日本"
    )
    doc = Document((Block("paragraph", (Sentence("日本", tokens),)),), (item,), source="x.txt")
    (note,) = build_notes([doc], cloze=True, cloze_hint="gloss")
    assert note.cloze is not None
    assert note.cloze.count("::") == 2 and note.cloze.count("}}") == 1 and "{{c2" not in note.cloze
    assert note.cloze.endswith(
        "::a&#58;&#58;b&#125;&#125; &#123;&#123;c2&#58;&#58;x&#125;&#125; &#91;c&#93;}}"
    )


def test_a_reading_that_spells_the_word_is_no_hint() -> None:
    # について read について (and ニュース read にゅーす) would give the answer away.
    sense = (Sense(("about", "concerning")),)
    kana = VocabItem("k", "について", "について", sense, 0, "jmdict", "word", 1, "")
    news = VocabItem("n", "ニュース", "にゅーす", (Sense(("news",)),), 0, "jmdict", "word", 1, "")
    name = VocabItem("p", "スターマー", "すたーまー", (), 0, "jmnedict", "person", 1, "")
    assert cloze_hint_for(kana, "reading") == "about; concerning"
    assert cloze_hint_for(news, "reading") == "news"
    assert cloze_hint_for(name, "reading") == "person"


def test_the_configs_collection_serves_and_tsv_carries_edits_too(
    small_file: Path, col: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_deck([str(small_file)], tmp_path / "one.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "one.apkg")
    edit(col, "首脳会談:しゅのうかいだん", PrimaryDefinition="from the config's collection")
    config = tmp_path / "config.toml"
    config.write_text(f"known_anki = {json.dumps(str(collection_file(col)))}\n", encoding="utf-8")
    monkeypatch.setenv("YOMU_CONFIG", str(config))

    # known_anki in the config file is the learner's collection: no --collection needed.
    summary = make_deck([str(small_file)], tmp_path / "two.tsv", learner=LearnerSettings())
    assert (summary.kept_notes, summary.kept_fields) == (1, 1)
    tsv = tmp_path / "two.tsv"
    col.import_csv(ImportCsvRequest(path=str(tsv), metadata=col.get_csv_metadata(str(tsv), None)))
    notes = notes_by_key(col)
    assert notes["首脳会談:しゅのうかいだん"]["PrimaryDefinition"] == "from the config's collection"
    assert "mine" in notes["首脳会談:しゅのうかいだん"]["_tags"].split()
    assert len(col.find_notes("")) == len(notes)
    # A library call without learner settings is explicit: no collection, yomu's values.
    plain = make_deck([str(small_file)], tmp_path / "three.apkg")
    assert plain.kept_notes == 0


def test_why_the_digest_is_a_tag_anki_skips_notes_of_a_changed_note_type(
    small: Document, col: Collection, tmp_path: Path
) -> None:
    # A hidden field was the first idea. Anki's default import of a package whose note
    # type has yomu's id but one more field adds a second note type and updates nothing.
    write_deck([small], tmp_path / "one.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "one.apkg")
    fields = [*MODEL_FIELDS, "YomuDigest"]
    template = {"name": "Recognition", "qfmt": "{{Word}}", "afmt": "{{Key}}"}
    model = genanki.Model(
        VOCAB_MODEL_ID, "yomu vocabulary", fields=[{"name": f} for f in fields], templates=[template]
    )
    deck = genanki.Deck(deck_id_for("yomu"), "yomu")
    for note in build_notes([small]):
        values = [note.fields[f] for f in MODEL_FIELDS]
        deck.add_note(genanki.Note(model=model, fields=[*values, "digest"], guid=note.guid))
    genanki.Package(deck).write_to_file(str(tmp_path / "field.apkg"), timestamp=T2)
    result = col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(tmp_path / "field.apkg"), options=ImportAnkiPackageOptions()
        )
    )
    assert len(result.log.conflicting) == len(build_notes([small])) and not result.log.updated
    assert "yomu vocabulary+" in {m.name for m in col.models.all_names_and_ids()}


# --- the card's sentence -------------------------------------------------------------------

TIMELINE = """\
2025年2月28日
↓
鉱物資源協定の交渉 → 条件の対立が浮き彫りに
↓
両国は鉱物資源協定の交渉で条件の対立が浮き彫りになったと説明した。
"""


def test_the_example_is_a_whole_sentence_not_a_timeline_line(annotator: Annotator, tmp_path: Path) -> None:
    path = tmp_path / "timeline.txt"
    path.write_text(TIMELINE, encoding="utf-8")
    doc = annotator.annotate_file(str(path))
    whole = "両国は鉱物資源協定の交渉で条件の対立が浮き彫りになったと説明した。"
    # Most words appear first in the timeline line: the first occurrence is no example.
    firsts = first_occurrences(doc)
    assert sum(1 for o in firsts.values() if "→" in o.sentence.text) >= 4
    notes = build_notes([doc], cloze=True)
    assert {n.text for n in notes} >= {"対立", "浮き彫り", "交渉", "条件", "鉱物資源協定"}
    for note in notes:
        assert note.fields["Sentence"].replace("<b>", "").replace("</b>", "") == whole, note.fields["Key"]
        assert "→" not in (note.cloze or "")
    assert sentence_rank("paragraph", whole) == 0
    assert sentence_rank("heading", "条件の対立が浮き彫りに") == 3
    assert sentence_rank("paragraph", "鉱物資源協定の交渉 → 条件の対立が浮き彫りに。") == 2


def test_a_later_articles_sentence_beats_a_heading(annotator: Annotator, tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("2025年2月28日\n↓\n鉱物資源協定の交渉 → 条件の対立が浮き彫りに\n", encoding="utf-8")
    second.write_text("両国は条件の対立を認めた。\n", encoding="utf-8")
    docs = [annotator.annotate_file(str(first)), annotator.annotate_file(str(second))]
    (note,) = [n for n in build_notes(docs) if n.text == "対立"]
    assert note.fields["Sentence"] == "両国は条件の<b>対立</b>を認めた。"
    assert "→" in note.fields["MoreSentences"]  # the timeline line is kept, as the last resort
    assert note.fields["Source"].index("first.txt") < note.fields["Source"].index("second.txt")


def test_the_back_has_a_kanji_breakdown(summit: Document, col: Collection, tmp_path: Path) -> None:
    # In ExtraDefinitions, after the senses: the note type and its fields stay as they were.
    write_deck([summit], tmp_path / "news.apkg", timestamp=T1)
    import_apkg(col, tmp_path / "news.apkg")
    term = notes_by_key(col)["首脳会談:しゅのうかいだん"]
    lines = term["ExtraDefinitions"].split("<br>")
    breakdown = [
        "首 neck; counter for songs and poems — シュ / くび (grade 2 · old JLPT 3 · 9 strokes)",
        "脳 brain; memory — ノウ、ドウ / のうずる (grade 6 · old JLPT 2 · 11 strokes)",
        "会 meeting; meet; party; association — カイ、エ / あ.う、あ.わせる、あつ.まる"
        " (grade 2 · old JLPT 4 · 6 strokes)",
        "談 discuss; talk — ダン (grade 3 · old JLPT 2 · 15 strokes)",
    ]
    start = lines.index(breakdown[0])
    assert lines[start : start + 4] == breakdown  # after the senses, before the note
    card = col.get_note(col.find_notes('"Key:首脳会談:しゅのうかいだん"')[0]).cards()[0]
    assert "首 neck; counter for songs and poems" in card.answer()
    assert "首 neck" not in card.question()
    assert [f["name"] for f in col.models.by_name("yomu vocabulary")["flds"]] == list(MODEL_FIELDS)
    # A word without kanji gets none.
    kana = [n for k, n in notes_by_key(col).items() if not re.search(r"[\u4e00-\u9fff]", k.split(":")[0])]
    assert kana and all("strokes)" not in n["ExtraDefinitions"] for n in kana)
