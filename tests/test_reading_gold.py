"""Readings in context against the ITA corpus human ruby in ../shared/data (skipped when absent)."""

from __future__ import annotations

import pytest

from .conftest import DATA

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


def test_ita_ruby_groups_are_read_right_in_context() -> None:
    import ita_context

    result = ita_context.run(DATA)
    assert result.groups == 1551
    assert result.group_accuracy >= 0.97, result.misses[:20]
