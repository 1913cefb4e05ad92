"""``yomu lookup``: the report and its plain-text form."""

from __future__ import annotations

import pytest

from yomu.meaning.dictionary import JMdict
from yomu.meaning.glossary import Glossary, GlossaryEntry
from yomu.meaning.lookup import WordReport, format_word_report, lookup_word

GLOSSARY = Glossary.from_entries(
    [
        GlossaryEntry(
            term="和平案",
            reading="わへいあん",
            glosses=("peace plan", "peace proposal"),
            kind="term",
            note="the US 28-point plan of 2025",
            variants=("和平計画案",),
            domain="diplomacy",
            file="glossaries/diplomacy.toml",
            line=12,
        ),
        GlossaryEntry(term="小谷哲男", reading="こたにてつお", glosses=("Tetsuo Kotani",), kind="person"),
    ]
)


@pytest.fixture(scope="module")
def jmdict() -> JMdict:
    return JMdict()


def test_jmdict_word(jmdict: JMdict) -> None:
    report = lookup_word("首脳会談", dictionary=jmdict, glossary=GLOSSARY)
    assert [e.id for e in report.words] == [1329370]
    assert report.glossary == () and report.names == () and report.lemma == ""
    assert format_word_report(report) == (
        "JMdict\n"
        "  首脳会談・主脳会談 【しゅのうかいだん】  (JMdict 1329370)\n"
        "    1. (n) leadership conference; summit meeting; top-level conference\n"
    )


def test_glossary_first(jmdict: JMdict) -> None:
    report = lookup_word("和平案", dictionary=jmdict, glossary=GLOSSARY)
    assert [e.term for e in report.glossary] == ["和平案"]
    text = format_word_report(report)
    assert text.startswith(
        "Glossary\n"
        "  和平案 【わへいあん】 term  (glossaries/diplomacy.toml:12)\n"
        "    peace plan; peace proposal\n"
        "    also written: 和平計画案\n"
        "    the US 28-point plan of 2025\n"
    )


def test_glossary_by_variant_and_reading(jmdict: JMdict) -> None:
    assert lookup_word("和平計画案", dictionary=jmdict, glossary=GLOSSARY).glossary[0].term == "和平案"
    assert lookup_word("こたにてつお", dictionary=jmdict, glossary=GLOSSARY).glossary[0].term == "小谷哲男"


def test_word_and_name(jmdict: JMdict) -> None:
    report = lookup_word("トランプ", dictionary=jmdict, glossary=GLOSSARY)
    assert report.words[0].senses[0].glosses == ("(Western) playing cards",)
    assert report.names[0].senses[0].glosses == ("Trump",)
    text = format_word_report(report)
    assert "  トランプ  [gai1, ichi1]  (JMdict 1086410)\n    1. (n) (Western) playing cards\n" in text
    assert text.endswith("JMnedict\n  トランプ surname: Trump  (JMnedict 5055546)\n")


def test_reading_finds_words(jmdict: JMdict) -> None:
    report = lookup_word("しゅのうかいだん", dictionary=jmdict, glossary=GLOSSARY)
    assert 1329370 in [e.id for e in report.words]


def test_latin_abbreviation(jmdict: JMdict) -> None:
    report = lookup_word("NATO", dictionary=jmdict, glossary=GLOSSARY)
    assert report.words[0].kanji == ("ＮＡＴＯ",)


def test_inflected_word_uses_its_lemma(jmdict: JMdict) -> None:
    report = lookup_word("話し合われた", dictionary=jmdict, glossary=GLOSSARY)
    assert report.word == "話し合われた" and report.lemma == "話し合う"
    assert report.words[0].senses[0].glosses == ("to discuss", "to talk together")
    assert format_word_report(report).startswith(
        "話し合われた: looked up as its dictionary form 話し合う\n\nJMdict\n"
    )


def test_misc_and_restricted_senses_are_labelled(jmdict: JMdict) -> None:
    text = format_word_report(lookup_word("回復", dictionary=jmdict, glossary=GLOSSARY))
    assert (
        "    1. (n, vs) restoration; rehabilitation; recovery; return; replevin; improvement"
        "  (only 回復, 恢復)\n" in text
    )


def test_not_found(jmdict: JMdict) -> None:
    report = lookup_word("ゐゑゐゑ", dictionary=jmdict, glossary=GLOSSARY)
    assert report == WordReport(word="ゐゑゐゑ")
    assert not report.found
    assert format_word_report(report) == "ゐゑゐゑ: not in the glossaries, JMdict or JMnedict\n"


def test_defaults_use_shared_resources() -> None:
    report = lookup_word("停戦")
    assert report.words[0].senses[0].glosses == ("armistice", "ceasefire")
