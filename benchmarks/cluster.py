"""One process against a Dask cluster of two worker processes, on an archive of N files.

Run: ``python benchmarks/cluster.py --files 200`` (a few minutes on two cores). Builds
the archive in a temporary directory: the bundled example, the articles of
``benchmarks/long_input.py`` (written for the benchmarks) at three lengths and, when
present, the seed articles in ``../shared/seeds``, in turn. Nothing is written into the
repository. Measured, wall seconds, each side one after the other:

* the merged vocabulary (what ``yomu vocab`` and ``yomu deck`` rank): ``merge_documents``
  of the articles annotated in one process, against ``archive.merged_vocabulary`` on
  a ``LocalCluster`` (two worker processes, one thread each, TCP), twice: the first run
  with fresh workers (each loads its resources on its first task), the second warm;
* every article to a JSON file: ``annotate_url`` in a loop in one process, against the
  docs/scale.md recipe (a bag of ``annotate_url`` tasks) on the same cluster, twice.

The one-process side runs in this process after a warm-up article, as a worker's
later tasks do. Starting the cluster is timed apart.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def _long_input_module() -> ModuleType:
    path = REPO / "benchmarks" / "long_input.py"
    spec = importlib.util.spec_from_file_location("long_input_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_archive(folder: Path, files: int) -> list[str]:
    texts = [(REPO / "examples" / "summit.txt").read_text(encoding="utf-8")]
    bus = _long_input_module()
    texts += [bus.article_text(size) for size in (2_000, 5_000, 12_000)]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for n in range(files):
        path = folder / f"article{n:04d}.txt"
        path.write_text(texts[n % len(texts)], encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    given = parser.parse_args()

    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from yomu.archive import annotate_url, merged_vocabulary, output_urls
    from yomu.learner.corpus import merge_documents
    from yomu.pipeline import Annotator

    os.environ.setdefault("PYTHONPATH", str(REPO / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = build_archive(Path(tmp), given.files)
        size = sum(Path(p).stat().st_size for p in inputs) / 1e6
        print(f"{platform.python_version()}, {os.cpu_count()} cores; {len(inputs)} files, {size:.1f} MB")
        annotator = Annotator()
        annotator.annotate_file(inputs[0])  # resources loaded, as a warm worker's are

        one, local = timed(lambda: merge_documents([annotator.annotate_file(p) for p in inputs]))
        print(f"vocabulary, one process: {one:.1f} s", flush=True)
        outputs = output_urls(inputs, f"{tmp}/one", "json")
        Path(f"{tmp}/one").mkdir()
        one_files, _ = timed(lambda: [annotate_url(i, o) for i, o in zip(inputs, outputs, strict=True)])
        print(f"JSON files, one process: {one_files:.1f} s", flush=True)

        def start_cluster() -> LocalCluster:
            return LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=2, processes=True, threads_per_worker=1, protocol="tcp://", host="127.0.0.1",
                dashboard_address=None,
            )  # fmt: skip

        start, cluster = timed(start_cluster)
        print(f"LocalCluster start: {start:.1f} s", flush=True)
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            runs = (("fresh workers", True), ("warm workers", True), ("word list only", False))
            for run, sentences in runs:
                took, merged = timed(partial(merged_vocabulary, inputs, client=client, sentences=sentences))
                mine = [(e.item.text, e.count) for e in merged.entries]
                same = mine == [(e.item.text, e.count) for e in local]
                speed = one / took
                print(f"vocabulary, cluster of 2, {run}: {took:.1f} s = {speed:.2f}x; same: {same}")
            for run in ("1", "2"):
                folder = f"{tmp}/cluster{run}"
                Path(folder).mkdir()
                pairs = list(zip(inputs, output_urls(inputs, folder, "json"), strict=True))
                bag = db.from_sequence(pairs, npartitions=max(1, len(pairs) // 4))  # type: ignore[no-untyped-call]
                bag = bag.starmap(annotate_url)
                took, _ = timed(bag.compute)
                speed = one_files / took
                print(f"JSON files, cluster of 2, run {run}: {took:.1f} s = {speed:.2f}x", flush=True)


if __name__ == "__main__":
    main()
