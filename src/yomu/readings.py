"""Readings: from Sudachi morphemes to tokens with a hiragana reading and furigana.

Sudachi's own reading is right for most words but wrong in three predictable places,
which this stage corrects:

* numbers are read digit by digit (2025 → ニレイニゴ): read them as numbers, with the
  sound changes of the counter that follows (1杯 いっぱい, 8歳 はっさい, 20歳 はたち);
* Latin abbreviations that look like units (G7's G is read グラム): spell them letter
  by letter, and the number after G as English (G7 じーせぶん) as news readers say it;
* unknown words get their surface as "reading": those become ``None`` rather than a
  reading that is not kana.

Readings a glossary knows better (names: 小谷哲男 is こたに てつお, not おたに) are
applied later, by the vocabulary stage, through :func:`merge_tokens`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from ._fast import new_frozen, new_instance, set_field
from .furigana import furigana_segments
from .kana import is_kanji, katakana_to_hiragana
from .model import FuriganaSegment, Token
from .numbers import counted_reading, number_reading
from .tokenizer import Morpheme

KanjiReadings = Callable[[Iterable[str]], Mapping[str, str]]
"""Kanji → one reading in hiragana, for the kanji it knows (``JMdict.kanji_readings``)."""

_KANA_READING = re.compile(r"^[\u3041-\u309f\u30a1-\u30ffー]+$")
_NUMERIC = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_ABBREVIATION = re.compile(r"^[A-Z]{1,6}$")

LETTER_NAMES = {
    "A": "えー", "B": "びー", "C": "しー", "D": "でぃー", "E": "いー", "F": "えふ", "G": "じー",
    "H": "えいち", "I": "あい", "J": "じぇー", "K": "けー", "L": "える", "M": "えむ", "N": "えぬ",
    "O": "おー", "P": "ぴー", "Q": "きゅー", "R": "あーる", "S": "えす", "T": "てぃー", "U": "ゆー",
    "V": "ぶい", "W": "だぶりゅー", "X": "えっくす", "Y": "わい", "Z": "ぜっと",
}  # fmt: skip

# Summit names are said in English: G7 ジーセブン, G20 ジートゥエンティ.
_ENGLISH_NUMBERS = {
    "7": "せぶん", "8": "えいと", "20": "とぅえんてぃ", "2": "つー", "3": "すりー", "5": "ふぁいぶ",
}  # fmt: skip
_ENGLISH_NUMBER_AFTER = {"G"}

_NO_READING_POS = {"補助記号", "空白"}

# Sudachi gives the formal or rarer reading of a few very common words; news and
# textbooks read them the other way.
_PREFERRED_READINGS = {
    ("私", "わたくし"): "わたし",
    ("日本", "にっぽん"): "にほん",
}

# 〜中 is じゅう "throughout" after words of place and time (世界中, 一日中, 一年中) and
# ちゅう "in the middle of" after activities (会議中, 交渉中).
_JUU_BEFORE = frozenset(
    [
        "世界",
        "日本",
        "国",
        "国内",
        "町",
        "村",
        "家",
        "体",
        "部屋",
        "学校",
        "会社",
        "一日",
        "一年",
        "年",
        "今日",
        "今年",
        "今週",
        "今月",
        "夜",
        "午前",
        "午後",
        "一晩",
        "一晩",
        "一週間",
        "一ヶ月",
        "一カ月",
        "朝",
        "夏",
        "冬",
        "春",
        "秋",
        "半日",
        "町内",
        "市内",
        "県内",
        "都内",
        "欧州",
        "世",
        "宇宙",
        "地球",
        "街",
    ]
)


# Sudachi word id and surface → the fields of its token but the offsets, for dictionary
# words whose reading does not depend on the words around them (not numbers, not 中).
_MAX_CACHED_WORDS = 50_000
_word_tokens: dict[tuple[int, str], dict[str, object]] = {}


def read_sentence(morphemes: Sequence[Morpheme], sentence_start: int = 0) -> tuple[Token, ...]:
    """Turn a sentence's morphemes into tokens; offsets become relative to the sentence."""
    tokens: list[Token] = []
    known = _word_tokens
    i = 0
    while i < len(morphemes):
        m = morphemes[i]
        fields = known.get((m.word_id, m.surface))
        if fields is not None:
            # Most words of an article were read before: copy their fields, set the offsets
            # (new_frozen, written out: this line runs once per word of every article).
            fields = fields.copy()
            fields["start"] = m.start - sentence_start
            fields["end"] = m.end - sentence_start
            token = new_instance(Token)
            set_field(token, "__dict__", fields)
            tokens.append(token)
            i += 1
            continue
        if _is_number(m):
            consumed = _read_number(morphemes, i, sentence_start, tokens)
            i += consumed
            continue
        reading, source = _reading_of(m)
        reading, source = _in_context(m, reading, source, tokens)
        token = _token(m, reading, source, sentence_start)
        tokens.append(token)
        if m.word_id >= 0 and m.surface not in _READ_IN_CONTEXT:
            if len(known) >= _MAX_CACHED_WORDS:
                known.clear()
            known[(m.word_id, m.surface)] = token.__dict__
        i += 1
    return tuple(tokens)


def read_unknown_kanji(tokens: Sequence[Token], kanji_readings: KanjiReadings) -> tuple[Token, ...]:
    """Give tokens Sudachi could not read (習氏, an unknown kanji run) a reading made of
    one KANJIDIC2 reading per kanji (``reading_source`` ``kanjidic``): a guess, but every
    word the learner sees gets furigana. Kana in such a token read as written; a token
    with anything else unreadable keeps no reading."""
    if all(t.reading is not None or not any(is_kanji(c) for c in t.surface) for t in tokens):
        return tuple(tokens)
    wanted = {c for t in tokens if t.reading is None for c in t.surface if is_kanji(c)}
    known = kanji_readings(wanted)
    out = []
    for token in tokens:
        if token.reading is None and any(is_kanji(c) for c in token.surface):
            parts = [known.get(c) if is_kanji(c) else _kana_of(c) for c in token.surface]
            if all(parts):
                # One reading per kanji, so the ruby can sit over each kanji exactly.
                pairs = zip(token.surface, parts, strict=True)
                segments = tuple(FuriganaSegment(c, p if is_kanji(c) else None) for c, p in pairs)
                token = replace(
                    token,
                    reading="".join(p for p in parts if p),
                    furigana=segments,
                    reading_source="kanjidic",
                )
        out.append(token)
    return tuple(out)


def _kana_of(ch: str) -> str | None:
    return katakana_to_hiragana(ch) if _KANA_READING.match(ch) else None


def merge_tokens(tokens: Sequence[Token], reading: str, *, lemma: str, source: str) -> Token:
    """One token spanning ``tokens``, read as ``reading`` (a glossary's reading of a name)."""
    surface = "".join(t.surface for t in tokens)
    return Token(
        surface=surface,
        start=tokens[0].start,
        end=tokens[-1].end,
        reading=reading,
        furigana=furigana_segments(surface, reading),
        lemma=lemma,
        pos=tokens[0].pos,
        reading_source=source,
    )


def _token(m: Morpheme, reading: str | None, source: str, sentence_start: int) -> Token:
    # One token per word of the article: see _fast for why not Token(...).
    return new_frozen(
        Token,
        {
            "surface": m.surface,
            "start": m.start - sentence_start,
            "end": m.end - sentence_start,
            "reading": reading,
            "furigana": furigana_segments(m.surface, reading),
            "lemma": m.lemma,
            "pos": m.pos,
            "reading_source": source,
            "gloss": None,
            "item": None,
        },
    )


def _reading_of(m: Morpheme) -> tuple[str | None, str]:
    return _reading_of_word(m.surface, m.reading, m.pos, m.oov)


@lru_cache(maxsize=65_536)
def _reading_of_word(
    surface: str, sudachi_reading: str, pos: tuple[str, ...], oov: bool
) -> tuple[str | None, str]:
    # Depends on the word alone, not on where it stands, so it is worked out once per word.
    if pos[0] in _NO_READING_POS:
        return None, "none"
    normalized = unicodedata.normalize("NFKC", surface)
    if _ABBREVIATION.match(normalized) and _misread_abbreviation(surface, sudachi_reading, pos, oov):
        return spell_letters(normalized), "abbreviation"
    # The middle dot of キア・スターマー is punctuation in the surface, not a sound.
    if _KANA_READING.match(sudachi_reading) and sudachi_reading.strip("・"):
        return katakana_to_hiragana(sudachi_reading.replace("・", "")), "sudachi"
    if _KANA_READING.match(normalized) and normalized.strip("・"):
        return katakana_to_hiragana(normalized.replace("・", "")), "surface"
    return None, "none"


_READ_IN_CONTEXT = frozenset({"中"})
"""Surfaces :func:`_in_context` reads by the words before them."""


def _in_context(
    m: Morpheme, reading: str | None, source: str, before: Sequence[Token]
) -> tuple[str | None, str]:
    if reading is None:
        return reading, source
    preferred = _PREFERRED_READINGS.get((m.surface, reading))
    if preferred:
        return preferred, "context"
    if m.surface == "中" and m.pos[0] == "接尾辞" and before and before[-1].lemma in _JUU_BEFORE:
        return "じゅう", "context"
    return reading, source


def _misread_abbreviation(surface: str, reading: str, pos: tuple[str, ...], oov: bool) -> bool:
    """Sudachi reads a lone capital as a unit (G → グラム) or not at all when unknown."""
    return oov or not _KANA_READING.match(reading) or "助数詞" in pos[2] or len(surface) == 1


def spell_letters(letters: str) -> str:
    """Read Latin capitals letter by letter: EU → いーゆー."""
    return "".join(LETTER_NAMES[ch] for ch in letters)


def _is_number(m: Morpheme) -> bool:
    return m.pos[1] == "数詞" and _NUMERIC.match(m.normalized) is not None


def _read_number(morphemes: Sequence[Morpheme], i: int, start: int, out: list[Token]) -> int:
    """Read the number at ``i`` and the counter after it; returns how many morphemes it used."""
    m = morphemes[i]
    value = m.normalized
    previous = out[-1] if out else None
    if previous is not None and previous.surface in _ENGLISH_NUMBER_AFTER and value in _ENGLISH_NUMBERS:
        out.append(_token(m, _ENGLISH_NUMBERS[value], "number", start))
        return 1
    nxt = morphemes[i + 1] if i + 1 < len(morphemes) else None
    after = morphemes[i + 2] if i + 2 < len(morphemes) else None
    if nxt is not None and nxt.surface == "分" and after is not None and after.surface == "の":
        # 3分の1 is a fraction, さんぶんのいち: 分 here is ぶん, not the minute counter.
        out.append(_token(m, number_reading(value), "number", start))
        out.append(_token(nxt, "ぶん", "number", start))
        return 2
    if nxt is not None and nxt.pos[0] not in _NO_READING_POS:
        counted = counted_reading(value, nxt.surface, date=_follows_month(out))
        if counted is not None:
            number_part, counter_part = counted
            if counter_part:
                out.append(_token(m, number_part, "number", start))
                out.append(_token(nxt, counter_part, "number", start))
            else:
                out.append(_fused(m, nxt, number_part, start))
            return 2
    out.append(_token(m, number_reading(value), "number", start))
    return 1


def _follows_month(tokens: Sequence[Token]) -> bool:
    """2月28日: a day count right after a month is a date (1日 ついたち, not いちにち)."""
    return bool(tokens) and tokens[-1].surface == "月"


def _fused(number: Morpheme, counter: Morpheme, reading: str, start: int) -> Token:
    """20歳 はたち, 1日 ついたち: one reading that cannot be split between the two."""
    surface = number.surface + counter.surface
    return Token(
        surface=surface,
        start=number.start - start,
        end=counter.end - start,
        reading=reading,
        furigana=furigana_segments(surface, reading),
        lemma=number.lemma + counter.lemma,
        pos=number.pos,
        reading_source="number",
    )
