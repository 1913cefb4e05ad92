"""Set expressions: によると, にもかかわらず, に向けて … matched across tokens as one item.

News grammar is made of a particle and a word or two after it that together mean one
thing. Glossed word by word, に|向け|て is "to turn towards" and にも|かかわら|ず "to be
affected"; the learner needs "towards" and "despite". The expressions and the forms that
are matched are curated in ``data/expressions.toml`` (a form is the Sudachi dictionary
forms of its tokens, so conjugated variants are listed, not guessed: に 向ける た is
に向けた). The vocabulary stage tries them first, longest form first, wherever a token's
lemma starts one.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..data import read_text
from ..model import Token
from ..words.kana import HIRAGANA_READING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the Python version
    import tomli as tomllib

EXPRESSIONS_FILE = "expressions.toml"


@dataclass(frozen=True)
class Expression:
    text: str
    """As a learner looks it up: に向けて."""
    reading: str
    glosses: tuple[str, ...]
    note: str = ""
    not_after: frozenset[str] = frozenset()
    """What, just before, makes the same words another construction: lemmas, or
    ``volitional`` (しよう|としている is "is trying to"), or ``noun`` (中心|とした is
    "centred on", not "said that")."""
    after: str = ""
    """``clause``: only after a verb, adjective or auxiliary (鈍化した|として: "on the
    grounds that"); empty: anywhere."""

    def fits_after(self, previous: Token | None) -> bool:
        """Whether the token before the match allows this reading of it."""
        if previous is None:
            return self.after != "clause"
        if self.after == "clause" and previous.pos[0] not in _CLAUSE_ENDS:
            return False
        return not _excluded_after(previous, self.not_after)


@dataclass(frozen=True)
class Expressions:
    """Every expression by the forms it is matched in."""

    forms: dict[tuple[str, ...], tuple[Expression, ...]]
    """Each form's expressions, in the file's order: the first whose context fits wins."""
    starts: frozenset[str]
    """The first lemma of some form: the only tokens where a match can begin."""
    longest: int
    openings: frozenset[tuple[str, str]] = frozenset()
    """The first two lemmas of some form: に is everywhere, に|向ける is not."""
    followed_by: dict[tuple[tuple[str, ...], str], frozenset[str]] = field(default_factory=dict)
    """(form, expression text) → the surfaces one of which must come just after that form
    (``+、`` in the file): 決裂を受け|、 is "following", 制裁を受ける|。 is not."""

    def match(self, tokens: Sequence[Token], start: int, stop: int) -> tuple[Expression, int] | None:
        """The longest expression whose form the lemmas at ``start`` spell, and where it ends."""
        if start + 1 >= stop or (tokens[start].word.lemma, tokens[start + 1].word.lemma) not in self.openings:
            return None
        previous = tokens[start - 1] if start > 0 else None
        for end in range(min(stop, start + self.longest), start + 1, -1):
            lemmas = tuple(t.lemma for t in tokens[start:end])
            for found in self.forms.get(lemmas, ()):
                if found.fits_after(previous) and self._fits_before(lemmas, found, tokens, end, stop):
                    return found, end
        return None


    def _fits_before(
        self, lemmas: tuple[str, ...], found: Expression, tokens: Sequence[Token], end: int, stop: int
    ) -> bool:
        needed = self.followed_by.get((lemmas, found.text))
        return needed is None or (end < stop and tokens[end].surface in needed)


_CLAUSE_ENDS = frozenset({"動詞", "形容詞", "助動詞"})


def _excluded_after(previous: Token, not_after: frozenset[str]) -> bool:
    # Sudachi writes a volitional form as one token (しよう, 行こう), so "volitional"
    # names the form where a lemma (う, よう) cannot.
    if previous.lemma in not_after or ("noun" in not_after and previous.pos[0] == "名詞"):
        return True
    return "volitional" in not_after and len(previous.pos) > 5 and previous.pos[5].startswith("意志推量形")


def parse(text: str, name: str = EXPRESSIONS_FILE) -> Expressions:
    """Expressions from the TOML of ``data/expressions.toml``; ``ValueError`` names what is wrong."""
    data = tomllib.loads(text)
    forms: dict[tuple[str, ...], tuple[Expression, ...]] = {}
    followed_by: dict[tuple[tuple[str, ...], str], frozenset[str]] = {}
    for n, raw in enumerate(data.get("expression", []), 1):
        expression = _expression(raw, f"{name}: expression {n}")
        for form in raw["forms"]:
            words = form.split()
            lemmas = tuple(w for w in words if not w.startswith("+"))
            after_form = frozenset(w[1:] for w in words if w.startswith("+") and len(w) > 1)
            if after_form:
                if not words[-1].startswith("+"):
                    raise ValueError(f"{name}: expression {n}: form {form!r}: +X comes last")
                followed_by[(lemmas, expression.text)] = after_form
            if len(lemmas) < 2:
                raise ValueError(f"{name}: expression {n}: form {form!r} has fewer than two words")
            for other in forms.get(lemmas, ()):
                # Two readings of one form are told apart by what comes before them.
                if (other.after, other.not_after) == (expression.after, expression.not_after):
                    raise ValueError(f"{name}: expression {n}: form {form!r} is also {other.text}'s")
            forms[lemmas] = (*forms.get(lemmas, ()), expression)
    return Expressions(
        forms=forms,
        starts=frozenset(lemmas[0] for lemmas in forms),
        longest=max((len(lemmas) for lemmas in forms), default=0),
        openings=frozenset((lemmas[0], lemmas[1]) for lemmas in forms),
        followed_by=followed_by,
    )


def _expression(raw: dict[str, Any], where: str) -> Expression:
    for key in ("text", "reading", "glosses", "forms"):
        if not raw.get(key):
            raise ValueError(f"{where}: missing {key}")
    if not HIRAGANA_READING.match(raw["reading"]):
        raise ValueError(f"{where}: reading {raw['reading']!r} is not hiragana")
    return Expression(
        text=raw["text"],
        reading=raw["reading"],
        glosses=tuple(raw["glosses"]),
        note=raw.get("note", ""),
        not_after=frozenset(raw.get("not_after", ())),
        after=_after(raw.get("after", ""), where),
    )


def _after(value: str, where: str) -> str:
    if value not in ("", "clause"):
        raise ValueError(f"{where}: after {value!r} is not 'clause'")
    return value


@cache
def shipped_expressions() -> Expressions:
    """The shipped table, parsed on first use."""
    return parse(read_text(EXPRESSIONS_FILE))
