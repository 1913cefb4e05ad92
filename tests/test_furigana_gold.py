"""yomu's furigana against the external gold sets in ../shared/data (skipped when absent).

The benchmark (benchmarks/furigana_gold.py) is on the test path through pyproject's
``pythonpath``. Its normalisation of the gold answers is tested here on made-up words,
so that no gold row is copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import furigana_gold

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} is absent")


@needs_data
def test_each_gold_file_reaches_99_percent() -> None:
    results = {r.name: r for r in furigana_gold.run(DATA)}
    assert set(results) == set(furigana_gold.SETS)
    for result in results.values():
        assert result.applicable > 0, result.name
        assert result.accuracy >= 0.99, (result.name, result.failures[:10])


@needs_data
def test_every_row_is_compared_or_excluded_with_a_reason() -> None:
    for result in furigana_gold.run(DATA):
        assert result.applicable + sum(result.excluded.values()) == result.rows, result.name
        assert all(reason and count > 0 for reason, count in result.excluded.items())


def test_missing_data_gives_no_results(tmp_path: Path) -> None:
    assert furigana_gold.run(tmp_path) == []
    assert len(furigana_gold.missing_files(tmp_path)) == 3


def test_main_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert furigana_gold.main(["--data", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("is absent") == 3


@pytest.mark.parametrize(
    ("bracket", "segments"),
    [
        ("読[よ]み書[か]き", [("読", "よ"), ("み", None), ("書", "か"), ("き", None)]),
        ("お茶[ちゃ]", [("お", None), ("茶", "ちゃ")]),
        ("カ[か]国[こく]", [("カ", "か"), ("国", "こく")]),
        ("ひらがな", [("ひらがな", None)]),
    ],
)
def test_parse_bracket(bracket: str, segments: list[tuple[str, str | None]]) -> None:
    assert furigana_gold.parse_bracket(bracket) == segments


def test_parse_jmdict_solution() -> None:
    assert furigana_gold.parse_jmdict_solution("書き取り", "かきとり", "0:か;2:と") == [
        ("書", "か"),
        ("き", None),
        ("取", "と"),
        ("り", None),
    ]
    assert furigana_gold.parse_jmdict_solution("甲乙", "こうおつ", "0-1:こうおつ") == [("甲乙", "こうおつ")]
    assert furigana_gold.parse_jmdict_solution("真っ白", "まっしろ", "") == [("真っ白", "まっしろ")]


@pytest.mark.parametrize(
    ("gold", "expected", "conventions"),
    [
        ("図[と]書[しょ]館[かん]", "図書館[としょかん]", {furigana_gold.PER_KANJI_RUN}),
        ("一[いっ]ケ[か]所[しょ]", "一ケ所[いっかしょ]", {furigana_gold.PER_KANJI_RUN}),
        ("三[さん]カ[か]国[こく]", "三[さん]カ国[こく]", {furigana_gold.NO_RUBY_OVER_KANA}),
        ("本[ホン]", "本[ほん]", {furigana_gold.HIRAGANA}),
        ("読[よ]み物[もの]", "読[よ]み物[もの]", set()),
    ],
)
def test_gold_answers_are_brought_to_yomus_convention(
    gold: str, expected: str, conventions: set[str]
) -> None:
    segments, changed = furigana_gold.to_yomu_convention(furigana_gold.parse_bracket(gold))
    assert (furigana_gold.as_bracket(segments), changed) == (expected, conventions)
