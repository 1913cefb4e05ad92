"""Reading numbers and counters as they are said: 2025年 にせんにじゅうごねん, 1杯 いっぱい.

Sudachi reads the digits of a number one by one (2025 → ニレイニゴ); this module reads
the number's value instead, and applies the sound changes that a counter causes to the
last word of the number and to itself. The rules are classes of counters, not a list
of examples:

* gemination (促音便): the last word いち ろく はち じゅう ひゃく becomes いっ ろっ はっ
  じゅっ ひゃっ before counters starting with k, s, t, h or p, depending on the class;
* h-row counters turn into p after gemination (いっぱい) and into b or p after ん
  (さんばい, さんぷん);
* some counters read 4, 7, 9 their own way (よじ しちじ くじ, しがつ, よねん, よにん);
* native counters (つ, 日 as a count of days or a date, 人 for one and two) have their
  own words (ひとつ, ふつか, ついたち, ひとり), and two pairs fuse into one word that
  cannot be split between the digits and the counter (20歳 はたち, 20日 はつか).

じゅっ is the modern broadcast form (NHK); じっ is the traditional one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGITS = ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
_BIG_UNITS = ("", "まん", "おく", "ちょう", "けい")
# Before 兆 and 京 (ch, k) the group's last word geminates: いっちょう はっちょう じゅっちょう,
# but ひゃくちょう and ろくちょう keep their full form in standard reading.
_UNIT_GEMINATES = {
    "ちょう": frozenset({"いち", "はち", "じゅう"}),
    "けい": frozenset({"いち", "はち", "じゅう", "ろく", "ひゃく"}),
}

_GEMINATE = {"いち": "いっ", "ろく": "ろっ", "はち": "はっ", "じゅう": "じゅっ",
             "ひゃく": "ひゃっ", "びゃく": "びゃっ", "ぴゃく": "ぴゃっ"}  # fmt: skip


@dataclass(frozen=True)
class Counter:
    reading: str
    geminate_after: frozenset[str] = frozenset()
    """Last words of the number that geminate before this counter."""
    after_geminate: str | None = None
    """The counter's reading after a geminated number (h → p: はい → ぱい)."""
    after_n: str | None = None
    """The counter's reading after a number ending in ん (さんばい, さんぷん)."""
    special: tuple[tuple[int, str], ...] = ()
    """Ones digits read another way before this counter: (4, "よ") for 時."""


_KSTP = frozenset({"いち", "ろく", "はち", "じゅう", "ひゃく", "びゃく", "ぴゃく"})  # k and p counters
_ST = frozenset({"いち", "はち", "じゅう", "ひゃく", "びゃく", "ぴゃく"})  # s and t counters: ろく stays


def _k(reading: str, *, after_n: str | None = None) -> Counter:
    return Counter(reading, _KSTP, after_n=after_n)


def _st(reading: str, *, after_n: str | None = None) -> Counter:
    return Counter(reading, _ST, after_n=after_n)


def _p(reading: str) -> Counter:
    return Counter(reading, _KSTP)


def _h(reading: str, p_form: str, after_n: str) -> Counter:
    return Counter(reading, _KSTP, after_geminate=p_form, after_n=after_n)


def _plain(reading: str, *special: tuple[int, str]) -> Counter:
    return Counter(reading, special=special)


COUNTERS: dict[str, Counter] = {
    # h-row counters: p after gemination, b or p after ん.
    "本": _h("ほん", "ぽん", "ぼん"),
    "杯": _h("はい", "ぱい", "ばい"),
    "匹": _h("ひき", "ぴき", "びき"),
    "分": _h("ふん", "ぷん", "ぷん"),
    "分間": _h("ふんかん", "ぷんかん", "ぷんかん"),
    "泊": _h("はく", "ぱく", "ぱく"),
    "発": _h("はつ", "ぱつ", "ぱつ"),
    "敗": _h("はい", "ぱい", "ぱい"),
    "票": _h("ひょう", "ぴょう", "ぴょう"),
    "品目": _h("ひんもく", "ぴんもく", "ぴんもく"),
    "編": _h("へん", "ぺん", "ぺん"),
    "歩": _h("ほ", "ぽ", "ぽ"),
    # k-row counters: the number geminates; 階 and 軒 voice after ん.
    "個": _k("こ"), "回": _k("かい"), "回目": _k("かいめ"), "階": _k("かい", after_n="がい"),
    "軒": _k("けん", after_n="げん"), "件": _k("けん"), "曲": _k("きょく"), "期": _k("き"),
    "機": _k("き"), "基": _k("き"), "級": _k("きゅう"), "区": _k("く"), "か国": _k("かこく"),
    "カ国": _k("かこく"), "ヶ国": _k("かこく"), "ケ国": _k("かこく"), "か月": _k("かげつ"),
    "カ月": _k("かげつ"), "ヶ月": _k("かげつ"), "ケ月": _k("かげつ"), "か所": _k("かしょ"),
    "カ所": _k("かしょ"), "ヶ所": _k("かしょ"), "箇所": _k("かしょ"), "か年": _k("かねん"),
    "カ年": _k("かねん"), "会場": _k("かいじょう"), "公演": _k("こうえん"), "校": _k("こう"),
    "学期": _k("がっき"), "局": _k("きょく"), "kg": _k("きろぐらむ"), "キロ": _plain("きろ"),
    # s- and t-row counters: いち はち じゅう ひゃく geminate, ろく does not.
    "歳": _st("さい"), "才": _st("さい"), "冊": _st("さつ"), "足": _st("そく", after_n="ぞく"),
    "週": _st("しゅう"), "週間": _st("しゅうかん"), "週目": _st("しゅうめ"), "世紀": _st("せいき"),
    "社": _st("しゃ"), "隻": _st("せき"), "席": _st("せき"), "議席": _plain("ぎせき"), "戦": _st("せん"),
    "選": _st("せん"), "勝": _st("しょう"), "章": _st("しょう"), "州": _st("しゅう"), "周": _st("しゅう"),
    "周年": _st("しゅうねん"), "点": _st("てん"), "点目": _st("てんめ"), "通": _st("つう"),
    "頭": _st("とう"), "着": _st("ちゃく"), "センチ": _st("せんち"), "トン": _st("とん"),
    "時限": _plain("じげん"), "等": _st("とう"), "寸": _st("すん"),
    # p-initial counters geminate the number and stay p.
    "%": _p("ぱーせんと"), "％": _p("ぱーせんと"), "パーセント": _p("ぱーせんと"),
    "ページ": _p("ぺーじ"), "ポイント": _p("ぽいんと"),
    # No sound change, but some read 4, 7, 9 their own way.
    "時": _plain("じ", (4, "よ"), (7, "しち"), (9, "く")),
    "時間": _plain("じかん", (4, "よ"), (9, "く")),
    "月": _plain("がつ", (4, "し"), (7, "しち"), (9, "く")),
    "年": _plain("ねん", (4, "よ")),
    "年間": _plain("ねんかん", (4, "よ")),
    "年目": _plain("ねんめ", (4, "よ")),
    "年度": _plain("ねんど", (4, "よ")),
    "円": _plain("えん", (4, "よ")),
    "人": _plain("にん", (4, "よ")),
    "人目": _plain("にんめ", (4, "よ")),
    "ドル": _plain("どる"), "ユーロ": _plain("ゆーろ"), "ウォン": _plain("うぉん"), "元": _plain("げん"),
    "項目": _plain("こうもく"), "秒": _plain("びょう"), "度": _plain("ど"), "倍": _plain("ばい"),
    "位": _plain("い"), "次": _plain("じ"), "番": _plain("ばん"), "番目": _plain("ばんめ"),
    "号": _plain("ごう"), "条": _plain("じょう"), "割": _plain("わり"), "枚": _plain("まい"),
    "台": _plain("だい"), "名": _plain("めい"), "試合": _plain("しあい"), "万": _plain("まん"),
    "億": _plain("おく"), "兆": _st("ちょう"), "メートル": _plain("めーとる"), "文書": _plain("ぶんしょ"),
    "カ条": _k("かじょう"), "か条": _k("かじょう"), "条約": _plain("じょうやく"), "国": _k("こく"),
    "部": _plain("ぶ"), "字": _plain("じ"), "語": _plain("ご"), "行": _plain("ぎょう"), "代": _plain("だい"),
}  # fmt: skip

# Native Japanese counts, 1–10, before つ: ひとつ ふたつ … とお.
_NATIVE_TSU = {1: "ひと", 2: "ふた", 3: "みっ", 4: "よっ", 5: "いつ", 6: "むっ", 7: "なな",
               8: "やっ", 9: "ここの"}  # fmt: skip
_DAYS = {2: "ふつ", 3: "みっ", 4: "よっ", 5: "いつ", 6: "むい", 7: "なの", 8: "よう", 9: "ここの",
         10: "とお", 14: "じゅうよっ", 24: "にじゅうよっ"}  # fmt: skip
_FUSED = {("20", "歳"): "はたち", ("20", "才"): "はたち", ("20", "日"): "はつか"}

_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def number_reading(value: str) -> str:
    """Hiragana reading of a non-negative number: "2025" → にせんにじゅうご."""
    return "".join(_number_words(value))


def counted_reading(value: str, counter: str, *, date: bool = False) -> tuple[str, str] | None:
    """Readings of a number and the counter after it, or ``None`` for an unknown counter.

    Returns (number part, counter part). When the pair fuses into one word (20歳
    はたち, a date's 1日 ついたち) the counter part is ``""`` and the number part is the
    whole reading.
    """
    value = _normalise(value)
    if not _NUMBER.match(value):
        return None
    if "." in value:
        rule = COUNTERS.get(counter)
        return (number_reading(value), rule.reading) if rule else None
    n = int(value)
    native = _native(n, value, counter, date)
    if native is not None:
        return native
    rule = COUNTERS.get(counter)
    if rule is None:
        return None
    words = _number_words(value)
    last = words[-1]
    special = dict(rule.special)
    if n % 10 in special and last == _DIGITS[n % 10]:
        return "".join(words[:-1]) + special[n % 10], rule.reading
    tail = _geminable_tail(last)
    if tail in rule.geminate_after and n > 0:
        return "".join(words[:-1]) + last[: -len(tail)] + _GEMINATE[tail], rule.after_geminate or rule.reading
    if last.endswith("ん") and rule.after_n:
        return "".join(words), rule.after_n
    return "".join(words), rule.reading


def _native(n: int, value: str, counter: str, date: bool) -> tuple[str, str] | None:
    fused = _FUSED.get((value, counter))
    if fused:
        return fused, ""
    if counter == "つ" and n in _NATIVE_TSU:
        return _NATIVE_TSU[n], "つ"
    if counter in ("日", "日間"):
        tail = "かかん" if counter == "日間" else "か"
        if n == 1:
            if date and counter == "日":
                return "ついたち", ""
            return "いち", "にち" + ("かん" if counter == "日間" else "")
        if n in _DAYS:
            return _DAYS[n], tail
        return number_reading(value), "にち" + ("かん" if counter == "日間" else "")
    if counter in ("人", "人目") and n in (1, 2):
        return ("ひと" if n == 1 else "ふた"), "り" + ("め" if counter == "人目" else "")
    return None


def _geminable_tail(word: str) -> str:
    """The part of a number word that gemination changes: さんじゅう → じゅう, いち → いち."""
    for tail in _GEMINATE:
        if word.endswith(tail):
            return tail
    return ""


def _normalise(value: str) -> str:
    return unicodedata.normalize("NFKC", value).replace(",", "")


def _number_words(value: str) -> list[str]:
    """The words of a number, so counters can change the last one: 2025 → に せん に じゅう ご."""
    value = _normalise(value)
    if not _NUMBER.match(value):
        return [value]
    whole, _, fraction = value.partition(".")
    words = _integer_words(int(whole))
    if fraction:
        words += ["てん", *(_DIGITS[int(d)] if d != "0" else "ぜろ" for d in fraction)]
        if whole == "0":
            words[0] = "れい"
    return words


def _integer_words(n: int) -> list[str]:
    if n == 0:
        return ["ぜろ"]
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_BIG_UNITS):  # beyond 京: read digit by digit rather than invent units
        return [_DIGITS[int(d)] for d in str(sum(g * 10000**i for i, g in enumerate(groups)))]
    words: list[str] = []
    for power in range(len(groups) - 1, -1, -1):
        group = groups[power]
        if group == 0:
            continue
        unit = _BIG_UNITS[power]
        group_words = _group_words(group)
        tail = _geminable_tail(group_words[-1])
        if unit and tail in _UNIT_GEMINATES.get(unit, ()):
            group_words[-1] = group_words[-1][: -len(tail)] + _GEMINATE[tail]
        if unit and group_words[-1] == "せん" and group // 1000 == 1 and group % 1000 == 0:
            group_words[-1] = "いっせん"  # 1000万 いっせんまん: せん alone before a unit needs its いっ
        words += group_words
        if unit:
            words.append(unit)
    return words


def _group_words(n: int) -> list[str]:
    """1–9999 as words: 3600 → さんぜん ろっぴゃく."""
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if thousands:
        words.append({1: "せん", 3: "さんぜん", 8: "はっせん"}.get(thousands, _DIGITS[thousands] + "せん"))
    if hundreds:
        words.append(
            {1: "ひゃく", 3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}.get(
                hundreds, _DIGITS[hundreds] + "ひゃく"
            )
        )
    if tens:
        words.append("じゅう" if tens == 1 else _DIGITS[tens] + "じゅう")
    if ones:
        words.append(_DIGITS[ones])
    return words
