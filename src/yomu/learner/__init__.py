"""The learner: what counts as known (a JLPT level, known-word lists, Anki), each item's
frequency and level, the ranking of what to learn, and vocabulary merged across articles.

The settings the commands take live in :mod:`yomu.learner.settings`; their names stay
importable from here, as when this was one module.
"""

from .settings import Learner, LearnerSettings, learner_for, parse_level, select

__all__ = ["Learner", "LearnerSettings", "learner_for", "parse_level", "select"]
