"""JSON output: the whole document, token by token, for other tools.

The schema is documented in docs/json-schema.md; keys are added, never renamed or
dropped. Output is deterministic: same document, byte-identical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO

from ..gc_pause import gc_paused
from ..meaning.grammar import GrammarPattern, GrammarTally, GrammarUse, document_grammar
from ..model import (
    Block,
    Coverage,
    Document,
    DroppedLine,
    GrammarMatch,
    Inflection,
    Sentence,
    Token,
    VocabItem,
    Word,
)

if TYPE_CHECKING:
    from ..pipeline import StreamedDocument

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
        "grammar": [grammar_dict(use) for use in document_grammar(doc.blocks)],
    }


def grammar_dict(use: GrammarUse) -> dict[str, Any]:
    """One news grammar pattern the document uses, and where (docs/grammar.md)."""
    return {
        **_pattern_dict(use.pattern, len(use.occurrences)),
        "occurrences": [{"sentence": n, "start": start, "end": end} for n, start, end in use.occurrences],
    }


def _pattern_dict(pattern: GrammarPattern, count: int) -> dict[str, Any]:
    """:func:`grammar_dict` but its occurrences."""
    return {
        "id": pattern.id,
        "pattern": pattern.pattern,
        "reading": pattern.reading,
        "level": pattern.level,
        "explanation": pattern.explanation,
        "count": count,
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
    return "".join(json_pieces(doc)) + "\n"


def render_json_many(docs: Sequence[Document]) -> str:
    """Several documents as a JSON array of document objects."""
    pieces: list[str] = ["["]
    for i, doc in enumerate(docs):
        if i:
            pieces.append(",")
        pieces.extend(json_pieces(doc))
    pieces.append("]\n")
    return "".join(pieces)


# The text below is what _dump(document_dict(doc)) gives, byte for byte (the tests
# compare the two), built piece by piece: a token's JSON but for its offsets is the same
# wherever the word occurs, so it is encoded once per distinct token, and a document
# can be written block by block as it is annotated (see json_head and json_tail).


def json_pieces(doc: Document) -> Iterator[str]:
    """``document_dict(doc)`` as compact JSON, in pieces, without the final newline."""
    yield json_head(doc.source, doc.title)
    for i, block in enumerate(doc.blocks):
        yield json_block(block, first=i == 0).decode("utf-8")
    yield json_tail(doc.vocabulary(), doc.dropped, document_grammar(doc.blocks))


def json_head(source: str, title: str) -> str:
    """The document object up to the first block."""
    return f'{{"schema":{SCHEMA_VERSION},"source":{_string(source)},"title":{_string(title)},"blocks":['


def json_block(block: Block, *, first: bool) -> bytes:
    """One element of the ``blocks`` array in UTF-8, with the comma before it unless ``first``."""
    # The loops of the whole output: per token one lookup by its word and four pieces
    # to join. Made as bytes from each word's encoded pieces: the output is mostly the
    # words' JSON, and formatting it as text, then encoding it, cost twice as much. The
    # offsets come from tables of encoded numbers, and the block is joined once (the
    # output is ~60 times the input: every copy of it counts).
    found = _word_json.get
    kind, marker = _string(block.kind), _string(block.marker)
    pieces = [f'{"" if first else ","}{{"kind":{kind},"marker":{marker},"sentences":['.encode()]
    add = pieces.extend
    for n, s in enumerate(block.sentences):
        text = s.text
        pieces.append(f'{"," if n else ""}{{"text":{_string(text)},"tokens":['.encode())
        starts, ends = (_STARTS, _ENDS) if len(text) < _TABLE_SIZE else (_LONG_STARTS, _LONG_ENDS)
        opened = len(pieces)
        for token in s.tokens:
            word = token.word
            head, length, tail = found(word) or _word_pieces(word)
            start = token.start
            add((head, starts[start], ends[start + length], tail))
        if len(pieces) > opened:  # the first token's head, without the comma between tokens
            pieces[opened] = pieces[opened][1:]
        grammar = _grammar_json(s.grammar) if s.grammar else "[]"
        pieces.append(f'],"grammar":{grammar}}}'.encode())
    pieces.append(b"]}")
    return b"".join(pieces)


class _Encoded:
    """``table[n]``: ``template % n``, for offsets beyond the tables of :func:`json_block`."""

    def __init__(self, template: bytes) -> None:
        self._template = template

    def __getitem__(self, number: int) -> bytes:
        return self._template % number


# Offsets in a sentence of fewer characters than this come from the tables (~300 kB).
_TABLE_SIZE = 4096
_STARTS = [b"%d" % n for n in range(_TABLE_SIZE)]
_ENDS = [b',"end":%d' % n for n in range(_TABLE_SIZE)]
_LONG_STARTS, _LONG_ENDS = _Encoded(b"%d"), _Encoded(b',"end":%d')


def _grammar_json(matches: Sequence[GrammarMatch]) -> str:
    """``_dump_compact([_match(m) for m in matches])``, without the encoder's set-up per sentence."""
    return "[" + ",".join(
        f'{{"pattern":{_string(m.pattern)},"start":{m.start},"end":{m.end}}}' for m in matches
    ) + "]"


def json_tail(
    items: Sequence[VocabItem], dropped: Sequence[DroppedLine], grammar: Sequence[GrammarUse] = ()
) -> str:
    """The document object after the last block (no final newline)."""
    return json_tail_head(items, dropped) + _dump_compact([grammar_dict(use) for use in grammar]) + "}"


def json_tail_head(items: Sequence[VocabItem], dropped: Sequence[DroppedLine]) -> str:
    """:func:`json_tail` up to its grammar list."""
    vocabulary = _dump_compact([_item(i) for i in items])
    lines = _dump_compact([_dropped(d) for d in dropped])
    coverage = _dump_compact(coverage_dict(Coverage.of(tuple(items))))
    return f'],"vocabulary":{vocabulary},"dropped":{lines},"coverage":{coverage},"grammar":'


_OCCURRENCES_PER_PIECE = 10_000


def grammar_json_pieces(tally: GrammarTally) -> Iterator[bytes]:
    """The grammar list of :func:`json_tail`, for ``tally``'s uses, in pieces of bounded
    size: a 100 MB article has millions of occurrences, too many to hold as dicts."""
    yield b"["
    for n, (pattern, count) in enumerate(tally.counts()):
        head = _dump_compact(_pattern_dict(pattern, count))
        yield f'{"," if n else ""}{head[:-1]},"occurrences":['.encode()
        occurrences = tally.occurrences(pattern)
        first = True
        while piece := list(islice(occurrences, _OCCURRENCES_PER_PIECE)):
            text = ",".join(f'{{"sentence":{s},"start":{start},"end":{end}}}' for s, start, end in piece)
            yield (text if first else "," + text).encode()
            first = False
        yield b"]}"
    yield b"]"


def write_json_stream(doc: StreamedDocument, out: BinaryIO) -> None:
    """Write ``doc`` as :func:`render_json` would, a group of blocks at a time.

    ``out`` must be seekable: a document that must be made twice is written twice.
    """
    # One pause for the whole document: the collector, resumed between groups, walked
    # every long-lived object (dictionary answers, glossary) each time. Each group's
    # objects are freed by reference counting as the next group comes.
    with gc_paused():
        while True:
            out.seek(0)
            out.truncate()
            out.write(json_head(doc.source, doc.title).encode("utf-8"))
            first = True
            grammar = GrammarTally()
            for group in doc.groups():
                grammar.add(group)
                pieces = []
                for block in group:
                    pieces.append(json_block(block, first=first))
                    first = False
                # One write per group: a write per block cost more than joining them.
                out.write(b"".join(pieces))
            if doc.complete():
                break
        out.write(json_tail_head(doc.items(), doc.dropped).encode("utf-8"))
        for piece in grammar_json_pieces(grammar):
            out.write(piece)
        out.write(b"}\n")


_string: Callable[[str], str] = json.encoder.encode_basestring
# An entry holds a word's encoded glosses (up to a few hundred bytes): about 10 MB.
_MAX_CACHED_WORDS = 20_000
_word_json: dict[Word, tuple[bytes, int, bytes]] = {}
"""A word's JSON (UTF-8) before a token's start, with the comma that separates it from
the token before, its length (the end's offset from the start) and its JSON after the
end, made once per word."""


def _token_json(token: Token) -> str:
    word = token.word
    head, length, tail = _word_json.get(word) or _word_pieces(word)
    start = token.start
    return (b'%b%d,"end":%d%b' % (head[1:], start, start + length, tail)).decode("utf-8")


def _word_pieces(word: Word) -> tuple[bytes, int, bytes]:
    whole = _dump_compact(_token(Token(word, 0)))
    # Cut around "start":…,"end":… (the only fields that change between occurrences).
    head = "," + whole[: whole.index(',"start":')] + ',"start":'
    tail = whole[whole.index(',"reading":') :]
    if len(_word_json) >= _MAX_CACHED_WORDS:
        _word_json.clear()
    pieces = _word_json[word] = (head.encode("utf-8"), len(word.surface), tail.encode("utf-8"))
    return pieces


def _dump_compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
    return {
        "text": sentence.text,
        "tokens": [_token(t) for t in sentence.tokens],
        "grammar": [_match(m) for m in sentence.grammar],
    }


def _match(match: GrammarMatch) -> dict[str, Any]:
    return {"pattern": match.pattern, "start": match.start, "end": match.end}


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
        "other_readings": list(token.other_readings),
        "inflection": inflection_list(token.inflection),
        "inflection_base": token.inflection.base if token.inflection is not None else None,
        "inflection_text": token.inflection.text if token.inflection is not None else None,
    }


def inflection_list(inflection: Inflection | None) -> list[dict[str, str]]:
    """A token's inflection steps as JSON: ``[{"form": "れる", "label": "passive"}, …]``."""
    if inflection is None:
        return []
    return [{"form": step.form, "label": step.label} for step in inflection.steps]


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
        "other_readings": list(item.other_readings),
    }


def _dropped(line: DroppedLine) -> dict[str, Any]:
    return {"line": line.line, "text": line.text, "reason": line.reason}
