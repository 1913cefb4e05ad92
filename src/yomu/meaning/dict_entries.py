"""JMdict, JMnedict and KANJIDIC2 records as yomu keeps them: entries with English senses,
the written forms and readings each sense is restricted to, and what a kanji is.

:mod:`yomu.meaning.dictionary` reads them from the data (the only module that does); these are
the frozen records it hands out, and :class:`FormTable`, which turns a batch of rows
into entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Sense

# jamdict stores JMdict's entity *descriptions*; yomu's Sense.pos and Sense.misc carry the
# short codes learners and renderers know (``n``, ``vs``, ``v5r``, ``uk``).
POS_CODES: dict[str, str] = {
    "'ku' adjective (archaic)": "adj-ku",
    "'shiku' adjective (archaic)": "adj-shiku",
    "'taru' adjective": "adj-t",
    "Godan verb - -aru special class": "v5aru",
    "Godan verb - Iku/Yuku special class": "v5k-s",
    "Godan verb with 'bu' ending": "v5b",
    "Godan verb with 'gu' ending": "v5g",
    "Godan verb with 'ku' ending": "v5k",
    "Godan verb with 'mu' ending": "v5m",
    "Godan verb with 'nu' ending": "v5n",
    "Godan verb with 'ru' ending": "v5r",
    "Godan verb with 'ru' ending (irregular verb)": "v5r-i",
    "Godan verb with 'su' ending": "v5s",
    "Godan verb with 'tsu' ending": "v5t",
    "Godan verb with 'u' ending": "v5u",
    "Godan verb with 'u' ending (special class)": "v5u-s",
    "Ichidan verb": "v1",
    "Ichidan verb - kureru special class": "v1-s",
    "Ichidan verb - zuru verb (alternative form of -jiru verbs)": "vz",
    "Kuru verb - special class": "vk",
    "Nidan verb (lower class) with 'dzu' ending (archaic)": "v2d-s",
    "Nidan verb (lower class) with 'gu' ending (archaic)": "v2g-s",
    "Nidan verb (lower class) with 'hu/fu' ending (archaic)": "v2h-s",
    "Nidan verb (lower class) with 'ku' ending (archaic)": "v2k-s",
    "Nidan verb (lower class) with 'mu' ending (archaic)": "v2m-s",
    "Nidan verb (lower class) with 'nu' ending (archaic)": "v2n-s",
    "Nidan verb (lower class) with 'ru' ending (archaic)": "v2r-s",
    "Nidan verb (lower class) with 'su' ending (archaic)": "v2s-s",
    "Nidan verb (lower class) with 'tsu' ending (archaic)": "v2t-s",
    "Nidan verb (lower class) with 'u' ending and 'we' conjugation (archaic)": "v2w-s",
    "Nidan verb (lower class) with 'yu' ending (archaic)": "v2y-s",
    "Nidan verb (lower class) with 'zu' ending (archaic)": "v2z-s",
    "Nidan verb (upper class) with 'bu' ending (archaic)": "v2b-k",
    "Nidan verb (upper class) with 'gu' ending (archaic)": "v2g-k",
    "Nidan verb (upper class) with 'hu/fu' ending (archaic)": "v2h-k",
    "Nidan verb (upper class) with 'ku' ending (archaic)": "v2k-k",
    "Nidan verb (upper class) with 'ru' ending (archaic)": "v2r-k",
    "Nidan verb (upper class) with 'tsu' ending (archaic)": "v2t-k",
    "Nidan verb (upper class) with 'yu' ending (archaic)": "v2y-k",
    "Nidan verb with 'u' ending (archaic)": "v2a-s",
    "Yodan verb with 'bu' ending (archaic)": "v4b",
    "Yodan verb with 'gu' ending (archaic)": "v4g",
    "Yodan verb with 'hu/fu' ending (archaic)": "v4h",
    "Yodan verb with 'ku' ending (archaic)": "v4k",
    "Yodan verb with 'mu' ending (archaic)": "v4m",
    "Yodan verb with 'ru' ending (archaic)": "v4r",
    "Yodan verb with 'su' ending (archaic)": "v4s",
    "Yodan verb with 'tsu' ending (archaic)": "v4t",
    "adjectival nouns or quasi-adjectives (keiyodoshi)": "adj-na",
    "adjective (keiyoushi)": "adj-i",
    "adjective (keiyoushi) - yoi/ii class": "adj-ix",
    "adverb (fukushi)": "adv",
    "adverb taking the 'to' particle": "adv-to",
    "adverbial noun (fukushitekimeishi)": "n-adv",
    "archaic/formal form of na-adjective": "adj-nari",
    "auxiliary": "aux",
    "auxiliary adjective": "aux-adj",
    "auxiliary verb": "aux-v",
    "conjunction": "conj",
    "copula": "cop",
    "counter": "ctr",
    "expressions (phrases, clauses, etc.)": "exp",
    "interjection (kandoushi)": "int",
    "intransitive verb": "vi",
    "irregular nu verb": "vn",
    "irregular ru verb, plain form ends with -ri": "vr",
    "noun (common) (futsuumeishi)": "n",
    "noun (temporal) (jisoumeishi)": "n-t",
    "noun or participle which takes the aux. verb suru": "vs",
    "noun or verb acting prenominally": "adj-f",
    "noun, used as a prefix": "n-pref",
    "noun, used as a suffix": "n-suf",
    "nouns which may take the genitive case particle 'no'": "adj-no",
    "numeric": "num",
    "particle": "prt",
    "pre-noun adjectival (rentaishi)": "adj-pn",
    "prefix": "pref",
    "pronoun": "pn",
    "su verb - precursor to the modern suru": "vs-c",
    "suffix": "suf",
    "suru verb - included": "vs-i",
    "suru verb - special class": "vs-s",
    "transitive verb": "vt",
    "unclassified": "unc",
    "verb unspecified": "v-unspec",
}

MISC_CODES: dict[str, str] = {
    "Internet slang": "net-sl",
    "abbreviation": "abbr",
    "archaism": "arch",
    "children's language": "chn",
    "colloquialism": "col",
    "dated term": "dated",
    "derogatory": "derog",
    "familiar language": "fam",
    "female term or language": "fem",
    "full name of a particular person": "person",
    "historical term": "hist",
    "honorific or respectful (sonkeigo) language": "hon",
    "humble (kenjougo) language": "hum",
    "idiomatic expression": "id",
    "jocular, humorous term": "joc",
    "literary or formal term": "form",
    "male term or language": "male",
    "manga slang": "m-sl",
    "obscure term": "obsc",
    "obsolete term": "obs",
    "onomatopoeic or mimetic word": "on-mim",
    "place name": "place",
    "poetical term": "poet",
    "polite (teineigo) language": "pol",
    "proverb": "proverb",
    "quotation": "quote",
    "rare": "rare",
    "sensitive": "sens",
    "slang": "sl",
    "vulgar expression or word": "vulg",
    "word usually written using kana alone": "uk",
    "work of art, literature, music, etc. name": "work",
    "yojijukugo": "yoji",
}


@dataclass(frozen=True)
class SenseScope:
    """The written forms and readings a sense is restricted to (JMdict ``stagk``/``stagr``).

    Empty means unrestricted.
    """

    kanji: tuple[str, ...] = ()
    kana: tuple[str, ...] = ()

    def allows(self, kanji: str | None, kana: str | None) -> bool:
        kanji_ok = not self.kanji or kanji is None or kanji in self.kanji
        kana_ok = not self.kana or kana is None or kana in self.kana
        return kanji_ok and kana_ok


@dataclass(frozen=True)
class DictEntry:
    """One JMdict or JMnedict entry, with English glosses only."""

    id: int
    source: Literal["jmdict", "jmnedict"]
    kanji: tuple[str, ...]
    kana: tuple[str, ...]
    senses: tuple[Sense, ...]
    priority: tuple[str, ...]
    """Priority tags (``news1``, ``nf12``, ``ichi1`` …), the union over all forms."""
    name_types: tuple[str, ...] = ()
    """JMnedict only: ``person``, ``place``, ``surname``, ``given``, ``organization`` …"""
    scopes: tuple[SenseScope, ...] = ()
    """Per sense (same order as ``senses``): which forms it is restricted to."""
    form_priority: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Priority tags per written form or reading, for forms that have any."""
    kana_restrictions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Readings that apply to only some written forms (JMdict ``re_restr``)."""
    kana_only: tuple[str, ...] = ()
    """Readings that are not readings of the written forms (JMdict ``re_nokanji``)."""

    def readings_of(self, kanji: str) -> tuple[str, ...]:
        """The readings JMdict gives for written form ``kanji`` (all readings if not one of ours)."""
        if kanji not in self.kanji:
            return self.kana
        restricted = dict(self.kana_restrictions)
        return tuple(
            kana
            for kana in self.kana
            if kana not in self.kana_only and (kana not in restricted or kanji in restricted[kana])
        )

    def senses_for(self, kanji: str | None = None, kana: str | None = None) -> tuple[Sense, ...]:
        """The senses that apply to this written form and reading (``None``: any)."""
        if not self.scopes:
            return self.senses
        return tuple(
            s for s, scope in zip(self.senses, self.scopes, strict=True) if scope.allows(kanji, kana)
        )

    def priority_of(self, form: str) -> tuple[str, ...]:
        """Priority tags of one written form or reading (empty if it has none)."""
        return dict(self.form_priority).get(form, ())


@dataclass(frozen=True)
class KanjiInfo:
    """What KANJIDIC2 says of one kanji that helps estimate a word's difficulty."""

    literal: str
    grade: int | None
    """School grade 1–6, 8 for the rest of the jōyō kanji, 9–10 for name-only kanji."""
    jlpt: int | None
    """The *old* (pre-2010) JLPT level, 4 (easiest) to 1; ``None`` outside the lists."""
    frequency: int | None
    """Rank among the 2,500 most frequent kanji in newspapers; ``None`` beyond."""


@dataclass(frozen=True)
class KanjiDetail:
    """What KANJIDIC2 says of one kanji for a learner's breakdown of a word (popup, card)."""

    literal: str
    meanings: tuple[str, ...]
    """English meanings, in KANJIDIC2's order."""
    on: tuple[str, ...]
    """On'yomi in katakana, as KANJIDIC2 writes them."""
    kun: tuple[str, ...]
    """Kun'yomi in hiragana; a dot separates the okurigana (``はな.す``), a dash marks a prefix or suffix."""
    grade: int | None
    """As :attr:`KanjiInfo.grade`."""
    jlpt: int | None
    """As :attr:`KanjiInfo.jlpt`: the *old* JLPT level, 4 to 1."""
    strokes: int | None


def is_kanji(character: str) -> bool:
    """Whether ``character`` is a CJK ideograph (々 and 〆 included): one KANJIDIC2 may list."""
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf" or character in "々〆"


class FormTable:
    """Collects the kanji and kana rows of a batch of entries before they are frozen."""

    def __init__(self) -> None:
        self.kanji: dict[int, list[tuple[int, str]]] = {}
        self.kana: dict[int, list[tuple[int, str]]] = {}
        self.nokanji: set[int] = set()
        self.priority: dict[tuple[str, int], list[str]] = {}
        self.restrictions: dict[int, list[str]] = {}

    def add_kanji(self, idseq: int, kid: int, text: str) -> None:
        self.kanji.setdefault(idseq, []).append((kid, text))

    def add_kana(self, idseq: int, kid: int, text: str, nokanji: bool) -> None:
        self.kana.setdefault(idseq, []).append((kid, text))
        if nokanji:
            self.nokanji.add(kid)

    def add_priority(self, table: str, kid: int, tag: str) -> None:
        self.priority.setdefault((table, kid), []).append(tag)

    def add_restriction(self, kid: int, kanji: str) -> None:
        self.restrictions.setdefault(kid, []).append(kanji)

    def entry(self, idseq: int, senses: Sequence[tuple[Sense, SenseScope]]) -> DictEntry:
        kanji = self.kanji.get(idseq, [])
        kana = self.kana.get(idseq, [])
        form_priority = [
            (text, tuple(self.priority[(table, kid)]))
            for table, rows in (("kanji", kanji), ("kana", kana))
            for kid, text in rows
            if (table, kid) in self.priority
        ]
        scopes = tuple(scope for _, scope in senses)
        return DictEntry(
            id=idseq,
            source="jmdict",
            kanji=tuple(text for _, text in kanji),
            kana=tuple(text for _, text in kana),
            senses=tuple(sense for sense, _ in senses),
            priority=tuple(dict.fromkeys(tag for _, tags in form_priority for tag in tags)),
            scopes=scopes if any(s.kanji or s.kana for s in scopes) else (),
            form_priority=tuple(form_priority),
            kana_restrictions=tuple(
                (text, tuple(self.restrictions[kid])) for kid, text in kana if kid in self.restrictions
            ),
            kana_only=tuple(text for kid, text in kana if kid in self.nokanji),
        )
