"""yomu: read real Japanese news with readings, furigana and English glosses.

>>> import yomu
>>> doc = yomu.annotate("和平案が話し合われた。")  # doctest: +SKIP
>>> [(t.surface, t.reading) for t in doc.tokens()]  # doctest: +SKIP
"""

from typing import TYPE_CHECKING, Any

from .errors import GlossaryError, InputError, OutputError, YomuError
from .model import (
    Block,
    Document,
    DroppedLine,
    FuriganaSegment,
    Sense,
    Sentence,
    Token,
    VocabItem,
)

if TYPE_CHECKING:
    from .pipeline import Annotator, Options, annotate

__all__ = [
    "Annotator",
    "Block",
    "Document",
    "DroppedLine",
    "FuriganaSegment",
    "GlossaryError",
    "InputError",
    "Options",
    "OutputError",
    "Sense",
    "Sentence",
    "Token",
    "VocabItem",
    "YomuError",
    "annotate",
]


def __getattr__(name: str) -> Any:
    # The pipeline pulls in Sudachi and the dictionary modules; importing yomu.model or
    # yomu.article alone should not pay for that.
    if name in ("Annotator", "Options", "annotate"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'yomu' has no attribute {name!r}")
