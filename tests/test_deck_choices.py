"""`yomu deck --choices`: the meaning a learner picked on a reader page is the card's
PrimaryDefinition (issue #18). The whole loop, from Chromium to Anki, is in
tests/test_page_marks.py; here the file format, build_notes and the CLI's errors."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from anki.collection import Collection

from yomu.decks import read_choices, write_deck
from yomu.errors import InputError
from yomu.model import Document
from yomu.pipeline import Annotator
from yomu.renderers.anki import build_notes, chosen_item

from .conftest import EXAMPLES
from .test_anki import import_apkg, notes_by_key
from .test_cli import yomu


@pytest.fixture(scope="module")
def summit() -> Document:
    return Annotator().annotate_file(str(EXAMPLES / "summit.txt"))


def several_senses(doc: Document) -> tuple[str, str, str, str]:
    """(word, reading, primary meaning, another meaning) of an item with several senses."""
    item = next(i for i in doc.vocabulary() if len(i.senses) > 1)
    other = next(n for n in range(len(item.senses)) if n != item.primary)
    return item.text, item.reading, "; ".join(item.primary_glosses), "; ".join(item.senses[other].glosses)


def test_read_choices_keeps_picked_meanings_only(tmp_path: Path) -> None:
    path = tmp_path / "yomu-study.tsv"
    path.write_text(
        "word\treading\tmeaning\tpicked\n"
        "和平案\tわへいあん\tpeace plan\tno\n"
        "開く\tひらく\tto hold (a meeting)\tyes\n"
        "# a comment\n\n"
        "首脳\tしゅのう\tleaders\n",  # by hand, without the picked column
        encoding="utf-8",
    )
    assert read_choices(path) == {("開く", "ひらく"): "to hold (a meeting)", ("首脳", "しゅのう"): "leaders"}


@pytest.mark.parametrize("text", ["和平案\n", "[1, 2]\n", "\tわへいあん\tpeace plan\n"])
def test_read_choices_rejects_other_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "study.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"study.tsv:1: expected word, reading and meaning"):
        read_choices(path)


def test_a_picked_sense_becomes_the_primary(summit: Document) -> None:
    word, reading, primary, other = several_senses(summit)
    notes = {n.fields["Key"]: n for n in build_notes([summit], choices={(word, reading): other})}
    note = notes[html.escape(f"{word}:{reading}")]
    assert note.chosen
    assert note.fields["PrimaryDefinition"] == html.escape(other)
    assert html.escape(primary) in note.fields["ExtraDefinitions"]
    assert html.escape(other) not in note.fields["ExtraDefinitions"]
    # Every other note is as without choices.
    plain = {n.fields["Key"]: n for n in build_notes([summit])}
    assert all(n.fields == plain[k].fields for k, n in notes.items() if k != note.fields["Key"])
    assert sum(n.chosen for n in notes.values()) == 1


def test_own_words_lead_and_yomus_meaning_stays_on_the_back(summit: Document) -> None:
    word, reading, primary, _ = several_senses(summit)
    item = next(i for i in summit.vocabulary() if i.text == word and i.reading == reading)
    # Without a reading the choice applies to the word whatever its reading.
    assert chosen_item(item, {(word, ""): "<b>my meaning</b>"}) == (item, "<b>my meaning</b>")
    notes = {n.fields["Key"]: n for n in build_notes([summit], choices={(word, ""): "<b>my meaning</b>"})}
    note = notes[html.escape(f"{word}:{reading}")]
    assert note.fields["PrimaryDefinition"] == "&lt;b&gt;my meaning&lt;/b&gt;"
    assert note.fields["ExtraDefinitions"].startswith(html.escape(primary))


def test_write_deck_with_choices_in_anki(summit: Document, tmp_path: Path) -> None:
    word, reading, _, other = several_senses(summit)
    study = tmp_path / "yomu-study.tsv"
    study.write_text(f"word\treading\tmeaning\tpicked\n{word}\t{reading}\t{other}\tyes\n", encoding="utf-8")
    summary = write_deck([summit], tmp_path / "deck.apkg", choices=study, timestamp=1_700_000_000.0)
    assert summary.chosen_notes == 1
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_apkg(col, tmp_path / "deck.apkg")
        notes = notes_by_key(col)
    finally:
        col.close()
    assert notes[html.escape(f"{word}:{reading}")]["PrimaryDefinition"] == html.escape(other)


def test_cli_bad_choices_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "study.tsv"
    bad.write_text("just a word\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("日本と米国は首脳会談で鉱物協定について話し合った。\n", encoding="utf-8")
    for choices, message in ((bad, "study.tsv:1: expected word"), (tmp_path / "missing.tsv", "no such file")):
        run = yomu("deck", str(article), "--choices", str(choices), "-o", str(tmp_path / "d.apkg"))
        assert run.returncode == 1
        err = run.stderr.decode("utf-8")
        assert err.startswith("yomu: ") and message in err and err.count("\n") == 1, err
        assert not (tmp_path / "d.apkg").exists()
