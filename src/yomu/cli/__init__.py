"""The ``yomu`` command: parses options and calls the library, nothing more.

Every error the user can fix is a :class:`~yomu.errors.YomuError`, printed as one line
``yomu: …`` with exit status 1; no traceback reaches the terminal. The commands live by
group: ``reading`` (annotate, lookup), ``study`` (deck, vocab) and ``lists`` (glossary,
dict, known); ``common`` holds what they share.
"""

from __future__ import annotations

import signal
import sys

try:
    import click

    from .common import OneLineGroup
    from .lists import dict_group, glossary, known
    from .reading import annotate, lookup
    from .study import deck, vocab
except KeyboardInterrupt:  # Ctrl-C while yomu is still starting: no traceback either
    sys.stderr.write("yomu: interrupted; no output was left half-written\n")
    sys.exit(130)

__all__ = ["main"]


@click.group(cls=OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


for command in (annotate, lookup, glossary, dict_group, deck, vocab, known):
    main.add_command(command)
