"""Furigana splits against the external gold sets in ../shared/data (skipped when absent)."""

from __future__ import annotations

import pytest

from .conftest import DATA

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


def test_each_gold_set_reaches_99_percent() -> None:
    import furigana_gold

    results = {r.name: r for r in furigana_gold.run(DATA)}
    assert set(results) == {"yomitan_distribute_furigana", "ichiran_match_readings", "jmdictfurigana_cases"}
    for result in results.values():
        assert result.applicable > 0
        assert result.accuracy >= 0.99, (result.name, result.failures[:10])
    # Nothing dropped silently: every excluded row is counted with a reason.
    assert sum(results["yomitan_distribute_furigana"].excluded.values()) == 7


def test_ita_ruby_groups_are_read_right_in_context() -> None:
    import ita_context

    result = ita_context.run(DATA)
    assert result.groups == 1551
    assert result.group_accuracy >= 0.97, result.misses[:20]
