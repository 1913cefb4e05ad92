"""News grammar patterns (yomu.meaning.grammar): every pattern found in a sentence written for it,
look-alikes left alone, the table checked with file:line errors, JSON and the page.

Sentences written for these tests in news style (the table's examples are too).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yomu.cli import main
from yomu.meaning.grammar import GRAMMAR_FILE, document_grammar, parse, shipped_grammar
from yomu.model import Document
from yomu.pipeline import Annotator
from yomu.renderers.html import render_html
from yomu.renderers.json import render_json

from .conftest import seed_paths
from .test_html import CHROMIUM, LAUNCH_ARGS

DATA_FILE = Path(__file__).parent.parent / "src" / "yomu" / "data" / GRAMMAR_FILE


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def found(doc: Document) -> list[tuple[str, str]]:
    """(pattern id, covered text) of every match, in reading order."""
    return [
        (m.pattern, "".join(t.surface for t in s.tokens[m.start : m.end]))
        for s in doc.sentences()
        for m in s.grammar
    ]


def test_table_has_80_or_more_patterns_at_n3_to_n1() -> None:
    table = shipped_grammar()
    assert len(table.patterns) == 113
    assert {p.level for p in table.patterns.values()} == {"N3", "N2", "N1"}
    assert len(table.by_expression) == 27  # every set expression has its level and explanation


# The example that also holds another pattern (合意に達した|ものの).
ALSO_FOUND = {"mono_no": ["ni_tassuru", "mono_no"]}


@pytest.mark.parametrize("pattern_id", list(shipped_grammar().patterns))
def test_every_pattern_is_found_in_its_example(annotator: Annotator, pattern_id: str) -> None:
    pattern = shipped_grammar().patterns[pattern_id]
    ids = [found_id for found_id, _ in found(annotator.annotate(pattern.example))]
    assert ids == ALSO_FOUND.get(pattern_id, [pattern_id])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("政府は計画を見直さざるを得ない。", [("zaru_wo_enai", "ざるを得ない")]),
        ("成長率は0.5%にとどまった。", [("ni_todomaru", "にとどまっ")]),
        ("停戦に向けた協議が始まった。", [("ni_mukete", "に向けた")]),
        ("領土をめぐる対立が続いている。", [("wo_megutte", "をめぐる")]),
        ("部隊は撤退したとみられる。", [("to_mirareru", "とみられる")]),
        ("物価の上昇に伴い、消費が落ち込んだ。", [("ni_tomonatte", "に伴い")]),
        ("会社は賃上げを続けるとしている。", [("to_shite_iru", "としている")]),
        ("市は来年から料金を下げる方針を示した。", [("houshin", "方針")]),
        ("輸出は来年も増える見通しだ。", [("mitooshi", "見通し")]),
        ("賛成は多かったものの、結論は出なかった。", [("mono_no", "ものの")]),
        ("両国は協議を続ける方向で調整している。", [("houkou_de_chousei", "方向で調整")]),
        ("会見の際、大臣は質問に答えなかった。", [("sai", "際")]),
    ],
)
def test_patterns_found_in_news_sentences(
    annotator: Annotator, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert found(annotator.annotate(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 受ける "suffer, undergo": not を受けて "following".
        ("ロシアは制裁を受けている。", []),
        ("大雨で被害を受けて、店は休業した。", []),
        # 方針, 見通し, 見込み as plain nouns, not after a clause.
        ("政府の方針に批判が集まった。", []),
        ("景気の見通しは明るい。", []),
        ("見込みが外れた。", []),
        # 一方だ "keeps increasing" is not 一方 "while".
        ("空き家は増える一方だ。", []),
        # 前に進める "move forward", not を前に "ahead of".
        ("計画を前に進める。", []),
        # 得る "obtain" after a particle, not 〜得る "can".
        ("同社は大きな利益を得る。", []),
        # もの|の before a noun: "of the things", not ものの "although".
        ("彼が書いたものの一部が見つかった。", []),
        # 中止にする is not にせよ.
        ("大会を中止にする。", []),
        # ほかない "no choice but" is not ほか "besides".
        ("待つほかない。", []),
    ],
)
def test_look_alikes_are_not_patterns(
    annotator: Annotator, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert found(annotator.annotate(sentence)) == expected


def test_expression_patterns_cover_exactly_the_expression_item(annotator: Annotator) -> None:
    doc = annotator.annotate("停戦に向けた協議をめぐり、両国の対立が続いている。")
    sentence = doc.sentences()[0]
    for match in sentence.grammar:
        items = {t.item for t in sentence.tokens[match.start : match.end]}
        assert len(items) == 1
        item = doc.item(next(iter(items)) or "")
        assert item is not None and item.kind == "expression"
    assert [m.pattern for m in sentence.grammar] == ["ni_mukete", "wo_megutte"]


def test_readings_glosses_and_items_unchanged_by_grammar(annotator: Annotator) -> None:
    # Grammar only adds: the tokens are the vocabulary stage's, byte for byte.
    doc = annotator.annotate("政府は制度を導入する方針だ。")
    assert [(t.surface, t.item) for t in doc.sentences()[0].tokens] == [
        ("政府", "政府:せいふ"), ("は", None), ("制度", "制度:せいど"), ("を", None),
        ("導入", "導入:どうにゅう"), ("する", None), ("方針", "方針:ほうしん"), ("だ", None), ("。", None),
    ]  # fmt: skip


def test_json_document_and_sentence_grammar(annotator: Annotator) -> None:
    text = "政府は計画を見直さざるを得ない。\n\n見直しは来年になる見通しだ。見直さざるを得ない。"
    doc = annotator.annotate(text)
    data = json.loads(render_json(doc))
    assert [s["grammar"] for b in data["blocks"] for s in b["sentences"]] == [
        [{"pattern": "zaru_wo_enai", "start": 5, "end": 9}],
        [{"pattern": "mitooshi", "start": 5, "end": 6}],
        [{"pattern": "zaru_wo_enai", "start": 1, "end": 5}],
    ]
    assert data["grammar"] == [
        {
            "id": "zaru_wo_enai",
            "pattern": "〜ざるを得ない",
            "reading": "ざるをえない",
            "level": "N2",
            "explanation": "cannot help but, have no choice but to",
            "count": 2,
            "occurrences": [{"sentence": 0, "start": 5, "end": 9}, {"sentence": 2, "start": 1, "end": 5}],
        },
        {
            "id": "mitooshi",
            "pattern": "〜見通し",
            "reading": "みとおし",
            "level": "N2",
            "explanation": "is expected to, is forecast to",
            "count": 1,
            "occurrences": [{"sentence": 1, "start": 5, "end": 6}],
        },
    ]


def test_readings_only_document_has_grammar_too() -> None:
    from yomu.pipeline import Options

    doc = Annotator(Options(vocabulary=False)).annotate("協議は3日間にわたって続いた。")
    assert found(doc) == [("ni_watatte", "にわたっ")]


# --- the table's checks --------------------------------------------------------------------

GOOD_ROW = """
[[pattern]]
id = "houshin"
pattern = "〜方針"
reading = "ほうしん"
level = "N3"
explanation = "plans to"
example = "政府は制度を導入する方針だ。"
forms = ["方針"]
after = ["clause"]
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('level = "N3"', 'level = "N5"'), "t.toml:3: level 'N5' is not N3, N2 or N1"),
        (('reading = "ほうしん"', 'reading = "ホウシン"'), "t.toml:3: reading 'ホウシン' is not hiragana"),
        (('forms = ["方針"]', 'forms = ["方針"]\nexpression = "に向けて"'), "t.toml:3: give either expression or forms"),  # noqa: E501
        (('forms = ["方針"]', 'expression = "に向かって"'), "t.toml:3: expression 'に向かって' is not in expressions.toml"),  # noqa: E501
        (('pattern = "〜方針"', 'pattern = "方針"'), "t.toml:3: pattern '方針' does not start with 〜"),
        (('example = "政府は制度を導入する方針だ。"\n', ""), "t.toml:3: missing example"),
        (('after = ["clause"]', 'after = "clause"'), "t.toml:3: after must be a list of lemmas or clause, verb, noun, punctuation"),  # noqa: E501
        (('after = ["clause"]', 'before = ["clause"]'), "t.toml:3: unknown key 'before'"),
        (('id = "houshin"', 'id = "Houshin"'), "t.toml:3: id 'Houshin' is not lower_case_ascii"),
    ],
)  # fmt: skip
def test_malformed_rows_are_named_by_file_and_line(change: tuple[str, str], message: str) -> None:
    text = "# a grammar table\n" + GOOD_ROW.replace(*change)
    with pytest.raises(ValueError) as error:
        parse(text, "t.toml")
    assert str(error.value) == message


def test_duplicate_id_names_its_second_row() -> None:
    with pytest.raises(ValueError) as error:
        parse(GOOD_ROW + GOOD_ROW, "t.toml")
    assert str(error.value) == "t.toml:12: id 'houshin' is used twice"


def test_glossary_check_covers_the_grammar_table(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["glossary", "check", str(DATA_FILE)])
    assert (ok.exit_code, ok.output) == (0, "1 glossary file(s) OK\n")
    broken = tmp_path / GRAMMAR_FILE
    broken.write_text(GOOD_ROW.replace('level = "N3"', 'level = "N4"'), encoding="utf-8")
    bad = runner.invoke(main, ["glossary", "check", str(broken)])
    assert (bad.exit_code, bad.output) == (1, f"{broken}:2: level 'N4' is not N3, N2 or N1\n")


# --- the page ------------------------------------------------------------------------------

PAGE_TEXT = "停戦に向けた協議が始まった。\n\n政府は制度を導入する方針だ。政府は計画を見直さざるを得ない。"


def test_brief_lists_grammar_in_this_article(annotator: Annotator) -> None:
    html = render_html(annotator.annotate(PAGE_TEXT))
    start = html.index('<h3 class="brief-grammar">')
    section = html[start : html.index("</ol>", start)]
    assert section == (
        '<h3 class="brief-grammar">Grammar in this article (3)</h3>\n<ol>\n'
        '<li><span class="tag">N2</span> <span class="bt" lang="ja">〜に向けて</span> '
        '<span class="br" lang="ja">にむけて</span> towards, aimed at, ahead of (a goal or date); '
        "に向けた before a noun</li>\n"
        '<li><span class="tag">N3</span> <span class="bt" lang="ja">〜方針</span> '
        '<span class="br" lang="ja">ほうしん</span> plans to, has a policy of (an official decision '
        "about the future)</li>\n"
        '<li><span class="tag">N2</span> <span class="bt" lang="ja">〜ざるを得ない</span> '
        '<span class="br" lang="ja">ざるをえない</span> cannot help but, have no choice but to</li>\n'
    )


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
def test_browser_shows_grammar_in_brief_and_popup(annotator: Annotator, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    path = tmp_path / "grammar.html"
    path.write_text(render_html(annotator.annotate(PAGE_TEXT)), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1000, "height": 700})
            page.goto(path.as_uri())
            page.locator("details.brief-list > summary").click()
            heading = page.locator("h3.brief-grammar")
            assert heading.is_visible()
            assert heading.inner_text() == "Grammar in this article (3)"
            word = page.locator('[data-item="方針:ほうしん"]').first
            word.hover()
            popup = page.locator(".pop .pgr")
            popup.first.wait_for(state="visible")
            assert popup.all_inner_texts() == [
                "Grammar: 〜方針 (N3) plans to, has a policy of (an official decision about the future)"
            ]
        finally:
            browser.close()


# --- the seeds -----------------------------------------------------------------------------


@pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")
def test_seed_sentences_use_exactly_these_patterns(annotator: Annotator) -> None:
    seeds = {path.name: path for path in seed_paths()}
    doc = annotator.annotate_file(str(seeds["003_3210c21e42d76b75.txt"]))
    sentence = next(s for s in doc.sentences() if "危機の解決策を中心に" in s.text)
    assert [m.pattern for m in sentence.grammar] == SEED_003_SENTENCE
    counts = {p.name: len(document_grammar(annotator.annotate_file(str(p)).blocks)) for p in seed_paths()}
    assert counts == SEED_PATTERN_COUNTS


# 危機の解決策|を中心に|協議した|と明らかにし|ています
SEED_003_SENTENCE = ["wo_chuushin_ni", "to_akiraka_ni_suru"]
SEED_PATTERN_COUNTS = {
    "000_8012af8293a5f238.txt": 20,
    "001_b7ebb06b0c110c28.txt": 16,  # 決裂を受け、 (twice) is 〜を受けて
    "002_38bd187ad446b2d2.txt": 22,
    "003_3210c21e42d76b75.txt": 21,
    "004_34a507dc91d936b2.txt": 15,
}


def test_a_long_documents_grammar_list_is_written_in_pieces_as_json_tail_writes_it() -> None:
    # A 100 MB article has millions of occurrences: the streamed JSON writes them in
    # pieces, and the bytes are those of the list json_tail makes from GrammarUse records.
    from yomu.meaning.grammar import GrammarTally
    from yomu.model import Block, GrammarMatch, Sentence
    from yomu.renderers.json import _OCCURRENCES_PER_PIECE, grammar_json_pieces, json_tail, json_tail_head

    first, second = list(shipped_grammar().patterns)[:2]
    many = _OCCURRENCES_PER_PIECE * 2 + 7
    sentences = [
        Sentence(text="", tokens=(), grammar=(GrammarMatch(first, n % 5, n % 5 + 2),) if n % 3 else ())
        for n in range(many)
    ]
    sentences.append(
        Sentence(text="", tokens=(), grammar=(GrammarMatch(second, 1, 4), GrammarMatch(first, 0, 1)))
    )
    tally = GrammarTally()
    tally.add(
        [
            Block(kind="paragraph", sentences=tuple(sentences[:500])),
            Block(kind="paragraph", sentences=tuple(sentences[500:])),
        ]
    )
    pieces = list(grammar_json_pieces(tally))
    assert len(pieces) > 4
    written = json_tail_head((), ()) + b"".join(pieces).decode() + "}"
    assert written == json_tail((), (), tally.uses())
    uses = json.loads(b"".join(pieces))
    assert [(u["id"], u["count"]) for u in uses] == [
        (first, sum(1 for n in range(many) if n % 3) + 1),
        (second, 1),
    ]
    assert uses[1]["occurrences"] == [{"sentence": many, "start": 1, "end": 4}]


def test_a_page_tally_keeps_the_counts_alone() -> None:
    # A page's brief shows how often each pattern is used, never where: its tally keeps
    # no positions, so a 100 MB article's page does not hold millions of them.
    from yomu.meaning.grammar import GrammarTally
    from yomu.model import Block, GrammarMatch, Sentence

    first, second = list(shipped_grammar().patterns)[:2]
    blocks = [
        Block(
            kind="paragraph",
            sentences=(
                Sentence(text="", tokens=(), grammar=(GrammarMatch(second, 0, 2),)),
                Sentence(text="", tokens=(), grammar=(GrammarMatch(first, 1, 3), GrammarMatch(second, 3, 4))),
            ),
        )
    ]
    with_positions, counts_only = GrammarTally(), GrammarTally(positions=False)
    for tally in (with_positions, counts_only):
        tally.add(blocks)
        tally.add(blocks)
    patterns = shipped_grammar().patterns
    assert counts_only.counts() == with_positions.counts() == [(patterns[second], 4), (patterns[first], 2)]
    assert list(with_positions.occurrences(patterns[first])) == [(1, 1, 3), (3, 1, 3)]
    with pytest.raises(ValueError, match="counts only"):
        counts_only.occurrences(patterns[first])
