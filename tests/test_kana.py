from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yomu.words.kana import (
    hiragana_to_katakana,
    is_digit,
    is_hiragana,
    is_kana,
    is_kanji,
    is_katakana,
    is_reading,
    katakana_to_hiragana,
    normalize_for_compare,
)


@pytest.mark.parametrize(
    ("katakana", "hiragana"),
    [
        ("カタカナ", "かたかな"),
        ("ウクライナ", "うくらいな"),
        ("ゼレンスキー", "ぜれんすきー"),  # ー stays: it is used in hiragana too
        ("ァィゥェォッャュョヮ", "ぁぃぅぇぉっゃゅょゎ"),
        ("ヴ", "ゔ"),
        ("ヵヶ", "ゕゖ"),
        ("ヷヸヹヺ", "わ\u3099ゐ\u3099ゑ\u3099を\u3099"),
        ("ヽヾ", "ゝゞ"),
        ("ヿ", "こと"),
        ("トランプ・プーチン", "とらんぷ・ぷーちん"),
        ("G7サミット、2025年", "G7さみっと、2025年"),
        ("ｶﾀｶﾅ", "ｶﾀｶﾅ"),  # half-width is left to normalize_for_compare
        ("", ""),
    ],
)
def test_katakana_to_hiragana(katakana: str, hiragana: str) -> None:
    assert katakana_to_hiragana(katakana) == hiragana


@pytest.mark.parametrize(
    ("hiragana", "katakana"),
    [
        ("ありがとう", "アリガトウ"),
        ("らーめん", "ラーメン"),
        ("ゔゕゖ", "ヴヵヶ"),
        ("わ\u3099", "ヷ"),
        ("ゝゞ", "ヽヾ"),
        ("漢字とかな", "漢字トカナ"),
    ],
)
def test_hiragana_to_katakana(hiragana: str, katakana: str) -> None:
    assert hiragana_to_katakana(hiragana) == katakana


@given(st.text(alphabet=st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA)))
def test_katakana_letters_survive_the_round_trip(text: str) -> None:
    assert hiragana_to_katakana(katakana_to_hiragana(text)) == text


@given(st.text())
def test_katakana_to_hiragana_leaves_no_katakana_letters(text: str) -> None:
    assert not any("ァ" <= c <= "ヺ" or c in "ヽヾヿ" for c in katakana_to_hiragana(text))


@pytest.mark.parametrize(
    ("ch", "kana", "kanji", "digit"),
    [
        ("あ", True, False, False),
        ("ア", True, False, False),
        ("ー", True, False, False),
        ("ｱ", True, False, False),
        ("ㇰ", True, False, False),
        ("漢", False, True, False),
        ("㐀", False, True, False),  # Extension A
        ("𠮷", False, True, False),  # Extension B, outside the BMP
        ("𩺊", False, True, False),
        ("豈", False, True, False),  # compatibility ideograph
        ("々", False, True, False),
        ("〻", False, True, False),
        ("〆", False, True, False),
        ("〇", False, True, False),
        ("ヶ", True, True, False),  # katakana that stands for 箇
        ("ヵ", True, True, False),
        ("ケ", True, False, False),  # full-size ケ: a letter unless the context says counter
        ("7", False, False, True),
        ("７", False, False, True),
        ("٣", False, False, False),  # Arabic-Indic digit
        ("A", False, False, False),
        ("、", False, False, False),
        ("", False, False, False),
    ],
)
def test_character_classes(ch: str, kana: bool, kanji: bool, digit: bool) -> None:
    assert (is_kana(ch), is_kanji(ch), is_digit(ch)) == (kana, kanji, digit)


def test_hiragana_and_katakana_blocks() -> None:
    assert (is_hiragana("ゟ"), is_hiragana("ア"), is_katakana("ア"), is_katakana("あ")) == (
        True,
        False,
        True,
        False,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("はなしあい", True),
        ("らーめん", True),
        ("ラーメン", False),
        ("", False),
        ("はな し", False),
        ("g7", False),
    ],
)
def test_is_reading(text: str, expected: bool) -> None:
    assert is_reading(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("カゲツ", "かげつ"),
        ("ｶﾞｲｺｳ", "がいこう"),  # half-width folded, voiced mark composed
        ("Ｇ７サミット", "G7さみっと"),
        ("ラーメン", "らーめん"),  # ー not expanded
        ("コンニチハ", "こんにちは"),  # は not turned into わ
        ("㌔", "きろ"),
        ("話し合い", "話し合い"),
    ],
)
def test_normalize_for_compare(text: str, expected: str) -> None:
    assert normalize_for_compare(text) == expected
