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
    from .learner import LearnerSettings
    from .model import LEVELS
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


_no_cache_option = click.option(
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


def _learner_options(command: F) -> F:
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
    """yomu: read real Japanese news with readings, furigana and English glosses.

    \b
    Example:
      yomu annotate article.txt -o article.html

    Shell completion for bash, zsh and fish: see docs/cli.md.
    """
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
@_no_cache_option
@_learner_options
@_friendly_errors
def annotate(
    inputs: Sequence[str],
    fmt: str | None,
    output: Path | None,
    glossaries: Sequence[Path],
    show_clutter: bool,
    keep_clutter: bool,
    no_vocabulary: bool,
    jobs: int,
    quiet: bool,
    vertical: bool,
    no_cache: bool,
    learner: LearnerSettings,
) -> None:
    """Annotate articles (text or HTML files, web addresses; - reads stdin).

    \b
    Example:
      yomu annotate article.txt -o article.html
    """
    with _progress_bar(len(inputs), quiet) as bar:
        result = api.annotate_files(
            list(inputs),
            fmt=fmt,
            output=output,
            glossaries=tuple(glossaries),
            keep_clutter=keep_clutter,
            vocabulary=not no_vocabulary,
            jobs=jobs,
            progress=bar.update if bar else None,
            vertical=vertical,
            learner=learner,
            use_cache=not no_cache,
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
    """Show what yomu knows about WORD: glossary hits, dictionary entries and senses.

    \b
    Example:
      yomu lookup 首脳会談
    """
    click.echo(api.lookup_text(word, glossaries=tuple(glossaries)), nl=False)


@main.group()
def glossary() -> None:
    """Work with glossary files.

    \b
    Example:
      yomu glossary check my-terms.toml
    """


@glossary.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@_friendly_errors
def glossary_check(files: Sequence[Path]) -> None:
    """Validate glossary files; print every problem as file:line: message.

    \b
    Example:
      yomu glossary check my-terms.toml
    """
    problems = api.check_glossaries(list(files))
    for problem in problems:
        click.echo(_one_line(problem))
    if problems:
        sys.exit(1)
    click.echo(f"{len(files)} glossary file(s) OK", err=True)


@glossary.command("suggest")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@_glossary_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "tsv"]),
    default="toml",
    show_default=True,
    help="A glossary skeleton to fill in, or one candidate per line.",
)
@_no_cache_option
@_friendly_errors
def glossary_suggest(inputs: Sequence[str], glossaries: Sequence[Path], fmt: str, no_cache: bool) -> None:
    """List the compounds and names of the articles that have no gloss of their own.

    \b
    Example:
      yomu glossary suggest a.txt b.txt > my-terms.toml
    """
    text = api.suggest_glossary(list(inputs), glossaries=tuple(glossaries), fmt=fmt, use_cache=not no_cache)
    sys.stdout.write(text)


@main.group("dict")
def dict_group() -> None:
    """Dictionary data: import newer JMdict/JMnedict files, show which are in use.

    \b
    Example:
      yomu dict info
    """


@dict_group.command("import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="JMDICT_E.GZ [JMNEDICT.XML.GZ]"
)
@_friendly_errors
def dict_import(files: Sequence[Path]) -> None:
    """Build yomu's lookup index from EDRDG files you downloaded; it wins over the bundled data.

    \b
    Example:
      yomu dict import JMdict_e.gz JMnedict.xml.gz
    """
    click.echo(api.import_dictionary(list(files)), err=True)


@dict_group.command("info")
@_friendly_errors
def dict_info() -> None:
    """Show which dictionary files words, names and kanji come from, with dates and sizes.

    \b
    Example:
      yomu dict info
    """
    click.echo(api.dictionary_info_text(), nl=False)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The deck file to write."
)
@click.option("--deck-name", default="yomu", show_default=True, help="Anki deck name (also fixes its id).")
@click.option(
    "--max",
    "max_items",
    type=click.IntRange(min=1),
    default=None,
    help="Keep the N most important items (occurrences × rarity).",
)
@click.option("--production", is_flag=True, help="Also make meaning → word cards.")
@click.option("--cloze", is_flag=True, help="Also make sentence cloze cards.")
@click.option(
    "--cloze-hint",
    type=click.Choice(["reading", "gloss"]),
    default=None,
    help="What a cloze card shows where the word is hidden [default: reading].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["apkg", "tsv"]),
    default=None,
    help="An Anki package, or tab-separated notes for Anki's text import "
    "[default: from the -o suffix, else apkg].",
)
@click.option(
    "--collection",
    type=click.Path(path_type=Path),
    default=None,
    help="Your Anki collection (collection.anki2): fields you edited there keep your text "
    "in the new deck; read-only [default: --known-anki, else known_anki from the config].",
)
@click.option(
    "--choices",
    type=click.Path(path_type=Path),
    default=None,
    help="The study list a reader page exports (yomu-study.tsv): the meaning you picked "
    "for a word there is its card's primary definition.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Annotate and merge on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
    "inputs may then be fsspec URLs and globs (s3://bucket/news/*.txt). See docs/scale.md.",
)
@_glossary_option
@_no_cache_option
@_learner_options
@_friendly_errors
def deck(
    inputs: Sequence[str],
    output: Path,
    deck_name: str,
    max_items: int | None,
    production: bool,
    cloze: bool,
    cloze_hint: str | None,
    fmt: str | None,
    collection: Path | None,
    choices: Path | None,
    scheduler: str | None,
    glossaries: Sequence[Path],
    no_cache: bool,
    learner: LearnerSettings,
) -> None:
    """Make an Anki deck of the articles' vocabulary (one note per word; re-import updates it).

    \b
    Example:
      yomu deck a.txt b.txt --level N3 -o news.apkg
    """
    from .decks import make_deck

    summary = make_deck(
        list(inputs),
        output,
        fmt="tsv" if fmt == "tsv" else "apkg" if fmt == "apkg" else None,
        deck_name=deck_name,
        max_items=max_items,
        production=production,
        cloze=cloze,
        glossaries=tuple(glossaries),
        learner=learner,
        use_cache=not no_cache,
        collection=collection,
        cloze_hint="gloss" if cloze_hint == "gloss" else "reading" if cloze_hint == "reading" else None,
        choices=choices,
        scheduler=scheduler,
    )
    kept = ""
    if summary.kept_notes:
        kept = f"; kept your edits to {summary.kept_fields} field(s) of {summary.kept_notes} note(s)"
    if summary.chosen_notes:
        kept += f"; your meaning on {summary.chosen_notes} note(s)"
    click.echo(f"{output}: {summary.notes} notes from {summary.articles} article(s){kept}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "tsv", "json"]),
    default="table",
    show_default=True,
    help="A table to read, or TSV/JSON for scripts.",
)
@click.option("--summary", is_flag=True, help="Coverage per article instead of the word list.")
@click.option("--all", "include_known", is_flag=True, help="List the words you know too.")
@click.option("--max", "max_items", type=click.IntRange(min=1), default=None, help="The N most important.")
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Annotate and merge on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
    "inputs may then be fsspec URLs and globs (s3://bucket/news/*.txt). See docs/scale.md.",
)
@_glossary_option
@_no_cache_option
@_learner_options
@_friendly_errors
def vocab(
    inputs: Sequence[str],
    fmt: str,
    summary: bool,
    include_known: bool,
    max_items: int | None,
    jobs: int,
    quiet: bool,
    scheduler: str | None,
    glossaries: Sequence[Path],
    no_cache: bool,
    learner: LearnerSettings,
) -> None:
    """The words to learn before reading: term, reading, gloss, count, rank, source.

    \b
    Example:
      yomu vocab article.txt --level N3
    """
    with _progress_bar(len(inputs), quiet or scheduler is not None) as bar:
        text = api.vocab_text(
            list(inputs),
            fmt=fmt,
            learner=learner,
            glossaries=tuple(glossaries),
            include_known=include_known,
            summary=summary,
            max_items=max_items,
            jobs=jobs,
            progress=bar.update if bar else None,
            use_cache=not no_cache,
            scheduler=scheduler,
        )
    sys.stdout.write(text)


@main.group()
def known() -> None:
    """Your personal list of known words (used by annotate, vocab and deck).

    \b
    Example:
      yomu known add 政府 署名
    """


@known.command("add")
@click.argument("words", nargs=-1, required=True, metavar="WORD...")
@_friendly_errors
def known_add(words: Sequence[str]) -> None:
    """Add words you know.

    \b
    Example:
      yomu known add 政府 署名
    """
    click.echo(api.known_add(list(words)), err=True)


@known.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--known-column",
    "column",
    default=None,
    metavar="COL",
    help="For tables: the word column, by number (1 = first) or header name.",
)
# The option's first name, kept for the scripts that use it; --known-column is the name
# the other commands know it by.
@click.option("--column", "old_column", default=None, hidden=True)
@_friendly_errors
def known_import(file: Path, column: str | None, old_column: str | None) -> None:
    """Add the words of a file (a word list, TSV/CSV, or an Anki plain-text export).

    \b
    Example:
      yomu known import words.tsv --known-column 2
    """
    if column is not None and old_column is not None and column != old_column:
        raise YomuError("--known-column and --column are one option; give it once")
    click.echo(api.known_import(file, column=column or old_column), err=True)


@known.command("remove")
@click.argument("words", nargs=-1, required=True, metavar="WORD...")
@_friendly_errors
def known_remove(words: Sequence[str]) -> None:
    """Remove words from your list.

    \b
    Example:
      yomu known remove 政府
    """
    click.echo(api.known_remove(list(words)), err=True)


@known.command("list")
@_friendly_errors
def known_list() -> None:
    """Print your list, one word per line.

    \b
    Example:
      yomu known list > known.txt
    """
    sys.stdout.write(api.known_list())
