"""What a word or a span of tokens resolves to: the records the vocabulary passes pass
around, and how one dictionary entry, sense or glossary entry becomes an item's gloss.

:mod:`yomu.meaning.vocabulary` explains the rules (which entry, which sense, which reading); this
module holds the parts that depend on one word or entry alone, so that the passes
(:mod:`yomu.meaning.lexicon`, :mod:`yomu.meaning.segmenting`) can be read without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..model import ItemKind, Sense, Token, VocabSource
from ..words.kana import KANA_WORD, is_kanji, katakana_to_hiragana
from .names import (
    title_at,
)
from .news_senses import shipped_senses
from .senses import (
    free_sense,
    pos_fits,
    primary_sense,
    transitive_sense,
    transitivity_matters,
)
from .word_classes import (
    follows_number,
)

if TYPE_CHECKING:
    from .dict_entries import DictEntry
    from .glossary import GlossaryEntry


MAX_COMPOSED_TOKENS = 4

_PERSON_TYPES = frozenset({"person", "surname", "given", "masc", "fem"})
_PLACE_TYPES = frozenset({"place", "station"})
_ORGANISATION_TYPES = frozenset({"organization", "company"})
_STRONG_PRIORITY = frozenset({"news1", "ichi1", "spec1", "spec2", "gai1"})
INFLECTING = ("動詞", "形容詞")
_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
_SEION = str.maketrans(
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ", "かきくけこさしすせそたちつてとはひふへほはひふへほ"
)


# --- what a span of tokens resolves to ----------------------------------------------------


@dataclass(frozen=True)
class WordGloss:
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

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # A gloss keys per-document memos; its senses are hashed once, not at each look-up.
        return hash(astuple_shallow(self))

    def __getstate__(self) -> dict[str, object]:
        # Another process hashes strings with another seed: its hash is its own.
        state = dict(self.__dict__)
        state.pop("_hash", None)
        return state

    @cached_property
    def id(self) -> str:
        # cached_property writes the instance's __dict__ directly, which a frozen class allows.
        base = f"{self.text}:{self.reading}"
        return base if self.kind == "word" else f"{base}:{self.kind}"


def astuple_shallow(gloss: WordGloss) -> tuple[object, ...]:
    """The gloss's fields in order, not copied (``dataclasses.astuple`` copies deeply)."""
    return tuple(getattr(gloss, f.name) for f in fields(gloss))


class Span(NamedTuple):
    """Tokens ``start:end`` of a sentence belong to one item.

    A named tuple: the passes make one per item occurrence, and a tuple is made in a
    third of a frozen dataclass's time."""

    start: int
    end: int
    gloss: WordGloss
    reading: str | None = None
    """If set, the tokens become one token with this reading."""
    reading_source: str = ""


@dataclass(frozen=True)
class EntryChoice:
    entry: DictEntry
    kanji: str | None
    kana: str
    reading_match: int


# Chinese and Korean names in kanji: Japanese media read them as the glossary says (林佳龍
# りんかりゅう, 李在明 いじぇみょん); JMnedict's readings and spellings are Japanese ones.
_EAST_ASIAN_PLACES = frozenset({"中国", "台湾", "香港", "マカオ", "韓国", "北朝鮮", "朝鮮", "中華"})

UNKNOWN_NAME = "(a name; English spelling unknown)"
"""The gloss of a name yomu recognises but cannot spell in English."""


def east_asian_context(tokens: Sequence[Token], text: str | None = None) -> bool:
    """A Chinese or Korean place among ``tokens``; ``text``, if given, is their surfaces
    joined (the sentence's text), which most sentences rule out without a look at a token."""
    if text is not None and not any(place in text for place in _EAST_ASIAN_PLACES):
        return False
    return any(t.surface in _EAST_ASIAN_PLACES for t in tokens)


def east_asian_name(tokens: Sequence[Token], start: int) -> Span | None:
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
    reading = joined_reading(span)
    text = "".join(t.surface for t in span)
    return Span(start, end, unknown_name(text, reading)) if reading else None


@lru_cache(maxsize=4096)
def unknown_name(text: str, reading: str) -> WordGloss:
    return WordGloss(
        text=text,
        reading=reading,
        senses=(Sense(glosses=(UNKNOWN_NAME,)),),
        primary=0,
        source="name",
        kind="person",
    )


def choose_entry(
    entries: Sequence[DictEntry], text: str, reading: str | None, pos: Sequence[str], *, require_match: bool
) -> EntryChoice | None:
    """The entry that best fits ``text`` read as ``reading`` (see the module docstring)."""
    kana_word = KANA_WORD.match(text) is not None
    ranked: list[tuple[tuple[int, int, int, int, int], EntryChoice]] = []
    for order, entry in enumerate(entries):
        kanji = text if text in entry.kanji else None
        forms = entry.readings_of(text) if kanji else tuple(k for k in entry.kana if k == text)
        if not forms:
            continue
        match, kana = max(((same_reading(k, reading), k) for k in forms), key=lambda mk: mk[0])
        usually_kana = kana_word and (not entry.kanji or any("uk" in s.misc for s in entry.senses))
        tags = set(entry.priority_of(kanji or kana)) | set(entry.priority_of(kana))
        priority = 2 if tags & _STRONG_PRIORITY else 1 if tags else 0
        fits = any(pos_fits(code, pos) for s in entry.senses for code in s.pos)
        key = (match, int(usually_kana), priority, int(fits), -order)
        ranked.append((key, EntryChoice(entry, kanji, kana, match)))
    if not ranked:
        return None
    key, best = max(ranked, key=lambda kc: kc[0])
    if best.reading_match or kana_word or not require_match:
        return best
    # A kanji form whose reading Sudachi does not share: trust it only if it is unambiguous.
    return best if len(ranked) == 1 else None


def word_gloss(choice: EntryChoice, text: str, pos: Sequence[str]) -> WordGloss:
    senses = choice.entry.senses_for(choice.kanji, choice.kana) or choice.entry.senses
    reading = katakana_to_hiragana(choice.kana)
    # The sense news means, where the curated table knows better than the order of JMdict.
    news = shipped_senses().choose(text, reading, senses, suffix=bool(pos) and pos[0] == "接尾辞")
    senses, primary = news if news is not None else (senses, primary_sense(senses, pos))
    return WordGloss(
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
def as_suffix(gloss: WordGloss) -> WordGloss:
    news = shipped_senses().choose(gloss.text, gloss.reading, gloss.senses, suffix=True)
    return gloss if news is None else replace(gloss, senses=news[0], primary=news[1])


@lru_cache(maxsize=4096)
def in_sentence(gloss: WordGloss, following: str, before: str) -> WordGloss:
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
        return replace(gloss, senses=news[0], primary=news[1])
    if before != "verb" and is_bound_use(gloss):
        return replace(gloss, primary=free_sense(gloss.senses, gloss.pos))
    if before == "object" and object_may_change_sense(gloss):
        return replace(gloss, primary=transitive_sense(gloss.senses, gloss.pos, gloss.primary))
    return gloss


def object_may_change_sense(gloss: WordGloss) -> bool:
    """Whether an object before a verb would change its primary sense (vi → vt)."""
    return gloss.pos[:1] == ("動詞",) and transitivity_matters(gloss.senses, gloss.primary)


def is_bound_use(gloss: WordGloss) -> bool:
    """Whether the primary sense of a verb is its use bound to a verb before it (suf)."""
    return gloss.pos[:1] == ("動詞",) and bool(gloss.senses) and "suf" in gloss.senses[gloss.primary].pos


def context_before(tokens: Sequence[Token], i: int) -> str:
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
def spelled(gloss: WordGloss, text: str) -> WordGloss:
    # The id is cached from the text: replace() makes it anew.
    return replace(gloss, text=text)


def _term_gloss(entry: GlossaryEntry) -> WordGloss:
    return WordGloss(
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


def _family_gloss(person: GlossaryEntry) -> WordGloss:
    """The item of a person's family name said alone (小谷氏 for 小谷哲男)."""
    family = person.family
    assert family is not None
    return WordGloss(
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
term_glosses = lru_cache(maxsize=50_000)(_term_gloss)
family_glosses = lru_cache(maxsize=50_000)(_family_gloss)


def _dated(description: str, as_of: int | None) -> str:
    # Offices change; a reader in 2030 should see when "President of Ukraine" was true.
    return f"{description} (as of {as_of})" if description and as_of else description


def part_glosses(gloss: WordGloss, limit: int = 2) -> tuple[str, ...]:
    return gloss.senses[gloss.primary].glosses[:limit]


def same_reading(a: str, b: str | None) -> int:
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


def name_kind(types: Iterable[str], pos: Sequence[str]) -> ItemKind:
    found = set(types)
    if found & _PERSON_TYPES:
        return "person"
    if found & _PLACE_TYPES:
        return "place"
    if found & _ORGANISATION_TYPES:
        return "organisation"
    return sudachi_kind(pos)


def sudachi_kind(pos: Sequence[str]) -> ItemKind:
    detail = pos[2] if len(pos) > 2 else ""
    if detail == "人名":
        return "person"
    if detail == "地名":
        return "place"
    return "organisation" if detail.startswith("組織") else "term"


# --- token classes ------------------------------------------------------------------------


def token_forms(token: Token) -> list[tuple[str, str | None]]:
    """What to look a token up as: its lemma with the lemma's reading, then its surface."""
    forms = [(token.lemma, lemma_reading(token.surface, token.reading, token.lemma, token.pos))]
    if token.surface != token.lemma:
        forms.append((token.surface, token.reading))
    return forms


def lookup_forms(text: str) -> list[str]:
    """``text``, and its full-width form if it has ASCII letters or digits (JMdict writes ＮＡＴＯ)."""
    wide = text.translate(_FULL_WIDTH)
    return [text, wide] if wide != text else [text]


def head_pos_of(pos: tuple[str, ...]) -> tuple[str, ...]:
    """The POS of a compound whose last token has ``pos``."""
    # A compound ending in a noun-like suffix (停戦後) is a noun.
    if pos[0] == "接尾辞" and pos[1] == "名詞的":
        return ("名詞", "普通名詞", "一般", "*", "*", "*")
    return pos


def span_texts(span: Sequence[Token], surfaces: str | None = None) -> list[tuple[str, bool]]:
    """The texts a span may be looked up as: its surfaces (``surfaces``, if the caller has
    them joined), and with its last token's lemma."""
    if surfaces is None:
        surfaces = "".join(t.surface for t in span)
    last = span[-1]
    texts = [(surfaces, False)]
    if last.lemma != last.surface and last.pos[0] in ("動詞", "形容詞"):
        texts.append((surfaces[: len(surfaces) - len(last.surface)] + last.lemma, True))
    return texts


def joined_reading(span: Sequence[Token], *, lemma_last: bool = False) -> str | None:
    parts: list[str] = []
    for i, token in enumerate(span):
        reading = token.reading
        if lemma_last and i == len(span) - 1:
            reading = lemma_reading(token.surface, token.reading, token.lemma, token.pos)
        if reading is None:
            return None
        parts.append(reading)
    return "".join(parts)


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
