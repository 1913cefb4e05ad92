"""Anki decks: one note per vocabulary item, with furigana Anki renders itself.

``build_notes`` is the pure part: documents in, note contents out (already escaped,
furigana in Anki's bracket syntax). ``render_apkg`` turns notes into an ``.apkg``
(bytes) with ``genanki``; ``render_anki_tsv`` gives the same fields for Anki's text
import. Identity is explicit so re-importing a newer deck updates notes instead of
duplicating them: note GUIDs come from ``(text, reading)`` only, note type and deck
ids are fixed or derived from names, and every note carries the build ``timestamp``,
which Anki compares with the note it already has. See docs/anki.md.

A learner's edits survive a rebuild: every note carries a ``yomu-digest::`` tag with a
short hash of each field as yomu wrote it. ``carry_edits`` compares the fields of the
learner's collection with that record: a field that differs was edited, and its value
goes into the new package instead of yomu's; fields that match get yomu's new value.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import genanki

from ..corpus import CorpusItem, Occurrence, item_runs, merge_documents, ranked
from ..dictionary import KanjiDetail
from ..fetch import is_url
from ..furigana import furigana_segments
from ..inflection import describe
from ..kana import normalize_for_compare
from ..model import Document, FuriganaSegment, Inflection, VocabItem
from .kanji import breakdowns, kanji_line

# Fixed forever: Anki recognises a note type by its id, so a new id would make Anki
# create a second note type (and second notes) on the next import. Change the fields
# or templates of a model only together with a migration note in docs/anki.md.
VOCAB_MODEL_ID = 1_607_392_319
CLOZE_MODEL_ID = 1_607_392_320

FIELDS = (
    "Key",
    "Word",
    "WordReading",
    "PrimaryDefinition",
    "ExtraDefinitions",
    "Sentence",
    "SentenceFurigana",
    "Source",
    "Frequency",
    "Kind",
    "MoreSentences",
)
"""The vocabulary note's fields a learner sees, in order (Lapis / JP-Mining style names)."""

MODEL_FIELDS = (*FIELDS, "Production")
"""The note type's fields: :data:`FIELDS` and ``Production`` (``y`` makes the meaning → word card)."""

CLOZE_FIELDS = ("Key", "Text", "Word", "WordReading", "PrimaryDefinition", "Source")
"""The cloze note type's fields; ``Text`` holds ``{{c1::…::hint}}`` in bracket furigana."""

ClozeHint = Literal["reading", "gloss"]
"""What the front of a cloze card shows in place of the word: its reading or its meaning."""

Choices = Mapping[tuple[str, str], str]
"""(word, reading) → the meaning the learner picked for it on the reader page
(``yomu deck --choices``): one of the word's senses, its glosses joined by ``"; "`` as
the page shows them, or the learner's own words."""

_CSS = """\
.card {
  font-family: "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", sans-serif;
  font-size: 20px; line-height: 1.6; text-align: center;
  color: #1d1d1f; background-color: #fafafa;
  padding: 0 12px;
}
.card.nightMode, .nightMode .card { color: #e8e8e8; background-color: #1e1e1e; }
.word { font-size: 2.4em; margin: 0.4em 0 0.2em; }
.reading { font-size: 1.6em; }
.meaning { font-size: 1.1em; margin: 0.6em 0; }
.extra { font-size: 0.85em; color: #555; }
.nightMode .extra { color: #aaa; }
.sentence { font-size: 1.1em; margin: 0.8em auto; max-width: 40em; text-align: left; }
.sentence b { color: #b3261e; font-weight: bold; }
.nightMode .sentence b { color: #ff8a80; }
.source, .kind { font-size: 0.7em; color: #777; }
.nightMode .source, .nightMode .kind { color: #999; }
ruby rt { font-size: 0.55em; }
.cloze { font-weight: bold; color: #1565c0; }
.nightMode .cloze { color: #90caf9; }
hr#answer { margin: 0.6em 0; }
"""

_BACK_DETAILS = """\
<div class="meaning">{{PrimaryDefinition}}</div>
{{#ExtraDefinitions}}<div class="extra">{{ExtraDefinitions}}</div>{{/ExtraDefinitions}}
<div class="sentence">{{furigana:SentenceFurigana}}</div>
{{#MoreSentences}}<div class="sentence">{{furigana:MoreSentences}}</div>{{/MoreSentences}}
<div class="source">{{Source}}</div>
<div class="kind">{{Kind}}</div>"""

_RECOGNITION = {
    "name": "Recognition",
    "qfmt": '<div class="word">{{Word}}</div>\n<div class="sentence">{{Sentence}}</div>',
    "afmt": '<div class="word">{{Word}}</div>\n<hr id="answer">\n'
    '<div class="reading">{{furigana:WordReading}}</div>\n' + _BACK_DETAILS,
}
_PRODUCTION = {
    "name": "Production",
    # Empty unless the note has Production = "y": Anki makes no card for a template whose
    # front renders empty, so one note type serves decks built with and without it.
    "qfmt": '{{#Production}}<div class="meaning">{{PrimaryDefinition}}</div>\n'
    '<div class="kind">{{Kind}}</div>{{/Production}}',
    "afmt": '<div class="meaning">{{PrimaryDefinition}}</div>\n<hr id="answer">\n'
    '<div class="word">{{furigana:WordReading}}</div>\n' + _BACK_DETAILS,
}


@dataclass(frozen=True)
class Note:
    """One vocabulary item, ready for Anki: field values are escaped HTML."""

    guid: str
    text: str
    reading: str
    fields: Mapping[str, str]
    """Field name → value, for every name of :data:`MODEL_FIELDS`."""
    tags: tuple[str, ...]
    cloze: str | None = None
    """The ``Text`` of the item's cloze note (``None`` when cloze cards were not asked for)."""
    cloze_fields: Mapping[str, str] | None = None
    """Field name → value of the cloze note, for every name of :data:`CLOZE_FIELDS`."""
    digest: str = ""
    """The ``yomu-digest::`` tag recording the fields as yomu wrote them (:func:`digest_tag`)."""
    cloze_digest: str = ""
    """The same for the cloze note."""
    cloze_tags: tuple[str, ...] | None = None
    """The cloze note's tags when they differ from ``tags`` (a learner's own tags on it)."""
    kept: tuple[str, ...] = ()
    """Fields whose value is the learner's edit, not yomu's (``Cloze.``-prefixed for the cloze note)."""
    chosen: bool = False
    """Whether ``PrimaryDefinition`` is the meaning the learner picked (:data:`Choices`)."""


@dataclass(frozen=True)
class ExistingNote:
    """A note as the learner's collection has it: raw field values and tags."""

    fields: Mapping[str, str]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DeckSummary:
    path: Path | None
    deck_name: str
    deck_id: int
    notes: int
    """Vocabulary notes (cloze notes not counted)."""
    cloze_notes: int
    articles: int
    kept_notes: int = 0
    """Notes that keep at least one field the learner edited in Anki (``--collection``)."""
    kept_fields: int = 0
    """Fields kept that way, over all notes."""
    chosen_notes: int = 0
    """Notes whose primary definition is the meaning the learner picked (``--choices``)."""


def deck_id_for(name: str) -> int:
    """A stable deck id for ``name``: the first 8 bytes of its SHA-1, folded into Anki's range.

    Kept between 2**30 and 2**52 so it is positive and survives Anki's JavaScript side
    (which reads ids as doubles) and never collides with Anki's default deck (id 1).
    """
    digest = int.from_bytes(hashlib.sha1(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % ((1 << 52) - (1 << 30))


def note_guid(text: str, reading: str) -> str:
    """The GUID of an item's note: from the written form and reading only.

    genanki's default hashes every field, so a new example sentence or source would
    make a new note on re-import; 橋:はし and 箸:はし stay apart through the reading.
    """
    return str(genanki.guid_for(text, reading))


def cloze_guid(text: str, reading: str) -> str:
    """The GUID of an item's cloze note."""
    return str(genanki.guid_for(text, reading, "cloze"))


# --- the learner's edits -------------------------------------------------------------------

DIGEST_PREFIX = "yomu-digest::"
"""Tags starting with this record what yomu wrote; Anki files them under one collapsed tag."""

# Version 1: one 6-hex-digit hash per field, in the order of MODEL_FIELDS (vocabulary
# notes) or CLOZE_FIELDS (cloze notes). A new field list needs a new version, so a digest
# written by an older yomu is still read with the field list it was made from.
_DIGEST_VERSION = "1"
_HASH_WIDTH = 6


def _field_hash(value: str) -> str:
    # NFC: Anki normalises text to NFC on import, so a field yomu wrote in another form
    # (a CJK compatibility ideograph) must not look edited when it comes back.
    normalized = unicodedata.normalize("NFC", value)
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:_HASH_WIDTH]


def digest_tag(values: Sequence[str]) -> str:
    """The tag recording field ``values`` (in the note type's field order) as yomu wrote them.

    A tag, not a field: a field added to the note type makes Anki's default import create a
    second note type and skip every existing note as conflicting (docs/anki.md).
    """
    return f"{DIGEST_PREFIX}v{_DIGEST_VERSION}-" + "".join(_field_hash(v) for v in values)


def edited_fields(names: Sequence[str], existing: ExistingNote) -> frozenset[str] | None:
    """The fields of ``existing`` the learner changed since yomu wrote them.

    ``names`` is the note type's field list as yomu writes it. ``None`` when the note has
    no digest yomu can read (imported before digests, or the tag was removed): then
    nothing can be told apart and yomu's values win, as they always did.
    """
    width = _HASH_WIDTH * len(names)
    prefix = f"{DIGEST_PREFIX}v{_DIGEST_VERSION}-"
    for tag in existing.tags:
        # Anki compares tags case-insensitively and may re-case them to an existing spelling.
        tag = tag.lower()
        hashes = tag[len(prefix) :]
        if tag.startswith(prefix) and len(hashes) == width and re.fullmatch("[0-9a-f]+", hashes):
            recorded = [hashes[i : i + _HASH_WIDTH] for i in range(0, width, _HASH_WIDTH)]
            return frozenset(
                name
                for name, old in zip(names, recorded, strict=True)
                if name in existing.fields and _field_hash(existing.fields[name]) != old
            )
    return None


def _merged_tags(ours: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    # Anki replaces a note's tags with the incoming ones on update, so a learner's own
    # tags (marked, leech, their topics) come along; old digests never do.
    extra = [t for t in theirs if not t.lower().startswith(DIGEST_PREFIX)]
    return tuple(dict.fromkeys((*ours, *extra)))


def carry_edits(notes: Sequence[Note], existing: Mapping[str, ExistingNote]) -> tuple[Note, ...]:
    """``notes`` with the values the learner edited in Anki kept, found by note GUID.

    ``existing`` maps GUIDs to the notes of the learner's collection (vocabulary and cloze
    notes alike). A field the learner edited keeps its value; every other field gets
    yomu's new one; the learner's own tags are kept beside yomu's. The digests stay
    yomu's, so an edit stays an edit on every later rebuild. Pure.
    """
    carried: list[Note] = []
    for note in notes:
        kept: list[str] = []
        fields, tags = note.fields, note.tags
        mine = existing.get(note.guid)
        if mine is not None:
            edited = edited_fields(MODEL_FIELDS, mine) or frozenset()
            fields = {f: mine.fields[f] if f in edited else v for f, v in note.fields.items()}
            kept += [f for f in MODEL_FIELDS if f in edited]
            tags = _merged_tags(note.tags, mine.tags)
        cloze_fields, cloze_tags = note.cloze_fields, note.cloze_tags
        theirs = existing.get(cloze_guid(note.text, note.reading)) if cloze_fields is not None else None
        if cloze_fields is not None and theirs is not None:
            edited = edited_fields(CLOZE_FIELDS, theirs) or frozenset()
            cloze_fields = {f: theirs.fields[f] if f in edited else v for f, v in cloze_fields.items()}
            kept += [f"Cloze.{f}" for f in CLOZE_FIELDS if f in edited]
            cloze_tags = _merged_tags(note.tags, theirs.tags)
        cloze = cloze_fields["Text"] if cloze_fields is not None else note.cloze
        carried.append(
            replace(
                note,
                fields=fields,
                tags=tags,
                cloze=cloze,
                cloze_fields=cloze_fields,
                cloze_tags=cloze_tags,
                kept=tuple(kept),
            )
        )
    return tuple(carried)


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
    merged: Sequence[CorpusItem] | None = None,
) -> tuple[Note, ...]:
    """One note per vocabulary item across ``docs``, most important first.

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
    entries = _deck_entries(docs, max_items, merged)
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
        tags = ("yomu", *domain, item.kind, *dict.fromkeys(article_slug(d) for d in entry.docs))
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
    docs: Sequence[Document], max_items: int | None, merged: Sequence[CorpusItem] | None = None
) -> list[CorpusItem]:
    # Only what the learner does not know yet: a card for 日本 is noise at N4.
    entries = merge_documents(docs) if merged is None else merged
    return ranked([e for e in entries if not e.item.known], max_items)


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


# --- genanki -------------------------------------------------------------------------------


def _vocab_model() -> genanki.Model:
    templates = [_RECOGNITION, _PRODUCTION]
    return genanki.Model(
        VOCAB_MODEL_ID,
        "yomu vocabulary",
        fields=[{"name": f} for f in MODEL_FIELDS],
        templates=templates,
        css=_CSS,
        sort_field_index=0,
    )


def _cloze_model() -> genanki.Model:
    return genanki.Model(
        CLOZE_MODEL_ID,
        "yomu sentence cloze",
        fields=[{"name": f} for f in CLOZE_FIELDS],
        templates=[
            {
                "name": "Cloze",
                # furigana applied after cloze, so the revealed word keeps its ruby; the
                # hint (reading or gloss) shows where the word is hidden.
                "qfmt": '<div class="sentence">{{furigana:cloze:Text}}</div>',
                "afmt": '<div class="sentence">{{furigana:cloze:Text}}</div>\n<hr id="answer">\n'
                '<div class="reading">{{furigana:WordReading}}</div>\n'
                '<div class="meaning">{{PrimaryDefinition}}</div>\n<div class="source">{{Source}}</div>',
            }
        ],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
    )


def build_deck(notes: Sequence[Note], deck_name: str) -> genanki.Deck:
    """The genanki deck for ``notes``; notes are due in their (ranked) order."""
    deck = genanki.Deck(deck_id_for(deck_name), deck_name)
    vocab, cloze_model = _vocab_model(), _cloze_model()
    for due, note in enumerate(notes):
        deck.add_note(
            genanki.Note(
                model=vocab,
                fields=[note.fields[f] for f in MODEL_FIELDS],
                tags=_package_tags(note.tags, note.digest),
                guid=note.guid,
                due=due,
            )
        )
        if note.cloze is not None:
            if note.cloze_fields is not None:
                fields = [note.cloze_fields[f] for f in CLOZE_FIELDS]
            else:  # a Note made by hand with only the cloze text
                fields = [note.fields["Key"], note.cloze, note.fields["Word"], note.fields["WordReading"]]
                fields += [note.fields["PrimaryDefinition"], note.fields["Source"]]
            tags = note.cloze_tags if note.cloze_tags is not None else note.tags
            deck.add_note(
                genanki.Note(
                    model=cloze_model,
                    fields=fields,
                    tags=_package_tags(tags, note.cloze_digest),
                    guid=cloze_guid(note.text, note.reading),
                    due=due,
                )
            )
    return deck


def _package_tags(tags: Sequence[str], digest: str) -> list[str]:
    return [*tags, digest] if digest else list(tags)


def render_apkg(notes: Sequence[Note], deck_name: str, *, timestamp: float | None = None) -> bytes:
    """The ``.apkg`` file for ``notes`` as bytes.

    ``timestamp`` (seconds since the epoch, default now) becomes every note's
    modification time: Anki updates an existing note on import only when the incoming
    one is newer, so a later build must carry a later timestamp (whole seconds count).
    """
    stamp = time.time() if timestamp is None else timestamp
    package = genanki.Package(build_deck(notes, deck_name))
    # genanki only writes to a path; a private temporary directory keeps that file out
    # of the user's way, and the caller writes the bytes atomically where they belong.
    with tempfile.TemporaryDirectory(prefix="yomu-apkg-") as tmp:
        path = os.path.join(tmp, "deck.apkg")
        package.write_to_file(path, timestamp=stamp)
        return _stamp_zip(Path(path).read_bytes(), stamp)


def _stamp_zip(data: bytes, stamp: float) -> bytes:
    # genanki's SQLite file depends only on the notes and the timestamp, but the zip
    # records each member's file time; rewriting it from ``stamp`` makes the same input
    # and timestamp give the same bytes (reproducible builds, cacheable outputs).
    date_time = time.gmtime(max(stamp, 315_532_800))[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=date_time)
            info.compress_type = member.compress_type
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()


TSV_COLUMNS = ("GUID", *MODEL_FIELDS, "Tags")


def render_anki_tsv(notes: Sequence[Note], deck_name: str) -> str:
    """The notes for Anki's text import (File → Import), headers included.

    The ``#guid column`` header lets Anki update the notes of an earlier import.
    Import into a note type with the fields of :data:`FIELDS` (``yomu vocabulary``).
    """
    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:yomu vocabulary",
        f"#deck:{_tsv_cell(deck_name)}",
        "#guid column:1",
        f"#tags column:{len(TSV_COLUMNS)}",
        "#columns:" + "\t".join(TSV_COLUMNS),
    ]
    for note in notes:
        tags = " ".join(_package_tags(note.tags, note.digest))
        values = (note.guid, *(note.fields[f] for f in MODEL_FIELDS), tags)
        lines.append("\t".join(_tsv_cell(v) for v in values))
    return "\n".join(lines) + "\n"


def _tsv_cell(value: str) -> str:
    # Fields are HTML already: a tab or newline would break the row; <br> keeps line breaks.
    return "<br>".join(value.replace("\t", " ").splitlines())
