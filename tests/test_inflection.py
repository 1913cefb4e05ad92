"""The grammar of inflected words: each conjugated verb or adjective says what its form
does (yomu.words.inflection), in JSON, and scored against Yomitan's deinflection cases.

The sentences are written for these tests in news style; the Yomitan file is read from
../shared/data at run time (GPL-3.0: no row of it is copied here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import deinflection
from yomu.model import Inflection, InflectionStep, Token
from yomu.pipeline import Annotator, Options
from yomu.renderers.json import render_json
from yomu.words.inflection import describe, inflect, potential_candidate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_data = pytest.mark.skipif(not (DATA / deinflection.FILE).is_file(), reason=f"{DATA} is absent")

ANNOTATOR = Annotator(Options(vocabulary=False, keep_clutter=True))


def inflections(text: str) -> list[Inflection]:
    return [t.inflection for t in ANNOTATOR.read_sentence(text).tokens if t.inflection is not None]


def described(text: str) -> list[str]:
    return [describe(i) for i in inflections(text)]


# --- the issue's four examples, exactly ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("和平案が話し合われた。", "話し合う + passive + past"),
        ("協議を続けている。", "続ける + ongoing (〜ている)"),
        ("具体策を示さなかった。", "示す + negative + past"),
        ("慎重な対応が求められる。", "求める + passive or potential"),
    ],
)
def test_the_issues_examples(text: str, expected: str) -> None:
    assert described(text) == [expected]


def test_steps_carry_the_form_and_an_english_label() -> None:
    (inflection,) = inflections("和平案が話し合われた。")
    assert inflection.steps == (InflectionStep("れる", "passive"), InflectionStep("た", "past"))
    assert (inflection.base, inflection.text) == ("話し合う", "話し合われた")


# --- news-style sentences, written for these tests ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Verbal nouns: the word is 実施する, Sudachi's する its ending.
        ("首脳会談は来月実施される見通しだ。", ["実施する + passive"]),
        ("調査は予定通り実施された。", ["実施する + passive + past"]),
        ("首相は記者会見し、", ["会見する + continuative (…, and)"]),
        ("合意文書に署名できなかった。", ["署名する + potential + negative + past"]),
        ("協議を継続することができる。", ["する + potential"]),
        # Potential verbs are their own lemmas to Sudachi; JMdict says which are potentials.
        ("市民は自由に意見を言えない状況だ。", ["自由 + adverbial (〜に)", "言う + potential + negative"]),
        ("核心を読めなかった。", ["読む + potential + negative + past"]),
        ("新製品はよく売れている。", ["売れる + ongoing (〜ている)"]),
        ("交渉を続けており、", ["続ける + ongoing, humble (〜ておる) + continuative (…, and)"]),
        ("支援を表明しておらず、", ["表明する + ongoing, humble (〜ておる) + negative (〜ず: without)"]),
        (
            "両国は協力していくことで一致した。",
            ["協力する + goes on, from now on (〜ていく)", "一致する + past"],
        ),
        (
            "政府は規制を強化しようとしている。",
            ["強化する + try to, be about to (〜ようとする) + ongoing (〜ている)"],
        ),
        ("景気は回復しつつある。", ["回復する + in the process of (〜つつある)"]),
        ("見直しを求めたい考えだ。", ["求める + want to (〜たい)"]),
        ("交渉は難航しそうだ。", ["難航する + looks like (〜そう)"]),
        ("予算案が可決されれば、", ["可決する + passive + conditional (〜ば: if)"]),
        ("会談が行われなかったものの、", ["行う + passive + negative + past"]),
        (
            "問題を解決せねばならない。",
            ["解決する + must (〜ねばならない)"],
        ),
        ("譲歩せざるを得ない。", ["譲歩する + negative (literary 〜ざる)", "得る + negative"]),
        ("住民が避難させられた。", ["避難する + causative + passive or potential + past"]),
        ("説明を受けて判断した。", ["受ける + te-form (and, then)", "判断する + past"]),
        ("物価は高くなかった。", ["高い + negative + past"]),
        ("株価が大きく下落した。", ["大きい + adverbial (〜く)", "下落する + past"]),
        ("会談を行いました。", ["行う + polite + past"]),
        (
            "詳細は明らかにしていません。",
            ["明らか + adverbial (〜に)", "する + ongoing (〜ている) + polite + negative"],
        ),
        ("早く帰れ。", ["早い + adverbial (〜く)", "帰る + imperative"]),
        ("排出量を減らさなければならない。", ["減らす + must (〜なければならない)"]),
        ("参加しないでください。", ["参加する + negative + please (〜てください)"]),
        ("事態を悪化させかねない。", ["悪化する + causative + might well, could (〜かねない)"]),
        ("判断を決めかねている。", ["決める + cannot bring oneself to (〜かねる) + ongoing (〜ている)"]),
        ("調査は公開で行われるべきだ。", ["行う + passive + should (〜べきだ)"]),
        ("会談は行いませんでした。", ["行う + polite + negative + past"]),
    ],
)
def test_news_sentences(text: str, expected: list[str]) -> None:
    assert described(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("事態は深刻だった。", ["深刻 + past"]),
        ("影響は重要ではない。", ["重要 + negative"]),
        ("詳細は明らかではありません。", ["明らか + polite + negative"]),
        ("協議は重要でした。", ["重要 + polite + past"]),
        ("見通しは不透明ではなかった。", ["不透明 + negative + past"]),
        ("必要なら、", ["必要 + conditional (〜なら: if)"]),
        ("慎重に検討する。", ["慎重 + adverbial (〜に)"]),
    ],
)
def test_na_adjectives_through_their_copula(text: str, expected: list[str]) -> None:
    assert described(text) == expected


def test_a_plain_na_adjective_and_a_noun_with_a_copula_have_no_steps() -> None:
    assert described("対話は重要だ。不透明な情勢。首相だった。") == []


def test_plain_forms_and_words_that_do_not_inflect_have_no_steps() -> None:
    tokens = ANNOTATOR.read_sentence("政府は新たな方針を決める。問題ない。").tokens
    assert all(t.inflection is None for t in tokens)


def test_a_hypothetical_is_an_imperative_only_ending_a_sentence() -> None:
    # Sudachi tags a godan imperative (止まれ。) as its 仮定形; こそ…すれ is no command.
    assert described("止まれ。") == ["止まる + imperative"]
    assert not any("imperative" in d for d in described("増えこそすれ、減ることはない。"))


@pytest.mark.parametrize(
    "text",
    [
        *("日本にとって重要だ。", "政府によって", "問題について", "選挙をめぐり、", "代表として出席"),
        *("報道によれば、", "国際社会における役割", "従って、", "にもかかわらず", "決裂するかもしれません"),
    ],
)
def test_compound_particles_are_no_inflected_verbs(text: str) -> None:
    # にとって is "for", not "取る + te-form": a unit, as set expressions are.
    assert described(text) == []


def test_a_prefixed_verb_is_one_word() -> None:
    assert described("首脳と相次いで会談した。") == ["相次ぐ + te-form (and, then)", "会談する + past"]


def test_please_alone() -> None:
    assert described("しばらくお待ちください。") == ["くださる + please (〜ください)"]


def test_a_nouns_dependent_verb_is_no_potential() -> None:
    # 位置づける: Sudachi's づける is no potential of づく.
    assert described("重要な機会と位置づけました。") == ["づける + polite + past"]
    assert described("計画に反対した。") == ["反対する + past"]


def test_the_same_verb_outside_a_compound_particle_inflects() -> None:
    assert described("資料を手に取って見た。") == ["取る + te-form (and, then)", "見る + past"]


def test_the_chain_is_on_the_verb_only() -> None:
    tokens = ANNOTATOR.read_sentence("協議を続けている。").tokens
    carrying = [t.surface for t in tokens if t.inflection is not None]
    assert carrying == ["続け"]


def test_a_building_that_came_about_is_no_potential() -> None:
    # できる alone is also "to be built, to come about": only its own past here.
    assert described("駅前に新しい施設ができた。") == ["できる + past"]


def test_potential_candidates_by_shape() -> None:
    assert potential_candidate("読める") == "読む"
    assert potential_candidate("話せる") == "話す"
    assert potential_candidate("見る") is None
    assert potential_candidate("行う") is None


def test_inflect_leaves_a_sentence_without_inflection_as_it_is() -> None:
    tokens = ANNOTATOR.read_sentence("東京で首脳会談。").tokens
    assert inflect(tokens) == tokens


# --- JSON ----------------------------------------------------------------------------------


def test_json_has_an_inflection_list_on_every_token() -> None:
    doc = Annotator(Options()).annotate("和平案が話し合われた。")
    tokens = [t for b in json.loads(render_json(doc))["blocks"] for s in b["sentences"] for t in s["tokens"]]
    verb = next(t for t in tokens if t["surface"] == "話し合わ")
    assert verb["inflection"] == [{"form": "れる", "label": "passive"}, {"form": "た", "label": "past"}]
    assert (verb["inflection_base"], verb["inflection_text"]) == ("話し合う", "話し合われた")
    others = [t for t in tokens if t is not verb]
    assert all(t["inflection"] == [] and t["inflection_base"] is t["inflection_text"] is None for t in others)
    # The keys that were there before are all still there.
    assert {"surface", "start", "end", "reading", "furigana", "lemma", "pos", "gloss", "item"} <= set(verb)


def test_json_token_cache_tells_inflections_apart() -> None:
    # Same surface, lemma and POS: the cached JSON of one must not serve the other.
    pos = ("動詞", "一般", "*", "*", "下一段-カ行", "連用形-一般")
    plain = Token("続け", 0, 2, "つづけ", (), "続ける", pos)
    inflected = Token(
        plain.surface,
        0,
        2,
        plain.reading,
        (),
        plain.lemma,
        plain.pos,
        inflection=Inflection("続ける", (InflectionStep("ている", "ongoing (〜ている)"),), "続けている"),
    )
    from yomu.renderers.json import _token_json

    assert '"inflection":[]' in _token_json(plain)
    assert '"label":"ongoing (〜ている)"' in _token_json(inflected)


# --- Yomitan's deinflection cases ------------------------------------------------------------


@needs_data
def test_yomitan_deinflection_cases_that_apply_to_news() -> None:
    result = deinflection.run(DATA, ANNOTATOR)
    assert result is not None
    assert result.applicable > 600
    # Every valid row is compared or left out with a reason that is documented.
    assert set(result.excluded) <= set(deinflection.EXCLUSIONS)
    assert result.found + len(result.missed) == result.applicable
    # The steps, where Sudachi reads the lone form as the row's word.
    assert result.step_accuracy >= 0.98, result.failures[:10]
    # End to end, lone forms Sudachi reads as other words (買い, しろ) counted wrong.
    assert result.accuracy >= 0.95, result.missed[:10]


def test_yomitan_reasons_of_yomu_steps() -> None:
    ongoing = Inflection("食べる", (InflectionStep("ている", "ongoing (〜ている)"),), "食べている")
    assert deinflection.yomitan_reasons(ongoing) == ("-て", "-いる")
    later = Inflection(
        "食べる",
        (InflectionStep("ない", "negative"), InflectionStep("ておく", "in advance (〜ておく)")),
        "食べないでおく",
    )
    assert deinflection.yomitan_reasons(later) == ("negative", "-おく")
    assert deinflection.yomitan_reasons(None) == ()


def test_missing_data_gives_no_result(tmp_path: Path) -> None:
    assert deinflection.run(tmp_path) is None


# --- Anki ------------------------------------------------------------------------------------


def test_anki_card_back_says_what_the_form_does() -> None:
    from yomu.renderers.anki import MODEL_FIELDS, build_notes

    doc = Annotator(Options()).annotate("調査が実施された。両国は協議を続けている。")
    notes = {n.fields["Word"]: n for n in build_notes([doc])}
    assert notes["実施"].fields["ExtraDefinitions"].startswith("実施された: 実施する + passive + past")
    assert notes["続ける"].fields["ExtraDefinitions"].startswith("続けている: 続ける + ongoing (〜ている)")
    # In an existing field: the note type is unchanged.
    assert all(tuple(n.fields) == MODEL_FIELDS for n in notes.values())
    assert "+" not in notes["調査"].fields["ExtraDefinitions"]
