"""A pause of Python's cyclic garbage collector while an article is annotated and written.

Annotating makes hundreds of thousands of small objects that live until the output is
written, and none of them is in a reference cycle; the collector kept walking all of them.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

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
