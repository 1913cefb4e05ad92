"""``yomu deck`` and ``yomu vocab``: what to study from the articles."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .. import api
from ..learner.settings import LearnerSettings
from .common import friendly_errors, glossary_option, learner_options, no_cache_option, progress_bar

scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Annotate and merge on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
    "inputs may then be fsspec URLs and globs (s3://bucket/news/*.txt). See docs/scale.md.",
)


@click.command()
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
    help="Keep the N most important words (occurrences × rarity); names are ranked apart.",
)
@click.option(
    "--max-names",
    type=click.IntRange(min=0),
    default=None,
    help="Keep the N most important people and places [default: as --max].",
)
@click.option(
    "--names/--no-names",
    default=True,
    show_default=True,
    help="Make cards for people, places, organisations and events too.",
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
@scheduler_option
@glossary_option
@no_cache_option
@learner_options
@friendly_errors
def deck(
    inputs: Sequence[str],
    output: Path,
    deck_name: str,
    max_items: int | None,
    max_names: int | None,
    names: bool,
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
    from ..decks import make_deck

    summary = make_deck(
        list(inputs),
        output,
        fmt="tsv" if fmt == "tsv" else "apkg" if fmt == "apkg" else None,
        deck_name=deck_name,
        max_items=max_items,
        max_names=max_names,
        names=names,
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
    # Appended, not inserted: scripts may match the line's start.
    named = f"; {summary.name_notes} of people and places" if summary.name_notes else ""
    click.echo(f"{output}: {summary.notes} notes from {summary.articles} article(s){named}{kept}", err=True)


@click.command()
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
@click.option(
    "--max", "max_items", type=click.IntRange(min=1), default=None, help="The N most important words."
)
@click.option(
    "--max-names",
    type=click.IntRange(min=0),
    default=None,
    help="The N most important people and places, listed after the words [default: as --max].",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@scheduler_option
@glossary_option
@no_cache_option
@learner_options
@friendly_errors
def vocab(
    inputs: Sequence[str],
    fmt: str,
    summary: bool,
    include_known: bool,
    max_items: int | None,
    max_names: int | None,
    jobs: int,
    quiet: bool,
    scheduler: str | None,
    glossaries: Sequence[Path],
    no_cache: bool,
    learner: LearnerSettings,
) -> None:
    """The words to learn before reading: term, reading, gloss, count, rank, source;
    then the people and places the articles name, ranked apart.

    \b
    Example:
      yomu vocab article.txt --level N3
    """
    with progress_bar(len(inputs), quiet or scheduler is not None) as bar:
        text = api.vocab_text(
            list(inputs),
            fmt=fmt,
            learner=learner,
            glossaries=tuple(glossaries),
            include_known=include_known,
            summary=summary,
            max_items=max_items,
            max_names=max_names,
            jobs=jobs,
            progress=bar.update if bar else None,
            use_cache=not no_cache,
            scheduler=scheduler,
        )
    sys.stdout.write(text)
