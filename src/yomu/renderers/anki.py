"""Anki decks: one note per vocabulary item, with furigana Anki renders itself.

``build_notes`` is the pure part: documents in, note contents out (already escaped,
furigana in Anki's bracket syntax). The note types and what identifies a note are in
:mod:`yomu.renderers.anki_model`; a learner's edits carried into a rebuilt deck in
:mod:`yomu.renderers.anki_edits`; ``render_apkg`` and ``render_anki_tsv`` (the package
and Anki's text import) in :mod:`yomu.renderers.anki_package`. See docs/anki.md.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..learner.corpus import CorpusItem, Occurrence, item_runs, merge_documents, ranked_sections
from ..learner.ranking import is_name
from ..meaning.dict_entries import KanjiDetail
from ..model import Document, FuriganaSegment, Inflection, VocabItem
from ..text.fetch import is_url
from ..words.furigana import furigana_segments
from ..words.inflection import describe
from ..words.kana import normalize_for_compare
from .anki_edits import DIGEST_PREFIX, carry_edits, digest_tag, edited_fields
from .anki_model import (
    CLOZE_FIELDS,
    CLOZE_MODEL_ID,
    FIELDS,
    MODEL_FIELDS,
    NAME_TAG,
    VOCAB_MODEL_ID,
    Choices,
    ClozeHint,
    DeckSummary,
    ExistingNote,
    Note,
    cloze_guid,
    deck_id_for,
    note_guid,
)
from .anki_package import TSV_COLUMNS, build_deck, render_anki_tsv, render_apkg
from .kanji import breakdowns, kanji_line

__all__ = [
    "CLOZE_FIELDS",
    "CLOZE_MODEL_ID",
    "DIGEST_PREFIX",
    "FIELDS",
    "MODEL_FIELDS",
    "NAME_TAG",
    "TSV_COLUMNS",
    "VOCAB_MODEL_ID",
    "Choices",
    "ClozeHint",
    "DeckSummary",
    "ExistingNote",
    "Note",
    "article_slug",
    "best_occurrences",
    "build_deck",
    "build_notes",
    "carry_edits",
    "chosen_item",
    "cloze_guid",
    "cloze_hint_for",
    "deck_id_for",
    "digest_tag",
    "edited_fields",
    "note_guid",
    "occurrence_inflection",
    "render_anki_tsv",
    "render_apkg",
    "sentence_rank",
    "word_reading",
]
"""The public names; the note types (anki_model), the learner's edits (anki_edits) and
the package writers (anki_package) stay importable from here, where they were before."""


# --- fields --------------------------------------------------------------------------------


def _escape(text: str) -> str:
    # Braces too: Anki reads {{c1::…}} in a field's content as a cloze deletion, so an
    # article quoting that syntax would add cards (or break yomu's own cloze) on import.
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _escape_bracket_text(text: str) -> str:
    # In fields read by {{furigana:…}} a literal ASCII "[" would start a reading.
    return _escape(text).replace("[", "&#91;").replace("]", "&#93;")


class _BracketWriter:
    """Builds Anki bracket furigana: ``安全[あんぜん]の 保証[ほしょう]``.

    Anki's filter matches `` ?([^ >]+?)\\[(.+?)\\]``: the ruby base runs back to the
    previous space or ``>``. So every ruby run except one at the very start of the field
    gets an ASCII space right before it (which Anki removes), and runs without a reading
    get no brackets at all.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []

    def markup(self, tag: str) -> None:
        self.parts.append(tag)

    def segment(self, segment: FuriganaSegment) -> None:
        if segment.reading and segment.reading != segment.text:
            space = " " if self.parts else ""
            self.parts.append(
                f"{space}{_escape_bracket_text(segment.text)}[{_escape_bracket_text(segment.reading)}]"
            )
        else:
            self.parts.append(_escape_bracket_text(segment.text))

    def text(self) -> str:
        return "".join(self.parts)


def word_reading(text: str, reading: str, segments: Iterable[FuriganaSegment] = ()) -> str:
    """``text`` with ``reading`` in bracket furigana, from ``segments`` when they fit (see below)."""
    writer = _BracketWriter()
    for segment in _fitting_segments(text, reading, tuple(segments)):
        writer.segment(segment)
    return writer.text()


def _fitting_segments(
    text: str, reading: str, segments: tuple[FuriganaSegment, ...]
) -> tuple[FuriganaSegment, ...]:
    # The tokens' segments give finer ruby (首脳[しゅのう] 会談[かいだん]) but only fit when
    # they spell this very word and agree with the item's reading (an inflected form, or a
    # reading a glossary gave the item but not its tokens, would not); else align anew.
    spelled = normalize_for_compare("".join(s.reading or s.text for s in segments))
    if "".join(s.text for s in segments) == text and spelled == normalize_for_compare(reading):
        return segments
    return furigana_segments(text, reading)


def _sentence_html(occurrence: Occurrence) -> str:
    tokens = occurrence.sentence.tokens
    text = occurrence.sentence.text
    start, end = tokens[occurrence.first].start, tokens[occurrence.last - 1].end
    return f"{_escape(text[:start])}<b>{_escape(text[start:end])}</b>{_escape(text[end:])}"


def _sentence_furigana(occurrence: Occurrence, item: VocabItem | None = None) -> str:
    """The sentence in bracket furigana, the occurrence in ``<b>``; over the word itself
    the item's reading when ``item`` is given and the occurrence spells it."""
    tokens = occurrence.sentence.tokens
    word = _occurrence_segments(occurrence)
    if item is not None and "".join(s.text for s in word) == item.text:
        word = _fitting_segments(item.text, item.reading, word)
    writer = _BracketWriter()
    text = occurrence.sentence.text
    position = 0
    for index, token in enumerate(tokens):
        if token.start > position:  # text between tokens (spaces Sudachi did not emit)
            writer.segment(FuriganaSegment(text[position : token.start], None))
        if index == occurrence.first:
            writer.markup("<b>")
            for segment in word:
                writer.segment(segment)
        elif not occurrence.first < index < occurrence.last:
            for segment in token.furigana or (FuriganaSegment(token.surface, None),):
                writer.segment(segment)
        if index == occurrence.last - 1:
            writer.markup("</b>")
        position = max(position, token.end)
    if position < len(text):
        writer.segment(FuriganaSegment(text[position:], None))
    return writer.text()


def _occurrence_segments(occurrence: Occurrence) -> tuple[FuriganaSegment, ...]:
    tokens = occurrence.sentence.tokens[occurrence.first : occurrence.last]
    return tuple(s for t in tokens for s in (t.furigana or (FuriganaSegment(t.surface, None),)))


def _definitions(item: VocabItem, kanji: Sequence[KanjiDetail] = ()) -> tuple[str, str]:
    # The kanji breakdown, one kanji a line, after the senses and before the note and
    # "also read …": the learner reads the word's meanings first, then its parts.
    breakdown = [_escape(kanji_line(k)) for k in kanji]
    if not item.senses:
        return "", "<br>".join([*breakdown, _escape(item.note)] if item.note else breakdown)
    primary = _escape("; ".join(item.primary_glosses))
    others = [_escape("; ".join(sense.glosses)) for i, sense in enumerate(item.senses) if i != item.primary]
    others.extend(breakdown)
    if item.note:
        others.append(_escape(item.note))
    if item.other_readings:
        # The card's reading is the one its sentence has; the word is read otherwise elsewhere.
        others.append(_escape("also read " + "、".join(item.other_readings)))
    return primary, "<br>".join(others)


def _grammar_lines(occurrences: Sequence[Occurrence]) -> list[str]:
    """``話し合われた: 話し合う + passive + past`` for each inflected form among the
    occurrences, escaped, once each."""
    lines: list[str] = []
    for occurrence in occurrences:
        inflection = occurrence_inflection(occurrence)
        if inflection is not None:
            line = _escape(f"{inflection.text}: {describe(inflection)}")
            if line not in lines:
                lines.append(line)
    return lines


def occurrence_inflection(occurrence: Occurrence) -> Inflection | None:
    """The inflection of the word at ``occurrence``: on one of its tokens, or on the する
    right after a verbal noun (実施 + された)."""
    tokens = occurrence.sentence.tokens
    for index in range(occurrence.first, min(occurrence.last + 1, len(tokens))):
        inflection = tokens[index].inflection
        if inflection is None:
            continue
        if index < occurrence.last or inflection.text.startswith(tokens[index - 1].surface):
            return inflection
    return None


def _source_line(doc: Document) -> str:
    # A web page is named by its whole address, which a reader can open again.
    name = doc.source if is_url(doc.source) else Path(doc.source).name if doc.source else ""
    title = doc.title.strip()
    if name and title:
        return f"{_escape(title)} ({_escape(name)})"
    return _escape(title or name)


def article_slug(doc: Document) -> str:
    """An ASCII tag for the article: its file stem, lower-cased, other characters as ``-``.

    A stem with no ASCII letters or digits (``記事.txt``, text given in code) becomes
    ``article-`` plus a short hash of the source or title, so articles stay apart.
    """
    stem = Path(doc.source).stem if doc.source and doc.source != "<stdin>" else ""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if slug:
        return slug
    basis = doc.source or doc.title
    return "article-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:8]


def build_notes(
    docs: Sequence[Document],
    *,
    max_items: int | None = None,
    production: bool = False,
    cloze: bool = False,
    cloze_hint: ClozeHint = "reading",
    choices: Choices | None = None,
    names: bool = True,
    max_names: int | None = None,
    merged: Sequence[CorpusItem] | None = None,
) -> tuple[Note, ...]:
    """One note per vocabulary item across ``docs``: the words, most important first, then
    (with ``names``) the people, places, organisations and events, ranked apart
    (:func:`yomu.learner.ranking.is_name`). ``max_items`` keeps that many words and ``max_names``
    that many names (``None``: as many as ``max_items``), so names never push words out.
    Name notes carry the tag ``name``.

    Items are merged by (text, reading): counts are summed, sources and example
    sentences (one per article, a whole sentence where the article has one:
    :func:`sentence_rank`) collected in article order, the best first. A cloze card's
    front shows ``cloze_hint`` where the word is hidden (:func:`cloze_hint_for`). A word
    in ``choices`` gets the meaning the learner picked as its ``PrimaryDefinition``
    (:func:`chosen_item`). The back's ``ExtraDefinitions`` has the word's kanji breakdown
    (KANJIDIC2, read in one query for the whole deck). Pure but for that read: no files
    written, no clock. ``merged``: ``merge_documents(docs)``, when the caller has it (a
    cluster merged it: :func:`yomu.archive.merged_vocabulary`).
    """
    notes: list[Note] = []
    best: dict[int, dict[str, tuple[int, Occurrence]]] = {}
    entries = _deck_entries(docs, max_items, max_names if names else 0, merged)
    # Every card's kanji breakdown from one batched KANJIDIC2 query.
    kanji = breakdowns(entry.item.text for entry in entries)
    for entry in entries:
        item, own = chosen_item(entry.item, choices or {})
        examples = _examples(entry, best)
        first = examples[0] if examples else None
        primary, extra = _definitions(item, kanji.get(item.text, ()))
        if own is not None:
            # The learner's own words come first; yomu's meaning stays on the back.
            extra = "<br>".join(p for p in (primary, extra) if p)
            primary = _escape(own)
        grammar = _grammar_lines(entry.occurrences)
        if grammar:
            # The back says what the form in the card's sentences does; in the existing
            # field, so the note type (and learners' collections) need no migration.
            extra = "<br>".join([*grammar, extra] if extra else grammar)
        reading_field = word_reading(item.text, item.reading, _occurrence_segments(first) if first else ())
        if first is not None:
            sentence, sentence_furigana = _sentence_html(first), _sentence_furigana(first, item)
        else:  # an item without tokens (should not happen): fall back to its sentence text
            sentence = sentence_furigana = _escape(item.first_sentence)
        fields = {
            "Key": _escape(f"{item.text}:{item.reading}"),
            "Word": _escape(item.text),
            "WordReading": reading_field,
            "PrimaryDefinition": primary,
            "ExtraDefinitions": extra,
            "Sentence": sentence,
            "SentenceFurigana": sentence_furigana,
            "Source": "<br>".join(_source_line(d) for d in entry.docs),
            "Frequency": str(item.rank) if item.rank is not None else "",
            "Kind": _escape(item.kind),
            "MoreSentences": "<br>".join(_sentence_furigana(o, item) for o in examples[1:]),
            "Production": "y" if production else "",
        }
        domain = (_tag(item.domain),) if item.domain else ()
        name = (NAME_TAG,) if is_name(item) else ()
        tags = ("yomu", *domain, item.kind, *name, *dict.fromkeys(article_slug(d) for d in entry.docs))
        cloze_text = (
            _cloze_text(first, item, reading_field, cloze_hint_for(item, cloze_hint)) if cloze else None
        )
        cloze_fields = None
        if cloze_text is not None:
            cloze_fields = {
                "Key": fields["Key"],
                "Text": cloze_text,
                "Word": fields["Word"],
                "WordReading": fields["WordReading"],
                "PrimaryDefinition": fields["PrimaryDefinition"],
                "Source": fields["Source"],
            }
        notes.append(
            Note(
                note_guid(item.text, item.reading),
                item.text,
                item.reading,
                fields,
                tags,
                cloze_text,
                cloze_fields,
                digest_tag([fields[f] for f in MODEL_FIELDS]),
                digest_tag([cloze_fields[f] for f in CLOZE_FIELDS]) if cloze_fields else "",
                chosen=item is not entry.item or own is not None,
            )
        )
    return tuple(notes)


def chosen_item(item: VocabItem, choices: Choices) -> tuple[VocabItem, str | None]:
    """``item`` with the meaning the learner picked for it: (item, their own words).

    A choice that is one of the item's senses (glosses joined by ``"; "``) makes that
    sense the primary one, so the back, the cloze hint and the other senses follow; any
    other text is the learner's own meaning, returned for the card's front. A choice
    given without a reading applies to every reading of the word.
    """
    meaning = choices.get((item.text, item.reading)) or choices.get((item.text, ""))
    if not meaning:
        return item, None
    for n, sense in enumerate(item.senses):
        if "; ".join(sense.glosses) == meaning:
            return (item if n == item.primary else replace(item, primary=n)), None
    return item, meaning


# A sentence that ends as a sentence does: 。 ！ ？ (or ! ?), then closing quotes or brackets.
_SENTENCE_END = re.compile(r"[。．！？!?][」』）)】〕\"']*\s*$")
# Arrows of a timeline ("交渉 → 対立が浮き彫りに", a line of "↓") are not prose.
_ARROWS = re.compile(r"[→←↓↑⇒➡]")


def sentence_rank(kind: str, text: str) -> int:
    """How good a sentence of a ``kind`` block is as a card's example; lower is better.

    0: a whole sentence of the article's body (a paragraph, ending in 。！？);
    1: a whole sentence in a list item or table row;
    2: other body text (a fragment without its end, a line of a timeline);
    3: a title, heading or source line.
    """
    if kind in ("title", "heading", "source"):
        return 3
    whole = bool(_SENTENCE_END.search(text)) and not _ARROWS.search(text)
    if not whole:
        return 2
    return 0 if kind == "paragraph" else 1


def best_occurrences(doc: Document) -> dict[str, Occurrence]:
    """Item id → its occurrence in the best sentence of ``doc`` (:func:`sentence_rank`),
    the first one among equals; found in one pass over the document."""
    return {item: occurrence for item, (_, occurrence) in _ranked_occurrences(doc).items()}


def _ranked_occurrences(doc: Document) -> dict[str, tuple[int, Occurrence]]:
    found: dict[str, tuple[int, Occurrence]] = {}
    for block in doc.blocks:
        for sentence in block.sentences:
            rank = sentence_rank(block.kind, sentence.text)
            for item, i, j in item_runs(sentence):
                if item not in found or rank < found[item][0]:
                    found[item] = (rank, Occurrence(doc, sentence, i, j))
    return found


def _examples(entry: CorpusItem, cache: dict[int, dict[str, tuple[int, Occurrence]]]) -> list[Occurrence]:
    """The entry's example sentences, one per article: the best sentence of all articles
    first (the note's ``Sentence``), the others in article order (``MoreSentences``).

    A heading or a timeline line is where a word often appears first, but a card needs a
    whole sentence to read it in; such lines serve only when no article has better.
    """
    chosen: list[tuple[int, Occurrence]] = []
    for first in entry.occurrences:
        # id(): documents are frozen and compared by value (every token); the cache is
        # per build_notes call, while every document is alive.
        ranked = cache.get(id(first.doc))
        if ranked is None:
            ranked = cache[id(first.doc)] = _ranked_occurrences(first.doc)
        # The item's id in this document, read off its first occurrence's tokens.
        item_id = first.sentence.tokens[first.first].item or ""
        chosen.append(ranked.get(item_id, (2, first)))
    if not chosen:
        return []
    top = min(range(len(chosen)), key=lambda i: chosen[i][0])  # the first among equals
    return [chosen[top][1], *(o for i, (_, o) in enumerate(chosen) if i != top)]


def _deck_entries(
    docs: Sequence[Document],
    max_items: int | None,
    max_names: int | None,
    merged: Sequence[CorpusItem] | None = None,
) -> list[CorpusItem]:
    # Only what the learner does not know yet: a card for 日本 is noise at N4.
    entries = merge_documents(docs) if merged is None else merged
    sections = ranked_sections([e for e in entries if not e.item.known], max_items, max_names)
    return [*sections.words, *sections.names]


def _tag(text: str) -> str:
    # Anki splits tags at spaces; keep domain tags one word.
    return re.sub(r"\s+", "_", text.strip())


def cloze_hint_for(item: VocabItem, hint: ClozeHint) -> str:
    """The plain text a cloze card shows for the hidden ``item``: its reading or its gloss.

    A reading that spells the word itself (について, ニュース) would give the answer away,
    so such words get their gloss; an item with neither gets its kind (``person``).
    """
    gloss = "; ".join(item.primary_glosses[:2])
    reveals = normalize_for_compare(item.reading) == normalize_for_compare(item.text)
    if hint == "reading" and item.reading and not reveals:
        return item.reading
    return gloss or item.kind


def _cloze_text(occurrence: Occurrence | None, item: VocabItem, reading_field: str, hint: str) -> str:
    # In {{c1::answer::hint}} a "::" or "}}" in the hint would end it early: _escape turns
    # braces into entities, and colons become &#58; (Anki shows them as colons).
    suffix = "::" + _escape_bracket_text(hint).replace(":", "&#58;") + "}}" if hint else "}}"
    if occurrence is None:
        return "{{c1::" + reading_field + suffix
    # The sentence in bracket furigana with the word's tokens wrapped in {{c1::…}}; the
    # <b> markers of _sentence_furigana mark exactly where the cloze goes.
    marked = _sentence_furigana(occurrence, item)
    return marked.replace("<b>", "{{c1::", 1).replace("</b>", suffix, 1)


