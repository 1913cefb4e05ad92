"""One article in, one output out: the unit of work to hand to a task engine.

Each function here is a pure function of one input file (and the options): the same
file gives the same bytes wherever it runs, so an engine (Dask, a process pool, a
batch queue) may run them in any order, on any worker, and retry them. The expensive
resources (Sudachi, JMdict, glossaries) are loaded once per worker process, on the
first call, and reused by every later call there. See docs/scale.md.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .pipeline import Annotator, Options

_annotators: dict[Options, Annotator] = {}
_lock = threading.Lock()


def worker_annotator(options: Options | None = None) -> Annotator:
    """This process's annotator for ``options``, made on first use and then kept."""
    options = options or Options()
    with _lock:
        annotator = _annotators.get(options)
        if annotator is None:
            annotator = _annotators[options] = Annotator(options)
        return annotator


def annotate_to_json(path: str, options: Options | None = None) -> str:
    """The JSON of the article at ``path``, as ``yomu annotate PATH --format json`` prints it."""
    from .renderers.json import render_json

    return render_json(worker_annotator(options).annotate_file(path))


def annotate_to_file(path: str, output: str, fmt: str = "json", options: Options | None = None) -> str:
    """Annotate ``path`` and write it to ``output`` (atomically) as ``fmt``; returns ``output``.

    Returning the path, not the document, keeps what travels back to the client small.
    """
    from .writing import write_document

    write_document(worker_annotator(options), path, Path(output), fmt)
    return output
