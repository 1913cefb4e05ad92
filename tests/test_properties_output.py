"""Invariants of the outputs on arbitrary text (Hypothesis): nothing from the input becomes markup.

* The HTML page parses, and every element and attribute in it is one of yomu's own
  templates' (collected from the template files themselves); the article's visible text
  is exactly the input's text, so no input character was taken as markup.
* Anki note fields hold no ``<`` but yomu's ``<b>``, ``</b>`` and ``<br>``, no bracket
  reading that yomu did not write, and no cloze marker but yomu's one.
* Readings are hiragana, and punctuation has none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from importlib import resources

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from yomu.errors import InputError
from yomu.model import Document, Token
from yomu.pipeline import Annotator, Options
from yomu.renderers.anki import build_notes
from yomu.renderers.html import MARKUP as WORD_MARKUP
from yomu.renderers.html import render_html, render_index

ANNOTATOR = Annotator(Options(keep_clutter=True))

# Pieces of markup and of the syntaxes yomu's outputs use (Anki brackets and clozes, JSON,
# Jinja), mixed with Japanese that yields vocabulary items, so the brief, the word list,
# the popups' JSON and every Anki field see hostile text.
_HOSTILE = (
    "<", ">", "&", '"', "'", "/", "=", "<b>", "</b>", "<br>", "<script>", "</script>", "<!--", "-->",
    "<![CDATA[", "]]>", "<rt>", "</ruby>", 'onerror="x()"', "javascript:", "&amp;", "&lt;", "&#0;",
    "{{", "}}", "{{c1::", "::", "[", "]", "[はな]", "{%", "%}", "\\", "\u2028", "\u2029", "\ufeff",
    "\u200b", "\U0001f44d", "\ufe0f", "ﾆｭｰｽ", "\t", "\n", "\n\n", " ", "。",
)
_JAPANESE = (
    "首脳会談", "和平案", "安全の保証", "停戦", "鉱物協定", "が", "を", "に", "は", "話し合われた",
    "開かれた", "署名した", "2025年", "1杯", "20歳", "G7", "NATO", "ウクライナ", "ゼレンスキー大統領",
    "「", "」", "・", "（", "）", "ー", "１２", "・１．",
)
# Hostile pieces between words: every sentence has both, so items (and notes) carry them.
hostile_text = st.lists(
    st.tuples(st.sampled_from(_HOSTILE), st.sampled_from(_JAPANESE)), min_size=1, max_size=16
).map(lambda pairs: "".join(h + j for h, j in pairs))
any_text = st.one_of(hostile_text, st.text(min_size=1, max_size=60))

_SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _annotate(text: str) -> Document | None:
    try:
        return ANNOTATOR.annotate(text, format="text")
    except InputError:
        return None  # nothing to read; test_properties.py checks when that may happen


# --- the templates' own vocabulary of elements and attributes --------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    handle_startendtag = handle_starttag


def _template_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Tags and attribute names written in the Jinja templates, read from the files themselves."""
    collector = _Collector()
    templates = resources.files("yomu.renderers").joinpath("templates")
    for name in ("page.html.j2", "sections.html.j2", "index.html.j2"):
        source = templates.joinpath(name).read_text(encoding="utf-8")
        source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
        source = re.sub(r"\{%.*?%\}", "", source, flags=re.S)
        source = re.sub(r"\{\{.*?\}\}", "x", source, flags=re.S)
        collector.feed(source)
    # The article's words are written in Python, with these patterns only.
    for pattern in WORD_MARKUP:
        collector.feed(pattern.replace("{}", "x"))
    assert {"ruby", "rt", "span", "script"} <= collector.tags  # the collection itself works
    return frozenset(collector.tags), frozenset(collector.attributes)


TEMPLATE_TAGS, TEMPLATE_ATTRIBUTES = _template_vocabulary()


class _Page(HTMLParser):
    """Elements and attributes of a page, and the text a reader sees in its article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.comments: list[str] = []
        self.article_text: list[str] = []
        self.json_text: list[str] = []
        self._open: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)
        self._json = tag == "script" and ("type", "application/json") in attrs
        if tag not in ("meta", "link", "input", "br"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._json = False
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._json:
            self.json_text.append(data)
        elif "article" in self._open and not {"rt", "rp"} & set(self._open):
            self.article_text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ … taken as markup
        self.comments.append(data)


def _squeezed(text: str) -> str:
    # The templates put line breaks between blocks; compare the text, not the layout.
    return re.sub(r"\s+", "", text)


@_SETTINGS
@given(any_text)
@example('<script>alert(1)</script>首脳会談<!--x-->"onerror="x()"<![CDATA[和平案]]>')
def test_html_page_has_only_yomus_markup_and_the_inputs_text(text: str) -> None:
    doc = _annotate(text)
    if doc is None:
        return
    page = _Page()
    page.feed(render_html(doc))
    page.close()
    assert set(page.tags) <= TEMPLATE_TAGS, set(page.tags) - TEMPLATE_TAGS
    assert set(page.attributes) <= TEMPLATE_ATTRIBUTES, set(page.attributes) - TEMPLATE_ATTRIBUTES
    assert page.comments == []
    assert page.tags.count("script") == 2  # the reader's code and the vocabulary JSON
    expected = "".join(b.marker.strip() + "".join(s.text for s in b.sentences) for b in doc.blocks)
    assert _squeezed("".join(page.article_text)) == _squeezed(expected)
    items = json.loads("".join(page.json_text))
    assert [i["text"] for i in items] == [i.text for i in doc.vocabulary()]


@_SETTINGS
@given(st.lists(hostile_text, min_size=1, max_size=3))
def test_index_page_escapes_titles_and_file_names(names: list[str]) -> None:
    docs = [d for d in map(_annotate, names) if d is not None]
    page = _Page()
    page.feed(render_index([(f"{name}.html", doc) for name, doc in zip(names, docs, strict=False)]))
    assert set(page.tags) <= TEMPLATE_TAGS
    assert set(page.attributes) <= TEMPLATE_ATTRIBUTES
    assert page.tags.count("a") == len(docs)


_OWN_MARKUP = re.compile(r"</?b>|<br>")
_FURIGANA_FIELDS = ("WordReading", "SentenceFurigana", "MoreSentences")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")


@_SETTINGS
@given(any_text)
@example("首脳会談{{c2::和平案}}が[はな]開かれた<b>。")
@example("停戦}}{{c1::x::y}}[ていせん]<br>")
def test_anki_fields_hold_only_yomus_markup(text: str) -> None:
    doc = _annotate(text)
    if doc is None:
        return
    for note in build_notes([doc], production=True, cloze=True):
        for name, value in note.fields.items():
            assert "<" not in _OWN_MARKUP.sub("", value), (name, value)
            assert ">" not in _OWN_MARKUP.sub("", value), (name, value)
            assert "{{" not in value and "}}" not in value, (name, value)
            if name in _FURIGANA_FIELDS:
                assert all(_KANA.match(r) for r in _BRACKET.findall(value)), (name, value)
            else:
                assert "[" not in value or name in ("Sentence", "Key", "Word", "Source"), (name, value)
        assert note.cloze is not None
        assert note.cloze.count("{{c1::") == 1 and note.cloze.count("}}") == 1, note.cloze
        assert "<" not in _OWN_MARKUP.sub("", note.cloze), note.cloze
        assert all(_KANA.match(r) for r in _BRACKET.findall(note.cloze)), note.cloze


def _reads_as_a_range(tokens: Sequence[Token], n: int) -> bool:
    """``tokens[n]`` is a wave dash with a number on each side (ASCII digits or kanji)."""
    return (
        tokens[n].surface in ("〜", "～", "~")
        and 0 < n < len(tokens) - 1
        and tokens[n - 1].reading_source == "number"
        and tokens[n + 1].reading_source == "number"
    )


@_SETTINGS
@given(any_text)
@example("0~0")  # found by Hypothesis: the wave dash read から
@example("価格は1200〜1880円、3時～5時だ。")
def test_readings_are_hiragana_and_punctuation_has_none(text: str) -> None:
    doc = _annotate(text)
    if doc is None:
        return
    tokens = doc.tokens()
    for n, token in enumerate(tokens):
        if token.is_punctuation and _reads_as_a_range(tokens, n):
            # The one punctuation read aloud, by design (docs/accuracy.md): a wave dash
            # between numbers, 3〜5 "three to five", is から.
            assert (token.reading, token.reading_source) == ("から", "context"), token
        elif token.is_punctuation:
            assert token.reading is None, token
        if token.reading is not None:
            assert re.fullmatch(r"[\u3041-\u309fー]+", token.reading), token
        for segment in token.furigana:
            if segment.reading:
                assert re.fullmatch(r"[\u3041-\u309fー]+", segment.reading), token
