"""The ``yomu`` command: parses options and calls the library, nothing more.

Every error the user can fix is a :class:`~yomu.errors.YomuError`, printed as one line
``yomu: …`` with exit status 1; no traceback reaches the terminal.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

try:
    import click

    from . import api
    from .errors import YomuError
except KeyboardInterrupt:  # Ctrl-C while yomu is still starting: no traceback either
    sys.stderr.write("yomu: interrupted; no output was left half-written\n")
    sys.exit(130)

F = TypeVar("F", bound=Callable[..., Any])


def _friendly_errors(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except YomuError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _fail("interrupted; no output was left half-written", 130)
        except BrokenPipeError:
            # `yomu … | head`: the reader left; that is not an error worth a message.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # a bug: say so in one line, keep the traceback on request
            if os.environ.get("YOMU_DEBUG"):
                traceback.print_exc()
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (set YOMU_DEBUG=1 for details; please report)",
                2,
            )

    return wrapper  # type: ignore[return-value]


def _fail(message: str, status: int) -> None:
    click.echo(f"yomu: {_one_line(message)}", err=True)
    sys.exit(status)


def _one_line(text: str) -> str:
    """``text`` on one line, with control and format characters shown as escapes.

    Messages quote file names and glossary terms; an escape sequence in one of them
    must not reach the terminal (it could hide the message or rewrite the screen).
    """
    return "".join(
        c if unicodedata.category(c)[0] != "C" else c.encode("unicode_escape").decode("ascii")
        for c in " ".join(text.split())
    )


_glossary_option = click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="An extra glossary TOML file (repeatable); it wins over the shipped ones and the config file's.",
)


_NoArgsIsHelp: type[click.UsageError] = getattr(click.exceptions, "NoArgsIsHelpError", click.UsageError)


class _OneLineGroup(click.Group):
    """Usage errors (an unknown option, a bad value) as one line too, with exit status 2.

    Click's own report is three lines (usage, hint, error); a script reading stderr
    should see the same ``yomu: …`` shape for every error.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except _NoArgsIsHelp as exc:  # `yomu glossary`: the help text is the answer
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            message = re.sub(r"\. Did you mean (.*)\?$", r" (did you mean \1?)", exc.format_message())
            message = message.rstrip(".")
            _fail(f"{message[:1].lower()}{message[1:]}; see {_command_path(exc.ctx)} --help", 2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:  # Ctrl-C before a command started
            _fail("interrupted; no output was left half-written", 130)
        sys.exit(status if isinstance(status, int) else 0)


def _command_path(ctx: click.Context | None) -> str:
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["yomu", *names])


@click.group(cls=_OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="yomu")
def main() -> None:
    """yomu: read real Japanese news with readings, furigana and English glosses."""
    # `kill` or `timeout` end a run like Ctrl-C does: through the interpreter, so a
    # half-written temporary file is removed instead of left next to the output.
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "json", "tsv"]),
    default=None,
    help=f"Output format [default: from the -o suffix, else {api.DEFAULT_FORMAT}].",
)
@click.option("--vertical", is_flag=True, help="HTML: vertical writing (縦書き), ruby on the right.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file (one input) or directory (several inputs); stdout when omitted.",
)
@_glossary_option
@click.option(
    "--show-clutter", is_flag=True, help="Report the web clutter lines that were dropped (on stderr)."
)
@click.option("--keep-clutter", is_flag=True, help="Keep every line; do not drop web clutter.")
@click.option("--no-vocabulary", is_flag=True, help="Readings only: skip glosses and vocabulary items.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Annotate this many files at once, in separate processes.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_friendly_errors
def annotate(
    inputs: Sequence[str],
    fmt: str,
    output: Path | None,
    glossaries: Sequence[Path],
    show_clutter: bool,
    keep_clutter: bool,
    no_vocabulary: bool,
    jobs: int,
    quiet: bool,
    vertical: bool,
) -> None:
    """Annotate articles (text or HTML files; - reads stdin)."""
    with _progress_bar(len(inputs), quiet) as bar:
        result = api.annotate_files(
            list(inputs),
            fmt=api.choose_format(fmt, output),
            output=output,
            glossaries=tuple(glossaries),
            keep_clutter=keep_clutter,
            vocabulary=not no_vocabulary,
            jobs=jobs,
            progress=bar.update if bar else None,
            vertical=vertical,
        )
    if show_clutter:
        for doc in result.documents:
            for line in doc.dropped:
                click.echo(f"{doc.source}:{line.line}: [{line.reason}] {line.text}", err=True)
    if result.text is not None:
        sys.stdout.write(result.text)


@contextmanager
def _progress_bar(total: int, quiet: bool) -> Iterator[Any]:
    """A bar on stderr for several files on a terminal; nothing in pipes, CI or --quiet."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="annotating", file=sys.stderr) as bar:
        yield bar


@main.command()
@click.argument("word")
@_glossary_option
@_friendly_errors
def lookup(word: str, glossaries: Sequence[Path]) -> None:
    """Show what yomu knows about WORD: glossary hits, dictionary entries and senses."""
    click.echo(api.lookup_text(word, glossaries=tuple(glossaries)), nl=False)


@main.group()
def glossary() -> None:
    """Work with glossary files."""


@glossary.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@_friendly_errors
def glossary_check(files: Sequence[Path]) -> None:
    """Validate glossary files; print every problem as file:line: message."""
    problems = api.check_glossaries(list(files))
    for problem in problems:
        click.echo(_one_line(problem))
    if problems:
        sys.exit(1)
    click.echo(f"{len(files)} glossary file(s) OK", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The deck file to write."
)
@click.option("--deck-name", default="yomu", show_default=True, help="Anki deck name (also fixes its id).")
@click.option(
    "--max", "max_items", type=click.IntRange(min=1), default=None, help="Keep the N most frequent items."
)
@click.option("--production", is_flag=True, help="Also make meaning → word cards.")
@click.option("--cloze", is_flag=True, help="Also make sentence cloze cards.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["apkg", "tsv"]),
    default="apkg",
    show_default=True,
    help="An Anki package, or tab-separated notes for Anki's text import.",
)
@_glossary_option
@_friendly_errors
def deck(
    inputs: Sequence[str],
    output: Path,
    deck_name: str,
    max_items: int | None,
    production: bool,
    cloze: bool,
    fmt: str,
    glossaries: Sequence[Path],
) -> None:
    """Make an Anki deck of the articles' vocabulary (one note per word; re-import updates it)."""
    from .decks import make_deck

    summary = make_deck(
        list(inputs),
        output,
        fmt="tsv" if fmt == "tsv" else "apkg",
        deck_name=deck_name,
        max_items=max_items,
        production=production,
        cloze=cloze,
        glossaries=tuple(glossaries),
    )
    click.echo(f"{output}: {summary.notes} notes from {summary.articles} article(s)", err=True)
