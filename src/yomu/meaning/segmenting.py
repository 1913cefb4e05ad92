"""One sentence's tokens cut into the spans of its vocabulary items: the passes of
:mod:`yomu.meaning.vocabulary`'s docstring, each over the tokens no earlier pass took, each tried
only where its match can start.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, partial
from operator import itemgetter

from ..model import Block, Sense, Token
from .expressions import Expression, Expressions, shipped_expressions
from .lexicon import Lexicon
from .word_classes import WordClass, compound_runs
from .word_glosses import (
    Span,
    WordGloss,
    east_asian_context,
)


def segments(
    blocks: Sequence[Block],
    classes: Sequence[Sequence[WordClass]],
    lexicon: Lexicon,
    runs: Sequence[Mapping[int, Sequence[int]]] | None = None,
) -> list[list[Segments]]:
    """:func:`_segment` of every sentence; ``classes`` holds each sentence's word classes,
    ``runs`` its :func:`compound_runs` (worked out here if not given)."""
    by_sentence = iter(classes)
    by_runs = iter(runs if runs is not None else [compound_runs(c) for c in classes])
    return [
        [_segment(s.tokens, next(by_sentence), lexicon, s.text, next(by_runs)) for s in b.sentences]
        for b in blocks
    ]


Segments = tuple[list[Span], list[int]]
"""A sentence's spans of the passes but the last, in order, and the positions left for
the last pass, single tokens (:meth:`Lexicon.single`), in order: the caller tries those
as it walks the sentence, where a word met before needs one look-up and no span."""


def _segment(
    tokens: Sequence[Token],
    classes: Sequence[WordClass],
    lexicon: Lexicon,
    text: str | None = None,
    runs: Mapping[int, Sequence[int]] | None = None,
) -> Segments:
    """The sentence's items, as non-overlapping spans in order (passes in the module docstring),
    and the positions where the last pass (single tokens) is to be tried.

    Each pass tries only the positions where its match can start (from the word classes):
    the answer is the same as trying every position, which most of them fail at once.
    ``text`` is the sentence's (its tokens' surfaces joined), if the caller has it.
    """
    n = len(tokens)
    taken: list[Span] = []
    expressions = shipped_expressions()
    starts = [i for i, c in enumerate(classes) if c.expression_start]
    gaps = [(0, n)]
    # Each pass finds spans in order within the gaps the earlier ones left, so the gaps
    # left after it come from one walk over them and its finds.
    found = _scan(tokens, gaps, starts, partial(_expression_span, expressions))
    taken += found
    gaps = _remaining(gaps, found)
    starts = [i for i, c in enumerate(classes) if c.glossary_start]
    found = _scan(tokens, gaps, starts, partial(lexicon.glossary_span, classes=classes))
    taken += found
    gaps = _remaining(gaps, found)
    if runs is None:
        runs = compound_runs(classes)
    # Only where a compound can start and end: its runs' starts.
    found = _scan(tokens, gaps, list(runs), partial(lexicon.compound_span, runs=runs))
    taken += found
    gaps = _remaining(gaps, found)
    # A Chinese or Korean family name may be followed by kanji Sudachi does not tag a given
    # name; whether the sentence names such a place is asked only once it has a family name.
    starts = [i for i, c in enumerate(classes[:-1]) if c.surname]
    if starts and not east_asian_context(tokens, text):
        starts = [i for i in starts if classes[i + 1].given_name]
    found = _scan(tokens, gaps, starts, lambda ts, s, _stop: lexicon.full_name(ts, s))
    taken += found
    gaps = _remaining(gaps, found)
    found = []
    for start, stop in gaps:
        found += _compose_run(tokens, classes, start, stop, lexicon)
    taken += found
    gaps = _remaining(gaps, found)
    # Content words but the counter of a number (counts_a_number, inlined).
    starts = [
        i for i, c in enumerate(classes) if c.content and not (c.counter and i and classes[i - 1].number)
    ]
    singles: list[int] = []
    for start, stop in gaps:
        singles += _starts_within(starts, start, stop)
    taken.sort(key=_START)
    return taken, singles


_START = itemgetter(0)
"""A span's ``start``, read without a Python call."""


def _expression_span(expressions: Expressions, tokens: Sequence[Token], start: int, stop: int) -> Span | None:
    found = expressions.match(tokens, start, stop)
    if found is None:
        return None
    expression, end = found
    return Span(start, end, _expression_gloss(expression))


@cache
def _expression_gloss(expression: Expression) -> WordGloss:
    # One WordGloss per expression, so that its items and their ids are made once.
    return WordGloss(
        text=expression.text,
        reading=expression.reading,
        senses=(Sense(glosses=expression.glosses, pos=("exp",)),),
        primary=0,
        source="glossary",
        kind="expression",
        note=expression.note,
    )


def _starts_within(starts: Sequence[int], start: int, stop: int) -> Sequence[int]:
    """The positions of ``starts`` (ascending) in ``start:stop``."""
    return starts[bisect_left(starts, start) : bisect_left(starts, stop)]


def _scan(
    tokens: Sequence[Token],
    gaps: Iterable[tuple[int, int]],
    starts: Sequence[int],
    match: Callable[[Sequence[Token], int, int], Span | None],
) -> list[Span]:
    """Longest match at each position, left to right, within each gap; ``match`` is tried
    only at ``starts`` (ascending), the positions where it can match at all."""
    found: list[Span] = []
    if not starts:
        return found
    for start, stop in gaps:
        i = start
        for at in _starts_within(starts, start, stop):
            if at < i:
                continue
            span = match(tokens, at, stop)
            if span is not None and span.end <= stop:
                found.append(span)
                i = span.end
    return found


def _compose_run(
    tokens: Sequence[Token], classes: Sequence[WordClass], start: int, stop: int, lexicon: Lexicon
) -> list[Span]:
    """Composed items for maximal runs of composable tokens in ``start:stop``."""
    found: list[Span] = []
    i = start
    while i < stop:
        if not classes[i].composable_first:
            i += 1
            continue
        j = i + 1
        while j < stop and classes[j].composable_rest:
            j += 1
        if j - i >= 2 and (span := lexicon.composed(tokens, i, j)) is not None:
            found.append(span)
        i = j
    return found


def _remaining(gaps: Sequence[tuple[int, int]], found: Sequence[Span]) -> list[tuple[int, int]]:
    """What is left of ``gaps`` (in order) once ``found`` (spans within them, in order) are taken."""
    if not found:
        return list(gaps)
    left: list[tuple[int, int]] = []
    k = 0
    for start, stop in gaps:
        cursor = start
        while k < len(found) and found[k].start < stop:
            span = found[k]
            if span.start > cursor:
                left.append((cursor, span.start))
            cursor = span.end
            k += 1
        if cursor < stop:
            left.append((cursor, stop))
    return left
