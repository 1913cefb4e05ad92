"""Data files shipped inside the package: the reading-in-context model, the set
expressions and the news-senses table. Each is read by the one module that uses it."""

from __future__ import annotations

from importlib import resources


def read_text(name: str) -> str:
    """The text of the shipped data file ``name`` (works from a wheel or a checkout)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
