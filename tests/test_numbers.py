from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yomu.numbers import counted_reading, number_reading


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "ぜろ"), ("1", "いち"), ("10", "じゅう"), ("14", "じゅうよん"), ("100", "ひゃく"),
        ("300", "さんびゃく"), ("600", "ろっぴゃく"), ("800", "はっぴゃく"), ("1000", "せん"),
        ("3000", "さんぜん"), ("8000", "はっせん"), ("2025", "にせんにじゅうご"),
        ("10000", "いちまん"), ("1000000", "ひゃくまん"), ("10000000", "いっせんまん"),
        ("85700000", "はっせんごひゃくななじゅうまん"), ("300000000000", "さんぜんおく"),
        ("1000000000000", "いっちょう"), ("10000000000000", "じゅっちょう"),
        ("2.5", "にてんご"), ("0.5", "れいてんご"), ("1,000", "せん"), ("２０２５", "にせんにじゅうご"),
    ],
)  # fmt: skip
def test_number_reading(value: str, expected: str) -> None:
    assert number_reading(value) == expected


@pytest.mark.parametrize(
    ("value", "counter", "date", "expected"),
    [
        ("2025", "年", False, ("にせんにじゅうご", "ねん")), ("2", "月", False, ("に", "がつ")),
        ("28", "日", True, ("にじゅうはち", "にち")), ("3000億", "ドル", False, None),
        ("1", "時間", False, ("いち", "じかん")), ("30", "分", False, ("さんじゅっ", "ぷん")),
        ("4", "時間", False, ("よ", "じかん")), ("19", "項目", False, ("じゅうきゅう", "こうもく")),
        ("3", "年", False, ("さん", "ねん")), ("90", "分間", False, ("きゅうじゅっ", "ぷんかん")),
        ("1", "杯", False, ("いっ", "ぱい")), ("3", "杯", False, ("さん", "ばい")),
        ("6", "杯", False, ("ろっ", "ぱい")), ("8", "歳", False, ("はっ", "さい")),
        ("6", "歳", False, ("ろく", "さい")), ("6", "分", False, ("ろっ", "ぷん")),
        ("4", "分", False, ("よん", "ぷん")), ("1", "つ", False, ("ひと", "つ")),
        ("9", "つ", False, ("ここの", "つ")), ("10", "日", False, ("とお", "か")),
        ("14", "日", False, ("じゅうよっ", "か")), ("20", "日", False, ("はつか", "")),
        ("1", "日", True, ("ついたち", "")), ("1", "日", False, ("いち", "にち")),
        ("7", "月", False, ("しち", "がつ")), ("4", "月", False, ("し", "がつ")),
        ("9", "月", False, ("く", "がつ")), ("4", "時", False, ("よ", "じ")),
        ("9", "時", False, ("く", "じ")),
        ("20", "歳", False, ("はたち", "")), ("4", "人", False, ("よ", "にん")),
        ("1", "人", False, ("ひと", "り")), ("2", "人", False, ("ふた", "り")),
        ("2014", "年", False, ("にせんじゅうよ", "ねん")), ("1", "カ月", False, ("いっ", "かげつ")),
        ("1", "週間", False, ("いっ", "しゅうかん")), ("100", "本", False, ("ひゃっ", "ぽん")),
        ("300", "本", False, ("さんびゃっ", "ぽん")), ("1000", "本", False, ("せん", "ぼん")),
        ("21", "杯", False, ("にじゅういっ", "ぱい")), ("3", "階", False, ("さん", "がい")),
        ("10", "%", False, ("じゅっ", "ぱーせんと")), ("1", "兆", False, ("いっ", "ちょう")),
        ("2.5", "倍", False, ("にてんご", "ばい")), ("3", "ミサイル", False, None),
    ],
)  # fmt: skip
def test_counted_reading(value: str, counter: str, date: bool, expected: tuple[str, str] | None) -> None:
    assert counted_reading(value, counter, date=date) == expected


@given(st.integers(min_value=0, max_value=10**20 - 1))
def test_every_number_reads_in_hiragana(n: int) -> None:
    reading = number_reading(str(n))
    assert reading and all("\u3041" <= c <= "\u309f" for c in reading)


@given(
    st.integers(min_value=1, max_value=10**12),
    st.sampled_from(["年", "杯", "歳", "個", "分", "時", "人", "日"]),
)
def test_counted_readings_are_hiragana(n: int, counter: str) -> None:
    counted = counted_reading(str(n), counter)
    assert counted is not None
    assert all("\u3041" <= c <= "\u309f" for c in "".join(counted))
