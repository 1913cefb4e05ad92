"""Names in world news: the English a learner sees for a person, place or organisation
is right, or yomu says it does not know it; never a wrong English (issue #15).

Forty names of 2023–2026 world news chosen for this test, beyond the most famous, in
sentences written for it. ``None``: a name no glossary or dictionary knows, which must be
shown as a name with its English spelling unknown.
"""

from __future__ import annotations

import pytest

from yomu.meaning.vocabulary import UNKNOWN_NAME
from yomu.pipeline import Annotator

CASES: list[tuple[str, str, str | None]] = [
    ("フィンランドのストゥブ大統領が来日した。", "ストゥブ", "Stubb"),
    ("EUのカラス上級代表が述べた。", "カラス", "Kallas"),
    ("欧州理事会のアントニオ・コスタ常任議長が述べた。", "アントニオ・コスタ", "António Costa"),
    ("英国のラミー外相が訪日した。", "ラミー", "Lammy"),
    ("ウクライナのイェルマーク大統領府長官が協議した。", "イェルマーク", "Yermak"),
    ("トルコのフィダン外相が仲介した。", "フィダン", "Fidan"),
    ("ブラジルのルラ大統領が演説した。", "ルラ", "Lula"),
    ("アルゼンチンのミレイ大統領が改革を進める。", "ミレイ", "Milei"),
    ("メキシコのシェインバウム大統領が会見した。", "シェインバウム", "Sheinbaum"),
    ("台湾の林佳龍外相が演説した。", "林佳龍", "Lin Chia-lung"),
    ("中国の何立峰副首相が訪米した。", "何立峰", "He Lifeng"),
    ("韓国の趙兌烈外相が会談した。", "趙兌烈", "Cho Tae-yul"),
    ("ザルジニー前総司令官が発言した。", "ザルジニー", "Zaluzhnyi"),
    ("ナワリヌイ氏の死去が伝えられた。", "ナワリヌイ", "Navalny"),
    ("ベラルーシのルカシェンコ大統領が述べた。", "ルカシェンコ", "Lukashenko"),
    ("ウィトコフ特使がモスクワを訪れた。", "ウィトコフ", "Witkoff"),
    ("ケロッグ特使がキーウを訪れた。", "ケロッグ", "Kellogg"),
    ("ベッセント財務長官が述べた。", "ベッセント", "Bessent"),
    ("ラトニック商務長官が関税を説明した。", "ラトニック", "Lutnick"),
    ("グリア通商代表が交渉した。", "グリア", "Greer"),
    ("ペスコフ大統領報道官が否定した。", "ペスコフ", "Peskov"),
    ("ウシャコフ大統領補佐官が述べた。", "ウシャコフ", "Ushakov"),
    ("ドミトリエフ特使が訪米した。", "ドミトリエフ", "Dmitriev"),
    ("シビハ外相が述べた。", "シビハ", "Sybiha"),
    ("ウメロフ国防相が交渉団を率いた。", "ウメロフ", "Umerov"),
    ("スビリデンコ首相が就任した。", "スビリデンコ", "Svyrydenko"),
    ("シルスキー総司令官が述べた。", "シルスキー", "Syrskyi"),
    ("ブダノフ情報総局長が述べた。", "ブダノフ", "Budanov"),
    ("イタリアのメローニ首相が訪米した。", "メローニ", "Meloni"),
    ("ポーランドのトゥスク首相が述べた。", "トゥスク", "Tusk"),
    ("ハンガリーのオルバン首相が反対した。", "オルバン", "Orbán"),
    ("カナダのカーニー首相が会見した。", "カーニー", "Carney"),
    ("豪州のアルバニージー首相が来日した。", "アルバニージー", "Albanese"),
    ("IAEAのグロッシ事務局長が視察した。", "グロッシ", "Grossi"),
    ("コソボのオスマニ大統領が来日した。", "オスマニ", None),
    ("台湾の陳建仁氏が演説した。", "陳建仁", None),
    ("ロシア軍がポクロウシクを攻撃した。", "ポクロウシク", "Pokrovsk"),
    ("クルスク州で戦闘が続く。", "クルスク", "Kursk"),
    ("上海協力機構の首脳会議が開かれた。", "上海協力機構", "Shanghai Cooperation Organisation"),
    ("BRICSが拡大した。", "BRICS", "BRICS"),
]


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def english_of(annotator: Annotator, sentence: str, name: str) -> str:
    doc = annotator.annotate(sentence)
    item = next(i for i in doc.vocabulary() if name in i.text)
    return item.primary_glosses[0]


def test_forty_names_never_get_a_wrong_english(annotator: Annotator) -> None:
    right, wrong, unknown = [], [], []
    for sentence, name, english in CASES:
        got = english_of(annotator, sentence, name)
        if got == UNKNOWN_NAME:
            unknown.append(name)
        elif english is not None and english.lower() in got.lower():
            right.append(name)
        else:
            wrong.append((name, got))
    assert len(CASES) == 40
    assert wrong == []
    assert len(right) >= 38  # docs/vocabulary.md: 38 right, 0 wrong, 2 unknown
    assert sorted(unknown) == ["オスマニ", "陳建仁"]


@pytest.mark.parametrize(
    ("sentence", "name", "reading"),
    [
        ("台湾の林佳龍外相が演説した。", "林佳龍", "りんかりゅう"),
        ("中国の何立峰副首相が訪米した。", "何立峰", "かりっぽう"),
        ("台湾の陳建仁氏が演説した。", "陳建仁", "ちんけんにん"),
    ],
)
def test_chinese_names_are_one_person_read_the_japanese_news_way(
    annotator: Annotator, sentence: str, name: str, reading: str
) -> None:
    doc = annotator.annotate(sentence)
    item = next(i for i in doc.vocabulary() if i.text == name)
    assert (item.kind, item.reading) == ("person", reading)


def test_a_japanese_name_keeps_its_jmnedict_spelling(annotator: Annotator) -> None:
    assert english_of(annotator, "山田太郎氏が述べた。", "山田太郎") == "Yamata Tarō"


def test_an_unknown_katakana_name_before_a_title_is_a_name(annotator: Annotator) -> None:
    doc = annotator.annotate("コソボのオスマニ大統領が来日した。")
    item = next(i for i in doc.vocabulary() if i.text == "オスマニ")
    assert (item.kind, item.source, item.reading, item.primary_glosses) == (
        "person",
        "name",
        "おすまに",
        (UNKNOWN_NAME,),
    )


def test_two_token_titles_make_a_name(annotator: Annotator) -> None:
    # カラス alone is a crow; before 上級|代表 it is Kaja Kallas.
    assert english_of(annotator, "EUのカラス上級代表が述べた。", "カラス") == "Kallas"
    assert english_of(annotator, "カラスが鳴いた。", "カラス") == "crow (Corvus spp.)"


def test_one_person_one_item(annotator: Annotator) -> None:
    # Issue #18: every spelling of a person is one item, under the spelling met first, and
    # a title is its own word.
    doc = annotator.annotate(
        "ドナルド・トランプ大統領は会見した。トランプ氏は述べた。トランプ大統領が署名した。"
        "キア・スターマー首相とスターマー氏が会談した。"
    )
    people = [i for i in doc.vocabulary() if i.kind == "person"]
    assert [(i.text, i.count, i.primary_glosses) for i in people] == [
        ("ドナルド・トランプ", 3, ("Donald Trump",)),
        ("キア・スターマー", 2, ("Keir Starmer",)),
    ]
    titles = {i.text: i.count for i in doc.vocabulary() if i.text in ("大統領", "首相")}
    assert titles == {"大統領": 2, "首相": 1}
    trump = {t.item for t in doc.tokens() if "トランプ" in t.surface}
    assert trump == {"ドナルド・トランプ:どなるどとらんぷ:person"}


def test_names_have_their_own_section_in_the_brief(annotator: Annotator) -> None:
    from yomu.renderers.html import render_html

    text = "フィンランドのストゥブ大統領がロシアとの国境を視察し、防衛の強化を訴えた。"
    page = render_html(annotator.annotate(text))
    brief = page[page.index('<aside class="brief"') : page.index("</aside>")]
    words, _, names = brief.partition('<h3 class="brief-names">People and places in this article (')
    assert names, brief
    assert ">ストゥブ<" in names and ">ロシア<" in names
    assert ">ストゥブ<" not in words and ">ロシア<" not in words
    assert ">国境<" in words and ">国境<" not in names
