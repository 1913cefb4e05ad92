"""An article copied without its headline: the lead paragraph stays body text, the page
still has a level-one heading (hidden, for screen readers and outlines), and the
document's title is its first sentence, not the whole lead (issue #18)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_html import CHROMIUM, Opened, browser  # noqa: F401 (browser is a fixture)
from yomu.pipeline import Annotator
from yomu.renderers.html import render_html
from yomu.renderers.json import render_json

LEAD = (
    "外相会談は予定より長引いたが、共同声明の発表は見送られた。"
    "両国は来月にも協議を再開する方針で、停戦の条件が焦点になる。"
)
TEXT = LEAD + "\n\n交渉の争点\n\n停戦ラインの位置をめぐる対立が続いている。\n"


def test_a_lead_paragraph_is_no_title() -> None:
    doc = Annotator().annotate(TEXT)
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading", "paragraph"]
    assert not doc.titled
    assert doc.title == "外相会談は予定より長引いたが、共同声明の発表は見送られた。"
    assert json.loads(render_json(doc))["title"] == doc.title


def test_the_page_has_a_hidden_level_one_heading_not_the_lead() -> None:
    page = render_html(Annotator().annotate(TEXT))
    first = "外相会談は予定より長引いたが、共同声明の発表は見送られた。"
    assert page.count("<h1") == 1
    assert f'<h1 class="visually-hidden">{first}</h1>' in page
    assert f"<title>{first}</title>" in page


def test_a_titled_article_keeps_its_visible_heading() -> None:
    page = render_html(Annotator().annotate("外相会談が閉幕\n\n" + LEAD + "\n"))
    assert "visually-hidden" not in page.split("<main>", 1)[1]
    assert "<h1>" in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
def test_browser_hidden_heading_is_in_the_outline_not_on_screen(
    browser: Any, tmp_path: Path  # noqa: F811
) -> None:
    path = tmp_path / "untitled.html"
    path.write_text(render_html(Annotator().annotate(TEXT)), encoding="utf-8")
    o = Opened(browser, path, width=375)
    try:
        heading = o.page.get_by_role("heading", level=1)
        assert heading.count() == 1
        box = heading.bounding_box()
        assert box is not None and box["width"] <= 1 and box["height"] <= 1
        assert o.errors == []
    finally:
        o.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("titled", [True, False])
def test_browser_article_starts_on_the_first_screen(
    browser: Any, tmp_path: Path, width: int, titled: bool  # noqa: F811
) -> None:
    # The brief starts folded, so the article's first lines are on the first screen (the
    # viewport is 700 px high) on a phone and on a desktop.
    text = ("外相会談が閉幕\n\n" if titled else "") + TEXT
    path = tmp_path / "page.html"
    path.write_text(render_html(Annotator().annotate(text)), encoding="utf-8")
    o = Opened(browser, path, width=width)
    try:
        first = o.page.locator("article.text p").first.bounding_box()
        assert first is not None and first["y"] + 40 < 700
    finally:
        o.close()
