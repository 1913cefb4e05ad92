"""Vocabulary: which words of a document get English glosses, and from where.

:func:`build_vocabulary` takes the document's blocks once the readings are known and
returns them with ``gloss`` and ``item`` set on every token that belongs to a
vocabulary item, together with the items in order of first appearance. All forms of a
document are collected first and looked up in three batched dictionary calls; nothing
is queried per token.

Which tokens get items
    Nouns (common and proper, not numbers), verbs, i-adjectives, na-adjectives (形状詞),
    adverbs, and prefixes and suffixes written with a kanji (not counters, not お or ご);
    Latin words only as capitalised abbreviations (EU, NATO). Never particles, auxiliaries,
    punctuation, symbols, white space, pronouns, conjunctions, interjections or
    pre-noun adjectivals, and never a kana-only function word: a verb or adjective that
    Sudachi tags 非自立可能 with a kana lemma (する, なる, いる, ある, できる, ない …) or a
    lemma in :data:`STOPLIST` (こと, もの, ため, よう …), and never the counter after a
    number (2|月, 3|年).

How tokens are grouped, per sentence, each pass only over tokens no earlier pass took
    1. Glossary terms, longest first, scanning left to right: the concatenated surfaces of
       1–8 whole tokens (the last may be its lemma: 話し合われ → 話し合う), which may span
       particles (安全|の|保証), numbers (G|7) and the name joiners ・ and ＝, but not other
       punctuation or white space, and must not start or end on a particle or auxiliary.
       Matching whole tokens only means 安全保障の保証 can never yield 安全の保証. A variant
       (米露) counts under its entry's term (米ロ).
    2. JMdict compounds of 2–8 tokens, longest first: nouns, na-adjective stems and
       suffixes, optionally after a prefix or a kanji numeral, optionally ending in a verb
       or adjective taken as its lemma (安全|保障 → 安全保障, 北|大西洋|条約|機構, 相|次い →
       相次ぐ). Never across a particle, punctuation or an Arabic number, and never from
       the counter of a number (3|年|分). The written form must match exactly; the reading
       need not (see below).
    3. A surname token followed by a given-name token (人名-姓, 人名-名) that JMnedict knows
       under their readings: one person item, "Otani Tetsuo".
    4. Composition, deliberately conservative: a run of 2–4 tokens that no source knows
       as a whole becomes one ``composed`` item (和平|案 → "和平 peace + 案 idea, plan",
       each part with the first two glosses of its primary sense) only when every part is
       written in kanji, is a noun, prefix (first only) or suffix (not first) that JMdict
       knows under its reading, exactly one part is a free word (2+ characters, not an
       affix) and the rest are single-character nouns or affixes, and the run does not
       follow a number: the shape of 和平案, 停戦後, 両首脳間, not of 景気|敏感|株 or 3|年|目.
    5. Single tokens.

Where glosses come from
    Glossary first, always. Then, for people (Sudachi 人名, or a katakana word before a
    title: ウィトコフ|特使, ルーベン・ブレケルマンス国防相), JMnedict only: a name that is
    also a common word (トランプ, "playing cards") must never get the common word's gloss,
    so no entry is better than the wrong one. A katakana word used as a name once is a
    name throughout the document (トランプ、映画監督…). A lone kanji "surname" with no name
    or title beside it that JMdict knows under the same reading is the word (Sudachi tags
    との見方 as a surname). For other proper nouns JMdict comes before JMnedict,
    because JMnedict glosses places that JMdict also has as bare romanisations (英国 is
    "Eikoku" there, "United Kingdom" in JMdict). Common words: JMdict only (JMnedict's
    "Diehl" is no gloss for ディール), then composition. Latin abbreviations are looked
    up in JMdict's full-width spelling (NATO → ＮＡＴＯ).

Names and titles
    A title stays its own item: プーチン|大統領 gives "Putin" and "president", so a
    person's name is one item however many titles it appears with. When Sudachi has a
    name and title as one token (トランプ大統領, トランプ政権) and no glossary knows that
    token, it is split in two at the title (:data:`TITLES`), the reading being cut where
    the title's reading begins.

Choosing a JMdict entry
    Entries whose written form is the word (lemma for inflected words) and whose reading
    is the token's, compared in hiragana (for inflected words the lemma's reading, made
    by swapping the kana tail: はなしあわ → はなしあう; see :func:`lemma_reading`). A
    single token written with kanji and no matching reading is accepted only when one
    entry has that form (後 read ご matches the ご entry, never あと's). Ties go to a
    reading match (exact, then up to rendaku and gemination), then (for words written in
    kana) entries usually written in kana, then priority tags (news1, ichi1 …) of the
    matched form, then a sense whose POS fits Sudachi's, then JMdict order. Senses are
    kept in JMdict order, restricted by stagk and stagr; ``primary`` is the first sense
    whose POS fits Sudachi's (:func:`yomu.senses.pos_fits`, :func:`yomu.senses.primary_sense`), else 0,
    unless the news-senses table (:mod:`yomu.news_senses`) names another, for the word
    alone or for its neighbours (the token after it, a number before it), or a verb's
    bound use (得る "can") is primary for a verb that does not follow a verb.

Readings that change tokens
    When a glossary term's reading differs from the joined readings of its tokens
    (小谷哲男: Sudachi おたに てつお, glossary こたに てつお), or a JMdict compound's only
    reading for that written form differs from them (第三国: だいさんこく → だいさんごく,
    一歩: いちほ → いっぽ), the tokens are replaced by one token read the dictionary's way
    (``reading_source`` ``glossary`` or ``jmdict``, ``pos`` of the first token). Never when
    the last token was matched by its lemma: an inflected surface cannot take the
    lemma's reading. Surfaces still concatenate to the sentence text.

Item ids
    ``text:reading`` (安全保障:あんぜんほしょう), with ``:kind`` appended for every kind but
    ``word`` (トランプ:とらんぷ:person), so a name never shares an id with the common
    word it spells. Ids depend only on the text, reading and kind: stable across runs.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache, partial
from typing import TYPE_CHECKING

from ._fast import IdentityMemo, new_instance, replaced, set_field
from .expressions import Expression, Expressions, shipped_expressions
from .kana import KANA_WORD, KATAKANA_WORD, is_kanji, katakana_to_hiragana
from .model import Block, ItemKind, Sense, Sentence, Token, VocabItem, VocabSource
from .names import (
    NAME_JOINERS,
    TITLES,
    families_named_in_full,
    in_name_context,
    is_person,
    names_a_person,
    split_fused_titles,
    title_at,
)
from .news_senses import shipped_senses
from .readings import merge_tokens
from .senses import (
    field_sense,
    free_sense,
    pos_fits,
    preferred_fields,
    primary_sense,
    transitive_sense,
    transitivity_matters,
)
from .word_classes import (
    AFFIXES,
    MAX_SPAN_TOKENS,
    STOPLIST,
    WordClass,
    composable,
    compound_ends,
    counts_a_number,
    follows_number,
    in_compound_particle,
    is_number,
    term_prefixes,
    word_classes,
)

if TYPE_CHECKING:
    from .dictionary import DictEntry, JMdict
    from .glossary import Glossary, GlossaryEntry


__all__ = [
    "MAX_COMPOSED_TOKENS",
    "MAX_SPAN_TOKENS",
    "NAME_JOINERS",
    "STOPLIST",
    "TITLES",
    "VocabularyStream",
    "build_vocabulary",
    "families_named_in_full",
    "lemma_reading",
    "pos_fits",
    "preferred_fields",
    "primary_sense",
]
"""The public names; those defined in ``names``, ``word_classes`` and ``senses`` stay
importable from here, where they were defined before."""

MAX_COMPOSED_TOKENS = 4

_PERSON_TYPES = frozenset({"person", "surname", "given", "masc", "fem"})
_PLACE_TYPES = frozenset({"place", "station"})
_ORGANISATION_TYPES = frozenset({"organization", "company"})
_STRONG_PRIORITY = frozenset({"news1", "ichi1", "spec1", "spec2", "gai1"})
_INFLECTING = ("動詞", "形容詞")
_COMMON_NOUN = ("名詞", "普通名詞", "一般", "*", "*", "*")
_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
_SEION = str.maketrans(
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ", "かきくけこさしすせそたちつてとはひふへほはひふへほ"
)


# --- public API ---------------------------------------------------------------------------


def build_vocabulary(
    blocks: Sequence[Block], *, dictionary: JMdict, glossary: Glossary
) -> tuple[tuple[Block, ...], tuple[VocabItem, ...]]:
    """Gloss a document: tokens get ``gloss`` and ``item``; items come in order of first use."""
    families = families_named_in_full((s.text for b in blocks for s in b.sentences), glossary)
    blocks = tuple(split_fused_titles(b, glossary, families) for b in blocks)
    sentences = [s for b in blocks for s in b.sentences]
    classes = [word_classes(s.tokens, glossary) for s in sentences]
    lexicon = replace(
        _Lexicon.for_sentences(sentences, dictionary, glossary, families, classes),
        _words_seen=_words_seen_for(dictionary),
    )
    spans = _segments(blocks, classes, lexicon)
    # The article's domain, from its glossary terms, picks senses: 前線 in war news is the
    # front line, not a weather front.
    fields = preferred_fields(_domains(spans))
    registry = _Registry()
    return _glossed(blocks, spans, registry, fields), registry.items()


def _glossed(
    blocks: Sequence[Block],
    spans: Sequence[Sequence[Sequence[_Span]]],
    registry: _Registry,
    fields: frozenset[str],
) -> tuple[Block, ...]:
    return tuple(
        replaced(
            b,
            sentences=tuple(
                _gloss_sentence(s, found, registry, fields)
                for s, found in zip(b.sentences, block, strict=True)
            ),
        )
        for b, block in zip(blocks, spans, strict=True)
    )


def _domains(spans: Iterable[Iterable[Iterable[_Span]]]) -> Iterator[str]:
    """The glossary domain of every glossary term found, one per occurrence."""
    return (span.gloss.domain for block in spans for sentence in block for span in sentence)


def lemma_reading(surface: str, reading: str | None, lemma: str, pos: Sequence[str] = ()) -> str | None:
    """The reading of ``lemma`` given the reading of its inflected ``surface``.

    The inflected tail is kana in both, so it is swapped in the reading: 話し合わ はなしあわ
    → 話し合う はなしあう. ``None`` when the tail is not kana or the reading does not end
    with it.
    """
    if reading is None or surface == lemma:
        return reading
    common = 0
    while common < min(len(surface), len(lemma)) and surface[common] == lemma[common]:
        common += 1
    surface_tail, lemma_tail = surface[common:], lemma[common:]
    if not all(KANA_WORD.match(t) for t in (surface_tail, lemma_tail) if t):
        return None
    tail = katakana_to_hiragana(surface_tail)
    if not reading.endswith(tail):
        return None
    stem = reading[: len(reading) - len(tail)]
    # 来る is the one verb whose kanji changes its reading as it inflects (き, こ, く).
    if len(pos) > 4 and "カ行変格" in pos[4] and stem[-1:] in ("き", "こ"):
        stem = stem[:-1] + "く"
    return stem + katakana_to_hiragana(lemma_tail)


# --- what a span of tokens resolves to ----------------------------------------------------


@dataclass(frozen=True)
class _Gloss:
    """Everything a vocabulary item is but its count and first sentence."""

    text: str
    reading: str
    senses: tuple[Sense, ...]
    primary: int
    source: VocabSource
    kind: ItemKind
    note: str = ""
    composed_from: tuple[str, ...] = ()
    priority: tuple[str, ...] = ()
    domain: str = ""
    description: str = ""
    pos: tuple[str, ...] = ()
    """JMdict words: the part of speech ``primary`` was chosen for."""
    identity: str = ""
    """Glossary items: who or what the item is beyond its spelling (``person:Donald Trump``
    for トランプ and ドナルド・トランプ, ``term:米ロ首脳会談`` for 米露首脳会談 too). A
    document has one item per identity, under the spelling it meets first."""

    @cached_property
    def id(self) -> str:
        # cached_property writes the instance's __dict__ directly, which a frozen class allows.
        base = f"{self.text}:{self.reading}"
        return base if self.kind == "word" else f"{base}:{self.kind}"


@dataclass(frozen=True)
class _Span:
    """Tokens ``start:end`` of a sentence belong to one item."""

    start: int
    end: int
    gloss: _Gloss
    reading: str | None = None
    """If set, the tokens become one token with this reading."""
    reading_source: str = ""


@dataclass(frozen=True)
class _Choice:
    entry: DictEntry
    kanji: str | None
    kana: str
    reading_match: int


# --- looking things up --------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    """The glossary and every dictionary answer a document needs, fetched up front."""

    glossary: Glossary
    words: Mapping[str, tuple[DictEntry, ...]]
    names: Mapping[str, tuple[DictEntry, ...]]
    people: frozenset[str]
    """Katakana words the document uses as a person's name at least once."""
    families: Mapping[str, GlossaryEntry] = field(default_factory=dict)
    """Family name → the glossary person the document names in full (小谷 → 小谷哲男)."""
    _words_seen: dict[tuple[str, str, str | None, tuple[str, ...]], _Gloss | None] = field(
        default_factory=dict, compare=False
    )
    _compounds_seen: dict[tuple[str, str | None, tuple[str, ...], bool], tuple[_Gloss, str | None] | None] = (
        field(default_factory=dict, compare=False)
    )

    @classmethod
    def for_sentences(
        cls,
        sentences: Sequence[Sentence],
        dictionary: JMdict,
        glossary: Glossary,
        families: Mapping[str, GlossaryEntry],
        classes: Sequence[Sequence[WordClass]],
    ) -> _Lexicon:
        """``classes`` holds each sentence's word classes (:func:`word_classes`)."""
        compounds: set[str] = set()
        singles: set[str] = set()
        name_forms: set[str] = set()
        people: set[str] = set()
        # What a token adds to singles and name_forms depends on the word alone: one word
        # class per word, compared by identity.
        words_done: set[WordClass] = set()
        for sentence, sentence_classes in zip(sentences, classes, strict=True):
            tokens = sentence.tokens
            for i, token in enumerate(tokens):
                word_class = sentence_classes[i]
                if word_class.katakana and is_person(tokens, i):
                    people.add(token.surface)
                if word_class.compound_start:
                    for end in compound_ends(sentence_classes, i):
                        compounds.update(text for text, _ in _span_texts(tokens[i:end]))
                if word_class in words_done:
                    continue
                words_done.add(word_class)
                if word_class.content:
                    singles.update(f for text, _ in _token_forms(token) for f in _lookup_forms(text))
                    if token.pos[1] == "固有名詞" or word_class.katakana:
                        name_forms.add(token.surface)
        known = dictionary.known(sorted(compounds))
        words = dictionary.entries(sorted(singles | known))
        names = dictionary.names(sorted(name_forms))
        return cls(
            glossary=glossary,
            words=words,
            names=names,
            people=frozenset(people),
            families=families,
        )

    # -- glossary -------------------------------------------------------------------------------

    def glossary_span(
        self, tokens: Sequence[Token], start: int, stop: int, *, classes: Sequence[WordClass]
    ) -> _Span | None:
        """The longest glossary term starting at ``start`` and ending by ``stop``."""
        # Every term a span can match starts with its first surface (or is its lemma), and
        # a span can only grow while its surfaces begin some term: most positions need no
        # join and no lookup at all.
        if not classes[start].glossary_start:
            return None
        longest = self.glossary.max_term_length
        prefixes = term_prefixes(self.glossary)
        ends: list[tuple[int, str]] = []
        length = 0
        surfaces = ""
        for end in range(start + 1, min(stop, start + MAX_SPAN_TOKENS) + 1):
            last = tokens[end - 1]
            length += len(last.surface)
            # A lemma can be longer than its surface, but not by more than a few kana.
            if length > longest + 2 or (end - 2 > start and not classes[end - 2].glossary_inside):
                break
            surfaces += last.surface
            if classes[end - 1].glossary_edge:
                ends.append((end, surfaces))
            if surfaces not in prefixes:
                break  # a longer span's text starts with these surfaces
        for end, joined in reversed(ends):
            for text, lemma_used in _span_texts(tokens[start:end], joined):
                if len(text) <= longest and (entry := self.glossary.get(text)):
                    if self._reads_as(entry, tokens, start, end):
                        return self._glossary_match(tokens[start:end], start, entry, lemma_used)
                elif text in self.families and names_a_person(tokens, start, end):
                    return self._family_match(tokens[start:end], start, self.families[text])
        return None

    def _reads_as(self, entry: GlossaryEntry, tokens: Sequence[Token], start: int, end: int) -> bool:
        """Whether this occurrence is the glossary's sense of the term.

        A person whose name is also a common word (トランプ, "playing cards") is that
        person only next to a title or another name, or in a document that uses the name
        so elsewhere; トランプを楽しむ in an article about games is the cards.
        """
        if entry.kind != "person" or entry.term not in self.words:
            return True
        text = "".join(t.surface for t in tokens[start:end])
        return text in self.people or names_a_person(tokens, start, end) or is_person(tokens, start)

    def _family_match(self, span: Sequence[Token], start: int, person: GlossaryEntry) -> _Span:
        family = person.family
        assert family is not None
        gloss = _family_glosses(person)
        reading = family.reading if _joined_reading(span) != family.reading else None
        return _Span(start, start + len(span), gloss, reading=reading, reading_source="glossary")

    def _glossary_match(
        self, span: Sequence[Token], start: int, entry: GlossaryEntry, lemma_used: bool
    ) -> _Span:
        gloss = _term_glosses(entry)
        written = "".join(t.surface for t in span)
        if written != entry.term and written in entry.variants:
            gloss = _spelled(gloss, written)  # the article's spelling: 米露, not the entry's 米ロ
        # A lemma match (話し合う for 話し合わ) cannot be re-read: the surface is inflected.
        override = not lemma_used and _joined_reading(span) != entry.reading
        reading = entry.reading if override else None
        return _Span(start, start + len(span), gloss, reading=reading, reading_source="glossary")

    # -- JMdict ---------------------------------------------------------------------------------

    def compound_span(
        self, tokens: Sequence[Token], start: int, stop: int, *, classes: Sequence[WordClass]
    ) -> _Span | None:
        """The longest JMdict word of 2+ tokens starting at ``start`` and ending by ``stop``."""
        for end in reversed([e for e in compound_ends(classes, start) if e <= stop]):
            span = tokens[start:end]
            for text, lemma_used in _span_texts(span):
                if text not in self.words:
                    continue
                reading = _joined_reading(span, lemma_last=lemma_used)
                key = (text, reading, span[-1].pos, lemma_used)
                if key not in self._compounds_seen:
                    self._compounds_seen[key] = self._compound(*key)
                found = self._compounds_seen[key]
                if found is not None:
                    gloss, override = found
                    return _Span(start, end, gloss, reading=override, reading_source="jmdict")
        return None

    def _compound(
        self, text: str, reading: str | None, pos: tuple[str, ...], lemma_used: bool
    ) -> tuple[_Gloss, str | None] | None:
        """The compound's item and the reading it overrides the tokens' with, if any."""
        choice = _choose_entry(self.words[text], text, reading, pos, require_match=False)
        if choice is None:
            return None
        gloss = _word_gloss(choice, text, _head_pos_of(pos))
        readings = choice.entry.readings_of(text) if choice.kanji else (choice.kana,)
        override = not lemma_used and choice.reading_match < 2 and len(readings) == 1
        return gloss, katakana_to_hiragana(readings[0]) if override else None

    def word(self, token: Token) -> _Gloss | None:
        """The JMdict item of one token: by lemma (and its reading), then by surface."""
        key = (token.surface, token.lemma, token.reading, token.pos)
        if key not in self._words_seen:
            self._words_seen[key] = self._word(token)
        return self._words_seen[key]

    def _word(self, token: Token) -> _Gloss | None:
        # Only inflecting words are shown as their lemma; Sudachi lower-cases Latin lemmas.
        shown = token.lemma if token.pos[0] in _INFLECTING else token.surface
        for text, reading in _token_forms(token):
            for form in _lookup_forms(text):
                entries = self.words.get(form)
                choice = entries and _choose_entry(entries, form, reading, token.pos, require_match=True)
                if choice:
                    return _word_gloss(choice, shown, token.pos)
        return None

    # -- JMnedict -------------------------------------------------------------------------------

    def name(self, token: Token, kind: ItemKind | None = None) -> _Gloss | None:
        """The JMnedict item of one token, under the token's reading."""
        entry = self._name_entry(token, kind)
        if entry is None:
            return None
        return _Gloss(
            text=token.surface,
            reading=token.reading or "",
            senses=entry.senses,
            primary=0,
            source="jmnedict",
            kind=kind or _name_kind(entry.name_types, token.pos),
        )

    def _name_entry(self, token: Token, kind: ItemKind | None) -> DictEntry | None:
        entries = [e for e in self.names.get(token.surface, ()) if e.senses]
        if not KANA_WORD.match(token.surface):
            if token.reading is None:
                return None
            entries = [e for e in entries if any(_same_reading(k, token.reading) for k in e.kana)]
        wanted = kind or _sudachi_kind(token.pos)
        for entry in entries:
            if _name_kind(entry.name_types, ()) == wanted:
                return entry
        return entries[0] if entries else None

    def full_name(self, tokens: Sequence[Token], start: int) -> _Span | None:
        """A surname token and a given-name token that JMnedict knows: one person."""
        if start + 1 >= len(tokens):
            return None
        surname, given = tokens[start], tokens[start + 1]
        if surname.pos[2:4] == ("人名", "姓") and _east_asian_context(tokens):
            return _east_asian_name(tokens, start)
        if surname.pos[2:4] != ("人名", "姓") or given.pos[2:4] != ("人名", "名"):
            return None
        text = surname.surface + given.surface
        parts = [self.name(surname, "person"), self.name(given, "person")]
        if parts[0] is None or parts[1] is None:
            return None
        gloss = _Gloss(
            text=text,
            reading=parts[0].reading + parts[1].reading,
            senses=(Sense(glosses=(f"{parts[0].senses[0].glosses[0]} {parts[1].senses[0].glosses[0]}",)),),
            primary=0,
            source="jmnedict",
            kind="person",
            composed_from=(surname.surface, given.surface),
        )
        return _Span(start, start + 2, gloss)

    # -- composition ----------------------------------------------------------------------------

    def composed(self, tokens: Sequence[Token], start: int, end: int) -> _Span | None:
        """A compound no source knows, glossed part by part (see the module docstring)."""
        span = tokens[start:end]
        if not 2 <= len(span) <= MAX_COMPOSED_TOKENS:
            return None
        if not all(composable(t, first=i == 0) for i, t in enumerate(span)):
            return None
        if start > 0 and is_number(tokens[start - 1]):
            return None  # 3|年|目, 4|時間|半: a counter phrase, not a compound
        # Exactly one free word, the rest bound morphemes: 和平|案, 両|首脳|間, not 景気|敏感|株.
        if sum(1 for t in span if len(t.surface) > 1 and t.pos[0] not in AFFIXES) != 1:
            return None
        parts = [self.word(t) for t in span]
        reading = _joined_reading(span)
        if reading is None or any(p is None for p in parts):
            return None
        # A part after the free word is a suffix in the compound: 会談|前 is "before" the
        # talks, 支援|先 a "destination" of support, whatever Sudachi tagged them.
        parts = [p if k == 0 or p is None else _as_suffix(p) for k, p in enumerate(parts)]
        pieces = [
            f"{t.surface} {', '.join(_part_glosses(p))}"
            for t, p in zip(span, parts, strict=True)
            if p is not None
        ]
        gloss = _Gloss(
            text="".join(t.surface for t in span),
            reading=reading,
            senses=(Sense(glosses=(" + ".join(pieces),)),),
            primary=0,
            source="composed",
            kind="word",
            composed_from=tuple(t.surface for t in span),
        )
        return _Span(start, end, gloss)

    # -- one token ------------------------------------------------------------------------------

    def single(self, tokens: Sequence[Token], i: int) -> _Span | None:
        """The item of token ``i`` alone; the caller has checked that it is a content word
        and not the counter of a number (:func:`counts_a_number`)."""
        if in_compound_particle(tokens, i):
            return None
        gloss = self._single_gloss(tokens, i)
        if gloss is None:
            return None
        if gloss.source == "jmdict" and (
            shipped_senses().needs_context(gloss.text, gloss.reading) or _bound(gloss) or _transitivity(gloss)
        ):
            following = tokens[i + 1].surface if i + 1 < len(tokens) else ""
            gloss = _in_sentence(gloss, following, _before(tokens, i))
        return _Span(i, i + 1, gloss)

    def _single_gloss(self, tokens: Sequence[Token], i: int) -> _Gloss | None:
        token = tokens[i]
        # One sense per document: トランプ、映画監督… is still the Trump of トランプ大統領.
        if is_person(tokens, i) or token.surface in self.people:
            # Sudachi tags some common words as surnames (との見方 → 見方 みかた, 姓): a kanji
            # "name" with no name or title beside it that JMdict reads the same is the word.
            if not KATAKANA_WORD.match(token.surface) and not in_name_context(tokens, i):
                word = self.word(token)
                if word is not None and _same_reading(word.reading, token.reading) == 2:
                    return word
            return self._person(tokens, i)
        if token.pos[1] == "固有名詞":
            return self.word(token) or self.name(token)
        return self.word(token)


    def _person(self, tokens: Sequence[Token], i: int) -> _Gloss | None:
        """A person's name alone: JMnedict's spelling, or a name whose English yomu does
        not know (ストゥブ大統領 with no glossary entry) rather than no item, or a part of a
        name glossed as if it were the whole (マーク "Mark" of a name yomu cannot join)."""
        token = tokens[i]
        kanji = not KANA_WORD.match(token.surface)
        if kanji and _east_asian_context(tokens):
            return _unknown_name(token.surface, token.reading or "") if token.reading else None
        found = self.name(token, "person")
        if found is None and KATAKANA_WORD.match(token.surface) and token.reading:
            return _unknown_name(token.surface, token.reading)
        return found


# Chinese and Korean names in kanji: Japanese media read them as the glossary says (林佳龍
# りんかりゅう, 李在明 いじぇみょん); JMnedict's readings and spellings are Japanese ones.
_EAST_ASIAN_PLACES = frozenset({"中国", "台湾", "香港", "マカオ", "韓国", "北朝鮮", "朝鮮", "中華"})

UNKNOWN_NAME = "(a name; English spelling unknown)"
"""The gloss of a name yomu recognises but cannot spell in English."""


def _east_asian_context(tokens: Sequence[Token]) -> bool:
    return any(t.surface in _EAST_ASIAN_PLACES for t in tokens)


def _east_asian_name(tokens: Sequence[Token], start: int) -> _Span | None:
    """A Chinese or Korean name in kanji that no glossary knows: the family name and the
    kanji after it up to a title (陳|建仁|氏) as one person whose English yomu does not know.

    JMnedict spells kanji names the Japanese way, 林佳龍 "Hayashi Karyuu", and 建仁 alone is
    an era name: for a Taiwanese minister no English beats a wrong one.
    """
    end = start + 1
    while end < len(tokens) and end - start < 3 and not title_at(tokens, end):
        token = tokens[end]
        if token.pos[0] != "名詞" or token.pos[1] == "数詞" or not all(is_kanji(c) for c in token.surface):
            break
        end += 1
    if end == start + 1 or not (end == len(tokens) or title_at(tokens, end) or tokens[end].pos[0] == "助詞"):
        return None
    span = tokens[start:end]
    reading = _joined_reading(span)
    text = "".join(t.surface for t in span)
    return _Span(start, end, _unknown_name(text, reading)) if reading else None


@lru_cache(maxsize=4096)
def _unknown_name(text: str, reading: str) -> _Gloss:
    return _Gloss(
        text=text,
        reading=reading,
        senses=(Sense(glosses=(UNKNOWN_NAME,)),),
        primary=0,
        source="name",
        kind="person",
    )


_WordsSeen = dict[tuple[str, str, str | None, tuple[str, ...]], "_Gloss | None"]
_words_seen_cache: weakref.WeakKeyDictionary[JMdict, _WordsSeen] = weakref.WeakKeyDictionary()


def _words_seen_for(dictionary: JMdict) -> _WordsSeen:
    """``_Lexicon._words_seen`` shared by every document glossed with ``dictionary``.

    A token's JMdict item depends on the token and the dictionary alone (each document's
    lexicon holds the entries of every form its own tokens have), so the answers carry
    over from one article to the next of a bulk run.
    """
    seen = _words_seen_cache.get(dictionary)
    if seen is None or len(seen) >= 50_000:
        seen = _words_seen_cache[dictionary] = {}
    return seen


def _choose_entry(
    entries: Sequence[DictEntry], text: str, reading: str | None, pos: Sequence[str], *, require_match: bool
) -> _Choice | None:
    """The entry that best fits ``text`` read as ``reading`` (see the module docstring)."""
    kana_word = KANA_WORD.match(text) is not None
    ranked: list[tuple[tuple[int, int, int, int, int], _Choice]] = []
    for order, entry in enumerate(entries):
        kanji = text if text in entry.kanji else None
        forms = entry.readings_of(text) if kanji else tuple(k for k in entry.kana if k == text)
        if not forms:
            continue
        match, kana = max(((_same_reading(k, reading), k) for k in forms), key=lambda mk: mk[0])
        usually_kana = kana_word and (not entry.kanji or any("uk" in s.misc for s in entry.senses))
        tags = set(entry.priority_of(kanji or kana)) | set(entry.priority_of(kana))
        priority = 2 if tags & _STRONG_PRIORITY else 1 if tags else 0
        fits = any(pos_fits(code, pos) for s in entry.senses for code in s.pos)
        key = (match, int(usually_kana), priority, int(fits), -order)
        ranked.append((key, _Choice(entry, kanji, kana, match)))
    if not ranked:
        return None
    key, best = max(ranked, key=lambda kc: kc[0])
    if best.reading_match or kana_word or not require_match:
        return best
    # A kanji form whose reading Sudachi does not share: trust it only if it is unambiguous.
    return best if len(ranked) == 1 else None


def _word_gloss(choice: _Choice, text: str, pos: Sequence[str]) -> _Gloss:
    senses = choice.entry.senses_for(choice.kanji, choice.kana) or choice.entry.senses
    reading = katakana_to_hiragana(choice.kana)
    # The sense news means, where the curated table knows better than the order of JMdict.
    news = shipped_senses().choose(text, reading, senses, suffix=bool(pos) and pos[0] == "接尾辞")
    senses, primary = news if news is not None else (senses, primary_sense(senses, pos))
    return _Gloss(
        text=text,
        reading=reading,
        senses=senses,
        primary=primary,
        source="jmdict",
        kind="word",
        pos=tuple(pos),
        # Frequency is counted per written form: 保障 and 保証 share an entry, not a rank.
        priority=choice.entry.priority_of(choice.kanji or choice.kana),
    )


@lru_cache(maxsize=4096)
def _as_suffix(gloss: _Gloss) -> _Gloss:
    news = shipped_senses().choose(gloss.text, gloss.reading, gloss.senses, suffix=True)
    return gloss if news is None else replaced(gloss, senses=news[0], primary=news[1])


@lru_cache(maxsize=4096)
def _in_sentence(gloss: _Gloss, following: str, before: str) -> _Gloss:
    """``gloss`` with the sense its neighbours choose: the news-senses table's rows for the
    token ``following`` it or for a number ``before`` it (3年|前 "ago"); and a verb's bound
    use ("-able" of 得る, written after a verb stem: 変わり|得る) only after a verb."""
    news = shipped_senses().choose(
        gloss.text,
        gloss.reading,
        gloss.senses,
        following=following,
        after_number=before == "number",
        context_only=True,
    )
    if news is not None:
        return replaced(gloss, senses=news[0], primary=news[1])
    if before != "verb" and _bound(gloss):
        return replaced(gloss, primary=free_sense(gloss.senses, gloss.pos))
    if before == "object" and _transitivity(gloss):
        return replaced(gloss, primary=transitive_sense(gloss.senses, gloss.pos, gloss.primary))
    return gloss


def _transitivity(gloss: _Gloss) -> bool:
    """Whether an object before a verb would change its primary sense (vi → vt)."""
    return gloss.pos[:1] == ("動詞",) and transitivity_matters(gloss.senses, gloss.primary)


def _bound(gloss: _Gloss) -> bool:
    """Whether the primary sense of a verb is its use bound to a verb before it (suf)."""
    return gloss.pos[:1] == ("動詞",) and bool(gloss.senses) and "suf" in gloss.senses[gloss.primary].pos


def _before(tokens: Sequence[Token], i: int) -> str:
    """What comes before token ``i``, as far as choosing its sense goes."""
    if follows_number(tokens, i):
        return "number"
    if i > 0 and tokens[i - 1].pos[0] == "動詞":
        return "verb"
    if i > 0 and tokens[i - 1].surface == "を" and tokens[i - 1].pos[0] == "助詞":
        return "object"
    return ""


def _identity(entry: GlossaryEntry) -> str:
    """Who or what a glossary entry is: a person by the name their description opens with
    ("Donald Trump — President …"), which every spelling of them shares; else the term."""
    if entry.kind == "person" and " — " in entry.description:
        return "person:" + entry.description.split(" — ", 1)[0]
    return f"{entry.kind}:{entry.term}"


@lru_cache(maxsize=4096)
def _spelled(gloss: _Gloss, text: str) -> _Gloss:
    # dataclasses.replace, not replaced(): the id is cached from the text.
    return replace(gloss, text=text)


def _term_gloss(entry: GlossaryEntry) -> _Gloss:
    return _Gloss(
        identity=_identity(entry),
        text=entry.term,
        reading=entry.reading,
        senses=(Sense(glosses=entry.glosses),),
        primary=0,
        source="glossary",
        kind=entry.kind,
        note=entry.note,
        domain=entry.domain,
        description=_dated(entry.description, entry.as_of),
    )


def _family_gloss(person: GlossaryEntry) -> _Gloss:
    """The item of a person's family name said alone (小谷氏 for 小谷哲男)."""
    family = person.family
    assert family is not None
    return _Gloss(
        identity=_identity(person),
        text=family.term,
        reading=family.reading,
        senses=(Sense(glosses=(family.gloss,)),),
        primary=0,
        source="glossary",
        kind="person",
        note=f"Family name of {person.term} ({person.glosses[0]}).",
        domain=person.domain,
        description=_dated(person.description, person.as_of),
    )


# Made once per glossary entry, however often an article names it.
_term_glosses = IdentityMemo(_term_gloss, limit=50_000)
_family_glosses = IdentityMemo(_family_gloss, limit=50_000)


def _dated(description: str, as_of: int | None) -> str:
    # Offices change; a reader in 2030 should see when "President of Ukraine" was true.
    return f"{description} (as of {as_of})" if description and as_of else description


def _part_glosses(gloss: _Gloss, limit: int = 2) -> tuple[str, ...]:
    return gloss.senses[gloss.primary].glosses[:limit]


def _same_reading(a: str, b: str | None) -> int:
    """2 if equal in hiragana; 1 if equal but for rendaku and gemination (かいしゃ/がいしゃ); else 0."""
    if b is None:
        return 0
    a, b = katakana_to_hiragana(a), katakana_to_hiragana(b)
    if a == b:
        return 2
    if len(a) != len(b):
        return 0
    for x, y in zip(a, b, strict=True):
        if x == y or x.translate(_SEION) == y.translate(_SEION):
            continue
        if "っ" in (x, y) and (x + y).replace("っ", "") in ("つ", "く", "ち", "き"):
            continue
        return 0
    return 1


def _name_kind(types: Iterable[str], pos: Sequence[str]) -> ItemKind:
    found = set(types)
    if found & _PERSON_TYPES:
        return "person"
    if found & _PLACE_TYPES:
        return "place"
    if found & _ORGANISATION_TYPES:
        return "organisation"
    return _sudachi_kind(pos)


def _sudachi_kind(pos: Sequence[str]) -> ItemKind:
    detail = pos[2] if len(pos) > 2 else ""
    if detail == "人名":
        return "person"
    if detail == "地名":
        return "place"
    return "organisation" if detail.startswith("組織") else "term"


# --- token classes ------------------------------------------------------------------------


def _token_forms(token: Token) -> list[tuple[str, str | None]]:
    """What to look a token up as: its lemma with the lemma's reading, then its surface."""
    forms = [(token.lemma, lemma_reading(token.surface, token.reading, token.lemma, token.pos))]
    if token.surface != token.lemma:
        forms.append((token.surface, token.reading))
    return forms


def _lookup_forms(text: str) -> list[str]:
    """``text``, and its full-width form if it has ASCII letters or digits (JMdict writes ＮＡＴＯ)."""
    wide = text.translate(_FULL_WIDTH)
    return [text, wide] if wide != text else [text]


def _head_pos_of(pos: tuple[str, ...]) -> tuple[str, ...]:
    """The POS of a compound whose last token has ``pos``."""
    # A compound ending in a noun-like suffix (停戦後) is a noun.
    if pos[0] == "接尾辞" and pos[1] == "名詞的":
        return ("名詞", "普通名詞", "一般", "*", "*", "*")
    return pos


def _span_texts(span: Sequence[Token], surfaces: str | None = None) -> list[tuple[str, bool]]:
    """The texts a span may be looked up as: its surfaces (``surfaces``, if the caller has
    them joined), and with its last token's lemma."""
    if surfaces is None:
        surfaces = "".join(t.surface for t in span)
    last = span[-1]
    texts = [(surfaces, False)]
    if last.lemma != last.surface and last.pos[0] in ("動詞", "形容詞"):
        texts.append((surfaces[: len(surfaces) - len(last.surface)] + last.lemma, True))
    return texts


def _joined_reading(span: Sequence[Token], *, lemma_last: bool = False) -> str | None:
    parts: list[str] = []
    for i, token in enumerate(span):
        reading = token.reading
        if lemma_last and i == len(span) - 1:
            reading = lemma_reading(token.surface, token.reading, token.lemma, token.pos)
        if reading is None:
            return None
        parts.append(reading)
    return "".join(parts)


# --- one sentence -------------------------------------------------------------------------


def _gloss_sentence(
    sentence: Sentence, spans: Sequence[_Span], registry: _Registry, fields: frozenset[str]
) -> Sentence:
    tokens = sentence.tokens
    out: list[Token] = []
    i = 0
    for span in spans:
        out.extend(tokens[i : span.start])
        gloss = span.gloss
        if fields and gloss.source == "jmdict" and len(gloss.senses) > 1:
            gloss = registry.in_context(gloss, fields)
        covered = tokens[span.start : span.end]
        # "Also read …" belongs to the written form: a word alone, as the item writes it.
        others = covered[0].other_readings if len(covered) == 1 and covered[0].surface == gloss.text else ()
        item, glosses = registry.add(gloss, sentence.text, others)
        if span.reading is not None:
            merged = merge_tokens(covered, span.reading, lemma=span.gloss.text, source=span.reading_source)
            covered = (merged,)
        for token in covered:
            # replaced(token, gloss=…, item=…), written out: once per glossed word.
            values = token.__dict__.copy()
            values["gloss"] = glosses
            values["item"] = item
            glossed = new_instance(Token)
            set_field(glossed, "__dict__", values)
            out.append(glossed)
        i = span.end
    out.extend(tokens[i:])
    return replaced(sentence, tokens=tuple(out))


def _segments(
    blocks: Sequence[Block], classes: Sequence[Sequence[WordClass]], lexicon: _Lexicon
) -> list[list[list[_Span]]]:
    """:func:`_segment` of every sentence; ``classes`` holds each sentence's word classes."""
    by_sentence = iter(classes)
    return [[_segment(s.tokens, next(by_sentence), lexicon) for s in b.sentences] for b in blocks]


def _segment(tokens: Sequence[Token], classes: Sequence[WordClass], lexicon: _Lexicon) -> list[_Span]:
    """The sentence's items, as non-overlapping spans in order (passes in the module docstring).

    Each pass tries only the positions where its match can start (from the word classes):
    the answer is the same as trying every position, which most of them fail at once.
    """
    n = len(tokens)
    taken: list[_Span] = []
    expressions = shipped_expressions()
    starts = [i for i, t in enumerate(tokens) if t.lemma in expressions.starts]
    taken += _scan(tokens, [(0, n)], starts, partial(_expression_span, expressions))
    starts = [i for i, c in enumerate(classes) if c.glossary_start]
    taken += _scan(tokens, _gaps(n, taken), starts, partial(lexicon.glossary_span, classes=classes))
    starts = [i for i, c in enumerate(classes) if c.compound_start]
    compound = partial(lexicon.compound_span, classes=classes)
    taken += _scan(tokens, _gaps(n, taken), starts, compound)
    # A Chinese or Korean family name may be followed by kanji Sudachi does not tag a given name.
    east_asian = _east_asian_context(tokens)
    starts = [
        i for i, c in enumerate(classes[:-1]) if c.surname and (east_asian or classes[i + 1].given_name)
    ]
    taken += _scan(tokens, _gaps(n, taken), starts, lambda ts, s, _stop: lexicon.full_name(ts, s))
    for start, stop in _gaps(n, taken):
        taken += _compose_run(tokens, classes, start, stop, lexicon)
    starts = [i for i, c in enumerate(classes) if c.content and not counts_a_number(classes, i)]
    for start, stop in _gaps(n, taken):
        for i in _starts_within(starts, start, stop):
            if (span := lexicon.single(tokens, i)) is not None:
                taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def _expression_span(
    expressions: Expressions, tokens: Sequence[Token], start: int, stop: int
) -> _Span | None:
    found = expressions.match(tokens, start, stop)
    if found is None:
        return None
    expression, end = found
    return _Span(start, end, _expression_gloss(expression))


@cache
def _expression_gloss(expression: Expression) -> _Gloss:
    # One _Gloss per expression, so that its items and their ids are made once.
    return _Gloss(
        text=expression.text,
        reading=expression.reading,
        senses=(Sense(glosses=expression.glosses, pos=("exp",)),),
        primary=0,
        source="glossary",
        kind="expression",
        note=expression.note,
    )


def _starts_within(starts: Sequence[int], start: int, stop: int) -> Iterator[int]:
    """The positions of ``starts`` (ascending) in ``start:stop``."""
    k = bisect_left(starts, start)
    while k < len(starts) and starts[k] < stop:
        yield starts[k]
        k += 1


def _scan(
    tokens: Sequence[Token],
    gaps: Iterable[tuple[int, int]],
    starts: Sequence[int],
    match: Callable[[Sequence[Token], int, int], _Span | None],
) -> list[_Span]:
    """Longest match at each position, left to right, within each gap; ``match`` is tried
    only at ``starts`` (ascending), the positions where it can match at all."""
    found: list[_Span] = []
    if not starts:
        return found
    for start, stop in gaps:
        i = start
        for at in _starts_within(starts, start, stop):
            if at < i:
                continue
            span = match(tokens, at, stop)
            if span is not None and span.end <= stop:
                found.append(span)
                i = span.end
    return found


def _compose_run(
    tokens: Sequence[Token], classes: Sequence[WordClass], start: int, stop: int, lexicon: _Lexicon
) -> list[_Span]:
    """Composed items for maximal runs of composable tokens in ``start:stop``."""
    found: list[_Span] = []
    i = start
    while i < stop:
        j = i
        while j < stop and (classes[j].composable_first if j == i else classes[j].composable_rest):
            j += 1
        if j - i >= 2 and (span := lexicon.composed(tokens, i, j)) is not None:
            found.append(span)
        i = max(j, i + 1)
    return found


def _gaps(length: int, taken: Sequence[_Span]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    i = 0
    for span in sorted(taken, key=lambda s: s.start):
        if span.start > i:
            gaps.append((i, span.start))
        i = max(i, span.end)
    if i < length:
        gaps.append((i, length))
    return gaps


# --- items --------------------------------------------------------------------------------


@dataclass
class _Registry:
    """Items in order of first appearance, with their counts."""

    _items: dict[str, VocabItem] = field(default_factory=dict)
    _counts: Counter[str] = field(default_factory=Counter)
    _glosses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _identities: dict[str, str] = field(default_factory=dict)
    """Glossary identity → the id of the item the document met it as first."""
    _in_context: dict[tuple[int, frozenset[str]], tuple[_Gloss, _Gloss]] = field(default_factory=dict)

    def in_context(self, gloss: _Gloss, fields: frozenset[str]) -> _Gloss:
        """``gloss`` with the primary sense the article's ``fields`` prefer."""
        # A word's _Gloss is one object however often the word occurs; keeping it in the
        # entry keeps its id from being reused.
        key = (id(gloss), fields)
        found = self._in_context.get(key)
        if found is None or found[0] is not gloss:
            # Only a sense of the article's fields changes the primary sense; otherwise the
            # word keeps the one it has (which the news-senses table may have chosen).
            in_field = field_sense(gloss.senses, gloss.pos, fields)
            adjusted = gloss if in_field is None else replaced(gloss, primary=in_field)
            found = self._in_context[key] = (gloss, adjusted)
        return found[1]

    def add(
        self, gloss: _Gloss, sentence: str, other_readings: tuple[str, ...] = ()
    ) -> tuple[str, tuple[str, ...]]:
        """Count one occurrence; the first one of an id decides the item (ids are stable).

        Returns the item's id and its glosses, for the tokens.
        """
        key = gloss.id
        if gloss.identity:
            # One person, one item: トランプ after ドナルド・トランプ counts under the first.
            key = self._identities.setdefault(gloss.identity, key)
        glosses = self._glosses.get(key)
        if glosses is not None:
            self._counts[key] += 1
            return key, glosses
        self._counts[key] += 1
        if key not in self._items:
            self._items[key] = VocabItem(
                id=key,
                text=gloss.text,
                reading=gloss.reading,
                senses=gloss.senses,
                primary=gloss.primary,
                source=gloss.source,
                kind=gloss.kind,
                count=1,
                first_sentence=sentence,
                note=gloss.note,
                composed_from=gloss.composed_from,
                priority=gloss.priority,
                domain=gloss.domain,
                description=gloss.description,
                other_readings=other_readings,
                pos=gloss.pos if gloss.source == "jmdict" else (),
            )
            self._glosses[key] = self._items[key].glosses
        return key, self._glosses[key]

    def items(self) -> tuple[VocabItem, ...]:
        return tuple(replace(item, count=self._counts[key]) for key, item in self._items.items())


# --- a long document, a group of blocks at a time --------------------------------------------


class VocabularyStream:
    """:func:`build_vocabulary` for a document glossed a group of blocks at a time.

    Gives the same blocks and items as one call on the whole document while holding
    only one group's tokens: the registry carries counts and first sentences across
    groups, and each group's dictionary answers are fetched in one batch. Three facts
    are document-wide. The family names of people named in full (``families``) come
    from the whole text, which the caller has. A katakana word used as a name anywhere
    is a name throughout, and the article's domain (its glossary terms) picks senses:
    given ``people`` and ``fields`` from an earlier pass, the result is exact; without,
    what the groups so far show is used, and :attr:`exact` says afterwards whether that
    was all there was, or the document must be glossed again with
    ``people=stream.people, fields=stream.fields``.
    """

    def __init__(
        self,
        *,
        dictionary: JMdict,
        glossary: Glossary,
        families: Mapping[str, GlossaryEntry],
        people: frozenset[str] | None = None,
        fields: frozenset[str] | None = None,
    ) -> None:
        self._dictionary = dictionary
        self._glossary = glossary
        self._families = families
        self._fixed = people is not None and fields is not None
        self._people: frozenset[str] = people or frozenset()
        self._not_yet_people: set[str] = set()
        self._fields = fields
        self._domains: Counter[str] = Counter()
        self._fields_used: set[frozenset[str]] = set()
        self._registry = _Registry()
        self._words_seen = _words_seen_for(dictionary)

    def gloss(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        blocks = tuple(split_fused_titles(b, self._glossary, self._families) for b in blocks)
        sentences = [s for b in blocks for s in b.sentences]
        classes = [word_classes(s.tokens, self._glossary) for s in sentences]
        lexicon = _Lexicon.for_sentences(sentences, self._dictionary, self._glossary, self._families, classes)
        if not self._fixed:
            self._people |= lexicon.people
            self._not_yet_people.update(
                t.surface
                for s, sentence_classes in zip(sentences, classes, strict=True)
                for t, c in zip(s.tokens, sentence_classes, strict=True)
                if c.katakana and t.surface not in self._people
            )
        # A token's JMdict item depends only on the token and the dictionary: the answers
        # of earlier groups stay good.
        lexicon = replace(lexicon, people=self._people, _words_seen=self._words_seen)
        spans = _segments(blocks, classes, lexicon)
        if self._fields is not None and self._fixed:
            fields = self._fields
        else:
            self._domains.update(_domains(spans))
            fields = self.fields
            self._fields_used.add(fields)
        return _glossed(blocks, spans, self._registry, fields)

    @property
    def people(self) -> frozenset[str]:
        """Katakana words used as a name in the groups so far."""
        return self._people

    @property
    def fields(self) -> frozenset[str]:
        """The JMdict fields the glossary terms of the groups so far prefer."""
        if self._fixed and self._fields is not None:
            return self._fields
        return preferred_fields(self._domains.elements())

    @property
    def exact(self) -> bool:
        """Whether the groups so far are glossed as :func:`build_vocabulary` would gloss them."""
        if self._fixed:
            return True
        return not (self._not_yet_people & self._people) and self._fields_used <= {self.fields}

    def items(self) -> tuple[VocabItem, ...]:
        """The items of every group so far, in order of first appearance."""
        return self._registry.items()
