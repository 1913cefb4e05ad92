from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yomu.text.sentences import split_sentences


def test_splits_on_sentence_final_punctuation() -> None:
    assert split_sentences("会談は終わった。次の会談は春だ！本当か？") == (
        "会談は終わった。",
        "次の会談は春だ！",
        "本当か？",
    )


def test_keeps_a_quotation_with_inner_full_stops_in_its_sentence() -> None:
    assert split_sentences("首相は「協議する。必ずだ。」と述べた。以上だ。") == (
        "首相は「協議する。必ずだ。」と述べた。",
        "以上だ。",
    )


def test_closing_bracket_after_full_stop_stays_with_the_sentence() -> None:
    assert split_sentences("（詳細は後日。）次へ") == ("（詳細は後日。）", "次へ")


def test_an_unclosed_quote_does_not_swallow_a_long_paragraph() -> None:
    text = "「" + "これは文です。" * 100
    assert len(split_sentences(text)) > 10


def test_leading_space_joins_the_previous_sentence() -> None:
    assert split_sentences("はい。 いいえ。") == ("はい。 ", "いいえ。")


@given(st.text())
def test_sentences_concatenate_to_the_text(text: str) -> None:
    assert "".join(split_sentences(text)) == text
