"""Names and titles: telling a person's name from a common word, and cutting names off
the titles Sudachi fuses them with (トランプ大統領 → トランプ | 大統領).

A katakana word is a person next to a title or another name part; a glossary person's
family name is theirs alone in an article that names them in full (小谷氏 after 小谷哲男).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import is_
from typing import TYPE_CHECKING

from ..model import Block, Sentence, Token
from ..words.furigana import furigana_segments
from ..words.kana import KATAKANA_WORD

if TYPE_CHECKING:
    from .glossary import Glossary, GlossaryEntry

_COMMON_NOUN = ("名詞", "普通名詞", "一般", "*", "*", "*")

TITLES: dict[str, str] = {
    "大統領": "だいとうりょう", "副大統領": "ふくだいとうりょう", "前大統領": "ぜんだいとうりょう",
    "首相": "しゅしょう", "前首相": "ぜんしゅしょう", "元首相": "もとしゅしょう", "氏": "し",
    "長官": "ちょうかん", "国務長官": "こくむちょうかん", "国防長官": "こくぼうちょうかん",
    "財務長官": "ざいむちょうかん", "商務長官": "しょうむちょうかん", "外相": "がいしょう",
    "国防相": "こくぼうしょう", "外務大臣": "がいむだいじん", "特使": "とくし", "大使": "たいし",
    "補佐官": "ほさかん", "報道官": "ほうどうかん", "議員": "ぎいん", "議長": "ぎちょう",
    "書記長": "しょきちょう", "国王": "こくおう", "政権": "せいけん", "陣営": "じんえい",
    "主席": "しゅせき", "総書記": "そうしょき", "総統": "そうとう", "教授": "きょうじゅ",
    "幹事長": "かんじちょう", "委員長": "いいんちょう", "総裁": "そうさい",
    "事務総長": "じむそうちょう", "上級代表": "じょうきゅうだいひょう", "副首相": "ふくしゅしょう",
}  # fmt: skip
"""Words that follow a person's name (with their readings, to split fused tokens)."""

_TITLE_LENGTHS = tuple(sorted({len(t) for t in TITLES}, reverse=True))
"""Longest first, so 国防長官 is cut before 長官."""
_TITLE_ENDINGS = frozenset(t[-1] for t in TITLES)
_TITLE_ENDING = re.compile("[" + "".join(sorted(_TITLE_ENDINGS)) + "]")

# A country abbreviation may sit between a name and its title: トランプ米大統領.
_COUNTRY_ABBREVIATIONS = frozenset("米英露ロ仏独中韓朝日伊加豪印")
NAME_JOINERS = frozenset({"・", "＝", "="})
"""Marks that join the parts of a name (ボロディミル・ゼレンスキー) and are not pronounced."""


def is_person(tokens: Sequence[Token], i: int) -> bool:
    """Sudachi says 人名, or a katakana word stands before a title (トランプ米大統領,
    ルーベン・ブレケルマンス国防相) or is joined by ・ to a 人名 (ボロディミル・ゼレンスキー)."""
    token = tokens[i]
    if token.pos[2] == "人名":
        return True
    if token.pos[2] == "地名" or not KATAKANA_WORD.match(token.surface):
        return False
    j = i + 1
    while (
        j + 1 < len(tokens)
        and tokens[j].surface in NAME_JOINERS
        and KATAKANA_WORD.match(tokens[j + 1].surface)
    ):
        if tokens[j + 1].pos[2] == "人名":
            return True
        j += 2
    return title_at(tokens, j)


def names_a_person(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Sudachi tags the first token as a name, or a title follows (習|主席, 小谷|氏)."""
    return tokens[start].pos[2] == "人名" or title_at(tokens, end)


def families_named_in_full(texts: Iterable[str], glossary: Glossary) -> dict[str, GlossaryEntry]:
    """Family names of the glossary people a document (its ``texts``) names in full.

    A family name two such people share (金正恩, 金与正) stays ambiguous and is left out.
    """
    people = glossary.people_with_family
    wanted = {s for e in people for s in (e.family.term if e.family else "", *e.forms) if s}
    present = _present_in(texts, wanted)
    found: dict[str, GlossaryEntry | None] = {}
    for entry in people:
        family = entry.family
        assert family is not None
        if family.term in present and any(form in present for form in entry.forms):
            other = found.get(family.term)
            found[family.term] = entry if other is None or other.term == entry.term else None
    return {name: entry for name, entry in found.items() if entry is not None}


_BATCH_CHARS = 1_000_000


def _present_in(texts: Iterable[str], wanted: set[str]) -> set[str]:
    """Which of ``wanted`` occur in ``texts``, searched a batch of texts at a time.

    A name never spans two texts (sentences), so batches give what one joined string
    would, without holding a long article's whole text at once.
    """
    present: set[str] = set()
    batch: list[str] = []
    size = 0
    for text in _with_end(texts):
        if text is not None:
            batch.append(text)
            size += len(text)
        if (text is None or size >= _BATCH_CHARS) and batch:
            joined = "\n".join(batch)
            present.update(s for s in wanted - present if s in joined)
            batch, size = [], 0
    return present


def _with_end(texts: Iterable[str]) -> Iterator[str | None]:
    yield from texts
    yield None


def title_at(tokens: Sequence[Token], j: int) -> bool:
    """A title at ``j``, maybe after a country abbreviation (米|大統領), maybe cut in two
    by Sudachi (事務|総長, 上級|代表)."""
    if j < len(tokens) and tokens[j].surface in _COUNTRY_ABBREVIATIONS:
        j += 1
    if j >= len(tokens):
        return False
    two = tokens[j].surface + tokens[j + 1].surface if j + 1 < len(tokens) else ""
    return tokens[j].surface in TITLES or two in TITLES


def in_name_context(tokens: Sequence[Token], i: int) -> bool:
    """Another name part or a title next to token ``i``."""
    neighbours = [tokens[k] for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
    return any(t.pos[2] == "人名" for t in neighbours) or title_at(tokens, i + 1)


# --- names fused with titles --------------------------------------------------------------


def split_fused_titles(block: Block, glossary: Glossary, families: Mapping[str, GlossaryEntry]) -> Block:
    """``block`` with names cut off the titles fused to them (:func:`_split_title`)."""
    sentences = tuple(_split_in_sentence(s, glossary, families) for s in block.sentences)
    if all(map(is_, sentences, block.sentences)):
        return block  # most blocks have no name fused with a title
    return Block(block.kind, sentences, block.marker)


def _split_in_sentence(
    sentence: Sentence, glossary: Glossary, families: Mapping[str, GlossaryEntry]
) -> Sentence:
    text = sentence.text
    if not _TITLE_ENDING.search(text):
        return sentence
    given = sentence.tokens
    # The tokens spell the text: a token ending the way a title does ends just after one
    # of the text's title endings, so those few are all there is to look at.
    starts = [t.start for t in given]
    tokens: list[Token] = []
    done = 0
    for match in _TITLE_ENDING.finditer(text):
        k = bisect_right(starts, match.start()) - 1
        if k < done:
            continue
        token = given[k]
        word = token.word
        surface = word.surface
        # Only a proper noun, or any word once the document names a family, that ends
        # the way a title does can be a name fused with its title.
        if (
            token.start + len(surface) == match.end()
            and len(surface) > 1
            and (families or word.pos[1] == "固有名詞")
        ):
            parts = _split_title(token, glossary, families)
            if len(parts) > 1:
                tokens.extend(given[done:k])
                tokens.extend(parts)
                done = k + 1
    if not tokens:
        return sentence
    tokens.extend(given[done:])
    return Sentence(sentence.text, tuple(tokens), sentence.grammar)


def _split_title(
    token: Token, glossary: Glossary, families: Mapping[str, GlossaryEntry]
) -> tuple[Token, ...]:
    """トランプ大統領 (one Sudachi token) → トランプ | 大統領, unless a glossary knows the whole.

    A family name of the people the document names in full is cut off its title too, even
    where Sudachi does not know the name (習氏 is one unknown word to it, with no reading).
    """
    proper = token.pos[1] == "固有名詞" and token.reading is not None
    if not (proper or families) or glossary.get(token.surface) is not None:
        return (token,)
    for length in _TITLE_LENGTHS:
        title = token.surface[-length:]
        if len(token.surface) <= length or title not in TITLES:
            continue
        name = token.surface[:-length]
        title_reading = TITLES[title]
        person = families.get(name)
        if person is not None and person.family is not None:
            return _cut(token, name, person.family.reading, title, title_reading, "glossary")
        if (
            proper
            and token.reading is not None
            and len(name) >= 2
            and KATAKANA_WORD.match(name)
            and token.reading.endswith(title_reading)
            and len(token.reading) > len(title_reading)
        ):
            name_reading = token.reading[: -len(title_reading)]
            return _cut(token, name, name_reading, title, title_reading, token.reading_source)
    return (token,)


def _cut(
    token: Token, name: str, name_reading: str, title: str, title_reading: str, source: str
) -> tuple[Token, Token]:
    cut = token.start + len(name)
    return (
        Token(
            surface=name,
            start=token.start,
            end=cut,
            reading=name_reading,
            furigana=furigana_segments(name, name_reading),
            lemma=name,
            pos=("名詞", "固有名詞", "人名", "一般", "*", "*"),
            reading_source=source,
        ),
        Token(
            surface=title,
            start=cut,
            end=token.end,
            reading=title_reading,
            furigana=furigana_segments(title, title_reading),
            lemma=title,
            pos=("接尾辞", "名詞的", "一般", "*", "*", "*") if title == "氏" else _COMMON_NOUN,
            reading_source=token.reading_source,
        ),
    )
