"""Senses: which meaning of a dictionary entry a word in an article has.

JMdict lists an entry's senses in order, each with its parts of speech and, for some,
a field (``military``, ``finance``, ``Buddhism`` …). The primary sense of a word is the
first whose part of speech fits Sudachi's (:func:`pos_fits`), with two corrections for
news: a sense of a field news hardly means (:data:`OFF_DOMAIN_FIELDS`) is primary only
when nothing else fits, and an article whose glossary terms put it in a domain prefers
senses of that domain's fields (:data:`DOMAIN_FIELDS`: 前線 in war news is the front line,
not a weather front). A verb with an object before it (Xを|V) takes JMdict's transitive
sense where the first is intransitive (:func:`transitive_sense`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..model import Sense

_NOUN_CODES = frozenset({"n", "n-adv", "n-t", "n-pr", "n-pref", "n-suf", "adj-no", "num", "ctr"})
_AFFIXES = ("接頭辞", "接尾辞")


DOMAIN_FIELDS: dict[str, frozenset[str]] = {
    "diplomacy_security": frozenset({"military"}),
    "economy_trade": frozenset({"economics", "finance"}),
}
"""Glossary domains → the JMdict field tags of the senses an article in that domain means."""

DOMAIN_MIN_TERMS = 3
"""Glossary terms of a domain an article needs before its senses are preferred."""

OFF_DOMAIN_FIELDS = frozenset(
    {
        "Buddhism", "Christianity", "Shinto", "computing", "mahjong", "hanafuda", "shogi", "go (game)",
        "sumo", "baseball", "martial arts", "video game", "horse-racing", "card games", "golf",
    }
)  # fmt: skip
"""Fields a news article hardly means: such a sense is never primary if another fits."""


def preferred_fields(domains: Iterable[str]) -> frozenset[str]:
    """The JMdict fields that fit an article with these glossary domains (one per term)."""
    return fields_for_counts(Counter(d for d in domains if d))


def fields_for_counts(counts: Mapping[str, int]) -> frozenset[str]:
    """:func:`preferred_fields` of the domains counted in ``counts`` (domain → terms)."""
    return frozenset(
        f
        for domain, fields in DOMAIN_FIELDS.items()
        if counts.get(domain, 0) >= DOMAIN_MIN_TERMS
        for f in fields
    )


def primary_in_context(senses: Sequence[Sense], pos: Sequence[str], fields: frozenset[str]) -> int:
    """The first sense fitting ``pos`` in one of the article's ``fields``, else :func:`primary_sense`."""
    found = field_sense(senses, pos, fields)
    return primary_sense(senses, pos) if found is None else found


def field_sense(senses: Sequence[Sense], pos: Sequence[str], fields: frozenset[str]) -> int | None:
    """The first sense fitting ``pos`` in one of the article's ``fields``, if any."""
    for i, sense in enumerate(senses):
        if fields & set(sense.fields) and any(pos_fits(code, pos) for code in sense.pos):
            return i
    return None


def _off_domain(sense: Sense) -> bool:
    return bool(sense.fields) and set(sense.fields) <= OFF_DOMAIN_FIELDS


def pos_fits(code: str, pos: Sequence[str]) -> bool:
    """Whether JMdict POS ``code`` fits Sudachi's ``pos``.

    名詞 → n, n-adv, n-t, adj-no … (サ変可能 adds vs, 形状詞可能 adj-na, 副詞可能 adv);
    動詞 → v*; 形容詞 → adj-i, adj-ix; 形状詞 → adj-na, adj-nari, adj-t, adj-no; 副詞 → adv,
    adv-to; 接尾辞 → suf, n-suf, ctr; 接頭辞 → pref, n-pref.
    """
    head = pos[0] if pos else ""
    detail = pos[2] if len(pos) > 2 else ""
    if head == "名詞":
        return (
            code in _NOUN_CODES
            or (detail == "サ変可能" and code.startswith("vs"))
            or (detail == "形状詞可能" and code == "adj-na")
            or (detail == "副詞可能" and code == "adv")
        )
    if head == "動詞":
        return code.startswith("v")
    if head == "接尾辞" and len(pos) > 1 and pos[1] == "形状詞的":
        head = "接尾辞形状詞的"  # 的: "-ical" is an adj-na suffix
    return code in _POS_FITS.get(head, frozenset())


_POS_FITS: dict[str, frozenset[str]] = {
    "形容詞": frozenset({"adj-i", "adj-ix"}),
    "形状詞": frozenset({"adj-na", "adj-nari", "adj-t", "adj-no"}),
    "副詞": frozenset({"adv", "adv-to"}),
    "接尾辞": frozenset({"suf", "n-suf", "ctr"}),
    "接尾辞形状詞的": frozenset({"suf", "n-suf", "adj-na"}),
    "接頭辞": frozenset({"pref", "n-pref"}),
    "代名詞": frozenset({"pn"}),
    "連体詞": frozenset({"adj-pn", "adj-f"}),
    "接続詞": frozenset({"conj"}),
    "感動詞": frozenset({"int"}),
}


def free_sense(senses: Sequence[Sense], pos: Sequence[str]) -> int:
    """:func:`primary_sense` for a word used on its own: a sense that is a bound use
    (``suf``: 得る "to be able to", which follows a verb stem) only if nothing else fits."""
    fitting = [i for i, s in enumerate(senses) if "suf" not in s.pos and any(pos_fits(c, pos) for c in s.pos)]
    if not fitting:
        return primary_sense(senses, pos)
    return next((i for i in fitting if not _off_domain(senses[i])), fitting[0])


def primary_sense(senses: Sequence[Sense], pos: Sequence[str]) -> int:
    """Index of the first sense with a POS that fits Sudachi's ``pos``; 0 if none does.

    For a prefix or suffix, a sense that is *only* an affix comes first: 中 (ちゅう) as a
    suffix is "during" (n-suf), not "medium" (n, pref, suf). A sense of a field news
    hardly means (:data:`OFF_DOMAIN_FIELDS`), or a counter's sense, is primary only when no
    other sense fits.
    """
    if pos[:1] and pos[0] in _AFFIXES:
        for i, sense in enumerate(senses):
            if sense.pos and all(pos_fits(code, pos) for code in sense.pos) and not _off_domain(sense):
                return i
    fitting = [i for i, sense in enumerate(senses) if any(pos_fits(code, pos) for code in sense.pos)]
    # A sense news hardly means (Buddhism, mahjong, computing …) comes first only if it is
    # all there is; so does a counter's: a counter after a number gets no item of its own,
    # so a word that has one is the word (氏 "Mr", not "counter for people").
    return next(
        (i for i in fitting if not _off_domain(senses[i]) and not _counter(senses[i])),
        fitting[0] if fitting else 0,
    )


def _counter(sense: Sense) -> bool:
    return bool(sense.pos) and set(sense.pos) <= {"ctr"}


def transitive_sense(senses: Sequence[Sense], pos: Sequence[str], primary: int) -> int:
    """The sense of a verb with an object (Xを|V): ``primary`` if it is transitive or says
    nothing, else the first fitting transitive (``vt``) sense, if there is one.

    JMdict marks each sense of a verb ``vt`` or ``vi``; where they differ, the object
    decides: 見直しを迫る is "to press (someone) for", not "to approach". Not for a verb
    of motion, whose を is the place left or passed (国を去る "to leave", 橋を渡る)."""
    if not senses or "vt" in senses[primary].pos or "vi" not in senses[primary].pos:
        return primary
    if any(g.startswith(_MOTION) for g in senses[primary].glosses):
        return primary
    return next(
        (i for i, s in enumerate(senses) if "vt" in s.pos and any(pos_fits(c, pos) for c in s.pos)),
        primary,
    )


_MOTION = (
    "to leave", "to go", "to pass", "to cross", "to walk", "to run", "to fly", "to depart",
    "to move", "to graduate", "to get out", "to come out", "to exit", "to travel", "to climb",
)  # fmt: skip
"""Glosses of verbs of motion, whose を marks a place, not an object."""


def transitivity_matters(senses: Sequence[Sense], primary: int) -> bool:
    """Whether a verb's primary sense is intransitive and another sense is transitive."""
    return (
        bool(senses)
        and "vt" not in senses[primary].pos
        and "vi" in senses[primary].pos
        and any("vt" in s.pos for s in senses)
    )
