"""The reader page on phones and desktops (issue #18), driven in Debian's Chromium: a tap
opens the tapped word's popup beside the word, never over it, in both writing modes at
375 px with touch emulation; a brief entry opens its own word's popup after the jump, not
that of the text which slid under the pointer; the title and the article's first line are
on the first screen; the popup is a dialog named by its word, used by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.test_html import CHROMIUM, browser  # noqa: F401 (browser is a fixture)
from yomu.pipeline import Annotator
from yomu.renderers.html import render_html

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")

PHONE = {"width": 375, "height": 740}

# An article pasted without its headline, as news sites are often copied: a long lead
# paragraph first, then a heading, a table and more text (written for this test).
UNTITLED = (
    "県は十二日、沿岸部の防潮堤を三年かけてかさ上げする計画を発表し、"
    "住民向けの説明会を来月から各地区で開くと明らかにした。\n"
    "工事の進め方\n"
    "地区 | 着工 | 完了\n"
    "北地区 | 来年春 | 再来年秋\n"
    "南地区 | 来年秋 | 三年後の春\n"
    "工事中も漁港への道は通れるように、仮設の橋を架ける方針だ。\n"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled example (titled, with a table) and the untitled article, each in both
    writing modes: "summit-h", "summit-v", "untitled-h", "untitled-v"."""
    folder = tmp_path_factory.mktemp("touch")
    annotator = Annotator()
    docs = {
        "summit": annotator.annotate_file(str(EXAMPLES / "summit.txt")),
        "untitled": annotator.annotate(UNTITLED, source="untitled.txt"),
    }
    assert docs["summit"].titled and not docs["untitled"].titled
    paths = {}
    for name, doc in docs.items():
        for mode, vertical in (("h", False), ("v", True)):
            path = folder / f"{name}-{mode}.html"
            path.write_text(render_html(doc, vertical=vertical), encoding="utf-8")
            paths[f"{name}-{mode}"] = path
    return paths


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:  # noqa: F811
    """open_page(path, width, height, touch=False) → a Playwright page; contexts closed after."""
    contexts: list[Any] = []

    def opener(path: Path, width: int, height: int, touch: bool = False) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
        )
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        page.errors = errors
        return page

    yield opener
    for context in contexts:
        context.close()


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def inside(box: dict[str, float], width: int, height: int) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


def word_text(word: Any) -> str:
    """What the popup's heading shows for a marked word: its item's text."""
    return str(word.get_attribute("data-item")).split(":")[0]


# Which marked words a test taps, by where they are: the title's first, the first body
# paragraph's first, one in a table cell, of the words on the first screen the one nearest
# its left edge and the one nearest its right edge, one in the middle, the last.
CHOOSE_WORDS = """() => {
  const words = [...document.querySelectorAll('article .w')];
  const at = el => words.indexOf(el);
  const boxes = words.map(w => w.getBoundingClientRect());
  const shown = boxes.map((b, i) => i).filter(i => boxes[i].top >= 0 && boxes[i].bottom <= innerHeight
    && boxes[i].left >= 0 && boxes[i].right <= innerWidth);
  const leftmost = shown.reduce((m, i) => boxes[i].left < boxes[m].left ? i : m, shown[0]);
  const rightmost = shown.reduce((m, i) => boxes[i].right > boxes[m].right ? i : m, shown[0]);
  return {
    heading: at(document.querySelector('article h1 .w, article h2 .w')),
    first_line: at(document.querySelector('article p .w')),
    table: at(document.querySelector('article td .w')),
    left_edge: leftmost, right_edge: rightmost,
    middle: Math.floor(words.length / 2), last: words.length - 1,
  };
}"""


@pytest.mark.parametrize("mode", ["v", "h"])
def test_a_tap_opens_the_tapped_words_popup_beside_it(
    open_page: Any, pages: dict[str, Path], mode: str
) -> None:
    page = open_page(pages[f"summit-{mode}"], PHONE["width"], PHONE["height"], touch=True)
    chosen = page.evaluate(CHOOSE_WORDS)
    assert min(chosen.values()) >= 0, chosen  # every kind of place exists in the example
    assert len(set(chosen.values())) >= 6, chosen
    words = page.locator("article .w")
    popup = page.locator("#yomu-pop")
    for where, n in chosen.items():
        word = words.nth(n)
        word.scroll_into_view_if_needed()
        word.tap()
        # Longer than the 300 ms after which a popup the pointer left would close.
        page.wait_for_timeout(400)
        assert popup.is_visible(), where
        assert popup.locator(".pw").inner_text() == word_text(word), where
        box, pop = word.bounding_box(), popup.bounding_box()
        assert box is not None and pop is not None
        assert not overlaps(box, pop), (where, box, pop)
        assert inside(pop, PHONE["width"], PHONE["height"]), (where, pop)
        # A tap on the page's margin (never under the popup, which keeps 8 px from the
        # edges) closes it.
        page.touchscreen.tap(2, PHONE["height"] // 2)
        assert popup.is_hidden(), where
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.errors == []


@pytest.mark.parametrize("mode", ["h", "v"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_brief_entry_opens_its_own_words_popup(
    open_page: Any, pages: dict[str, Path], mode: str, device: str
) -> None:
    touch = device == "phone"
    width, height = (375, 740) if touch else (1280, 800)
    page = open_page(pages[f"summit-{mode}"], width, height, touch=touch)
    summary = page.locator(".brief-list > summary")
    summary.tap() if touch else summary.click()
    links = page.locator(".brief .brief-list > ol a")
    popup = page.locator("#yomu-pop")
    assert links.count() == 23  # the words shown unfolded, then the people and places
    for n in range(12):
        page.keyboard.press("Escape")  # the last entry's popup may lie over this one
        link = links.nth(n)
        # A click leaves the mouse where it clicked: after the jump the text under it
        # changes, and Chromium reports a mouseover for the word that slid there.
        link.tap() if touch else link.click()
        page.wait_for_timeout(400)
        target = str(link.get_attribute("href"))[1:]
        word = page.locator(f"#{target}")
        item = word.get_attribute("data-item")
        first = page.evaluate("id => document.querySelector(`article .w[data-item='${id}']`).id", item)
        assert first == target  # the entry links to the word's first occurrence
        assert page.evaluate("document.activeElement.id") == target
        assert popup.is_visible(), n
        assert popup.locator(".pw").inner_text() == word_text(word) == link.inner_text(), n
        box, pop = word.bounding_box(), popup.bounding_box()
        assert box is not None and pop is not None
        assert inside(box, width, height), n  # scrolled into view
        assert not overlaps(box, pop), n
    assert page.errors == []


# The first line of an element: the boxes of its base characters (not furigana) on the
# same line as its first one (the same top in horizontal writing, the same left in
# vertical), and the box around them.
FIRST_LINE = """sel => {
  const el = document.querySelector(sel);
  const vertical = getComputedStyle(el).writingMode.startsWith('vertical');
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const boxes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('rt, rp')) continue;
    for (let i = 0; i < n.length; i++) {
      const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getBoundingClientRect();
      if (b.width && b.height) boxes.push(b);
    }
  }
  const line = boxes.filter(b => vertical
    ? Math.abs(b.left - boxes[0].left) < 4
    : Math.abs(b.top - boxes[0].top) < 4);
  const left = Math.min(...line.map(b => b.left)), top = Math.min(...line.map(b => b.top));
  const right = Math.max(...line.map(b => b.right)), bottom = Math.max(...line.map(b => b.bottom));
  return { chars: line.length, x: left, y: top, width: right - left, height: bottom - top };
}"""


@pytest.mark.parametrize("size", [(375, 667), (1280, 800)])
@pytest.mark.parametrize("mode", ["h", "v"])
@pytest.mark.parametrize("article", ["summit", "untitled"])
def test_the_title_and_the_first_line_are_on_the_first_screen(
    open_page: Any, pages: dict[str, Path], size: tuple[int, int], mode: str, article: str
) -> None:
    width, height = size
    page = open_page(pages[f"{article}-{mode}"], width, height)
    if article == "summit":
        title = page.evaluate(FIRST_LINE, "article h1")
        assert title["chars"] >= 5 and inside(title, width, height), title
    else:
        # The lead is body text; the level-one heading is the hidden one.
        assert page.locator("article h1").count() == 0
        assert page.get_by_role("heading", level=1).count() == 1
    line = page.evaluate(FIRST_LINE, "article p")
    assert line["chars"] >= 10 and inside(line, width, height), line
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.errors == []


def test_vertical_columns_follow_the_text_size(open_page: Any, pages: dict[str, Path]) -> None:
    # The box the vertical article scrolls in ends on the first screen; larger text keeps
    # the first line there too.
    page = open_page(pages["summit-v"], 375, 667)
    page.get_by_role("button", name="A+ larger text").click()
    page.evaluate("window.scrollTo(0, 0)")
    line = page.evaluate(FIRST_LINE, "article p")
    assert inside(line, 375, 667), line


@pytest.mark.parametrize("mode", ["h", "v"])
def test_keyboard_tab_to_a_word_enter_opens_escape_returns(
    open_page: Any, pages: dict[str, Path], mode: str
) -> None:
    page = open_page(pages[f"summit-{mode}"], 1280, 800)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article .w')"):
            break
    word = page.evaluate("document.activeElement.dataset.item").split(":")[0]
    # The popup is a non-modal dialog named by the word it shows (it holds buttons).
    dialog = page.get_by_role("dialog", name=word)
    assert dialog.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('#yomu-pop') !== null")
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.evaluate("document.activeElement.matches('article .w')")
    assert page.evaluate("document.activeElement.dataset.item").split(":")[0] == word
    assert page.errors == []


# Every marked word focused in turn (focus scrolls it into view and opens its popup): the
# words whose popup overlaps them or leaves the screen, as [index, word, popup box].
EVERY_WORD = """() => {
  const pop = document.getElementById('yomu-pop'), out = [];
  [...document.querySelectorAll('article .w')].forEach((w, i) => {
    w.focus();
    const a = w.getBoundingClientRect(), b = pop.getBoundingClientRect();
    const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    const shown = b.left >= 0 && b.top >= 0 && b.right <= innerWidth && b.bottom <= innerHeight;
    if (pop.hidden || !apart || !shown) out.push([i, w.textContent, [b.left, b.top, b.width, b.height]]);
  });
  return out;
}"""


@pytest.mark.parametrize("mode", ["h", "v"])
def test_no_popup_covers_its_word_on_a_phone(open_page: Any, pages: dict[str, Path], mode: str) -> None:
    # Every word of the example, not only the few the tap test taps: at 375 px a popup
    # that held the kanji breakdown used to be pushed back over words low on the screen.
    for name in ("summit", "untitled"):
        page = open_page(pages[f"{name}-{mode}"], PHONE["width"], PHONE["height"], touch=True)
        assert page.evaluate(EVERY_WORD) == [], name
        assert page.errors == []
