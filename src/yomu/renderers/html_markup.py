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
from itertools import chain
from operator import attrgetter

from markupsafe import Markup, escape

from ..model import Sentence, Word

POPUP_ID = "yomu-pop"

RUBY = "<ruby>{}<rp>(</rp><rt>{}</rt><rp>)</rp></ruby>"
WORD = '<span class="{}"{} tabindex="0" data-item="{}" aria-describedby="{}">{}</span>'
ANCHOR = ' id="{}"'
MARKUP = (RUBY, WORD, ANCHOR)
"""The patterns the article's words are written with (tests read the tags they hold)."""


def sentence_markup(
    sentence: Sentence,
    anchors: Mapping[str, str],
    seen: set[str],
    marked: Mapping[str, bool],
    openings: dict[str, str] | None = None,
) -> Markup:
    """A sentence's words; a word of an item the page marks (``marked``: item id → whether
    it is a term or name) is a focusable ``span`` the popup describes, with the ``id`` of
    ``anchors`` at its first occurrence (``seen``: the items already given theirs).

    ``openings``, kept between the sentences of a page (with the same ``anchors``, ``seen``
    and ``marked``), gets each item met: the start tag of its words after its first, or
    ``""`` for an item the page does not mark.
    """
    # Written in Python: a Jinja2 macro call per run of words was most of the time a page
    # took to render. A vocabulary item may span several tokens (安全 + 保障); consecutive
    # tokens of the same item become one marked word, so one popup covers the whole term:
    # its start tag goes in front of the run's first ruby and its end tag after the last.
    # Per token this is a lookup of the word's ruby and a comparison of items; per run of
    # an item, a lookup of its start tag.
    if openings is None:
        openings = {}
    opening_of = openings.get
    out: list[str] = []
    ruby_of = _ruby_by_word.get
    item: str | None = None
    first = 0  # where in ``out`` the run of ``item``'s tokens starts
    # None after the last word closes the last run, as a word of another item would.
    for word in chain(map(_WORD, sentence.tokens), (None,)):
        next_item = None if word is None else word.item
        if next_item != item:
            if item is not None:
                opening = opening_of(item)
                if opening is None:
                    opening = _opening(item, anchors, seen, marked, openings)
                if opening:
                    out[first] = opening + out[first]
                    out.append(WORD_END)
            item = next_item
            first = len(out)
        if word is None:
            break
        ruby = ruby_of(word)
        out.append(_word_ruby(word) if ruby is None else ruby)
    return Markup("".join(out))


_WORD = attrgetter("word")


def _opening(
    item: str,
    anchors: Mapping[str, str],
    seen: set[str],
    marked: Mapping[str, bool],
    openings: dict[str, str],
) -> str:
    """The start tag of a word of ``item`` met for the first time in ``openings``: with the
    item's anchor if it has one not yet given, ``""`` if the page does not mark it."""
    if item not in marked:
        openings[item] = ""
        return ""
    term = marked[item]
    key = (item, term)
    plain = _openings.get(key)
    if plain is None:
        if len(_openings) >= _MAX_CACHED_WORDS:
            _openings.clear()
        plain = _openings[key] = word_opening(item, "", term)
    openings[item] = plain
    if item in anchors and item not in seen:
        seen.add(item)
        return word_opening(item, anchors[item], term)
    return plain


_openings: dict[tuple[str, bool], str] = {}
"""A marked word's start tag without an anchor, by item id and whether it is a term."""


def word_markup(item: str, anchor: str, term: bool, inner: str) -> str:
    """A marked word around ``inner``, its ruby markup."""
    anchored = ANCHOR.format(escape(anchor)) if anchor else ""
    return WORD.format("w t" if term else "w", anchored, escape(item), _POPUP, inner)


_POPUP = escape(POPUP_ID)


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
    """The start tag of a word in a streamed group's article, with its escaped item id as
    the pattern's one group, so ``split`` cuts the article into text, item id, text …
    The ruby after a start tag has no span, so the first end tag after it closes the word.

    The shape is :func:`word_markup`'s own (a stand-in item rendered), so it follows any
    change to the markup.
    """
    before, after = word_opening("\0", "", False).split("\0")
    return re.compile(f'{re.escape(before)}([^"]*){re.escape(after)}')
