"""Invariants of the whole pipeline on arbitrary text (Hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yomu.errors import InputError
from yomu.pipeline import Annotator, Options

ANNOTATOR = Annotator(Options(keep_clutter=True))

japanese = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.sampled_from("。、！？「」・ー0123456789１２年月日人杯歳時分GEUNATO \n安全保障の保証和平案首脳"),
    ),
    max_size=80,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(japanese, st.text(max_size=60)))
def test_annotate_never_raises_and_keeps_the_text(text: str) -> None:
    try:
        doc = ANNOTATOR.annotate(text, format="text")
    except InputError:
        # Only text with nothing to read is refused: no letter and no digit (space,
        # control characters, rules like ---).
        assert not any(unicodedata.category(c)[0] in "LN" for c in text)
        return
    for sentence in doc.sentences():
        assert "".join(t.surface for t in sentence.tokens) == sentence.text
        for token in sentence.tokens:
            assert sentence.text[token.start : token.end] == token.surface
            assert "".join(s.text for s in token.furigana) == token.surface
            if token.reading is not None:
                assert all("\u3041" <= c <= "\u309f" or c == "ー" for c in token.reading), token
                assert token.reading, token
    ids = {item.id for item in doc.vocabulary()}
    assert all(t.item in ids for t in doc.tokens() if t.item is not None)
