"""Inputs over 10 MiB: read from disk in parts, the output what the parts predict."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from yomu.errors import InputError
from yomu.pipeline import Annotator, Options
from yomu.renderers.html import write_html_stream
from yomu.renderers.json import write_json_stream
from yomu.text.long_input import LongInput, long_input
from yomu.text.source import MAX_INPUT_BYTES, read_input

from .conftest import EXAMPLES, REPO
from .test_cli import yomu


def _benchmark() -> ModuleType:
    path = REPO / "benchmarks" / "long_input.py"
    spec = importlib.util.spec_from_file_location("long_input_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCHMARK = _benchmark()


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def _json_and_html(annotator: Annotator, streamed: object) -> tuple[bytes, bytes]:
    from yomu.pipeline import StreamedDocument

    assert isinstance(streamed, StreamedDocument)
    json_out = io.BytesIO()
    write_json_stream(streamed, json_out)
    html_out, scratch = io.BytesIO(), io.BytesIO()
    write_html_stream(streamed, html_out, scratch, for_learner=False)
    return json_out.getvalue(), html_out.getvalue()


@pytest.mark.parametrize(
    ("name", "part_bytes", "parts"),
    [("summit.txt", 512, 4), ("summit.txt", 1 << 20, 1), ("bus.txt", 300, 21), ("bus.txt", 2048, 3)],
)
def test_parts_give_the_bytes_of_one_piece(
    annotator: Annotator, tmp_path: Path, name: str, part_bytes: int, parts: int
) -> None:
    # Cut after a sentence's line, the parts parse as the whole text does: the JSON and
    # HTML are those of the article streamed in one piece.
    path = EXAMPLES / name if name == "summit.txt" else tmp_path / name
    if name == "bus.txt":
        path.write_text(BENCHMARK.article_text(6000), encoding="utf-8")
    given = read_input(str(path))
    streamed = annotator.annotate_in_groups(given.text, format="text", source=str(path))
    whole = _json_and_html(annotator, streamed)
    long = long_input(str(path), part_bytes=part_bytes, above=0)
    assert long is not None
    texts = [text for text, _ in long.parts()]
    assert (len(texts), "".join(texts)) == (parts, given.text)
    assert _json_and_html(annotator, annotator.annotate_long(long)) == whole


def test_parts_without_vocabulary(tmp_path: Path) -> None:
    annotator = Annotator(Options(vocabulary=False))
    path = EXAMPLES / "summit.txt"
    given = read_input(str(path))
    streamed = annotator.annotate_in_groups(given.text, format="text", source=str(path))
    whole = _json_and_html(annotator, streamed)
    long = long_input(str(path), part_bytes=512, above=0)
    assert long is not None
    assert _json_and_html(annotator, annotator.annotate_long(long)) == whole
    assert b'"vocabulary":[]' in whole[0]


def test_parts_count_lines_on_and_keep_dropped_lines_numbered(annotator: Annotator, tmp_path: Path) -> None:
    # Clutter in a later part is dropped with its line number in the whole file.
    lines = [BENCHMARK.TITLE, *(f"第{n}段落。" + BENCHMARK.PARAGRAPHS[n % 7] for n in range(40))]
    lines.insert(30, "広告")
    path = tmp_path / "a.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))  # \r\n straddles some cuts
    long = long_input(str(path), part_bytes=600, above=0)
    assert long is not None
    parts = list(long.parts())
    assert len(parts) > 10
    assert "".join(t for t, _ in parts) == "\n".join(lines)
    before = ""
    for text, first_line in parts:
        assert first_line == before.count("\n") + 1
        before += text
    doc = json.loads(_json_and_html(annotator, annotator.annotate_long(long))[0])
    assert doc["dropped"] == [{"line": 31, "text": "広告", "reason": "ad"}]
    assert doc["title"] == BENCHMARK.TITLE
    assert len(doc["blocks"]) == 41


def test_shift_jis_file_is_read_in_parts_as_a_whole(annotator: Annotator, tmp_path: Path) -> None:
    text = BENCHMARK.article_text(3000)
    path = tmp_path / "sjis.txt"
    path.write_bytes(text.encode("cp932"))
    long = long_input(str(path), part_bytes=101, above=0)  # odd: reads end inside characters
    assert long is not None and long.encoding == "shift_jis"
    assert "".join(t for t, _ in long.parts()) == text


def test_undecodable_bytes_later_in_a_long_file_are_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    good = BENCHMARK.article_text(1_100_000).encode("utf-8")  # past the first megabyte
    path.write_bytes(good + b"\xff\xfe" + good)
    long = long_input(str(path), part_bytes=100_000, above=0)
    assert long is not None
    message = f"{path}: invalid utf-8 at byte {len(good)}; repair that spot or re-save the file as UTF-8"
    with pytest.raises(InputError, match=re.escape(message)):
        list(long.parts())


def test_a_short_file_or_stdin_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("短い記事です。", encoding="utf-8")
    assert long_input(str(path)) is None
    assert long_input("-") is None
    assert long_input(str(tmp_path / "missing.txt")) is None
    assert long_input(str(path), above=0) == LongInput(path=path, name=str(path), encoding="utf-8")


def test_a_file_over_10_mib_is_annotated_to_json_and_html(tmp_path: Path) -> None:
    # The article, then 10.5 MiB of blank space: the input goes over the limit cheaply,
    # and the output is the short article's, byte for byte.
    path = tmp_path / "a.txt"
    article = BENCHMARK.article_text(2000)
    path.write_text(article, encoding="utf-8")
    for fmt in ("json", "html"):
        assert yomu("annotate", str(path), "-o", str(tmp_path / f"short.{fmt}")).returncode == 0
    with path.open("a", encoding="utf-8") as out:
        out.write(("\n" + " " * 99) * (MAX_INPUT_BYTES // 100 + 50_000))
    assert path.stat().st_size > MAX_INPUT_BYTES + 4_000_000
    for fmt in ("json", "html"):
        result = yomu("annotate", str(path), "-o", str(tmp_path / f"long.{fmt}"))
        assert (result.returncode, result.stderr) == (0, b"")
        assert (tmp_path / f"long.{fmt}").read_bytes() == (tmp_path / f"short.{fmt}").read_bytes()


@pytest.mark.parametrize(("fmt", "jobs"), [("json", "2"), ("html", "1")])
def test_several_inputs_into_a_directory_lift_the_cap_too(tmp_path: Path, fmt: str, jobs: str) -> None:
    # A long input among short ones is written as it is annotated, like a single one: no
    # 10 MiB cap, the same bytes as on its own, and its title in the HTML index.
    article = BENCHMARK.article_text(2000)
    (tmp_path / "long.txt").write_text(article, encoding="utf-8")
    alone = tmp_path / f"alone.{fmt}"
    assert yomu("annotate", str(tmp_path / "long.txt"), "-o", str(alone)).returncode == 0
    with (tmp_path / "long.txt").open("a", encoding="utf-8") as out:
        out.write(("\n" + " " * 99) * (MAX_INPUT_BYTES // 100 + 50_000))
    short = EXAMPLES / "summit.txt"
    out_dir = tmp_path / "out"
    result = yomu("annotate", str(short), str(tmp_path / "long.txt"), "--jobs", jobs, "--format", fmt,
                  "-o", str(out_dir))
    assert (result.returncode, result.stderr) == (0, b"")
    assert (out_dir / f"long.{fmt}").read_bytes() == alone.read_bytes()
    single = tmp_path / f"summit.{fmt}"
    assert yomu("annotate", str(short), "-o", str(single)).returncode == 0
    assert (out_dir / f"summit.{fmt}").read_bytes() == single.read_bytes()
    expected = {f"long.{fmt}", f"summit.{fmt}"} | ({"index.html"} if fmt == "html" else set())
    assert {p.name for p in out_dir.iterdir()} == expected
    if fmt == "html":
        assert BENCHMARK.TITLE in (out_dir / "index.html").read_text(encoding="utf-8")


def test_long_inputs_that_are_not_read_in_parts_say_what_to_do(tmp_path: Path) -> None:
    big_text = tmp_path / "big.txt"
    big_text.write_bytes("記事の本文です。\n".encode() * (MAX_INPUT_BYTES // 24 + 1))
    big_html = tmp_path / "big.html"
    body = "本文".encode() * (MAX_INPUT_BYTES // 6)
    big_html.write_bytes(b"<html><body><p>" + body + b"</p></body></html>")
    to_stdout = yomu("annotate", str(big_text), "--format", "json")
    assert to_stdout.returncode == 1
    assert to_stdout.stderr.decode() == (
        f"yomu: {big_text}: is {big_text.stat().st_size / (1024 * 1024):.1f} MB, larger than the 10 MB "
        "yomu annotates in memory; write it to a JSON "
        "or HTML file (yomu annotate FILE -o out.json), which reads a text file in parts\n"
    )
    page = yomu("annotate", str(big_html), "-o", str(tmp_path / "out.json"))
    assert page.returncode == 1
    assert page.stderr.decode() == (
        f"yomu: {big_html}: is a 10.0 MB web page; yomu reads pages of up to 10 MB (longer ones only "
        "as plain text): save the article's text as a .txt file\n"
    )
    stdin = yomu("annotate", "-", "-o", str(tmp_path / "out.json"), stdin=big_text.read_bytes())
    assert stdin.returncode == 1
    assert stdin.stderr.decode() == (
        "yomu: <stdin>: is larger than the 10 MB yomu reads from standard input; save it to a file and "
        "write it to a JSON or HTML file (yomu annotate FILE -o out.json)\n"
    )
    assert not (tmp_path / "out.json").exists()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_100_mb_article_stays_under_300_mb(tmp_path: Path, fmt: str) -> None:
    big = tmp_path / "big.txt"
    BENCHMARK.write_article(big, 100_000_000)
    peak, _ = BENCHMARK.peak_rss(["annotate", str(big), "-o", str(tmp_path / f"big.{fmt}")])
    assert peak <= 300
    head = (tmp_path / f"big.{fmt}").read_bytes()[:4096].decode("utf-8", errors="ignore")
    assert BENCHMARK.TITLE in head
