"""The docs/scale.md recipe: Dask's local process scheduler gives the sequential results."""

from __future__ import annotations

from pathlib import Path

import pytest

from yomu.pipeline import Annotator
from yomu.renderers.json import render_json
from yomu.scale import annotate_to_file, annotate_to_json, worker_annotator

from .conftest import EXAMPLES, seed_paths

db = pytest.importorskip("dask.bag")


def _articles() -> list[str]:
    return [str(p) for p in [*sorted(EXAMPLES.glob("summit.*")), *seed_paths()]]


def test_dask_bag_on_two_processes_equals_sequential() -> None:
    paths = _articles()
    bag = db.from_sequence(paths, npartitions=2)
    results = bag.map(annotate_to_json).compute(scheduler="processes", num_workers=2)
    sequential = Annotator()
    assert results == [render_json(sequential.annotate_file(p)) for p in paths]


def test_dask_tasks_write_files(tmp_path: Path) -> None:
    paths = _articles()[:2]
    outputs = [str(tmp_path / f"{i}.json") for i in range(len(paths))]
    pairs = list(zip(paths, outputs, strict=True))
    written = db.from_sequence(pairs, npartitions=2).starmap(annotate_to_file)
    assert written.compute(scheduler="processes", num_workers=2) == outputs
    sequential = Annotator()
    for path, output in zip(paths, outputs, strict=True):
        assert Path(output).read_text(encoding="utf-8") == render_json(sequential.annotate_file(path))


def test_one_annotator_per_worker_and_options() -> None:
    assert worker_annotator() is worker_annotator()
