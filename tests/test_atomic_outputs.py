"""Outputs survive errors and interrupts: the old file stays whole, no temporary file is left.

The interrupt tests run the real CLI in a subprocess and send it SIGINT (what Ctrl-C
sends) while it is annotating, with one process and with a pool of workers.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from yomu.outputs import write_atomic

from .conftest import REPO
from .test_cli import yomu

OLD = b"an output the learner has kept for months\n"
INTERRUPTED = "yomu: interrupted; no output was left half-written\n"


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.rglob("*") if p.name.endswith(".tmp"))


_SENTENCES = (
    "政府は{n}件の予算案について閣議で議論を続けた。",
    "外務大臣は{n}回目の記者会見で対話の重要性を強調した。",
    "専門家の{n}人は新しい協定が地域の安定に役立つと見ている。",
)


def _long_article(path: Path, sentences: int = 6000) -> None:
    # Distinct sentences (repeated ones are cheap to read again): about 80 bytes and
    # 2 ms each, so 6,000 are seconds of work and an interrupt lands mid-run.
    text = "".join(
        _SENTENCES[n % 3].format(n=n) + ("\n" if n % 5 == 4 else "") for n in range(sentences)
    )
    path.write_text(text, encoding="utf-8")


def test_an_error_on_a_later_input_keeps_the_existing_outputs(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("停戦が成立した。", encoding="utf-8")
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out"
    out.mkdir()
    (out / "good.json").write_bytes(OLD)
    done = yomu("annotate", str(good), str(bad), "-o", str(out), "--format", "json")
    assert done.returncode == 1
    assert done.stderr.decode() == f"yomu: {bad}: is a binary file, not text; give a .txt or .html article\n"
    assert (out / "good.json").read_bytes() == OLD
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]


def test_a_bad_input_keeps_an_existing_single_output_and_deck(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    page, deck = tmp_path / "page.html", tmp_path / "deck.apkg"
    page.write_bytes(OLD)
    deck.write_bytes(OLD)
    for args in (("annotate", str(bad), "-o", str(page)), ("deck", str(bad), "-o", str(deck))):
        done = yomu(*args)
        assert done.returncode == 1
        assert done.stderr.decode() == f"yomu: {bad}: is empty; give a file with article text\n"
    assert page.read_bytes() == deck.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_a_wrong_output_fails_before_annotating(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    _long_article(article, sentences=10_000)
    start = time.perf_counter()
    done = yomu("annotate", str(article), "-o", str(tmp_path / "a.txt"))
    assert done.returncode == 1
    assert done.stderr.decode() == f"yomu: {article}: is also an input; choose another output path\n"
    # Annotating 800 KB takes many seconds; refusing must not wait for it.
    assert time.perf_counter() - start < 10


def _start(*args: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(REPO / "tests" / "no-config.toml"),
    }
    # A session of its own: the test can signal the whole group, as a terminal's Ctrl-C does.
    return subprocess.Popen(
        [sys.executable, "-m", "yomu", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )


def _group_alive(pgid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True, text=True).stdout
    return found.split()


@pytest.mark.parametrize(
    ("jobs", "whole_group", "sig"),
    [
        ("1", True, signal.SIGINT),
        ("2", True, signal.SIGINT),
        ("2", False, signal.SIGINT),
        ("1", False, signal.SIGTERM),
    ],
    ids=["ctrl-c", "ctrl-c with --jobs 2", "SIGINT to the parent of --jobs 2", "SIGTERM"],
)
def test_an_interrupt_mid_run_leaves_the_old_output_whole(
    tmp_path: Path, jobs: str, whole_group: bool, sig: signal.Signals
) -> None:
    inputs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in inputs:
        _long_article(path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_bytes(OLD)
    run = _start("annotate", *map(str, inputs), "-o", str(out), "--format", "json", "--jobs", jobs)
    time.sleep(1.5)  # past start-up (a signal then gives the same answer), well before the end
    assert run.poll() is None, run.communicate()
    if whole_group:
        os.killpg(run.pid, sig)
    else:
        os.kill(run.pid, sig)
    start = time.perf_counter()
    stdout, stderr = run.communicate(timeout=60)
    assert time.perf_counter() - start < 10  # workers are stopped, not waited for
    assert run.returncode == 130
    assert stderr.decode() == INTERRUPTED
    assert stdout == b""
    assert (out / "a.json").read_bytes() == OLD
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]
    time.sleep(0.5)
    assert _group_alive(run.pid) == []


def test_an_interrupt_inside_write_atomic_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    target.write_bytes(OLD)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        # The timer fires while the 64 MB are written or synced; Python raises the
        # KeyboardInterrupt as soon as that system call returns, inside write_atomic.
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(target, b"x" * (64 * 1024 * 1024))
            time.sleep(5)  # if the write was faster than the timer, the test fails here
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if target.read_bytes() != OLD:
        pytest.skip("the write finished before the timer fired")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


@pytest.mark.parametrize("staged", [False, True], ids=["write_atomic", "StagedFiles"])
def test_an_interrupt_the_moment_the_temporary_file_is_made_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, staged: bool
) -> None:
    # Ctrl-C is raised at the first check after a system call returns: here, right after
    # the call that made the temporary file, before its name is back in Python's hands.
    # (A run of the whole suite once left a .b.json.….tmp behind so.)
    from yomu import outputs

    real_open = os.open

    def open_then_interrupt(path: str, flags: int, mode: int = 0o777) -> int:
        fd = real_open(path, flags, mode)
        os.close(fd)
        raise KeyboardInterrupt

    target = tmp_path / "a.json"
    target.write_bytes(OLD)
    monkeypatch.setattr(outputs.os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        if staged:
            files = outputs.StagedFiles()
            try:
                files.write(target, b"new")
            finally:
                files.discard()
        else:
            write_atomic(target, b"new")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
    assert target.read_bytes() == OLD


def test_a_named_pipe_as_output_is_written_to_not_replaced(tmp_path: Path) -> None:
    # Like -o /dev/stdout or /dev/null: renaming a file over a device would replace it
    # (as root, even /dev/null), so a non-regular output is written to directly.
    article, fifo = tmp_path / "a.txt", tmp_path / "out.fifo"
    article.write_text("停戦が成立した。", encoding="utf-8")
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = yomu("annotate", str(article), "-o", str(fifo), "--format", "json", "--no-vocabulary")
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["title"] == "停戦が成立した。"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.fifo"]
