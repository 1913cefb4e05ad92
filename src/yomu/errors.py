"""Errors that reach the user as one line, never as a traceback."""

from __future__ import annotations


class YomuError(Exception):
    """A problem with the user's input or environment, explained in one line.

    The CLI prints ``yomu: <message>`` and exits with status 1; library callers can
    catch it to tell bad input apart from bugs.
    """


class InputError(YomuError):
    """An input file that cannot be read as an article."""


class GlossaryError(YomuError):
    """A glossary file that is not valid; the message starts with ``file:line:``."""


class OutputError(YomuError):
    """An output that cannot be written."""
