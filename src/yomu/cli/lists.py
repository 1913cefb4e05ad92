"""``yomu glossary``, ``yomu dict`` and ``yomu known``: the lists yomu reads words from."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .. import api
from ..errors import YomuError
from .common import friendly_errors, glossary_option, no_cache_option, one_line


@click.group()
def glossary() -> None:
    """Work with glossary files.

    \b
    Example:
      yomu glossary check my-terms.toml
    """


@glossary.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@friendly_errors
def glossary_check(files: Sequence[Path]) -> None:
    """Validate glossary files; print every problem as file:line: message.

    \b
    Example:
      yomu glossary check my-terms.toml
    """
    problems = api.check_glossaries(list(files))
    for problem in problems:
        click.echo(one_line(problem))
    if problems:
        sys.exit(1)
    click.echo(f"{len(files)} glossary file(s) OK", err=True)


@glossary.command("suggest")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@glossary_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "tsv"]),
    default="toml",
    show_default=True,
    help="A glossary skeleton to fill in, or one candidate per line.",
)
@no_cache_option
@friendly_errors
def glossary_suggest(inputs: Sequence[str], glossaries: Sequence[Path], fmt: str, no_cache: bool) -> None:
    """List the compounds and names of the articles that have no gloss of their own.

    \b
    Example:
      yomu glossary suggest a.txt b.txt > my-terms.toml
    """
    text = api.suggest_glossary(list(inputs), glossaries=tuple(glossaries), fmt=fmt, use_cache=not no_cache)
    sys.stdout.write(text)


@click.group("dict")
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
@friendly_errors
def dict_import(files: Sequence[Path]) -> None:
    """Build yomu's lookup index from EDRDG files you downloaded; it wins over the bundled data.

    \b
    Example:
      yomu dict import JMdict_e.gz JMnedict.xml.gz
    """
    click.echo(api.import_dictionary(list(files)), err=True)


@dict_group.command("info")
@friendly_errors
def dict_info() -> None:
    """Show which dictionary files words, names and kanji come from, with dates and sizes.

    \b
    Example:
      yomu dict info
    """
    click.echo(api.dictionary_info_text(), nl=False)


@click.group()
def known() -> None:
    """Your personal list of known words (used by annotate, vocab and deck).

    \b
    Example:
      yomu known add 政府 署名
    """


@known.command("add")
@click.argument("words", nargs=-1, required=True, metavar="WORD...")
@friendly_errors
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
@friendly_errors
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
@friendly_errors
def known_remove(words: Sequence[str]) -> None:
    """Remove words from your list.

    \b
    Example:
      yomu known remove 政府
    """
    click.echo(api.known_remove(list(words)), err=True)


@known.command("list")
@friendly_errors
def known_list() -> None:
    """Print your list, one word per line.

    \b
    Example:
      yomu known list > known.txt
    """
    sys.stdout.write(api.known_list())
