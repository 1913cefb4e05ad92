"""The article stage: structure and web clutter, from plain text and from saved web pages.

Every article here was written for these tests. The real seed articles are read at run
time from ../shared/seeds and are never copied: their expectations are line numbers,
reasons and counts only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yomu.model import Article, ArticleBlock, DroppedLine
from yomu.text.article import looks_like_html, parse_html, parse_text

from .conftest import seed_paths

Row = tuple[str, str, str]


def rows(article: Article) -> list[Row]:
    """(kind, marker, text) of each block: enough to compare without dataclass noise."""
    return [(b.kind, b.marker, b.text) for b in article.blocks]


def dropped(article: Article) -> list[tuple[int, str]]:
    return [(d.line, d.reason) for d in article.dropped]


# --- structure of plain text -----------------------------------------------------------

TRADE_TALKS = """日韓、半導体素材の輸出管理で対話再開
日本と韓国の両政府は3日、東京で局長級の政策対話を開き、半導体素材の輸出管理について意見を交わしました。対話は約4年ぶりです。

対話の主な議題
両政府は次の点を確認しました。
- 輸出管理の運用を定期的に点検する
- 担当者の連絡窓口を設ける
品目 | 日本の対応 | 韓国の対応
---|---|---
フッ化水素 | 審査を簡素化 | 調達先を分散
レジスト | 包括許可に戻す | 国産化を継続
専門家は、対話の継続が両国の企業にとって安心材料になると話しています。
Reference(s):
日韓政策対話に関する発表（架空）
example.org
"""


def test_plain_text_structure() -> None:
    article = parse_text(TRADE_TALKS)
    assert rows(article) == [
        ("title", "", "日韓、半導体素材の輸出管理で対話再開"),
        ("paragraph", "", "日本と韓国の両政府は3日、東京で局長級の政策対話を開き、"
                          "半導体素材の輸出管理について意見を交わしました。対話は約4年ぶりです。"),
        ("heading", "", "対話の主な議題"),
        ("paragraph", "", "両政府は次の点を確認しました。"),
        ("list_item", "-", "輸出管理の運用を定期的に点検する"),
        ("list_item", "-", "担当者の連絡窓口を設ける"),
        ("table_row", "", "品目 | 日本の対応 | 韓国の対応"),
        ("table_row", "", "フッ化水素 | 審査を簡素化 | 調達先を分散"),
        ("table_row", "", "レジスト | 包括許可に戻す | 国産化を継続"),
        ("paragraph", "", "専門家は、対話の継続が両国の企業にとって安心材料になると話しています。"),
        ("source", "Reference(s):", "日韓政策対話に関する発表（架空）\nexample.org"),
    ]
    assert [b.cells for b in article.blocks if b.kind == "table_row"] == [
        ("品目", "日本の対応", "韓国の対応"),
        ("フッ化水素", "審査を簡素化", "調達先を分散"),
        ("レジスト", "包括許可に戻す", "国産化を継続"),
    ]
    assert article.dropped == ()


def test_blocks_are_frozen_model_objects() -> None:
    article = parse_text("見出し\n本文です。\n")
    assert article.blocks == (ArticleBlock("title", "見出し"), ArticleBlock("paragraph", "本文です。"))


def test_surrounding_white_space_is_stripped_and_blank_lines_vanish() -> None:
    article = parse_text("\n\n　 米加、電力網で協力 \t\n\n\n  両国は送電網の連結を検討する。  \n\n")
    assert rows(article) == [
        ("title", "", "米加、電力網で協力"),
        ("paragraph", "", "両国は送電網の連結を検討する。"),
    ]


def test_crlf_and_lone_cr_read_like_lf() -> None:
    text = "ASEAN外相会議が開幕\n広告の下に記事の続きがあります\n各国は海洋安全保障について協議する。\n"
    lf = parse_text(text)
    assert parse_text(text.replace("\n", "\r\n")) == lf
    assert parse_text(text.replace("\n", "\r")) == lf
    assert dropped(lf) == [(2, "ad")]


def test_empty_input_has_no_blocks() -> None:
    assert parse_text("") == Article(blocks=())
    assert parse_text("\n \n\t\n") == Article(blocks=())


# --- headings, paragraphs and the title -------------------------------------------------

HEADINGS = """米印、重要技術で新たな枠組み
米国とインドは、半導体や人工知能の分野で協力する新たな枠組みを発表した。
新枠組みの狙い
両国は、供給網の強靱化を共同で進める。
なぜ今なのか?
専門家によると、
中国への依存を減らす狙いがあるという。
（記者会見での発言より）
「対話の時代は終わった」
協議は秋に再開される予定:
来月、閣僚級の会合が開かれる。
今後の焦点
"""


def test_short_lines_without_full_stop_are_headings_only_between_text() -> None:
    assert rows(parse_text(HEADINGS)) == [
        ("title", "", "米印、重要技術で新たな枠組み"),
        ("paragraph", "", "米国とインドは、半導体や人工知能の分野で協力する新たな枠組みを発表した。"),
        ("heading", "", "新枠組みの狙い"),
        ("paragraph", "", "両国は、供給網の強靱化を共同で進める。"),
        ("paragraph", "", "なぜ今なのか?"),  # a question is a sentence
        ("paragraph", "", "専門家によると、"),  # a sentence broken over lines
        ("paragraph", "", "中国への依存を減らす狙いがあるという。"),
        ("paragraph", "", "（記者会見での発言より）"),  # a note in brackets
        ("paragraph", "", "「対話の時代は終わった」"),  # a quotation
        ("paragraph", "", "協議は秋に再開される予定:"),  # leads into what follows
        ("paragraph", "", "来月、閣僚級の会合が開かれる。"),
        ("paragraph", "", "今後の焦点"),  # nothing follows it
    ]


def test_long_line_without_full_stop_is_a_paragraph() -> None:
    long_line = (
        "欧州連合の首脳らは対ロシア制裁の延長と凍結資産の活用をめぐる協議を続けており"
        "結論は来月に持ち越される見通し"
    )
    assert len(long_line) > 40
    assert rows(parse_text(f"EU首脳会議\n{long_line}\n本文です。"))[1] == ("paragraph", "", long_line)


def test_first_line_ending_in_full_stop_is_the_lead_not_the_title() -> None:
    article = parse_text("両国は自由貿易協定に署名した。\n署名の意義\n関税の大半が10年以内に撤廃される。\n")
    assert rows(article) == [
        ("paragraph", "", "両国は自由貿易協定に署名した。"),
        ("heading", "", "署名の意義"),
        ("paragraph", "", "関税の大半が10年以内に撤廃される。"),
    ]


def test_title_is_the_first_line_that_is_not_clutter() -> None:
    article = parse_text("ホーム > 国際 > 中東\n中東和平、停戦協議が前進\n仲介国は停戦の延長を提案した。\n")
    assert rows(article)[0] == ("title", "", "中東和平、停戦協議が前進")
    assert dropped(article) == [(1, "navigation")]


# --- list markers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "markers"),
    [
        ("- 関税の撤廃", "- 投資の保護", ("-", "-")),
        ("* 関税の撤廃", "* 投資の保護", ("*", "*")),
        ("・関税の撤廃", "・投資の保護", ("・", "・")),
        ("• 関税の撤廃", "• 投資の保護", ("•", "•")),
        ("①関税の撤廃", "②投資の保護", ("①", "②")),
        ("⑲ 関税の撤廃", "⑳ 投資の保護", ("⑲", "⑳")),
        ("✅ 関税の撤廃", "✅ 投資の保護", ("✅", "✅")),
        ("✔ 関税の撤廃", "✔ 投資の保護", ("✔", "✔")),
        ("▶ 関税の撤廃", "▶ 投資の保護", ("▶", "▶")),
        ("■関税の撤廃", "■投資の保護", ("■", "■")),
        ("1. 関税の撤廃", "2. 投資の保護", ("1.", "2.")),
        ("1．関税の撤廃", "2．投資の保護", ("1．", "2．")),
        ("1）関税の撤廃", "2）投資の保護", ("1）", "2）")),
        ("1)関税の撤廃", "2)投資の保護", ("1)", "2)")),
        ("(1) 関税の撤廃", "(2) 投資の保護", ("(1)", "(2)")),
    ],
)
def test_list_markers_are_stripped_into_marker(first: str, second: str, markers: tuple[str, str]) -> None:
    article = parse_text(f"日英、新たな経済協定\n協定の柱は次の2点だ。\n{first}\n{second}\n発効は来年だ。\n")
    assert rows(article)[2:4] == [
        ("list_item", markers[0], "関税の撤廃"),
        ("list_item", markers[1], "投資の保護"),
    ]


@pytest.mark.parametrize("line", ["1.5%の成長を見込む。", "2025年に協定が発効した。", "-5%の下落となった。"])
def test_numbers_and_dashes_that_start_a_sentence_are_not_markers(line: str) -> None:
    assert rows(parse_text(f"世界経済の見通し\n{line}\n"))[1] == ("paragraph", "", line)


SECTIONS = """日豪、安全保障協力を拡大
両国の外相と防衛相が会談し、共同訓練の拡大で合意した。
① 共同訓練の拡大
陸海空の部隊が、来年から年2回の共同訓練を行う。
② 防衛装備の協力は進むのか?
護衛艦の共同開発について、作業部会を設ける。
- 詳細は年内に詰める
3. まとめ
会談後の記者会見で、両外相は地域の安定に向けた連携を強調した。
"""


def test_a_numbered_line_standing_alone_titles_a_section() -> None:
    assert rows(parse_text(SECTIONS)) == [
        ("title", "", "日豪、安全保障協力を拡大"),
        ("paragraph", "", "両国の外相と防衛相が会談し、共同訓練の拡大で合意した。"),
        ("heading", "①", "共同訓練の拡大"),
        ("paragraph", "", "陸海空の部隊が、来年から年2回の共同訓練を行う。"),
        ("heading", "②", "防衛装備の協力は進むのか?"),
        ("paragraph", "", "護衛艦の共同開発について、作業部会を設ける。"),
        ("list_item", "-", "詳細は年内に詰める"),  # a bullet never titles a section
        ("heading", "3.", "まとめ"),
        ("paragraph", "", "会談後の記者会見で、両外相は地域の安定に向けた連携を強調した。"),
    ]


# --- timelines ---------------------------------------------------------------------------

TIMELINE = """EU加盟交渉の歩み
交渉はこれまで次のように進んできた。
2022年6月23日
↓
加盟候補国に認定
↓
交渉開始を決定 → 協議が本格化
今後は、個別分野の協議が焦点となる。
3月1日 → 第1回会合
3月15日 → 共同声明の発表
"""


def test_timeline_steps_are_list_items_with_the_arrow_as_marker() -> None:
    article = parse_text(TIMELINE)
    assert rows(article) == [
        ("title", "", "EU加盟交渉の歩み"),
        ("paragraph", "", "交渉はこれまで次のように進んできた。"),
        ("list_item", "", "2022年6月23日"),  # a date in a timeline is a step, not a timestamp
        ("list_item", "↓", "加盟候補国に認定"),
        ("list_item", "↓", "交渉開始を決定 → 協議が本格化"),
        ("paragraph", "", "今後は、個別分野の協議が焦点となる。"),
        ("list_item", "", "3月1日 → 第1回会合"),
        ("list_item", "", "3月15日 → 共同声明の発表"),
    ]
    assert article.dropped == ()


# --- tables ------------------------------------------------------------------------------


def test_pipe_table_with_outer_pipes_and_separator_row() -> None:
    text = "関税率の比較\n各国の関税率は次の通り。\n| 国 | 関税率 |\n|:---|---:|\n| 米国 | 15% |\n| EU |  |\n"
    article = parse_text(text)
    assert [(b.kind, b.text, b.cells) for b in article.blocks[2:]] == [
        ("table_row", "国 | 関税率", ("国", "関税率")),
        ("table_row", "米国 | 15%", ("米国", "15%")),
        ("table_row", "EU | ", ("EU", "")),
    ]


def test_full_width_pipes_make_a_table_too() -> None:
    article = parse_text("貿易統計\n国｜輸出額\n中国｜19兆円\n米国｜20兆円\n")
    assert [b.cells for b in article.blocks if b.kind == "table_row"] == [
        ("国", "輸出額"), ("中国", "19兆円"), ("米国", "20兆円"),
    ]


def test_a_single_pipe_line_is_not_a_table() -> None:
    article = parse_text("日米首脳会談の焦点 | 架空新聞\n両首脳は同盟の強化を確認した。\n")
    assert rows(article)[0] == ("title", "", "日米首脳会談の焦点 | 架空新聞")


def test_rules_and_lone_separator_rows_vanish() -> None:
    article = parse_text("G20財務相会議\n---\n議長国は債務問題の議論を主導した。\n|---|---|\n＊＊＊\n")
    assert rows(article) == [
        ("title", "", "G20財務相会議"),
        ("paragraph", "", "議長国は債務問題の議論を主導した。"),
    ]
    assert article.dropped == ()


# --- source footers ----------------------------------------------------------------------


def test_references_footer_is_one_source_block() -> None:
    text = (
        "WTO改革の行方\n加盟国は紛争処理制度の立て直しを協議した。\n"
        "References:\nhttps://example.org/wto-reform\nexample.net/trade\n"
    )
    assert rows(parse_text(text))[-1] == ("source", "References:", "https://example.org/wto-reform\nexample.net/trade")


def test_source_label_with_its_citation_on_the_same_line() -> None:
    article = parse_text("日中韓サミット\n3か国は経済協力の拡大で一致した。\n出典：外務省の発表資料\n")
    assert rows(article)[-1] == ("source", "出典：", "外務省の発表資料")


def test_footer_ends_at_a_blank_line_unless_an_address_follows() -> None:
    text = (
        "G7外相会合\n外相らはウクライナ支援の継続を確認した。\n参考:\n外務省の会見記録\n\nexample.org/g7\n\n"
        "次回の会合は秋に予定されている。\n"
    )
    assert rows(parse_text(text))[2:] == [
        ("source", "参考:", "外務省の会見記録\nexample.org/g7"),
        ("paragraph", "", "次回の会合は秋に予定されている。"),
    ]


def test_a_bare_label_is_a_source_block_and_a_sentence_is_not() -> None:
    article = parse_text("通商交渉\nSources say the talks will resume.\nReferences\n")
    assert rows(article)[1:] == [
        ("paragraph", "", "Sources say the talks will resume."),
        ("source", "", "References"),
    ]


# --- clutter -----------------------------------------------------------------------------


def _with(line: str) -> str:
    lines = ["米中、通商協議を再開", "両国の閣僚は追加関税の停止延長で一致した。", line,
             "今後は実務者が詳細を詰める。"]
    return "\n".join(lines) + "\n"


BODY = [
    ("title", "", "米中、通商協議を再開"),
    ("paragraph", "", "両国の閣僚は追加関税の停止延長で一致した。"),
    ("paragraph", "", "今後は実務者が詳細を詰める。"),
]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("広告の下に記事の続きがあります", "ad"),
        ("広告の下に記事の続きがあります。よろしくね", "ad"),
        ("スポンサーリンク", "ad"),
        ('[share_buttons url="https://example.org" align="center"]', "share"),
        ('[caption id="attachment_12" align="alignnone"]', "shortcode"),
        ("シェア", "share"),
        ("シェアする", "share"),
        ("シェア ツイート LINE はてブ", "share"),
        ("Facebook | X | LINE", "share"),
        ("この記事をシェアする", "share"),
        ("ホーム > 国際 > アジア", "navigation"),
        ("トップ | ニュース | 国際", "navigation"),
        ("国際 | 政治 | 経済 | 社会", "navigation"),
        ("コンテンツへ移動", "navigation"),
        ("本文へ移動", "navigation"),
        ("コメント(12)", "comments"),
        ("コメント0", "comments"),
        ("12 comments", "comments"),
        ("1,204", "counter"),
        ("press@example.com", "byline"),
        ("文：山田花子", "byline"),
        ("写真／ロイター", "byline"),
        ("Written by Jane Doe", "byline"),
        ("（ワシントン＝山田太郎）", "byline"),
        ("政治部 山田太郎記者", "byline"),
        ("山田太郎 アクセス", "byline"),
        ("【写真】首脳会談に臨む両首脳", "media"),
        ("この記事の写真一覧", "media"),
        ("2025年3月1日 10:30", "timestamp"),
        ("2025/03/01 更新", "timestamp"),
        ("3時間前", "timestamp"),
        ("アクセスランキング", "ranking"),
        ("[国際] ランキング", "ranking"),
        ("関連記事", "recommended"),
        ("▶関連記事はこちら", "recommended"),
        ("【おすすめ記事】", "recommended"),
        ("あわせて読みたい", "recommended"),
    ],
)
def test_each_kind_of_clutter_is_dropped_with_its_reason(line: str, reason: str) -> None:
    article = parse_text(_with(line))
    assert article.dropped == (DroppedLine(3, line, reason),)
    assert rows(article) == BODY


@pytest.mark.parametrize(
    "line",
    [
        "首脳会談の主な論点",
        "日本人記者の拘束が続く",
        "ランキング上位国の対応",
        "トップ会談の行方",
        "シェア拡大を狙う",
        "LINEヤフーの株主総会",
        "米国 > 中国",
        "ホーム画面",
        "広告規制をめぐる議論",
        "コメントを控えた政府",
    ],
)
def test_ordinary_text_with_clutter_words_is_kept(line: str) -> None:
    article = parse_text(_with(line))
    assert article.dropped == ()
    assert rows(article)[2] == ("heading", "", line)


def test_ranking_list_is_dropped_up_to_the_next_paragraph() -> None:
    text = (
        "ASEAN首脳会議が閉幕\n首脳らは南シナ海の行動規範の早期策定を求める共同声明を採択した。\n"
        "アクセスランキング\n1. 円相場の行方\n2. 新型ロケットの打ち上げ\n3. 週末の天気\n"
        "次回の会議はフィリピンで開かれる予定だ。\n"
    )
    article = parse_text(text)
    assert dropped(article) == [(3, "ranking"), (4, "ranking"), (5, "ranking"), (6, "ranking")]
    assert [b.kind for b in article.blocks] == ["title", "paragraph", "paragraph"]


def test_recommendation_list_ends_at_a_heading_that_text_follows() -> None:
    text = (
        "レアアースの輸出規制\n中国はレアアースの一部品目で輸出の許可制を導入した。\n"
        "関連記事\n・中国、重要鉱物の輸出を制限\n・EU、対抗措置を検討\n"
        "各国の反応\n欧州各国は、供給網の見直しを急いでいる。\n"
    )
    article = parse_text(text)
    assert dropped(article) == [(3, "recommended"), (4, "recommended"), (5, "recommended")]
    assert rows(article)[2:] == [
        ("heading", "", "各国の反応"),
        ("paragraph", "", "欧州各国は、供給網の見直しを急いでいる。"),
    ]


def test_recommendation_headlines_without_markers_are_dropped_too() -> None:
    text = (
        "日米経済対話\n両政府は投資の促進策を協議した。\n\nこんな記事も読まれています\n\n"
        "  • 1\n    円安、一時1ドル160円台に\n\n    経済\n\n  • 2\n    新型旅客機が初飛行\n\n    経済\n\n"
        "シェア\n"
    )
    article = parse_text(text)
    assert dropped(article) == [
        (4, "recommended"), (6, "recommended"), (7, "recommended"), (9, "recommended"),
        (11, "recommended"), (12, "recommended"), (14, "recommended"), (16, "share"),
    ]
    assert [b.kind for b in article.blocks] == ["title", "paragraph"]


def test_a_bare_date_is_a_stamp_only_in_the_page_header() -> None:
    text = (
        "2025年11月3日(月)\n日米2プラス2、共同声明を発表\n両国は防衛協力の強化を確認した。\n"
        "12月2日\n事務レベルの協議が始まった。\n"
    )
    article = parse_text(text)
    assert dropped(article) == [(1, "timestamp")]
    assert rows(article)[2] == ("heading", "", "12月2日")


def test_author_name_above_an_email_address_is_a_byline() -> None:
    text = "日印首脳会談\n両首脳は高速鉄道計画の推進で一致した。\n山田花子\nyamada@example.com\n"
    article = parse_text(text)
    assert dropped(article) == [(3, "byline"), (4, "byline")]


def test_headline_split_over_a_banner_and_repeated_is_a_duplicate() -> None:
    text = "日米\n関税合意\n広告の下に記事の続きがあります\n日米関税合意:自動車関税は15%に\n合意した。\n"
    article = parse_text(text)
    assert dropped(article) == [(1, "duplicate"), (2, "duplicate"), (3, "ad")]
    assert rows(article)[0] == ("title", "", "日米関税合意:自動車関税は15%に")


CLUTTERED = """ホーム > 国際 > 欧州
英仏首脳、移民対策で協力
2025年7月10日 12:00
英仏の首脳は、英仏海峡を渡る移民への対策で協力を強化することで合意した。
広告の下に記事の続きがあります
両首脳は、密航業者の摘発に向けた情報共有を進める。
シェア ツイート LINE
コメント(3)
人気記事
1. 欧州の電力価格
2. 新型列車の導入
Reference(s):
英仏首脳会談に関する発表（架空）
"""


def test_keep_clutter_keeps_every_line() -> None:
    kept = parse_text(CLUTTERED, keep_clutter=True)
    assert kept.dropped == ()
    assert rows(kept) == [
        ("title", "", "ホーム > 国際 > 欧州"),
        ("heading", "", "英仏首脳、移民対策で協力"),
        ("heading", "", "2025年7月10日 12:00"),
        ("paragraph", "", "英仏の首脳は、英仏海峡を渡る移民への対策で協力を強化することで合意した。"),
        ("heading", "", "広告の下に記事の続きがあります"),
        ("paragraph", "", "両首脳は、密航業者の摘発に向けた情報共有を進める。"),
        ("heading", "", "シェア ツイート LINE"),
        ("heading", "", "コメント(3)"),
        ("heading", "", "人気記事"),
        ("list_item", "1.", "欧州の電力価格"),
        ("list_item", "2.", "新型列車の導入"),
        ("source", "Reference(s):", "英仏首脳会談に関する発表（架空）"),
    ]
    filtered = parse_text(CLUTTERED)
    assert dropped(filtered) == [
        (1, "navigation"), (3, "timestamp"), (5, "ad"), (7, "share"), (8, "comments"),
        (9, "recommended"), (10, "recommended"), (11, "recommended"),
    ]
    assert rows(filtered) == [
        ("title", "", "英仏首脳、移民対策で協力"),
        ("paragraph", "", "英仏の首脳は、英仏海峡を渡る移民への対策で協力を強化することで合意した。"),
        ("paragraph", "", "両首脳は、密航業者の摘発に向けた情報共有を進める。"),
        ("source", "Reference(s):", "英仏首脳会談に関する発表（架空）"),
    ]


LINES = st.sampled_from(
    [
        "", "  ", "日米首脳会談", "両国は協定に署名した。", "- 関税の撤廃", "① 投資", "✅ 要点", "↓",
        "2025年3月1日", "国 | 関税率", "|---|---|", "シェア", "アクセスランキング", "Reference(s):",
        "example.org", "コメント(2)", "広告の下に記事の続きがあります", "press@example.com", "山田花子",
        "1. 円相場", "（放送より）", "---",
    ]
)


@given(st.lists(LINES, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_any_mix_of_lines_parses_and_reports_dropped_lines_exactly(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    article = parse_text(text)
    for line in article.dropped:
        assert line.text == lines[line.line - 1].strip()
        assert line.reason
    assert all(block.text for block in article.blocks)
    assert parse_text(text, keep_clutter=True).dropped == ()


# --- the seed articles (read from ../shared at run time, never copied) --------------------

_RECOMMENDED_002 = (
    51, 53, 54, 55, 56, 57, 58, 59, 60, 62, 64, 65, 66, 67, 68, 69, 70, 71, 73, 75, 76, 78, 80, 81, 83,
    85, 86, 88, 90, 91, 93, 95, 96, 98, 100, 102, 103, 105, 107, 108, 110, 112, 113, 115, 117, 118, 120,
    122, 123, 125,
)

SEED_DROPPED: dict[str, dict[int, str]] = {
    "000_8012af8293a5f238": {},
    # An eye-catch banner repeating the headline in two pieces, then the ad notice.
    "001_b7ebb06b0c110c28": {1: "duplicate", 2: "duplicate", 3: "ad"},
    # Skip links, author + access link, author + e-mail, comment counters, a like
    # counter, a ranking, three recommendation lists, the share button and its shortcode.
    "002_38bd187ad446b2d2": {
        1: "navigation", 5: "byline", 33: "byline", 34: "byline", 36: "comments", 38: "counter",
        40: "comments", 42: "ranking", 44: "ranking", 45: "ranking", 46: "ranking", 47: "ranking",
        48: "ranking", 49: "ranking", **dict.fromkeys(_RECOMMENDED_002, "recommended"),
        127: "share", 129: "share",
    },
    "003_3210c21e42d76b75": {},
    # The gallery link under the lead and the gallery link at the end.
    "004_34a507dc91d936b2": {3: "media", 40: "media"},
}

SEED_KINDS: dict[str, dict[str, int]] = {
    "000_8012af8293a5f238": {"title": 1, "heading": 7, "paragraph": 20, "source": 1},
    # Numbered (1. … 6.), circled and ✅ section titles are headings; the arrow timeline
    # and the ✅ summary are list items.
    "001_b7ebb06b0c110c28": {"title": 1, "heading": 21, "paragraph": 47, "list_item": 12, "table_row": 12},
    "002_38bd187ad446b2d2": {"title": 1, "heading": 2, "paragraph": 11},
    "003_3210c21e42d76b75": {"title": 1, "heading": 8, "paragraph": 23, "list_item": 9, "source": 1},
    # The headline was not copied: the page starts with its lead paragraph.
    "004_34a507dc91d936b2": {"heading": 3, "paragraph": 27},
}


def _seed(name: str) -> Path:
    paths = {p.stem: p for p in seed_paths()}
    if name not in paths:
        pytest.skip("../shared/seeds is absent")
    return paths[name]


@pytest.mark.parametrize("name", sorted(SEED_DROPPED))
def test_seed_clutter_is_dropped_exactly(name: str) -> None:
    article = parse_text(_seed(name).read_text(encoding="utf-8"))
    assert dict((d.line, d.reason) for d in article.dropped) == SEED_DROPPED[name]


@pytest.mark.parametrize("name", sorted(SEED_KINDS))
def test_seed_structure(name: str) -> None:
    article = parse_text(_seed(name).read_text(encoding="utf-8"))
    assert dict(Counter(b.kind for b in article.blocks)) == SEED_KINDS[name]


@pytest.mark.parametrize("name", sorted(SEED_DROPPED))
def test_seed_body_holds_no_clutter(name: str) -> None:
    article = parse_text(_seed(name).read_text(encoding="utf-8"))
    clutter = {d.text for d in article.dropped}
    for block in article.blocks:
        assert block.text not in clutter
        # Read alone, no kept line is clutter by itself, except a date that is a step of
        # a timeline (alone it reads like the page's time stamp).
        alone = [d.reason for d in parse_text(block.text).dropped]
        assert alone in ([], ["timestamp"] if block.kind == "list_item" else []), block.kind


@pytest.mark.parametrize("name", sorted(SEED_DROPPED))
def test_seed_keep_clutter_drops_nothing(name: str) -> None:
    text = _seed(name).read_text(encoding="utf-8")
    article = parse_text(text, keep_clutter=True)
    assert article.dropped == ()
    assert len(article.blocks) >= len(parse_text(text).blocks)


def test_seed_sources_are_single_footer_blocks() -> None:
    for name in ("000_8012af8293a5f238", "003_3210c21e42d76b75"):
        article = parse_text(_seed(name).read_text(encoding="utf-8"))
        last = article.blocks[-1]
        assert (last.kind, last.marker, last.text.count("\n")) == ("source", "Reference(s):", 1)


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>日EU、経済連携協定の見直し協議を開始 | 架空経済新聞</title>
<style>.share { display: flex; } p::after { content: "スタイルの文字"; }</style>
<script>window.dataLayer = ["スクリプトの文字"];</script>
</head>
<body>
<header><div class="logo">架空経済新聞</div></header>
<nav><ul><li><a href="/">ホーム</a></li><li><a href="/world">国際</a></li>
<li><a href="/biz">経済</a></li></ul></nav>
<main>
<article>
<h1>日EU、経済連携協定の見直し協議を開始</h1>
<div class="share"><a href="#">シェア</a><a href="#">ツイート</a><a href="#">LINE</a></div>
<p>日本と欧州連合(EU)は20日、ブリュッセルで経済連携協定(EPA)の見直しに向けた協議を始めました。デジタル貿易や
重要鉱物の扱いが主な議題です。</p>
<p>外務省の担当者は「双方にとって利益のある合意を目指す」と述べました。協議は年内に3回開かれる予定です。</p>
<h2>協議の主な論点</h2>
<ul>
<li>データの越境移転のルール</li>
<li>重要鉱物の安定供給</li>
<li>農産品の関税&amp;輸入枠</li>
</ul>
<p>広告の下に記事の続きがあります</p>
<h2>貿易額の推移</h2>
<p>両者の貿易額は、協定の発効後に大きく伸びました。ただ、近年は伸びが鈍っており、見直しで新たな需要を生み出せるかが問われています。</p>
<table>
<thead><tr><th>年</th><th>輸出(兆円)</th><th>輸入(兆円)</th></tr></thead>
<tbody>
<tr><td>2019年</td><td>9.0</td><td>9.9</td></tr>
<tr><td>2024年</td><td>10.8</td><td>12.3</td></tr>
</tbody>
</table>
<p>EU側は、日本の&quot;公正な競争条件&quot;への取り組みを評価しつつ、さらなる市場開放を求める構えです。交渉の行方が&#x6CE8;目されます。</p>
<p>参考:</p>
<p>外務省 日EU経済連携協定</p>
</article>
<aside>
<h3>アクセスランキング</h3>
<ol><li>円安の影響とは</li><li>新型スマホの評判</li></ol>
</aside>
</main>
<footer><p>&copy; 架空経済新聞</p></footer>
<script>console.log("終わりのスクリプト");</script>
</body>
</html>
"""

PAGE_BLOCKS = [
    ("title", "", "日EU、経済連携協定の見直し協議を開始"),
    ("paragraph", "", "日本と欧州連合(EU)は20日、ブリュッセルで経済連携協定(EPA)の見直しに"
                      "向けた協議を始めました。デジタル貿易や重要鉱物の扱いが主な議題です。"),
    ("paragraph", "", "外務省の担当者は「双方にとって利益のある合意を目指す」と述べました。"
                      "協議は年内に3回開かれる予定です。"),
    ("heading", "", "協議の主な論点"),
    ("list_item", "", "データの越境移転のルール"),
    ("list_item", "", "重要鉱物の安定供給"),
    ("list_item", "", "農産品の関税&輸入枠"),
    ("heading", "", "貿易額の推移"),
    ("paragraph", "", "両者の貿易額は、協定の発効後に大きく伸びました。ただ、近年は伸びが鈍っており、"
                      "見直しで新たな需要を生み出せるかが問われています。"),
    ("table_row", "", "年 | 輸出(兆円) | 輸入(兆円)"),
    ("table_row", "", "2019年 | 9.0 | 9.9"),
    ("table_row", "", "2024年 | 10.8 | 12.3"),
    ("paragraph", "", "EU側は、日本の\"公正な競争条件\"への取り組みを評価しつつ、"
                      "さらなる市場開放を求める構えです。交渉の行方が注目されます。"),
    ("source", "参考:", "外務省 日EU経済連携協定"),
]


def _no_page_noise(article: Article) -> None:
    text = "\n".join(b.text for b in article.blocks)
    noise = ("スクリプトの文字", "スタイルの文字", "終わりのスクリプト", "架空経済新聞", "円安", "&amp;")
    assert [n for n in noise if n in text] == []


def test_html_page_through_trafilatura() -> None:
    article = parse_html(PAGE)
    assert rows(article) == PAGE_BLOCKS
    assert article.blocks[-4].cells == ("2019年", "9.0", "9.9")
    # trafilatura may or may not keep the share links; whatever reaches the filter is dropped.
    ad = DroppedLine(0, "広告の下に記事の続きがあります", "ad")
    assert ad in article.dropped
    assert set(article.dropped) <= {ad, DroppedLine(0, "シェアツイートLINE", "share")}
    _no_page_noise(article)


def test_html_page_through_the_plain_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    article = parse_html(PAGE)
    assert rows(article) == PAGE_BLOCKS
    assert article.dropped == (
        DroppedLine(0, "シェアツイートLINE", "share"),
        DroppedLine(0, "広告の下に記事の続きがあります", "ad"),
    )
    _no_page_noise(article)


SHORT_PAGE = """<html><head><title>日中韓が首脳会談 | 架空通信</title>
<script>var tag = "計測";</script></head>
<body><nav><ul><li><a href="/">ホーム</a></li><li><a href="/world">国際</a></li></ul></nav>
<ul><li>3か国は経済協力の拡大で一致</li><li>次回は&#26481;京で開催</li></ul>
<form><input name="q"><button>検索</button></form></body></html>"""


def test_short_page_that_trafilatura_gives_up_on_uses_the_plain_walk() -> None:
    import trafilatura

    extracted = trafilatura.extract(
        SHORT_PAGE, output_format="xml", include_tables=True, include_formatting=False, favor_precision=True
    )
    assert extracted is None
    assert rows(parse_html(SHORT_PAGE)) == [
        ("title", "", "日中韓が首脳会談"),
        ("list_item", "", "3か国は経済協力の拡大で一致"),
        ("list_item", "", "次回は東京で開催"),
    ]


def test_short_page_keeps_all_of_its_body() -> None:
    page = (
        "<html><head><title>停戦協議 | 架空通信</title></head><body><header><h1>架空通信</h1></header>"
        "<div><h1>停戦協議、来週再開へ</h1><p>両国は来週、協議を再開する。</p><p>シェア</p>"
        "<ol><li>捕虜の交換</li><li>人道回廊の設置</li></ol></div></body></html>"
    )
    article = parse_html(page)
    assert rows(article) == [
        ("title", "", "停戦協議、来週再開へ"),  # the site's logo <h1> sits in the page header
        ("paragraph", "", "両国は来週、協議を再開する。"),
        ("list_item", "1.", "捕虜の交換"),
        ("list_item", "2.", "人道回廊の設置"),
    ]
    assert article.dropped == (DroppedLine(0, "シェア", "share"),)


def test_html_fragment_with_line_breaks_and_typed_markers() -> None:
    fragment = "<p>協議は続く。<br>次回は来月。</p><ul><li>・関税</li><li>・投資</li></ul>"
    assert rows(parse_html(fragment)) == [
        ("paragraph", "", "協議は続く。"),
        ("paragraph", "", "次回は来月。"),
        ("list_item", "・", "関税"),
        ("list_item", "・", "投資"),
    ]


def test_html_headings_with_typed_section_numbers() -> None:
    fragment = (
        "<h2>① 同盟国の反応</h2><p>加盟国は支援の継続を表明した。</p>"
        "<h2>今後の焦点</h2><p>協議は続く。</p>"
    )
    assert rows(parse_html(fragment)) == [
        ("heading", "①", "同盟国の反応"),
        ("paragraph", "", "加盟国は支援の継続を表明した。"),
        ("heading", "", "今後の焦点"),
        ("paragraph", "", "協議は続く。"),
    ]


def test_html_keep_clutter_keeps_the_ad_notice() -> None:
    article = parse_html(PAGE, keep_clutter=True)
    assert article.dropped == ()
    # Kept, it reads like any short line between paragraphs.
    assert ("heading", "", "広告の下に記事の続きがあります") in rows(article)


def test_empty_html_and_xml_declaration() -> None:
    assert parse_html("") == Article(blocks=())
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>和平案が示された。</p></body></html>'
    assert rows(parse_html(page)) == [("paragraph", "", "和平案が示された。")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>本文</p></body></html>", True),
        ("\ufeff  <!doctype HTML>\n<html lang='ja'>", True),
        ("<html><head><title>t</title></head></html>", True),
        ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', True),
        ("<body><p>本文です。</p></body>", True),
        ("<p>一段落目。</p>\n<p>二段落目。</p>", True),
        ("<div><p>本文</p></div>", True),
        ("米中首脳会談\n両首脳は<p>タグについて話していない。", False),
        ("日米関係 <重要> の行方\n本文です。", False),
        ("x < y であり、y > z である。", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
