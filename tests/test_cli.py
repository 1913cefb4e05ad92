"""The CLI end to end, through a real subprocess, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, REPO

EXAMPLE = EXAMPLES / "summit.txt"


def yomu(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    # Run this checkout's code, whichever yomu happens to be installed.
    # An empty config path: the user's own config must not change what the tests see.
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(REPO / "tests" / "no-config.toml"),
        # …nor the user's personal known-word list.
        "YOMU_DATA_DIR": str(REPO / "tests" / "no-data-dir"),
    }
    return subprocess.run(
        [sys.executable, "-m", "yomu", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300, env=env
    )


def test_annotate_example_to_json() -> None:
    done = yomu("annotate", str(EXAMPLE), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    doc = json.loads(done.stdout)
    assert doc["title"].startswith("北欧3か国と日本")
    kinds = [b["kind"] for b in doc["blocks"]]
    assert kinds[0] == "title"
    assert "list_item" in kinds and "table_row" in kinds and kinds[-1] == "source"
    body = json.dumps(doc["blocks"], ensure_ascii=False)
    assert "広告の下に記事の続きがあります" not in body
    assert {"line": 4, "text": "広告の下に記事の続きがあります", "reason": "ad"} in doc["dropped"]
    assert done.stderr == b""


def test_show_clutter_reports_on_stderr_only() -> None:
    done = yomu("annotate", str(EXAMPLE), "--show-clutter", "--no-vocabulary", "--format", "json")
    assert done.returncode == 0
    lines = done.stderr.decode().splitlines()
    assert f"{EXAMPLE}:4: [ad] 広告の下に記事の続きがあります" in lines
    json.loads(done.stdout)


def test_keep_clutter_keeps_every_line() -> None:
    done = yomu("annotate", str(EXAMPLE), "--keep-clutter", "--no-vocabulary", "--format", "json")
    doc = json.loads(done.stdout)
    assert doc["dropped"] == []
    assert "広告の下に記事の続きがあります" in done.stdout.decode()


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = yomu("annotate", "-", "-o", str(out), "--no-vocabulary", stdin="停戦が成立した。".encode())
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["source"] == "<stdin>"
    assert [t["reading"] for t in doc["blocks"][0]["sentences"][0]["tokens"]] == [
        "ていせん",
        "が",
        "せいりつ",
        "し",
        "た",
        None,
    ]
    assert list(tmp_path.iterdir()) == [out]


def test_several_inputs_to_a_directory(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("和平案を示した。", encoding="utf-8")
    b.write_text("鉱物協定に署名した。", encoding="utf-8")
    done = yomu(
        "annotate", str(a), str(b), "-o", str(tmp_path / "out"), "--no-vocabulary", "--format", "json"
    )
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.json", "b.json"]


def _bad_inputs(tmp: Path) -> list[tuple[list[str], str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n \n")
    (tmp / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp / "latin1.txt").write_bytes(bytes(range(0x80, 0x100)) * 3)
    (tmp / "dir").mkdir()
    (tmp / "good.txt").write_text("停戦", encoding="utf-8")
    return [
        (
            ["annotate", str(tmp / "missing.txt")],
            f"yomu: {tmp / 'missing.txt'}: no such file; check the path",
        ),
        (
            ["annotate", str(tmp / "dir")],
            f"yomu: {tmp / 'dir'}: is a directory; give the article files inside it",
        ),
        (
            ["annotate", str(tmp / "empty.txt")],
            f"yomu: {tmp / 'empty.txt'}: is empty; give a file with article text",
        ),
        (
            ["annotate", str(tmp / "blank.txt")],
            f"yomu: {tmp / 'blank.txt'}: is empty; give a file with article text",
        ),
        (
            ["annotate", str(tmp / "image.png")],
            f"yomu: {tmp / 'image.png'}: is a binary file, not text; give a .txt or .html article",
        ),
        (
            ["annotate", str(tmp / "latin1.txt")],
            f"yomu: {tmp / 'latin1.txt'}: is not UTF-8, Shift_JIS or EUC-JP text; "
            "convert it to UTF-8 (e.g. with iconv)",
        ),
        (
            ["annotate", str(tmp / "good.txt"), "-o", str(tmp / "nodir" / "x.json")],
            f"yomu: {tmp / 'nodir' / 'x.json'}: directory {tmp / 'nodir'} does not exist; "
            "create it or choose another path",
        ),
        (
            ["annotate", str(tmp / "good.txt"), "-o", str(tmp / "good.txt")],
            f"yomu: {tmp / 'good.txt'}: is also an input; choose another output path",
        ),
    ]


def test_bad_input_gives_one_line_and_nonzero_exit(tmp_path: Path) -> None:
    for args, message in _bad_inputs(tmp_path):
        done = yomu(*args, "--no-vocabulary")
        assert done.returncode == 1, args
        assert done.stdout == b"", args
        assert done.stderr.decode().splitlines() == [message], args
    assert (tmp_path / "good.txt").read_text(encoding="utf-8") == "停戦"


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version(flag: str) -> None:
    assert yomu(flag).returncode == 0


def test_lookup_prints_glossary_and_jmdict() -> None:
    done = yomu("lookup", "首脳会談")
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "首脳会談 【しゅのうかいだん】 term" in out
    assert "summit meeting; summit talks" in out
    assert "1. (n) leadership conference; summit meeting; top-level conference" in out


def test_user_glossary_changes_the_output(tmp_path: Path) -> None:
    glossary = tmp_path / "mine.toml"
    glossary.write_text(
        '[[entry]]\nterm = "海洋監視"\nreading = "かいようかんし"\n'
        'gloss = "maritime surveillance"\nkind = "term"\n',
        encoding="utf-8",
    )
    done = yomu("annotate", str(EXAMPLE), "--glossary", str(glossary), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    items = {i["text"]: i for i in json.loads(done.stdout)["vocabulary"]}
    assert (items["海洋監視"]["glosses"], items["海洋監視"]["source"], items["海洋監視"]["count"]) == (
        ["maritime surveillance"], "glossary", 3,
    )  # fmt: skip


def test_glossary_check_reports_problems_and_exit_status(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entry]]\nterm = "和平案"\nreading = "ワヘイアン"\ngloss = "x"\n', encoding="utf-8")
    done = yomu("glossary", "check", str(bad))
    assert done.returncode == 1
    assert done.stdout.decode().splitlines() == [
        f"{bad}:3: 和平案: reading 'ワヘイアン' is not hiragana (no katakana, spaces or romaji)"
    ]
    shipped = sorted(str(p) for p in (REPO / "glossaries").glob("*.toml"))
    assert yomu("glossary", "check", *shipped).returncode == 0


def test_malformed_user_glossary_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entry]]\nterm = "和平案"\n', encoding="utf-8")
    done = yomu("annotate", str(EXAMPLE), "--glossary", str(bad))
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [f"yomu: {bad}:1: 和平案: missing reading"]
    assert done.stdout == b""


def test_tsv_has_one_token_per_row() -> None:
    done = yomu("annotate", "-", "--format", "tsv", stdin="和平案が示された。".encode())
    rows = [r.split("\t") for r in done.stdout.decode().splitlines()]
    assert rows[0] == ["document", "block", "sentence", "surface", "reading", "lemma", "pos", "gloss", "item"]
    # 和平案 is two tokens of one glossary item: both rows carry the item's gloss.
    assert [r[3:5] for r in rows[1:3]] == [["和平", "わへい"], ["案", "あん"]]
    assert {(r[7], r[8]) for r in rows[1:3]} == {("peace plan; peace proposal", "和平案:わへいあん:term")}


def test_config_file_adds_default_glossaries(tmp_path: Path) -> None:
    (tmp_path / "terms.toml").write_text(
        '[[entry]]\nterm = "交流事業"\nreading = "こうりゅうじぎょう"\n'
        'gloss = "exchange programme"\nkind = "term"\n',
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    config.write_text('glossaries = ["terms.toml"]\n', encoding="utf-8")
    done = yomu_with_config(config, "annotate", str(EXAMPLE), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    items = {i["text"]: i for i in json.loads(done.stdout)["vocabulary"]}
    assert items["交流事業"]["glosses"] == ["exchange programme"]


def test_broken_config_file_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("glossary = 3\n", encoding="utf-8")
    done = yomu_with_config(config, "annotate", str(EXAMPLE))
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        f"yomu: {config}: unknown setting 'glossary' (known: glossaries, known, known_anki, level)"
    ]


def yomu_with_config(config: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(config),
        "YOMU_DATA_DIR": str(REPO / "tests" / "no-data-dir"),
    }
    return subprocess.run([sys.executable, "-m", "yomu", *args], capture_output=True, timeout=300, env=env)


def test_jobs_give_the_same_output_in_input_order(tmp_path: Path) -> None:
    inputs = []
    texts = ["和平案を示した。", "鉱物協定に署名した。", "停戦が成立した。", "首脳会談が開かれた。"]
    for i, text in enumerate(texts):
        path = tmp_path / f"a{i}.txt"
        path.write_text(text, encoding="utf-8")
        inputs.append(str(path))
    one = yomu("annotate", *inputs, "--format", "json")
    two = yomu("annotate", *inputs, "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [d["source"] for d in json.loads(two.stdout)] == inputs
    assert two.stderr == b""  # no progress bar when stderr is not a terminal


def test_html_is_the_default_and_several_pages_get_an_index(tmp_path: Path) -> None:
    one = yomu("annotate", str(EXAMPLE))
    assert one.returncode == 0, one.stderr.decode()
    assert one.stdout.startswith(b"<!DOCTYPE html>")
    assert "<ruby>" in one.stdout.decode()
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("和平案を示した。", encoding="utf-8")
    b.write_text("鉱物協定に署名した。", encoding="utf-8")
    done = yomu("annotate", str(a), str(b), "-o", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["a.html", "b.html", "index.html"]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="b.html"' in index


def test_format_follows_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "x.tsv"
    assert yomu("annotate", str(EXAMPLE), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("document\tblock\tsentence")


def test_several_html_pages_need_a_directory() -> None:
    done = yomu("annotate", str(EXAMPLE), str(EXAMPLE))
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "yomu: several articles make several pages: give an output directory with -o DIR"
    ]
