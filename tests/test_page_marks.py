"""Marking words from the reader page (issue #18): "I know this", "Study this" and "the
meaning here" in the popup, kept in localStorage per folder, exported as files that
`yomu known import` and `yomu deck --choices` read. Driven in Debian's Chromium."""

from __future__ import annotations

import csv
import html
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.test_html import ARTICLE, CHROMIUM, Opened, browser  # noqa: F401 (browser is a fixture)
from yomu.learner import LearnerSettings, learner_for
from yomu.pipeline import Annotator, Options
from yomu.renderers.html import render_html

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")

MARKED = "[...document.querySelectorAll('article .w')]"


def learner_page(folder: Path, name: str = "learner.html", *, vertical: bool = False) -> Path:
    """The test article for a learner at N5 whose personal list (YOMU_DATA_DIR) counts."""
    learner = learner_for(LearnerSettings(level="N5"))
    doc = Annotator(Options(learner=learner)).annotate(ARTICLE, source="library.txt")
    path = folder / name
    path.write_text(render_html(doc, vertical=vertical), encoding="utf-8")
    return path


def marked_items(page: Any) -> set[str]:
    return set(page.evaluate(f"{MARKED}.map(e => e.dataset.item)"))


def visible_rt(page: Any, item: str) -> int:
    return int(
        page.evaluate(
            "id => [...document.querySelectorAll(`article .w[data-item='${id}'] rt`)]"
            ".filter(e => e.offsetParent).length",
            item,
        )
    )


def with_ruby(page: Any) -> str:
    """The item of the first marked word with furigana."""
    return str(page.evaluate(f"{MARKED}.find(e => e.querySelector('rt')).dataset.item"))


def export(page: Any, kind: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator(f"button[data-export={kind}]").click()
    download = info.value
    path: Path = folder / str(download.suggested_filename)
    download.save_as(path)
    return path


def run_yomu(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """This checkout's CLI, with the test's personal list and no user config."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(REPO / "tests" / "no-config.toml"),
        "YOMU_DATA_DIR": str(data_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "yomu", *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("YOMU_DATA_DIR", str(folder))
    return folder


def test_known_word_loses_highlight_and_furigana_at_once(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    o = Opened(browser, learner_page(tmp_path))
    try:
        page = o.page
        item = with_ruby(page)
        word = page.locator(f'article .w[data-item="{item}"]').first
        assert page.evaluate("document.documentElement.dataset.furigana") == "items"
        assert visible_rt(page, item) > 0
        background = word.evaluate("e => getComputedStyle(e).backgroundColor")
        word.focus()
        popup = page.locator("#yomu-pop")
        assert popup.get_by_role("button", name="I know this").get_attribute("aria-pressed") == "false"
        popup.get_by_role("button", name="I know this").click()
        # Every occurrence follows, in this page, without a reload.
        assert set(
            page.evaluate(
                "id => [...document.querySelectorAll(`.w[data-item='${id}']`)].map(e => e.dataset.mark)", item
            )
        ) == {"known"}
        assert visible_rt(page, item) == 0
        assert word.evaluate("e => getComputedStyle(e).backgroundColor") != background
        assert word.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
        assert popup.get_by_role("button", name="I know this").get_attribute("aria-pressed") == "true"
        # With furigana on all words the known word keeps its reading.
        page.get_by_label("all", exact=True).check()
        assert visible_rt(page, item) > 0
        # Pressed again: not known any more.
        word.focus()
        popup.get_by_role("button", name="I know this").click()
        assert word.get_attribute("data-mark") is None
        assert o.errors == []
    finally:
        o.close()


def test_study_mark_is_visible_and_shared_by_pages_of_the_folder(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    first = learner_page(tmp_path, "one.html")
    second = learner_page(tmp_path, "two.html", vertical=True)
    (tmp_path / "other").mkdir()
    elsewhere = learner_page(tmp_path / "other")
    o = Opened(browser, first)
    try:
        page = o.page
        word = page.locator("article .w").nth(1)
        item = word.get_attribute("data-item")
        shadow = word.evaluate("e => getComputedStyle(e).boxShadow")
        word.hover()
        page.locator("#yomu-pop").get_by_role("button", name="Study this").click()
        assert word.get_attribute("data-mark") == "study"
        assert word.evaluate("e => getComputedStyle(e).boxShadow") != shadow
        # Highlighting off: the study mark stays.
        page.get_by_label("highlight words").uncheck()
        assert word.evaluate("e => getComputedStyle(e).boxShadow") != "none"
        assert page.locator("button[data-export=study]").inner_text() == "Export study list (1)"
        # Another page of the same folder, in the same browser, shows it on load ...
        other = o.context.new_page()
        other.goto(second.as_uri())
        assert other.locator(f'article .w[data-item="{item}"]').first.get_attribute("data-mark") == "study"
        # ... and follows a change made in the first page while both are open.
        word.focus()
        page.locator("#yomu-pop").get_by_role("button", name="I know this").click()
        other.wait_for_function(
            "id => document.querySelector(`article .w[data-item='${id}']`).dataset.mark === 'known'", arg=item
        )
        # A page of another folder keeps its own marks.
        other.goto(elsewhere.as_uri())
        assert other.locator("article .w[data-mark]").count() == 0
        keys = other.evaluate("Object.keys(localStorage)")
        assert f"yomu.marks.v1:{tmp_path.as_uri()}/" in keys
        assert o.errors == []
    finally:
        o.close()


def test_popup_buttons_by_keyboard(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    o = Opened(browser, learner_page(tmp_path))
    try:
        page = o.page
        word = page.locator("article .w").first
        word.focus()
        popup = page.locator("#yomu-pop")
        # Enter moves into the popup; Tab goes through its buttons and back to the word.
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.closest('#yomu-pop') !== null")
        names = []
        for _ in range(20):
            names.append(page.evaluate("document.activeElement.textContent"))
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('w')"):
                break
        assert "I know this" in names and "Study this" in names
        assert page.evaluate("document.activeElement") == page.evaluate(
            "document.querySelector('article .w')"
        )
        assert popup.is_visible()
        # Shift+Tab from the first button goes back to the word too.
        page.keyboard.press("Enter")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement === document.querySelector('article .w')")
        assert popup.is_visible()
        # On the word, s and k mark it directly; Space in the popup presses a button.
        page.keyboard.press("s")
        assert word.get_attribute("data-mark") == "study"
        page.keyboard.press("k")
        assert word.get_attribute("data-mark") == "known"
        page.keyboard.press("Enter")
        page.keyboard.press("Space")  # the focused "I know this": pressed again, unmarked
        assert word.get_attribute("data-mark") is None
        assert page.evaluate("document.activeElement.textContent") == "I know this"
        page.keyboard.press("Escape")
        assert popup.is_hidden()
        assert page.evaluate("document.activeElement.classList.contains('w')")
        assert o.errors == []
    finally:
        o.close()


def test_touch_at_375_px_marks_and_picks_a_sense(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    path = learner_page(tmp_path)
    for vertical in (False, True):
        if vertical:
            path = learner_page(tmp_path, "vertical.html", vertical=True)
        context = browser.new_context(viewport={"width": 375, "height": 700}, has_touch=True, is_mobile=True)
        try:
            page = context.new_page()
            page.goto(path.as_uri())
            word = page.locator("article .w").nth(2)
            word.scroll_into_view_if_needed()
            word.tap()
            popup = page.locator("#yomu-pop")
            assert popup.is_visible()
            popup.get_by_role("button", name="Study this").tap()
            assert popup.is_visible()
            assert word.get_attribute("data-mark") == "study"
            box = popup.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
            assert box["y"] >= 0 and box["y"] + box["height"] <= 700
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
        finally:
            context.close()


def test_export_known_then_import_marks_fewer_words(browser: Any, tmp_path: Path, data_dir: Path) -> None:  # noqa: F811
    """The loop of docs/html.md: read → mark → export → yomu known import → fewer marked."""
    path = learner_page(tmp_path)
    o = Opened(browser, path)
    try:
        page = o.page
        assert page.locator("button[data-export=known]").is_disabled()
        before = marked_items(page)
        chosen = sorted(before)[:3]
        for item in chosen:
            # The pointer out of the way: a word under it after the scroll would take the popup.
            page.mouse.move(0, 0)
            page.locator(f'article .w[data-item="{item}"]').first.focus()
            assert page.locator("#yomu-pop .pw").inner_text() == item.split(":")[0]
            page.locator("#yomu-pop").get_by_role("button", name="I know this").click()
        assert page.locator("button[data-export=known]").inner_text() == "Export known words (3)"
        exported = export(page, "known", tmp_path / "downloads")
        assert exported.name == "yomu-known.txt"
        assert o.errors == []
        assert o.requests == [o.url]  # the download is a Blob URL: no request, no CSP report
    finally:
        o.close()
    words = [line for line in exported.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert sorted(words) == sorted(item.split(":")[0] for item in chosen)
    # The CLI reads the file as it is.
    run = run_yomu(data_dir, "known", "import", str(exported))
    assert run.returncode == 0, run.stderr
    assert "3 word(s) added" in run.stderr
    again = Opened(browser, learner_page(tmp_path, "next.html"))
    try:
        after = marked_items(again.page)
    finally:
        again.close()
    assert after == before - set(chosen)


def test_pick_a_sense_export_the_study_list_and_make_the_deck(
    browser: Any,  # noqa: F811
    tmp_path: Path,
    data_dir: Path,
) -> None:
    """read → pick the meaning here → export → yomu deck --choices → the card, in Anki."""
    o = Opened(browser, learner_page(tmp_path))
    try:
        page = o.page
        # A word with several senses: the popup lists the others as buttons.
        item = page.evaluate(
            "JSON.parse(document.getElementById('yomu-items').textContent)"
            ".find(i => i.senses.length && document.querySelector(`article .w[data-item='${i.id}']`))"
        )
        word = page.locator(f'article .w[data-item="{item["id"]}"]').first
        page.mouse.move(0, 0)
        word.focus()
        popup = page.locator("#yomu-pop")
        assert popup.locator(".pg").inner_text() == item["gloss"]
        other = item["senses"][0]
        popup.locator(".ps button").first.click()
        assert popup.is_visible()
        assert popup.locator(".pg").inner_text() == other
        # The page's primary sense is now among the others, to go back to.
        assert item["gloss"] in popup.locator(".ps").inner_text()
        # A second word only to study.
        study = page.locator(f'article .w:not([data-item="{item["id"]}"])').first
        study_item = {
            i["id"]: i for i in page.evaluate("JSON.parse(document.getElementById('yomu-items').textContent)")
        }[study.get_attribute("data-item")]
        study.focus()
        assert popup.locator(".pw").inner_text() == study_item["text"]
        popup.get_by_role("button", name="Study this").click()
        exported = export(page, "study", tmp_path / "downloads")
        assert exported.name == "yomu-study.tsv"
        assert o.errors == []
    finally:
        o.close()
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8")), delimiter="\t"))
    assert rows[0] == ["word", "reading", "meaning", "picked"]
    assert [item["text"], item["reading"], other, "yes"] in rows
    assert [study_item["text"], study_item["reading"], study_item["gloss"], "no"] in rows
    assert len(rows) == 3

    article = tmp_path / "library.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    deck = tmp_path / "deck.apkg"
    run = run_yomu(
        data_dir, "deck", str(article), "--level", "N5", "--choices", str(exported), "-o", str(deck)
    )
    assert run.returncode == 0, run.stderr
    assert "your meaning on 1 note(s)" in run.stderr
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(tmp_path / "c.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
        )
        notes = {}
        for nid in col.find_notes('"note:yomu vocabulary"'):
            note = col.get_note(nid)
            notes[note["Key"]] = dict(note.items())
    finally:
        col.close()
    picked = notes[html.escape(f"{item['text']}:{item['reading']}")]
    assert picked["PrimaryDefinition"] == html.escape(other)
    # The page's first meaning is still on the back, among the others.
    assert html.escape(item["gloss"]) in picked["ExtraDefinitions"]
    studied = notes[html.escape(f"{study_item['text']}:{study_item['reading']}")]
    assert studied["PrimaryDefinition"] == html.escape(study_item["gloss"])


def test_a_browser_that_refuses_storage_keeps_the_marks_of_the_page(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    try:
        context.add_init_script(
            "Object.defineProperty(window, 'localStorage', { get() { throw new Error('denied'); } });"
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(learner_page(tmp_path).as_uri())
        words = page.locator("article .w")
        for n, mark in ((0, "known"), (1, "study")):
            words.nth(n).focus()
            page.keyboard.press(mark[0])
        assert [words.nth(n).get_attribute("data-mark") for n in (0, 1)] == ["known", "study"]
        assert page.locator("button[data-export=known]").inner_text() == "Export known words (1)"
        assert errors == []
    finally:
        context.close()


def test_the_pointer_can_cross_from_the_word_into_its_popup(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    o = Opened(browser, learner_page(tmp_path))
    try:
        page = o.page
        word = page.locator("article .w").nth(1)
        word.hover()
        popup = page.locator("#yomu-pop")
        w, p = word.bounding_box(), popup.bounding_box()
        assert w is not None and p is not None and p["y"] > w["y"] + w["height"]
        # Through the gap below the word, then onto the popup's buttons.
        page.mouse.move(w["x"] + 2, (w["y"] + w["height"] + p["y"]) / 2)
        page.wait_for_timeout(100)
        popup.get_by_role("button", name="Study this").hover()
        page.wait_for_timeout(400)
        assert popup.is_visible()
        popup.get_by_role("button", name="Study this").click()
        assert word.get_attribute("data-mark") == "study"
        # Away from both, the popup closes as a hovered word's does.
        page.mouse.move(990, 690)
        page.wait_for_timeout(400)
        assert popup.is_hidden()
        assert o.errors == []
    finally:
        o.close()
