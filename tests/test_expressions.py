"""Set expressions (によると, に向けて …): one item with one gloss, in their variant forms.

Sentences written for these tests in news style.
"""

from __future__ import annotations

import json

import pytest

from yomu.meaning.expressions import parse, shipped_expressions
from yomu.model import Document
from yomu.pipeline import Annotator
from yomu.renderers.json import render_json


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def expression_items(doc: Document) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Covered text → (item id, primary glosses) for every expression item of ``doc``."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for sentence in doc.sentences():
        run: list[str] = []
        item = None
        for token in [*sentence.tokens, None]:
            if token is not None and token.item is not None and token.item == item:
                run.append(token.surface)
                continue
            if item is not None and item.endswith(":expression"):
                entry = next(i for i in doc.vocabulary() if i.id == item)
                found["".join(run)] = (item, entry.primary_glosses)
            item = token.item if token is not None else None
            run = [token.surface] if token is not None else []
    return found


@pytest.mark.parametrize(
    ("sentence", "covered", "item", "gloss"),
    [
        ("関係者によると、協議は来週再開される。", "によると", "によると:によると", "according to"),
        ("関係者によれば、協議は来週再開される。", "によれば", "によると:によると", "according to"),
        ("反対が強いにもかかわらず、法案は可決された。", "にもかかわらず", "にもかかわらず:にもかかわらず",
         "despite"),
        ("停戦に向けて各国が調整を続けている。", "に向けて", "に向けて:にむけて", "towards"),
        ("停戦に向けた協議が始まった。", "に向けた", "に向けて:にむけて", "towards"),
        ("領土をめぐって両国が対立している。", "をめぐって", "をめぐって:をめぐって", "over"),
        ("領土をめぐり両国が対立している。", "をめぐり", "をめぐって:をめぐって", "over"),
        ("領土をめぐる対立が続いている。", "をめぐる", "をめぐって:をめぐって", "over"),
        ("首脳会談は来月開かれるとされる。", "とされる", "とされる:とされる", "is said to be"),
        ("首脳会談は来月開かれるとされている。", "とされ", "とされる:とされる", "is said to be"),
        ("物価の上昇に伴い、消費が落ち込んだ。", "に伴い", "に伴って:にともなって", "along with"),
        ("部隊は撤退したと見られる。", "と見られる", "と見られる:とみられる", "is believed to"),
        ("部隊は撤退したとみられる。", "とみられる", "と見られる:とみられる", "is believed to"),
        ("政府はロシアに対して制裁を科した。", "に対して", "に対して:にたいして", "towards"),
        ("首相の発言を受けて、市場は下落した。", "を受けて", "を受けて:をうけて", "in response to"),
        ("交渉の決裂を受け、政府は対応を協議した。", "を受け", "を受けて:をうけて", "in response to"),
        ("政府は支援を続けるとしている。", "としている", "としている:としている", "says that"),
        ("新しい合意に基づき、部隊が配置された。", "に基づき", "に基づいて:にもとづいて", "based on"),
        ("外相は大使として赴任した。", "として", "として:として", "as"),
        ("銀行は物価が鈍化したとして利下げした。", "として", "とする:とする", "on the grounds that"),
        ("裁判所は違憲だとした判断を示した。", "とした", "としている:としている", "says that"),
    ],
)
def test_expression_is_one_item(
    annotator: Annotator, sentence: str, covered: str, item: str, gloss: str
) -> None:
    found = expression_items(annotator.annotate(sentence))
    assert covered in found, found
    item_id, glosses = found[covered]
    assert item_id == item + ":expression"
    assert glosses[0] == gloss


def test_despite_is_not_to_be_affected(annotator: Annotator) -> None:
    doc = annotator.annotate("反対が強いにもかかわらず、法案は可決された。")
    glosses = {t.surface: t.gloss for t in doc.tokens()}
    assert glosses["かかわら"] is not None and glosses["かかわら"][0] == "despite"
    assert all("affected" not in g for i in doc.vocabulary() for g in i.glosses)


def test_towards_gives_a_gloss_to_its_verb_part(annotator: Annotator) -> None:
    # Before set expressions, 向け in に向けて had no gloss at all.
    doc = annotator.annotate("和平に向けて協議する。")
    token = next(t for t in doc.tokens() if t.surface == "向け")
    assert token.gloss is not None and token.gloss[0] == "towards"


def test_literal_verbs_are_not_expressions(annotator: Annotator) -> None:
    # 制裁を受ける is receiving sanctions; 協議に応じる agreeing to talks; a turned face.
    for sentence, lemma in (
        ("ロシアは制裁を受ける。", "受ける"),
        ("ロシアは制裁を受け、経済が悪化した。", "受ける"),  # suffered: not_after
        ("首相は提案を受け入れた。", "受け入れる"),
        ("政府は協議に応じる。", "応じる"),
        ("彼は顔を向けた。", "向ける"),
    ):
        doc = annotator.annotate(sentence)
        token = next(t for t in doc.tokens() if t.lemma == lemma)
        assert token.item is not None and not token.item.endswith(":expression"), sentence


def test_look_alikes_are_not_expressions(annotator: Annotator) -> None:
    for sentence in (
        "ロシアは紛争を始めるべきではなかった。",  # を始める: starting, not "including"
        "鉱物資源を中心とした協力が進む。",  # とした: "centred on", not "said that"
        "政権は関係をリセットしようとしている。",  # しようとしている: "is trying to"
        "彼は連絡を受けた。",  # を受け without the 、 after it: received, not "following"
    ):
        found = expression_items(annotator.annotate(sentence))
        assert found == {}, (sentence, found)


def test_expressions_in_json(annotator: Annotator) -> None:
    data = json.loads(render_json(annotator.annotate("関係者によると、協議は来週再開される。")))
    item = next(i for i in data["vocabulary"] if i["kind"] == "expression")
    assert (item["text"], item["reading"], item["glosses"][0], item["source"]) == (
        "によると",
        "によると",
        "according to",
        "glossary",
    )


def test_shipped_table_is_well_formed() -> None:
    table = shipped_expressions()
    texts = {e.text for found in table.forms.values() for e in found}
    needed = {"に向けて", "をめぐって", "とされる", "によると"}
    needed |= {"に伴って", "と見られる", "に対して", "にもかかわらず"}
    assert needed <= texts
    assert all(len(form) >= 2 for form in table.forms)
    assert all(form[0] in table.starts for form in table.forms)


def test_one_form_two_expressions_told_apart_by_what_comes_before() -> None:
    table = parse(
        '[[expression]]\ntext = "とする"\nreading = "とする"\nglosses = ["on the grounds that"]\n'
        'forms = ["と する て"]\nafter = "clause"\n'
        '[[expression]]\ntext = "として"\nreading = "として"\nglosses = ["as"]\nforms = ["と する て"]\n'
    )
    assert [e.text for e in table.forms[("と", "する", "て")]] == ["とする", "として"]
    with pytest.raises(ValueError, match="after 'phrase' is not 'clause'"):
        parse('[[expression]]\ntext = "x"\nreading = "に"\nglosses = ["a"]\nforms = ["に よる"]\n'
              'after = "phrase"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[expression]]\ntext = "x"\nreading = "x"\nglosses = ["a"]\n', "expression 1: missing forms"),
        ('[[expression]]\ntext = "x"\nreading = "ニ"\nglosses = ["a"]\nforms = ["に よる"]', "not hiragana"),
        ('[[expression]]\ntext = "x"\nreading = "に"\nglosses = ["a"]\nforms = ["に"]', "fewer than two"),
        (
            '[[expression]]\ntext = "x"\nreading = "に"\nglosses = ["a"]\nforms = ["に +、 よる"]',
            r"\+X comes last",
        ),
        (
            '[[expression]]\ntext = "x"\nreading = "に"\nglosses = ["a"]\nforms = ["に よる"]\n'
            '[[expression]]\ntext = "y"\nreading = "に"\nglosses = ["a"]\nforms = ["に よる"]\n',
            "is also x's",
        ),
    ],
)
def test_table_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(text)
