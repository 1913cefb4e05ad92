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
from operator import attrgetter

from ..model import FuriganaSegment, Token, Word, check_span
from .furigana import furigana_segments
from .kana import is_kanji, katakana_to_hiragana
from .numbers import counted_reading, number_reading
from .reading_context import default_model
from .tokenizer import Lexeme, Morpheme, Morphemes

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

# Sudachi gives the formal or rarer reading of a few common words; news and textbooks
# read them the other way. Names are the family names Sudachi reads the rare way.
_PREFERRED_READINGS = {
    ("私", "わたくし"): "わたし",
    ("日本", "にっぽん"): "にほん",
    ("富士山", "ふじやま"): "ふじさん",
    ("研究所", "けんきゅうしょ"): "けんきゅうじょ",
    ("箱", "ばこ"): "はこ",
    ("階", "きざはし"): "かい",
    ("大谷", "おおや"): "おおたに",
    ("錦織", "にしきおり"): "にしこり",
    ("羽生", "はぶ"): "はにゅう",
}

# Names that keep にっぽん, where Sudachi's にっぽん in other compounds (西日本) becomes にほん.
_NIPPON = frozenset({"日本銀行", "日銀", "日本放送協会", "日本郵便", "日本郵政", "日本武道館"})

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


# A dictionary word's (Sudachi word id, surface) → its Word, for words whose reading does
# not depend on the words around them (not numbers, not 中): read once, shared by every token.
_MAX_CACHED_WORDS = 50_000
_words: dict[tuple[int, str], Word] = {}


def read_sentence(
    morphemes: Sequence[Morpheme], sentence_start: int = 0, *, context: bool = True
) -> tuple[Token, ...]:
    """Turn a sentence's morphemes into tokens; offsets become relative to the sentence.

    With ``context`` (the default) words whose reading depends on the sentence are read
    by :mod:`yomu.words.reading_context` and the rules of :func:`_in_context`; without it, as
    Sudachi reads them alone (what the model is trained against).
    """
    if isinstance(morphemes, Morphemes):
        # The tokenizer's own: its lexemes and offsets, without a Morpheme per token.
        lexemes, at = morphemes.lexemes, morphemes.starts
    else:
        lexemes = tuple(m.lexeme for m in morphemes)
        at = tuple(m.start for m in morphemes)
    if sentence_start:
        at = tuple(start - sentence_start for start in at)
    known = _words
    # Most words of an article were read before: a token is that word at its offset.
    words = list(map(known.get, map(_key, lexemes)))
    if all(words):
        return tuple(map(Token, words, at))  # type: ignore[arg-type]
    tokens: list[Token] = []
    append = tokens.append
    in_context = _words_read_in_context()
    heteronyms = default_model().also
    done = 0  # the morphemes before it are read (a number takes its counter along)
    # Only the words not read before need a look: the runs of known words between
    # them become tokens as they are.
    for i in [k for k, word in enumerate(words) if word is None]:
        if i < done:
            continue
        if i > done:
            tokens += map(Token, words[done:i], at[done:i])  # type: ignore[arg-type]
        done = i + 1
        lexeme = lexemes[i]
        # A word first read earlier in this sentence is in the memo now.
        word = known.get(lexeme.key)  # type: ignore[arg-type]
        if word is not None:
            append(Token(word, at[i]))
            continue
        # The rest works on lexemes too: a Morpheme is only a lexeme at an offset.
        m = lexeme
        if _is_number(m):
            done = i + _read_number(lexemes, at, i, tokens)
            continue
        if m.surface in _RANGE_WAVES and _between_numbers(lexemes, i, tokens):
            append(_token(at[i], m, "から", "context"))
            continue
        reading, source = _reading_of(m)
        others: tuple[str, ...] = ()
        if context and m.surface in in_context:
            reading, source, others = _in_context(lexemes, i, reading, source, tokens)
        elif context and reading is not None and m.surface in heteronyms:
            others = default_model().other_readings(m.surface, reading)
        token = _token(at[i], m, reading, source, others)
        append(token)
        # Words read in context (the wave dash among them: から between numbers) are never
        # cached: a copy read elsewhere would be taken before the checks above.
        key = lexeme.key
        if key is not None and m.surface not in in_context:
            if len(known) >= _MAX_CACHED_WORDS:
                known.clear()
            known[key] = token.word
    if done < len(words):
        tokens += map(Token, words[done:], at[done:])  # type: ignore[arg-type]
    return tuple(tokens)


_key = attrgetter("key")


def read_unknown_kanji(tokens: Sequence[Token], kanji_readings: KanjiReadings) -> tuple[Token, ...]:
    """Give tokens Sudachi could not read (習氏, an unknown kanji run) a reading made of
    one KANJIDIC2 reading per kanji (``reading_source`` ``kanjidic``): a guess, but every
    word the learner sees gets furigana. Kana in such a token read as written; a token
    with anything else unreadable keeps no reading."""
    for t in tokens:
        word = t.word
        if word.reading is None and _has_kanji(word.surface):
            break
    else:
        return tuple(tokens)  # the common case: every token with a kanji has a reading
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
                word = replace(
                    token.word,
                    reading="".join(p for p in parts if p),
                    furigana=segments,
                    reading_source="kanjidic",
                )
                token = Token(word, token.start)
        out.append(token)
    return tuple(out)


@lru_cache(maxsize=4096)
def _has_kanji(surface: str) -> bool:
    # Asked of every token without a reading (punctuation mostly): once per surface.
    return any(is_kanji(c) for c in surface)


def _kana_of(ch: str) -> str | None:
    return katakana_to_hiragana(ch) if _KANA_READING.match(ch) else None


def merge_tokens(tokens: Sequence[Token], reading: str, *, lemma: str, source: str) -> Token:
    """One token spanning ``tokens``, read as ``reading`` (a glossary's reading of a name)."""
    surface = "".join(t.surface for t in tokens)
    start = tokens[0].start
    check_span(surface, start, tokens[-1].end)  # the tokens are adjacent
    return Token(_word(surface, reading, lemma, tokens[0].pos, source), start)


def _token(
    start: int, m: Lexeme, reading: str | None, source: str, others: tuple[str, ...] = ()
) -> Token:
    return Token(_word(m.surface, reading, m.lemma, m.pos, source, others), start)


def _word(
    surface: str,
    reading: str | None,
    lemma: str,
    pos: tuple[str, ...],
    source: str,
    others: tuple[str, ...] = (),
) -> Word:
    """The Word of these fields (furigana follow from the surface and reading)."""
    key = (surface, reading, lemma, pos, source, others)
    word = _read_words.get(key)
    if word is None:
        furigana = furigana_segments(surface, reading)
        word = Word(surface, reading, furigana, lemma, pos, source, other_readings=others)
        if len(_read_words) >= _MAX_CACHED_WORDS:
            _read_words.clear()
        _read_words[key] = word
    return word


# The words read here (numbers, words read in context, unknown words, merged names) by
# what makes them up: each occurrence of one is the same Word, made once, and the
# per-word memos of the later stages find it by identity, without comparing its fields.
_read_words: dict[tuple[object, ...], Word] = {}


def _reading_of(m: Lexeme) -> tuple[str | None, str]:
    return _reading_of_word(m.surface, m.reading, m.lemma, m.pos, m.oov)


@lru_cache(maxsize=65_536)
def _reading_of_word(
    surface: str, sudachi_reading: str, lemma: str, pos: tuple[str, ...], oov: bool
) -> tuple[str | None, str]:
    # Depends on the word alone, not on where it stands, so it is worked out once per word.
    if pos[0] in _NO_READING_POS:
        return None, "none"
    normalized = unicodedata.normalize("NFKC", surface)
    if _ABBREVIATION.match(normalized) and _misread_abbreviation(surface, sudachi_reading, pos, oov):
        return spell_letters(normalized), "abbreviation"
    # The middle dot of キア・スターマー is punctuation in the surface, not a sound.
    if _KANA_READING.match(sudachi_reading) and sudachi_reading.strip("・"):
        reading = katakana_to_hiragana(sudachi_reading.replace("・", ""))
        preferred = _preferred_reading(surface, reading, lemma)
        return (preferred, "context") if preferred is not None else (reading, "sudachi")
    if _KANA_READING.match(normalized) and normalized.strip("・"):
        return katakana_to_hiragana(normalized.replace("・", "")), "surface"
    return None, "none"


# Suffixes voiced after the noun they attach to (rendaku): 街作り まちづくり, 石油会社
# せきゆがいしゃ. Sudachi reads them so when it holds the compound as one word, but not
# when it cuts it in two.
_VOICED_AFTER_NOUN = {
    "作り": ("つくり", "づくり"),
    "造り": ("つくり", "づくり"),
    "会社": ("かいしゃ", "がいしゃ"),
}

# 何 before these particles is なに (何が, 何を, 何か, 何も); なん before だ, の, と, で and
# counters is left to Sudachi and the model.
_NANI_BEFORE = frozenset({"が", "を", "か", "も", "に", "より"})

# 方 is ほう in a comparison (AよりBの方が, 行った方がいい): the sentence has より, or
# the 方が is followed by "good", "better".
_BETTER = frozenset({"いい", "良い", "よい", "増し", "まし"})

_READ_BY_RULE = frozenset({"中", "何", "方", *_VOICED_AFTER_NOUN})
"""Surfaces :func:`_in_context` reads by rule, whatever the learned model knows."""


@lru_cache(maxsize=1)
def _words_read_in_context() -> frozenset[str]:
    """Every surface whose reading depends on its sentence: never cached per word."""
    return frozenset(default_model().words) | _READ_BY_RULE | _RANGE_WAVES


def _in_context(
    morphemes: Sequence[Lexeme], i: int, reading: str | None, source: str, before: Sequence[Token]
) -> tuple[str | None, str, tuple[str, ...]]:
    """The reading of ``morphemes[i]`` decided by its sentence, its source, and the
    word's other common readings."""
    if reading is None:
        return reading, source, ()
    m = morphemes[i]
    alone = reading, source
    model = default_model()
    # Readings set by a rule of yomu's (私 わたし, 研究所 けんきゅうじょ) are not the model's to change.
    chosen = model.choose(morphemes, i, reading) if source == "sudachi" else None
    if chosen is not None and chosen != reading:
        reading, source = chosen, "context"
    previous = before[-1] if before else None
    if (
        m.surface == "中"
        and previous is not None
        and ((m.pos[0] == "接尾辞" and previous.lemma in _JUU_BEFORE) or _one_day_or_year(before))
    ):
        reading, source = "じゅう", "context"
    following = morphemes[i + 1] if i + 1 < len(morphemes) else None
    if m.surface == "何" and following is not None and following.surface in _NANI_BEFORE:
        reading, source = "なに", "context"
    if m.surface == "方" and following is not None and following.surface == "が" and _compares(morphemes, i):
        reading, source = "ほう", "context"
    voiced = _VOICED_AFTER_NOUN.get(m.surface)
    if (
        voiced is not None
        and reading == voiced[0]
        and previous is not None
        and previous.pos[0] == "名詞"
        and previous.pos[1] != "数詞"
        and any(is_kanji(c) for c in previous.surface)
    ):
        reading, source = voiced[1], "context"
    if reading == alone[0]:
        source = alone[1]  # the sentence agreed with the word alone
    return reading, source, model.other_readings(m.surface, reading)


def _compares(morphemes: Sequence[Lexeme], i: int) -> bool:
    """Whether the 方が at ``i`` compares: より in the sentence, or 方がいい."""
    after = morphemes[i + 2] if i + 2 < len(morphemes) else None
    return (after is not None and after.lemma in _BETTER) or any(m.surface == "より" for m in morphemes)


def _one_day_or_year(before: Sequence[Token]) -> bool:
    """1日中 いちにちじゅう, 1年中 いちねんじゅう: "all day", "all year round"."""
    return (
        len(before) >= 2
        and before[-1].surface in ("日", "年")
        and unicodedata.normalize("NFKC", before[-2].surface) in ("1", "一")
    )


def _preferred_reading(surface: str, reading: str, lemma: str) -> str | None:
    """The everyday reading where Sudachi's is formal, rare or not said at all."""
    preferred = _PREFERRED_READINGS.get((surface, reading))
    if preferred is not None:
        return preferred
    if lemma == "言う" and reading.startswith("ゆ"):
        # 言う is written いう and taught as いう; ゆう is only how it sounds.
        return "い" + reading[1:]
    if "日本" in surface and "にっぽん" in reading and surface not in _NIPPON:
        return reading.replace("にっぽん", "にほん")
    if len(surface) > 2 and surface.endswith("会社") and reading.endswith("かいしゃ"):
        return reading[: -len("かいしゃ")] + "がいしゃ"
    return None


def _misread_abbreviation(surface: str, reading: str, pos: tuple[str, ...], oov: bool) -> bool:
    """Sudachi reads a lone capital as a unit (G → グラム) or not at all when unknown."""
    return oov or not _KANA_READING.match(reading) or "助数詞" in pos[2] or len(surface) == 1


def spell_letters(letters: str) -> str:
    """Read Latin capitals letter by letter: EU → いーゆー."""
    return "".join(LETTER_NAMES[ch] for ch in letters)


def _is_number(m: Lexeme) -> bool:
    return m.pos[1] == "数詞" and _NUMERIC.match(m.normalized) is not None


def _read_number(morphemes: Sequence[Lexeme], at: Sequence[int], i: int, out: list[Token]) -> int:
    """Read the number at ``i`` and the counter after it; returns how many morphemes it used."""
    m = morphemes[i]
    value = m.normalized
    previous = out[-1] if out else None
    if previous is not None and previous.surface in _ENGLISH_NUMBER_AFTER and value in _ENGLISH_NUMBERS:
        out.append(_token(at[i], m, _ENGLISH_NUMBERS[value], "number"))
        return 1
    nxt = morphemes[i + 1] if i + 1 < len(morphemes) else None
    after = morphemes[i + 2] if i + 2 < len(morphemes) else None
    clock = _clock_time(morphemes, at, i, out)
    if clock:
        return clock
    if nxt is not None and after is not None and nxt.surface in _RANGE_MARKS and _is_number(after):
        return _read_range_start(morphemes, at, i, out)
    if nxt is not None and nxt.surface == "分" and after is not None and after.surface == "の":
        # 3分の1 is a fraction, さんぶんのいち: 分 here is ぶん, not the minute counter.
        out.append(_token(at[i], m, number_reading(value), "number"))
        out.append(_token(at[i + 1], nxt, "ぶん", "number"))
        return 2
    if nxt is not None and nxt.pos[0] not in _NO_READING_POS:
        counted = counted_reading(value, nxt.surface, date=_is_date(out, morphemes, i))
        if counted is not None:
            number_part, counter_part = counted
            if counter_part:
                out.append(_token(at[i], m, number_part, "number"))
                out.append(_token(at[i + 1], nxt, counter_part, "number"))
            else:
                out.append(_fused(at[i], m, nxt, number_part))
            return 2
    out.append(_token(at[i], m, number_reading(value), "number"))
    return 1


# 10月24〜26日: the first number of a range of days, months or hours is itself a day,
# month or hour (にじゅうよっか から にじゅうろくにち); a wave dash between numbers is
# read から (_between_numbers).
_RANGE_MARKS = frozenset({"〜", "～", "~", "・", "、", "，"})
_RANGE_WAVES = frozenset({"〜", "～", "~"})
_RANGE_COUNTERS = frozenset({"日", "月", "時"})


def _read_range_start(morphemes: Sequence[Lexeme], at: Sequence[int], i: int, out: list[Token]) -> int:
    """Read the number at ``i`` that opens a range (``24〜26日``) with the range's counter."""
    m = morphemes[i]
    counter = morphemes[i + 3] if i + 3 < len(morphemes) else None
    reading = number_reading(m.normalized)
    if counter is not None and counter.surface in _RANGE_COUNTERS:
        counted = counted_reading(m.normalized, counter.surface, date=_follows_month(out))
        if counted is not None:
            reading = counted[0] + counted[1]
    out.append(_token(at[i], m, reading, "number"))
    return 1


def _between_numbers(morphemes: Sequence[Lexeme], i: int, before: Sequence[Token]) -> bool:
    """Whether the wave dash at ``i`` joins two numbers (1200〜1880円, 3時〜5時, 10:00〜17:00)."""
    nxt = morphemes[i + 1] if i + 1 < len(morphemes) else None
    return bool(before) and before[-1].reading_source == "number" and nxt is not None and _is_number(nxt)


def _clock_time(morphemes: Sequence[Lexeme], at: Sequence[int], i: int, out: list[Token]) -> int:
    """Read 10:30 as a time, じゅうじ さんじゅっぷん (10:00 is じゅうじ: its 00 is not said);
    returns how many morphemes it used, 0 when ``i`` does not start a time."""
    if i + 2 >= len(morphemes) or morphemes[i + 1].surface not in (":", "："):
        return 0
    hour, minutes = morphemes[i], morphemes[i + 2]
    h, mm = hour.normalized, minutes.normalized
    if not (_is_number(minutes) and h.isdigit() and mm.isdigit() and len(mm) == 2):
        return 0
    if int(h) > 24 or int(mm) > 59:
        return 0
    hour_reading = "".join(counted_reading(h, "時") or (number_reading(h), "じ"))
    out.append(_token(at[i], hour, hour_reading, "number"))
    out.append(_token(at[i + 1], morphemes[i + 1], None, "none"))
    minute_reading = None if int(mm) == 0 else "".join(counted_reading(str(int(mm)), "分") or ("", ""))
    out.append(_token(at[i + 2], minutes, minute_reading or None, "number"))
    return 3


def _is_date(tokens: Sequence[Token], morphemes: Sequence[Lexeme], i: int) -> bool:
    """Whether the number at ``i`` is a day of the month: after a month (2月1日), or as news
    opens a sentence with the day alone (政府は1日、…: ついたち, "on the 1st")."""
    if _follows_month(tokens):
        return True
    after = morphemes[i + 2] if i + 2 < len(morphemes) else None
    return morphemes[i + 1].surface == "日" and after is not None and after.surface in ("、", "，")


def _follows_month(tokens: Sequence[Token]) -> bool:
    """2月28日: a day count right after a month is a date (1日 ついたち, not いちにち)."""
    return bool(tokens) and tokens[-1].surface == "月"


def _fused(start: int, number: Lexeme, counter: Lexeme, reading: str) -> Token:
    """20歳 はたち, 1日 ついたち: one reading that cannot be split between the two."""
    surface = number.surface + counter.surface
    return Token(_word(surface, reading, number.lemma + counter.lemma, number.pos, "number"), start)
