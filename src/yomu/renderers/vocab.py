"""The pre-reading brief for the terminal and for scripts: ``yomu vocab``.

Rows are :class:`~yomu.learner.corpus.CorpusItem` entries in two sections, each most important
first: the words, then the people, places, organisations and events (:class:`Sections`).
Three formats: ``table`` (aligned columns, for people; East Asian wide characters count
double; the names under a heading of their own), ``tsv`` (a header row, then one row per
item; tabs and newlines in text become spaces) and ``json`` (an object with ``items``
and ``articles``; keys are only ever added). In TSV and JSON every row says its
``section``, ``words`` or ``names``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..learner.corpus import CorpusItem, Sections
from ..learner.levels import importance
from ..model import Coverage, Document
from .json import coverage_dict

GLOSS_WIDTH = 48
"""Terminal tables cut glosses at this many columns; TSV and JSON keep them whole."""

TSV_COLUMNS = ("term", "reading", "gloss", "count", "rank", "level", "source", "kind", "articles", "section")
"""New columns go at the end: scripts may read the columns by position."""

NAMES_HEADING = ("People and places in this article", "People and places in these articles")
"""The table's heading over the names (one article, several), as on the reader page's brief."""


def article_name(doc: Document) -> str:
    return Path(doc.source).name if doc.source else doc.title


def render_vocab(sections: Sections, docs: Sequence[Document], fmt: str) -> str:
    rows = [(e, "words") for e in sections.words] + [(e, "names") for e in sections.names]
    if fmt == "json":
        return _json(rows, docs)
    if fmt == "tsv":
        return _tsv(rows)
    return _table(sections, docs)


def render_summary(docs: Sequence[Document], fmt: str) -> str:
    """Coverage per article and in total: running words, share known, new items."""
    total = _total(docs)
    if fmt == "json":
        data = {
            "articles": [{"source": d.source, "title": d.title, **coverage_dict(d.coverage())} for d in docs],
            "total": coverage_dict(total),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    rows = [(article_name(d), d.coverage()) for d in docs]
    if len(docs) > 1:
        rows.append(("total", total))
    if fmt == "tsv":
        lines = ["article\trunning_words\tknown_words\tknown_share\titems\tnew_items"]
        lines += [
            "\t".join(
                [
                    _cell(name),
                    str(c.running_words),
                    str(c.known_words),
                    f"{c.known_share:.4f}",
                    str(c.items),
                    str(c.new_items),
                ]
            )
            for name, c in rows
        ]
        return "\n".join(lines) + "\n"
    table = [("article", "words", "known", "new items")] + [
        (name, f"{c.running_words:,}", f"{c.known_share:.0%}", f"{c.new_items:,}") for name, c in rows
    ]
    return _align(table, right={1, 2, 3})


def _total(docs: Sequence[Document]) -> Coverage:
    parts = [d.coverage() for d in docs]
    # Items are counted per article here; the same word in two articles is two items.
    return Coverage(
        running_words=sum(c.running_words for c in parts),
        known_words=sum(c.known_words for c in parts),
        items=sum(c.items for c in parts),
        new_items=sum(c.new_items for c in parts),
    )


def _gloss(entry: CorpusItem) -> str:
    item = entry.item
    return "; ".join(item.primary_glosses)


def _articles(entry: CorpusItem) -> list[str]:
    return [article_name(d) for d in entry.docs]


def _json(rows: Sequence[tuple[CorpusItem, str]], docs: Sequence[Document]) -> str:
    data: dict[str, Any] = {
        "items": [
            {
                "id": e.item.id,
                "text": e.item.text,
                "reading": e.item.reading,
                "gloss": _gloss(e),
                "glosses": list(e.item.glosses),
                "count": e.item.count,
                "rank": e.item.rank,
                "level": e.item.level,
                "source": e.item.source,
                "kind": e.item.kind,
                "known": e.item.known,
                "importance": round(importance(e.item), 3),
                "articles": _articles(e),
                "sentence": e.item.first_sentence,
                "section": section,
            }
            for e, section in rows
        ],
        "articles": [{"source": d.source, "title": d.title, **coverage_dict(d.coverage())} for d in docs],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split())


def _tsv(rows: Sequence[tuple[CorpusItem, str]]) -> str:
    lines = ["\t".join(TSV_COLUMNS)]
    for e, section in rows:
        item = e.item
        lines.append(
            "\t".join(
                [
                    _cell(item.text),
                    _cell(item.reading),
                    _cell(_gloss(e)),
                    str(item.count),
                    "" if item.rank is None else str(item.rank),
                    item.level or "",
                    item.source,
                    item.kind,
                    _cell(", ".join(_articles(e))),
                    section,
                ]
            )
        )
    return "\n".join(lines) + "\n"


def _table(sections: Sections, docs: Sequence[Document]) -> str:
    words = _section_table(sections.words, docs) if sections.words else "no new words\n"
    if not sections.names:
        return words
    heading = NAMES_HEADING[len(docs) > 1]
    return f"{words}\n{heading} ({len(sections.names)})\n" + _section_table(sections.names, docs)


def _section_table(entries: Sequence[CorpusItem], docs: Sequence[Document]) -> str:
    several = len(docs) > 1
    header: tuple[str, ...] = ("term", "reading", "gloss", "count", "rank", "level", "source")
    header += ("articles",) if several else ()
    rows: list[tuple[str, ...]] = [header]
    for e in entries:
        item = e.item
        row = (
            item.text,
            item.reading if item.reading != item.text else "",
            _clip(_gloss(e), GLOSS_WIDTH),
            str(item.count),
            "" if item.rank is None else f"{item.rank:,}",
            item.level or "",
            item.source,
        )
        rows.append(row + ((str(len(e.docs)),) if several else ()))
    return _align(rows, right={3, 4} | ({7} if several else set()))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _align(rows: Sequence[tuple[str, ...]], *, right: set[int]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
