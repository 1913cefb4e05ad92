"""Speed helpers: frozen dataclass instances without ``__init__``/``replace()``, and GC pauses.

A frozen dataclass sets each field through ``object.__setattr__`` in ``__init__``, and
``dataclasses.replace`` adds a pass over ``fields()``; for the few hundred thousand
tokens of a long article that was a sizeable share of the run. These helpers fill the
instance's ``__dict__`` at once: the result is equal to, hashes like and pickles like
the instance the constructor would make. Use them only for classes without
``__post_init__``, ``__slots__`` or default factories, with every field given.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_set = object.__setattr__


def new_frozen(cls: type[T], fields: dict[str, Any]) -> T:
    """``cls(**fields)`` for a plain frozen dataclass; ``fields`` becomes the instance's dict."""
    instance = object.__new__(cls)
    _set(instance, "__dict__", fields)
    return instance


def replaced(instance: T, **changes: Any) -> T:
    """``dataclasses.replace(instance, **changes)`` for a plain frozen dataclass."""
    fields = dict(instance.__dict__)
    fields.update(changes)
    return new_frozen(type(instance), fields)


_pauses = 0
_was_enabled = True
_pause_lock = threading.Lock()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the ``with`` block.

    Annotating makes hundreds of thousands of small objects that live until the output
    is written, and none of them is in a reference cycle; the collector kept walking
    all of them and took a quarter of the annotating time and half of HTML rendering.
    Reference counting still frees everything; a cycle made meanwhile (rare: an
    exception's traceback) is collected once the collector runs again. Nested and
    concurrent pauses are counted, so the collector resumes when the last one ends, and
    only if it was enabled to begin with.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
