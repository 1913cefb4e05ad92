"""The article's words as HTML: ruby over the kanji, and a focusable span around each
word of an item the page marks, which the popup describes.

Written in Python, not a template: a Jinja2 macro call per run of words was most of the
time a page took to render. Every text goes through markupsafe's ``escape``, as Jinja2's
autoescaping would send it, into one of the patterns of :data:`MARKUP` (no other markup is
written here).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

from markupsafe import Markup, escape

from ..model import Sentence, Token, Word

POPUP_ID = "yomu-pop"

RUBY = "<ruby>{}<rp>(</rp><rt>{}</rt><rp>)</rp></ruby>"
WORD = '<span class="{}"{} tabindex="0" data-item="{}" aria-describedby="{}">{}</span>'
ANCHOR = ' id="{}"'
MARKUP = (RUBY, WORD, ANCHOR)
"""The patterns the article's words are written with (tests read the tags they hold)."""


def sentence_markup(
    sentence: Sentence, anchors: Mapping[str, str], seen: set[str], marked: Mapping[str, bool]
) -> Markup:
    """A sentence's words; a word of an item the page marks (``marked``: item id → whether
    it is a term or name) is a focusable ``span`` the popup describes, with the ``id`` of
    ``anchors`` at its first occurrence (``seen``: the items already given theirs)."""
    # Written in Python: a Jinja2 macro call per run of words was most of the time a page
    # took to render. A vocabulary item may span several tokens (安全 + 保障); consecutive
    # tokens of the same item become one marked word, so one popup covers the whole term.
    out: list[str] = []
    inner: list[str] = []
    item: str | None = None
    for token in sentence.tokens:
        if token.item != item and inner:
            out.append(_word(item, "".join(inner), anchors, seen, marked))
            inner = []
        item = token.item
        inner.append(_token_markup(token))
    if inner:
        out.append(_word(item, "".join(inner), anchors, seen, marked))
    return Markup("".join(out))


def _word(
    item: str | None, inner: str, anchors: Mapping[str, str], seen: set[str], marked: Mapping[str, bool]
) -> str:
    if item is None or item not in marked:
        return inner
    anchor = ""
    if item in anchors and item not in seen:
        seen.add(item)
        anchor = anchors[item]
    return word_markup(item, anchor, marked[item], inner)


def word_markup(item: str, anchor: str, term: bool, inner: str) -> str:
    """A marked word around ``inner``, its ruby markup."""
    anchored = ANCHOR.format(escape(anchor)) if anchor else ""
    return WORD.format("w t" if term else "w", anchored, escape(item), _POPUP, inner)


_POPUP = escape(POPUP_ID)


def _token_markup(token: Token) -> str:
    return _word_ruby(token.word)


_MAX_CACHED_WORDS = 65_536
_ruby_by_word: dict[Word, str] = {}


def _word_ruby(word: Word) -> str:
    """A word's ruby markup, made once per word however often the article uses it."""
    found = _ruby_by_word.get(word)
    if found is None:
        if len(_ruby_by_word) >= _MAX_CACHED_WORDS:
            _ruby_by_word.clear()
        if word.furigana:
            found = "".join([_piece_markup(s.text, s.reading or None) for s in word.furigana])
        else:
            found = _piece_markup(word.surface, None)
        _ruby_by_word[word] = found
    return found


@lru_cache(maxsize=65_536)
def _piece_markup(text: str, reading: str | None) -> str:
    return RUBY.format(escape(text), escape(reading)) if reading else str(escape(text))


WORD_END = "</span>"


def word_opening(item: str, anchor: str, term: bool) -> str:
    """The start tag :func:`word_markup` gives a marked word (made by it, so the two agree)."""
    word = word_markup(item, anchor, term, "")
    assert word.endswith(WORD_END)
    return word[: -len(WORD_END)]


@cache
def undecided_word() -> re.Pattern[str]:
    """A word in a streamed group's article: its escaped item id and its ruby.

    The shape is :func:`word_markup`'s own (a stand-in item rendered), so it follows any
    change to the markup. The ruby inside has no span, so the first end tag closes the word.
    """
    before, after = word_opening("\0", "", False).split("\0")
    return re.compile(f'{re.escape(before)}([^"]*){re.escape(after)}(.*?){re.escape(WORD_END)}', re.S)
