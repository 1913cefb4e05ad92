"""Old module paths (``yomu.tokenizer``, now ``yomu.words.tokenizer``) that still import
for one release, with a DeprecationWarning: docs/architecture.md has the layout.

A finder on ``sys.meta_path`` answers for the old names only, with the module itself
(not a copy), so its names, and any test's patches of them, are the new module's.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

OLD_PATHS: dict[str, str] = {
    "yomu.article": "yomu.text.article",
    "yomu.corpus": "yomu.learner.corpus",
    "yomu.dict_entries": "yomu.meaning.dict_entries",
    "yomu.dictionary": "yomu.meaning.dictionary",
    "yomu.dictionary_import": "yomu.meaning.dictionary_import",
    "yomu.dictionary_xml": "yomu.meaning.dictionary_xml",
    "yomu.expressions": "yomu.meaning.expressions",
    "yomu.fetch": "yomu.text.fetch",
    "yomu.furigana": "yomu.words.furigana",
    "yomu.glossary": "yomu.meaning.glossary",
    "yomu.glossary_file": "yomu.meaning.glossary_file",
    "yomu.glossary_index": "yomu.meaning.glossary_index",
    "yomu.grammar": "yomu.meaning.grammar",
    "yomu.inflection": "yomu.words.inflection",
    "yomu.kana": "yomu.words.kana",
    "yomu.known": "yomu.learner.known",
    "yomu.levels": "yomu.learner.levels",
    "yomu.lexicon": "yomu.meaning.lexicon",
    "yomu.long_input": "yomu.text.long_input",
    "yomu.lookup": "yomu.meaning.lookup",
    "yomu.names": "yomu.meaning.names",
    "yomu.news_senses": "yomu.meaning.news_senses",
    "yomu.numbers": "yomu.words.numbers",
    "yomu.ranking": "yomu.learner.ranking",
    "yomu.reading_context": "yomu.words.reading_context",
    "yomu.readings": "yomu.words.readings",
    "yomu.segmenting": "yomu.meaning.segmenting",
    "yomu.senses": "yomu.meaning.senses",
    "yomu.sentences": "yomu.text.sentences",
    "yomu.source": "yomu.text.source",
    "yomu.suggest": "yomu.meaning.suggest",
    "yomu.tokenizer": "yomu.words.tokenizer",
    "yomu.vocabulary": "yomu.meaning.vocabulary",
    "yomu.word_classes": "yomu.meaning.word_classes",
    "yomu.word_glosses": "yomu.meaning.word_glosses",
}
"""Each old module path and where the module lives now."""


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in OLD_PATHS:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = OLD_PATHS[spec.name]
        warnings.warn(f"{spec.name} moved to {new}; import it from there", DeprecationWarning, stacklevel=2)
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        pass  # the new module has run already


def install() -> None:
    """Answer for the old paths (once per process)."""
    if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModules())
