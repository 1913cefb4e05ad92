"""The senses news means: the primary gloss a learner sees is the sense of the sentence.

Each sentence is written for these tests in the construction where the first JMdict
sense was wrong (issue #15's list).
"""

from __future__ import annotations

import pytest

from yomu.meaning.dictionary import JMdict
from yomu.meaning.news_senses import parse, sense_with, shipped_senses
from yomu.model import Sense
from yomu.pipeline import Annotator


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


@pytest.fixture(scope="module")
def jmdict() -> JMdict:
    from yomu.meaning.dictionary import default_dictionary

    return default_dictionary()


def primary_of(annotator: Annotator, sentence: str, text: str) -> tuple[str, ...]:
    doc = annotator.annotate(sentence)
    item = next(i for i in doc.vocabulary() if i.text == text)
    return item.primary_glosses


@pytest.mark.parametrize(
    ("sentence", "text", "gloss"),
    [
        ("争点は次のような点です。", "点", "point"),
        ("中国・ロシアとの間で協議が続いている。", "間", "between (two parties or things)"),
        ("部隊はロシア領に入った。", "領", "territory (of country, feudal domain, etc.)"),
        ("首都は歓迎一色ではない。", "一色", "same tendency"),
        (
            "制裁をめぐり米英に温度差がある。",
            "温度差",
            "difference in degrees of enthusiasm, interest, commitment, etc.",
        ),
        ("新たな戦略の行方が注目される。", "行方", "outcome"),
        ("両国の対立が浮き彫りになった。", "浮き彫り", "bringing to the fore"),
        ("同盟国との溝が深まった。", "溝", "gap (between people, countries, etc.)"),
        ("停戦案が浮上した。", "浮上", "emerging"),
        ("閣僚の間で意見の衝突があった。", "衝突", "conflict"),
        ("各国の支援のおかげで復興が進んだ。", "おかげ", "thanks to"),
        ("政府は対応を急いでいる。", "対応", "dealing with"),
        ("難民の問題が議論された。", "問題", "problem (e.g. societal, political)"),
    ],
)
def test_primary_gloss_is_the_sense_news_means(
    annotator: Annotator, sentence: str, text: str, gloss: str
) -> None:
    assert primary_of(annotator, sentence, text)[0] == gloss


@pytest.mark.parametrize(
    ("sentence", "text", "part"),
    [
        ("首相は会談前に記者団の質問に答えた。", "会談前", "前 before, earlier"),
        ("加盟国間の協議が続いた。", "加盟国間", "間 among, between"),
        ("政府は支援先を広げる。", "支援先", "先 destination"),
    ],
)
def test_composed_glosses_take_the_suffix_sense(
    annotator: Annotator, sentence: str, text: str, part: str
) -> None:
    doc = annotator.annotate(sentence)
    item = next(i for i in doc.vocabulary() if i.text == text)
    assert item.source == "composed"
    assert item.primary_glosses[0].endswith(part)


@pytest.mark.parametrize(
    ("sentence", "text", "gloss"),
    [
        # After a number and its counter, 前 is "ago"; elsewhere the table leaves it alone.
        ("政府は3年前に同様の措置を取った。", "前", "ago"),
        ("米ロ協議の1カ月あまり前に両国の担当者が集まった。", "前", "ago"),
        ("首相官邸の前で抗議集会が開かれた。", "前", "in front (of)"),
        # 非常 before に is the adverb "very".
        ("首相は非常に危機感を感じていると述べた。", "非常", "very"),
        # A verb's bound use ("to be able to") only after a verb stem.
        ("米国は鉱物資源へのアクセスを得る。", "得る", "to get"),
        ("環境が大きく変わり得る。", "得る", "to be able to ..."),
        # A counter's sense is never primary for a word: 氏 after a name is "Mr".
        ("ウィトコフ氏が出席した。", "氏", "Mr"),
    ],
)
def test_neighbours_choose_the_sense(annotator: Annotator, sentence: str, text: str, gloss: str) -> None:
    assert gloss in primary_of(annotator, sentence, text)


def test_a_counter_sense_is_primary_only_when_nothing_else_fits() -> None:
    from yomu.meaning.senses import primary_sense

    counter = Sense(glosses=("counter for suits",), pos=("ctr",))
    word = Sense(glosses=("territory",), pos=("n", "suf"))
    noun = ("名詞", "普通名詞", "一般", "*", "*", "*")
    assert primary_sense((counter, word), noun) == 1
    assert primary_sense((counter,), noun) == 0


def test_other_senses_stay_for_the_popup(annotator: Annotator) -> None:
    doc = annotator.annotate("争点は次のような点です。")
    item = next(i for i in doc.vocabulary() if i.text == "点")
    assert ("dot", "spot", "point", "speck", "mark") in [s.glosses for s in item.senses]
    assert len(item.senses) >= 7


def test_a_domain_article_keeps_the_news_sense(annotator: Annotator) -> None:
    # Enough diplomacy terms for the article's fields to take part in choosing senses: a
    # word without a sense of those fields keeps the table's choice.
    text = "和平案と停戦合意と安全の保証をめぐる協議で、争点は次のような点です。和平交渉は続く。"
    assert primary_of(annotator, text, "点")[0] == "point"


def test_every_row_names_a_sense_of_the_bundled_jmdict(jmdict: JMdict) -> None:
    table = shipped_senses()
    entries = jmdict.entries({word for word, _ in table.rows})
    for (word, reading), rows in table.rows.items():
        found = [e for e in entries.get(word, ()) if reading in e.kana]
        assert found, f"{word} {reading}: no JMdict entry"
        for row in rows:
            if row.sense:
                assert any(sense_with(e.senses, row.sense) is not None for e in found), f"{word}: {row.sense}"


def test_choose_applies_conditions() -> None:
    table = parse(
        '[[sense]]\nword = "間"\nreading = "あいだ"\nsense = "b"\nnext = ["で"]\n'
        '[[sense]]\nword = "先"\nreading = "さき"\nsense = "d"\npos = "suffix"\n'
        '[[sense]]\nword = "お陰"\nreading = "おかげ"\nglosses = ["thanks to"]\n'
    )
    senses = (Sense(glosses=("a",), pos=("n",)), Sense(glosses=("b",)), Sense(glosses=("d",)))
    assert table.choose("間", "あいだ", senses) is None
    assert table.choose("間", "あいだ", senses, following="に") is None
    assert table.choose("間", "あいだ", senses, following="で") == (senses, 1)
    assert table.choose("先", "さき", senses) is None
    assert table.choose("先", "さき", senses, suffix=True) == (senses, 2)
    chosen = table.choose("お陰", "おかげ", senses)
    assert chosen is not None and chosen[1] == 0 and chosen[0][0] == Sense(glosses=("thanks to",), pos=("n",))
    assert table.needs_context("間", "あいだ") and not table.needs_context("先", "さき")
    after = parse('[[sense]]\nword = "前"\nreading = "まえ"\nsense = "b"\nafter = "number"\n')
    assert after.choose("前", "まえ", senses) is None
    assert after.choose("前", "まえ", senses, after_number=True) == (senses, 1)
    assert after.needs_context("前", "まえ")
    # Rows without a condition are the word's alone: not applied again in context.
    assert table.choose("お陰", "おかげ", senses, following="で", context_only=True) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[sense]]\nword = "点"\nsense = "x"\n', "sense 1: missing reading"),
        ('[[sense]]\nword = "点"\nreading = "テン"\nsense = "x"\n', "not hiragana"),
        ('[[sense]]\nword = "点"\nreading = "てん"\n', "give either sense"),
        ('[[sense]]\nword = "点"\nreading = "てん"\nsense = "x"\nglosses = ["y"]\n', "give either sense"),
        ('[[sense]]\nword = "点"\nreading = "てん"\nsense = "x"\npos = "noun"\n', "is not 'suffix'"),
        ('[[sense]]\nword = "点"\nreading = "てん"\nsense = "x"\nsens = "y"\n', "unknown key 'sens'"),
        ('[[sense]]\nword = "前"\nreading = "まえ"\nsense = "x"\nafter = "noun"\n', "is not 'number'"),
    ],
)
def test_table_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(text)
