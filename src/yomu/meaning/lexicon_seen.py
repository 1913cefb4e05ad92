"""The lexicon's per-word answers that outlive a document (:class:`Seen`, shared by every
document glossed with one dictionary) and the word forms they start from."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Token, Word
from ..words.kana import is_kanji
from .word_glosses import lookup_forms, token_forms

if TYPE_CHECKING:
    from .dictionary import JMdict
    from .word_glosses import WordGloss


FUSED_SUFFIXES = frozenset("後中前時内間上下用率案者")
"""One-kanji suffixes Sudachi writes into the token of the word before them (就任後,
交渉中, 選挙前), making a token JMdict does not hold: :meth:`Lexicon._fused` splits them."""


def fused_parts(token: Token) -> tuple[str, str] | tuple[()]:
    """A kanji noun of three or more characters ending in one of :data:`FUSED_SUFFIXES`,
    cut before the suffix; else ``()``."""
    text = token.surface
    if len(text) < 3 or text[-1] not in FUSED_SUFFIXES or token.pos[0] != "名詞":
        return ()
    if not all(is_kanji(c) for c in text):
        return ()
    return text[:-1], text[-1]


_forms_seen: dict[Word, tuple[str, ...]] = {}


def single_forms(token: Token) -> tuple[str, ...]:
    """The JMdict forms a content word alone may need: its lookup forms and, for a word
    and suffix Sudachi fused, the two parts. Worked out once per word, not per document."""
    word = token.word
    found = _forms_seen.get(word)
    if found is None:
        if len(_forms_seen) >= 50_000:
            _forms_seen.clear()  # bounded; refilled as words are met
        forms = [f for text, _ in token_forms(token) for f in lookup_forms(text)]
        found = _forms_seen[word] = (*forms, *fused_parts(token))
    return found


SingleAnswer = tuple[bool, "WordGloss | None", bool, bool]
"""Whether a word may be a name (worked out at each occurrence), its item alone, whether
it is a verb, whether its neighbours choose its sense."""


@dataclass
class Seen:
    """The lexicon's answers by word, keyed on the token's :class:`Word` (a cached hash)."""

    words: dict[Word, WordGloss | None] = field(default_factory=dict)
    """:meth:`Lexicon.word`."""
    singles: dict[Word, SingleAnswer] = field(default_factory=dict)
    """:meth:`Lexicon._single_alone`."""


_words_seen_cache: weakref.WeakKeyDictionary[JMdict, Seen] = weakref.WeakKeyDictionary()


def words_seen_for(dictionary: JMdict) -> Seen:
    """``Lexicon._seen`` shared by every document glossed with ``dictionary``.

    A token's JMdict item depends on the token and the dictionary alone (each document's
    lexicon holds the entries of every form its own tokens have), so the answers carry
    over from one article to the next of a bulk run.
    """
    seen = _words_seen_cache.get(dictionary)
    if seen is None or len(seen.words) >= 50_000 or len(seen.singles) >= 50_000:
        seen = _words_seen_cache[dictionary] = Seen()
    return seen
