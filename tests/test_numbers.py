"""Numbers and counters read as said: exact readings, then properties over all numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yomu.words.numbers import KNOWN_COUNTERS, counted_reading, number_reading

HIRAGANA = re.compile(r"^[\u3041-\u3096]+$")
# Counters include loanwords (ぱーせんと), whose long vowels stay ー.
COUNTER_KANA = re.compile(r"^[\u3041-\u3096ー]*$")
# っ only ever stands before a voiceless k, s, t or p sound.
AFTER_SOKUON = set("かきくけこさしすせそたちつてとぱぴぷぺぽ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "ぜろ"), ("1", "いち"), ("4", "よん"), ("7", "なな"), ("9", "きゅう"), ("10", "じゅう"),
        ("11", "じゅういち"), ("14", "じゅうよん"), ("19", "じゅうきゅう"), ("20", "にじゅう"),
        ("99", "きゅうじゅうきゅう"),
        # Hundreds and thousands: 3 voices them, 6 and 8 geminate before ひゃく, 8 before せん.
        ("100", "ひゃく"), ("101", "ひゃくいち"), ("110", "ひゃくじゅう"), ("200", "にひゃく"),
        ("300", "さんびゃく"), ("400", "よんひゃく"), ("600", "ろっぴゃく"), ("700", "ななひゃく"),
        ("800", "はっぴゃく"), ("900", "きゅうひゃく"), ("1000", "せん"), ("2000", "にせん"),
        ("3000", "さんぜん"), ("4000", "よんせん"), ("6000", "ろくせん"), ("8000", "はっせん"),
        ("9000", "きゅうせん"), ("2025", "にせんにじゅうご"), ("3600", "さんぜんろっぴゃく"),
        # Units of ten thousand: 1000 before a unit is いっせん, 兆 and 京 geminate the group.
        ("10000", "いちまん"), ("10001", "いちまんいち"), ("100000", "じゅうまん"), ("1000000", "ひゃくまん"),
        ("10000000", "いっせんまん"), ("15000000", "せんごひゃくまん"),
        ("85700000", "はっせんごひゃくななじゅうまん"), ("100000000", "いちおく"),
        ("100010001", "いちおくいちまんいち"), ("100000000000", "いっせんおく"),
        ("300000000000", "さんぜんおく"),
        ("123456789", "いちおくにせんさんびゃくよんじゅうごまんろくせんななひゃくはちじゅうきゅう"),
        ("1000000000000", "いっちょう"), ("6000000000000", "ろくちょう"), ("8000000000000", "はっちょう"),
        ("10000000000000", "じゅっちょう"), ("100000000000000", "ひゃくちょう"),
        ("1000000000000000", "いっせんちょう"), ("10000000000000000", "いっけい"),
        ("60000000000000000", "ろっけい"), ("100000000000000000", "じゅっけい"),
        ("1000000000000000000", "ひゃっけい"),
        # Decimals: digits one by one after てん, 0 as れい; 1 and 10 geminate before てん.
        ("2.5", "にてんご"), ("0.5", "れいてんご"), ("1.5", "いってんご"), ("10.5", "じゅってんご"),
        ("8.5", "はちてんご"), ("21.5", "にじゅういってんご"), ("100.5", "ひゃくてんご"),
        ("3.14", "さんてんいちよん"), ("0.05", "れいてんれいご"),
        # Separators and full-width digits, as typed in articles.
        ("1,000", "せん"), ("12,345", "いちまんにせんさんびゃくよんじゅうご"),
        ("２０２５", "にせんにじゅうご"),
        ("２．５", "にてんご"), ("１，０００", "せん"), (" 7 ", "なな"),
        # Codes, not amounts: digit by digit.
        ("007", "ぜろぜろなな"), ("0120", "ぜろいちにぜろ"),
        ("100000000000000000000", "いち" + "ぜろ" * 20),
    ],
)  # fmt: skip
def test_number_reading(value: str, expected: str) -> None:
    assert number_reading(value) == expected


@pytest.mark.parametrize("value", ["", "-1", "+1", "1e5", "abc", "二", "1.", ".5", "1.2.3", "3000億", "½"])
def test_number_reading_rejects_what_is_not_a_number(value: str) -> None:
    with pytest.raises(ValueError, match="not a non-negative decimal number"):
        number_reading(value)
    with pytest.raises(ValueError):
        counted_reading(value, "年")


@pytest.mark.parametrize(
    ("value", "counter", "date", "expected"),
    [
        # The tokens Sudachi gives for news text.
        ("2025", "年", False, ("にせんにじゅうご", "ねん")), ("2", "月", False, ("に", "がつ")),
        ("28", "日", True, ("にじゅうはち", "にち")),
        ("300000000000", "ドル", False, ("さんぜんおく", "どる")),
        ("1", "時間", False, ("いち", "じかん")), ("30", "分", False, ("さんじゅっ", "ぷん")),
        ("4", "時間", False, ("よ", "じかん")), ("19", "項目", False, ("じゅうきゅう", "こうもく")),
        ("3", "年", False, ("さん", "ねん")), ("90", "分間", False, ("きゅうじゅっ", "ぷんかん")),
        ("1", "杯", False, ("いっ", "ぱい")), ("3", "杯", False, ("さん", "ばい")),
        ("8", "歳", False, ("はっ", "さい")), ("6", "分", False, ("ろっ", "ぷん")),
        ("1", "つ", False, ("ひと", "つ")), ("10", "日", False, ("とお", "か")),
        ("14", "日", False, ("じゅうよっ", "か")), ("7", "月", False, ("しち", "がつ")),
        ("4", "時", False, ("よ", "じ")), ("20", "歳", False, ("はたち", "")),
        ("1", "日", True, ("ついたち", "")), ("1000", "人", False, ("せん", "にん")),
        ("2", "次", False, ("に", "じ")), ("8", "時半", False, ("はち", "じはん")),
        ("4", "時半", False, ("よ", "じはん")),
        # h-row counters: p after っ; b after さん せん まん for 本 杯 匹, p after every ん for 分 泊 発.
        ("1", "本", False, ("いっ", "ぽん")), ("2", "本", False, ("に", "ほん")),
        ("3", "本", False, ("さん", "ぼん")), ("4", "本", False, ("よん", "ほん")),
        ("6", "本", False, ("ろっ", "ぽん")), ("8", "本", False, ("はっ", "ぽん")),
        ("10", "本", False, ("じゅっ", "ぽん")), ("21", "本", False, ("にじゅういっ", "ぽん")),
        ("100", "本", False, ("ひゃっ", "ぽん")), ("300", "本", False, ("さんびゃっ", "ぽん")),
        ("600", "本", False, ("ろっぴゃっ", "ぽん")), ("1000", "本", False, ("せん", "ぼん")),
        ("3000", "本", False, ("さんぜん", "ぼん")), ("10000", "本", False, ("いちまん", "ぼん")),
        ("4", "杯", False, ("よん", "はい")), ("6", "杯", False, ("ろっ", "ぱい")),
        ("8", "杯", False, ("はっ", "ぱい")), ("10", "杯", False, ("じゅっ", "ぱい")),
        ("21", "杯", False, ("にじゅういっ", "ぱい")), ("100", "杯", False, ("ひゃっ", "ぱい")),
        ("1000", "杯", False, ("せん", "ばい")), ("1", "匹", False, ("いっ", "ぴき")),
        ("3", "匹", False, ("さん", "びき")), ("4", "匹", False, ("よん", "ひき")),
        ("1", "分", False, ("いっ", "ぷん")), ("2", "分", False, ("に", "ふん")),
        ("3", "分", False, ("さん", "ぷん")), ("4", "分", False, ("よん", "ぷん")),
        ("5", "分", False, ("ご", "ふん")), ("7", "分", False, ("なな", "ふん")),
        ("8", "分", False, ("はっ", "ぷん")), ("9", "分", False, ("きゅう", "ふん")),
        ("10", "分", False, ("じゅっ", "ぷん")), ("45", "分", False, ("よんじゅうご", "ふん")),
        ("100", "分", False, ("ひゃっ", "ぷん")), ("1000", "分", False, ("せん", "ぷん")),
        ("1", "分間", False, ("いっ", "ぷんかん")), ("6", "分間", False, ("ろっ", "ぷんかん")),
        ("1", "泊", False, ("いっ", "ぱく")), ("2", "泊", False, ("に", "はく")),
        ("3", "泊", False, ("さん", "ぱく")), ("4", "泊", False, ("よん", "ぱく")),
        ("1", "発", False, ("いっ", "ぱつ")), ("3", "発", False, ("さん", "ぱつ")),
        ("6", "発", False, ("ろっ", "ぱつ")), ("3", "敗", False, ("さん", "ぱい")),
        ("1", "票", False, ("いっ", "ぴょう")), ("3", "票", False, ("さん", "びょう")),
        ("10000", "票", False, ("いちまん", "ひょう")), ("3", "歩", False, ("さん", "ぽ")),
        ("4", "歩", False, ("よん", "ほ")), ("10000", "歩", False, ("いちまん", "ぽ")),
        ("3", "品目", False, ("さん", "ひんもく")), ("20", "品目", False, ("にじゅっ", "ぴんもく")),
        # p-initial loanwords: only the number changes.
        ("1", "%", False, ("いっ", "ぱーせんと")), ("3", "%", False, ("さん", "ぱーせんと")),
        ("6", "%", False, ("ろっ", "ぱーせんと")), ("8", "%", False, ("はっ", "ぱーせんと")),
        ("10", "％", False, ("じゅっ", "ぱーせんと")), ("100", "パーセント", False, ("ひゃっ", "ぱーせんと")),
        # k-row: 1 6 8 10 100 geminate; 階 軒 国 voice after さん.
        ("1", "個", False, ("いっ", "こ")), ("3", "個", False, ("さん", "こ")),
        ("6", "個", False, ("ろっ", "こ")),
        ("8", "個", False, ("はっ", "こ")), ("10", "個", False, ("じゅっ", "こ")),
        ("100", "個", False, ("ひゃっ", "こ")), ("1", "回", False, ("いっ", "かい")),
        ("3", "回", False, ("さん", "かい")), ("1", "階", False, ("いっ", "かい")),
        ("3", "階", False, ("さん", "がい")), ("4", "階", False, ("よん", "かい")),
        ("1", "軒", False, ("いっ", "けん")), ("3", "軒", False, ("さん", "げん")),
        ("1000", "軒", False, ("せん", "げん")), ("1", "件", False, ("いっ", "けん")),
        ("3", "件", False, ("さん", "けん")), ("3", "国", False, ("さん", "ごく")),
        ("1", "曲", False, ("いっ", "きょく")), ("1", "期", False, ("いっ", "き")),
        ("1", "区", False, ("いっ", "く")), ("23", "区", False, ("にじゅうさん", "く")),
        ("1", "カ月", False, ("いっ", "かげつ")), ("6", "ヶ月", False, ("ろっ", "かげつ")),
        ("10", "か月", False, ("じゅっ", "かげつ")), ("3", "箇月", False, ("さん", "かげつ")),
        ("1", "ｶ月", False, ("いっ", "かげつ")), ("1", "カ国", False, ("いっ", "かこく")),
        ("6", "か国", False, ("ろっ", "かこく")), ("10", "ヶ国", False, ("じゅっ", "かこく")),
        ("1", "箇所", False, ("いっ", "かしょ")), ("2", "カ所", False, ("に", "かしょ")),
        ("1", "項目", False, ("いっ", "こうもく")),
        # s- and t-row: 1 8 10 geminate, 6 and 100 do not; 足 and 千 voice after さん.
        ("1", "歳", False, ("いっ", "さい")), ("6", "歳", False, ("ろく", "さい")),
        ("10", "歳", False, ("じゅっ", "さい")), ("21", "歳", False, ("にじゅういっ", "さい")),
        ("100", "歳", False, ("ひゃく", "さい")), ("20", "才", False, ("はたち", "")),
        ("1", "世紀", False, ("いっ", "せいき")), ("8", "世紀", False, ("はっ", "せいき")),
        ("10", "世紀", False, ("じゅっ", "せいき")), ("21", "世紀", False, ("にじゅういっ", "せいき")),
        ("1", "週間", False, ("いっ", "しゅうかん")), ("8", "週間", False, ("はっ", "しゅうかん")),
        ("1", "社", False, ("いっ", "しゃ")), ("1", "点", False, ("いっ", "てん")),
        ("100", "点", False, ("ひゃく", "てん")), ("6", "頭", False, ("ろく", "とう")),
        ("1", "冊", False, ("いっ", "さつ")), ("3", "足", False, ("さん", "ぞく")),
        ("1", "着", False, ("いっ", "ちゃく")), ("1", "試合", False, ("いっ", "しあい")),
        ("3", "千", False, ("さん", "ぜん")), ("8", "千", False, ("はっ", "せん")),
        # Units as counters read as inside a number.
        ("1", "万", False, ("いち", "まん")), ("1000", "万", False, ("いっせん", "まん")),
        ("1000", "億", False, ("いっせん", "おく")), ("1", "兆", False, ("いっ", "ちょう")),
        ("8", "兆", False, ("はっ", "ちょう")), ("10", "兆", False, ("じゅっ", "ちょう")),
        ("100", "兆", False, ("ひゃく", "ちょう")), ("1000", "兆", False, ("いっせん", "ちょう")),
        ("1", "京", False, ("いっ", "けい")), ("100", "京", False, ("ひゃっ", "けい")),
        # Counters with their own 4, 7, 9 (and 0 for the hour).
        ("0", "時", False, ("れい", "じ")), ("7", "時", False, ("しち", "じ")),
        ("9", "時", False, ("く", "じ")),
        ("14", "時", False, ("じゅうよ", "じ")), ("19", "時", False, ("じゅうく", "じ")),
        ("7", "時間", False, ("なな", "じかん")), ("9", "時間", False, ("く", "じかん")),
        ("24", "時間", False, ("にじゅうよ", "じかん")), ("40", "時間", False, ("よんじゅう", "じかん")),
        ("4", "月", False, ("し", "がつ")), ("9", "月", False, ("く", "がつ")),
        ("12", "月", False, ("じゅうに", "がつ")), ("4", "年", False, ("よ", "ねん")),
        ("7", "年", False, ("なな", "ねん")), ("9", "年", False, ("きゅう", "ねん")),
        ("2024", "年", False, ("にせんにじゅうよ", "ねん")), ("4", "年間", False, ("よ", "ねんかん")),
        ("4", "年生", False, ("よ", "ねんせい")), ("4", "円", False, ("よ", "えん")),
        ("14", "円", False, ("じゅうよ", "えん")), ("1000", "円", False, ("せん", "えん")),
        ("4", "人", False, ("よ", "にん")), ("3", "人", False, ("さん", "にん")),
        ("7", "人", False, ("なな", "にん")), ("9", "人", False, ("きゅう", "にん")),
        ("14", "人", False, ("じゅうよ", "にん")), ("21", "人", False, ("にじゅういち", "にん")),
        # Native numbers: ひとり ふたり, ひとつ … とお, and the days.
        ("1", "人", False, ("ひと", "り")), ("2", "人", False, ("ふた", "り")),
        ("2", "つ", False, ("ふた", "つ")), ("3", "つ", False, ("みっ", "つ")),
        ("4", "つ", False, ("よっ", "つ")),
        ("5", "つ", False, ("いつ", "つ")), ("6", "つ", False, ("むっ", "つ")),
        ("7", "つ", False, ("なな", "つ")),
        ("8", "つ", False, ("やっ", "つ")), ("9", "つ", False, ("ここの", "つ")),
        ("10", "つ", False, ("とお", "")),
        ("1", "日", False, ("いち", "にち")), ("2", "日", False, ("ふつ", "か")),
        ("3", "日", False, ("みっ", "か")),
        ("4", "日", False, ("よっ", "か")), ("5", "日", False, ("いつ", "か")),
        ("6", "日", False, ("むい", "か")),
        ("7", "日", False, ("なの", "か")), ("8", "日", False, ("よう", "か")),
        ("9", "日", False, ("ここの", "か")), ("11", "日", True, ("じゅういち", "にち")),
        ("17", "日", True, ("じゅうしち", "にち")), ("19", "日", True, ("じゅうく", "にち")),
        ("20", "日", True, ("はつ", "か")), ("24", "日", True, ("にじゅうよっ", "か")),
        ("30", "日", True, ("さんじゅう", "にち")), ("31", "日", True, ("さんじゅういち", "にち")),
        ("34", "日", False, ("さんじゅうよっ", "か")), ("100", "日", False, ("ひゃく", "にち")),
        ("1", "日間", True, ("いち", "にちかん")), ("3", "日間", False, ("みっ", "かかん")),
        ("10", "日間", False, ("とお", "かかん")),
        # No sound change.
        ("1", "倍", False, ("いち", "ばい")), ("1", "度", False, ("いち", "ど")),
        ("1", "位", False, ("いち", "い")),
        ("1", "号", False, ("いち", "ごう")), ("4", "割", False, ("よん", "わり")),
        ("1", "キロ", False, ("いち", "きろ")), ("100", "メートル", False, ("ひゃく", "めーとる")),
        ("1", "学期", False, ("いち", "がっき")), ("10", "秒", False, ("じゅう", "びょう")),
        ("1", "ページ", False, ("いち", "ぺーじ")),
        # Decimals, zero and codes take the counter as it is.
        ("2.5", "倍", False, ("にてんご", "ばい")), ("1.5", "杯", False, ("いってんご", "はい")),
        ("1.5", "人", False, ("いってんご", "にん")), ("1.5", "日", True, ("いってんご", "にち")),
        ("0.5", "%", False, ("れいてんご", "ぱーせんと")), ("0", "人", False, ("ぜろ", "にん")),
        ("0", "点", False, ("ぜろ", "てん")), ("0", "日", False, ("ぜろ", "にち")),
        ("007", "号", False, ("ぜろぜろなな", "ごう")), ("01", "日", False, ("ぜろいち", "にち")),
        # The number as Sudachi may leave it in the surface.
        ("１，０００", "人", False, ("せん", "にん")), ("1,000", "円", False, ("せん", "えん")),
    ],
)  # fmt: skip
def test_counted_reading(value: str, counter: str, date: bool, expected: tuple[str, str] | None) -> None:
    assert counted_reading(value, counter, date=date) == expected


@pytest.mark.parametrize(
    ("value", "counter"),
    [("3", "ミサイル"), ("1", "目"), ("1", "半"), ("1", ""), ("11", "つ"), ("0", "つ"), ("1.5", "つ"),
     ("100", "つ")],
)  # fmt: skip
def test_unknown_counters_and_impossible_counts_give_none(value: str, counter: str) -> None:
    assert counted_reading(value, counter) is None


def test_the_counters_of_news_text_are_known() -> None:
    news = {
        "年", "月", "日", "ドル", "時間", "分", "項目", "分間", "杯", "歳", "つ", "時", "人", "次", "本",
        "匹", "個", "回", "階", "箇所", "カ所", "ヶ所", "か月", "カ月", "ヶ月", "国", "件", "曲", "期", "才",
        "冊", "足", "頭", "通", "点", "席", "隻", "艘", "勝", "敗", "円", "万", "億", "兆", "週", "週間",
        "秒", "度", "倍", "位", "番", "号", "条", "割", "キロ", "メートル", "パーセント", "%", "世紀", "軒",
        "枚", "機", "発", "着", "社", "選", "区", "泊", "戦", "試合", "局", "台", "名", "カ国", "か国",
        "ヶ国",
    }  # fmt: skip
    assert news <= KNOWN_COUNTERS


def base_reading(counter: str) -> str:
    """The counter as it is after a number that changes nothing: 25 ends in ご."""
    counted = counted_reading("25", counter)
    assert counted is not None
    return counted[1]


@pytest.mark.parametrize("counter", sorted(KNOWN_COUNTERS - {"つ"}))
def test_sokuon_only_before_a_voiceless_k_s_t_or_p(counter: str) -> None:
    for value in ["1", "6", "8", "10", "21", "100", "600", "1000"]:
        counted = counted_reading(value, counter)
        assert counted is not None
        if counted[0].endswith("っ"):
            assert counted[1][:1] in AFTER_SOKUON, (value, counter, counted)


@given(st.integers(min_value=0, max_value=10**20 - 1))
def test_every_number_reads_in_hiragana(n: int) -> None:
    assert HIRAGANA.match(number_reading(str(n)))


@given(st.integers(min_value=0, max_value=10**20 - 1))
def test_separators_and_full_width_digits_do_not_change_the_reading(n: int) -> None:
    grouped = f"{n:,}"
    full_width = grouped.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert number_reading(grouped) == number_reading(full_width) == number_reading(str(n))


@given(st.integers(min_value=0, max_value=10**20 - 1), st.integers(min_value=0, max_value=9999))
def test_decimals_read_the_whole_part_then_digit_by_digit(n: int, fraction: int) -> None:
    whole = number_reading(str(n))
    reading = number_reading(f"{n}.{fraction}")
    decimals = "".join("れい" if d == "0" else number_reading(d) for d in str(fraction))
    assert reading.endswith("てん" + decimals)
    if n > 1 and n % 10 not in (0, 1):  # gemination (いってん) and 0 (れいてん) change the whole part
        assert reading == whole + "てん" + decimals


@given(st.integers(min_value=1, max_value=10**16 - 1), st.integers(min_value=1, max_value=9999))
def test_a_number_reads_group_by_group(high: int, low: int) -> None:
    whole, high_part, low_part = (number_reading(str(v)) for v in (high * 10000 + low, high * 10000, low))
    assert whole == high_part + low_part


@given(
    st.integers(min_value=1, max_value=10**16 - 1),
    st.integers(min_value=25, max_value=9999),
    st.sampled_from(sorted(KNOWN_COUNTERS)),
)
def test_a_counter_changes_only_the_last_group(high: int, low: int, counter: str) -> None:
    """Past the native and fused readings (up to 24日), the counter sees only the last four digits."""
    counted = counted_reading(str(high * 10000 + low), counter)
    last_group = counted_reading(str(low), counter)
    if last_group is None:
        assert counted is None
    else:
        assert counted == (number_reading(str(high * 10000)) + last_group[0], last_group[1])


@given(st.integers(min_value=0, max_value=10**20 - 1), st.sampled_from(sorted(KNOWN_COUNTERS)), st.booleans())
def test_counted_readings_are_kana_and_never_empty(n: int, counter: str, date: bool) -> None:
    counted = counted_reading(str(n), counter, date=date)
    if counted is None:
        assert counter == "つ"
        return
    number_part, counter_part = counted
    assert HIRAGANA.match(number_part)
    assert COUNTER_KANA.match(counter_part)


@given(
    st.integers(min_value=0, max_value=10**20 - 1),
    st.sampled_from(["ドル", "倍", "度", "号", "枚", "台", "割"]),
)
def test_plain_counters_leave_the_number_alone(n: int, counter: str) -> None:
    counted = counted_reading(str(n), counter)
    assert counted is not None
    assert counted[0] == number_reading(str(n))


@given(
    st.integers(min_value=0, max_value=10**20 - 1),
    st.sampled_from(["個", "回", "件", "冊", "社", "点", "頭", "%"]),
)
def test_geminating_counters_change_at_most_the_last_kana(n: int, counter: str) -> None:
    counted = counted_reading(str(n), counter)
    reading = number_reading(str(n))
    assert counted is not None
    assert counted[1] == base_reading(counter)
    assert counted[0] == reading or (counted[0] == reading[:-1] + "っ" and reading[-1] in "くちう")


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(sorted(KNOWN_COUNTERS)))
def test_date_changes_only_the_first(n: int, counter: str) -> None:
    if (n, counter) == (1, "日"):
        assert counted_reading("1", "日", date=True) != counted_reading("1", "日", date=False)
    else:
        assert counted_reading(str(n), counter, date=True) == counted_reading(str(n), counter, date=False)


@given(
    st.integers(min_value=0, max_value=10**12),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.sampled_from(sorted(KNOWN_COUNTERS - {"つ"})),
)
def test_decimals_take_the_counter_unchanged(whole: int, decimals: str, counter: str) -> None:
    value = f"{whole}.{decimals}"
    assert counted_reading(value, counter) == (number_reading(value), base_reading(counter))
