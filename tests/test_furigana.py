from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yomu.model import FuriganaSegment
from yomu.words.furigana import Run, furigana_segments, ruby_runs, unique_alignment
from yomu.words.kana import is_reading, normalize_for_compare


def bracket(surface: str, reading: str | None) -> str:
    return "".join(
        s.text if s.reading is None else f"{s.text}[{s.reading}]" for s in furigana_segments(surface, reading)
    )


@pytest.mark.parametrize(
    ("surface", "reading", "expected"),
    [
        # one reading per kanji run, none over okurigana
        ("話し合われた", "はなしあわれた", "話[はな]し合[あ]われた"),
        ("取り下げた", "とりさげた", "取[と]り下[さ]げた"),
        ("取り除き", "とりのぞき", "取[と]り除[のぞ]き"),
        ("持ち上げ", "もちあげ", "持[も]ち上[あ]げ"),
        ("有り難う", "ありがとう", "有[あ]り難[がと]う"),
        ("お祝い", "おいわい", "お祝[いわ]い"),
        ("御坊っちゃん", "おぼっちゃん", "御坊[おぼ]っちゃん"),
        ("図書館", "としょかん", "図書館[としょかん]"),
        ("停戦合意", "ていせんごうい", "停戦合意[ていせんごうい]"),
        # iteration and counter marks belong to the kanji run
        ("方々", "かたがた", "方々[かたがた]"),
        ("一ヶ月", "いっかげつ", "一ヶ月[いっかげつ]"),
        ("三ヵ国", "さんかこく", "三ヵ国[さんかこく]"),
        ("ケ所", "かしょ", "ケ所[かしょ]"),
        ("一ケ所", "いっかしょ", "一ケ所[いっかしょ]"),
        ("関ケ原", "せきがはら", "関ケ原[せきがはら]"),
        ("ボケ役", "ぼけやく", "ボケ役[やく]"),  # a katakana word's ケ is read as written
        # katakana in the surface matches hiragana in the reading, and the other way round
        ("カ月", "かげつ", "カ月[げつ]"),
        ("二カ月", "にかげつ", "二[に]カ月[げつ]"),
        ("スズメの涙", "すずめのなみだ", "スズメの涙[なみだ]"),
        ("序ノ口", "じょのくち", "序[じょ]ノ口[くち]"),
        ("我ガ国", "わがくに", "我[わ]ガ国[くに]"),
        ("コーヒー豆", "こーひーまめ", "コーヒー豆[まめ]"),
        ("持ち上げ", "モチアゲ", "持[も]ち上[あ]げ"),  # Sudachi's katakana reading
        ("本", "ホン", "本[ほん]"),
        ("ｶﾞｽ代", "がすだい", "ｶﾞｽ代[だい]"),
        # ambiguous or impossible: the whole word gets the whole reading
        ("飼い犬", "かいいぬ", "飼い犬[かいいぬ]"),
        ("長い間", "ながいあいだ", "長い間[ながいあいだ]"),
        ("真っ白", "ましろ", "真っ白[ましろ]"),
        ("W杯", "わーるどかっぷ", "W杯[わーるどかっぷ]"),
        ("小谷哲男", "こたにてつお", "小谷哲男[こたにてつお]"),
        # digits are read like kanji: their reading is not visible
        ("2025", "にせんにじゅうご", "2025[にせんにじゅうご]"),
        ("2025年", "にせんにじゅうごねん", "2025年[にせんにじゅうごねん]"),
        ("1,000", "せん", "1,000[せん]"),
        ("2.5倍", "にてんごばい", "2.5倍[にてんごばい]"),
        ("3つ", "みっつ", "3[みっ]つ"),
        ("１０％", "じゅっぱーせんと", "１０％[じゅっぱーせんと]"),
        # unread punctuation may be missing from the reading
        ("米・ロシア", "べいろしあ", "米[べい]・ロシア"),
        ("日・米", "にち・べい", "日[にち]・米[べい]"),
        (
            "ウォロディミル＝ゼレンスキー大統領",
            "うぉろでぃみるぜれんすきーだいとうりょう",
            "ウォロディミル＝ゼレンスキー大統領[だいとうりょう]",
        ),
        # nothing to put ruby over, or nothing to put
        ("ウクライナ", "うくらいな", "ウクライナ"),
        ("こんにちは", "コンニチハ", "こんにちは"),
        ("ダブる", "ダブル", "ダブる"),
        ("、", None, "、"),
        ("停戦", None, "停戦"),
        ("停戦", "", "停戦"),
        ("停戦", "cease fire", "停戦"),  # not kana: no ruby rather than a wrong one
    ],
)
def test_furigana_over_kanji_runs(surface: str, reading: str | None, expected: str) -> None:
    assert bracket(surface, reading) == expected


def test_segments_are_the_runs_with_their_readings() -> None:
    assert furigana_segments("話し合われた", "ハナシアワレタ") == (
        FuriganaSegment("話", "はな"),
        FuriganaSegment("し", None),
        FuriganaSegment("合", "あ"),
        FuriganaSegment("われた", None),
    )


def test_no_reading_is_one_plain_segment() -> None:
    assert furigana_segments("話し合い", None) == (FuriganaSegment("話し合い", None),)


def test_no_surface_no_segments() -> None:
    assert furigana_segments("", "あ") == ()


def test_ruby_runs() -> None:
    assert ruby_runs("1,000人の国々") == (Run("1,000人", True), Run("の", False), Run("国々", True))
    assert ruby_runs("1,") == (Run("1", True), Run(",", False))


def test_unique_alignment_says_none_when_ambiguous() -> None:
    runs = ruby_runs("飼い犬")
    assert unique_alignment(runs, "かいいぬ") is None
    assert unique_alignment(ruby_runs("食べ物"), "たべもの") == ["た", "べ", "もの"]


def test_a_long_surface_is_not_aligned_run_by_run() -> None:
    surface = "日の" * 400
    segments = furigana_segments(surface, "ひの" * 400)
    assert segments == (FuriganaSegment(surface, "ひの" * 400),)


# --- properties --------------------------------------------------------------------------------------

japanese = st.text(
    alphabet=st.sampled_from("日本語話合取下国々ヶケカ1２,げたしわれあいうかなカタノー・、 Gx"), max_size=16
)
kana_reading = st.text(alphabet=st.sampled_from("にほんごはなしあわれたとりさげかいゲツー・ "), max_size=20)


def _read_aloud(text: str) -> str:
    """Without the punctuation and spaces that a reading may leave out."""
    return "".join(c for c in text if c not in "・、, ")


def _is_hiragana_or_none(reading: str | None) -> bool:
    return reading is None or is_reading(reading)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=30), japanese), st.one_of(st.none(), st.text(max_size=30), kana_reading))
def test_segments_rebuild_the_surface_and_readings_are_hiragana(surface: str, reading: str | None) -> None:
    segments = furigana_segments(surface, reading)
    assert "".join(s.text for s in segments) == surface
    assert all(s.text for s in segments)
    assert all(_is_hiragana_or_none(s.reading) for s in segments)


@settings(max_examples=300)
@given(japanese, kana_reading)
def test_the_readings_and_the_plain_text_spell_the_reading(surface: str, reading: str) -> None:
    segments = furigana_segments(surface, reading)
    if any(s.reading is not None for s in segments):
        spelt = "".join(
            s.reading if s.reading is not None else normalize_for_compare(s.text) for s in segments
        )
        assert _read_aloud(spelt) == _read_aloud(normalize_for_compare(reading))


@given(
    st.lists(
        st.tuples(st.sampled_from(["話", "合", "取", "国々", "2025"]), st.sampled_from(["し", "の", "カ"]))
    )
)
def test_a_split_that_fits_is_found_when_it_is_the_only_one(pieces: list[tuple[str, str]]) -> None:
    # The reading's only kana other than ん are the kana runs', so each run fits in one place.
    surface = "".join(kanji + kana for kanji, kana in pieces)
    reading = "".join("ん" * len(kanji) + normalize_for_compare(kana) for kanji, kana in pieces)
    expected = "".join(f"{kanji}[{'ん' * len(kanji)}]{kana}" for kanji, kana in pieces)
    assert bracket(surface, reading) == expected
