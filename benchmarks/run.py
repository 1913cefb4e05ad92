"""Speed, memory and scale: every target of docs/performance.md, measured in one run.

Run: ``python benchmarks/run.py`` (about ten minutes on two cores) or ``--quick`` (a
smaller corpus, one repeat: a smoke test of the script, not numbers to quote).

The corpus is built from the bundled examples (``examples/*.txt``) and, when present,
the seed articles in ``../shared/seeds``; nothing of it is written into the repository.
Built in a temporary directory:

* ``corpus.txt``: the articles, one after another, repeated to about 1 MB;
* ``once.txt``: the articles once each (for throughput with caches that start empty);
* ``big.txt``: the same, to about 10 MB;
* ``articles/``: 200 files, the articles in turn (each file one article).

Measured, on a machine others may be using at the same time (so: medians of rounds in
which the measures take turns, for throughput and start-up):

* throughput: SudachiPy alone (mode C, the fields yomu reads, ``reading_form()``,
  ``dictionary_form()``, ``normalized_form()`` and ``part_of_speech()`` read for every
  morpheme, one call per sentence as yomu cuts them) against yomu annotating the same
  text and writing JSON, and HTML, with a warm annotator (dictionaries loaded); and the
  same on the articles once each in a fresh process, so that yomu's per-word caches
  start empty (on the repeated corpus they fill in its first tenth);
* start-up: ``yomu annotate`` on one short article against a bare ``python -c`` that
  loads the Sudachi dictionary and tokenizes it, both as fresh processes;
* memory: the peak RSS of ``yomu annotate big.txt -o big.json`` and ``-o big.html``
  (GNU time), and of
  ``yomu annotate`` over 20 and over 200 article files into a directory;
* bulk: ``--jobs 1`` against ``--jobs 2`` on the 200 article files.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "src"))

from yomu import api  # noqa: E402
from yomu.pipeline import Annotator  # noqa: E402
from yomu.renderers.json import render_json  # noqa: E402

SHORT_ARTICLE = ROOT / "examples" / "summit.txt"


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str
    ok: bool | None
    """``None`` for a number reported without a target."""


@dataclass(frozen=True)
class Sizes:
    corpus_bytes: int
    big_bytes: int
    articles: int
    few_articles: int
    repeats: int
    startup_runs: int
    rounds: int
    """Side-by-side rounds of the throughput measure, whose medians are compared."""


FULL = Sizes(1_000_000, 10_000_000, 200, 20, 3, 7, 5)
QUICK = Sizes(200_000, 1_000_000, 40, 8, 1, 3, 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus and one repeat")
    parser.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    parser.add_argument(
        "--skip", action="append", default=[], choices=["throughput", "startup", "memory", "jobs", "dask"]
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    work = args.keep or Path(tempfile.mkdtemp(prefix="yomu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = build_corpus(work, sizes)
        rows: list[Row] = []
        described = corpus.describe()
        print(f"corpus: {described}", file=sys.stderr)
        if "throughput" not in args.skip:
            rows += measure_throughput(corpus.corpus, sizes.rounds)
            rows += measure_cold(corpus.once, sizes.repeats)
        if "startup" not in args.skip:
            rows += measure_startup(work, sizes.startup_runs)
        if "memory" not in args.skip:
            rows += measure_memory(work, corpus)
        if "jobs" not in args.skip:
            rows += measure_jobs(work, corpus.articles, sizes.repeats)
        if "dask" not in args.skip:
            rows += measure_dask(corpus.articles, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(machine())
    print()
    print(f"Corpus: {described}.")
    print()
    print(table(rows))
    return 0


# --- the corpus -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    sources: tuple[Path, ...]
    corpus: Path
    big: Path
    articles: tuple[Path, ...]
    few: tuple[Path, ...]
    once: Path

    def describe(self) -> str:
        kb = self.corpus.stat().st_size / 1000
        mb = self.big.stat().st_size / 1e6
        names = ", ".join(p.name for p in self.sources[:3]) + (" …" if len(self.sources) > 3 else "")
        return (
            f"{len(self.sources)} articles ({names}); {kb:.0f} kB corpus, {mb:.1f} MB big file, "
            f"{len(self.articles)} article files"
        )


def source_articles() -> list[Path]:
    found = sorted((ROOT / "examples").glob("*.txt"))
    if SEEDS.is_dir():
        found += sorted(SEEDS.glob("*.txt"))
    return found


def build_corpus(work: Path, sizes: Sizes) -> Corpus:
    sources = source_articles()
    texts = [p.read_text(encoding="utf-8").strip() for p in sources]
    once = "\n\n".join(texts)
    corpus = work / "corpus.txt"
    big = work / "big.txt"
    _write_repeated(corpus, once, sizes.corpus_bytes)
    (work / "once.txt").write_text(once + "\n", encoding="utf-8")
    _write_repeated(big, once, sizes.big_bytes)
    folder = work / "articles"
    folder.mkdir(exist_ok=True)
    articles = []
    for i in range(sizes.articles):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(texts[i % len(texts)] + "\n", encoding="utf-8")
        articles.append(path)
    return Corpus(
        tuple(sources), corpus, big, tuple(articles), tuple(articles[: sizes.few_articles]), work / "once.txt"
    )


def _write_repeated(path: Path, text: str, size: int) -> None:
    unit = len(text.encode("utf-8")) + 2
    copies = max(1, round(size / unit))
    path.write_text("\n\n".join([text] * copies) + "\n", encoding="utf-8")


# --- throughput -----------------------------------------------------------------------------


JSON_TARGET = 2.0
HTML_TARGET = 2.3
STARTUP_TARGET = 0.25
"""Issue #17: start-up within this many seconds of a bare Sudachi load."""
"""Issue #17's targets: yomu → JSON within 2× SudachiPy alone, → HTML within 2.3×."""


def measure_throughput(corpus: Path, rounds: int) -> list[Row]:
    text = corpus.read_text(encoding="utf-8")
    sentences = [s.text for s in Annotator(api_options(vocabulary=False)).annotate(text).sentences()]
    # Side by side: each round runs the three in turn, so a slower or busier minute of the
    # machine weighs on all three alike; the medians of the rounds are compared.
    timed = side_by_side(
        rounds,
        {
            "sudachi": lambda: sudachi_alone(sentences),
            "json": lambda: yomu_to(corpus, "json"),
            "html": lambda: yomu_to(corpus, "html"),
        },
    )
    sudachi, as_json, as_html = (statistics.median(timed[k]) for k in ("sudachi", "json", "html"))
    mb = len(text.encode("utf-8")) / 1e6
    chars = len(text) / 1e6
    spread = ", ".join(f"{k} {min(v):.2f}–{max(v):.2f} s" for k, v in timed.items())
    print(f"throughput, {rounds} rounds: {spread}", file=sys.stderr)
    return [
        Row(
            f"SudachiPy alone, {mb:.1f} MB (median of {rounds})",
            f"{sudachi:.2f} s ({chars / sudachi:.2f} M chars/s)",
            "",
            None,
        ),
        Row(
            "yomu → JSON",
            f"{as_json:.2f} s = {as_json / sudachi:.2f}× Sudachi",
            f"≤ {JSON_TARGET:g}×",
            as_json <= JSON_TARGET * sudachi,
        ),
        Row(
            "yomu → HTML",
            f"{as_html:.2f} s = {as_html / sudachi:.2f}× Sudachi",
            f"≤ {HTML_TARGET:g}×",
            as_html <= HTML_TARGET * sudachi,
        ),
    ]


def side_by_side(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    """Seconds of each run in each of ``rounds`` rounds, the runs taking turns."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return times


# In a fresh process: yomu's word caches start empty. The sentences are cut without
# tokenizing (which would fill them); Sudachi alone runs twice so that both sides find
# its dictionary pages in memory.
_COLD = """
import sys, time
sys.path.insert(0, sys.argv[1])
import run
from pathlib import Path
from yomu.pipeline import block_pieces
once = Path(sys.argv[2])
article = run.Annotator(run.api_options()).parse(once.read_text(encoding="utf-8"))
sentences = [piece for block in article.blocks for piece in block_pieces(block)]
run.sudachi_alone(sentences)
started = time.perf_counter()
run.sudachi_alone(sentences)
sudachi = time.perf_counter() - started
annotator = run._warm_annotator()
started = time.perf_counter()
run.api.write_document(annotator, str(once), once.with_suffix("." + sys.argv[3]), sys.argv[3])
print(sudachi, time.perf_counter() - started)
"""


def measure_cold(once: Path, repeats: int) -> list[Row]:
    rows = []
    for fmt, target in (("json", JSON_TARGET), ("html", HTML_TARGET)):
        runs = []
        for _ in range(repeats):
            command = [sys.executable, "-c", _COLD, str(Path(__file__).parent), str(once), fmt]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            sudachi, yomu = (float(x) for x in done.stdout.split())
            runs.append((yomu / sudachi, sudachi, yomu))
        ratio, sudachi, yomu = min(runs)
        kb = once.stat().st_size / 1000
        rows.append(
            Row(
                f"yomu → {fmt.upper()}, the articles once ({kb:.0f} kB), fresh caches",
                f"{yomu:.2f} s = {ratio:.2f}× Sudachi ({sudachi:.2f} s)",
                f"≤ {target:g}×",
                ratio <= target,
            )
        )
    return rows


def sudachi_alone(sentences: Sequence[str]) -> None:
    from sudachipy import SplitMode

    from yomu.words.tokenizer import _FIELDS  # the same Sudachi configuration as yomu's

    tokenizer = _sudachi_dictionary().tokenizer(SplitMode.C, fields=_FIELDS)  # type: ignore[attr-defined]
    for sentence in sentences:
        for m in tokenizer.tokenize(sentence):
            m.surface(), m.reading_form(), m.dictionary_form(), m.normalized_form(), m.part_of_speech()


_dictionary: object | None = None


def _sudachi_dictionary() -> object:
    global _dictionary
    if _dictionary is None:
        from sudachipy import Dictionary

        _dictionary = Dictionary(dict="core")
    return _dictionary


def yomu_to(corpus: Path, fmt: str) -> None:
    """What ``yomu annotate corpus -o out`` does after start-up, with a warm annotator."""
    out = corpus.with_suffix("." + fmt)
    annotator = _warm_annotator()
    api.write_document(annotator, str(corpus), out, fmt)


_annotator: Annotator | None = None


def _warm_annotator() -> Annotator:
    # One annotator for every repeat, loaded before timing: start-up is measured apart.
    global _annotator
    if _annotator is None:
        _annotator = Annotator(api_options())
        _annotator.annotate("和平案が話し合われた。")
    return _annotator


def api_options(*, vocabulary: bool = True) -> api.Options:
    return api.Options(glossaries=(), vocabulary=vocabulary)


# --- start-up -------------------------------------------------------------------------------

_BARE_SUDACHI = """
import sys
from sudachipy import Dictionary, SplitMode
t = Dictionary(dict="core").tokenizer(SplitMode.C)
text = open(sys.argv[1], encoding="utf-8").read()
for m in t.tokenize(text):
    m.reading_form(), m.dictionary_form(), m.part_of_speech()
"""


# For the memory reference: Sudachi's own share of the peak (its mapped dictionary).
_BARE_SUDACHI_SENTENCES = """
import sys
from sudachipy import Dictionary, SplitMode
t = Dictionary(dict="core").tokenizer(SplitMode.C)
for line in open(sys.argv[1], encoding="utf-8"):
    for sentence in line.split("。"):
        for m in t.tokenize(sentence):
            m.reading_form(), m.dictionary_form(), m.part_of_speech()
"""


def measure_startup(work: Path, runs: int) -> list[Row]:
    bare = [sys.executable, "-c", _BARE_SUDACHI, str(SHORT_ARTICLE)]
    yomu = [*_yomu_command(), "annotate", str(SHORT_ARTICLE), "-o", str(work / "short.json")]
    yomu_html = [*_yomu_command(), "annotate", str(SHORT_ARTICLE), "-o", str(work / "short.html")]
    bare_s = statistics.median(run_process(bare).seconds for _ in range(runs))
    yomu_s = statistics.median(run_process(yomu).seconds for _ in range(runs))
    html_s = statistics.median(run_process(yomu_html).seconds for _ in range(runs))
    return [
        Row("bare `python -c` Sudachi, short article", f"{bare_s:.2f} s", "", None),
        Row(
            "`yomu annotate` short article → JSON",
            f"{yomu_s:.2f} s (+{yomu_s - bare_s:.2f} s)",
            f"≤ +{STARTUP_TARGET:g} s",
            yomu_s - bare_s <= STARTUP_TARGET,
        ),
        Row(
            "`yomu annotate` short article → HTML",
            f"{html_s:.2f} s (+{html_s - bare_s:.2f} s)",
            f"≤ +{STARTUP_TARGET:g} s",
            html_s - bare_s <= STARTUP_TARGET,
        ),
    ]


def _yomu_command() -> list[str]:
    return [sys.executable, "-m", "yomu"]


@dataclass(frozen=True)
class Finished:
    seconds: float
    max_rss_mb: float


def run_process(command: Sequence[str]) -> Finished:
    """Run ``command`` to the end; its wall time and peak resident memory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    # Linux keeps a process's peak RSS across exec, so a child forked from this (large)
    # process would report this process's size: GNU time, small itself, starts the
    # command and reports the command's own peak.
    report = Path(tempfile.mkstemp(prefix="yomu-bench-rss-")[1])
    timed = [TIME, "-f", "%M", "-o", str(report), *command] if TIME else list(command)
    started = time.perf_counter()
    process = subprocess.Popen(timed, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{error}")
    try:
        # ru_maxrss and GNU time's %M are in kilobytes on Linux.
        kilobytes = int(report.read_text().split()[-1]) if TIME else usage.ru_maxrss
    finally:
        report.unlink()
    return Finished(seconds, kilobytes / 1024)


TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


# --- memory ---------------------------------------------------------------------------------


def measure_memory(work: Path, corpus: Corpus) -> list[Row]:
    mb = corpus.big.stat().st_size / 1e6
    bare = run_process([sys.executable, "-c", _BARE_SUDACHI_SENTENCES, str(corpus.big)])
    big = run_process([*_yomu_command(), "annotate", str(corpus.big), "-o", str(work / "big.json")])
    big_html = run_process([*_yomu_command(), "annotate", str(corpus.big), "-o", str(work / "big.html")])
    to_json_dir = [*_yomu_command(), "annotate", "--format", "json", "-q", "-o"]
    few = run_process([*to_json_dir, str(work / "few"), *map(str, corpus.few)])
    many = run_process([*to_json_dir, str(work / "many"), *map(str, corpus.articles)])
    grown = many.max_rss_mb - few.max_rss_mb
    return [
        Row(f"peak RSS, SudachiPy alone on the {mb:.0f} MB file", f"{bare.max_rss_mb:.0f} MB", "", None),
        Row(f"peak RSS, {mb:.0f} MB file → JSON", f"{big.max_rss_mb:.0f} MB ({big.seconds:.0f} s)",
            "≤ 300 MB", big.max_rss_mb <= 300),
        Row(f"peak RSS, {mb:.0f} MB file → HTML", f"{big_html.max_rss_mb:.0f} MB ({big_html.seconds:.0f} s)",
            "≤ 300 MB", big_html.max_rss_mb <= 300),
        Row(
            f"peak RSS, {len(corpus.few)} → {len(corpus.articles)} files → JSON dir",
            f"{few.max_rss_mb:.0f} → {many.max_rss_mb:.0f} MB",
            "no growth (≤ +10%)",
            grown <= 0.1 * few.max_rss_mb,
        ),
    ]


# --- bulk -----------------------------------------------------------------------------------


def measure_jobs(work: Path, articles: Sequence[Path], repeats: int) -> list[Row]:
    def run(jobs: int) -> float:
        out = work / f"jobs{jobs}"
        command = [*_yomu_command(), "annotate", "--format", "json", "-q", "-o", str(out)]
        command += map(str, articles)
        return min(run_process([*command, "--jobs", str(jobs)]).seconds for _ in range(repeats))

    return _speedup(f"{len(articles)} articles → JSON", "--jobs 1", "--jobs 2", run(1), run(2), target=1.7)


def _speedup(
    what: str, one_label: str, two_label: str, one: float, two: float, *, target: float | None = None
) -> list[Row]:
    """A row for one process and one for two, the second with how much faster it was."""
    faster = one / two
    return [
        Row(f"{what}, {one_label}", f"{one:.1f} s", "", None),
        Row(
            f"{what}, {two_label}",
            f"{two:.1f} s = {faster:.2f}× faster",
            f"≥ {target:g}×" if target is not None else "",
            faster >= target if target is not None else None,
        ),
    ]


# --- Dask -------------------------------------------------------------------------------------


def measure_dask(articles: Sequence[Path], work: Path) -> list[Row]:
    """The docs/scale.md recipes on the local process scheduler, against one process:
    JSON strings sent back to the client, and files written by the workers."""
    try:
        import dask.bag as db
    except ImportError:
        return [Row("Dask", "not installed (pip install 'yomu[dask]')", "", None)]
    from yomu.scale import annotate_to_file, annotate_to_json

    paths = [str(p) for p in articles]
    started = time.perf_counter()
    annotator = Annotator(api_options())
    sequential = [render_json(annotator.annotate_file(p)) for p in paths]
    one = time.perf_counter() - started
    started = time.perf_counter()
    # A few articles per partition: the local scheduler runs one partition per task.
    bag = db.from_sequence(paths, npartitions=max(1, len(paths) // 4))
    results = bag.map(annotate_to_json).compute(scheduler="processes", num_workers=2)
    two = time.perf_counter() - started
    if results != sequential:
        raise SystemExit("dask results differ from the sequential ones")
    out = work / "dask-out"
    out.mkdir(exist_ok=True)
    pairs = [(p, str(out / f"{Path(p).stem}.json")) for p in paths]
    started = time.perf_counter()
    for path, output in pairs:
        annotate_to_file(path, output + ".one")
    one_files = time.perf_counter() - started
    started = time.perf_counter()
    bag = db.from_sequence(pairs, npartitions=max(1, len(pairs) // 4))
    bag.starmap(annotate_to_file).compute(scheduler="processes", num_workers=2)
    two_files = time.perf_counter() - started
    workers = "dask.bag, 2 worker processes"
    return [
        *_speedup(f"{len(paths)} articles → JSON strings", "one process", workers, one, two),
        *_speedup(f"{len(paths)} articles → JSON files", "one process", workers, one_files, two_files),
    ]


# --- the report -----------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"Machine: {os.cpu_count()} cores, {model}; Python {platform.python_version()} "
        f"on {platform.system()} {platform.release()}; load average {os.getloadavg()[0]:.2f} at the end."
    )


def table(rows: Sequence[Row]) -> str:
    lines = ["| measure | value | target | met |", "|---|---|---|---|"]
    for row in rows:
        met = "" if row.ok is None else "yes" if row.ok else "**no**"
        lines.append(f"| {row.measure} | {row.value} | {row.target} | {met} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
