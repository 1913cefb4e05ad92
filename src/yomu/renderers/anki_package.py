"""Notes into an Anki package (``.apkg``, with genanki) or Anki's text import (TSV).

Every note carries the build ``timestamp``, which Anki compares with the note it already
has: a later build updates the notes of an earlier import.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from .anki_model import (
    CLOZE_FIELDS,
    CLOZE_MODEL_ID,
    MODEL_FIELDS,
    VOCAB_MODEL_ID,
    Note,
    cloze_guid,
    deck_id_for,
)

CSS = """\
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

BACK_DETAILS = """\
<div class="meaning">{{PrimaryDefinition}}</div>
{{#ExtraDefinitions}}<div class="extra">{{ExtraDefinitions}}</div>{{/ExtraDefinitions}}
<div class="sentence">{{furigana:SentenceFurigana}}</div>
{{#MoreSentences}}<div class="sentence">{{furigana:MoreSentences}}</div>{{/MoreSentences}}
<div class="source">{{Source}}</div>
<div class="kind">{{Kind}}</div>"""

RECOGNITION = {
    "name": "Recognition",
    "qfmt": '<div class="word">{{Word}}</div>\n<div class="sentence">{{Sentence}}</div>',
    "afmt": '<div class="word">{{Word}}</div>\n<hr id="answer">\n'
    '<div class="reading">{{furigana:WordReading}}</div>\n' + BACK_DETAILS,
}
PRODUCTION = {
    "name": "Production",
    # Empty unless the note has Production = "y": Anki makes no card for a template whose
    # front renders empty, so one note type serves decks built with and without it.
    "qfmt": '{{#Production}}<div class="meaning">{{PrimaryDefinition}}</div>\n'
    '<div class="kind">{{Kind}}</div>{{/Production}}',
    "afmt": '<div class="meaning">{{PrimaryDefinition}}</div>\n<hr id="answer">\n'
    '<div class="word">{{furigana:WordReading}}</div>\n' + BACK_DETAILS,
}



def _vocab_model() -> genanki.Model:
    templates = [RECOGNITION, PRODUCTION]
    return genanki.Model(
        VOCAB_MODEL_ID,
        "yomu vocabulary",
        fields=[{"name": f} for f in MODEL_FIELDS],
        templates=templates,
        css=CSS,
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
        css=CSS,
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
                tags=package_tags(note.tags, note.digest),
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
                    tags=package_tags(tags, note.cloze_digest),
                    guid=cloze_guid(note.text, note.reading),
                    due=due,
                )
            )
    return deck


def package_tags(tags: Sequence[str], digest: str) -> list[str]:
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
        tags = " ".join(package_tags(note.tags, note.digest))
        values = (note.guid, *(note.fields[f] for f in MODEL_FIELDS), tags)
        lines.append("\t".join(_tsv_cell(v) for v in values))
    return "\n".join(lines) + "\n"


def _tsv_cell(value: str) -> str:
    # Fields are HTML already: a tab or newline would break the row; <br> keeps line breaks.
    return "<br>".join(value.replace("\t", " ").splitlines())
