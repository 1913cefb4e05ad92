"""Streaming output: the same bytes as rendering the whole document, in bounded memory."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from yomu import api
from yomu.errors import InputError, OutputError
from yomu.outputs import atomic_writer
from yomu.pipeline import Annotator, Options
from yomu.renderers.html import write_html_stream
from yomu.renderers.json import document_dict, render_json, render_json_many, write_json_stream
from yomu.text.source import read_input

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
    assert (kotani.reading, kotani.gloss) == ("こたに", ("Tetsuo Kotani",))
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


# --- HTML: the article rendered group by group, the brief and word marks decided at the end ---

# Lists, a table and a source footer, each long enough to be cut by a small group size; a
# word (駅) before and after them. Original text.
SECTIONS_ACROSS_GROUPS = """駅の前の広場で朝市が開かれた。
- 野菜と果物を売る店が並んだ
- 地元の学生が案内を手伝った
- 雨の日は駅の中で開く
曜日 | 時間 | 場所
土曜 | 午前7時から | 駅の前
日曜 | 午前8時から | 市役所前
来月は花の苗も売る予定だ。
参考:
市の広報（架空の例文）
"""


def _streamed_html(
    annotator: Annotator, text: str, group_chars: int, fmt: str = "auto", *, vertical: bool = False
) -> bytes:
    out = io.BytesIO()
    streamed = annotator.annotate_in_groups(text, format=fmt, group_chars=group_chars)
    with io.BytesIO() as scratch:
        learner = annotator.options.learner.active
        write_html_stream(streamed, out, scratch, for_learner=learner, vertical=vertical)
    return out.getvalue()


def _whole_html(annotator: Annotator, text: str, fmt: str = "auto", *, vertical: bool = False) -> bytes:
    return api.render([annotator.annotate(text, format=fmt)], "html", vertical=vertical).encode("utf-8")


@pytest.mark.parametrize("vertical", [False, True])
@pytest.mark.parametrize("group_chars", [1, 200, 1_000_000])
@pytest.mark.parametrize("name", ["summit.txt", "summit.html"])
def test_streamed_html_is_byte_identical(
    annotator: Annotator, name: str, group_chars: int, vertical: bool
) -> None:
    given = read_input(str(EXAMPLES / name))
    whole = _whole_html(annotator, given.text, given.format, vertical=vertical)
    assert _streamed_html(annotator, given.text, group_chars, given.format, vertical=vertical) == whole


@pytest.mark.parametrize("group_chars", [1, 20, 40])
def test_streamed_html_continues_lists_tables_and_footers_across_groups(
    annotator: Annotator, group_chars: int
) -> None:
    doc = annotator.annotate(SECTIONS_ACROSS_GROUPS)
    assert [b.kind for b in doc.blocks] == [
        "paragraph", *["list_item"] * 3, *["table_row"] * 3, "paragraph", "source"
    ]
    whole = _whole_html(annotator, SECTIONS_ACROSS_GROUPS)
    assert whole.count(b"<ul>") == whole.count(b"<table>") == whole.count(b"<footer>") == 1
    assert _streamed_html(annotator, SECTIONS_ACROSS_GROUPS, group_chars) == whole
    # The first 駅 is the anchor the brief links to; no later one has an id.
    page = whole.decode("utf-8")
    assert len(re.findall(r'<span class="w" id="w\d+" tabindex="0" data-item="駅:えき"', page)) == 1
    assert page.count('data-item="駅:えき"') == 3


def test_streamed_html_of_all_seeds_as_one_article(annotator: Annotator, seeds: list[Path]) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
    assert _streamed_html(annotator, text, 2_000) == _whole_html(annotator, text)


@pytest.mark.parametrize("text", [GLUE_THEN_NAME, FRONT_THEN_WAR])
def test_streamed_html_is_made_again_when_a_name_or_domain_is_late(annotator: Annotator, text: str) -> None:
    doc = annotator.annotate_in_groups(text, group_chars=1)
    for _ in doc.groups():
        pass
    assert not doc.complete()  # the page below needs the second round
    for vertical in (False, True):
        assert _streamed_html(annotator, text, 1, vertical=vertical) == _whole_html(
            annotator, text, vertical=vertical
        )


def test_streamed_html_leaves_known_words_unmarked() -> None:
    from yomu.learner import Learner

    learner = Annotator(Options(learner=Learner(level="N3")))
    text = (EXAMPLES / "summit.txt").read_text(encoding="utf-8")
    whole = _whole_html(learner, text)
    assert _streamed_html(learner, text, 1) == whole
    assert _streamed_html(learner, text, 300, vertical=True) == _whole_html(learner, text, vertical=True)
    doc = learner.annotate(text)
    known = next(i for i in doc.items if i.known)
    assert f'data-item="{known.id}"'.encode() not in whole
    assert b'<p class="coverage" lang="en">You know about ' in whole


def test_streamed_html_escapes_like_the_whole_page(annotator: Annotator) -> None:
    text = '「A&B」社の<b>新製品</b>が"話題"に。\n\n\'引用\'と&amp;の後、A&B社は<script>発表</script>した。\n'
    whole = _whole_html(annotator, text)
    page = whole.decode("utf-8")
    assert "は&lt;script&gt;<span" in page and "</span>&lt;/script&gt;した" in page
    assert _streamed_html(annotator, text, 1) == whole


def test_streamed_html_without_vocabulary() -> None:
    plain = Annotator(Options(vocabulary=False))
    text = (EXAMPLES / "summit.txt").read_text(encoding="utf-8")
    whole = _whole_html(plain, text)
    assert _streamed_html(plain, text, 1) == whole
    assert b'class="w' not in whole


def test_write_document_streams_the_same_html(annotator: Annotator, tmp_path: Path) -> None:
    source = str(EXAMPLES / "summit.txt")
    api.write_document(annotator, source, tmp_path / "whole.html", "html", stream=False, vertical=True)
    streamed = tmp_path / "streamed.html"
    doc = api.write_document(annotator, source, streamed, "html", stream=True, vertical=True)
    assert streamed.read_bytes() == (tmp_path / "whole.html").read_bytes()
    assert doc.blocks == ()
    assert doc.items == annotator.annotate_file(source).items
    # The scratch file for the article has no name: nothing but the two pages is left.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["streamed.html", "whole.html"]


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

    from yomu.gc_pause import gc_paused

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


def test_render_json_of_a_sentence_longer_than_the_offset_tables(annotator: Annotator) -> None:
    # json_block takes the offsets of a sentence under 4096 characters from tables.
    doc = annotator.annotate("日本の首相が話し" * 700 + "た。")
    assert max(len(s.text) for s in doc.sentences()) > 4096
    assert render_json(doc) == _reference(document_dict(doc))
