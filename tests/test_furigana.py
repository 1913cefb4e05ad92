from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yomu.furigana import furigana_segments


def bracket(surface: str, reading: str | None) -> str:
    return "".join(
        s.text if s.reading is None else f"{s.text}[{s.reading}]" for s in furigana_segments(surface, reading)
    )


@pytest.mark.parametrize(
    ("surface", "reading", "expected"),
    [
        ("話し合われた", "はなしあわれた", "話[はな]し合[あ]われた"),
        ("取り下げた", "とりさげた", "取[と]り下[さ]げた"),
        ("取り除き", "とりのぞき", "取[と]り除[のぞ]き"),
        ("持ち上げ", "もちあげ", "持[も]ち上[あ]げ"),
        ("有り難う", "ありがとう", "有[あ]り難[がと]う"),
        ("お祝い", "おいわい", "お祝[いわ]い"),
        ("方々", "かたがた", "方々[かたがた]"),
        ("一ヶ月", "いっかげつ", "一ヶ月[いっかげつ]"),
        ("御坊っちゃん", "おぼっちゃん", "御坊[おぼ]っちゃん"),
        ("カ月", "カゲツ", "カ月[げつ]"),
        ("スズメの涙", "すずめのなみだ", "スズメの涙[なみだ]"),
        ("飼い犬", "かいいぬ", "飼い犬[かいいぬ]"),  # ambiguous: no guess
        ("長い間", "ながいあいだ", "長い間[ながいあいだ]"),
        ("2025", "にせんにじゅうご", "2025[にせんにじゅうご]"),
        ("1,000", "せん", "1,000[せん]"),
        ("ウクライナ", "うくらいな", "ウクライナ"),
        ("、", None, "、"),
        ("停戦", None, "停戦"),
        ("停戦", "", "停戦"),
    ],
)
def test_furigana_over_kanji_runs_only(surface: str, reading: str | None, expected: str) -> None:
    assert bracket(surface, reading) == expected


def test_no_surface_no_segments() -> None:
    assert furigana_segments("", "あ") == ()


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=30)))
def test_segments_rebuild_the_surface_and_readings_are_hiragana(surface: str, reading: str | None) -> None:
    segments = furigana_segments(surface, reading)
    assert "".join(s.text for s in segments) == surface
    for s in segments:
        assert s.reading is None or all(not ("\u30a1" <= c <= "\u30f6") for c in s.reading)


@given(
    st.text(alphabet="日本語話合取下げたしわれあいうかなカ", max_size=12),
    st.text(alphabet="にほんごはなしあわれたとりさげかい", max_size=16),
)
def test_kanji_heavy_strings_never_raise(surface: str, reading: str) -> None:
    assert "".join(s.text for s in furigana_segments(surface, reading)) == surface
