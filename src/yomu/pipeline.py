"""The pipeline, top to bottom: article → sentences → tokens → readings → vocabulary
→ levels → selection.

Each stage is a function of the previous stage's frozen output; this module only
wires them together and holds the expensive shared resources (Sudachi, JMdict,
glossaries), which are loaded on first use.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .article import looks_like_html, parse_html, parse_text
from .errors import InputError
from .learner import Learner, select
from .model import Article, ArticleBlock, Block, Document, Sentence, VocabItem
from .readings import read_sentence, read_unknown_kanji
from .sentences import split_sentences
from .source import read_input
from .tokenizer import Tokenizer

if TYPE_CHECKING:
    from .dictionary import JMdict
    from .glossary import Glossary

TextFormat = Literal["auto", "text", "html"]

# C0/C1 controls other than tab and newline carry no text; lone surrogates cannot be
# encoded at all. Both come from careless copy-paste and must not reach Sudachi.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udfff]")


@dataclass(frozen=True)
class Options:
    """What the user chose; everything that changes the output lives here."""

    keep_clutter: bool = False
    glossaries: tuple[Path, ...] = ()
    include_shipped_glossaries: bool = True
    vocabulary: bool = True
    learner: Learner = field(default_factory=Learner)
    """Who reads: decides which items are ``known`` (no settings: none is)."""


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

    # -- resources, loaded on first use ---------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        with self._lock:
            if self._glossary is None:
                from .glossary import Glossary

                self._glossary = Glossary.load(
                    list(self.options.glossaries), include_shipped=self.options.include_shipped_glossaries
                )
            return self._glossary

    @property
    def dictionary(self) -> JMdict:
        with self._lock:
            if self._dictionary is None:
                from .dictionary import default_dictionary

                self._dictionary = default_dictionary()
            return self._dictionary

    # -- the pipeline ---------------------------------------------------------------------

    def annotate(self, text: str, *, format: TextFormat = "auto", source: str = "") -> Document:
        """Annotate one article given as text (plain or HTML)."""
        text = _UNWANTED.sub(_replacement, text)
        if not text.strip():
            raise InputError(f"{source or 'input'}: is empty; give article text")
        article = self.parse(text, format=format)
        if not article.blocks:
            raise InputError(f"{source or 'input'}: {_nothing_to_read(article, text, format)}")
        blocks = tuple(self.read_block(block) for block in article.blocks)
        items: tuple[VocabItem, ...] = ()
        if self.options.vocabulary:
            from .levels import assess
            from .vocabulary import build_vocabulary

            blocks, items = build_vocabulary(blocks, dictionary=self.dictionary, glossary=self.glossary)
            items = select(assess(items, self.dictionary), self.options.learner)
        return Document(
            blocks=blocks,
            items=items,
            dropped=article.dropped,
            source=source,
            for_learner=self.options.learner.active,
        )

    def annotate_file(self, path: str) -> Document:
        """Annotate one file (``-`` for standard input), detecting encoding and format."""
        given = read_input(path)
        return self.annotate(given.text, format=given.format, source=given.name)

    def parse(self, text: str, *, format: TextFormat = "auto") -> Article:
        is_html = format == "html" or (format == "auto" and looks_like_html(text))
        parse = parse_html if is_html else parse_text
        return parse(text, keep_clutter=self.options.keep_clutter)

    def read_block(self, block: ArticleBlock) -> Block:
        # A table row's cells are read one by one so no token spans two cells.
        pieces = block.cells if block.kind == "table_row" and block.cells else split_sentences(block.text)
        return Block(
            kind=block.kind, sentences=tuple(self.read_sentence(p) for p in pieces), marker=block.marker
        )

    def read_sentence(self, text: str) -> Sentence:
        tokens = read_sentence(self._tokenizer.tokenize(text))
        return Sentence(text=text, tokens=read_unknown_kanji(tokens, self._kanji_readings))

    def _kanji_readings(self, characters: Iterable[str]) -> Mapping[str, str]:
        return self.dictionary.kanji_readings(characters)


def _nothing_to_read(article: Article, text: str, format: TextFormat) -> str:
    if article.dropped:
        return "every line looked like web clutter; use --keep-clutter (keep_clutter=True) to keep them"
    if format == "html" or (format == "auto" and looks_like_html(text)):
        return "has no article text (only markup, scripts or styles); give the article page or its text"
    return "has no article text (only rules, separators or symbols); give a file with article text"


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
    format: TextFormat = "auto",
    keep_clutter: bool = False,
    glossaries: Sequence[Path | str] = (),
    vocabulary: bool = True,
    source: str = "",
) -> Document:
    """Annotate a Japanese article: readings, furigana, glosses and vocabulary items.

    >>> doc = annotate("和平案が話し合われた。")  # doctest: +SKIP
    """
    options = Options(
        keep_clutter=keep_clutter, glossaries=tuple(Path(g) for g in glossaries), vocabulary=vocabulary
    )
    annotator = default_annotator() if options == Options() else Annotator(options)
    return annotator.annotate(text, format=format, source=source)
