"""HTML output: one self-contained page a learner reads in any browser, offline.

The page carries everything inline (style, one small script, the vocabulary as a JSON
block) and makes no network requests. All text from the article, glossaries and
dictionaries goes through Jinja2's autoescaping; the article's words, written in Python
for speed (:mod:`yomu.renderers.html_markup`), through markupsafe's ``escape`` (the
function autoescaping calls) into the fixed patterns of :data:`MARKUP`; inside the JSON
block, through :func:`_script_json`. A Content-Security-Policy meta tag allows only the
page's own style and script, by their sha256 hashes, so even a missed escape could not
run injected code. See docs/html.md.

Output is deterministic: ids come from positions in the document, never from clocks
or random numbers, so the same document and options give byte-identical pages.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import repeat
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ..gc_pause import gc_paused
from ..learner.levels import rank_by_importance
from ..model import Block, Document, VocabItem
from ..text.fetch import is_url
from .html_items import (
    BRIEF_GLOSSES,
    FORMS_SHOWN,
    WORDLIST_SENSES,
    BriefEntry,
    GrammarEntry,
    InflectedForms,
    PageGrammar,
    brief_entries,
    coverage_text,
    is_term,
    item_data,
    marked_items,
    wordlist_entry,
)
from .html_markup import (
    ANCHOR,
    MARKUP,
    POPUP_ID,
    RUBY,
    WORD,
    WORD_END,
    sentence_markup,
    undecided_word,
    word_markup,
    word_opening,
)
from .kanji import breakdowns
from .template_cache import use_template_cache

if TYPE_CHECKING:
    from ..pipeline import StreamedDocument

__all__ = [
    "ANCHOR",
    "BRIEF_GLOSSES",
    "BRIEF_SIZE",
    "FORMS_SHOWN",
    "MARKUP",
    "POPUP_ID",
    "RUBY",
    "WORD",
    "WORDLIST_SENSES",
    "BriefEntry",
    "GrammarEntry",
    "Section",
    "rank_items",
    "render_html",
    "render_index",
    "sentence_markup",
    "word_markup",
    "write_html_stream",
]
"""The public names; the word markup (html_markup) and the items' data (html_items) stay
importable from here, where they were defined before."""

BRIEF_SIZE = 20
"""Brief entries shown before the rest fold away under "more words"."""

# --- view model: the article's sections, their sentences already markup ---------------


@dataclass(frozen=True)
class Section:
    """What the template emits as one element: a block, or consecutive list items/rows."""

    kind: str
    rows: tuple[tuple[str, Markup | tuple[Markup, ...]], ...]
    """(marker, markup) per block: its sentences' markup joined, or a table row's cells,
    each cell's markup apart."""


# --- public API ------------------------------------------------------------------------------


def render_html(doc: Document, *, vertical: bool = False) -> str:
    """One document as a self-contained HTML page (UTF-8 text, ends with a newline).

    ``vertical`` lays the article out in vertical writing (``writing-mode: vertical-rl``)
    with furigana on the right; the vocabulary brief and controls stay horizontal.
    """
    anchors = _first_anchors(doc)
    forms = InflectedForms()
    forms.add(doc.blocks)
    grammar = PageGrammar()
    grammar.add(doc.blocks)
    sections = _sections(doc, anchors)
    return _page(
        doc, doc.title, sections, anchors, forms.by_item, grammar, vertical=vertical, titled=doc.titled
    )


def write_html_stream(
    doc: StreamedDocument, out: BinaryIO, scratch: BinaryIO, *, for_learner: bool, vertical: bool = False
) -> None:
    """Write ``doc`` as :func:`render_html` would, a group of blocks at a time.

    ``for_learner`` is the whole document's ``for_learner``. The brief, word list and
    item data need the whole vocabulary, and the brief comes before the article; so does
    what each marked word's markup depends on (whether the learner knows it, whether it
    is a term, the anchor the brief links to). So each group's article is rendered to
    ``scratch`` as it comes, every word marked alike; after the last group the head goes
    to ``out``, then the article read back group by group with each word's markup
    decided, then the tail. Neither file needs to be seekable but ``scratch``, which is
    rewound when the document must be made twice.
    """
    # One pause for the whole document: the collector, resumed between groups, walked
    # every long-lived object each time (see renderers.json.write_json_stream).
    with gc_paused():
        while True:
            scratch.seek(0)
            scratch.truncate()
            body = _StreamedBody(scratch)
            for group in doc.groups():
                body.add(group)
            if doc.complete():
                break
        body.finish()
        # The document but for its blocks, which the head and the tail do not read.
        summary = Document(
            blocks=(), items=doc.items(), dropped=doc.dropped, source=doc.source, for_learner=for_learner
        )
        order = {item.id: n for n, item in enumerate(summary.vocabulary()) if not item.known}
        anchors = {item: f"w{n}" for item, n in order.items() if item in body.occurring}
        # The page without its article is the head and the tail: the article's text, being
        # escaped, has no "<" of its own, so the first article tag is the template's.
        forms = body.forms.by_item
        grammar = body.grammar
        page = _page(summary, doc.title, [], anchors, forms, grammar, vertical=vertical, titled=doc.titled)
        cut = page.index(_ARTICLE_START) + len(_ARTICLE_START)
        out.write(page[:cut].encode("utf-8"))
        scratch.seek(0)
        for piece in body.decided(marked_items(summary), anchors):
            out.write(piece.encode("utf-8"))
        out.write(page[cut:].encode("utf-8"))


_ARTICLE_START = '<article class="text">\n'


def _page(
    doc: Document,
    title: str,
    sections: list[Section],
    anchors: dict[str, str],
    forms: Mapping[str, Sequence[str]],
    grammar: PageGrammar,
    *,
    vertical: bool,
    titled: bool = True,
) -> str:
    style, script = _asset("yomu.css"), _asset("yomu.js")
    new_items = marked_items(doc)
    # Every popup's kanji breakdown from one batched KANJIDIC2 query.
    kanji = breakdowns(i.text for i in new_items)
    return (
        _env()
        .get_template("page.html.j2")
        .render(
            title=title,
            # An article without a title line still gets a level-one heading, for screen
            # readers and outlines, but not its lead paragraph shown twice as a headline.
            untitled=not titled,
            vertical=vertical,
            csp=_csp(style, script),
            style=Markup(style),
            script=Markup(script),
            sections=sections,
            continues=False,
            left_open=False,
            brief=brief_entries(doc, anchors),
            brief_names=brief_entries(doc, anchors, names=True),
            brief_size=BRIEF_SIZE,
            brief_grammar=grammar.brief(),
            wordlist=[wordlist_entry(i) for i in new_items],
            items_json=_script_json(
                [
                    item_data(i, forms.get(i.id, ()), kanji.get(i.text, ()), grammar.by_item.get(i.id, ()))
                    for i in new_items
                ]
            ),
            popup_id=POPUP_ID,
            # With a level or known words, furigana starts on the marked (new) words only.
            furigana="items" if doc.for_learner else "all",
            coverage=coverage_text(doc) if doc.for_learner else None,
            # Only a web address: a file's path would tell the page's reader about the
            # writer's disk. The fetcher took only http(s), so the link cannot be javascript:.
            source_url=doc.source if is_url(doc.source) else None,
        )
    )


def render_index(entries: Sequence[tuple[str, Document]]) -> str:
    """A page listing articles: (page file name, document) each, with vocabulary counts
    (of new words, and the share of running words known, when made for a learner).

    File names become relative links, percent-encoded, so a name can neither leave the
    ``href`` nor turn into another scheme (``javascript:``).
    """
    style = _asset("yomu.css")
    rows = []
    for name, doc in entries:
        items = marked_items(doc)
        rows.append(
            {
                "href": quote(name, safe="/"),
                "title": doc.title or name,
                "words": len(items),
                "terms": sum(1 for i in items if is_term(i)),
                "name": name,
                "known": f"{doc.coverage().known_share:.0%}" if doc.for_learner else "",
            }
        )
    return (
        _env().get_template("index.html.j2").render(csp=_csp(style, None), style=Markup(style), entries=rows)
    )


def rank_items(items: Sequence[VocabItem]) -> list[VocabItem]:
    """Items by importance, occurrences × rarity (:func:`yomu.learner.levels.importance`).

    The sort is stable, so ties keep the order of first appearance.
    """
    return rank_by_importance(items)


# --- helpers -------------------------------------------------------------------------------


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("yomu.renderers", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return use_template_cache(env)


@cache
def _asset(name: str) -> str:
    text = resources.files("yomu.renderers").joinpath("templates").joinpath(name).read_text(encoding="utf-8")
    # Inserted verbatim into <style>/<script>: a closing tag inside would end the element.
    assert "</" not in text, f"{name} must not contain '</'"
    return text


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _csp(style: str, script: str | None) -> str:
    # Only the page's own inline style and script run; no fetches, frames, forms or base
    # changes. img-src data: covers the empty favicon that stops browsers asking for one.
    script_src = _sha256(script) if script is not None else "'none'"
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_src}",
            f"style-src {_sha256(style)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _script_json(value: Any) -> Markup:
    """JSON safe inside a <script> element: ``<``, ``>`` and ``&`` become \\u escapes.

    Escaping ``<`` means neither ``</script>`` nor ``<!--`` can appear in the element,
    whatever the data holds; JSON.parse turns the escapes back into the characters.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # U+2028/2029 are valid in JSON but were line terminators in older JavaScript.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _first_anchors(doc: Document) -> dict[str, str]:
    """Item id → html id of its first occurrence, for marked items that occur in the text."""
    order = {item.id: n for n, item in enumerate(doc.vocabulary()) if not item.known}
    anchors: dict[str, str] = {}
    for token in doc.tokens():
        if token.item is not None and token.item in order and token.item not in anchors:
            anchors[token.item] = f"w{order[token.item]}"
    return anchors


_GROUPED = frozenset({"list_item", "table_row", "source"})
"""Block kinds whose consecutive blocks make one section (one list, table or footer)."""


def _sections(doc: Document, anchors: dict[str, str]) -> list[Section]:
    marked = {i.id: is_term(i) for i in marked_items(doc)}
    return _sectioned(doc.blocks, anchors, set(), marked)


def _sectioned(
    blocks: Sequence[Block],
    anchors: dict[str, str],
    seen: set[str],
    marked: Mapping[str, bool],
    openings: dict[str, str] | None = None,
) -> list[Section]:
    """The blocks' sections; ``openings`` gets every item a token belongs to (see
    :func:`sentence_markup`)."""
    if openings is None:
        openings = {}
    # The sentences of a block are joined here, not by the template's join filter (a
    # few Python calls per block); consecutive blocks of one section are gathered first.
    gathered: list[tuple[str, list[tuple[str, Markup | tuple[Markup, ...]]]]] = []
    for block in blocks:
        markup = [sentence_markup(s, anchors, seen, marked, openings) for s in block.sentences]
        kind = block.kind
        row = (block.marker.strip(), tuple(markup) if kind == "table_row" else Markup("".join(markup)))
        if kind in _GROUPED and gathered and gathered[-1][0] == kind:
            gathered[-1][1].append(row)
        else:
            gathered.append((kind, [row]))
    return [Section(kind, tuple(rows)) for kind, rows in gathered]


class _EveryItem(Mapping[str, bool]):
    """``marked`` for a streamed group: every item marked, none a term, until the
    vocabulary is complete and :meth:`_StreamedBody.decided` settles each word."""

    def __getitem__(self, item: str) -> bool:
        return False

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class _StreamedBody:
    """A streamed page's article, written to a scratch file a group at a time.

    Each group's sections are rendered as the whole page renders them, but with every
    vocabulary word marked the same way (no term class, no anchor), so the markup of a
    word is one fixed shape around its ruby; :meth:`decided` reads the groups back and
    puts each word's final markup in its place. A list, table or source footer that a
    group boundary cuts is left open and continued, so the sections come out as one.
    """

    def __init__(self, scratch: BinaryIO) -> None:
        self._scratch = scratch
        self._sizes: list[int] = []
        self._open: str | None = None
        """The kind of the section the last group left open, if any."""
        self.occurring: set[str] = set()
        """Items some token of the article belongs to (those the brief can link to)."""
        self.forms = InflectedForms()
        self.grammar = PageGrammar()

    def add(self, blocks: Sequence[Block]) -> None:
        openings: dict[str, str] = {}
        sections = _sectioned(blocks, {}, set(), _EveryItem(), openings)
        self.occurring.update(openings)  # the markup met every item of the group
        self.forms.add(blocks)
        self.grammar.add(blocks)
        pieces = []
        continues = sections[0].kind == self._open
        if self._open is not None and not continues:
            pieces.append(self._closing(self._open))
        left_open = sections[-1].kind in _GROUPED
        pieces.append(_render_sections(sections, continues=continues, left_open=left_open))
        self._open = sections[-1].kind if left_open else None
        self._write("".join(pieces))

    def finish(self) -> None:
        if self._open is not None:
            self._write(self._closing(self._open))
            self._open = None

    def decided(self, marked: Sequence[VocabItem], anchors: dict[str, str]) -> Iterator[str]:
        """The article as :func:`render_html` writes it, a group at a time, from the start
        of the scratch file: ``marked`` are the items the page marks, ``anchors`` the ids
        of their first occurrences."""
        # The scratch is cut at each word's start tag (split keeps the item ids, escaped as
        # the template wrote them) and every id's tag is looked up in one C call (map): the
        # item's start tag, the anchored one at its first word, and none for an item the
        # page does not mark (the learner knows it), whose end tag goes too. A Python
        # callback per word (re.sub) took twice as long.
        openings: dict[str, str] = {}
        firsts: dict[str, str] = {}
        for item in marked:
            key, term = str(escape(item.id)), is_term(item)
            openings[key] = word_opening(item.id, "", term)
            firsts[key] = word_opening(item.id, anchors.get(item.id, ""), term)
        opening_of = openings.get
        cut = undecided_word().split
        for size in self._sizes:
            parts = cut(self._scratch.read(size).decode("utf-8"))
            keys = parts[1::2]
            tags = list(map(opening_of, keys, repeat("")))
            if firsts:
                first_at = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
                for key in firsts.keys() & first_at.keys():
                    tags[first_at[key]] = firsts.pop(key)
            if "" in tags:
                for n, tag in enumerate(tags):
                    if not tag:  # the text after it begins with the word's ruby and end tag
                        parts[2 * n + 2] = parts[2 * n + 2].replace(WORD_END, "", 1)
            parts[1::2] = tags
            yield "".join(parts)

    def _closing(self, kind: str) -> str:
        return _render_sections([Section(kind, ())], continues=True, left_open=False)

    def _write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._scratch.write(data)
        self._sizes.append(len(data))


def _render_sections(sections: list[Section], *, continues: bool, left_open: bool) -> str:
    return _env().get_template("sections.html.j2").render(
        sections=sections, continues=continues, left_open=left_open, popup_id=POPUP_ID
    )


