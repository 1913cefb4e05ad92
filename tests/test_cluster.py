"""docs/scale.md on a real Dask cluster: a scheduler and two worker processes over TCP.

One ``LocalCluster`` for the module (starting it takes a few seconds). Inputs and
outputs are fsspec URLs; the memory filesystem lives in one process, so its tests run
the same functions with Dask's synchronous scheduler.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from yomu.archive import (
    annotate_url,
    expand_inputs,
    merged_vocabulary,
    output_urls,
    read_article,
)
from yomu.errors import InputError
from yomu.learner.corpus import merge_documents, ranked_sections
from yomu.pipeline import Annotator
from yomu.renderers.anki import build_notes
from yomu.renderers.json import render_json
from yomu.renderers.vocab import render_vocab

from .conftest import EXAMPLES, REPO
from .test_cli import yomu
from .test_long_input import BENCHMARK

distributed = pytest.importorskip("dask.distributed")
db = pytest.importorskip("dask.bag")
fsspec = pytest.importorskip("fsspec")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as env:
        # Worker processes inherit the environment: the tests' settings, this checkout's code.
        env.setenv("YOMU_CONFIG", str(REPO / "tests" / "no-config.toml"))
        env.setenv("YOMU_DATA_DIR", str(REPO / "tests" / "no-data-dir"))
        env.setenv("PYTHONPATH", str(REPO / "src"))
        cluster = distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, protocol="tcp://", host="127.0.0.1",
            dashboard_address=None,
        )  # fmt: skip
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five articles: the bundled example as text and as a page, and three written for the tests."""
    folder = tmp_path_factory.mktemp("archive")
    shutil.copy(EXAMPLES / "summit.txt", folder / "a-summit.txt")
    shutil.copy(EXAMPLES / "summit.html", folder / "b-summit.html")
    for n, size in enumerate((1500, 3000, 800)):
        (folder / f"c-bus{n}.txt").write_text(BENCHMARK.article_text(size), encoding="utf-8")
    return folder


def _inputs(archive: Path) -> list[str]:
    return sorted(str(p) for p in archive.iterdir())


def test_the_recipe_annotates_an_archive_of_urls_on_the_cluster(
    client: Any, archive: Path, tmp_path: Path
) -> None:
    # docs/scale.md, "On a cluster": file:// URLs in, file:// URLs out, a bag on the client's cluster.
    inputs = expand_inputs([f"file://{archive}/*.txt", f"file://{archive}/*.html"])
    names = ("a-summit.txt", "c-bus0.txt", "c-bus1.txt", "c-bus2.txt", "b-summit.html")
    assert inputs == [f"file://{archive}/{n}" for n in names]
    outputs = output_urls(inputs, f"file://{tmp_path}/out", "json")
    pairs = list(zip(inputs, outputs, strict=True))
    written = db.from_sequence(pairs, npartitions=2).starmap(annotate_url).compute()
    assert written == outputs
    annotator = Annotator()
    for url, output in pairs:
        given = read_article(url)
        expected = render_json(annotator.annotate(given.text, format=given.format, source=url))
        assert Path(output.removeprefix("file://")).read_text(encoding="utf-8") == expected


def test_the_cluster_merges_vocabularies_as_one_machine_does(client: Any, archive: Path) -> None:
    inputs = _inputs(archive)
    annotator = Annotator()
    docs = [annotator.annotate_file(p) for p in inputs]
    local = merge_documents(docs)
    # Three partitions and pairs of partial merges: a reduction two levels deep.
    merged = merged_vocabulary(inputs, client=client, partitions=3, split_every=2)
    assert [(e.item.text, e.item.reading, e.count, e.order) for e in merged.entries] == [
        (e.item.text, e.item.reading, e.count, e.order) for e in local
    ]
    for fmt in ("json", "tsv", "table"):
        on_cluster = render_vocab(ranked_sections(merged.entries, None, None), merged.docs, fmt)
        assert on_cluster == render_vocab(ranked_sections(local, None, None), docs, fmt)
    # A deck made of the merged vocabulary: the same notes, GUIDs, fields and all.
    assert build_notes(merged.docs, cloze=True, merged=merged.entries) == build_notes(docs, cloze=True)
    # What travels back: the sentences entries and cards read from, not every sentence.
    assert (sum(len(d.sentences()) for d in merged.docs), sum(len(d.sentences()) for d in docs)) == (55, 78)


def test_vocab_and_deck_with_scheduler_give_the_same_files(
    client: Any, archive: Path, tmp_path: Path
) -> None:
    address = client.scheduler.address
    inputs = _inputs(archive)
    for fmt in ("tsv", "json"):
        local = yomu("vocab", *inputs, "--format", fmt, "-q")
        remote = yomu("vocab", f"{archive}/*", "--format", fmt, "--scheduler", address)
        assert (remote.returncode, remote.stderr) == (0, b"")
        assert remote.stdout == local.stdout
    assert len(json.loads(local.stdout)["articles"]) == 5
    # The deck from plain paths (a glob), then from file:// URLs: the same notes.
    for suffix, pattern in (("tsv", f"{archive}/*"), ("apkg", f"file://{archive}/*")):
        local = yomu("deck", *inputs, "-o", str(tmp_path / f"local.{suffix}"))
        remote = yomu("deck", pattern, "-o", str(tmp_path / f"remote.{suffix}"), "--scheduler", address)
        assert remote.returncode == local.returncode == 0
        assert remote.stderr.split(b": ", 1)[1] == local.stderr.split(b": ", 1)[1]
        assert local.stderr.endswith(b" notes from 5 article(s); 3 of people and places\n")
    assert (tmp_path / "remote.tsv").read_bytes() == (tmp_path / "local.tsv").read_bytes()
    assert _apkg_guids(tmp_path / "remote.apkg") == _apkg_guids(tmp_path / "local.apkg")


def _apkg_guids(path: Path) -> list[str]:
    from anki.collection import Collection

    from .test_anki import import_apkg

    col = Collection(str(path.with_suffix(".anki2")))
    try:
        import_apkg(col, path)
        assert col.db is not None
        guids: list[str] = sorted(col.db.list("select guid from notes"))
    finally:
        col.close()
    assert guids
    return guids


def test_a_bad_input_on_the_cluster_is_one_error(client: Any, archive: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    result = yomu("vocab", str(archive / "a-summit.txt"), str(tmp_path / "empty.txt"),
                  "--scheduler", client.scheduler.address)  # fmt: skip
    assert (result.returncode, result.stderr.decode()) == (
        1, f"yomu: {tmp_path}/empty.txt: is empty; give a file with article text\n"
    )
    nothing = yomu("vocab", f"{tmp_path}/*.none", "--scheduler", client.scheduler.address)
    assert (nothing.returncode, nothing.stderr.decode()) == (
        1, f"yomu: {tmp_path}/*.none: matches no file; check the pattern\n"
    )


def test_no_scheduler_there_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "2s")
    result = yomu("vocab", str(EXAMPLES / "summit.txt"), "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.decode().startswith("yomu: tcp://127.0.0.1:9: cannot reach the Dask scheduler (")
    assert result.stderr.decode().endswith("); check the address\n")
    assert result.stderr.count(b"\n") == 1


def test_memory_filesystem_works_as_a_folder(archive: Path) -> None:
    import dask

    fs = fsspec.filesystem("memory")
    for path in _inputs(archive):
        fs.pipe(f"/news/{Path(path).name}", Path(path).read_bytes())
    try:
        inputs = expand_inputs(["memory://news/*.txt"])
        names = ("a-summit.txt", "c-bus0.txt", "c-bus1.txt", "c-bus2.txt")
        assert inputs == [f"memory:///news/{n}" for n in names]
        outputs = output_urls(inputs, "memory://out", "html")
        with dask.config.set(scheduler="sync"):
            pairs = list(zip(inputs, outputs, strict=True))
            written = db.from_sequence(pairs).starmap(annotate_url).compute()
            merged = merged_vocabulary(inputs, partitions=2, split_every=2)
        assert written == [f"memory://out/{n}.html" for n in ("a-summit", "c-bus0", "c-bus1", "c-bus2")]
        annotator = Annotator()
        local_dir = archive.parent / "memory-check"
        local_dir.mkdir(exist_ok=True)
        for url, output in zip(inputs, outputs, strict=True):
            local = local_dir / (Path(url).stem + ".html")
            given = read_article(url)
            from yomu.api import write_input

            write_input(annotator, given, local, "html")
            assert fs.cat_file(output.removeprefix("memory://")) == local.read_bytes()
        docs = [annotator.annotate(read_article(u).text, source=u) for u in inputs]
        assert render_vocab(ranked_sections(merged.entries, None, None), merged.docs, "json") == render_vocab(
            ranked_sections(merge_documents(docs), None, None), docs, "json"
        )
        missing = r"^memory://news/missing\.txt: no such file; check the address$"
        with pytest.raises(InputError, match=missing):
            read_article("memory://news/missing.txt")
    finally:
        fs.rm("/news", recursive=True)
        if fs.exists("/out"):
            fs.rm("/out", recursive=True)


def test_a_long_input_from_a_url_is_read_in_parts(tmp_path: Path) -> None:
    # Over 10 MiB by blank space: the output is the short article's, named by the URL.
    from yomu.text.source import MAX_INPUT_BYTES

    article = BENCHMARK.article_text(2000)
    fs = fsspec.filesystem("memory")
    fs.pipe("/long/a.txt", (article + ("\n" + " " * 99) * (MAX_INPUT_BYTES // 100 + 1000)).encode())
    fs.pipe("/long/short.txt", article.encode())
    try:
        annotate_url("memory://long/a.txt", "memory://long/a.json")
        annotate_url("memory://long/short.txt", str(tmp_path / "short.json"))
        short = (tmp_path / "short.json").read_text(encoding="utf-8")
        expected = short.replace("memory://long/short.txt", "memory://long/a.txt")
        assert fs.cat_file("/long/a.json").decode("utf-8") == expected
    finally:
        fs.rm("/long", recursive=True)


def test_local_paths_in_and_out_as_annotate_writes_them(tmp_path: Path) -> None:
    output = tmp_path / "new" / "summit.json"
    assert annotate_url(str(EXAMPLES / "summit.txt"), str(output)) == str(output)
    expected = render_json(Annotator().annotate_file(str(EXAMPLES / "summit.txt")))
    assert output.read_text(encoding="utf-8") == expected
