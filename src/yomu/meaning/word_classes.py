"""Word classes: what the vocabulary passes ask of a token that depends on the word alone.

Whether a token may carry an item, may start, continue or end a JMdict compound, may
start or sit inside a glossary term, or may be part of a composed item depends on its
surface, lemma, reading, POS and reading source, not on where it stands. The passes ask
these of every token several times over; :func:`word_classes` works them out once per
distinct word and glossary, so a sentence's classes are one dictionary look-up per token.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from ..model import Token, Word
from ..words.kana import KANA_WORD, KATAKANA_WORD, is_kanji
from .expressions import shipped_expressions
from .names import NAME_JOINERS

if TYPE_CHECKING:
    from .glossary import Glossary

MAX_SPAN_TOKENS = 8
"""The longest run of tokens one item may cover."""

_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9]+$")
_DIGITS = re.compile(r"^[0-9０-９.,．，]+$")
AFFIXES = ("接頭辞", "接尾辞")

STOPLIST = frozenset(
    {
        "こと", "もの", "ため", "よう", "とき", "ところ", "わけ", "はず", "ほう", "うち", "まま",
        "ほか", "など", "さん", "くん", "ちゃん", "たち", "ら", "ごと", "つもり", "そう",
        "する", "ある", "いる", "なる", "できる", "おる", "いく", "くる", "みる", "しまう",
        "おく", "くれる", "もらう", "あげる", "いう", "ない", "いい", "よい",
    }
)  # fmt: skip
"""Kana-only lemmas that are grammar rather than vocabulary."""

_NO_ITEM_HEADS = frozenset(
    {"助詞", "助動詞", "補助記号", "記号", "空白", "代名詞", "接続詞", "感動詞", "連体詞"}
)
_prefix_cache: weakref.WeakKeyDictionary[Glossary, frozenset[str]] = weakref.WeakKeyDictionary()


def term_prefixes(glossary: Glossary) -> frozenset[str]:
    """Every non-empty prefix of every glossary term and variant."""
    return _prefixes(glossary, _prefix_cache, whole=True)


_proper_prefix_cache: weakref.WeakKeyDictionary[Glossary, frozenset[str]] = weakref.WeakKeyDictionary()


def term_proper_prefixes(glossary: Glossary) -> frozenset[str]:
    """Every non-empty prefix of a glossary term or variant that is shorter than it: the
    texts a longer term can still grow from."""
    return _prefixes(glossary, _proper_prefix_cache, whole=False)


def _prefixes(
    glossary: Glossary, memo: weakref.WeakKeyDictionary[Glossary, frozenset[str]], *, whole: bool
) -> frozenset[str]:
    prefixes = memo.get(glossary)
    if prefixes is None:
        forms = {form for entry in glossary for form in entry.forms}
        prefixes = frozenset(form[:n] for form in forms for n in range(1, len(form) + whole))
        memo[glossary] = prefixes
    return prefixes


def is_number(token: Token) -> bool:
    return token.pos[1] == "数詞" or _DIGITS.match(token.surface) is not None


def _is_counter(token: Token) -> bool:
    return token.pos[0] == "接尾辞" and "助数詞" in token.pos[2]


def counts_a_number(classes: Sequence[WordClass], i: int) -> bool:
    """2|月, 3|年: token ``i`` is the counter of the number before it, which it belongs to
    (neither gets an item, nor starts a compound: 3|年|分, 2|月|末)."""
    return classes[i].counter and i > 0 and classes[i - 1].number


_ROUGHLY = frozenset({"あまり", "余り", "ほど", "程", "近く", "以上", "前後", "ばかり"})


def follows_number(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` comes right after a number and its counter (3|年|前, 2|週間|後),
    allowing one word of "roughly" between them (1|カ月|あまり|前)."""
    k = i - 1
    if k > 0 and tokens[k].surface in _ROUGHLY:
        k -= 1
    if k < 0:
        return False
    if is_number(tokens[k]):
        return True
    counter = tokens[k].reading_source == "number" or "助数詞" in tokens[k].pos[2]
    return counter and k > 0 and is_number(tokens[k - 1])


def is_content(token: Token) -> bool:
    """Whether a token may carry a vocabulary item of its own (module docstring)."""
    head = token.pos[0]
    if head in _NO_ITEM_HEADS or is_number(token) or _is_counter(token):
        return False
    if head == "形状詞" and token.pos[1] == "助動詞語幹":
        return False
    if not any(ch.isalpha() for ch in token.surface):
        return False
    if head in AFFIXES and not any(is_kanji(ch) for ch in token.surface):
        return False  # お, ご, さん, ら: grammar, not vocabulary
    if token.surface.isascii() and not _ABBREVIATION.match(token.surface):
        return False  # English words in the text are not Japanese vocabulary; EU, NATO, G7 are
    if KANA_WORD.match(token.lemma) and (
        token.lemma in STOPLIST or (head in ("動詞", "形容詞") and token.pos[1] == "非自立可能")
    ):
        return False
    return head in ("名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞")


# Verbs that, right after に or を, are part of a compound particle (について "about",
# にとって "for", によって "by", における "in", をめぐる "over"): grammar a learner
# reads as one unit, not the verbs "to be lit", "to take", "to depend on".
_PARTICLE_VERBS = {
    "に": frozenset(
        {"つく", "とる", "よる", "おける", "わたる", "際する", "伴う", "関する", "対する", "向ける"}
    ),
    "を": frozenset({"めぐる"}),
}


def in_compound_particle(tokens: Sequence[Token], i: int) -> bool:
    if i == 0 or tokens[i].pos[0] != "動詞":
        return False
    before = tokens[i - 1]
    verbs = _PARTICLE_VERBS.get(before.surface, frozenset())
    return before.pos[:2] == ("助詞", "格助詞") and tokens[i].lemma in verbs


def _is_kanji_numeral(token: Token) -> bool:
    return token.pos[1] == "数詞" and all(is_kanji(ch) for ch in token.surface)


def _compound_start(token: Token) -> bool:
    if is_number(token):
        return _is_kanji_numeral(token)  # 二|国|間, never 2|州
    return token.pos[0] == "接頭辞" or (token.pos[0] != "接尾辞" and _compound_inner(token))


def _compound_inner(token: Token) -> bool:
    head = token.pos[0]
    if head == "名詞":
        return not is_number(token) or _is_kanji_numeral(token)  # 第|三|国
    if head == "接尾辞":
        return not _is_counter(token)
    return head == "形状詞" and token.pos[1] != "助動詞語幹"


def _compound_end(token: Token) -> bool:
    return _compound_inner(token) or (token.pos[0] in ("動詞", "形容詞") and token.pos[1] != "非自立可能")


def compound_ends(classes: Sequence[WordClass], start: int) -> list[int]:
    """Every ``end`` for which tokens ``start:end`` (2+ tokens) may be a JMdict compound,
    ascending; ``classes`` are the sentence's word classes."""
    if not classes[start].compound_start or counts_a_number(classes, start):
        return []
    ends = []
    for j in range(start + 1, min(len(classes), start + MAX_SPAN_TOKENS)):
        word_class = classes[j]
        if word_class.compound_end:
            ends.append(j + 1)
        if not word_class.compound_inner:
            break
    return ends


def compound_runs(classes: Sequence[WordClass]) -> dict[int, list[int]]:
    """:func:`compound_ends` of every position of a sentence that has some, in order: worked
    out once per sentence for the two passes that need them (the batched dictionary query
    and the compound pass)."""
    runs: dict[int, list[int]] = {}
    for start in [i for i, c in enumerate(classes[:-1]) if c.compound_start]:
        following = classes[start + 1]
        if not (following.compound_end or following.compound_inner):
            continue  # the usual case, a noun before a particle: no end, asked cheaply
        if ends := compound_ends(classes, start):
            runs[start] = ends
    return runs


@dataclass(frozen=True, slots=True, eq=False)
class WordClass:
    """What the passes ask of a token that depends on the word alone, not where it stands.

    The passes ask these of every token, several times over; working them out once per
    distinct word (and glossary) and looking each token's up once per sentence is what
    keeps glossing a long article in step with tokenizing it. There is one object per
    distinct word, so classes compare and hash by identity (cheap in a set).
    """

    content: bool
    """:func:`is_content`: may carry an item of its own."""
    number: bool
    counter: bool
    """A counter if it follows a number (read as one, or Sudachi's 助数詞)."""
    compound_start: bool
    compound_inner: bool
    compound_end: bool
    glossary_start: bool
    """May start a glossary term: an edge whose surface or lemma begins some term."""
    glossary_edge: bool
    """May start or end a glossary term (not a particle, auxiliary or punctuation)."""
    glossary_inside: bool
    """May stand inside a glossary term (not punctuation but the name joiners)."""
    composable_first: bool
    composable_rest: bool
    katakana: bool
    surname: bool
    given_name: bool
    expression_start: bool
    """Its lemma begins some set expression (:attr:`Expressions.starts`)."""


# Keyed on the token's Word: its hash is worked out once per word, and equal words (of
# other documents too) share a class.
_class_cache: weakref.WeakKeyDictionary[Glossary, dict[Word, WordClass]] = weakref.WeakKeyDictionary()


def word_classes(tokens: Sequence[Token], glossary: Glossary) -> list[WordClass]:
    """The :class:`WordClass` of each of ``tokens``."""
    known = _class_cache.get(glossary)
    if known is None or len(known) >= 50_000:
        known = _class_cache[glossary] = {}
    words = list(map(_WORD, tokens))
    try:
        # map, not a comprehension: no Python step per token but the word's hash.
        return list(map(known.__getitem__, words))
    except KeyError:
        prefixes = term_prefixes(glossary)
        for token, word in zip(tokens, words, strict=True):
            if word not in known:
                known[word] = _word_class(token, prefixes)
        return [known[word] for word in words]


_WORD = attrgetter("word")


def _word_class(token: Token, prefixes: frozenset[str]) -> WordClass:
    return WordClass(
        expression_start=token.lemma in shipped_expressions().starts,
        content=is_content(token),
        number=is_number(token),
        counter=token.reading_source == "number" or "助数詞" in token.pos[2],
        compound_start=_compound_start(token),
        compound_inner=_compound_inner(token),
        compound_end=_compound_end(token),
        glossary_start=glossary_edge(token) and (token.surface in prefixes or token.lemma in prefixes),
        glossary_edge=glossary_edge(token),
        glossary_inside=glossary_inside(token),
        composable_first=composable(token, first=True),
        composable_rest=composable(token, first=False),
        katakana=KATAKANA_WORD.match(token.surface) is not None,
        surname=token.pos[2:4] == ("人名", "姓"),
        given_name=token.pos[2:4] == ("人名", "名"),
    )


def glossary_edge(token: Token) -> bool:
    return token.pos[0] not in ("助詞", "助動詞", "補助記号", "記号", "空白")


def glossary_inside(token: Token) -> bool:
    return token.pos[0] not in ("補助記号", "記号", "空白") or token.surface in NAME_JOINERS


def composable(token: Token, *, first: bool) -> bool:
    if not token.surface or not all(is_kanji(ch) for ch in token.surface):
        return False
    head = token.pos[0]
    if head == "接頭辞":
        return first
    if head == "接尾辞":
        return not first and not _is_counter(token)
    return head == "名詞" and not is_number(token)
