"""Selection: which vocabulary items this learner is taken to know.

The last stage before the renderers. An item is known when the learner's known-word
lists hold its written form, or when the learner gave a level and the item's estimated
level (``yomu.learner.levels``) is at or below it. Items with no level — names, composed
compounds, glossary terms no dictionary ranks, rare words — are known only through a
list. Downstream, the HTML page marks and glosses only unknown items, ``yomu deck``
exports only unknown items and ``yomu vocab`` lists them.

:class:`LearnerSettings` gathers a learner from options and the config file: the level
(an option wins over the file), known-word files (the file's and the options'), an Anki
collection, and the personal list kept by ``yomu known``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import UserConfig, load_config
from ..errors import YomuError
from ..model import LEVELS, Level, VocabItem


@dataclass(frozen=True)
class Learner:
    level: Level | None = None
    """Items at or below this level count as known; ``None``: no level given."""
    known_words: frozenset[str] = frozenset()
    """Written forms the learner knows (lemmas for inflected words: 話し合う)."""

    @property
    def active(self) -> bool:
        """Whether any setting was given; without one every item is new."""
        return self.level is not None or bool(self.known_words)

    def knows(self, item: VocabItem) -> bool:
        if item.text in self.known_words:
            return True
        if self.level is None or item.level is None:
            return False
        return LEVELS.index(item.level) <= LEVELS.index(self.level)


def select(items: Sequence[VocabItem], learner: Learner) -> tuple[VocabItem, ...]:
    """``items`` with ``known`` set for this learner."""
    if not learner.active:
        return tuple(items)
    return tuple(replace(item, known=learner.knows(item)) for item in items)


def parse_level(value: str) -> Level:
    level = value.strip().upper()
    for known in LEVELS:
        if level == known:
            return known
    raise YomuError(f"level {value!r}: give one of {', '.join(LEVELS)}")


@dataclass(frozen=True)
class LearnerSettings:
    """What the user asked for, before any file is read: the CLI's learner options.

    :meth:`resolve` reads the files. Options win over the config file: ``level`` replaces
    the file's level, ``known_files`` come on top of the file's lists, and the personal
    list (``yomu known``) is always added unless ``use_personal_list`` is false.
    """

    level: str | None = None
    known_files: tuple[Path, ...] = ()
    known_column: str | None = None
    known_anki: Path | None = None
    known_anki_query: str | None = None
    known_anki_field: str | None = None
    use_personal_list: bool = True
    use_config: bool = True

    def resolve(self, config: UserConfig | None = None) -> Learner:
        from . import known

        if config is None:
            config = load_config() if self.use_config else UserConfig()
        self._check_needed(config)
        chosen_level = self.level or config.level
        words: set[str] = set()
        for path in (*config.known, *self.known_files):
            words |= known.read_known_file(Path(path), column=self.known_column)
        anki = self.known_anki or config.known_anki
        if anki is not None:
            query = self.known_anki_query or known.DEFAULT_ANKI_QUERY
            words |= known.read_known_anki(Path(anki), query=query, field=self.known_anki_field)
        if self.use_personal_list:
            words |= known.personal_words()
        level = parse_level(chosen_level) if chosen_level else None
        return Learner(level=level, known_words=frozenset(words))

    def _check_needed(self, config: UserConfig) -> None:
        """Options that only make sense beside another one: silently ignoring them would
        leave the user believing they took effect."""
        if self.known_column is not None and not (self.known_files or config.known):
            raise YomuError("--known-column needs --known: it picks the word column of a --known table")
        if not (self.known_anki or config.known_anki):
            for option, value in (
                ("--known-anki-query", self.known_anki_query),
                ("--known-anki-field", self.known_anki_field),
            ):
                if value is not None:
                    raise YomuError(f"{option} needs --known-anki: it applies to that Anki collection")


def learner_for(settings: LearnerSettings | None) -> Learner:
    """The learner ``settings`` describe; no settings, no learner (every item is new)."""
    return settings.resolve() if settings is not None else Learner()
