"""Reading numbers and counters as they are said: 2025年 にせんにじゅうごねん, 1杯 いっぱい.

Sudachi reads the digits of a number one by one (2025 → ニレイニゴ); this module reads
the number's value instead, and applies the sound changes that a counter causes to the
last word of the number and to itself. Those changes are rules over classes of
counters, kept as data below, not a list of examples:

* gemination (促音便): the last word いち ろく はち じゅう ひゃく becomes いっ ろっ はっ
  じゅっ ひゃっ before counters starting with k, s, t, h or p, depending on the class;
* h-row counters turn into p after gemination (いっぱい) and into b or p after ん
  (さんばい, さんぷん);
* some counters read 4, 7, 9 their own way (よじ しちじ くじ, しがつ, よねん, よにん);
* native counters (つ, 日 as a count of days or a date, 人 for one and two) have their
  own words (ひとつ, ふつか, ついたち, ひとり), and some pairs fuse into one word that
  cannot be split between the digits and the counter (20歳 はたち, a date's 1日 ついたち).

Only the last word of a number changes, so 21杯 is にじゅう + いっぱい and 300本 is
さんびゃっぽん. The same rules read the number itself: 8000 is はっせん because 千 is
an s-row counter of the digit 8, and 1兆 is いっちょう because 兆 is a t-row one.

Choices, where more than one reading is heard:

* 0 alone is ぜろ, as news readers say it; 0 before a decimal point and in decimals is
  れい (れいてんご, にてんれいご), and 0時 is れいじ;
* 10 before a geminating counter is じゅっ (じゅっぷん), the modern broadcast (NHK) form;
  じっ is the traditional one;
* 8 geminates wherever it may (はっぽん, はっさい); はち is also heard (はちほん);
* 7 is なな except in the fixed forms しちじ, しちがつ and the dates じゅうしちにち;
  9 is きゅう except くじ, くがつ, くじかん and じゅうくにち;
* 1000 before 万, 億, 兆 and 京 is いっせん (いっせんまん), but 1500万 is せんごひゃくまん;
* numbers written with leading zeros (007, 0120) and numbers past the 京 group (10^20 and
  more) are codes rather than amounts: they are read digit by digit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

__all__ = ["KNOWN_COUNTERS", "counted_reading", "number_reading"]

_DIGITS: Final = ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class _Spoken:
    """A number as said, cut before its last word: the only word a counter can change.

    ``kind`` names that last word, which is what the counter rules look at: "0" to "9"
    for a ones digit, "10", "100", "1000" for a word of tens, hundreds or thousands
    (にじゅう, さんびゃく, はっせん), "万" "億" "兆" "京" for a power of ten thousand,
    "decimal" for the digits after a decimal point and "digits" for a number read digit
    by digit. Neither of the last two ever changes.
    """

    head: str
    last: str
    kind: str


@dataclass(frozen=True)
class _Rule:
    """How a counter joins the number before it."""

    reading: str
    geminate: frozenset[str] = frozenset()
    """Kinds of last word that end in っ before this counter (いち → いっ)."""
    geminated: str | None = None
    """The counter's reading after っ, when it changes (はい → ぱい)."""
    after: Mapping[str, str] = field(default_factory=dict)
    """The counter's reading after a kind of last word (after "3": はい → ばい)."""
    forms: Mapping[str, str] = field(default_factory=dict)
    """The number's last word before this counter, by kind ("4": よ for 時)."""
    unit: bool = False
    """A power of ten thousand: 1000 before it is いっせん, or it could be heard as 千万."""


# Gemination keeps the consonant of the counter from following the vowel of く, ち or う
# (いちかい → いっかい). Before k, h and p it is regular for 1, 6, 8, 10 and 100.
_BEFORE_K_H_P: Final = frozenset({"1", "6", "8", "10", "100"})
# Before s, sh, t and ch only いち, はち and じゅう geminate: ろくさい, ひゃくさい, ひゃくてん.
_BEFORE_S_T: Final = frozenset({"1", "8", "10"})
# The last words that end in ん: さん, よん, …せん/ぜん, まん.
_SAN: Final = frozenset({"3"})
_SAN_SEN_MAN: Final = frozenset({"3", "1000", "万"})
_ANY_N: Final = _SAN_SEN_MAN | {"4"}


def _k(reading: str, *, voiced: str | None = None, after: frozenset[str] = _SAN) -> _Rule:
    return _Rule(reading, _BEFORE_K_H_P, after=dict.fromkeys(after, voiced) if voiced else {})


def _st(reading: str, *, voiced: str | None = None, after: frozenset[str] = _SAN) -> _Rule:
    return _Rule(reading, _BEFORE_S_T, after=dict.fromkeys(after, voiced) if voiced else {})


def _h(reading: str, p_form: str, *, after_n: str | None = None, after: frozenset[str] = _ANY_N) -> _Rule:
    return _Rule(reading, _BEFORE_K_H_P, p_form, dict.fromkeys(after, after_n) if after_n else {})


def _p(reading: str) -> _Rule:
    return _Rule(reading, _BEFORE_K_H_P)


def _plain(reading: str, forms: Mapping[str, str] | None = None, *, unit: bool = False) -> _Rule:
    return _Rule(reading, forms=forms or {}, unit=unit)


# h-row counters: after っ an h is said as p (いっぽん, いっぱい, ろっぷん). What follows
# ん is a property of each word, not a rule: 本 杯 匹 百 voice to b after さん, せん and
# まん (さんぼん, せんばい, いちまんぼん) but keep h after よん, whose ん is not Sino-Japanese
# (よんほん, よんはい); 分 泊 発 敗 take p after every ん, よん included (よんぷん).
_H_ROW: Final[dict[str, _Rule]] = {
    "本": _h("ほん", "ぽん", after_n="ぼん", after=_SAN_SEN_MAN),
    "杯": _h("はい", "ぱい", after_n="ばい", after=_SAN_SEN_MAN),
    "匹": _h("ひき", "ぴき", after_n="びき", after=_SAN_SEN_MAN),
    "百": _h("ひゃく", "ぴゃく", after_n="びゃく", after=_SAN_SEN_MAN),
    # さんびょう and せんびょう, but 万 keeps h as in election counts (いちまんひょう).
    "票": _h("ひょう", "ぴょう", after_n="びょう", after=frozenset({"3", "1000"})),
    "分": _h("ふん", "ぷん", after_n="ぷん"),
    "分間": _h("ふんかん", "ぷんかん", after_n="ぷんかん"),
    "泊": _h("はく", "ぱく", after_n="ぱく"),
    "発": _h("はつ", "ぱつ", after_n="ぱつ"),
    "敗": _h("はい", "ぱい", after_n="ぱい"),
    "編": _h("へん", "ぺん", after_n="ぺん", after=_SAN_SEN_MAN),
    "歩": _h("ほ", "ぽ", after_n="ぽ", after=_SAN_SEN_MAN),
    # Only gemination changes it: さんひんもく.
    "品目": _h("ひんもく", "ぴんもく"),
}

# Loanwords already starting with p keep it; only the number geminates (いっぱーせんと).
# ページ and ポイント are left plain: news reads いちぺーじ, いちぽいんと.
_P_ROW: Final[dict[str, _Rule]] = {"%": _p("ぱーせんと"), "パーセント": _p("ぱーせんと")}

# Sino-Japanese counters in k: the number geminates (いっかい, ろっこ, ひゃっけん). Voicing
# after さん belongs to a few words only (さんがい, さんげん, さんごく, but さんかい, さんこ),
# so it is marked per counter.
_K_ROW: Final[dict[str, _Rule]] = {
    "個": _k("こ"), "戸": _k("こ"), "回": _k("かい"), "回目": _k("かいめ"),
    "階": _k("かい", voiced="がい"), "軒": _k("けん", voiced="げん", after=frozenset({"3", "1000"})),
    "件": _k("けん"), "曲": _k("きょく"), "局": _k("きょく"), "期": _k("き"), "機": _k("き"),
    "基": _k("き"), "級": _k("きゅう"), "区": _k("く"), "校": _k("こう"), "巻": _k("かん"),
    "国": _k("こく", voiced="ごく"), "項目": _k("こうもく"), "会場": _k("かいじょう"),
    "公演": _k("こうえん"),
    "京": _Rule("けい", _BEFORE_K_H_P, unit=True),
}  # fmt: skip
# か月, カ国, ヶ所…: the small ka is 箇, written six ways; Sudachi's normalized form is 箇.
_KA_COUNTERS: Final = {"月": "かげつ", "国": "かこく", "所": "かしょ", "年": "かねん", "条": "かじょう"}
_K_ROW.update(
    {
        ka + kanji: _k(reading)
        for ka in ("か", "カ", "ヶ", "ケ", "ヵ", "箇")
        for kanji, reading in _KA_COUNTERS.items()
    }
)

# Sino-Japanese counters in s, sh, t, ch and ts: 1, 8, 10 geminate (いっさい, はっとう,
# じゅっせいき), 6 and 100 do not (ろくさい, ひゃくてん). 足 and 千 also voice after さん
# (さんぞく, さんぜん), again a property of the word.
_S_T_ROW: Final[dict[str, _Rule]] = {
    "歳": _st("さい"), "才": _st("さい"), "冊": _st("さつ"), "週": _st("しゅう"), "週間": _st("しゅうかん"),
    "世紀": _st("せいき"), "社": _st("しゃ"), "隻": _st("せき"), "席": _st("せき"), "艘": _st("そう"),
    "戦": _st("せん"), "選": _st("せん"), "勝": _st("しょう"), "章": _st("しょう"), "州": _st("しゅう"),
    "周": _st("しゅう"), "周年": _st("しゅうねん"), "種類": _st("しゅるい"), "試合": _st("しあい"),
    "点": _st("てん"), "通": _st("つう"), "頭": _st("とう"), "着": _st("ちゃく"), "等": _st("とう"),
    "寸": _st("すん"), "センチ": _st("せんち"), "トン": _st("とん"),
    "足": _st("そく", voiced="ぞく", after=frozenset({"3", "1000"})),
    "千": _st("せん", voiced="ぜん"),
    "兆": _Rule("ちょう", _BEFORE_S_T, unit=True),
}  # fmt: skip

# 4, 7 and 9 have two readings each (よん/し, なな/しち, きゅう/く). Most counters take
# よん なな きゅう, which cannot be misheard as いち or じゅう; these few have a fixed
# form that news still uses (よじ, しちがつ, くじ, よにん, よえん).
_YO: Final = {"4": "よ"}
_OWN_FOUR_SEVEN_NINE: Final[dict[str, _Rule]] = {
    "時": _plain("じ", {"0": "れい", "4": "よ", "7": "しち", "9": "く"}),
    "時半": _plain("じはん", {"0": "れい", "4": "よ", "7": "しち", "9": "く"}),
    "時間": _plain("じかん", {"4": "よ", "9": "く"}),
    "月": _plain("がつ", {"4": "し", "7": "しち", "9": "く"}),
    "年": _plain("ねん", _YO), "年間": _plain("ねんかん", _YO), "年度": _plain("ねんど", _YO),
    "年生": _plain("ねんせい", _YO), "円": _plain("えん", _YO),
    "人": _plain("にん", _YO), "人目": _plain("にんめ", _YO),
    # Days from 11 on are Sino-Japanese, but a 4 at the end stays native (じゅうよっか),
    # and dates read 7 and 9 as しち and く (じゅうしちにち, にじゅうくにち).
    "日": _Rule("にち", after={"4": "か"}, forms={"4": "よっ", "7": "しち", "9": "く"}),
    "日間": _Rule("にちかん", after={"4": "かかん"}, forms={"4": "よっ", "7": "しち", "9": "く"}),
}  # fmt: skip

# No sound change: counters starting with a vowel, a voiced consonant, n, m, w or r
# cannot geminate, and loanwords other than those in p are said as written (いちきろ).
_PLAIN: Final[dict[str, _Rule]] = {
    written: _plain(reading)
    for written, reading in {
        "ドル": "どる", "ユーロ": "ゆーろ", "ウォン": "うぉん", "ポンド": "ぽんど", "元": "げん",
        "キロ": "きろ", "キロメートル": "きろめーとる", "メートル": "めーとる", "kg": "きろぐらむ",
        "ページ": "ぺーじ", "ポイント": "ぽいんと", "秒": "びょう", "秒間": "びょうかん", "度": "ど",
        "倍": "ばい", "位": "い", "次": "じ", "番": "ばん", "番目": "ばんめ", "号": "ごう", "号機": "ごうき",
        "条": "じょう", "割": "わり", "枚": "まい", "台": "だい", "名": "めい", "部": "ぶ", "字": "じ",
        "語": "ご", "行": "ぎょう", "代": "だい", "議席": "ぎせき", "学期": "がっき", "時限": "じげん",
        "文書": "ぶんしょ",
    }.items()
}  # fmt: skip
_PLAIN["万"] = _plain("まん", unit=True)
_PLAIN["億"] = _plain("おく", unit=True)

_RULES: Final[dict[str, _Rule]] = {**_PLAIN, **_OWN_FOUR_SEVEN_NINE, **_S_T_ROW, **_K_ROW, **_P_ROW, **_H_ROW}

# Native Japanese numbers (ひと ふた み よ いつ む なな や ここの とお) survive with つ, with
# the first ten days and 20日, and with one and two people. They are whole words, not a
# digit plus a counter, so they are listed, split where the kana still follow the
# characters (ふつ|か, ひと|り). A counter part "" means the reading is one word over
# both characters: とお for 10つ (the つ is silent), はたち for 20歳.
_TSU: Final = {1: "ひと", 2: "ふた", 3: "みっ", 4: "よっ", 5: "いつ", 6: "むっ", 7: "なな", 8: "やっ",
               9: "ここの"}  # fmt: skip
_DAYS: Final = {2: "ふつ", 3: "みっ", 4: "よっ", 5: "いつ", 6: "むい", 7: "なの", 8: "よう", 9: "ここの",
                10: "とお", 20: "はつ"}  # fmt: skip
_NATIVE: Final[dict[str, dict[int, tuple[str, str]]]] = {
    "つ": {**{n: (w, "つ") for n, w in _TSU.items()}, 10: ("とお", "")},
    "日": {n: (w, "か") for n, w in _DAYS.items()},
    "日間": {n: (w, "かかん") for n, w in _DAYS.items()},
    "人": {1: ("ひと", "り"), 2: ("ふた", "り")},
    "人目": {1: ("ひと", "りめ"), 2: ("ふた", "りめ")},
    "歳": {20: ("はたち", "")},
    "才": {20: ("はたち", "")},
}
# The first of the month is ついたち (from 月立ち, the month's start); a span of one day is いちにち.
_DATES: Final[dict[int, tuple[str, str]]] = {1: ("ついたち", "")}

KNOWN_COUNTERS: Final[frozenset[str]] = frozenset(_RULES) | frozenset(_NATIVE)
"""Every counter :func:`counted_reading` knows, as written after the number."""

# The decimal point is said てん and geminates after 1 and 10 (いってんご, じゅってんご).
# 8 is left as はちてん, the clearer of the two forms heard; 0 before it is れい (れいてんご).
_POINT: Final = _Rule("てん", frozenset({"1", "10"}), forms={"0": "れい"})
_UNITS: Final = ("万", "億", "兆", "京")


def number_reading(value: str) -> str:
    """Hiragana reading of a non-negative number: "2025" → にせんにじゅうご, "2.5" → にてんご.

    ``value`` is a digit string as Sudachi normalizes numbers, optionally with a decimal
    point; full-width digits and thousands separators are accepted too ("２，０２５").
    Raises :class:`ValueError` for anything else (signs, exponents, kanji numerals).
    """
    spoken = _spoken(_canonical(value))
    return spoken.head + spoken.last


def counted_reading(value: str, counter: str, *, date: bool = False) -> tuple[str, str] | None:
    """Readings of a number and the counter after it: ("2025", "年") → ("にせんにじゅうご", "ねん").

    Returns (number part, counter part), each with the sound changes the pair causes:
    ("1", "杯") → ("いっ", "ぱい"), ("4", "時") → ("よ", "じ"), ("2", "日") → ("ふつ", "か").
    When the pair is one word that cannot be split between the digits and the counter
    (20歳 はたち, a date's 1日 ついたち, 10つ とお), the counter part is "" and the number
    part is the reading of both: the caller shows one ruby over the two.

    ``date`` says 日 is a day of the month (2月1日), which makes 1日 ついたち rather
    than いちにち. Returns ``None`` when ``counter`` is not one of :data:`KNOWN_COUNTERS`
    or cannot count this number (11つ); the caller then reads the number alone. Raises
    :class:`ValueError` when ``value`` is not a number, as :func:`number_reading` does.
    """
    canonical = _canonical(value)
    key = unicodedata.normalize("NFKC", counter).strip()
    n = int(canonical) if canonical.isdigit() and not _has_leading_zero(canonical) else None
    if n is not None:
        if date and key == "日" and n in _DATES:
            return _DATES[n]
        native = _NATIVE.get(key, {})
        if n in native:
            return native[n]
    rule = _RULES.get(key)
    return None if rule is None else _attach(_spoken(canonical), rule)


def _attach(spoken: _Spoken, rule: _Rule) -> tuple[str, str]:
    """The number's reading and the counter's, once the counter has changed the number's last word."""
    if spoken.kind in rule.geminate:
        # Every geminating word ends in a single kana (いち ろく はち じゅう ひゃく) that っ replaces.
        return spoken.head + spoken.last[:-1] + "っ", rule.geminated or rule.reading
    last = rule.forms.get(spoken.kind, spoken.last)
    if rule.unit and spoken.kind == "1000" and spoken.last == "せん":
        last = "いっせん"
    return spoken.head + last, rule.after.get(spoken.kind, rule.reading)


def _canonical(value: str) -> str:
    """ASCII digits without separators: "２，０２５" → "2025"."""
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"not a non-negative decimal number: {value!r}")
    return text


def _has_leading_zero(digits: str) -> bool:
    return len(digits) > 1 and digits.startswith("0")


def _spoken(canonical: str) -> _Spoken:
    whole, _, fraction = canonical.partition(".")
    number = _digit_by_digit(whole) if _has_leading_zero(whole) else _integer(int(whole))
    if not fraction:
        return number
    before_point, point = _attach(number, _POINT)
    # Decimals are read digit by digit, 0 as れい: 0.05 れいてんれいご.
    decimals = "".join("れい" if d == "0" else _DIGITS[int(d)] for d in fraction)
    return _Spoken(before_point + point, decimals, "decimal")


def _digit_by_digit(digits: str) -> _Spoken:
    return _Spoken("", "".join(_DIGITS[int(d)] for d in digits), "digits")


def _integer(n: int) -> _Spoken:
    if n == 0:
        return _Spoken("", _DIGITS[0], "0")
    groups: list[int] = []
    rest = n
    while rest:
        rest, four_digits = divmod(rest, 10000)
        groups.append(four_digits)
    if len(groups) > len(_UNITS) + 1:
        return _digit_by_digit(str(n))  # no unit past 京 is in everyday use
    head, last, kind = "", "", ""
    for power in range(len(groups) - 1, -1, -1):
        if not groups[power]:
            continue
        head += last
        group = _group(groups[power])
        if power:
            # A unit is a counter of the group before it: 1兆 いっちょう, 1000万 いっせんまん.
            number, last = _attach(group, _RULES[_UNITS[power - 1]])
            head += number
            kind = _UNITS[power - 1]
        else:
            head += group.head
            last, kind = group.last, group.kind
    return _Spoken(head, last, kind)


def _group(n: int) -> _Spoken:
    """1–9999 as words: 3600 → さんぜん ろっぴゃく. 千 and 百 are counters of their digit."""
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    words: list[tuple[str, str]] = []
    if thousands:
        words.append((_times(thousands, "千"), "1000"))
    if hundreds:
        words.append((_times(hundreds, "百"), "100"))
    if tens:
        words.append(("じゅう" if tens == 1 else _DIGITS[tens] + "じゅう", "10"))
    if ones:
        words.append((_DIGITS[ones], str(ones)))
    last, kind = words[-1]
    return _Spoken("".join(word for word, _ in words[:-1]), last, kind)


def _times(d: int, scale: str) -> str:
    """d千 or d百 said as one word: はっせん, さんびゃく; 1 is not said (せん, ひゃく)."""
    if d == 1:
        return _RULES[scale].reading
    return "".join(_attach(_Spoken("", _DIGITS[d], str(d)), _RULES[scale]))
