"""A line of an article before it becomes a block: an input line of a plain-text file,
or one text unit of a web page, with what the markup says it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Hint = Literal["text", "heading", "list_item", "table_row"]
"""What the markup says a line is; plain-text lines are all ``text``."""


@dataclass(frozen=True)
class Line:
    """One candidate block: a non-empty input line, or one text unit of an HTML page."""

    number: int
    """1-based input line; 0 for HTML, where line numbers mean nothing to the reader."""
    text: str
    hint: Hint = "text"
    cells: tuple[str, ...] = ()
    marker: str = ""
    after_gap: bool = False
    """Preceded by an empty line: a blank line ends a source footer."""
