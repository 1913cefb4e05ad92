"""Acceptance tests over the five real articles in ../shared/seeds (skipped when absent).

The articles are read at run time; none of their text is stored in this repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from yomu import Document, Token
from yomu.pipeline import Annotator

from .conftest import seed_paths

pytestmark = pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")


@cache
def annotated() -> tuple[Document, ...]:
    annotator = Annotator()
    return tuple(annotator.annotate_file(str(p)) for p in seed_paths())


def span_tokens(text: str) -> list[tuple[Token, ...]]:
    """Every occurrence of ``text`` in the seeds, as the tokens that exactly cover it."""
    found: list[tuple[Token, ...]] = []
    for doc in annotated():
        for sentence in doc.sentences():
            start = sentence.text.find(text)
            while start >= 0:
                end = start + len(text)
                tokens = tuple(t for t in sentence.tokens if t.start < end and t.end > start)
                assert tokens[0].start == start and tokens[-1].end == end, (
                    f"{text!r} is not on token boundaries: {[t.surface for t in tokens]}"
                )
                found.append(tokens)
                start = sentence.text.find(text, end)
    return found


def reading(tokens: tuple[Token, ...]) -> str:
    return "".join(t.reading or "" for t in tokens)


def bracket(tokens: tuple[Token, ...]) -> str:
    return "".join(
        s.text if s.reading is None else f"{s.text}[{s.reading}]" for t in tokens for s in t.furigana
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年2月28日", "にせんにじゅうごねんにがつにじゅうはちにち"),
        ("3000億ドル", "さんぜんおくどる"),
        ("1時間30分", "いちじかんさんじゅっぷん"),
        ("4時間半", "よじかんはん"),
        ("19項目", "じゅうきゅうこうもく"),
        ("3年目", "さんねんめ"),
        ("90分間", "きゅうじゅっぷんかん"),
        ("1時間半", "いちじかんはん"),
        ("1カ月", "いっかげつ"),
        ("2014年", "にせんじゅうよねん"),
        ("11日", "じゅういちにち"),
        ("14日", "じゅうよっか"),
        ("1週間前", "いっしゅうかんまえ"),
    ],
)
def test_numbers_are_read_as_numbers(text: str, expected: str) -> None:
    occurrences = span_tokens(text)
    assert occurrences, f"{text} not found in the seeds"
    assert {reading(tokens) for tokens in occurrences} == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("話し合われた", "話[はな]し合[あ]われた"),
        ("持ち上げ", "持[も]ち上[あ]げ"),
        ("取り除き", "取[と]り除[のぞ]き"),
    ],
)
def test_okurigana_words_get_furigana_over_kanji_only(text: str, expected: str) -> None:
    occurrences = span_tokens(text)
    assert occurrences
    assert {bracket(tokens) for tokens in occurrences} == {expected}


def test_every_word_token_has_a_hiragana_reading() -> None:
    missing = [
        (t.surface, t.pos[:2])
        for doc in annotated()
        for t in doc.tokens()
        if t.reading is None
        and t.pos[0] not in ("補助記号", "空白")
        and any(not c.isascii() for c in t.surface)
    ]
    assert missing == []


def test_readings_are_hiragana() -> None:
    for doc in annotated():
        for token in doc.tokens():
            if token.reading is not None:
                assert all("\u3041" <= c <= "\u309f" or c == "ー" for c in token.reading), token


CLUTTER_MARKERS = ("広告の下に記事の続きがあります", "ランキング", "シェア", "ツイート", "Reference")


def test_no_clutter_left_in_the_body() -> None:
    for doc in annotated():
        for block in doc.blocks:
            if block.kind == "source":
                continue
            for marker in CLUTTER_MARKERS:
                assert marker not in block.text, (doc.source, block.kind, marker)


def test_annotation_is_deterministic(tmp_path: Path) -> None:
    from yomu.renderers.json import render_json

    first = [render_json(d) for d in annotated()]
    again = [render_json(Annotator().annotate_file(str(p))) for p in seed_paths()]
    assert first == again
