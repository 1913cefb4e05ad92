from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
EXAMPLES = REPO / "examples"

# A dictionary index the user imported (`yomu dict import`) must not change what the
# tests see, in this process or in the CLI subprocesses that inherit the environment.
os.environ["YOMU_DATA_DIR"] = str(REPO / "tests" / "no-data-dir")


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is absent")
    return paths


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The user's own config file and personal known-word list must not change what tests see."""
    monkeypatch.setenv("YOMU_CONFIG", str(REPO / "tests" / "no-config.toml"))
    monkeypatch.setenv("YOMU_DATA_DIR", str(REPO / "tests" / "no-data-dir"))
