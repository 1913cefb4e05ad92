"""yomu: read real Japanese news with readings, furigana and English glosses.

>>> import yomu
>>> doc = yomu.annotate("停戦が成立した。")
>>> [(t.surface, t.reading) for t in doc.tokens()][:2]
[('停戦', 'ていせん'), ('が', 'が')]

The reference is docs/api.md.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from ._moved import install as _install_moved
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
    Word,
)

if _TYPE_CHECKING:
    from .pipeline import Annotator, Options, annotate, annotate_file

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
    "Word",
    "YomuError",
    "annotate",
    "annotate_file",
]

_install_moved()  # yomu.tokenizer and the other old paths, for one release

_FROM_PIPELINE = ("Annotator", "Options", "annotate", "annotate_file")


def __getattr__(name: str) -> _Any:
    # The pipeline pulls in Sudachi and the dictionary modules; importing yomu.model or
    # yomu.text.article alone should not pay for that.
    if name in _FROM_PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'yomu' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The lazy names are not in the module's namespace until first used; dir() and
    # completion in an interactive session should show them from the start.
    return sorted({*__all__, *(n for n in globals() if n.startswith("__") and n.endswith("__"))})
