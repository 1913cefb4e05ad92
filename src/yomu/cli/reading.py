"""``yomu annotate`` and ``yomu lookup``: reading an article, looking up a word."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .. import api
from ..learner.settings import LearnerSettings
from .common import friendly_errors, glossary_option, learner_options, no_cache_option, progress_bar


@click.command()
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
@glossary_option
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
@no_cache_option
@learner_options
@friendly_errors
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
    with progress_bar(len(inputs), quiet) as bar:
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


@click.command()
@click.argument("word")
@glossary_option
@friendly_errors
def lookup(word: str, glossaries: Sequence[Path]) -> None:
    """Show what yomu knows about WORD: glossary hits, dictionary entries and senses.

    \b
    Example:
      yomu lookup 首脳会談
    """
    click.echo(api.lookup_text(word, glossaries=tuple(glossaries)), nl=False)
