"""Splitting a block's text into sentences.

A sentence ends after 。！？ (and their ASCII forms), together with any closing
brackets or quotes that follow, so 「…だ。」と述べた stays one sentence: the 。 inside
the quote is followed by 」, and a quote is closed before the sentence can end.
"""

from __future__ import annotations

import re

_ENDERS = "。！？!?"
_CLOSERS = "」』）)】〕〉》\"'”’"
_OPENERS = "「『（(【〔〈《“‘"

# A quotation left open (a typo, a cut-off page) must not swallow the whole paragraph.
_MAX_QUOTED = 400

_OPENER = re.compile(f"[{re.escape(_OPENERS)}]")
_QUOTE = re.compile(f"[{re.escape(_OPENERS + _CLOSERS)}]")
_SENTENCE_END = re.compile(f"[{re.escape(_ENDERS)}]+[{re.escape(_CLOSERS)}]*")


def split_sentences(text: str) -> tuple[str, ...]:
    """Split ``text`` into sentences that concatenate back to ``text`` exactly."""
    sentences: list[str] = []
    start = 0
    quotes = _OPENER.search(text) is not None  # most blocks quote nothing
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        # Inside a quotation 「…。…。」 the sentence goes on, unless the quote never closes.
        if quotes and end - start < _MAX_QUOTED and _open_quotes(text, start, end) > 0:
            continue
        # 「…です。」と述べた: a quote closed after 。 and followed by kana goes on.
        if match.group()[-1] in _CLOSERS and _continues(text, end):
            continue
        sentences.append(text[start:end])
        start = end
    if start < len(text):
        sentences.append(text[start:])
    return _attach_leading_space(tuple(s for s in sentences if s))


def _continues(text: str, end: int) -> bool:
    return end < len(text) and "\u3041" <= text[end] <= "\u309f"


def _open_quotes(text: str, start: int, end: int) -> int:
    """How many quotations ``text[start:end]`` leaves open."""
    depth = 0
    # Only the brackets and quotes, found by the regex engine: a loop over every
    # character of the sentence cost more than the rest of the split.
    for ch in _QUOTE.findall(text, start, end):
        if ch in _OPENERS:
            depth += 1
        elif depth > 0:
            depth -= 1
    return depth


def _attach_leading_space(sentences: tuple[str, ...]) -> tuple[str, ...]:
    """Move white space that starts a sentence onto the end of the previous one."""
    out: list[str] = []
    for sentence in sentences:
        stripped = sentence.lstrip()
        if out and stripped != sentence:
            out[-1] += sentence[: len(sentence) - len(stripped)]
            sentence = stripped
        if sentence:
            out.append(sentence)
    return tuple(out)
