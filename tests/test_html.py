"""The HTML reader page: golden file, escaping, determinism, and a real browser.

The golden test renders a small original article (``ARTICLE`` below; its annotated form
is stored as tests/golden/library.json so pipeline changes do not move the renderer's
golden file). After an intended change to the page, regenerate both files with

    YOMU_REGENERATE_GOLDEN=1 python3 -m pytest tests/test_html.py -k golden

and review the diff. Browser tests open the page from a file:// URL in Debian's
chromium through Playwright; they are skipped when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from yomu import annotate
from yomu.learner.levels import importance
from yomu.model import (
    Block,
    Document,
    FuriganaSegment,
    Inflection,
    InflectionStep,
    Sense,
    Sentence,
    Token,
    VocabItem,
)
from yomu.pipeline import Annotator
from yomu.renderers.html import rank_items, render_html, render_index
from yomu.renderers.json import render_json

from .conftest import seed_paths

GOLDEN = Path(__file__).parent / "golden"
CHROMIUM = Path("/usr/bin/chromium")
REGENERATE = os.environ.get("YOMU_REGENERATE_GOLDEN") == "1"

ARTICLE = """市の図書館、夜の開館を延長へ　利用者の声受け
駅前の市立図書館は来月から、平日の開館時間を午後9時まで延ばすと発表しました。仕事帰りの利用者から要望が多かったためです。
変わること
- 対象は月曜から金曜
- 期間はまず3か月
曜日 | 現在 | 来月から
平日 | 午後7時まで | 午後9時まで
館長は「安全保障や防災の本も増やしたい」と話しています。
Reference(s):
市の広報（架空の例文）
"""


# --- documents ---------------------------------------------------------------------------


def document_from_json(data: dict[str, Any]) -> Document:
    """The inverse of render_json, for the fields the HTML renderer reads."""

    def token(t: dict[str, Any]) -> Token:
        return Token(
            surface=t["surface"],
            start=t["start"],
            end=t["end"],
            reading=t["reading"],
            furigana=tuple(FuriganaSegment(f["text"], f["reading"]) for f in t["furigana"]),
            lemma=t["lemma"],
            pos=tuple(t["pos"].split("-")),
            reading_source=t["reading_source"],
            gloss=tuple(t["gloss"]) if t["gloss"] is not None else None,
            item=t["item"],
            inflection=inflection(t),
        )

    def inflection(t: dict[str, Any]) -> Inflection | None:
        if not t.get("inflection"):
            return None
        steps = tuple(InflectionStep(s["form"], s["label"]) for s in t["inflection"])
        return Inflection(t["inflection_base"], steps, t["inflection_text"])

    def item(i: dict[str, Any]) -> VocabItem:
        senses = i["senses"]
        return VocabItem(
            id=i["id"],
            text=i["text"],
            reading=i["reading"],
            senses=tuple(Sense(tuple(s["glosses"]), tuple(s["pos"])) for s in senses),
            primary=next((n for n, s in enumerate(senses) if s["primary"]), 0),
            source=i["source"],
            kind=i["kind"],
            count=i["count"],
            first_sentence=i["first_sentence"],
            note=i["note"],
            composed_from=tuple(i["composed_from"]),
            priority=tuple(i["priority"]),
            rank=i["rank"],
            level=i["level"],
            known=i["known"],
            domain=i["domain"],
            description=i["description"],
        )

    blocks = tuple(
        Block(
            kind=b["kind"],
            marker=b["marker"],
            sentences=tuple(
                Sentence(s["text"], tuple(token(t) for t in s["tokens"])) for s in b["sentences"]
            ),
        )
        for b in data["blocks"]
    )
    return Document(blocks=blocks, items=tuple(item(i) for i in data["vocabulary"]), source=data["source"])


@pytest.fixture(scope="module")
def library() -> Document:
    path = GOLDEN / "library.json"
    if REGENERATE:
        path.write_text(render_json(annotate(ARTICLE, source="library.txt")), encoding="utf-8")
    return document_from_json(json.loads(path.read_text(encoding="utf-8")))


def tok(surface: str, reading: str | None = None, item: str | None = None) -> Token:
    """A one-segment token; ``reading`` becomes furigana over the whole surface."""
    return Token(
        surface=surface,
        start=0,
        end=len(surface),
        reading=reading,
        furigana=(FuriganaSegment(surface, reading),),
        lemma=surface,
        pos=("名詞", "普通名詞", "一般", "*", "*", "*"),
        item=item,
    )


def hostile_document(payload: str) -> Document:
    """``payload`` in every text the page shows: article, readings, ids, glosses, notes."""
    item = VocabItem(
        id=f"x:{payload}",
        text=f"語{payload}",
        reading=f"ご{payload}",
        senses=(Sense((f"gloss {payload}",)), Sense((f"other {payload}",))),
        primary=0,
        source="glossary",
        kind="term",
        count=1,
        first_sentence=payload,
        note=f"note {payload}",
        composed_from=(payload,),
    )

    def block(kind: Any, marker: str = "") -> Block:
        word = tok(f"語{payload}", f"ご{payload}", item.id).replace(
            inflection=Inflection(
                f"基{payload}", (InflectionStep(payload, f"label {payload}"),), f"形{payload}"
            ),
        )
        sentence = Sentence(f"語{payload}{payload}", (word, tok(payload, payload)))
        return Block(kind=kind, sentences=(sentence,), marker=marker)

    kinds = ["title", "heading", "paragraph", "list_item", "table_row", "source"]
    return Document(blocks=tuple(block(k, payload) for k in kinds), items=(item,), source=payload)


# --- parsing helpers -----------------------------------------------------------------------


class Outline(HTMLParser):
    """Start tags with their attribute names, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))
        self.attrs.extend((tag, name, value) for name, value in attrs)
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    return parser


# --- golden file and structure -------------------------------------------------------------


def test_golden_page(library: Document) -> None:
    page = render_html(library)
    path = GOLDEN / "library.html"
    if REGENERATE:
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8"), "page changed; see the module docstring to regenerate"


def test_golden_index(library: Document) -> None:
    page = render_index([("library.html", library), ("a b#?.html", library)])
    path = GOLDEN / "index.html"
    if REGENERATE:
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8"), "index changed; see the module docstring to regenerate"


def test_structure(library: Document) -> None:
    page = render_html(library)
    tags = [t for t, _ in outline(page).tags]
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja"')
    assert '<meta charset="utf-8">' in page and 'name="viewport"' in page
    assert tags.count("h1") == 1 and tags.count("footer") == 1
    assert tags.count("ul") == 1 and tags.count("table") == 1 and tags.count("tr") == 2
    assert tags.count("td") == 6
    assert '<span class="marker">-</span>' in page
    # Furigana follows the segments: kanji runs get ruby, kana stays plain text.
    assert "<ruby>図書館<rp>(</rp><rt>としょかん</rt><rp>)</rp></ruby>" in page
    assert "<ruby>延<rp>(</rp><rt>の</rt><rp>)</rp></ruby>ばす" in page
    assert not re.search(r"<ruby>[ぁ-ん]", page)
    # A glossary term spanning tokens is one marked word with its first occurrence anchored.
    assert re.search(r'<span class="w t" id="w\d+" tabindex="0" data-item="安全保障:[^"]*"', page)
    assert 'role="dialog" aria-labelledby="yomu-pop-word"' in page and 'aria-describedby="yomu-pop"' in page


def test_brief_ranks_by_occurrences_times_rarity(library: Document) -> None:
    ranked = rank_items(library.vocabulary())
    scores = [importance(i) for i in ranked]
    assert scores == sorted(scores, reverse=True)
    by_text = {i.text: i for i in library.vocabulary()}
    # 開館 (nf15: rank 7,500, rarity log2(16) = 4) twice; 午後 (nf01, rarity 1) three times;
    # 仕事帰り unranked (rarity log2(51) ≈ 5.67) once.
    assert importance(by_text["開館"]) == 8.0
    assert importance(by_text["午後"]) == 3.0
    order = [i.text for i in ranked]
    assert order[:2] == ["市", "開館"]  # 市: unranked, twice
    assert order.index("開館") < order.index("仕事帰り") < order.index("午後")
    page = render_html(library)
    brief = page[page.index('<aside class="brief"') : page.index("</aside>")]
    anchor = re.search(r'<a href="#(w\d+)" class="bt" lang="ja">安全保障</a>', brief)
    assert anchor and f'id="{anchor.group(1)}"' in page


def test_deterministic(library: Document) -> None:
    assert render_html(library) == render_html(library)
    assert render_html(library, vertical=True) == render_html(library, vertical=True)
    assert render_html(library) != render_html(library, vertical=True)
    assert render_index([("a.html", library)]) == render_index([("a.html", library)])


def test_csp_hashes_match_inline_code(library: Document) -> None:
    import base64
    import hashlib

    page = render_html(library)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp
    policy = csp.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in policy and "img-src data:" in policy
    assert "unsafe" not in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert body
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert "style=" not in page  # no style attributes: style-src needs no 'unsafe-inline'
    assert "http://" not in page and "https://" not in page


# --- escaping ---------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script><!--",
    "&amp; &lt;b&gt; \u2028",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_stays_text(payload: str) -> None:
    page = render_html(hostile_document(payload))
    safe = render_html(hostile_document("plain"))
    # The payload changes no element and no attribute name: the outline equals that of a
    # page whose text is harmless.
    assert outline(page).tags == outline(safe).tags
    parsed = outline(page)
    assert not any(name.startswith("on") for _, name, _ in parsed.attrs)
    assert {"img", "svg"}.isdisjoint(t for t, _ in parsed.tags)
    # The JSON block survives intact and carries the payload as data.
    data = json.loads(parsed.scripts[-1])
    assert data[0]["id"] == f"x:{payload}" and data[0]["note"] == f"note {payload}"
    assert data[0]["forms"] == [f"形{payload}: 基{payload} + label {payload}"]
    assert "<" not in parsed.scripts[-1]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_index(payload: str) -> None:
    doc = hostile_document(payload)
    page = render_index([(f"javascript:{payload}.html", doc)])
    safe = render_index([("javascript:plain.html", hostile_document("plain"))])
    assert outline(page).tags == outline(safe).tags
    hrefs = [v for t, n, v in outline(page).attrs if n == "href" and t == "a"]
    assert hrefs and all(v and v.startswith("javascript%3A") for v in hrefs)


# --- real browser -------------------------------------------------------------------------------

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

browser_only = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Opened:
    """A page opened from a file, recording every request, console error and dialog."""

    def __init__(self, browser: Any, path: Path, width: int = 1000) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 700})
        self.page = self.context.new_page()
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", self._request)
        self.page.on("console", self._console)
        self.page.on("pageerror", self._error)
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)

    def _console(self, message: Any) -> None:
        if message.type == "error":  # CSP violations are reported here too
            self.errors.append(message.text)

    def _error(self, error: Any) -> None:
        self.errors.append(str(error))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def page_file(library: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "library.html"
    path.write_text(render_html(library), encoding="utf-8")
    return path


@pytest.fixture
def opened(browser: Any, page_file: Path) -> Iterator[Opened]:
    o = Opened(browser, page_file)
    yield o
    o.close()


def tab_to_first_word(o: Opened) -> Any:
    # Tab through the controls until a marked word has focus.
    for _ in range(30):
        o.page.keyboard.press("Tab")
        if o.page.evaluate("document.activeElement.classList.contains('w')"):
            return o.page.evaluate_handle("document.activeElement")
    raise AssertionError("Tab never reached a marked word")


@browser_only
def test_browser_offline_and_clean(opened: Opened) -> None:
    page = opened.page
    assert page.locator("ruby rt").count() > 10
    assert page.evaluate("document.documentElement.classList.contains('js')")  # the script ran under CSP
    page.mouse.move(5, 5)
    page.wait_for_timeout(50)
    assert opened.requests == [opened.url]
    assert opened.errors == []


@browser_only
def test_browser_tab_shows_popup_and_escape_closes(opened: Opened, library: Document) -> None:
    page = opened.page
    word = tab_to_first_word(opened)
    item_id = word.get_attribute("data-item")
    item = next(i for i in library.vocabulary() if i.id == item_id)
    popup = page.locator("#yomu-pop")
    assert popup.is_visible()
    assert item.senses[item.primary].glosses[0] in popup.inner_text()
    assert word.get_attribute("aria-describedby") == "yomu-pop"
    assert popup.get_attribute("role") == "dialog"
    # A non-modal dialog named by its word: it holds buttons, which a tooltip may not.
    assert page.get_by_role("dialog", name=item.text).is_visible()
    page.keyboard.press("Escape")
    assert popup.is_hidden()
    # The next word's popup replaces the first: Tab moves on, the popup follows.
    page.keyboard.press("Tab")
    assert popup.is_visible()
    assert opened.errors == []


@browser_only
def test_browser_popup_stays_in_viewport(browser: Any, page_file: Path) -> None:
    o = Opened(browser, page_file, width=375)
    try:
        page = o.page
        words = page.locator("article .w")
        for n in (0, words.count() // 2, words.count() - 1):
            words.nth(n).focus()
            box = page.locator("#yomu-pop").bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
            assert box["y"] >= 0 and box["y"] + box["height"] <= 700
    finally:
        o.close()


@browser_only
def test_browser_hover_and_tap_elsewhere(opened: Opened) -> None:
    page = opened.page
    page.locator("article .w").nth(2).hover()
    assert page.locator("#yomu-pop").is_visible()
    page.locator("article .w").nth(2).click()
    # The heading's empty end, not its middle: the popup (taller since it has the kanji
    # breakdown) may lie over the middle, and a tap on the popup keeps it open.
    heading = page.locator("article h2")
    box = heading.bounding_box()
    assert box is not None
    heading.click(position={"x": box["width"] - 5, "y": box["height"] / 2})
    assert page.locator("#yomu-pop").is_hidden()


@browser_only
def test_browser_popup_lists_the_inflected_forms(opened: Opened, library: Document) -> None:
    # 増やしたい in the article: the popup of 増やす says what its form does.
    item = next(i for i in library.vocabulary() if i.text == "増やす")
    page = opened.page
    page.locator(f'article .w[data-item="{item.id}"]').first.hover()
    popup = page.locator("#yomu-pop")
    assert popup.is_visible()
    assert "増やしたい: 増やす + want to (〜たい)" in popup.locator(".pf").inner_text()
    assert opened.errors == []


@browser_only
def test_browser_furigana_control_is_remembered(opened: Opened) -> None:
    page = opened.page

    def visible_rt() -> int:
        return int(page.evaluate("[...document.querySelectorAll('rt')].filter(e => e.offsetParent).length"))

    everything = visible_rt()
    page.get_by_label("marked words").check()
    marked = visible_rt()
    assert 0 < marked < everything
    page.get_by_label("off", exact=True).check()
    assert visible_rt() == 0
    # The choice is saved from the change handler; make sure it is stored before reloading.
    page.wait_for_function("JSON.parse(localStorage.getItem('yomu.reader.v1') || '{}').furigana === 'off'")
    page.reload()
    assert page.evaluate("document.documentElement.dataset.furigana") == "off"
    assert page.get_by_label("off").is_checked()
    assert visible_rt() == 0
    page.get_by_label("highlight words").uncheck()
    page.get_by_role("button", name="Larger text").click()
    page.reload()
    assert page.evaluate("document.documentElement.dataset.hl") == "off"
    assert page.evaluate("document.documentElement.dataset.size") == "3"
    assert opened.errors == []


@browser_only
def test_browser_narrow_screen_has_no_horizontal_scroll(browser: Any, page_file: Path) -> None:
    o = Opened(browser, page_file, width=375)
    try:
        assert o.page.evaluate("document.documentElement.scrollWidth") <= 375
        o.page.get_by_role("button", name="Larger text").click()
        o.page.get_by_role("button", name="Larger text").click()
        assert o.page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        o.close()


@browser_only
def test_browser_vertical(browser: Any, library: Document, tmp_path: Path) -> None:
    path = tmp_path / "vertical.html"
    path.write_text(render_html(library, vertical=True), encoding="utf-8")
    o = Opened(browser, path, width=375)
    try:
        page = o.page
        mode = page.evaluate("getComputedStyle(document.querySelector('article')).writingMode")
        assert mode == "vertical-rl"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # Furigana sits to the right of its base text in vertical-rl.
        right = page.evaluate(
            "(() => { const r = document.querySelector('article ruby');"
            " const rt = r.querySelector('rt').getBoundingClientRect();"
            " const base = r.getBoundingClientRect(); return rt.left >= base.left + base.width / 2; })()"
        )
        assert right
        page.locator("article .w").first.focus()
        assert page.locator("#yomu-pop").is_visible()
        assert o.requests == [o.url] and o.errors == []
    finally:
        o.close()


@browser_only
@pytest.mark.parametrize("payload", PAYLOADS[:2])
def test_browser_hostile_text_runs_nothing(browser: Any, tmp_path: Path, payload: str) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile_document(payload)), encoding="utf-8")
    o = Opened(browser, path)
    try:
        page = o.page
        assert page.locator("img, svg").count() == 0
        assert payload in page.locator("h1").inner_text().replace("\n", "")
        page.locator("article .w").first.focus()
        assert f"gloss {payload}" in page.locator("#yomu-pop").inner_text()
        assert o.dialogs == [] and o.requests == [o.url] and o.errors == []
    finally:
        o.close()


@browser_only
def test_browser_index(browser: Any, library: Document, tmp_path: Path) -> None:
    (tmp_path / "library.html").write_text(render_html(library), encoding="utf-8")
    index = tmp_path / "index.html"
    index.write_text(render_index([("library.html", library)]), encoding="utf-8")
    o = Opened(browser, index)
    try:
        o.page.get_by_role("link").first.click()
        o.page.wait_for_load_state()
        assert o.page.url.endswith("/library.html")
        assert o.errors == []
    finally:
        o.close()


@browser_only
def test_browser_tap_opens_and_tap_elsewhere_closes(browser: Any, page_file: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.locator("article .w").nth(1).tap()
        assert page.locator("#yomu-pop").is_visible()
        # Tap the page where the popup is not: with its kanji lines and mark buttons (#18)
        # it is tall enough at 375 px to cover the heading a tap used to land on.
        pop = page.locator("#yomu-pop").bounding_box()
        heading = page.locator("article h2").bounding_box()
        assert pop is not None and heading is not None
        x, y = heading["x"] + 4, heading["y"] + heading["height"] / 2
        if pop["x"] <= x <= pop["x"] + pop["width"] and pop["y"] <= y <= pop["y"] + pop["height"]:
            x, y = 2, 2  # the page's own margin, above everything
        page.touchscreen.tap(x, y)
        assert page.locator("#yomu-pop").is_hidden()
    finally:
        context.close()


@browser_only
def test_browser_brief_link_opens_first_occurrence(opened: Opened) -> None:
    page = opened.page
    # The brief starts folded (issue #18: the article comes first); its count shows.
    assert not page.locator(".brief a").first.is_visible()
    assert re.fullmatch(r"Vocabulary \(\d+\)", page.locator(".brief-list > summary").inner_text().strip())
    page.locator(".brief-list > summary").click()
    page.locator(".brief a").first.click()
    focused = page.evaluate_handle("document.activeElement")
    href = page.locator(".brief a").first.get_attribute("href")
    assert href and focused.get_attribute("id") == href[1:]
    assert page.locator("#yomu-pop").is_visible()


@browser_only
@pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")
def test_browser_seed_articles(browser: Any, tmp_path: Path) -> None:
    # Real articles bring long lines, tables and odd markers: none may scroll sideways at
    # 375 px or leave a marked word without its data.
    annotator = Annotator()
    for n, seed in enumerate(seed_paths()):
        path = tmp_path / f"seed{n}.html"
        path.write_text(render_html(annotator.annotate_file(str(seed))), encoding="utf-8")
        o = Opened(browser, path, width=375)
        try:
            page = o.page
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, seed.name
            missing = page.evaluate(
                "(() => { const ids = new Set(JSON.parse(document.getElementById('yomu-items').textContent)"
                ".map(i => i.id)); return [...document.querySelectorAll('.w')]"
                ".filter(w => !ids.has(w.dataset.item)).length; })()"
            )
            assert missing == 0, seed.name
            assert o.requests == [o.url] and o.errors == [], seed.name
        finally:
            o.close()


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@browser_only
def test_browser_draws_japanese_with_a_cjk_font(opened: Opened) -> None:
    # Ask Chromium which font it really used for the title, not which one CSS asked for:
    # without a CJK font installed the glyphs fall back to boxes.
    page = opened.page
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    families = {f["familyName"] for f in fonts if f["glyphCount"] > 0}
    assert any("CJK" in f or "Noto Sans JP" in f or "Noto Serif JP" in f for f in families), families


@browser_only
@pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")
def test_browser_screenshots_of_a_seed_light_dark_vertical(browser: Any, tmp_path: Path) -> None:
    """Screenshots for a person to look at, in test-artifacts/ (not committed)."""
    doc = Annotator().annotate_file(str(seed_paths()[0]))
    ARTIFACTS.mkdir(exist_ok=True)
    for name, vertical, scheme in (
        ("light", False, "light"),
        ("dark", False, "dark"),
        ("vertical", True, "light"),
    ):
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(doc, vertical=vertical), encoding="utf-8")
        context = browser.new_context(viewport={"width": 800, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(path.as_uri())
            shot = ARTIFACTS / f"seed-{name}.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            dark = [int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3]]
            assert (sum(dark) < 200) == (scheme == "dark"), background
        finally:
            context.close()


@browser_only
def test_browser_learner_page_starts_with_furigana_on_new_words(browser: Any, tmp_path: Path) -> None:
    from yomu.learner import Learner
    from yomu.pipeline import Options

    doc = Annotator(Options(learner=Learner(level="N3"))).annotate(ARTICLE, source="library.txt")
    new = {i.id for i in doc.vocabulary() if not i.known}
    path = tmp_path / "learner.html"
    path.write_text(render_html(doc), encoding="utf-8")
    o = Opened(browser, path)
    try:
        page = o.page
        shown = page.evaluate(
            "[...document.querySelectorAll('rt')].filter(e => e.offsetParent)"
            ".map(e => e.closest('.w') ? e.closest('.w').dataset.item : null)"
        )
        # Furigana only over marked words, and every marked word is a new one.
        assert shown and all(item in new for item in shown)
        marked = page.evaluate("[...document.querySelectorAll('article .w')].map(e => e.dataset.item)")
        assert marked and set(marked) <= new
        assert page.get_by_role("radio", name="new words").is_checked()
        assert "You know about" in page.locator(".coverage").inner_text()
        page.get_by_label("all", exact=True).check()
        everything = page.evaluate("[...document.querySelectorAll('rt')].filter(e => e.offsetParent).length")
        assert everything > len(shown)
        assert o.errors == []
    finally:
        o.close()


def test_committed_example_page_is_current() -> None:
    """examples/summit.html is what `yomu annotate examples/summit.txt` renders today.

    After an intended change: yomu annotate examples/summit.txt -o examples/summit.html
    """
    example = Path(__file__).resolve().parents[1] / "examples"
    doc = Annotator().annotate_file(str(example / "summit.txt"))
    expected = render_html(doc)
    assert (example / "summit.html").read_text(encoding="utf-8") == expected


# --- compiled templates, kept between runs ---------------------------------------------------


@pytest.fixture
def template_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A cache folder of the test's own, with the environment made anew before and after."""
    from yomu.renderers import html

    monkeypatch.setenv("YOMU_CACHE_DIR", str(tmp_path))
    html._env.cache_clear()
    yield tmp_path
    html._env.cache_clear()


def test_templates_compile_once_then_load_from_the_cache(
    library: Document, monkeypatch: pytest.MonkeyPatch, template_cache: Path
) -> None:
    from yomu.renderers import html

    expected = render_html(library)
    kept = sorted(p.name for p in template_cache.glob("templates-*/__jinja2_*.cache"))
    assert len(kept) == 2  # the page and the sections it includes

    # A new process: nothing is compiled, the code comes from the cache.
    html._env.cache_clear()
    env = html._env()

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled a template the cache holds")

    monkeypatch.setattr(env, "compile", no_compiling)
    assert render_html(library) == expected


def test_a_cache_that_cannot_be_written_only_costs_time(
    library: Document, monkeypatch: pytest.MonkeyPatch, template_cache: Path
) -> None:
    from yomu.renderers import html

    expected = render_html(library)  # compiled, with nothing in the cache yet
    blocked = template_cache / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("YOMU_CACHE_DIR", str(blocked))
    html._env.cache_clear()
    assert render_html(library) == expected
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_stale_or_broken_cache_entry_is_compiled_again(library: Document, template_cache: Path) -> None:
    from yomu.renderers import html

    expected = render_html(library)
    entries = list(template_cache.glob("templates-*/__jinja2_*.cache"))
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(b"j2 garbage")
    html._env.cache_clear()
    assert render_html(library) == expected


def items_data(page: str) -> list[dict[str, Any]]:
    found = re.search(r'<script type="application/json" id="yomu-items">(.*?)</script>', page, re.S)
    assert found
    data: list[dict[str, Any]] = json.loads(found.group(1))
    return data


def test_items_carry_a_kanji_breakdown_from_one_query(
    library: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yomu.meaning.dictionary import JMdict

    fresh = JMdict()
    monkeypatch.setattr("yomu.renderers.kanji.default_dictionary", lambda: fresh)
    items = {i["text"]: i for i in items_data(render_html(library))}
    assert fresh.query_count == 1  # every popup's kanji from one batched query
    assert items["図書館"]["kanji"] == [
        {
            "k": "図",
            "meaning": "map; drawing; plan; extraordinary",
            "readings": "ズ、ト / え、はか.る",
            "level": "grade 2 · old JLPT 3 · 7 strokes",
        },
        {
            "k": "書",
            "meaning": "write",
            "readings": "ショ / か.く、-が.き、-がき",
            "level": "grade 2 · old JLPT 4 · 10 strokes",
        },
        {
            "k": "館",
            "meaning": "building; mansion; large building; palace",
            "readings": "カン / やかた、たて",
            "level": "grade 3 · old JLPT 3 · 16 strokes",
        },
    ]
    assert all(i["kanji"] == [] for text, i in items.items() if not re.search(r"[\u4e00-\u9fff]", text))


@browser_only
def test_browser_popup_shows_the_kanji_breakdown(opened: Opened, library: Document) -> None:
    item = next(i for i in library.vocabulary() if i.text == "図書館")
    page = opened.page
    page.locator(f'article .w[data-item="{item.id}"]').first.hover()
    rows = page.locator("#yomu-pop .pkj li")
    assert rows.count() == 3
    assert rows.nth(0).inner_text().split() == [
        "図",
        "map;",
        "drawing;",
        "plan;",
        "extraordinary",
        "ズ、ト",
        "/",
        "え、はか.る",
        "grade",
        "2",
        "·",
        "old",
        "JLPT",
        "3",
        "·",
        "7",
        "strokes",
    ]
    assert page.locator("#yomu-pop .pkj .kc").nth(2).get_attribute("lang") == "ja"
    assert opened.errors == []
