"""The data that flows between yomu's pipeline stages.

article → blocks → sentences → tokens → readings → vocabulary items → renderers.
Every stage hands the next one frozen dataclasses from this module, so a stage can
never mutate what an earlier stage produced, and renderers see one stable shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, overload

BlockKind = Literal["title", "heading", "paragraph", "list_item", "table_row", "source"]
"""What a block of the article is. ``source`` holds a ``Reference(s):`` footer."""

VocabSource = Literal["jmdict", "jmnedict", "glossary", "composed", "name"]
"""Where a vocabulary item's glosses come from; ``name`` for a name yomu recognises but
has no English spelling for (its gloss says so)."""

ItemKind = Literal["word", "term", "person", "place", "organisation", "event", "expression"]
"""``word`` for dictionary words; ``expression`` for set expressions matched across tokens
(によると, に向けて); the others come from glossaries and JMnedict."""

Level = Literal["N5", "N4", "N3", "N2", "N1"]
"""A JLPT level, N5 the easiest. An item's level is an estimate (see ``yomu.learner.levels``)."""

LEVELS: tuple[Level, ...] = ("N5", "N4", "N3", "N2", "N1")
"""From easiest to hardest."""


# --- article stage -----------------------------------------------------------------


@dataclass(frozen=True)
class ArticleBlock:
    """One block of the article as it was written, before any language processing."""

    kind: BlockKind
    text: str
    marker: str = ""
    """A list marker that was stripped from ``text`` (``- ``, ``①``, ``✅``)."""
    cells: tuple[str, ...] = ()
    """For ``table_row``: the cell texts, in order (``text`` is the whole row)."""


@dataclass(frozen=True)
class DroppedLine:
    """A line the clutter filter removed, kept so ``--show-clutter`` can report it."""

    line: int
    """1-based line number in the input text (0 when the input was HTML)."""
    text: str
    reason: str
    """A short label: ``navigation``, ``ranking``, ``share``, ``ad``, ``byline`` …"""


@dataclass(frozen=True)
class Article:
    """The article's structure: blocks in input order and the clutter that was dropped."""

    blocks: tuple[ArticleBlock, ...]
    dropped: tuple[DroppedLine, ...] = ()


# --- token stage --------------------------------------------------------------------


@dataclass(frozen=True)
class FuriganaSegment:
    """A piece of a token's surface and the reading shown over it.

    ``reading`` is hiragana over a kanji (or digit) run and ``None`` over kana,
    Latin letters and punctuation, which need no ruby.
    """

    text: str
    reading: str | None


@dataclass(frozen=True)
class InflectionStep:
    """One grammatical element of an inflected word: its dictionary form and what it does."""

    form: str
    """The element as a learner looks it up: ``れる``, ``た``, ``ている``, ``ない``."""
    label: str
    """In English: ``passive``, ``past``, ``ongoing (〜ている)``, ``passive or potential``."""


@dataclass(frozen=True)
class Inflection:
    """What the form of a conjugated verb or adjective does (see ``yomu.words.inflection``)."""

    base: str
    """The dictionary form the steps start from: the lemma, the godan verb of a potential
    verb (読める → 読む), or noun + する for a verbal noun's する (実施された → 実施する)."""
    steps: tuple[InflectionStep, ...]
    """In the order written: 話し合われた → passive, past."""
    text: str
    """The inflected word as written, from the verb to its last element: 話し合われた."""


@dataclass(frozen=True, eq=False)
class Word:
    """What a token is, wherever it stands: every field of a :class:`Token` but its offsets.

    The pipeline makes one ``Word`` per distinct word of an article (dictionary word,
    surface, the reading its context chose, its item) and every occurrence shares it, so
    a stage works out what depends on the word alone once per word, not once per token.
    Words are equal when their fields are; the hash is worked out once per word, which
    makes a word a cheap key for the per-word memos of the stages and renderers.
    """

    surface: str
    reading: str | None
    """Hiragana reading, ``None`` for punctuation, symbols and white space."""
    furigana: tuple[FuriganaSegment, ...]
    lemma: str
    """Dictionary form (Sudachi's ``dictionary_form``)."""
    pos: tuple[str, ...]
    """Sudachi's part of speech, e.g. ``("名詞", "普通名詞", "一般", "*", "*", "*")``."""
    reading_source: str = "sudachi"
    """Why the reading is what it is: ``sudachi``, ``number``, ``abbreviation``, ``glossary`` …"""
    gloss: tuple[str, ...] | None = None
    """English glosses of the vocabulary item this word belongs to (part 2)."""
    item: str | None = None
    """Id of the vocabulary item this word belongs to, if any (part 2)."""
    other_readings: tuple[str, ...] = ()
    """Other common readings of the word, when the sentence decided between several
    (方 read かた here: ``("ほう",)``), for "also read …" in popups and cards."""
    inflection: Inflection | None = None
    """For a conjugated verb or adjective whose form does something: the steps (passive,
    past …). ``None`` elsewhere, and on the auxiliaries a chain consumed (れ, た)."""

    # Worked out once, when the word is made: every memo keyed on a word hashes it, and
    # equal words that are separate objects (a document's words against the memo's, made
    # for an earlier document) compare their fields. Frozen dataclasses set such derived
    # attributes in __post_init__ through object.__setattr__. They are declared for the
    # type checker only (as what they are to it, fields no one passes), so at run time
    # they are no dataclass fields: fields(), replace(), repr and pickling (see
    # __reduce__: a hash is only good in the process that made it) leave them out.
    if TYPE_CHECKING:
        _values: tuple[object, ...] = field(init=False, repr=False, compare=False)
        _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = (
            self.surface,
            self.reading,
            self.furigana,
            self.lemma,
            self.pos,
            self.reading_source,
            self.gloss,
            self.item,
            self.other_readings,
            self.inflection,
        )
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "_hash", hash(values))

    def values(self) -> tuple[object, ...]:
        """The fields, in order: what equality, hashing and pickling go by."""
        return self._values

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not Word:
            return NotImplemented
        return self._values == other._values

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Word], tuple[object, ...]]:
        # The fields only: a cached hash is only good in the process that made it.
        return (Word, self.values())


# Sets an attribute of an immutable record, whose own __setattr__ refuses: bound to a
# module name for Token, which is made once per token, to save the look-up on object.
_set_field = object.__setattr__


def check_span(surface: str, start: int, end: int) -> None:
    """``ValueError`` unless ``surface`` at offset ``start`` ends at ``end``: offsets and
    text that disagree would put every later annotation in the wrong place."""
    if end != start + len(surface):
        raise ValueError(f"{surface!r} at {start} ends at {start + len(surface)}, not at {end}")


class Token:
    """One word of a sentence: a :class:`Word` at an offset.

    ``Token(word, start)`` is how the pipeline makes one; ``Token(surface, start, end,
    reading, furigana, lemma, pos, …)`` with every field, as in earlier releases, still
    works. The word's fields read as the token's own (``token.reading``). Tokens are
    immutable, equal when their word and offsets are, and pickle as ``(word, start)``.
    """

    __slots__ = ("start", "word")

    word: Word
    start: int
    """Offset of the token in its sentence's ``text`` (code points)."""

    @overload
    def __init__(self, word: Word, start: int, /) -> None: ...

    @overload
    def __init__(
        self,
        surface: str,
        start: int,
        end: int,
        reading: str | None,
        furigana: tuple[FuriganaSegment, ...],
        lemma: str,
        pos: tuple[str, ...],
        reading_source: str = "sudachi",
        gloss: tuple[str, ...] | None = None,
        item: str | None = None,
        other_readings: tuple[str, ...] = (),
        inflection: Inflection | None = None,
    ) -> None: ...

    def __init__(
        self,
        surface: str | Word,
        start: int,
        end: int | None = None,
        reading: str | None = None,
        furigana: tuple[FuriganaSegment, ...] = (),
        lemma: str = "",
        pos: tuple[str, ...] = (),
        reading_source: str = "sudachi",
        gloss: tuple[str, ...] | None = None,
        item: str | None = None,
        other_readings: tuple[str, ...] = (),
        inflection: Inflection | None = None,
    ) -> None:
        # Set once here, like a frozen dataclass's fields; __setattr__ refuses any change.
        if type(surface) is Word:
            # The pipeline's way, once per token: nothing to check or make.
            _set_field(self, "word", surface)
            _set_field(self, "start", start)
            return
        if isinstance(surface, Word):
            word = surface
        else:
            fields = (reading, furigana, lemma, pos, reading_source, gloss, item, other_readings, inflection)
            word = Word(surface, *fields)
            if end is not None:
                check_span(surface, start, end)
        _set_field(self, "word", word)
        _set_field(self, "start", start)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Token is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Token is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Token:
            return NotImplemented
        return self.start == other.start and self.word == other.word

    def __hash__(self) -> int:
        return hash((self.word, self.start))

    def __reduce__(self) -> tuple[type[Token], tuple[Word, int]]:
        return (Token, (self.word, self.start))

    def __repr__(self) -> str:
        word = self.word
        return (
            f"Token(surface={word.surface!r}, start={self.start!r}, end={self.end!r}, "
            f"reading={word.reading!r}, furigana={word.furigana!r}, lemma={word.lemma!r}, "
            f"pos={word.pos!r}, reading_source={word.reading_source!r}, gloss={word.gloss!r}, "
            f"item={word.item!r}, other_readings={word.other_readings!r}, "
            f"inflection={word.inflection!r})"
        )

    def replace(self, **changes: Any) -> Token:
        """A copy with some fields changed: the word's (``reading``, ``item`` …) or ``start``.

        Tokens are not dataclasses, so this takes the place of ``dataclasses.replace``.
        """
        start = changes.pop("start", self.start)
        word = replace(self.word, **changes) if changes else self.word
        return Token(word, start)

    @property
    def end(self) -> int:
        """Offset after the token in its sentence's ``text``."""
        return self.start + len(self.word.surface)

    @property
    def surface(self) -> str:
        """The word as written in the sentence."""
        return self.word.surface

    @property
    def reading(self) -> str | None:
        """Hiragana reading, ``None`` for punctuation, symbols and white space."""
        return self.word.reading

    @property
    def furigana(self) -> tuple[FuriganaSegment, ...]:
        """The surface cut into pieces, each with the reading shown over it (or none)."""
        return self.word.furigana

    @property
    def lemma(self) -> str:
        """Dictionary form (Sudachi's ``dictionary_form``)."""
        return self.word.lemma

    @property
    def pos(self) -> tuple[str, ...]:
        """Sudachi's part of speech, e.g. ``("名詞", "普通名詞", "一般", "*", "*", "*")``."""
        return self.word.pos

    @property
    def reading_source(self) -> str:
        """Why the reading is what it is: ``sudachi``, ``number``, ``abbreviation``, ``glossary`` …"""
        return self.word.reading_source

    @property
    def gloss(self) -> tuple[str, ...] | None:
        """English glosses of the vocabulary item this token belongs to (part 2)."""
        return self.word.gloss

    @property
    def item(self) -> str | None:
        """Id of the vocabulary item this token belongs to, if any (part 2)."""
        return self.word.item

    @property
    def other_readings(self) -> tuple[str, ...]:
        """Other common readings of the word, when the sentence decided between several."""
        return self.word.other_readings

    @property
    def inflection(self) -> Inflection | None:
        """What a conjugated verb's or adjective's form does (passive, past …), if anything."""
        return self.word.inflection

    @property
    def is_punctuation(self) -> bool:
        """Punctuation or white space (Sudachi's 補助記号 and 空白)."""
        return self.word.pos[:1] in (("補助記号",), ("空白",))


@dataclass(frozen=True)
class GrammarMatch:
    """Where a news grammar pattern (``yomu.meaning.grammar``) occurs in a sentence."""

    pattern: str
    """The pattern's id in ``data/grammar.toml``: ``zaru_wo_enai``."""
    start: int
    """Index of its first token in the sentence's ``tokens``."""
    end: int
    """Index after its last token."""


@dataclass(frozen=True)
class Sentence:
    """One sentence (or table cell) and its tokens, whose surfaces make up ``text``."""

    text: str
    tokens: tuple[Token, ...]
    grammar: tuple[GrammarMatch, ...] = ()
    """The news grammar patterns the sentence uses, in order (found after the vocabulary
    stage, on the final tokens)."""


@dataclass(frozen=True)
class Block:
    """A title, heading, paragraph, list item, table row or source line of the article."""

    kind: BlockKind
    sentences: tuple[Sentence, ...]
    marker: str = ""
    """A list marker taken off the text (``- ``, ``①``)."""

    @property
    def text(self) -> str:
        """The block's text: its sentences joined."""
        return "".join(s.text for s in self.sentences)


# --- vocabulary stage -----------------------------------------------------------------


@dataclass(frozen=True)
class Sense:
    """One meaning of a dictionary entry."""

    glosses: tuple[str, ...]
    """The English glosses of this meaning, in the dictionary's order."""
    pos: tuple[str, ...] = ()
    """JMdict part-of-speech codes (``n``, ``vs``, ``v5r`` …)."""
    misc: tuple[str, ...] = ()
    """JMdict misc tags (``abbr``, ``uk`` …)."""
    fields: tuple[str, ...] = ()
    """JMdict field tags: the domain a sense belongs to (``military``, ``finance`` …)."""


@dataclass(frozen=True)
class VocabItem:
    """A unique word or term of a document, with its glosses and where they come from."""

    id: str
    """Unique in the document; tokens name their item by it (``Token.item``)."""
    text: str
    """The written form as it appears in the article (lemma for inflected words)."""
    reading: str
    """Hiragana."""
    senses: tuple[Sense, ...]
    """Every meaning, each with its glosses and part of speech, in the source's order."""
    primary: int
    """Index into ``senses`` of the first sense that fits the word's part of speech."""
    source: VocabSource
    """Where the glosses come from: ``jmdict``, ``jmnedict``, ``glossary`` or ``composed``."""
    kind: ItemKind
    """``word``, or a glossary's and JMnedict's ``term``, ``person``, ``place`` …"""
    count: int
    """How often the item occurs in the document."""
    first_sentence: str
    """The text of the first sentence the item occurs in."""
    note: str = ""
    composed_from: tuple[str, ...] = ()
    """For ``composed`` items: the parts whose glosses were joined."""
    priority: tuple[str, ...] = ()
    """JMdict priority tags of the item's written form (``news1``, ``nf03``, ``ichi1`` …)."""
    rank: int | None = None
    """Approximate rank in newspaper frequency (JMdict's nf band × 500); ``None`` if unranked."""
    level: Level | None = None
    """Estimated JLPT level; ``None`` for words beyond N1 or with no frequency data, names,
    and glossary terms no dictionary ranks."""
    known: bool = False
    """Whether the learner is taken to know the item (level, known-word lists): set by
    the selection stage, ``False`` when no learner settings are given."""
    domain: str = ""
    """For glossary items: the glossary's domain (``diplomacy_security`` …)."""
    description: str = ""
    """For glossary people and organisations: one line saying who or what they are."""
    other_readings: tuple[str, ...] = ()
    """Other common readings of the written form, where the sentence chose this one (方
    read かた: ``("ほう",)``); see ``Token.other_readings``."""
    pos: tuple[str, ...] = ()
    """JMdict words: Sudachi's part of speech of the word where it first occurs. It tells
    the names JMdict lists as common words (日本 and 東京 are ``名詞, 固有名詞, 地名``)."""

    @property
    def primary_glosses(self) -> tuple[str, ...]:
        """The glosses of the primary sense (none for an item without senses)."""
        return self.senses[self.primary].glosses if self.senses else ()

    @property
    def glosses(self) -> tuple[str, ...]:
        """All glosses, the primary sense's first."""
        ordered = [self.senses[self.primary], *(s for i, s in enumerate(self.senses) if i != self.primary)]
        return tuple(g for sense in ordered for g in sense.glosses)


@dataclass(frozen=True)
class Document:
    """An annotated article: blocks of sentences of tokens, and its vocabulary."""

    blocks: tuple[Block, ...]
    items: tuple[VocabItem, ...] = ()
    """The vocabulary items, in order of first appearance."""
    dropped: tuple[DroppedLine, ...] = ()
    """The web clutter lines left out of ``blocks``."""
    source: str = ""
    """Where the article came from (a path, ``<stdin>``, or empty for text given in code)."""
    for_learner: bool = False
    """Whether learner settings (a level, known words) decided the items' ``known``."""

    @property
    def title(self) -> str:
        """The title block's text; for an article without one, its first sentence (a lead
        paragraph is no title, but a tab, an index and a card's source need a name)."""
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        if not self.blocks:
            return ""
        first = self.blocks[0]
        return first.sentences[0].text if first.sentences else first.text

    @property
    def titled(self) -> bool:
        """Whether the article has a title block (the page's visible ``<h1>``)."""
        return any(block.kind == "title" for block in self.blocks)

    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of every block, in order."""
        return tuple(s for b in self.blocks for s in b.sentences)

    def tokens(self) -> tuple[Token, ...]:
        """Every token of every sentence, in order."""
        return tuple(t for s in self.sentences() for t in s.tokens)

    def vocabulary(self) -> tuple[VocabItem, ...]:
        """Unique vocabulary items, in order of first appearance."""
        return self.items

    def item(self, token: Token | str) -> VocabItem | None:
        """The vocabulary item ``token`` belongs to (or the item with that id); ``None`` for
        a token that belongs to none, such as a particle or punctuation.

        The tokens of a compound share its item: 首脳 and 会談 both give 首脳会談's.
        """
        key = token if isinstance(token, str) else token.item
        if key is None:
            return None
        index: dict[str, VocabItem] | None = self.__dict__.get("_item_index")
        if index is None:
            # Built once per document, not once per call: a reader asks for every token.
            index = {item.id: item for item in self.items}
            object.__setattr__(self, "_item_index", index)
        return index.get(key)

    def coverage(self) -> Coverage:
        """How much of the article the learner knows, counted in item occurrences."""
        return Coverage.of(self.items)


@dataclass(frozen=True)
class Coverage:
    """Running words (occurrences of vocabulary items) and how many the learner knows.

    Grammar (particles, auxiliaries, punctuation) carries no items and is not counted, so
    the share is of content words: the part of an article a learner might have to look up.
    """

    running_words: int
    known_words: int
    items: int
    new_items: int
    """Items the learner is not taken to know: what the page marks and the deck drills."""

    @property
    def known_share(self) -> float:
        return self.known_words / self.running_words if self.running_words else 1.0

    @classmethod
    def of(cls, items: tuple[VocabItem, ...]) -> Coverage:
        return cls(
            running_words=sum(i.count for i in items),
            known_words=sum(i.count for i in items if i.known),
            items=len(items),
            new_items=sum(1 for i in items if not i.known),
        )
