"""Readings in context: the sentence decides between a word's readings.

The sentences here are written for these tests, in the constructions that went wrong on
outside text (方 as a person, 何が, 行って, 間, dates and day ranges, rendaku after nouns,
names). The KWDLC held-out score runs when ../shared/data is beside the checkout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_html import CHROMIUM, Opened, browser  # noqa: F401 (browser is a fixture)
from yomu.model import Token
from yomu.pipeline import Annotator, Options
from yomu.renderers.anki import build_notes
from yomu.renderers.html import render_html
from yomu.renderers.json import render_json
from yomu.words.reading_context import WordModel, default_model, load_model


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(Options(keep_clutter=True))


def tokens_of(annotator: Annotator, text: str) -> list[Token]:
    return list(annotator.annotate(text, format="text").tokens())


def reading_of(annotator: Annotator, text: str, surface: str, nth: int = 0) -> str | None:
    found = [t for t in tokens_of(annotator, text) if t.surface == surface]
    assert len(found) > nth, f"{surface} is not a token of {text}"
    return found[nth].reading


@pytest.mark.parametrize(
    ("sentence", "surface", "reading"),
    [
        # 方: a person after a relative clause, a side or direction in a comparison.
        ("説明会への参加を希望する方は前日までに登録してください。", "方", "かた"),
        ("式典に来られた方へ記念品が手渡された。", "方", "かた"),
        ("事故で亡くなった方の遺族が会見を開いた。", "方", "かた"),
        ("電車で行く方が車より速い。", "方", "ほう"),
        # 何 before が is なに; counters keep なん.
        ("首脳会談で何が話し合われたのかは明らかにされていない。", "何", "なに"),
        ("停戦の後に何が起こるのかを誰も知らない。", "何", "なに"),
        ("会合には何人が出席したのか。", "何人", "なんにん"),
        # 行って: carrying out (を) against going (へ).
        ("政府は現地で調査を行っている。", "行っ", "おこなっ"),
        ("外相は先週ワシントンへ行って協議した。", "行っ", "いっ"),
        # 間: between, soon.
        ("両国の間で合意が成立した。", "間", "あいだ"),
        ("新しい方針は間もなく発表される。", "間", "ま"),
        # 表し: 表す (to show) unless the sentence says 表する (to express: 敬意を表します).
        ("新しい方針は政権の戦略を表し、議論を呼んだ。", "表し", "あらわし"),
        ("被災者に心から哀悼の意を表します。", "表し", "ひょうし"),
        # 米: rice in farming news, America in politics.
        ("米の価格が上がり、農家は対応に追われている。", "米", "こめ"),
        ("米政府は声明を出した。", "米", "べい"),
        # Sound changes in compounds and words Sudachi reads the rare way.
        ("安全保障の体制作りを急ぐ。", "作り", "づくり"),
        ("石油会社の株が売られた。", "会社", "がいしゃ"),
        ("旅行会社が新しい商品を出した。", "旅行会社", "りょこうがいしゃ"),
        ("研究所の分析によると、被害は広がっている。", "研究所", "けんきゅうじょ"),
        ("箱を開けると書類が入っていた。", "箱", "はこ"),
        ("西日本では大雨が続いている。", "西日本", "にしにほん"),
        ("富士山の山頂に雪が降った。", "富士山", "ふじさん"),
        ("首相はこう言う。", "言う", "いう"),
        ("会見場は建物の上の階にある。", "階", "かい"),
        # Family names Sudachi reads the rare way.
        ("大谷選手が本塁打を打った。", "大谷", "おおたに"),
        ("錦織選手が準決勝に進んだ。", "錦織", "にしこり"),
        ("羽生選手が演技を終えた。", "羽生", "はにゅう"),
    ],
)
def test_reading_in_context(annotator: Annotator, sentence: str, surface: str, reading: str) -> None:
    assert reading_of(annotator, sentence, surface) == reading


def test_day_range_reads_the_first_day_as_a_day(annotator: Annotator) -> None:
    tokens = tokens_of(annotator, "会議は10月24〜26日に開かれる。")
    readings = [(t.surface, t.reading) for t in tokens if t.reading]
    assert ("24", "にじゅうよっか") in readings
    assert ("〜", "から") in readings
    assert ("26", "にじゅうろく") in readings
    assert ("日", "にち") in readings


def test_month_range_and_the_first_of_the_month(annotator: Annotator) -> None:
    assert reading_of(annotator, "調査は4〜8月に行われた。", "4") == "しがつ"
    assert reading_of(annotator, "式典は5月1日に開かれる。", "1日") == "ついたち"
    # News opens with the day alone: 政府は1日、… is "on the 1st".
    assert reading_of(annotator, "政府は1日、新しい方針を発表した。", "1日") == "ついたち"
    # A count of days stays a count.
    assert reading_of(annotator, "薬を1日に3回飲む。", "1") == "いち"


def test_all_day_and_all_year(annotator: Annotator) -> None:
    assert reading_of(annotator, "交渉は1日中続いた。", "中") == "じゅう"
    assert reading_of(annotator, "この港は1年中にぎわう。", "中") == "じゅう"
    assert reading_of(annotator, "首相は会議中だ。", "中") == "ちゅう"


def test_a_wave_dash_seen_alone_first_is_still_read_in_a_range() -> None:
    # Words read the same everywhere are cached per word; a wave dash is not one of them
    # (the output must not depend on what was annotated before).
    fresh = Annotator()
    fresh.annotate("〜ご期待ください〜")
    assert reading_of(fresh, "価格は1200〜1880円だ。", "〜") == "から"


def test_price_range_reads_the_wave_dash(annotator: Annotator) -> None:
    tokens = tokens_of(annotator, "価格は1200〜1880円だ。")
    assert [(t.surface, t.reading) for t in tokens[2:6]] == [
        ("1200", "せんにひゃく"),
        ("〜", "から"),
        ("1880", "せんはっぴゃくはちじゅう"),
        ("円", "えん"),
    ]


def test_clock_times(annotator: Annotator) -> None:
    tokens = tokens_of(annotator, "受付は10:00〜17:30です。")
    assert [(t.surface, t.reading) for t in tokens[2:9]] == [
        ("10", "じゅうじ"),
        (":", None),
        ("00", None),  # not said
        ("〜", "から"),
        ("17", "じゅうしちじ"),
        (":", None),
        ("30", "さんじゅっぷん"),
    ]
    # A score is not a time.
    assert [t.reading for t in tokens_of(annotator, "3:1で勝った。")[:3]] == ["さん", None, "いち"]


def test_context_readings_say_so_and_list_the_others(annotator: Annotator) -> None:
    doc = annotator.annotate("説明会への参加を希望する方は前日までに登録してください。")
    person = next(t for t in doc.tokens() if t.surface == "方")
    assert (person.reading, person.reading_source, person.other_readings) == ("かた", "context", ("ほう",))
    item = next(i for i in doc.vocabulary() if i.id == person.item)
    assert item.other_readings == ("ほう",)
    data = json.loads(render_json(doc))
    all_tokens = [t for b in data["blocks"] for s in b["sentences"] for t in s["tokens"]]
    token_json = next(t for t in all_tokens if t["surface"] == "方")
    assert token_json["reading_source"] == "context"
    assert token_json["other_readings"] == ["ほう"]
    item_json = next(i for i in data["vocabulary"] if i["id"] == person.item)
    assert item_json["other_readings"] == ["ほう"]
    # Every token and item has the key, empty where there is nothing to say.
    assert all("other_readings" in t for t in all_tokens)
    plain = next(t for t in all_tokens if t["surface"] == "登録")
    assert plain["other_readings"] == []


def test_anki_card_back_says_also_read(annotator: Annotator) -> None:
    doc = annotator.annotate("説明会への参加を希望する方は前日までに登録してください。")
    note = next(n for n in build_notes([doc]) if n.text == "方")
    assert note.reading == "かた"
    assert note.fields["ExtraDefinitions"].endswith("also read ほう")


def test_readings_set_by_rule_are_not_the_models_to_change(annotator: Annotator) -> None:
    # 私 わたし and 日本 にほん are yomu's preferences over Sudachi's reading; the model,
    # which learned from text that reads them otherwise, must not undo them.
    assert reading_of(annotator, "私は日本の出身です。", "私") == "わたし"
    assert reading_of(annotator, "私は日本の出身です。", "日本") == "にほん"


# --- the model ----------------------------------------------------------------------------


def test_shipped_model_is_well_formed() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "yomu" / "data" / "reading_context.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "KWDLC" in data["about"]
    assert data["margin"] > 0
    model = default_model()
    assert len(model.words) >= 100
    for surface in ("方", "何", "行っ", "間", "米", "中", "日", "他"):
        assert surface in model.words, surface
    kana = re.compile(r"^[\u3041-\u309fー]+$")
    for surface, word in model.words.items():
        assert len(word.readings) >= 2, surface
        assert all(kana.match(r) for r in word.readings), surface
        assert len(word.bias) == len(word.readings)
        assert all(len(w) == len(word.readings) for w in word.weights.values()), surface
        assert set(word.common) <= set(word.readings)
    # Small enough to ship and load quickly.
    assert path.stat().st_size < 600_000


def test_model_keeps_sudachis_reading_unless_clearly_beaten() -> None:
    word = WordModel(readings=("かた", "ほう"), bias=(0.0, 0.0), weights={"n1=が": (0.0, 0.8)}, common=())
    assert word.choose(["n1=が"], "かた", margin=1.0) == "かた"  # 0.8 < 1.0: no change
    assert word.choose(["n1=が"], "かた", margin=0.5) == "ほう"
    assert word.choose([], "ほう", margin=0.0) == "ほう"


def test_load_model_round_trip() -> None:
    text = json.dumps(
        {
            "about": "test",
            "version": 1,
            "margin": 0.5,
            "words": {"方": {"readings": ["かた", "ほう"], "bias": [0.1, -0.1], "common": ["かた", "ほう"],
                            "weights": {"n1=が": [-1.0, 1.0]}}},
        },
        ensure_ascii=False,
    )
    model = load_model(text)
    assert model.margin == 0.5
    assert model.other_readings("方", "かた") == ("ほう",)
    assert model.other_readings("机", "つくえ") == ()


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def person_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    doc = Annotator().annotate("説明会への参加を希望する方は前日までに登録してください。")
    path = tmp_path_factory.mktemp("context") / "page.html"
    path.write_text(render_html(doc), encoding="utf-8")
    yield path


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
def test_browser_popup_says_also_read(browser: Any, person_page: Path) -> None:  # noqa: F811
    o = Opened(browser, person_page)
    try:
        word = o.page.locator('.w[data-item="方:かた"]').first
        word.focus()
        popup = o.page.locator("#yomu-pop")
        assert popup.is_visible()
        assert "also read ほう" in popup.inner_text()
        assert o.errors == []
    finally:
        o.close()


# --- the held-out slice of KWDLC ------------------------------------------------------------


def test_kwdlc_held_out_readings() -> None:
    import kwdlc
    import kwdlc_readings

    if not kwdlc.KWDLC.is_file():
        pytest.skip("../shared/data/kwdlc_train_tokens.tsv.gz is absent")
    training, held_out = kwdlc.split(kwdlc.load())
    assert len(held_out) > 1000
    assert not {s.document for s in training} & {s.document for s in held_out}
    words = kwdlc_readings.ambiguous_words(training, 40)
    yomu = kwdlc_readings.evaluate(held_out, kwdlc_readings.yomu_predictor(), words)
    sudachi = kwdlc_readings.evaluate(held_out, kwdlc_readings.sudachi_predictor(), words)
    # docs/accuracy.md: the issue asks 92 %; this is the number reached, held here.
    assert yomu.sentence_accuracy >= 0.885
    assert yomu.sentence_accuracy >= sudachi.sentence_accuracy + 0.18
    assert yomu.cer <= 0.008
    right, total = yomu.words["行う/行く"]
    assert total >= 20 and right / total >= 0.95


@pytest.mark.slow
def test_shipped_model_is_what_training_makes(tmp_path: Path) -> None:
    """src/yomu/data/reading_context.json is current: training again gives the same bytes.

    After changing the features, the readings or the training: python benchmarks/train_reading_context.py
    """
    import kwdlc
    import train_reading_context

    if not kwdlc.KWDLC.is_file():
        pytest.skip("../shared/data/kwdlc_train_tokens.tsv.gz is absent")
    out = tmp_path / "model.json"
    assert train_reading_context.main(["--out", str(out)]) == 0
    shipped = Path(__file__).resolve().parents[1] / "src" / "yomu" / "data" / "reading_context.json"
    assert out.read_bytes() == shipped.read_bytes()


def test_heteronyms_the_model_does_not_choose_for_still_say_also_read(annotator: Annotator) -> None:
    found = {t.surface: t.other_readings for t in tokens_of(annotator, "今日は表を見る。")}
    assert found["今日"] == ("こんにち",)
    assert found["表"] == ("おもて",)
    assert default_model().other_readings("表", "あらわ") == ()  # not a reading of 表 alone
