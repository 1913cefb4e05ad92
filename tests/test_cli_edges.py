"""The CLI's edges: outputs named for another format, options that need another, help
examples, shell completion, and docs/cli.md against the commands themselves."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from yomu.cli import main

from .conftest import REPO
from .test_cli import yomu

ARTICLE = "日本と米国は首脳会談で鉱物協定について話し合った。\n"
ANKI_NEEDED = "it applies to that Anki collection"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _error(done: subprocess.CompletedProcess[bytes]) -> str:
    assert done.returncode == 1, done.stderr.decode()
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("yomu: "), lines
    return lines[0]


# --- outputs -----------------------------------------------------------------------------------


def test_several_inputs_never_make_a_directory_named_like_a_file(article: Path, tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "single.html"
    message = _error(yomu("annotate", str(article), str(other), "-o", str(out)))
    assert message == f"yomu: {out}: several inputs need an output directory, not a file"
    assert not out.exists()


def test_several_inputs_into_a_new_directory_or_an_existing_one(article: Path, tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    existing = tmp_path / "pages.d"
    existing.mkdir()
    for out in (tmp_path / "site", existing):
        done = yomu("annotate", str(article), str(other), "-o", str(out), "--no-vocabulary", "-q")
        assert done.returncode == 0, done.stderr.decode()
        assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html", "index.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--format", "json", "-o", "{tmp}/a.html"),
            "{tmp}/a.html: the name says html but --format is json; name the output .json (json) "
            "or leave out --format",
        ),
        (
            ("-o", "{tmp}/a.pdf"),
            "{tmp}/a.pdf: yomu does not write .pdf files; name the output .json (json), .tsv (tsv) "
            "or .html (html), or give --format",
        ),
    ],
    ids=["suffix against --format", "a suffix yomu does not write"],
)
def test_annotate_never_writes_one_format_under_anothers_name(
    article: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    given = [a.replace("{tmp}", str(tmp_path)) for a in args]
    expected = "yomu: " + message.replace("{tmp}", str(tmp_path))
    assert _error(yomu("annotate", str(article), *given)) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_the_format_follows_the_suffix_or_an_explicit_format(article: Path, tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    assert yomu("annotate", str(article), "-o", str(tsv), "--no-vocabulary").returncode == 0
    assert tsv.read_text(encoding="utf-8").split("\n", 1)[0].count("\t") > 2
    # A suffix yomu does not know, with the format said outright: the user's choice.
    notes = tmp_path / "notes.txt"
    done = yomu("annotate", str(article), "-o", str(notes), "--format", "tsv", "--no-vocabulary")
    assert done.returncode == 0
    assert notes.read_bytes() == tsv.read_bytes()


def test_deck_output_suffix(article: Path, tmp_path: Path) -> None:
    message = _error(yomu("deck", str(article), "-o", str(tmp_path / "deck.txt")))
    assert message == (
        f"yomu: {tmp_path}/deck.txt: yomu does not write .txt files; name the output .apkg (apkg) "
        "or .tsv (tsv), or give --format"
    )
    message = _error(yomu("deck", str(article), "-o", str(tmp_path / "deck.tsv"), "--format", "apkg"))
    assert "the name says tsv but --format is apkg" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    done = yomu("deck", str(article), "-o", str(tmp_path / "deck.tsv"))
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "deck.tsv").read_text(encoding="utf-8").startswith("#separator:tab\n")


# --- options ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--known-column", "2"),
         "--known-column needs --known: it picks the word column of a --known table"),
        (("--known-anki-query", "x"), "--known-anki-query needs --known-anki: " + ANKI_NEEDED),
        (("--known-anki-field", "x"), "--known-anki-field needs --known-anki: " + ANKI_NEEDED),
    ],
)
@pytest.mark.parametrize("command", ["annotate", "vocab"])
def test_an_option_without_the_one_it_needs_is_an_error(
    article: Path, command: str, args: tuple[str, ...], message: str
) -> None:
    assert _error(yomu(command, str(article), *args)) == "yomu: " + message


def test_known_import_takes_known_column_and_its_old_name_column(tmp_path: Path) -> None:
    table = tmp_path / "words.tsv"
    table.write_text("政府\tx\n署名\ty\n", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(REPO / "tests" / "no-config.toml"),
        "YOMU_DATA_DIR": str(tmp_path / "data"),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "yomu", "known", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    assert run("import", str(table), "--known-column", "1").returncode == 0
    assert run("list").stdout == "政府\n署名\n"
    done = run("import", str(table), "--column", "2")
    assert done.returncode == 0, done.stderr
    assert run("list").stdout == "x\ny\n政府\n署名\n"
    help_text = run("import", "--help").stdout
    assert "--known-column" in help_text and "--column" not in help_text.replace("--known-column", "")


# --- help, completion, docs ------------------------------------------------------------------------


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(path, group)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*path, name)))
        else:
            found.append(((*path, name), command))
    return found


COMMANDS = _commands(main)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "yomu" for p, _ in COMMANDS])
def test_every_help_has_one_example(path: tuple[str, ...], command: click.Command) -> None:
    done = CliRunner().invoke(main, [*path, "--help"], prog_name="yomu")
    assert done.exit_code == 0, done.output
    examples = re.findall(r"^  Example:\n    (yomu .*)$", done.output, flags=re.M)
    assert len(examples) == 1, done.output
    assert examples[0].startswith(" ".join(("yomu", *path))), examples[0]


def test_shell_completion_through_clicks_own_mechanism() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COMP_WORDS": "yomu ann", "COMP_CWORD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "yomu"], env={**env, "_YOMU_COMPLETE": "bash_complete"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.split() == ["plain,annotate"], done.stderr
    for shell in ("bash", "zsh", "fish"):
        script = subprocess.run(
            [sys.executable, "-m", "yomu"], env={**env, "_YOMU_COMPLETE": f"{shell}_source"},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert script.returncode == 0 and "_YOMU_COMPLETE" in script.stdout, shell


def test_docs_cli_lists_every_command_and_option() -> None:
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## `(yomu[^`]*)`", text, flags=re.M))
    for path, command in COMMANDS:
        name = " ".join(("yomu", *path))
        assert name in headings, name
        section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        if "The learner options" in section:
            section += text.split("## Learner options", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                for opt in param.opts:
                    assert f"`{opt}" in section, (name, opt)
    for status in ("0", "1", "2", "130"):
        assert re.search(rf"^\| {status} \|", text, flags=re.M), status
    assert "_YOMU_COMPLETE=bash_source" in text and "zsh_source" in text and "fish_source" in text
