"""Readings in context: Sudachi's morphemes through yomu's readings stage."""

from __future__ import annotations

import pytest

from yomu.pipeline import Annotator, Options

# keep_clutter: a lone date line at the top of an article is a timestamp, not text.
ANNOTATOR = Annotator(Options(vocabulary=False, keep_clutter=True))


def read(text: str) -> list[tuple[str, str | None]]:
    return [(t.surface, t.reading) for s in ANNOTATOR.annotate(text).sentences() for t in s.tokens]


def reading(text: str) -> str:
    return "".join(r or "" for _, r in read(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年2月28日", "にせんにじゅうごねんにがつにじゅうはちにち"),
        ("２０２５年", "にせんにじゅうごねん"),
        ("3000億ドル", "さんぜんおくどる"),
        ("1時間30分", "いちじかんさんじゅっぷん"),
        ("4時間半", "よじかんはん"),
        ("3年目", "さんねんめ"),
        ("90分間", "きゅうじゅっぷんかん"),
        ("1杯と3杯", "いっぱいとさんばい"),
        ("8歳", "はっさい"),
        ("6分", "ろっぷん"),
        ("1つ", "ひとつ"),
        ("10日", "とおか"),
        ("5月14日", "ごがつじゅうよっか"),
        ("7月", "しちがつ"),
        ("4時", "よじ"),
        ("20歳", "はたち"),
        ("1,000人", "せんにん"),
        ("三杯", "さんばい"),
        ("二十日", "はつか"),
        ("2.5%", "にてんごぱーせんと"),
        ("G7", "じーせぶん"),
        ("G20", "じーとぅえんてぃ"),
        ("EU", "いーゆー"),
        ("NATO", "なとー"),
        ("私は日本へ行く", "わたしはにほんへいく"),
        ("世界中", "せかいじゅう"),
        ("3分の1", "さんぶんのいち"),
    ],
)
def test_readings(text: str, expected: str) -> None:
    assert reading(text) == expected


def test_fused_counter_reading_is_one_token_with_one_ruby() -> None:
    doc = ANNOTATOR.annotate("20歳の学生")
    token = doc.tokens()[0]
    assert (token.surface, token.reading, token.reading_source) == ("20歳", "はたち", "number")
    assert [(s.text, s.reading) for s in token.furigana] == [("20歳", "はたち")]


def test_punctuation_and_space_have_no_reading() -> None:
    assert read("停戦、 合意。") == [
        ("停戦", "ていせん"),
        ("、", None),
        (" ", None),
        ("合意", "ごうい"),
        ("。", None),
    ]


def test_middle_dot_is_not_read() -> None:
    assert read("キア・スターマー") == [("キア・スターマー", "きあすたーまー")]


def test_tokens_rebuild_their_sentence_with_offsets() -> None:
    doc = ANNOTATOR.annotate("米ウクライナ首脳会談は2025年2月28日に決裂した。20歳の学生もG7に注目。")
    for sentence in doc.sentences():
        assert "".join(t.surface for t in sentence.tokens) == sentence.text
        for t in sentence.tokens:
            assert sentence.text[t.start : t.end] == t.surface
            assert "".join(s.text for s in t.furigana) == t.surface


def test_kanji_sudachi_cannot_read_get_a_kanjidic_reading_per_kanji() -> None:
    from yomu import annotate

    doc = annotate("習氏は強調した。", vocabulary=False)
    token = doc.tokens()[0]
    assert (token.surface, token.reading, token.reading_source) == ("習氏", "しゅうし", "kanjidic")
    assert [(s.text, s.reading) for s in token.furigana] == [("習", "しゅう"), ("氏", "し")]


def test_a_wave_dash_read_elsewhere_first_is_still_kara_between_numbers() -> None:
    # Words are cached by Sudachi id; a ~ read alone must not serve the one between numbers.
    Annotator(Options(vocabulary=False)).annotate("東京~大阪")
    tokens = Annotator(Options(vocabulary=False)).annotate("10月24~26日").tokens()
    assert [t.reading for t in tokens if t.surface == "~"] == ["から"]
