"""The Python API as a user meets it: yomu.annotate and annotate_file with keyword
settings, from a token to its item, the public names, and docs/api.md (generated from
the docstrings, every example in it run here)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import yomu
from yomu._apidoc import render

from .conftest import EXAMPLES, REPO

API_MD = REPO / "docs" / "api.md"


def test_api_md_is_generated_from_the_docstrings() -> None:
    assert API_MD.read_text(encoding="utf-8") == render(), "run: python -m yomu._apidoc > docs/api.md"


def test_every_example_in_api_md_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # the examples name examples/summit.txt
    # Fences become blank lines, so an example's expected output ends where its block does.
    text = re.sub(r"^```.*$", "", API_MD.read_text(encoding="utf-8"), flags=re.M)
    globs = {"yomu": yomu, **{name: getattr(yomu, name) for name in yomu.__all__}}
    test = doctest.DocTestParser().get_doctest(text, globs, "docs/api.md", str(API_MD), 0)
    assert len(test.examples) >= 10
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=lambda s: pytest.fail(s))
    assert result.failed == 0 and result.attempted == len(test.examples)


def test_learner_settings_are_keyword_arguments() -> None:
    plain = yomu.annotate("和平案が話し合われた。")
    assert not plain.for_learner and not any(item.known for item in plain.vocabulary())
    known = yomu.annotate("和平案が話し合われた。", known=["和平案"])
    assert [(i.text, i.known) for i in known.vocabulary()] == [("和平案", True), ("話し合う", False)]
    leveled = yomu.annotate("和平案が話し合われた。", level="n4")
    assert [(i.text, i.known) for i in leveled.vocabulary()] == [("和平案", False), ("話し合う", True)]
    with pytest.raises(yomu.YomuError, match="level 'N9': give one of N5, N4, N3, N2, N1"):
        yomu.annotate("停戦", level="N9")
    with pytest.raises(TypeError, match="known is a collection of words"):
        yomu.annotate("停戦", known="和平案")


def test_glossaries_as_keyword(tmp_path: Path) -> None:
    glossary = tmp_path / "g.toml"
    glossary.write_text('[[entry]]\nterm = "停戦"\nreading = "ていせん"\ngloss = "my ceasefire"\n', "utf-8")
    doc = yomu.annotate("停戦が成立した。", glossaries=[glossary])
    assert doc.item(doc.tokens()[0]).primary_glosses == ("my ceasefire",)  # type: ignore[union-attr]
    with pytest.raises(TypeError, match=r"glossaries is a list of glossary files; give \[path\]"):
        yomu.annotate("停戦", glossaries=glossary)  # type: ignore[arg-type]


def test_annotate_file_takes_a_path_or_a_string(tmp_path: Path) -> None:
    from_path = yomu.annotate_file(EXAMPLES / "summit.txt", vocabulary=False)
    from_str = yomu.annotate_file(str(EXAMPLES / "summit.txt"), vocabulary=False)
    assert from_path == from_str
    assert from_path.source == str(EXAMPLES / "summit.txt")
    assert from_path.title.startswith("北欧3か国と日本")
    with pytest.raises(yomu.InputError, match="no such file"):
        yomu.annotate_file(tmp_path / "missing.txt")
    with pytest.raises(TypeError, match="annotate_file\\(\\) takes a path"):
        yomu.annotate_file(3)  # type: ignore[arg-type]


def test_a_path_handed_to_annotate_names_annotate_file() -> None:
    path = EXAMPLES / "summit.txt"
    with pytest.raises(TypeError) as raised:
        yomu.annotate(path)  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"annotate() takes the article's text, not a path; use yomu.annotate_file({str(path)!r})"
    )
    with pytest.raises(TypeError, match="not bytes; decode it first"):
        yomu.annotate("停戦".encode())  # type: ignore[arg-type]
    with pytest.raises(yomu.InputError) as refused:
        yomu.annotate(str(path))
    assert str(refused.value) == (
        f"{path}: is the path of a file, not article text; use yomu.annotate_file({str(path)!r})"
    )
    # Text that merely looks like a file name is text.
    assert yomu.annotate("missing.txt").tokens()


def test_from_a_token_to_its_item_and_its_senses() -> None:
    doc = yomu.annotate("米露首脳会談で和平案が話し合われた。")
    items = {item.id: item for item in doc.vocabulary()}
    for token in doc.tokens():
        item = doc.item(token)
        if token.item is None:
            assert item is None
        else:
            assert item is items[token.item]
            assert doc.item(token.item) is item
    summit = [doc.item(t) for t in doc.tokens() if t.surface in ("首脳", "会談")]
    assert summit[0] is summit[1] and summit[0] is not None and "首脳会談" in summit[0].text
    verb = next(i for i in doc.vocabulary() if i.text == "話し合う")
    assert verb.senses and all(s.glosses and isinstance(s.pos, tuple) for s in verb.senses)
    assert "v5u" in verb.senses[verb.primary].pos
    # The flat fields stay as they were.
    assert verb.glosses[: len(verb.primary_glosses)] == verb.primary_glosses


def test_public_names() -> None:
    assert "Any" not in yomu.__all__ and "TYPE_CHECKING" not in yomu.__all__
    assert sorted(yomu.__all__) == sorted(set(yomu.__all__))
    for name in yomu.__all__:
        assert getattr(yomu, name) is not None
    public = [name for name in dir(yomu) if not name.startswith("_")]
    assert public == sorted(yomu.__all__)
    assert "annotate" in dir(yomu) and "annotate_file" in dir(yomu)
    assert not hasattr(yomu, "Any") and not hasattr(yomu, "TYPE_CHECKING")
