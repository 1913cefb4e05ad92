"""The reader page has no violations in axe-core's automated accessibility checks (issue #18).

axe-core runs inside Chromium on every kind of page yomu writes: horizontal and vertical,
made for everyone and for a learner (``--level N3``: the coverage line, words not marked),
with a title line and without one (the hidden level-one heading), on the bundled example
and, when ``../shared/seeds`` is present, on every seed article. Each page is checked as
it opens and again with the brief unfolded and a word's popup open, since axe only sees
what is displayed.

axe.min.js comes from the ``axe-playwright-python`` package on PyPI (in the ``test``
extras, so the README's test command installs it); only its script is used. It is
injected with Playwright into a context made with ``bypass_csp=True``: the page's
Content-Security-Policy rightly lets no script but its own run.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, seed_paths
from tests.test_html import browser  # noqa: F401 (a fixture: Chromium, skipped without it)
from yomu.learner import Learner
from yomu.model import Document
from yomu.pipeline import Annotator, Options
from yomu.renderers.html import render_html

SUMMIT = EXAMPLES / "summit.txt"

AXE_OPTIONS = {
    # axe's default rules (WCAG 2.0–2.2 A and AA, best practices) and one experimental
    # rule the issue named: an accessible name must contain the visible label, so that
    # a voice-control user can say what they see.
    "rules": {"label-content-name-mismatch": {"enabled": True}},
    "resultTypes": ["violations"],
}


@cache
def axe_script() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


# The learner's marks as the page keeps them (docs/html.md): of the article's first four
# marked words, the first known, the second to study, the fourth (whose popup the check
# opens) to study with another of its senses picked as the meaning here.
SET_MARKS = """() => {
  const items = new Map(JSON.parse(document.getElementById('yomu-items').textContent).map(i => [i.id, i]));
  const words = [...document.querySelectorAll('article .w')].slice(0, 4).map(w => items.get(w.dataset.item));
  const key = 'yomu.marks.v1:' + location.href.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  const marks = {};
  const mark = (item, kind, picked) => {
    const meaning = picked && item.senses.length ? item.senses[0] : item.gloss;
    marks[item.text + '\\t' + item.reading] = {
      mark: kind, meaning: meaning, picked: picked && meaning !== item.gloss };
  };
  mark(words[0], 'known', false);
  mark(words[1], 'study', false);
  mark(words[words.length - 1], 'study', true);
  localStorage.setItem(key, JSON.stringify(marks));
  return Object.keys(marks).length;
}"""


def violations(
    chromium: Any, path: Path, *, as_opened: bool = True, marks: bool = False
) -> dict[str, list[str]]:
    """axe's violations on the page at ``path``, as opened (unless not ``as_opened``) and
    then with everything shown: rule id → the selectors of the failing elements (empty
    when the page passes). With ``marks``, the learner has marked words on the page first."""
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1000, "height": 700})
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        if marks:
            assert page.evaluate(SET_MARKS) == 3
            page.reload()
            assert page.locator("article .w[data-mark=known]").count() >= 1
            assert page.locator("article .w[data-mark=study]").count() >= 2
        page.add_script_tag(content=axe_script())

        def run(state: str) -> None:
            result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            for rule in result["violations"]:
                targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
                found.setdefault(f"{rule['id']} ({state})", []).extend(targets)

        if as_opened:
            run("as opened")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        words = page.locator("article .w")
        if words.count():
            words.nth(min(3, words.count() - 1)).focus()
            assert page.locator("#yomu-pop").is_visible()
        run("brief open, popup open")
    finally:
        context.close()
    return found


def untitled(path: Path) -> str:
    """The article without its title line: its lead paragraph is body text, the page's
    level-one heading a hidden one."""
    return "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[1:])


@pytest.fixture(scope="module")
def annotators() -> dict[str, Annotator]:
    return {"everyone": Annotator(), "N3": Annotator(Options(learner=Learner(level="N3")))}


def check(
    chromium: Any,
    doc: Document,
    name: str,
    tmp_path: Path,
    modes: tuple[bool, ...] = (False, True),
    as_opened: bool = True,
) -> dict[str, dict[str, list[str]]]:
    failures = {}
    for vertical in modes:
        label = f"{name}, {'vertical' if vertical else 'horizontal'}"
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.html"
        path.write_text(render_html(doc, vertical=vertical), encoding="utf-8")
        if found := violations(chromium, path, as_opened=as_opened):
            failures[label] = found
    return failures


def test_the_example_page_has_no_axe_violations(
    browser: Any,  # noqa: F811 (the fixture)
    annotators: dict[str, Annotator],
    tmp_path: Path,
) -> None:
    failures = {}
    for who, annotator in annotators.items():
        titled = annotator.annotate_file(str(SUMMIT))
        bare = annotator.annotate(untitled(SUMMIT), source="summit.txt")
        assert titled.titled and not bare.titled
        assert titled.for_learner == (who == "N3")
        failures.update(check(browser, titled, f"summit, {who}", tmp_path))
        failures.update(check(browser, bare, f"summit without its title, {who}", tmp_path))
    assert failures == {}


def test_pages_with_the_learners_marks_have_no_axe_violations(
    browser: Any,  # noqa: F811 (the fixture)
    annotators: dict[str, Annotator],
    tmp_path: Path,
) -> None:
    # Marked known, to study, a sense picked: the page restyles those words and the open
    # popup shows pressed buttons and the picked meaning first.
    failures = {}
    for who, annotator in annotators.items():
        doc = annotator.annotate_file(str(SUMMIT))
        for vertical in (False, True):
            path = tmp_path / f"{who}-{vertical}.html"
            path.write_text(render_html(doc, vertical=vertical), encoding="utf-8")
            if found := violations(browser, path, marks=True):
                failures[f"summit with marks, {who}, {'vertical' if vertical else 'horizontal'}"] = found
    assert failures == {}


@pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")
def test_the_seed_pages_have_no_axe_violations(
    browser: Any,  # noqa: F811 (the fixture)
    annotators: dict[str, Annotator],
    tmp_path: Path,
) -> None:
    # Each seed in two of the four kinds of page, in turn, so every kind meets real
    # articles (tables, lists, sources, long lines), with everything shown only: axe takes
    # seconds on a long page, and the page as opened shows nothing the full one lacks.
    failures = {}
    for n, seed in enumerate(seed_paths()):
        for who, annotator in annotators.items():
            vertical = (n + (who == "N3")) % 2 == 1
            doc = annotator.annotate_file(str(seed))
            failures.update(
                check(browser, doc, f"{seed.name}, {who}", tmp_path, (vertical,), as_opened=False)
            )
    assert failures == {}


def test_axe_sees_a_violation_when_there_is_one(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # The check is live: a page with an unlabelled button and content outside landmarks fails.
    path = tmp_path / "bad.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        "<body><p>outside</p><button></button></body></html>",
        encoding="utf-8",
    )
    found = violations(browser, path)
    assert {"button-name (as opened)", "region (as opened)"} <= set(found)
