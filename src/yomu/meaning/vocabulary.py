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
    5. Single tokens; one JMdict does not know that is a word and a one-kanji suffix
       fused by Sudachi (就任後) is composed from the two (:meth:`Lexicon._fused`).

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
    whose POS fits Sudachi's (:func:`yomu.meaning.senses.pos_fits`,
    :func:`yomu.meaning.senses.primary_sense`), else 0, unless the news-senses table
    (:mod:`yomu.meaning.news_senses`) names another, for the word alone or for its
    neighbours (the token after it, a number before it), or a verb's bound use (得る
    "can") is primary for a verb that does not follow a verb.

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

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING

from ..model import Block, Sentence, Token, VocabItem, Word
from ..words.readings import merge_tokens
from .lexicon import Lexicon, TermMatch
from .lexicon_seen import words_seen_for
from .names import (
    NAME_JOINERS,
    TITLES,
    families_named_in_full,
    split_fused_titles,
)
from .segmenting import Segments, segments
from .senses import (
    field_sense,
    fields_for_counts,
    pos_fits,
    preferred_fields,
    primary_sense,
)
from .word_classes import (
    MAX_SPAN_TOKENS,
    STOPLIST,
    compound_runs,
    in_compound_particle,
    word_classes,
)
from .word_glosses import (
    MAX_COMPOSED_TOKENS,
    UNKNOWN_NAME,
    Span,
    WordGloss,
    lemma_reading,
)

if TYPE_CHECKING:
    from .dictionary import JMdict
    from .glossary import Glossary, GlossaryEntry


__all__ = [
    "MAX_COMPOSED_TOKENS",
    "MAX_SPAN_TOKENS",
    "NAME_JOINERS",
    "STOPLIST",
    "TITLES",
    "UNKNOWN_NAME",
    "VocabularyStream",
    "build_vocabulary",
    "families_named_in_full",
    "lemma_reading",
    "pos_fits",
    "preferred_fields",
    "primary_sense",
]
"""The public names; those defined in ``names``, ``word_classes``, ``senses`` and
``word_glosses`` stay importable from here, where they were defined before."""


# --- public API ---------------------------------------------------------------------------


def build_vocabulary(
    blocks: Sequence[Block], *, dictionary: JMdict, glossary: Glossary
) -> tuple[tuple[Block, ...], tuple[VocabItem, ...]]:
    """Gloss a document: tokens get ``gloss`` and ``item``; items come in order of first use."""
    families = families_named_in_full((s.text for b in blocks for s in b.sentences), glossary)
    blocks = tuple(split_fused_titles(b, glossary, families) for b in blocks)
    sentences = [s for b in blocks for s in b.sentences]
    classes = [word_classes(s.tokens, glossary) for s in sentences]
    runs = [compound_runs(c) for c in classes]
    lexicon = replace(
        Lexicon.for_sentences(sentences, dictionary, glossary, families, classes, runs),
        _seen=words_seen_for(dictionary),
    )
    spans = segments(blocks, classes, lexicon, runs)
    # The article's domain, from its glossary terms, picks senses: 前線 in war news is the
    # front line, not a weather front.
    fields = preferred_fields(_domains(spans))
    registry = _Registry()
    return _glossed(blocks, spans, lexicon, registry, fields), registry.items()


def _glossed(
    blocks: Sequence[Block],
    spans: Sequence[Sequence[Segments]],
    lexicon: Lexicon,
    registry: _Registry,
    fields: frozenset[str],
) -> tuple[Block, ...]:
    return tuple(
        # The constructors, not dataclasses.replace: a third of the time.
        Block(
            b.kind,
            tuple(
                _gloss_sentence(s, found, lexicon, registry, fields)
                for s, found in zip(b.sentences, block, strict=True)
            ),
            b.marker,
        )
        for b, block in zip(blocks, spans, strict=True)
    )


def _domains(spans: Iterable[Iterable[Segments]]) -> Iterator[str]:
    """The glossary domain of every glossary term found, one per occurrence."""
    # Single tokens have none: only the glossary pass gives a domain.
    return (span.gloss.domain for block in spans for sentence, _ in block for span in sentence)


# --- one sentence -------------------------------------------------------------------------


def _gloss_sentence(
    sentence: Sentence, found: Segments, lexicon: Lexicon, registry: _Registry, fields: frozenset[str]
) -> Sentence:
    tokens = sentence.tokens
    spans, singles = found
    out: list[Token] = []
    i = 0
    counts = registry.counts
    alone = registry.alone
    s = 0
    # The single tokens, tried here as the walk reaches them, before each span and after the last.
    for span in (*spans, None):
        k = len(tokens) if span is None else span.start
        while s < len(singles) and singles[s] < k:
            p = singles[s]
            s += 1
            if p > i:
                out += tokens[i:p]
            i = p + 1
            token = tokens[p]
            word = token.word
            known = alone.get(word)
            if known is not None:
                # A word met before whose item does not depend on where it stands: its
                # token needs this look-up and no span, unless it is a verb of a compound
                # particle (に|向け), which is no item.
                item, glossed, verb = known
                if item is None or glossed is None or (verb and in_compound_particle(tokens, p)):
                    out.append(token)
                else:
                    counts[item] += 1
                    out.append(Token(glossed, token.start))
                continue
            single = lexicon.single(tokens, p)
            fixed = lexicon.single_is_fixed(word)
            if len(alone) >= 100_000:
                alone.clear()  # bounded for a long input's many words; refilled as met
            if single is None:
                out.append(token)
                if fixed and word.pos[0] != "動詞":
                    alone[word] = (None, None, False)
                continue
            _gloss_span(tokens, single, sentence.text, registry, fields, out)
            if fixed:
                alone[word] = (out[-1].word.item, out[-1].word, word.pos[0] == "動詞")
        if span is None:
            break
        if k > i:
            out += tokens[i:k]
        _gloss_span(tokens, span, sentence.text, registry, fields, out)
        i = span.end
    out.extend(tokens[i:])
    return Sentence(sentence.text, tuple(out), sentence.grammar)


def _gloss_span(
    tokens: Sequence[Token],
    span: Span,
    sentence: str,
    registry: _Registry,
    fields: frozenset[str],
    out: list[Token],
) -> None:
    """Append the tokens of ``span`` (tokens ``span.start:span.end``) as tokens of its item."""
    k = span.start
    gloss = span.gloss
    known = registry.words
    if span.end == k + 1 and span.reading is None:
        # A word of an item met before: what it becomes depends on the word and the
        # item alone, which the registry worked out at its first occurrence.
        token = tokens[k]
        found = known.get((gloss.id, gloss.identity, token.word))
        if found is not None:
            registry.counts[found[0]] += 1
            out.append(Token(found[1], token.start))
            return
    elif span.reading is None:
        # The same for the words of an item of several tokens (安全|保障, に|向け|て).
        covered = tokens[k : span.end]
        several = registry.spans.get((gloss.id, gloss.identity, tuple(map(_WORD, covered))))
        if several is not None:
            registry.counts[several[0]] += 1
            out += map(Token, several[1], map(_START, covered))
            return
    if fields and gloss.source == "jmdict" and len(gloss.senses) > 1:
        gloss = registry.in_context(gloss, fields)
    covered = tokens[span.start : span.end]
    # "Also read …" belongs to the written form: a word alone, as the item writes it.
    others = covered[0].other_readings if len(covered) == 1 and covered[0].surface == gloss.text else ()
    item, glosses = registry.add(gloss, sentence, others)
    if span.reading is not None:
        merged = merge_tokens(covered, span.reading, lemma=span.gloss.text, source=span.reading_source)
        covered = (merged,)
    for token in covered:
        out.append(Token(registry.glossed(token.word, item, glosses), token.start))
    if span.reading is None:
        if len(covered) == 1:
            if len(known) >= 100_000:
                known.clear()  # bounded for a long input's many words; refilled as met
            known[(span.gloss.id, span.gloss.identity, covered[0].word)] = (item, out[-1].word)
        else:
            if len(registry.spans) >= 100_000:
                registry.spans.clear()
            key = (span.gloss.id, span.gloss.identity, tuple(map(_WORD, covered)))
            registry.spans[key] = (item, tuple(map(_WORD, out[-len(covered) :])))


_WORD = attrgetter("word")
_START = attrgetter("start")


# --- items --------------------------------------------------------------------------------


_GLOSSED_WORDS: dict[tuple[Word, str, tuple[str, ...]], Word] = {}
"""(word, item id, glosses) → the glossed word, shared by the documents of a process: a
word glossed the same way in the next article of a bulk run is the same object, which the
renderers' per-word memos then find by identity rather than by comparing fields."""


@dataclass
class _Registry:
    """Items in order of first appearance, with their counts."""

    _items: dict[str, VocabItem] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    """Occurrences by item id."""
    _glosses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _identities: dict[str, str] = field(default_factory=dict)
    """Glossary identity → the id of the item the document met it as first."""
    _in_context: dict[tuple[WordGloss, frozenset[str]], WordGloss] = field(default_factory=dict)
    _glossed: dict[tuple[Word, str], Word] = field(default_factory=dict)
    """(word, item id) → the word with the item's id and glosses: one per glossed word."""
    words: dict[tuple[str, str, Word], tuple[str, Word]] = field(default_factory=dict)
    """(gloss id, gloss identity, word) → the item id a word of that gloss counts under and
    the word as its token: a gloss's item is decided by its id and identity, and once made
    does not change, so a word's later occurrences need no look-up but the count."""
    spans: dict[tuple[str, str, tuple[Word, ...]], tuple[str, tuple[Word, ...]]] = field(default_factory=dict)
    """:attr:`words` for the items of several tokens, keyed on their words in order."""
    alone: dict[Word, tuple[str | None, Word | None, bool]] = field(default_factory=dict)
    """A word whose single-token item is the same wherever it stands (see
    :meth:`Lexicon.single_is_fixed`) → its item id (``None``: no item), the word as its
    token, and whether it is a verb, which a compound particle may take."""
    people: frozenset[str] = frozenset()
    """The names :attr:`alone` was filled under: a word that becomes a name leaves it."""

    def glossed(self, word: Word, item: str, glosses: tuple[str, ...]) -> Word:
        """``word`` as a token of the item ``item`` (whose glosses are ``glosses``)."""
        key = (word, item)
        found = self._glossed.get(key)
        if found is None:
            shared = (word, item, glosses)
            found = _GLOSSED_WORDS.get(shared)
            if found is None:
                if len(_GLOSSED_WORDS) >= 100_000:
                    _GLOSSED_WORDS.clear()  # bounded; refilled as words are met
                found = _GLOSSED_WORDS[shared] = replace(word, gloss=glosses, item=item)
            self._glossed[key] = found
        return found

    def in_context(self, gloss: WordGloss, fields: frozenset[str]) -> WordGloss:
        """``gloss`` with the primary sense the article's ``fields`` prefer."""
        key = (gloss, fields)
        found = self._in_context.get(key)
        if found is None:
            # Only a sense of the article's fields changes the primary sense; otherwise the
            # word keeps the one it has (which the news-senses table may have chosen).
            in_field = field_sense(gloss.senses, gloss.pos, fields)
            found = self._in_context[key] = gloss if in_field is None else replace(gloss, primary=in_field)
        return found

    def add(
        self, gloss: WordGloss, sentence: str, other_readings: tuple[str, ...] = ()
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
            self.counts[key] += 1
            return key, glosses
        self.counts[key] += 1
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
        return tuple(replace(item, count=self.counts[key]) for key, item in self._items.items())


# --- a long document, a group of blocks at a time --------------------------------------------


_KATAKANA = attrgetter("katakana")


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
        self._seen = words_seen_for(dictionary)
        self._terms: dict[Word | tuple[Word, ...], tuple[TermMatch, ...]] = {}
        """The lexicons' glossary answers by span words (:attr:`Lexicon._terms`), for every group."""

    def gloss(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        blocks = tuple(split_fused_titles(b, self._glossary, self._families) for b in blocks)
        sentences = [s for b in blocks for s in b.sentences]
        classes = [word_classes(s.tokens, self._glossary) for s in sentences]
        runs = [compound_runs(c) for c in classes]
        lexicon = Lexicon.for_sentences(
            sentences, self._dictionary, self._glossary, self._families, classes, runs
        )
        if not self._fixed:
            self._people |= lexicon.people
            for s, sentence_classes in zip(sentences, classes, strict=True):
                # The katakana words, picked out without a Python step per token.
                for t in compress(s.tokens, map(_KATAKANA, sentence_classes)):
                    if t.surface not in self._people:
                        self._not_yet_people.add(t.surface)
        # A token's JMdict item depends only on the token and the dictionary: the answers
        # of earlier groups stay good.
        lexicon = replace(lexicon, people=self._people, _seen=self._seen, _terms=self._terms)
        spans = segments(blocks, classes, lexicon, runs)
        if self._fields is not None and self._fixed:
            fields = self._fields
        else:
            self._domains.update(_domains(spans))
            fields = self.fields
            self._fields_used.add(fields)
        if self._people != self._registry.people:
            # A word used as a name since is glossed at each occurrence again.
            self._registry.alone.clear()
            self._registry.people = self._people
        return _glossed(blocks, spans, lexicon, self._registry, fields)

    @property
    def people(self) -> frozenset[str]:
        """Katakana words used as a name in the groups so far."""
        return self._people

    @property
    def fields(self) -> frozenset[str]:
        """The JMdict fields the glossary terms of the groups so far prefer."""
        if self._fixed and self._fields is not None:
            return self._fields
        # From the counts: the same as preferred_fields of every occurrence so far.
        return fields_for_counts(self._domains)

    @property
    def exact(self) -> bool:
        """Whether the groups so far are glossed as :func:`build_vocabulary` would gloss them."""
        if self._fixed:
            return True
        return not (self._not_yet_people & self._people) and self._fields_used <= {self.fields}

    def items(self) -> tuple[VocabItem, ...]:
        """The items of every group so far, in order of first appearance."""
        return self._registry.items()
