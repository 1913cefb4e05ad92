"""``yomu lookup WORD``: everything yomu's sources say about one word.

The report lists glossary entries first (they win when annotating), then JMdict, then
JMnedict, so the terminal output reads in the same order of precedence the vocabulary
stage uses. An inflected word that no source has (話し合われた) is looked up again as
its dictionary form, found with the tokenizer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..words.kana import katakana_to_hiragana

if TYPE_CHECKING:
    from .dict_entries import DictEntry
    from .dictionary import JMdict
    from .glossary import Glossary, GlossaryEntry

_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]")
# Heads of tokens that only inflect or attach to the word before them.
_GRAMMAR_HEADS = frozenset({"助動詞", "助詞", "補助記号", "空白"})
_INFLECTING = frozenset({"動詞", "形容詞"})


@dataclass(frozen=True)
class WordReport:
    """What the glossary, JMdict and JMnedict have for one word."""

    word: str
    glossary: tuple[GlossaryEntry, ...] = ()
    words: tuple[DictEntry, ...] = ()
    """JMdict entries, in JMdict order."""
    names: tuple[DictEntry, ...] = ()
    """JMnedict entries, in JMnedict order."""
    lemma: str = ""
    """The dictionary form looked up instead of ``word``, when ``word`` was inflected."""

    @property
    def found(self) -> bool:
        return bool(self.glossary or self.words or self.names)


def lookup_word(
    word: str, *, dictionary: JMdict | None = None, glossary: Glossary | None = None
) -> WordReport:
    """Look ``word`` up as a written form or a reading in every source."""
    if dictionary is None:
        from .dictionary import default_dictionary

        dictionary = default_dictionary()
    if glossary is None:
        from .glossary import Glossary

        glossary = Glossary.shipped()
    report = _report(word, dictionary, glossary)
    if not report.found:
        lemma = _lemma_of(word)
        if lemma and lemma != word:
            report = replace(_report(lemma, dictionary, glossary), word=word, lemma=lemma)
    return report


def _report(word: str, dictionary: JMdict, glossary: Glossary) -> WordReport:
    forms = _forms(word)
    words = dictionary.entries(forms)
    names = dictionary.names(forms)
    return WordReport(
        word=word,
        glossary=_glossary_hits(word, glossary),
        words=_merged(words.get(f, ()) for f in forms),
        names=_merged(names.get(f, ()) for f in forms),
    )


def _forms(word: str) -> list[str]:
    """The word, its full-width form (JMdict writes ＮＡＴＯ) and, for katakana, its hiragana;
    half-width katakana (ﾆｭｰｽ, from old web pages and terminals) as full-width ones too."""
    wide = unicodedata.normalize("NFKC", word) if _HALF_WIDTH_KANA.search(word) else word
    forms = [word, word.translate(_FULL_WIDTH), katakana_to_hiragana(word), wide, katakana_to_hiragana(wide)]
    return list(dict.fromkeys(forms))


def _merged(groups: Iterable[tuple[DictEntry, ...]]) -> tuple[DictEntry, ...]:
    seen: dict[int, DictEntry] = {}
    for group in groups:
        for entry in group:
            seen.setdefault(entry.id, entry)
    return tuple(sorted(seen.values(), key=lambda e: e.id))


def _glossary_hits(word: str, glossary: Glossary) -> tuple[GlossaryEntry, ...]:
    """Entries whose term or a variant is ``word``, or whose reading is ``word`` in hiragana."""
    reading = katakana_to_hiragana(word)
    hits = [e for e in glossary.entries if word == e.term or word in e.variants or reading == e.reading]
    exact = glossary.get(word)
    if exact is not None and exact not in hits:
        hits.insert(0, exact)
    return tuple(hits)


def _lemma_of(word: str) -> str:
    """The dictionary form of an inflected word (話し合われた → 話し合う), or ``""``."""
    from ..words.tokenizer import Tokenizer

    morphemes = Tokenizer().tokenize(word)
    if not morphemes or morphemes[0].pos[0] not in _INFLECTING:
        return ""
    if any(m.pos[0] not in _GRAMMAR_HEADS for m in morphemes[1:]):
        return ""
    return morphemes[0].lemma


# --- plain text ---------------------------------------------------------------------------


def format_word_report(report: WordReport) -> str:
    """The report as plain text for a terminal, ending in a newline."""
    lines: list[str] = []
    if report.lemma:
        lines.append(f"{report.word}: looked up as its dictionary form {report.lemma}")
        lines.append("")
    if not report.found:
        lines.append(f"{report.word}: not in the glossaries, JMdict or JMnedict")
        return "\n".join(lines) + "\n"
    if report.glossary:
        lines.append("Glossary")
        lines.extend(line for entry in report.glossary for line in _glossary_lines(entry))
    if report.words:
        lines.extend([""] if lines and lines[-1] != "" else [])
        lines.append("JMdict")
        lines.extend(line for entry in report.words for line in _word_lines(entry))
    if report.names:
        lines.extend([""] if lines and lines[-1] != "" else [])
        lines.append("JMnedict")
        lines.extend(line for entry in report.names for line in _name_lines(entry))
    return "\n".join(lines) + "\n"


def _glossary_lines(entry: GlossaryEntry) -> list[str]:
    where = f"{entry.file}:{entry.line}" if entry.file else entry.domain
    lines = [f"  {entry.term} 【{entry.reading}】 {entry.kind}" + (f"  ({where})" if where else "")]
    lines.append(f"    {'; '.join(entry.glosses)}")
    if entry.variants:
        lines.append(f"    also written: {', '.join(entry.variants)}")
    for extra in (entry.description, entry.note):
        if extra:
            lines.append(f"    {extra}")
    return lines


def _word_lines(entry: DictEntry) -> list[str]:
    written = "・".join(entry.kanji)
    readings = "・".join(entry.kana)
    head = f"{written} 【{readings}】" if written else readings
    tags = f"  [{', '.join(entry.priority)}]" if entry.priority else ""
    lines = [f"  {head}{tags}  (JMdict {entry.id})"]
    for number, sense in enumerate(entry.senses, start=1):
        labels = ", ".join((*sense.pos, *sense.misc))
        scope = entry.scopes[number - 1] if entry.scopes else None
        only = ", ".join((*scope.kanji, *scope.kana)) if scope is not None else ""
        prefix = f"({labels}) " if labels else ""
        suffix = f"  (only {only})" if only else ""
        lines.append(f"    {number}. {prefix}{'; '.join(sense.glosses)}{suffix}")
    return lines


def _name_lines(entry: DictEntry) -> list[str]:
    written = "・".join(entry.kanji)
    readings = "・".join(entry.kana)
    head = f"{written} 【{readings}】" if written else readings
    types = f" {', '.join(entry.name_types)}" if entry.name_types else ""
    glosses = "; ".join(g for sense in entry.senses for g in sense.glosses)
    return [f"  {head}{types}: {glosses}  (JMnedict {entry.id})"]
