"""A saved web page's article text: its title and its lines, each with what the markup
says it is (heading, list item, table row, text); :mod:`yomu.text.article` then finds
the clutter and the blocks as it does for plain text.

trafilatura finds the article body. On a short page (under 200 characters of body) a
plain lxml walk over ``<article>``/``<main>``/``<body>`` is tried as well and wins when it
reads more: trafilatura returns nothing for very short pages and may keep only part of a
short one. The title is the article's first ``<h1>``, else the page ``<title>`` (without
the site name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .lines import Hint, Line

# lxml ships no type information; its elements are handled as Any.
_Element = Any


def page_lines(html: str) -> tuple[str, list[Line]] | None:
    """The page's title and article lines; ``None`` for a page with no text at all."""
    html = _WRAPPED_LINE.sub("", _XML_DECLARATION.sub("", html, count=1))
    if not html.strip():
        return None
    title, lines = _extract_with_trafilatura(html)
    if _size(lines) < _SHORT_PAGE:
        # trafilatura gives up on very short pages, and on short ones may keep only
        # part of the body; the plain walk then reads more of it.
        walked_title, walked = _extract_with_lxml(html)
        if _size(walked) > _size(lines):
            title, lines = walked_title or title, walked
    return title, lines


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page or fragment rather than plain text."""
    start = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or _PAGE_TAG.search(start):
        return True
    return start.startswith("<") and len(_BLOCK_TAG.findall(start)) >= 2



def _size(lines: Sequence[Line]) -> int:
    return sum(len(line.text) for line in lines)


# --- HTML -----------------------------------------------------------------------------

# What marks text as HTML: a page's own tags, or a fragment that starts with markup.
_PAGE_TAG = re.compile(r"<(?:html|head|body)[\s>]")
_BLOCK_TAG = re.compile(r"</?(?:p|div|article|main|section|h[1-6]|ul|ol|li|table|tr|td|br|span|a)[\s>/]")
# lxml refuses a str that declares its own encoding; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HAS_TITLE = re.compile(r"<title[\s>]|og:title", re.IGNORECASE)
# A line break in the source between two Japanese characters is where an editor wrapped
# the text; browsers that follow CSS Text 3 show no space there, and neither do we.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WRAPPED_LINE = re.compile(f"(?<=[{_WIDE}])[ \t]*\r?\n[ \t\r\n]*(?=[{_WIDE}])")

# Elements that never hold article text: code, page chrome, widgets and forms.
_SKIP_TAGS = (
    "script", "style", "noscript", "template", "nav", "aside", "footer", "header", "iframe", "form",
    "button", "select", "textarea", "svg", "object", "embed",
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "head"})
# Elements that end a line of text; everything else is inline and flows into it.
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "body", "html", "blockquote", "quote", "ul", "ol",
    "list", "li", "item", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "row", "td", "th",
    "cell", "figure", "figcaption", "pre", "address", "hr", "center", "doc", *_HEADING_TAGS,
})
_LIST_TAGS = frozenset({"ul", "ol", "list"})
_ITEM_TAGS = frozenset({"li", "item"})
_ROW_TAGS = frozenset({"tr", "row"})
_CELL_TAGS = frozenset({"td", "th", "cell"})
_BREAK_TAGS = frozenset({"br", "lb"})
_BREAK = "\x1e"  # stands for <br> until a unit is split into lines
_SPACE = re.compile(r"\s+")
_SHORT_PAGE = 200
"""Characters of body text below which trafilatura's result is checked against the plain walk."""
_SITE_SUFFIX = re.compile(r"\s*(?:\s[|\-–—]\s|｜)[^|｜]{1,40}$")


def _extract_with_trafilatura(html: str) -> tuple[str, list[Line]]:
    try:
        import trafilatura
        from lxml import etree
    except ImportError:  # a broken lxml/trafilatura install still leaves the plain walk
        return "", []
    xml = trafilatura.extract(
        html, output_format="xml", include_tables=True, include_formatting=False,
        favor_precision=True, with_metadata=True,
    )
    if not xml:
        return "", []
    doc = etree.fromstring(xml)
    lines: list[Line] = []
    for body in doc.iter("main"):
        _walk(body, lines)
    # The article's own <h1> beats the metadata title, which comes from <title> when
    # the page has several <h1> (the site's logo is often one). Without <title>,
    # trafilatura would take any heading as the title, and a section heading is not one.
    h1 = doc.find(".//main//head[@rend='h1']")
    if h1 is not None:
        return _clean(_inline_text(h1).replace(_BREAK, " ")), lines
    return (_clean(str(doc.get("title") or "")) if _HAS_TITLE.search(html) else ""), lines


def _extract_with_lxml(html: str) -> tuple[str, list[Line]]:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", []
    page_title = _clean(root.findtext(".//title") or "")
    article = _first(root, "article")
    # An article's own <header> holds its headline; a page's <header> holds the site's
    # logo, often an <h1> too, so outside <article> the headline is looked for after
    # the page chrome is gone.
    h1 = _first(article, "h1") if article is not None else None
    etree.strip_elements(root, *_SKIP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    h1 = h1 if h1 is not None else _first(root, "h1")
    title = _clean(_inline_text(h1).replace(_BREAK, " ")) if h1 is not None else _page_title(page_title)
    body = article
    for tag in ("main", "body"):
        body = body if body is not None else _first(root, tag)
    lines: list[Line] = []
    _walk(body if body is not None else root, lines)
    return title, lines


def _page_title(title: str) -> str:
    # <title> usually ends with the site's name: 見出し | サイト名.
    return _SITE_SUFFIX.sub("", title) or title


def _first(root: _Element, tag: str) -> _Element | None:
    return next(iter(root.iter(tag)), None)


def _tag(element: _Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _walk(element: _Element, out: list[Line], hint: Hint = "text", marker: str = "") -> None:
    """Append the text units of ``element`` in document order."""
    tag = _tag(element)
    if tag in _HEADING_TAGS:
        _emit(out, _inline_text(element).replace(_BREAK, " "), "heading")
    elif tag in _ROW_TAGS:
        cells = tuple(_clean(_inline_text(c).replace(_BREAK, " ")) for c in element if _tag(c) in _CELL_TAGS)
        if any(cells):
            out.append(Line(0, " | ".join(cells), "table_row", cells=cells))
    elif tag in _LIST_TAGS:
        numbered = tag == "ol" or element.get("rend") == "ol"
        items = [c for c in element if _tag(c) in _ITEM_TAGS]
        for n, item in enumerate(items, start=1):
            _walk(item, out, "list_item", f"{n}." if numbered else "")
        for child in element:
            if _tag(child) not in _ITEM_TAGS:
                _walk(child, out)
    else:
        _walk_mixed(element, out, "list_item" if tag in _ITEM_TAGS else hint, marker)


def _walk_mixed(element: _Element, out: list[Line], hint: Hint, marker: str) -> None:
    """Text and inline children run together; a block child ends the current unit."""
    pieces = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag in _BREAK_TAGS:
            pieces.append(_BREAK)
        elif tag in _BLOCK_TAGS:
            _emit(out, "".join(pieces), hint, marker)
            pieces = []
            _walk(child, out)
        elif tag:
            pieces.append(_inline_text(child))
        pieces.append(child.tail or "")
    _emit(out, "".join(pieces), hint, marker)


def _inline_text(element: _Element) -> str:
    pieces = [element.text or ""]
    for child in element:
        if _tag(child) in _BREAK_TAGS:
            pieces.append(_BREAK)
        elif _tag(child):
            pieces.append(_inline_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _emit(out: list[Line], raw: str, hint: Hint, marker: str = "") -> None:
    # A <br> inside a paragraph separates lines, as a line break does in plain text.
    for part in raw.split(_BREAK):
        text = _clean(part)
        if text:
            out.append(Line(0, text, hint, marker=marker))


def _clean(text: str) -> str:
    # White space in markup is layout: any run of it shows as one space.
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()
