"""Kana and kanji character classes, and conversion between hiragana and katakana."""

from __future__ import annotations

_KATA_START, _KATA_END = 0x30A1, 0x30F6  # ァ … ヶ
_HIRA_OFFSET = 0x60


# Katakana with no hiragana letter of their own: written with the combining dakuten.
_NO_HIRAGANA = {
    "ヷ": "わ\u3099", "ヸ": "ゐ\u3099", "ヹ": "ゑ\u3099", "ヺ": "を\u3099",
    "ヽ": "ゝ", "ヾ": "ゞ", "ヿ": "こと",
}  # fmt: skip


def katakana_to_hiragana(text: str) -> str:
    """ア → あ; ー and everything that is not katakana stay as they are."""
    return "".join(
        chr(ord(c) - _HIRA_OFFSET) if _KATA_START <= ord(c) <= _KATA_END else _NO_HIRAGANA.get(c, c)
        for c in text
    )


def hiragana_to_katakana(text: str) -> str:
    return "".join(
        chr(ord(c) + _HIRA_OFFSET) if _KATA_START - _HIRA_OFFSET <= ord(c) <= _KATA_END - _HIRA_OFFSET else c
        for c in text
    )


def is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f" or "\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def is_kanji(ch: str) -> bool:
    """CJK ideographs, and 々 〆 ヶ ヵ, which stand in for kanji (国々, 3ヶ月)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or ch in "々〆ヶヵ"
    )


def is_digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"
