"""Kana and kanji character classes, and conversion between hiragana and katakana.

No third-party dependencies: these run on every character of every article.

Character classes (one code point each):

* hiragana: the Hiragana block, U+3041–U+309F (letters ぁ…ゖ, the combining and
  spacing (han)dakuten, the iteration marks ゝ ゞ and ゟ).
* katakana: the Katakana block U+30A0–U+30FF (which holds ー and ・), the Katakana
  Phonetic Extensions U+31F0–U+31FF (ㇰ ㇱ …) and half-width katakana U+FF66–U+FF9F.
* kanji: CJK Unified Ideographs (U+4E00–U+9FFF), Extension A (U+3400–U+4DBF), the
  supplementary ideographic planes 2 and 3 (Extensions B–I and the compatibility
  supplement), the CJK Compatibility Ideographs (U+F900–U+FAFF), and six marks that
  stand where a kanji would and whose reading is not visible:

  - 々 and 〻, the kanji iteration marks (国々 くにぐに, 方々 かたがた);
  - 〆 (しめ, 締め切り);
  - 〇, the ideographic zero of kanji numbers (二〇二五);
  - ヶ and ヵ, the small ke/ka written for the counter 箇 (一ヶ月, 三ヵ国) and in place
    names (関ヶ原, 霞ヶ関). Small ケ/カ are never plain katakana in modern text, so
    they count as kanji everywhere; the full-size ケ is a letter far more often and
    is left to context (see :mod:`yomu.words.furigana`).

  ヶ and ヵ are also katakana, so ``is_kana`` and ``is_kanji`` are both true for them.
"""

from __future__ import annotations

import re
import unicodedata

KANA_WORD = re.compile(r"^[\u3041-\u309f\u30a1-\u30ffー]+$")
"""Written in kana only: hiragana, katakana and the long-vowel mark."""
KATAKANA_WORD = re.compile(r"^[\u30a1-\u30ffー・]+$")
"""Written in katakana, as foreign names are, with the name joiner ・."""
HIRAGANA_READING = re.compile(r"^[\u3041-\u3096ー]+$")
"""A reading as the curated files write them: hiragana letters and ー, nothing else."""

_HIRAGANA_TO_KATAKANA_OFFSET = 0x60
_FIRST_KATAKANA_LETTER, _LAST_KATAKANA_LETTER = "ァ", "ヶ"  # U+30A1 … U+30F6, each with a hiragana twin

# Katakana with no hiragana letter of their own. ヷヸヹヺ become the hiragana letter with
# the combining dakuten, which is how they are spelt in hiragana; ヿ is the こと ligature.
_KATAKANA_WITHOUT_TWIN = {
    "ヷ": "わ\u3099", "ヸ": "ゐ\u3099", "ヹ": "ゑ\u3099", "ヺ": "を\u3099",
    "ヽ": "ゝ", "ヾ": "ゞ", "ヿ": "こと",
}  # fmt: skip

_TO_HIRAGANA: dict[int, str] = {
    code: chr(code - _HIRAGANA_TO_KATAKANA_OFFSET)
    for code in range(ord(_FIRST_KATAKANA_LETTER), ord(_LAST_KATAKANA_LETTER) + 1)
}
_TO_HIRAGANA.update({ord(k): h for k, h in _KATAKANA_WITHOUT_TWIN.items()})

_TO_KATAKANA: dict[int, str] = {
    code - _HIRAGANA_TO_KATAKANA_OFFSET: chr(code)
    for code in range(ord(_FIRST_KATAKANA_LETTER), ord(_LAST_KATAKANA_LETTER) + 1)
}
_TO_KATAKANA.update({ord("ゝ"): "ヽ", ord("ゞ"): "ヾ"})
# Two-character hiragana spellings that have one katakana letter; replaced before the
# per-character table so that the round trip ヷ → わ゙ → ヷ holds.
_HIRAGANA_DIGRAPHS = {h: k for k, h in _KATAKANA_WITHOUT_TWIN.items() if len(h) == 2 and h[1] == "\u3099"}

_KANJI_LIKE_MARKS = frozenset("々〻〆〇ヶヵ")


def katakana_to_hiragana(text: str) -> str:
    """ア → あ, ヶ → ゖ, ヷ → わ゙; ー, ・, half-width kana and everything else unchanged."""
    return text.translate(_TO_HIRAGANA)


def hiragana_to_katakana(text: str) -> str:
    """あ → ア, ゝ → ヽ, わ゙ → ヷ; ー and everything else unchanged."""
    for hiragana, katakana in _HIRAGANA_DIGRAPHS.items():
        text = text.replace(hiragana, katakana)
    return text.translate(_TO_KATAKANA)


def is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def is_katakana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff" or "\uff66" <= ch <= "\uff9f"


def is_kana(ch: str) -> bool:
    """Hiragana or katakana, including ー and the half-width forms (see the module doc)."""
    return is_hiragana(ch) or is_katakana(ch)


def is_kanji(ch: str) -> bool:
    """A CJK ideograph, or a mark that stands in for one (々 〻 〆 〇 ヶ ヵ; see the module doc)."""
    code = ord(ch) if len(ch) == 1 else -1
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or ch in _KANJI_LIKE_MARKS
    )


def is_digit(ch: str) -> bool:
    """ASCII 0-9 and full-width ０-９ only: other scripts' digits never reach a Japanese reading."""
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def is_reading(text: str) -> bool:
    """Whether ``text`` is a non-empty hiragana reading (hiragana and ー only)."""
    return bool(text) and all(is_hiragana(ch) or ch == "ー" for ch in text)


def normalize_for_compare(text: str) -> str:
    """The form in which two spellings of the same kana are equal: NFKC, then hiragana.

    NFKC folds half-width katakana (ｶﾞ → ガ) and full-width Latin and digits (Ｇ７ → G7);
    then katakana become hiragana. Nothing else: ー is kept as it is (not expanded to
    the vowel before it), and pronunciation spellings are not undone (は is not わ), so
    ``normalize_for_compare("ラーメン") == "らーめん"`` and not ``"らあめん"``. The result
    can be shorter or longer than ``text`` (㌔ → きろ).
    """
    return katakana_to_hiragana(unicodedata.normalize("NFKC", text))
