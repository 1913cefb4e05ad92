"""JSON output: the whole document, token by token, for other tools.

The schema is documented in docs/json-schema.md; keys are added, never renamed or
dropped. Output is deterministic: same document, byte-identical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Block, Coverage, Document, DroppedLine, Sentence, Token, VocabItem

SCHEMA_VERSION = 1


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "source": doc.source,
        "title": doc.title,
        "blocks": [_block(b) for b in doc.blocks],
        "vocabulary": [_item(i) for i in doc.vocabulary()],
        "dropped": [_dropped(d) for d in doc.dropped],
        "coverage": coverage_dict(doc.coverage()),
    }


def coverage_dict(coverage: Coverage) -> dict[str, Any]:
    return {
        "running_words": coverage.running_words,
        "known_words": coverage.known_words,
        "known_share": round(coverage.known_share, 4),
        "items": coverage.items,
        "new_items": coverage.new_items,
    }


def render_json(doc: Document) -> str:
    """One document as a JSON object (UTF-8 text, ends with a newline)."""
    return _dump(document_dict(doc))


def render_json_many(docs: Sequence[Document]) -> str:
    """Several documents as a JSON array of document objects."""
    return _dump([document_dict(d) for d in docs])


def _dump(value: Any) -> str:
    # Compact on purpose: with an indent, json falls back to its pure-Python encoder,
    # which made rendering slower than annotating. `jq .` pretty-prints for reading.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _block(block: Block) -> dict[str, Any]:
    return {
        "kind": block.kind,
        "marker": block.marker,
        "sentences": [_sentence(s) for s in block.sentences],
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {"text": sentence.text, "tokens": [_token(t) for t in sentence.tokens]}


def _token(token: Token) -> dict[str, Any]:
    return {
        "surface": token.surface,
        "start": token.start,
        "end": token.end,
        "reading": token.reading,
        "furigana": [{"text": s.text, "reading": s.reading} for s in token.furigana],
        "lemma": token.lemma,
        "pos": pos_label(token.pos),
        "reading_source": token.reading_source,
        "gloss": list(token.gloss) if token.gloss is not None else None,
        "item": token.item,
    }


def pos_label(pos: Sequence[str]) -> str:
    """Sudachi's POS without its ``*`` placeholders: 名詞-普通名詞-一般."""
    return "-".join(p for p in pos if p != "*")


def _item(item: VocabItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "reading": item.reading,
        "glosses": list(item.glosses),
        "source": item.source,
        "kind": item.kind,
        "count": item.count,
        "first_sentence": item.first_sentence,
        "senses": [
            {
                "glosses": list(s.glosses),
                "pos": list(s.pos),
                "primary": i == item.primary,
                "misc": list(s.misc),
                "fields": list(s.fields),
            }
            for i, s in enumerate(item.senses)
        ],
        "note": item.note,
        "composed_from": list(item.composed_from),
        "priority": list(item.priority),
        "rank": item.rank,
        "level": item.level,
        "known": item.known,
        "domain": item.domain,
        "description": item.description,
    }


def _dropped(line: DroppedLine) -> dict[str, Any]:
    return {"line": line.line, "text": line.text, "reason": line.reason}
