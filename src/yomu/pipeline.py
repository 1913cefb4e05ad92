"""The pipeline, top to bottom: article → sentences → tokens → readings → vocabulary
→ levels → selection.

Each stage is a function of the previous stage's frozen output; this module only
wires them together and holds the expensive shared resources (Sudachi, JMdict,
glossaries), which are loaded on first use.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import InputError
from .gc_pause import gc_paused
from .learner.settings import Learner, parse_level, select
from .meaning.grammar import with_grammar
from .model import Article, ArticleBlock, Block, Document, DroppedLine, Sentence, VocabItem
from .text.article import looks_like_html, parse_html, parse_text
from .text.fetch import FetchOptions, read_input
from .text.sentences import split_sentences
from .words.inflection import inflect, potential_candidate
from .words.readings import read_sentence, read_unknown_kanji
from .words.tokenizer import Tokenizer

if TYPE_CHECKING:
    from .meaning.dictionary import JMdict
    from .meaning.glossary import Glossary, GlossaryEntry
    from .text.long_input import LongInput

TextFormat = Literal["auto", "text", "html"]

# C0/C1 controls other than tab and newline carry no text; lone surrogates cannot be
# encoded at all. Both come from careless copy-paste and must not reach Sudachi.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udfff]")

GROUP_CHARS = 20_000
"""About how many characters of an article :meth:`Annotator.annotate_in_groups` holds at once."""


@dataclass(frozen=True)
class Options:
    """What the user chose; everything that changes the output lives here."""

    keep_clutter: bool = False
    glossaries: tuple[Path, ...] = ()
    include_shipped_glossaries: bool = True
    vocabulary: bool = True
    learner: Learner = field(default_factory=Learner)
    """Who reads: decides which items are ``known`` (no settings: none is)."""
    fetch: FetchOptions = field(default_factory=FetchOptions)
    """How web addresses are read (the cache; it changes when, not what, yomu reads)."""


class Annotator:
    """Annotates articles; holds the tokenizer, dictionary and glossaries between calls.

    An ``Annotator`` may be shared between threads: the tokenizer keeps one Sudachi
    tokenizer per thread and the dictionary guards its connection with a lock.
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._tokenizer = Tokenizer()
        self._lock = threading.Lock()
        self._glossary: Glossary | None = None
        self._dictionary: JMdict | None = None
        # Lemma → the godan verb it is the potential of, or None; a dict's get and set are
        # atomic, so threads share it without a lock.
        self._potentials: dict[str, str | None] = {}

    # -- resources, loaded on first use ---------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        with self._lock:
            if self._glossary is None:
                from .meaning.glossary import Glossary

                self._glossary = Glossary.load(
                    list(self.options.glossaries), include_shipped=self.options.include_shipped_glossaries
                )
            return self._glossary

    @property
    def dictionary(self) -> JMdict:
        with self._lock:
            if self._dictionary is None:
                from .meaning.dictionary import default_dictionary

                self._dictionary = default_dictionary()
            return self._dictionary

    # -- the pipeline ---------------------------------------------------------------------

    def annotate(self, text: str, *, format: TextFormat = "auto", source: str = "") -> Document:
        """Annotate one article given as text (plain or HTML)."""
        article = self._article(text, format, source)
        with gc_paused():
            blocks = tuple(self.read_block(block) for block in article.blocks)
            items: tuple[VocabItem, ...] = ()
            if self.options.vocabulary:
                from .meaning.vocabulary import build_vocabulary

                blocks, items = build_vocabulary(blocks, dictionary=self.dictionary, glossary=self.glossary)
                items = self.assessed(items)
            blocks = with_grammar(blocks)
        return Document(
            blocks=blocks,
            items=items,
            dropped=article.dropped,
            source=source,
            for_learner=self.options.learner.active,
        )

    def assessed(self, items: Sequence[VocabItem]) -> tuple[VocabItem, ...]:
        """``items`` with their rank and level, and marked known for this learner."""
        from .learner.levels import assess

        return select(assess(items, self.dictionary), self.options.learner)

    def annotate_in_groups(
        self, text: str, *, format: TextFormat = "auto", source: str = "", group_chars: int = GROUP_CHARS
    ) -> StreamedDocument:
        """:meth:`annotate`, for a long article: its blocks come a group at a time.

        The document is the same as :meth:`annotate`'s, but only one group of blocks is
        held at once, so memory does not grow with the article. With vocabulary, each
        sentence is tokenized twice: a first pass finds the words used as names anywhere
        in the article (one sense per document), which glossing a group needs.
        """
        article = self._article(text, format, source)
        title, titled = _title_of(article.blocks)
        return StreamedDocument(
            source=source,
            title=title,
            dropped=article.dropped,
            _annotator=self,
            _parts=lambda: (article,),
            _group_chars=group_chars,
            titled=titled,
        )

    def annotate_long(self, long: LongInput, *, group_chars: int = GROUP_CHARS) -> StreamedDocument:
        """:meth:`annotate_in_groups` for a plain-text input too long to hold: its parts
        are read from disk again for each round (see :mod:`yomu.text.long_input`).

        A first reading parses each part once to find the title and the family names
        named in full; nothing of the text is kept.
        """
        from .meaning.names import families_named_in_full

        def parts() -> Iterator[Article]:
            for number, (text, first_line) in enumerate(long.parts()):
                text = _UNWANTED.sub(_replacement, text)
                keep = self.options.keep_clutter
                yield parse_text(text, keep_clutter=keep, first_line=first_line, opening=number == 0)

        found: list[tuple[str, bool]] = []

        def texts() -> Iterator[str]:
            for article in parts():
                if article.blocks and not found:
                    found.append(_title_of(article.blocks))
                for block in article.blocks:
                    yield from block_pieces(block)

        if self.options.vocabulary:
            families = families_named_in_full(texts(), self.glossary)
        else:  # only the title is wanted: the first part with text has it
            families = {}
            for _ in texts():
                break
        if not found:
            raise InputError(f"{long.name}: has no article text (every line was empty or clutter); "
                             "give a file with article text, or use --keep-clutter")
        title, titled = found[0]
        return StreamedDocument(
            source=long.name,
            title=title,
            dropped=(),
            _annotator=self,
            _parts=parts,
            _group_chars=group_chars,
            titled=titled,
            _families=families,
        )

    def _article(self, text: str, format: TextFormat, source: str) -> Article:
        """The article's structure; an error for text with nothing left to read."""
        text = _UNWANTED.sub(_replacement, text)
        if not text.strip():
            raise InputError(f"{source or 'input'}: is empty; give article text")
        article = self.parse(text, format=format)
        if not article.blocks:
            raise InputError(f"{source or 'input'}: {_nothing_to_read(article, text, format)}")
        return article

    def annotate_file(self, path: str) -> Document:
        """Annotate one file (``-`` for standard input, or a web page's ``https://`` address),
        detecting encoding and format."""
        given = read_input(path, fetch=self.options.fetch)
        return self.annotate(given.text, format=given.format, source=given.name)

    def parse(self, text: str, *, format: TextFormat = "auto") -> Article:
        is_html = format == "html" or (format == "auto" and looks_like_html(text))
        parse = parse_html if is_html else parse_text
        return parse(text, keep_clutter=self.options.keep_clutter)

    def read_block(self, block: ArticleBlock) -> Block:
        return Block(
            kind=block.kind,
            sentences=tuple(self.read_sentence(p) for p in block_pieces(block)),
            marker=block.marker,
        )

    def read_sentence(self, text: str) -> Sentence:
        tokens = read_sentence(self._tokenizer.tokenize(text))
        tokens = read_unknown_kanji(tokens, self._kanji_readings)
        return Sentence(text=text, tokens=inflect(tokens, self._potential_of))

    def _potential_of(self, lemma: str) -> str | None:
        """The godan verb ``lemma`` is the potential of (読める → 読む), or ``None``.

        Sudachi makes each potential verb a lemma of its own, and its shape alone cannot
        tell 読める (can read) from 続ける (continue, beside 続く): JMdict decides. A
        potential is a godan verb's e-row form that JMdict lacks, or gives only as
        "to be able to …"; 売れる "to sell (well)" and 取れる "to come off" stay words.
        """
        if lemma in self._potentials:
            return self._potentials[lemma]
        godan = potential_candidate(lemma)
        found: str | None = None
        if godan is not None:
            entries = self.dictionary.entries([godan, lemma])
            if any(p.startswith("v5") for e in entries.get(godan, ()) for s in e.senses for p in s.pos):
                own = entries.get(lemma, ())
                if not own or all(_potential_gloss(e.senses[0].glosses) for e in own if e.senses):
                    found = godan
        if len(self._potentials) >= _MAX_POTENTIALS:
            self._potentials.clear()
        self._potentials[lemma] = found
        return found

    def _kanji_readings(self, characters: Iterable[str]) -> Mapping[str, str]:
        return self.dictionary.kanji_readings(characters)


_MAX_POTENTIALS = 20_000


def _potential_gloss(glosses: Sequence[str]) -> bool:
    return bool(glosses) and glosses[0].startswith(("to be able to", "to be possible to", "can "))


def block_pieces(block: ArticleBlock) -> tuple[str, ...]:
    """The texts a block is read as: its sentences, or a table row's cells one by one (so
    no token spans two cells)."""
    return block.cells if block.kind == "table_row" and block.cells else split_sentences(block.text)


def _nothing_to_read(article: Article, text: str, format: TextFormat) -> str:
    if article.dropped:
        return "every line looked like web clutter; use --keep-clutter (keep_clutter=True) to keep them"
    if format == "html" or (format == "auto" and looks_like_html(text)):
        return "has no article text (only markup, scripts or styles); give the article page or its text"
    return "has no article text (only rules, separators or symbols); give a file with article text"



def _title_of(blocks: Sequence[ArticleBlock]) -> tuple[str, bool]:
    """The article's title, and whether it has a title block (else: its first sentence)."""
    title = next(("".join(block_pieces(b)) for b in blocks if b.kind == "title"), "")
    if title or not blocks:
        return title, bool(title)
    pieces = block_pieces(blocks[0])  # its first sentence, as Document.title
    return (pieces[0] if pieces else "".join(block_pieces(blocks[0]))), False


def _groups(blocks: Sequence[ArticleBlock], group_chars: int) -> list[tuple[ArticleBlock, ...]]:
    groups: list[tuple[ArticleBlock, ...]] = []
    current: list[ArticleBlock] = []
    size = 0
    for block in blocks:
        current.append(block)
        size += len(block.text)
        if size >= group_chars:
            groups.append(tuple(current))
            current, size = [], 0
    if current:
        groups.append(tuple(current))
    return groups


@dataclass
class StreamedDocument:
    """A document whose blocks are made group by group (see :meth:`Annotator.annotate_in_groups`).

    Iterate :meth:`groups`; when :meth:`complete` is false afterwards, what it gave
    must be thrown away and :meth:`groups` iterated again (at most once more).
    :meth:`items` is set after the last group.
    """

    source: str
    title: str
    dropped: tuple[DroppedLine, ...]
    """The lines left out as clutter; for a long input, set by the first round of :meth:`groups`."""
    _annotator: Annotator
    _parts: Callable[[], Iterable[Article]]
    """The article, in one part or (a long input) in several read afresh on each call."""
    _group_chars: int = GROUP_CHARS
    _items: tuple[VocabItem, ...] = ()
    titled: bool = True
    """Whether the article has a title block (see ``Document.titled``)."""
    _families: Mapping[str, GlossaryEntry] | None = None
    _people: frozenset[str] | None = None
    _fields: frozenset[str] | None = None
    _complete: bool = False

    def _article_groups(self) -> Iterator[tuple[ArticleBlock, ...]]:
        dropped: list[DroppedLine] = []
        for article in self._parts():
            dropped.extend(article.dropped)
            yield from _groups(article.blocks, self._group_chars)
        self.dropped = tuple(dropped)

    def groups(self) -> Iterator[tuple[Block, ...]]:
        annotator = self._annotator
        if not annotator.options.vocabulary:
            for group in self._article_groups():
                with gc_paused():
                    blocks = with_grammar(annotator.read_block(b) for b in group)
                yield blocks
            self._complete = True
            return
        from .meaning.names import families_named_in_full
        from .meaning.vocabulary import VocabularyStream

        if self._families is None:
            # Family names need only the text: no second round for them.
            texts = (piece for article in self._parts() for b in article.blocks for piece in block_pieces(b))
            self._families = families_named_in_full(texts, annotator.glossary)
        stream = VocabularyStream(
            dictionary=annotator.dictionary,
            glossary=annotator.glossary,
            families=self._families,
            people=self._people,
            fields=self._fields,
        )
        for group in self._article_groups():
            with gc_paused():
                glossed = with_grammar(stream.gloss([annotator.read_block(b) for b in group]))
            yield glossed
        self._items = annotator.assessed(stream.items())
        self._complete = stream.exact
        # Now every name and the article's domain are known: a second round is exact.
        self._people, self._fields = stream.people, stream.fields

    def complete(self) -> bool:
        """Whether the last round of :meth:`groups` gave the document's final blocks."""
        return self._complete

    def items(self) -> tuple[VocabItem, ...]:
        return self._items


def _replacement(match: re.Match[str]) -> str:
    ch = match.group()
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ""


_default: Annotator | None = None
_default_lock = threading.Lock()


def default_annotator() -> Annotator:
    global _default
    with _default_lock:
        if _default is None:
            _default = Annotator()
        return _default


def annotate(
    text: str,
    *,
    level: str | None = None,
    known: Iterable[str] = (),
    glossaries: Sequence[str | os.PathLike[str]] = (),
    format: TextFormat = "auto",
    keep_clutter: bool = False,
    vocabulary: bool = True,
    source: str = "",
) -> Document:
    """Annotate a Japanese article given as text: readings, furigana, glosses, vocabulary.

    ``level`` (``"N5"`` … ``"N1"``) and ``known`` (words the learner knows, written as in
    a dictionary: 話し合う) mark the items the learner is taken to know; without them every
    item is new. ``glossaries`` are extra glossary files, which win over the shipped ones.
    ``format`` is ``"text"``, ``"html"`` or ``"auto"`` (HTML if it looks like HTML);
    ``keep_clutter`` keeps web clutter; ``vocabulary=False`` gives readings only;
    ``source`` names the article in the output. For a file, use :func:`annotate_file`.

    Raises ``TypeError`` for anything but a ``str`` (a ``Path`` names :func:`annotate_file`)
    and ``InputError`` for text with nothing to read, or for a ``str`` that is the path of
    an existing file rather than article text.

    >>> doc = annotate("和平案が話し合われた。", level="N3")
    >>> [t.reading for t in doc.tokens()][:3]
    ['わへい', 'あん', 'が']
    >>> [(item.text, item.known) for item in doc.vocabulary()]
    [('和平案', False), ('話し合う', True)]
    """
    _check_text(text)
    options = _options(level=level, known=known, glossaries=glossaries, keep_clutter=keep_clutter,
                       vocabulary=vocabulary)  # fmt: skip
    annotator = default_annotator() if options == Options() else Annotator(options)
    return annotator.annotate(text, format=format, source=source)


def annotate_file(
    path: str | os.PathLike[str],
    *,
    level: str | None = None,
    known: Iterable[str] = (),
    glossaries: Sequence[str | os.PathLike[str]] = (),
    keep_clutter: bool = False,
    vocabulary: bool = True,
    use_cache: bool = True,
) -> Document:
    """Annotate an article file (text or HTML, encoding detected; ``"-"`` is standard input)
    or the web page at an ``http://`` or ``https://`` address.

    The keyword arguments are those of :func:`annotate`; the document's ``source`` is
    ``path``. A page is fetched once and then read from the cache (``yomu.text.fetch``);
    ``use_cache=False`` fetches it again. Raises ``InputError`` for a file or page that
    cannot be read as an article (missing, not found, too large, not HTML, a timeout …).

    >>> doc = annotate_file("examples/summit.txt")
    >>> doc.title[:8]
    '北欧3か国と日本'
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"annotate_file() takes a path (str or os.PathLike), not {type(path).__name__}")
    options = _options(level=level, known=known, glossaries=glossaries, keep_clutter=keep_clutter,
                       vocabulary=vocabulary)  # fmt: skip
    if not use_cache:
        options = replace(options, fetch=FetchOptions(use_cache=False))
    annotator = default_annotator() if options == Options() else Annotator(options)
    return annotator.annotate_file(os.fspath(path))


def _check_text(text: object) -> None:
    if isinstance(text, str):
        # A path handed over as a string would be annotated as a one-line article about
        # a file name: refuse it when it names an existing file.
        if "\n" not in text and len(text) < 4096 and text.strip() == text and _is_file(text):
            raise InputError(
                f"{text}: is the path of a file, not article text; use yomu.annotate_file({text!r})"
            )
        return
    if isinstance(text, os.PathLike):
        raise TypeError(
            f"annotate() takes the article's text, not a path; use yomu.annotate_file({os.fspath(text)!r})"
        )
    hint = "; decode it first (or give the file to yomu.annotate_file)" if isinstance(text, bytes) else ""
    raise TypeError(f"annotate() takes the article's text as a str, not {type(text).__name__}{hint}")


def _is_file(text: str) -> bool:
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):  # a name too long, or with a NUL byte
        return False


def _options(
    *,
    level: str | None,
    known: Iterable[str],
    glossaries: Sequence[str | os.PathLike[str]],
    keep_clutter: bool,
    vocabulary: bool,
) -> Options:
    if isinstance(known, str):
        raise TypeError("known is a collection of words, not one str; give a list such as ['政府']")
    if isinstance(glossaries, (str, os.PathLike)):
        raise TypeError("glossaries is a list of glossary files; give [path] for one")
    learner = Learner(level=parse_level(level) if level else None, known_words=frozenset(known))
    return Options(
        keep_clutter=keep_clutter,
        glossaries=tuple(Path(g) for g in glossaries),
        vocabulary=vocabulary,
        learner=learner,
    )
