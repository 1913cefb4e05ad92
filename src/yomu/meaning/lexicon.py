"""The lexicon of a document: its glossary and every dictionary answer its words need,
fetched in three batched calls up front, and the look-ups each vocabulary pass makes
(glossary terms, JMdict compounds and words, JMnedict names, composition, one token).
The rules are in :mod:`yomu.meaning.vocabulary`'s docstring.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from ..model import ItemKind, Sense, Sentence, Token, Word
from ..words.kana import KANA_WORD, KATAKANA_WORD, katakana_to_hiragana
from .lexicon_seen import Seen, SingleAnswer, fused_parts, single_forms
from .names import (
    in_name_context,
    is_person,
    names_a_person,
)
from .news_senses import shipped_senses
from .word_classes import (
    AFFIXES,
    MAX_SPAN_TOKENS,
    WordClass,
    composable,
    compound_runs,
    in_compound_particle,
    is_number,
    term_prefixes,
    term_proper_prefixes,
)
from .word_glosses import (
    INFLECTING,
    MAX_COMPOSED_TOKENS,
    Span,
    WordGloss,
    as_suffix,
    choose_entry,
    context_before,
    east_asian_context,
    east_asian_name,
    family_glosses,
    head_pos_of,
    in_sentence,
    is_bound_use,
    joined_reading,
    lookup_forms,
    name_kind,
    object_may_change_sense,
    part_glosses,
    same_reading,
    span_texts,
    spelled,
    sudachi_kind,
    term_glosses,
    token_forms,
    unknown_name,
    word_gloss,
)

if TYPE_CHECKING:
    from .dict_entries import DictEntry
    from .dictionary import JMdict
    from .glossary import Glossary, GlossaryEntry


# --- looking things up --------------------------------------------------------------------


_CompoundKey = tuple[str, str | None, tuple[str, ...], bool]
"""A span's text, its joined reading, its last token's POS, and whether that is a lemma."""

TermMatch = tuple["GlossaryEntry", "WordGloss | None", "str | None"]
"""A glossary entry a span's text names, the span's gloss and the reading it gives the
span; or a person whose family name the text is (no gloss: :meth:`Lexicon._family_match`)."""

_WORD = attrgetter("word")


_NOUN = ("名詞", "普通名詞", "サ変可能", "*", "*", "*")
_SUFFIX = ("接尾辞", "名詞的", "一般", "*", "*", "*")


@dataclass(frozen=True)
class Lexicon:
    """The glossary and every dictionary answer a document needs, fetched up front."""

    glossary: Glossary
    words: Mapping[str, tuple[DictEntry, ...]]
    names: Mapping[str, tuple[DictEntry, ...]]
    people: frozenset[str]
    """Katakana words the document uses as a person's name at least once."""
    families: Mapping[str, GlossaryEntry] = field(default_factory=dict)
    """Family name → the glossary person the document names in full (小谷 → 小谷哲男)."""
    _seen: Seen = field(default_factory=lambda: Seen(), compare=False)
    """Per-word answers that depend on the word and the dictionary alone (:func:`words_seen_for`)."""
    _compounds_seen: dict[_CompoundKey, tuple[WordGloss, str | None] | None] = field(
        default_factory=dict, compare=False
    )
    _fused_seen: dict[tuple[str, str | None], WordGloss | None] = field(default_factory=dict, compare=False)
    """:meth:`_fused`'s answers by surface and reading: once per distinct token, not per occurrence."""
    _terms: dict[Word | tuple[Word, ...], tuple[TermMatch, ...]] = field(default_factory=dict, compare=False)
    """:meth:`_term_candidates` by the span's word (one token) or words: pass the same
    dict to the lexicons of one document's groups (the answers depend on its families)."""

    @classmethod
    def for_sentences(
        cls,
        sentences: Sequence[Sentence],
        dictionary: JMdict,
        glossary: Glossary,
        families: Mapping[str, GlossaryEntry],
        classes: Sequence[Sequence[WordClass]],
        runs: Sequence[Mapping[int, Sequence[int]]] | None = None,
    ) -> Lexicon:
        """``classes`` holds each sentence's word classes (:func:`word_classes`), ``runs``
        its :func:`compound_runs` (worked out here if not given)."""
        if runs is None:
            runs = [compound_runs(c) for c in classes]
        compounds: set[str] = set()
        singles: set[str] = set()
        name_forms: set[str] = set()
        people: set[str] = set()
        # What a token adds to singles and name_forms depends on the word alone: one word
        # class per word, compared by identity.
        words_done: set[WordClass] = set()
        for sentence, sentence_classes, sentence_runs in zip(sentences, classes, runs, strict=True):
            tokens = sentence.tokens
            for i in [k for k, c in enumerate(sentence_classes) if c.katakana]:
                if is_person(tokens, i):
                    people.add(tokens[i].surface)
            for i, ends in sentence_runs.items():
                compounds.update(text for _, text, _ in _compound_texts(tokens, i, ends))
            fresh = set(sentence_classes)
            fresh -= words_done
            if not fresh:
                continue
            words_done |= fresh
            # A token of each class (the tokens of one class are one word), found without
            # a Python step per token.
            by_class = dict(zip(sentence_classes, tokens, strict=True))
            for word_class in fresh:
                if word_class.content:
                    token = by_class[word_class]
                    singles.update(single_forms(token))
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
    ) -> Span | None:
        """The longest glossary term starting at ``start`` and ending by ``stop``."""
        # Every term a span can match starts with its first surface (or is its lemma), and
        # a span can only grow while its surfaces begin some term: most positions need no
        # join and no lookup at all.
        if not classes[start].glossary_start:
            return None
        longest = self._longest_term
        growing = self._growing_prefixes
        ends: list[tuple[int, str]] = []
        length = 0
        surfaces = ""
        for end in range(start + 1, min(stop, start + MAX_SPAN_TOKENS) + 1):
            surface = tokens[end - 1].word.surface
            length += len(surface)
            # A lemma can be longer than its surface, but not by more than a few kana.
            if length > longest + 2 or (end - 2 > start and not classes[end - 2].glossary_inside):
                break
            surfaces += surface
            if classes[end - 1].glossary_edge:
                ends.append((end, surfaces))
            if surfaces not in growing:
                break  # a longer span's text starts with these surfaces and one more
        terms = self._terms
        if len(terms) >= 100_000:
            terms.clear()  # bounded for a long input's many terms; refilled as met
        for end, joined in reversed(ends):
            # What the span's texts are in the glossary depends on its words alone: worked
            # out once per distinct span (one word, mostly), then only the checks that look
            # at the neighbours are made at each occurrence.
            key: Word | tuple[Word, ...] = (
                tokens[start].word if end == start + 1 else tuple(map(_WORD, tokens[start:end]))
            )
            found = terms.get(key)
            if found is None:
                found = terms[key] = self._term_candidates(tokens[start:end], joined)
            for entry, gloss, reading in found:
                if gloss is None:
                    if names_a_person(tokens, start, end):
                        return self._family_match(tokens[start:end], start, entry)
                elif self._reads_as(entry, tokens, start, end):
                    return Span(start, end, gloss, reading=reading, reading_source="glossary")
        return None

    def _term_candidates(self, span: Sequence[Token], joined: str) -> tuple[TermMatch, ...]:
        """What the texts of ``span`` (``joined``: its surfaces) may be, in the order
        :meth:`glossary_span` tries them: a glossary term (its gloss and the reading it
        gives the span), or, with no gloss, the family name of a person named in full."""
        longest = self.glossary.max_term_length
        found: list[TermMatch] = []
        for text, lemma_used in span_texts(span, joined):
            if len(text) <= longest and (entry := self.glossary.get(text)):
                match = self._glossary_match(span, 0, entry, lemma_used, joined)
                found.append((entry, match.gloss, match.reading))
            elif text in self.families:
                found.append((self.families[text], None, None))
        return tuple(found)

    @cached_property
    def _longest_term(self) -> int:
        return self.glossary.max_term_length

    @cached_property
    def _growing_prefixes(self) -> frozenset[str]:
        """The joined surfaces a span may grow from: a text shorter than some term that it
        begins, or (a term's prefix too) than a family name of the document. Past any
        other text a longer span's texts are neither: no term, no family name."""
        prefixes = term_prefixes(self.glossary)
        family = {name[:n] for name in self.families for n in range(1, len(name))} & prefixes
        return term_proper_prefixes(self.glossary) | family

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

    def _family_match(self, span: Sequence[Token], start: int, person: GlossaryEntry) -> Span:
        family = person.family
        assert family is not None
        gloss = family_glosses(person)
        reading = family.reading if joined_reading(span) != family.reading else None
        return Span(start, start + len(span), gloss, reading=reading, reading_source="glossary")

    def _glossary_match(
        self, span: Sequence[Token], start: int, entry: GlossaryEntry, lemma_used: bool, written: str
    ) -> Span:
        """``written`` is the span's surfaces, joined."""
        gloss = term_glosses(entry)
        if written != entry.term and written in entry.variants:
            gloss = spelled(gloss, written)  # the article's spelling: 米露, not the entry's 米ロ
        # A lemma match (話し合う for 話し合わ) cannot be re-read: the surface is inflected.
        override = not lemma_used and joined_reading(span) != entry.reading
        reading = entry.reading if override else None
        return Span(start, start + len(span), gloss, reading=reading, reading_source="glossary")

    # -- JMdict ---------------------------------------------------------------------------------

    def compound_span(
        self, tokens: Sequence[Token], start: int, stop: int, *, runs: Mapping[int, Sequence[int]]
    ) -> Span | None:
        """The longest JMdict word of 2+ tokens starting at ``start`` and ending by ``stop``;
        ``runs`` is the sentence's :func:`compound_runs`."""
        ends = [e for e in runs.get(start, ()) if e <= stop]
        if not ends:
            return None
        words = self.words
        known = [c for c in _compound_texts(tokens, start, ends) if c[1] in words]
        # Longest first; at one end, the surfaces before the lemma form (a stable sort).
        for end, text, lemma_used in sorted(known, key=lambda c: -c[0]):
            span = tokens[start:end]
            reading = joined_reading(span, lemma_last=lemma_used)
            key = (text, reading, span[-1].pos, lemma_used)
            if key not in self._compounds_seen:
                self._compounds_seen[key] = self._compound(*key)
            found = self._compounds_seen[key]
            if found is not None:
                gloss, override = found
                return Span(start, end, gloss, reading=override, reading_source="jmdict")
        return None

    def _compound(
        self, text: str, reading: str | None, pos: tuple[str, ...], lemma_used: bool
    ) -> tuple[WordGloss, str | None] | None:
        """The compound's item and the reading it overrides the tokens' with, if any."""
        choice = choose_entry(self.words[text], text, reading, pos, require_match=False)
        if choice is None:
            return None
        gloss = word_gloss(choice, text, head_pos_of(pos))
        readings = choice.entry.readings_of(text) if choice.kanji else (choice.kana,)
        override = not lemma_used and choice.reading_match < 2 and len(readings) == 1
        return gloss, katakana_to_hiragana(readings[0]) if override else None

    def word(self, token: Token) -> WordGloss | None:
        """The JMdict item of one token: by lemma (and its reading), then by surface."""
        seen = self._seen.words
        word = token.word
        if word not in seen:
            if len(seen) >= 100_000:
                seen.clear()  # bounded for a long input's many words; refilled as met
            seen[word] = self._word(token)
        return seen[word]

    def _word(self, token: Token) -> WordGloss | None:
        # Only inflecting words are shown as their lemma; Sudachi lower-cases Latin lemmas.
        shown = token.lemma if token.pos[0] in INFLECTING else token.surface
        for text, reading in token_forms(token):
            for form in lookup_forms(text):
                entries = self.words.get(form)
                choice = entries and choose_entry(entries, form, reading, token.pos, require_match=True)
                if choice:
                    return word_gloss(choice, shown, token.pos)
        return None

    # -- JMnedict -------------------------------------------------------------------------------

    def name(self, token: Token, kind: ItemKind | None = None) -> WordGloss | None:
        """The JMnedict item of one token, under the token's reading."""
        entry = self._name_entry(token, kind)
        if entry is None:
            return None
        return WordGloss(
            text=token.surface,
            reading=token.reading or "",
            senses=entry.senses,
            primary=0,
            source="jmnedict",
            kind=kind or name_kind(entry.name_types, token.pos),
        )

    def _name_entry(self, token: Token, kind: ItemKind | None) -> DictEntry | None:
        entries = [e for e in self.names.get(token.surface, ()) if e.senses]
        if not KANA_WORD.match(token.surface):
            if token.reading is None:
                return None
            entries = [e for e in entries if any(same_reading(k, token.reading) for k in e.kana)]
        wanted = kind or sudachi_kind(token.pos)
        for entry in entries:
            if name_kind(entry.name_types, ()) == wanted:
                return entry
        return entries[0] if entries else None

    def full_name(self, tokens: Sequence[Token], start: int) -> Span | None:
        """A surname token and a given-name token that JMnedict knows: one person."""
        if start + 1 >= len(tokens):
            return None
        surname, given = tokens[start], tokens[start + 1]
        if surname.pos[2:4] == ("人名", "姓") and east_asian_context(tokens):
            return east_asian_name(tokens, start)
        if surname.pos[2:4] != ("人名", "姓") or given.pos[2:4] != ("人名", "名"):
            return None
        text = surname.surface + given.surface
        parts = [self.name(surname, "person"), self.name(given, "person")]
        if parts[0] is None or parts[1] is None:
            return None
        gloss = WordGloss(
            text=text,
            reading=parts[0].reading + parts[1].reading,
            senses=(Sense(glosses=(f"{parts[0].senses[0].glosses[0]} {parts[1].senses[0].glosses[0]}",)),),
            primary=0,
            source="jmnedict",
            kind="person",
            composed_from=(surname.surface, given.surface),
        )
        return Span(start, start + 2, gloss)

    # -- composition ----------------------------------------------------------------------------

    def composed(self, tokens: Sequence[Token], start: int, end: int) -> Span | None:
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
        reading = joined_reading(span)
        if reading is None or any(p is None for p in parts):
            return None
        # A part after the free word is a suffix in the compound: 会談|前 is "before" the
        # talks, 支援|先 a "destination" of support, whatever Sudachi tagged them.
        parts = [p if k == 0 or p is None else as_suffix(p) for k, p in enumerate(parts)]
        pieces = [
            f"{t.surface} {', '.join(part_glosses(p))}"
            for t, p in zip(span, parts, strict=True)
            if p is not None
        ]
        gloss = WordGloss(
            text="".join(t.surface for t in span),
            reading=reading,
            senses=(Sense(glosses=(" + ".join(pieces),)),),
            primary=0,
            source="composed",
            kind="word",
            composed_from=tuple(t.surface for t in span),
        )
        return Span(start, end, gloss)

    # -- one token ------------------------------------------------------------------------------

    def single(self, tokens: Sequence[Token], i: int) -> Span | None:
        """The item of token ``i`` alone; the caller has checked that it is a content word
        and not the counter of a number (:func:`counts_a_number`)."""
        word = tokens[i].word
        if word.surface in self.people:
            return self._single_in_context(tokens, i)
        singles = self._seen.singles
        found = singles.get(word)
        if found is None:
            if len(singles) >= 100_000:
                singles.clear()  # bounded for a long input's many words; refilled as met
            found = singles[word] = self._single_alone(tokens[i])
        name_or_not, gloss, verb, in_context = found
        if name_or_not:
            return self._single_in_context(tokens, i)
        if (verb and in_compound_particle(tokens, i)) or gloss is None:
            return None
        if in_context:
            following = tokens[i + 1].surface if i + 1 < len(tokens) else ""
            gloss = in_sentence(gloss, following, context_before(tokens, i))
        return Span(i, i + 1, gloss)

    def single_is_fixed(self, word: Word) -> bool:
        """Whether :meth:`single` gives ``word`` the same span wherever it stands in the
        document, once it has been asked about it: not a name, not a word whose neighbours
        choose its sense. A verb may still be part of a compound particle (に|向け): the
        caller checks that at each occurrence (:func:`in_compound_particle`)."""
        found = self._seen.singles.get(word)
        return found is not None and not found[0] and not found[3] and word.surface not in self.people

    def _single_alone(self, token: Token) -> SingleAnswer:
        """What :meth:`_single_in_context` makes of ``token`` that depends on the word alone:
        its gloss, whether it is a verb (which may be part of a compound particle) and
        whether its neighbours choose its sense; first, whether it is a word that may be a
        name, which only its neighbours tell (Sudachi's 人名, a katakana word but a place)."""
        pos = token.pos
        if pos[2] == "人名" or (pos[2] != "地名" and KATAKANA_WORD.match(token.surface)):
            return True, None, False, False
        if pos[1] == "固有名詞":
            gloss = self.word(token) or self.name(token)
        else:
            gloss = self.word(token)
            if gloss is None and fused_parts(token):
                gloss = self._fused(token)
        in_context = gloss is not None and gloss.source == "jmdict" and _sense_needs_context(gloss)
        return False, gloss, pos[0] == "動詞", in_context

    def _single_in_context(self, tokens: Sequence[Token], i: int) -> Span | None:
        """:meth:`single`, worked out at this occurrence."""
        if in_compound_particle(tokens, i):
            return None
        gloss = self._single_gloss(tokens, i)
        if gloss is None:
            return None
        if gloss.source == "jmdict" and _sense_needs_context(gloss):
            following = tokens[i + 1].surface if i + 1 < len(tokens) else ""
            gloss = in_sentence(gloss, following, context_before(tokens, i))
        return Span(i, i + 1, gloss)

    def _single_gloss(self, tokens: Sequence[Token], i: int) -> WordGloss | None:
        token = tokens[i]
        # One sense per document: トランプ、映画監督… is still the Trump of トランプ大統領.
        if is_person(tokens, i) or token.surface in self.people:
            # Sudachi tags some common words as surnames (との見方 → 見方 みかた, 姓): a kanji
            # "name" with no name or title beside it that JMdict reads the same is the word.
            if not KATAKANA_WORD.match(token.surface) and not in_name_context(tokens, i):
                word = self.word(token)
                if word is not None and same_reading(word.reading, token.reading) == 2:
                    return word
            return self._person(tokens, i)
        if token.pos[1] == "固有名詞":
            return self.word(token) or self.name(token)
        word = self.word(token)
        if word is not None or not fused_parts(token):
            return word
        key = (token.surface, token.reading)
        if key not in self._fused_seen:
            self._fused_seen[key] = self._fused(token)
        return self._fused_seen[key]

    def _fused(self, token: Token) -> WordGloss | None:
        """A word and a suffix that Sudachi fuses into one token JMdict does not know
        (就任後, 交渉中): glossed part by part, as a composed item, when each part is a
        JMdict word under its share of the token's reading (しゅうにん + ご)."""
        parts = fused_parts(token)
        if not parts or token.reading is None:
            return None
        head, tail = parts
        heads, tails = self.words.get(head), self.words.get(tail)
        if not heads or not tails:
            return None
        reading = token.reading
        tail_readings = {katakana_to_hiragana(k) for e in tails for k in e.readings_of(tail)}
        for tail_reading in sorted(tail_readings, key=lambda r: (-len(r), r)):
            if not reading.endswith(tail_reading) or len(reading) == len(tail_reading):
                continue
            head_reading = reading[: -len(tail_reading)]
            head_choice = choose_entry(heads, head, head_reading, _NOUN, require_match=True)
            tail_choice = choose_entry(tails, tail, tail_reading, _SUFFIX, require_match=True)
            if head_choice is None or tail_choice is None:
                continue
            if head_choice.reading_match < 2 or tail_choice.reading_match < 2:
                continue
            head_gloss = word_gloss(head_choice, head, _NOUN)
            tail_gloss = as_suffix(word_gloss(tail_choice, tail, _SUFFIX))
            pieces = [f"{head} {', '.join(part_glosses(head_gloss))}"]
            pieces.append(f"{tail} {', '.join(part_glosses(tail_gloss))}")
            return WordGloss(
                text=token.surface,
                reading=reading,
                senses=(Sense(glosses=(" + ".join(pieces),)),),
                primary=0,
                source="composed",
                kind="word",
                composed_from=(head, tail),
            )
        return None

    def _person(self, tokens: Sequence[Token], i: int) -> WordGloss | None:
        """A person's name alone: JMnedict's spelling, or a name whose English yomu does
        not know (ストゥブ大統領 with no glossary entry) rather than no item, or a part of a
        name glossed as if it were the whole (マーク "Mark" of a name yomu cannot join)."""
        token = tokens[i]
        kanji = not KANA_WORD.match(token.surface)
        if kanji and east_asian_context(tokens):
            return unknown_name(token.surface, token.reading or "") if token.reading else None
        found = self.name(token, "person")
        if found is None and KATAKANA_WORD.match(token.surface) and token.reading:
            return unknown_name(token.surface, token.reading)
        return found


def _compound_texts(
    tokens: Sequence[Token], start: int, ends: Sequence[int]
) -> Iterator[tuple[int, str, bool]]:
    """:func:`span_texts` of ``tokens[start:end]`` for each of ``ends`` (ascending), as
    ``(end, text, lemma_used)``, the surfaces joined once for all of them."""
    surfaces = ""
    k = start
    for end in ends:
        while k < end:
            surfaces += tokens[k].word.surface
            k += 1
        yield end, surfaces, False
        last = tokens[end - 1].word
        if last.lemma != last.surface and last.pos[0] in INFLECTING:
            yield end, surfaces[: len(surfaces) - len(last.surface)] + last.lemma, True


def _sense_needs_context(gloss: WordGloss) -> bool:
    """Whether the tokens around a JMdict word may change its primary sense."""
    return (
        shipped_senses().needs_context(gloss.text, gloss.reading)
        or is_bound_use(gloss)
        or object_may_change_sense(gloss)
    )
