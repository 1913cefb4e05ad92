"""Streaming output: the same bytes as rendering the whole document, in bounded memory."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from yomu import api
from yomu.errors import InputError, OutputError
from yomu.outputs import atomic_writer
from yomu.pipeline import Annotator, Options
from yomu.renderers.json import document_dict, render_json, render_json_many, write_json_stream
from yomu.source import read_input

from .conftest import EXAMPLES

# ボンド is first glue (a word), then a name before 氏: with one block per group, the first
# group is glossed before the name is seen and has to be made again.
GLUE_THEN_NAME = "ボンドで貼った。\n\nボンド氏が来た。\n"


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def _reference(doc: object) -> str:
    # What render_json was before it was built piece by piece.
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _streamed(annotator: Annotator, text: str, group_chars: int, fmt: str = "auto") -> bytes:
    out = io.BytesIO()
    write_json_stream(annotator.annotate_in_groups(text, format=fmt, group_chars=group_chars), out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["summit.txt", "summit.html"])
def test_render_json_is_json_dumps_of_document_dict(annotator: Annotator, name: str) -> None:
    doc = annotator.annotate_file(str(EXAMPLES / name))
    assert render_json(doc) == _reference(document_dict(doc))
    assert render_json_many([doc, doc]) == _reference([document_dict(doc), document_dict(doc)])


def test_render_json_of_seeds(annotator: Annotator, seeds: list[Path]) -> None:
    for path in seeds:
        doc = annotator.annotate_file(str(path))
        assert render_json(doc) == _reference(document_dict(doc)), path.name


@pytest.mark.parametrize("group_chars", [1, 200, 1_000_000])
@pytest.mark.parametrize("name", ["summit.txt", "summit.html"])
def test_streamed_json_is_byte_identical(annotator: Annotator, name: str, group_chars: int) -> None:
    given = read_input(str(EXAMPLES / name))
    whole = render_json(annotator.annotate(given.text, format=given.format)).encode("utf-8")
    assert _streamed(annotator, given.text, group_chars, given.format) == whole


def test_streamed_json_of_all_seeds_as_one_article(annotator: Annotator, seeds: list[Path]) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
    whole = render_json(annotator.annotate(text)).encode("utf-8")
    assert _streamed(annotator, text, 2_000) == whole


def test_streamed_without_vocabulary() -> None:
    plain = Annotator(Options(vocabulary=False))
    text = (EXAMPLES / "summit.txt").read_text(encoding="utf-8")
    assert _streamed(plain, text, 1) == render_json(plain.annotate(text)).encode("utf-8")


def test_a_name_found_late_makes_the_groups_again(annotator: Annotator) -> None:
    doc = annotator.annotate_in_groups(GLUE_THEN_NAME, group_chars=1)
    first = [b for group in doc.groups() for b in group]
    assert not doc.complete()
    second = [b for group in doc.groups() for b in group]
    assert doc.complete()
    assert first[0].sentences[0].tokens[0].item == "ボンド:ぼんど"
    assert second[0].sentences[0].tokens[0].item == "ボンド:ぼんど:person"
    whole = render_json(annotator.annotate(GLUE_THEN_NAME)).encode("utf-8")
    assert _streamed(annotator, GLUE_THEN_NAME, 1) == whole


# 前線 comes first, the war vocabulary that makes it "front line" only later; 小谷 alone
# comes after the full name, which is in the text from the start.
FRONT_THEN_WAR = (
    "前線の動きが注目される。\n\n明海大学の小谷哲男教授が語った。\n\n"
    "ロシア軍は攻勢を強めた。和平案と安全保障をめぐる停戦交渉は続く。\n\n小谷氏は慎重だ。\n"
)


def test_a_domain_found_late_makes_the_groups_again(annotator: Annotator) -> None:
    doc = annotator.annotate_in_groups(FRONT_THEN_WAR, group_chars=1)
    first = [b for group in doc.groups() for b in group]
    assert not doc.complete()
    second = [b for group in doc.groups() for b in group]
    assert doc.complete()
    front = next(t for t in second[0].sentences[0].tokens if t.surface == "前線")
    assert front.gloss is not None and front.gloss[0] == "front line"
    assert [t.gloss for t in first[0].sentences[0].tokens if t.surface == "前線"] != [front.gloss]
    kotani = next(t for b in second for s in b.sentences for t in s.tokens if t.surface == "小谷")
    assert (kotani.reading, kotani.gloss) == ("こたに", ("Kotani",))
    whole = render_json(annotator.annotate(FRONT_THEN_WAR)).encode("utf-8")
    assert _streamed(annotator, FRONT_THEN_WAR, 1) == whole


def test_streamed_items_have_levels_and_learner_marks() -> None:
    from yomu.learner import Learner

    learner = Annotator(Options(learner=Learner(level="N3")))
    text = (EXAMPLES / "summit.txt").read_text(encoding="utf-8")
    whole = render_json(learner.annotate(text)).encode("utf-8")
    assert _streamed(learner, text, 300) == whole
    assert b'"known":true' in whole and b'"coverage":{' in whole


def test_write_document_streams_the_same_bytes(annotator: Annotator, tmp_path: Path) -> None:
    source = str(EXAMPLES / "summit.txt")
    api.write_document(annotator, source, tmp_path / "whole.json", "json", stream=False)
    doc = api.write_document(annotator, source, tmp_path / "streamed.json", "json", stream=True)
    assert (tmp_path / "streamed.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
    assert doc.blocks == ()
    assert [i.id for i in doc.items] == [
        i["id"] for i in json.loads((tmp_path / "whole.json").read_text(encoding="utf-8"))["vocabulary"]
    ]


def test_atomic_writer_keeps_the_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match=r"^half way$"), atomic_writer(target) as out:
        out.write(b"new, but not all of it")
        raise RuntimeError("half way")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    with atomic_writer(target) as out:
        out.write(b"new")
    assert target.read_bytes() == b"new"


def test_atomic_writer_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("本。", encoding="utf-8")
    refused = r"a\.txt: is also an input; choose another output path$"
    with pytest.raises(OutputError, match=refused), atomic_writer(article, inputs=[str(article)]):
        pass


def test_several_inputs_are_written_as_made_and_equal_one_by_one(tmp_path: Path) -> None:
    inputs = [str(EXAMPLES / "summit.txt"), str(EXAMPLES / "summit.html")]
    result = api.annotate_files(inputs, fmt="json", output=tmp_path / "out", jobs=2)
    assert [p.name for p in result.written] == ["summit.json", "summit-2.json"]
    annotator = Annotator()
    for path, given in zip(result.written, inputs, strict=True):
        assert path.read_text(encoding="utf-8") == render_json(annotator.annotate_file(given))
    assert [d.title for d in result.documents] == [annotator.annotate_file(i).title for i in inputs]


def test_a_bad_input_among_several_leaves_no_output(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InputError, match=r"empty\.txt: is empty; give a file with article text$"):
        api.annotate_files([str(EXAMPLES / "summit.txt"), str(empty)], fmt="html", output=out)
    assert not out.exists()
    out.mkdir()
    with pytest.raises(InputError):
        api.annotate_files([str(EXAMPLES / "summit.txt"), str(empty)], fmt="json", output=out)
    assert list(out.iterdir()) == []


def test_articles_do_not_depend_on_what_the_annotator_did_before(seeds: list[Path]) -> None:
    # The caches an annotator keeps between articles (words, readings, JMdict answers)
    # must never change an article's output.
    paths = [str(EXAMPLES / "summit.txt"), *map(str, seeds)]
    fresh = {p: render_json(Annotator().annotate_file(p)) for p in paths}
    shared = Annotator()
    for p in [*reversed(paths), *paths]:
        assert render_json(shared.annotate_file(p)) == fresh[p], p


def test_gc_pauses_nest_and_restore() -> None:
    import gc

    from yomu._fast import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()
