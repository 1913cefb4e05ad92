"""Tokens as views over shared Word records: equality, hashing, pickling, immutability."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from dataclasses import replace

import pytest

from yomu import FuriganaSegment, Token, Word, annotate

NOUN = ("名詞", "普通名詞", "一般", "*", "*", "*")


def _nihon(start: int = 0) -> Token:
    return Token("日本", start, start + 2, "にほん", (FuriganaSegment("日本", "にほん"),), "日本", NOUN)


def test_the_constructor_of_earlier_releases_makes_the_same_token_as_word_and_start() -> None:
    old_style = _nihon(3)
    word = Word("日本", "にほん", (FuriganaSegment("日本", "にほん"),), "日本", NOUN)
    assert old_style == Token(word, 3)
    assert hash(old_style) == hash(Token(word, 3))
    assert (old_style.surface, old_style.start, old_style.end, old_style.reading) == ("日本", 3, 5, "にほん")
    assert old_style.reading_source == "sudachi" and old_style.item is None and old_style.gloss is None


def test_a_token_whose_end_does_not_fit_its_surface_is_refused() -> None:
    with pytest.raises(ValueError, match="ends at 2, not at 3"):
        Token("日本", 0, 3, "にほん", (), "日本", NOUN)


def test_tokens_differ_by_offset_and_by_any_field_of_their_word() -> None:
    assert _nihon(0) != _nihon(1)
    assert _nihon().replace(item="日本:にほん") != _nihon()
    assert _nihon().replace(item="日本:にほん").item == "日本:にほん"
    assert _nihon().replace(start=7).end == 9


def test_tokens_and_words_are_immutable() -> None:
    token = _nihon()
    with pytest.raises(AttributeError):
        token.start = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        token.reading = "にっぽん"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        token.word.reading = "にっぽん"  # type: ignore[misc]


def test_the_tokens_of_one_word_share_one_word_record() -> None:
    doc = annotate("会談は続いた。会談は終わった。")
    talks = [t for t in doc.tokens() if t.surface == "会談"]
    assert len(talks) == 2 and talks[0].word is talks[1].word
    assert talks[0].start == 0 and talks[1].start == 0


def test_a_pickled_document_is_equal_and_hashes_alike_in_another_process() -> None:
    doc = annotate("首脳会談で和平案が話し合われた。")
    data = pickle.dumps(doc)
    assert pickle.loads(data) == doc
    # Another interpreter has another string-hash seed: a cached hash must not travel.
    script = (
        "import pickle, sys; from yomu import Word; doc = pickle.loads(sys.stdin.buffer.read());"
        "tokens = doc.tokens(); tokens[0].word.__hash__();"
        "print(all(hash(t.word) == hash(Word(*t.word.values())) for t in tokens))"
    )
    # Hash the words before pickling, so a cached hash would travel if it could.
    assert len({t.word for t in doc.tokens()}) > 1
    data = pickle.dumps(doc)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, check=True, env=env)
    assert run.stdout.decode().strip() == "True"


def test_a_words_cached_hash_and_values_are_no_fields_of_it() -> None:
    word = _nihon().word
    names = [f.name for f in dataclasses.fields(Word)]
    assert names == ["surface", "reading", "furigana", "lemma", "pos", "reading_source", "gloss", "item",
                     "other_readings", "inflection"]
    assert hash(word) == hash(word.values()) and "_hash" not in repr(word)
    assert replace(word, item="x").values()[7] == "x" and hash(replace(word, item="x")) != hash(word)
