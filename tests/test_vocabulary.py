"""The vocabulary stage: merging, entry choice, names, glossary overrides, composition."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yomu import annotate
from yomu.meaning.dictionary import JMdict
from yomu.meaning.glossary import Glossary, GlossaryEntry
from yomu.meaning.vocabulary import STOPLIST, build_vocabulary, lemma_reading, pos_fits, primary_sense
from yomu.model import Block, ItemKind, Sense, Sentence, Token, VocabItem
from yomu.words.furigana import furigana_segments
from yomu.words.kana import katakana_to_hiragana

# --- tokens straight from Sudachi, standing in for the pipeline -----------------------------------


@cache
def _sudachi() -> object:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.C)


def sentence(text: str) -> Sentence:
    tokens = []
    for m in _sudachi().tokenize(text):  # type: ignore[attr-defined]
        pos = tuple(m.part_of_speech())
        reading = None if pos[0] in ("補助記号", "空白") else katakana_to_hiragana(m.reading_form())
        tokens.append(
            Token(
                surface=m.surface(),
                start=m.begin(),
                end=m.end(),
                reading=reading,
                furigana=furigana_segments(m.surface(), reading),
                lemma=m.dictionary_form(),
                pos=pos,
            )
        )
    return Sentence(text=text, tokens=tuple(tokens))


def blocks_of(*paragraphs: Sequence[str]) -> tuple[Block, ...]:
    return tuple(Block(kind="paragraph", sentences=tuple(sentence(s) for s in p)) for p in paragraphs)


EMPTY = Glossary.from_entries([])


@pytest.fixture(scope="module")
def jmdict() -> JMdict:
    return JMdict()


def entry(
    term: str, reading: str, *glosses: str, kind: ItemKind = "term", variants: tuple[str, ...] = ()
) -> GlossaryEntry:
    return GlossaryEntry(term=term, reading=reading, glosses=glosses, kind=kind, variants=variants)


def gloss(
    jmdict: JMdict, *texts: str, glossary: Glossary = EMPTY
) -> tuple[tuple[Sentence, ...], dict[str, VocabItem]]:
    blocks, items = build_vocabulary(blocks_of(texts), dictionary=jmdict, glossary=glossary)
    return blocks[0].sentences, {i.id: i for i in items}


def spans(s: Sentence) -> list[tuple[str, str | None]]:
    """The sentence as (surface, item) pairs, consecutive tokens of one item joined."""
    out: list[tuple[str, str | None]] = []
    for t in s.tokens:
        if out and t.item is not None and out[-1][1] == t.item:
            out[-1] = (out[-1][0] + t.surface, t.item)
        else:
            out.append((t.surface, t.item))
    return out


def item_of(s: Sentence, surface: str, items: dict[str, VocabItem]) -> VocabItem:
    ids = [i for text, i in spans(s) if text == surface]
    assert ids and ids[0] is not None, f"{surface} has no item in {spans(s)}"
    return items[ids[0]]


# --- JMdict compounds -----------------------------------------------------------------------------


def test_security_is_one_item(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "ウクライナの安全保障が焦点だ。")
    item = item_of(s, "安全保障", items)
    assert item.id == "安全保障:あんぜんほしょう"
    assert item.source == "jmdict" and item.kind == "word"
    assert item.glosses == ("security guarantee (e.g. military security, network security, etc.)",)
    assert [t.surface for t in s.tokens if t.item == item.id] == ["安全", "保障"]
    assert all(t.gloss == item.glosses for t in s.tokens if t.item == item.id)


def test_summit_meeting(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "木曜の米英首脳会談で何が話し合われたか")
    assert spans(s)[:3] == [("木曜", "木曜:もくよう"), ("の", None), ("米英", "米英:べいえい")]
    item = item_of(s, "首脳会談", items)
    assert item.glosses == ("leadership conference", "summit meeting", "top-level conference")
    assert item.senses[item.primary].glosses[0] == "leadership conference"


def test_nato_four_tokens(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "北大西洋条約機構の加盟国")
    assert [t.surface for t in s.tokens][:4] == ["北", "大西洋", "条約", "機構"]
    item = item_of(s, "北大西洋条約機構", items)
    assert item.glosses == ("North Atlantic Treaty Organisation", "NATO")
    assert item.reading == "きたたいせいようじょうやくきこう"


@pytest.mark.parametrize(
    ("text", "word", "glosses"),
    [
        ("停戦を求めた。", "停戦", ("armistice", "ceasefire")),
        ("ロシアは譲歩しない。", "譲歩", ("concession", "conciliation", "compromise")),
    ],
)
def test_single_words(jmdict: JMdict, text: str, word: str, glosses: tuple[str, ...]) -> None:
    (s,), items = gloss(jmdict, text)
    assert item_of(s, word, items).glosses == glosses


def test_no_match_across_a_longer_word(jmdict: JMdict) -> None:
    glossary = Glossary.from_entries([entry("安全の保証", "あんぜんのほしょう", "security guarantees")])
    (s,), items = gloss(jmdict, "安全保障の保証", glossary=glossary)
    assert spans(s) == [("安全保障", "安全保障:あんぜんほしょう"), ("の", None), ("保証", "保証:ほしょう")]
    assert all(i.text != "安全の保証" for i in items.values())


def test_glossary_term_across_a_particle(jmdict: JMdict) -> None:
    glossary = Glossary.from_entries([entry("安全の保証", "あんぜんのほしょう", "security guarantees")])
    (s,), items = gloss(jmdict, "停戦後のウクライナへの安全の保証", glossary=glossary)
    item = item_of(s, "安全の保証", items)
    assert item.id == "安全の保証:あんぜんのほしょう:term"
    assert item.source == "glossary" and item.glosses == ("security guarantees",)
    assert [t.surface for t in s.tokens if t.item == item.id] == ["安全", "の", "保証"]
    assert all(t.reading_source == "sudachi" for t in s.tokens)  # same reading: tokens kept


def test_inflected_verb_is_its_lemma(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "何が話し合われたか")
    assert spans(s)[2:5] == [("話し合わ", "話し合う:はなしあう"), ("れ", None), ("た", None)]
    item = items["話し合う:はなしあう"]
    assert (item.text, item.reading) == ("話し合う", "はなしあう")
    assert item.glosses == ("to discuss", "to talk together")


def test_reading_override_from_jmdict(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "第三国での会談")
    (merged,) = [t for t in s.tokens if t.surface == "第三国"]
    assert (merged.reading, merged.reading_source) == ("だいさんごく", "jmdict")
    assert items[merged.item or ""].glosses[0] == "a third country"


# --- glossary -------------------------------------------------------------------------------------


def test_glossary_reading_replaces_the_tokens(jmdict: JMdict) -> None:
    glossary = Glossary.from_entries(
        [entry("小谷哲男", "こたにてつお", "Tetsuo Kotani", kind="person", variants=())]
    )
    text = "明海大学の小谷哲男教授は語った。"
    (s,), items = gloss(jmdict, text, glossary=glossary)
    (name,) = [t for t in s.tokens if t.surface == "小谷哲男"]
    assert (name.reading, name.reading_source, name.lemma) == ("こたにてつお", "glossary", "小谷哲男")
    assert name.pos[:3] == ("名詞", "固有名詞", "人名")
    assert text[name.start : name.end] == "小谷哲男"
    assert "".join(t.surface for t in s.tokens) == text
    assert "".join(seg.text for seg in name.furigana) == "小谷哲男"
    item = items[name.item or ""]
    assert (item.id, item.source, item.kind) == ("小谷哲男:こたにてつお:person", "glossary", "person")
    assert name.gloss == ("Tetsuo Kotani",)


def test_name_without_glossary_comes_from_jmnedict(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "小谷哲男教授")
    item = item_of(s, "小谷哲男", items)
    assert (item.source, item.kind, item.glosses) == ("jmnedict", "person", ("Otani Tetsuo",))
    assert item.composed_from == ("小谷", "哲男")
    assert [t.surface for t in s.tokens][:2] == ["小谷", "哲男"]  # Sudachi's reading kept


def test_glossary_compound_and_variants(jmdict: JMdict) -> None:
    glossary = Glossary.from_entries(
        [
            entry("和平案", "わへいあん", "peace plan", "peace proposal"),
            entry("米ロ", "べいろ", "US-Russia", variants=("米露",)),
        ]
    )
    s1, items = gloss(jmdict, "米露首脳会談で和平案を協議した。", "米ロ高官協議", glossary=glossary)
    # The article's spelling names the item (issue #18); both spellings are one item.
    assert spans(s1[0])[:3] == [
        ("米露", "米露:べいろ:term"),
        ("首脳会談", "首脳会談:しゅのうかいだん"),
        ("で", None),
    ]
    assert item_of(s1[0], "和平案", items).glosses == ("peace plan", "peace proposal")
    us_russia = items["米露:べいろ:term"]
    assert (us_russia.text, us_russia.count, us_russia.glosses) == ("米露", 2, ("US-Russia",))
    assert "米ロ:べいろ:term" not in items


def test_glossary_wins_over_jmdict(jmdict: JMdict) -> None:
    glossary = Glossary.from_entries([entry("停戦", "ていせん", "ceasefire")])
    (s,), items = gloss(jmdict, "停戦を求めた。", glossary=glossary)
    item = item_of(s, "停戦", items)
    assert (item.source, item.glosses) == ("glossary", ("ceasefire",))


# --- names and titles -----------------------------------------------------------------------------


def test_president_trump(jmdict: JMdict) -> None:
    text = "トランプ大統領は語った。"
    (s,), items = gloss(jmdict, text)
    assert spans(s)[:2] == [("トランプ", "トランプ:とらんぷ:person"), ("大統領", "大統領:だいとうりょう")]
    trump = items["トランプ:とらんぷ:person"]
    assert (trump.source, trump.kind, trump.glosses) == ("jmnedict", "person", ("Trump",))
    assert items["大統領:だいとうりょう"].senses[0].glosses == ("president (of a nation)",)
    assert "".join(t.surface for t in s.tokens) == text
    assert [(t.start, t.end) for t in s.tokens[:2]] == [(0, 4), (4, 7)]


def test_playing_cards_are_still_cards(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "トランプを楽しむ")
    assert item_of(s, "トランプ", items).glosses == ("(Western) playing cards",)


def test_name_before_a_title_is_a_name(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "トランプ米大統領とプーチン大統領")
    assert items[s.tokens[0].item or ""].glosses == ("Trump",)
    assert item_of(s, "プーチン", items).glosses == ("Putin",)


def test_glossary_knows_the_whole_title(jmdict: JMdict) -> None:
    glossary = Glossary.from_entries(
        [entry("トランプ大統領", "とらんぷだいとうりょう", "President Trump", kind="person")]
    )
    (s,), _ = gloss(jmdict, "トランプ大統領は語った。", glossary=glossary)
    assert spans(s)[0] == ("トランプ大統領", "トランプ大統領:とらんぷだいとうりょう:person")


def test_common_word_tagged_as_surname(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "との見方が広がっている")
    assert item_of(s, "見方", items).id == "見方:みかた"


# --- composition ----------------------------------------------------------------------------------


def test_composed_peace_plan(jmdict: JMdict) -> None:
    (s,), items = gloss(jmdict, "19項目の和平案を提案した。")
    item = item_of(s, "和平案", items)
    assert item.id == "和平案:わへいあん"
    assert (item.source, item.kind) == ("composed", "word")
    assert item.glosses == ("和平 peace + 案 idea, plan",)
    assert item.composed_from == ("和平", "案")


def test_composition_is_conservative(jmdict: JMdict) -> None:
    _, items = gloss(jmdict, "景気敏感株が上がった。", "3年目に入った。")
    assert all(i.source != "composed" for i in items.values())


# --- which tokens get items -----------------------------------------------------------------------


def test_function_words_get_no_item(jmdict: JMdict) -> None:
    (s,), _ = gloss(jmdict, "することになるためのものだ。")
    assert [t.surface for t in s.tokens if t.item] == []


def test_particles_punctuation_numbers_get_no_item(jmdict: JMdict) -> None:
    (s,), _ = gloss(jmdict, "2025年2月28日、会談が行われた。")
    with_items = {t.surface for t in s.tokens if t.item}
    assert with_items == {"会談", "行わ"}


def test_kana_affixes_get_no_item(jmdict: JMdict) -> None:
    (s,), _ = gloss(jmdict, "ご確認ください")
    assert spans(s)[0] == ("ご", None)


def test_no_merge_across_punctuation(jmdict: JMdict) -> None:
    (s,), _ = gloss(jmdict, "安全、保障")
    assert spans(s) == [("安全", "安全:あんぜん"), ("、", None), ("保障", "保障:ほしょう")]


def test_stoplist_is_kana() -> None:
    assert all(all("ぁ" <= ch <= "ゖ" for ch in word) for word in STOPLIST)


# --- items ----------------------------------------------------------------------------------------


def test_counts_and_first_sentence(jmdict: JMdict) -> None:
    texts = ("停戦を求めた。", "交渉は続く。", "停戦は遠い。")
    sentences, items = gloss(jmdict, *texts)
    ceasefire = items["停戦:ていせん"]
    assert (ceasefire.count, ceasefire.first_sentence) == (2, "停戦を求めた。")
    assert list(items)[:2] == ["停戦:ていせん", "求める:もとめる"]
    counted = Counter(t.item for s in sentences for t in s.tokens if t.item)
    assert all(counted[i.id] >= i.count for i in items.values())


def test_deterministic(jmdict: JMdict) -> None:
    texts = ("米英首脳会談で和平案が話し合われた。", "トランプ大統領は譲歩しない。")
    first = build_vocabulary(blocks_of(texts), dictionary=JMdict(), glossary=EMPTY)
    second = build_vocabulary(blocks_of(texts), dictionary=jmdict, glossary=EMPTY)
    assert first == second


def test_one_batch_per_document() -> None:
    small, large = JMdict(), JMdict()
    build_vocabulary(blocks_of(["ロシアの首脳会談"]), dictionary=small, glossary=EMPTY)
    texts = ["米英首脳会談で和平案が話し合われた。"] * 20 + ["ロシアは譲歩しない。", "停戦を求めた。"]
    build_vocabulary(blocks_of(texts), dictionary=large, glossary=EMPTY)
    assert large.query_count == small.query_count  # more words, not more queries


# --- helpers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "reading", "lemma", "pos", "expected"),
    [
        ("話し合わ", "はなしあわ", "話し合う", (), "はなしあう"),
        ("退け", "しりぞけ", "退ける", (), "しりぞける"),
        ("激しく", "はげしく", "激しい", (), "はげしい"),
        ("行っ", "いっ", "行く", (), "いく"),
        ("来", "き", "来る", ("動詞", "非自立可能", "*", "*", "カ行変格", "連用形-一般"), "くる"),
        ("停戦", "ていせん", "停戦", (), "ていせん"),
        ("話し合わ", "はなしあい", "話し合う", (), None),
        ("見込ま", "みこま", "見込む", (), "みこむ"),
    ],
)
def test_lemma_reading(
    surface: str, reading: str, lemma: str, pos: tuple[str, ...], expected: str | None
) -> None:
    assert lemma_reading(surface, reading, lemma, pos) == expected


@pytest.mark.parametrize(
    ("code", "pos", "fits"),
    [
        ("n", ("名詞", "普通名詞", "一般"), True),
        ("vs", ("名詞", "普通名詞", "サ変可能"), True),
        ("vs", ("名詞", "普通名詞", "一般"), False),
        ("adj-na", ("名詞", "普通名詞", "形状詞可能"), True),
        ("v5r", ("動詞", "一般"), True),
        ("n", ("動詞", "一般"), False),
        ("adj-i", ("形容詞", "一般"), True),
        ("adj-na", ("形状詞", "一般"), True),
        ("adv", ("副詞",), True),
        ("suf", ("接尾辞", "名詞的", "一般"), True),
        ("adj-na", ("接尾辞", "形状詞的"), True),
        ("pref", ("接頭辞",), True),
    ],
)
def test_pos_fits(code: str, pos: tuple[str, ...], fits: bool) -> None:
    assert pos_fits(code, pos) is fits


def test_primary_sense_of_a_suffix(jmdict: JMdict) -> None:
    (chuu,) = [e for e in jmdict.entries(["中"])["中"] if e.kana == ("ちゅう",)]
    suffix = ("接尾辞", "名詞的", "副詞可能", "*", "*", "*")
    assert chuu.senses[primary_sense(chuu.senses, suffix)].glosses[0].startswith("during")
    assert primary_sense(chuu.senses, ("名詞", "普通名詞", "一般")) == 0
    assert primary_sense((Sense(("x",), ("prt",)),), ("名詞", "普通名詞", "一般")) == 0


# --- invariants -----------------------------------------------------------------------------------

_PIECES = [
    "安全保障",
    "の",
    "保証",
    "首脳会談",
    "トランプ大統領",
    "和平案",
    "、",
    "が",
    "話し合われた",
    "停戦",
    "後",
    "2025年",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10))
def test_invariants(pieces: list[str]) -> None:
    text = "".join(pieces)
    blocks, items = build_vocabulary(blocks_of([text]), dictionary=_shared(), glossary=EMPTY)
    check_invariants(blocks, items)


@cache
def _shared() -> JMdict:
    return JMdict()


def check_invariants(blocks: Sequence[Block], items: Sequence[VocabItem]) -> None:
    by_id = {i.id: i for i in items}
    assert len(by_id) == len(items)
    for s in (s for b in blocks for s in b.sentences):
        assert "".join(t.surface for t in s.tokens) == s.text
        assert all(s.text[t.start : t.end] == t.surface for t in s.tokens)
        for t in s.tokens:
            assert (t.item is None) == (t.gloss is None)
            if t.item is not None:
                assert t.gloss == by_id[t.item].glosses
                assert by_id[t.item].glosses
    assert all(i.count >= 1 and 0 <= i.primary < len(i.senses) for i in items)


# --- the seed articles ----------------------------------------------------------------------------


def seed_blocks(paths: Sequence[Path]) -> tuple[Block, ...]:
    from yomu.text.sentences import split_sentences

    paragraphs = [
        [s for s in split_sentences(line.strip()) if s]
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return blocks_of(*paragraphs)


def test_seeds(seeds: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    blocks = seed_blocks(seeds)
    cold = JMdict()
    started = time.perf_counter()
    glossed, items = build_vocabulary(blocks, dictionary=cold, glossary=EMPTY)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = build_vocabulary(blocks, dictionary=cold, glossary=EMPTY)
    second = time.perf_counter() - started
    tokens = sum(len(s.tokens) for b in blocks for s in b.sentences)
    with capsys.disabled():
        print(
            f"\nvocabulary of {len(seeds)} seeds: {tokens} tokens, {len(items)} items, "
            f"{cold.query_count} queries; new dictionary {first * 1000:.0f} ms, cached {second * 1000:.0f} ms"
        )
    assert again == (glossed, items)
    check_invariants(glossed, items)
    by_text = {i.text: i for i in items}
    assert by_text["安全保障"].count >= 10
    assert by_text["トランプ"].kind == "person"
    assert "playing cards" not in " ".join(by_text["トランプ"].glosses)


def test_compound_particles_are_set_expressions_not_their_verbs() -> None:
    # Issue #15: a compound particle is one item glossed as the expression (について
    # "about"), never its verb alone (つく "to be attached").
    import yomu

    doc = yomu.annotate("政府は和平案について議論し、国民にとって重要な問題をめぐる協議に対して反対した。")
    items = {t.surface: t.item for t in doc.tokens()}
    assert (items["つい"], items["とっ"], items["めぐる"], items["対し"]) == (
        "について:について:expression",
        "にとって:にとって:expression",
        "をめぐって:をめぐって:expression",
        "に対して:にたいして:expression",
    )
    assert items["議論"] == "議論:ぎろん"
    # The same verbs keep their items where they are verbs: 顔を向ける "to turn".
    turned = {t.lemma: t.item for t in yomu.annotate("彼は顔を向けた。").tokens()}
    assert turned["向ける"] == "向ける:むける"


# --- the names layer ------------------------------------------------------------------------


def glossed(text: str) -> list[tuple[str, str | None, str | None]]:
    doc = annotate(text)
    return [(t.surface, t.reading, t.gloss[0] if t.gloss else None) for t in doc.tokens() if t.item]


def test_family_name_alone_follows_the_full_name_in_the_same_article() -> None:
    assert glossed("明海大学の小谷哲男教授が語った。小谷氏によると交渉は続く。")[3:6] == [
        ("語っ", "かたっ", "to talk about"),
        ("小谷", "こたに", "Tetsuo Kotani"),  # one person, one item
        ("氏", "し", "Mr"),
    ]


def test_family_name_alone_elsewhere_is_left_to_sudachi_and_jmnedict() -> None:
    # No 小谷哲男 in this article: this 小谷 may be anyone, read おたに by Sudachi.
    assert glossed("小谷氏が語った。")[0][:2] == ("小谷", "おたに")


def test_family_name_fused_with_a_title_is_cut_off() -> None:
    # Sudachi does not know 習 and makes 習氏 one word with no reading.
    found = glossed("習近平国家主席が訪れた。習氏は強調した。")
    assert found[4:6] == [("習", "しゅう", "Xi Jinping"), ("氏", "し", "Mr")]  # one person, one item


def test_a_family_name_two_people_share_stays_ambiguous() -> None:
    items = annotate("金正恩総書記と金与正氏が会った。金氏は述べた。").vocabulary()
    assert {"金正恩", "金与正"} <= {i.text for i in items}
    assert not any(i.text == "金" and i.source == "glossary" for i in items)


def test_a_person_spelled_like_a_common_word_needs_name_context() -> None:
    assert glossed("トランプを楽しむ。")[0] == ("トランプ", "とらんぷ", "(Western) playing cards")
    assert glossed("トランプ氏は述べた。")[0] == ("トランプ", "とらんぷ", "Trump")
    # Once the article uses the name, it is the name throughout.
    assert glossed("トランプ氏は述べた。トランプは強気だ。")[3] == ("トランプ", "とらんぷ", "Trump")


# --- senses in context ----------------------------------------------------------------------


def primary_gloss(text: str, word: str) -> str:
    item = next(i for i in annotate(text).vocabulary() if i.text == word)
    return item.glosses[0]


def test_an_article_about_war_means_the_front_line() -> None:
    war = "ロシア軍は前線で攻勢を強めた。和平案と安全保障をめぐる停戦交渉は続く。"
    assert primary_gloss(war, "前線") == "front line"
    assert primary_gloss("前線が通過して雨が降った。", "前線") == "(weather) front"


def test_preferred_fields_need_several_terms_of_a_domain() -> None:
    from yomu.meaning.vocabulary import preferred_fields

    assert preferred_fields(["diplomacy_security"] * 3 + ["people"]) == {"military"}
    assert preferred_fields(["diplomacy_security", "diplomacy_security", "economy_trade"]) == frozenset()
    assert preferred_fields(["economy_trade"] * 4) == {"economics", "finance"}


def test_an_off_domain_sense_is_primary_only_when_nothing_else_fits() -> None:
    from yomu.meaning.vocabulary import primary_sense
    from yomu.model import Sense

    noun = ("名詞", "普通名詞", "一般", "*", "*", "*")
    senses = (Sense(("Buddhist realm",), ("n",), fields=("Buddhism",)), Sense(("the world",), ("n",)))
    assert primary_sense(senses, noun) == 1
    assert primary_sense(senses[:1], noun) == 0


def test_hoshou_spellings_keep_their_own_glosses() -> None:
    doc = annotate("日本の安全を保障する。品質を保証する。被害を補償する。")
    items = {i.text: i for i in doc.vocabulary()}
    assert items["保障"].glosses[0] == "guarantee (of protection)"
    assert items["保証"].glosses[0] == "guarantee"
    assert items["補償"].glosses[0] == "compensation"
    assert {items[w].reading for w in ("保障", "保証", "補償")} == {"ほしょう"}


# --- trying only where a pass can start ---------------------------------------------------------


def _every_position_scan(tokens, gaps, starts, match):  # type: ignore[no-untyped-def]
    from yomu.meaning import segmenting

    return segmenting._original_scan(tokens, gaps, range(len(tokens)), match)  # type: ignore[attr-defined]


def _same_when_every_position_is_tried(paths: Sequence[Path], monkeypatch: pytest.MonkeyPatch) -> int:
    # The word classes say where glossary terms, compounds and full names can start; the
    # passes try only there. Trying every position must give the very same documents.
    from yomu.meaning import segmenting

    texts = [p.read_text(encoding="utf-8") for p in paths]
    fast = [annotate(t, source="x") for t in texts]
    monkeypatch.setattr(segmenting, "_original_scan", segmenting._scan, raising=False)
    monkeypatch.setattr(segmenting, "_scan", _every_position_scan)
    slow = [annotate(t, source="x") for t in texts]
    assert slow == fast
    return sum(len(d.items) for d in fast)


def test_passes_tried_only_where_they_can_start_find_what_every_position_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = Path(__file__).parents[1] / "examples" / "summit.txt"
    # 87 items before set expressions; について and に関して are items now.
    assert _same_when_every_position_is_tried([example], monkeypatch) == 89


def test_on_the_seeds_too(seeds: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same_when_every_position_is_tried(seeds, monkeypatch) > 1000


# --- a word and a suffix Sudachi fuses into one token ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "reading", "gloss"),
    [
        ("大統領は就任後に会見した。", "就任後", "しゅうにんご",
         "就任 assumption (of office), taking up (a post) + 後 after"),
        ("両国は交渉中だ。", "交渉中", "こうしょうちゅう",
         "交渉 negotiations, discussions + 中 during (a certain time when one did or is doing "
         "something), under (construction, etc.)"),
    ],
)
def test_a_fused_word_and_suffix_is_glossed_part_by_part(
    sentence: str, surface: str, reading: str, gloss: str
) -> None:
    # Sudachi writes 就任後 as one token and JMdict has no such word: before, no item at all.
    doc = annotate(sentence)
    token = next(t for t in doc.tokens() if t.surface == surface)
    assert token.item == f"{surface}:{reading}"
    item = next(i for i in doc.vocabulary() if i.id == token.item)
    assert (item.source, item.composed_from) == ("composed", (surface[:-1], surface[-1]))
    assert item.glosses == (gloss,)


def test_a_fused_token_jmdict_knows_stays_the_word() -> None:
    # 午後 ends in 後 but is a word of its own (and two characters long): never split.
    doc = annotate("午後に会議がある。")
    assert next(t for t in doc.tokens() if t.surface == "午後").item == "午後:ごご"
