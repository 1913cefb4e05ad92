"""Sense accuracy on the labelled set (benchmarks/senses_gold.tsv): the primary gloss of
a word is the sense its sentence means. Seed rows are read from ../shared and skipped
when it is absent; the floors are what the set measures today, per part, so a change
that loses senses fails here (see docs/vocabulary.md, "Choosing the sense")."""

from __future__ import annotations

import pytest

import senses_accuracy
from yomu.pipeline import Annotator

from .conftest import SEEDS, seed_paths

# Right / scored per part, with the seeds and without them (own sentences only).
FLOORS_WITH_SEEDS = {"tuning": 0.985, "held_out": 0.92, "held_out_2": 0.935, "held_out_3": 0.955}
FLOORS_OWN_ONLY = {"tuning": 0.98, "held_out": 0.85, "held_out_2": 0.935, "held_out_3": 0.955}


@pytest.fixture(scope="module")
def results() -> list[senses_accuracy.Result]:
    return senses_accuracy.evaluate(senses_accuracy.read_gold(), Annotator(), seeds=SEEDS)


@pytest.fixture(scope="module")
def own(results: list[senses_accuracy.Result]) -> list[senses_accuracy.Result]:
    # Own sentences are annotated alone, so their results are the same with or without seeds.
    return [r for r in results if r.row.origin == "own"]


def test_the_set_is_large_and_well_formed() -> None:
    rows = senses_accuracy.read_gold()
    assert len(rows) >= 300
    assert len({r.id for r in rows}) == len(rows)
    assert {r.kind for r in rows} == set(senses_accuracy.KINDS)
    assert {r.split for r in rows} == set(senses_accuracy.SPLITS)
    for row in rows:
        assert row.keys, row.id
        if row.origin != "own":
            # Seed articles are third-party text: only an offset is stored, never the text.
            assert row.origin.startswith("seed:") and row.sentence.startswith("@"), row.id
            assert row.sentence[1:].isdigit(), row.id
    assert sum(r.split == "held_out" for r in rows) >= 100


@pytest.mark.parametrize("split", senses_accuracy.SPLITS)
def test_accuracy_per_part(results: list[senses_accuracy.Result], split: str) -> None:
    if not seed_paths():
        pytest.skip("../shared/seeds is absent")
    right, total = senses_accuracy.accuracy(r for r in results if r.row.split == split)
    assert total
    assert right / total >= FLOORS_WITH_SEEDS[split], senses_accuracy.report(results)


@pytest.mark.parametrize("split", senses_accuracy.SPLITS)
def test_accuracy_per_part_of_own_sentences(own: list[senses_accuracy.Result], split: str) -> None:
    right, total = senses_accuracy.accuracy(r for r in own if r.row.split == split)
    assert total
    assert right / total >= FLOORS_OWN_ONLY[split], senses_accuracy.report(own)


def test_seed_rows_are_skipped_without_the_seeds() -> None:
    rows = [r for r in senses_accuracy.read_gold() if r.origin != "own"][:3]
    assert senses_accuracy.evaluate(rows, Annotator(), seeds=SEEDS / "absent") == []
