"""What every ``yomu`` command shares: one-line errors, the common options, the progress bar."""

from __future__ import annotations

import os
import re
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import YomuError
from ..learner.settings import LearnerSettings
from ..model import LEVELS

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except YomuError as exc:
            fail(str(exc), 1)
        except KeyboardInterrupt:
            fail("interrupted; no output was left half-written", 130)
        except BrokenPipeError:
            # `yomu … | head`: the reader left; that is not an error worth a message.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # a bug: say so in one line, keep the traceback on request
            if os.environ.get("YOMU_DEBUG"):
                traceback.print_exc()
            fail(
                f"internal error: {type(exc).__name__}: {exc} (set YOMU_DEBUG=1 for details; please report)",
                2,
            )

    return wrapper  # type: ignore[return-value]


def fail(message: str, status: int) -> None:
    click.echo(f"yomu: {one_line(message)}", err=True)
    sys.exit(status)


def one_line(text: str) -> str:
    """``text`` on one line, with control and format characters shown as escapes.

    Messages quote file names and glossary terms; an escape sequence in one of them
    must not reach the terminal (it could hide the message or rewrite the screen).
    """
    return "".join(
        c if unicodedata.category(c)[0] != "C" else c.encode("unicode_escape").decode("ascii")
        for c in " ".join(text.split())
    )


glossary_option = click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="An extra glossary TOML file (repeatable); it wins over the shipped ones and the config file's.",
)


no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Fetch web addresses again instead of reading the cached copy (which is then refreshed).",
)


_LEARNER_KEYS = (
    "level",
    "known_files",
    "known_column",
    "known_anki",
    "known_anki_query",
    "known_anki_field",
    "no_known_list",
)


def _level(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None or value.strip().upper() in LEVELS:
        return value.strip().upper() if value else None
    raise click.BadParameter(f"{value!r}: give one of {', '.join(LEVELS)}")


def learner_options(command: F) -> F:
    """The learner's options, shared by annotate, vocab and deck; the command gets
    ``learner``, a :class:`~yomu.learner.LearnerSettings`."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {key: kwargs.pop(key) for key in _LEARNER_KEYS}
        kwargs["learner"] = LearnerSettings(
            level=given["level"],
            known_files=tuple(given["known_files"]),
            known_column=given["known_column"],
            known_anki=given["known_anki"],
            known_anki_query=given["known_anki_query"],
            known_anki_field=given["known_anki_field"],
            use_personal_list=not given["no_known_list"],
        )
        return command(*args, **kwargs)

    options = [
        click.option(
            "--level",
            default=None,
            metavar="N5…N1",
            callback=_level,
            help="Your JLPT level: words estimated at or below it count as known.",
        ),
        click.option(
            "--known",
            "known_files",
            multiple=True,
            type=click.Path(path_type=Path),
            help="A list of words you know (one per line, TSV/CSV, or Anki's Notes in Plain Text export).",
        ),
        click.option(
            "--known-column",
            default=None,
            metavar="COL",
            help="For --known tables: the column with the word, by number (1 = first) or header name.",
        ),
        click.option(
            "--known-anki",
            type=click.Path(path_type=Path),
            default=None,
            help="An Anki collection (collection.anki2) whose studied notes count as known; read-only.",
        ),
        click.option(
            "--known-anki-query",
            default=None,
            metavar="QUERY",
            help='Anki search for --known-anki [default: "-is:new"], e.g. "deck:Japanese prop:ivl>=21".',
        ),
        click.option(
            "--known-anki-field",
            default=None,
            metavar="FIELD",
            help="The note field holding the word [default: Word, Expression, … or the first field].",
        ),
        click.option(
            "--no-known-list", is_flag=True, help="Leave out your personal list (yomu known add/import)."
        ),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


_NoArgsIsHelp: type[click.UsageError] = getattr(click.exceptions, "NoArgsIsHelpError", click.UsageError)


class OneLineGroup(click.Group):
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
            fail(f"{message[:1].lower()}{message[1:]}; see {command_path(exc.ctx)} --help", 2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:  # Ctrl-C before a command started
            fail("interrupted; no output was left half-written", 130)
        sys.exit(status if isinstance(status, int) else 0)


def command_path(ctx: click.Context | None) -> str:
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["yomu", *names])


@contextmanager
def progress_bar(total: int, quiet: bool) -> Iterator[Any]:
    """A bar on stderr for several files on a terminal; nothing in pipes, CI or --quiet."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="annotating", file=sys.stderr) as bar:
        yield bar
