"""Senses chosen by the sentence's grammar, not by a list of words: a verb with an object
(Xを|V) takes JMdict's transitive sense where its first sense is intransitive, except a
verb of motion, whose を is the place left or passed. Sentences written for these tests."""

from __future__ import annotations

import pytest

from yomu.meaning.senses import transitive_sense, transitivity_matters
from yomu.model import Sense
from yomu.pipeline import Annotator


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def primary_of(annotator: Annotator, sentence: str, text: str) -> tuple[str, ...]:
    item = next(i for i in annotator.annotate(sentence).vocabulary() if i.text == text)
    return item.primary_glosses


@pytest.mark.parametrize(
    ("sentence", "text", "gloss"),
    [
        # An object before the verb: 迫る is to press someone for something.
        ("野党は首相に説明を迫った。", "迫る", "to press (someone for something)"),
        # No object: the intransitive first sense stays.
        ("台風が沖縄に迫っている。", "迫る", "to approach"),
        # を of the place left: a verb of motion stays intransitive.
        ("選手は昨年、チームを去った。", "去る", "to leave"),
    ],
)
def test_an_object_chooses_the_transitive_sense(
    annotator: Annotator, sentence: str, text: str, gloss: str
) -> None:
    assert primary_of(annotator, sentence, text)[0] == gloss


def test_transitive_sense_on_senses() -> None:
    senses = (
        Sense(glosses=("to approach",), pos=("v5r", "vi")),
        Sense(glosses=("to press",), pos=("v5r", "vt")),
    )
    verb = ("動詞", "一般", "*", "*")
    assert transitivity_matters(senses, 0) is True
    assert transitive_sense(senses, verb, 0) == 1
    assert transitivity_matters(senses, 1) is False
    assert transitive_sense(senses, verb, 1) == 1
    motion = (Sense(glosses=("to leave",), pos=("v5r", "vi")), senses[1])
    assert transitive_sense(motion, verb, 0) == 0
    unmarked = (Sense(glosses=("to approach",), pos=("v5r",)), senses[1])
    assert transitivity_matters(unmarked, 0) is False
