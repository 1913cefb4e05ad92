from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yomu.words.tokenizer import MAX_CHUNK_BYTES, Tokenizer, chunks


def test_chunks_stay_under_sudachis_limit_and_cut_after_sentences() -> None:
    text = "安全保障の保証が必要だ。" * 5000
    pieces = list(chunks(text))
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    assert all(len(p.encode("utf-8")) <= MAX_CHUNK_BYTES for _, p in pieces)
    assert all(p.endswith("。") for _, p in pieces)
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_a_million_characters_without_punctuation_tokenize() -> None:
    text = "あ" * 1_000_000
    morphemes = Tokenizer().tokenize(text)
    assert "".join(m.surface for m in morphemes) == text
    assert morphemes[-1].end == len(text)


def test_offsets_point_into_the_text() -> None:
    text = "米ウクライナ首脳会談が決裂した。"
    morphemes = Tokenizer().tokenize(text)
    assert [m.surface for m in morphemes] == [
        "米",
        "ウクライナ",
        "首脳",
        "会談",
        "が",
        "決裂",
        "し",
        "た",
        "。",
    ]
    assert all(text[m.start : m.end] == m.surface for m in morphemes)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_chunks_rebuild_any_text(text: str) -> None:
    assert "".join(p for _, p in chunks(text, max_bytes=64)) == text


_TOKENIZER = Tokenizer()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_offsets_are_sudachis_own_for_any_text(text: str) -> None:
    # The offsets add up the surfaces' lengths: the surfaces must tile the text, however
    # Sudachi normalises it (half-width kana, ligatures, combining marks, emoji).
    morphemes = _TOKENIZER.tokenize(text)
    assert all(text[m.start : m.end] == m.surface for m in morphemes)
    assert "".join(m.surface for m in morphemes) == text
