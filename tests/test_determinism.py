"""Same input and options, same bytes: JSON, HTML and Anki decks of the five seed articles.

Each seed is annotated by a fresh ``Annotator`` twice in this process and once in each of
two fresh processes with different hash seeds (so nothing may depend on set or dict
iteration order of strings), and every output is compared byte for byte. Skipped when
../shared/seeds is absent; none of the seeds' text is stored here.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from yomu.decks import write_deck
from yomu.pipeline import Annotator
from yomu.renderers.html import render_html
from yomu.renderers.json import render_json

from .conftest import REPO, seed_paths

pytestmark = pytest.mark.skipif(not seed_paths(), reason="../shared/seeds is absent")

STAMP = 1_764_547_200.0  # 2025-12-01 00:00 UTC: decks are stamped, so the stamp is fixed

# Run in a fresh interpreter: annotate every seed, print a digest of each output and the
# deck's note GUIDs.
_SCRIPT = """
import hashlib, json, sqlite3, sys, tempfile, zipfile
from pathlib import Path
from yomu.decks import write_deck
from yomu.pipeline import Annotator
from yomu.renderers.html import render_html
from yomu.renderers.json import render_json

def digest(data):
    return hashlib.sha256(data).hexdigest()

annotator = Annotator()
docs = [annotator.annotate_file(p) for p in sys.argv[1:]]
out = {"json": [digest(render_json(d).encode()) for d in docs],
       "html": [digest(render_html(d).encode()) for d in docs]}
with tempfile.TemporaryDirectory() as tmp:
    deck = Path(tmp) / "deck.apkg"
    write_deck(docs, deck, timestamp=%r, cloze=True)
    out["apkg"] = digest(deck.read_bytes())
    with zipfile.ZipFile(deck) as package:
        (Path(tmp) / "c.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(Path(tmp) / "c.anki2") as db:
        out["guids"] = [row[0] for row in db.execute("select guid from notes order by id")]
print(json.dumps(out))
"""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _guids(deck: Path, tmp: Path) -> list[str]:
    with zipfile.ZipFile(deck) as package:
        (tmp / "c.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp / "c.anki2") as db:
        return [row[0] for row in db.execute("select guid from notes order by id")]


def _outputs(tmp: Path) -> dict[str, object]:
    docs = [Annotator().annotate_file(str(p)) for p in seed_paths()]
    deck = tmp / "deck.apkg"
    write_deck(docs, deck, timestamp=STAMP, cloze=True)
    return {
        "json": [_digest(render_json(d).encode()) for d in docs],
        "html": [_digest(render_html(d).encode()) for d in docs],
        "apkg": _digest(deck.read_bytes()),
        "guids": _guids(deck, tmp),
    }


def _in_fresh_process(hash_seed: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT % STAMP, *map(str, seed_paths())],
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


def test_seeds_give_byte_identical_outputs_in_and_across_processes(tmp_path: Path) -> None:
    first = _outputs(tmp_path)
    assert len(first["json"]) == len(first["html"]) == len(seed_paths()) == 5  # type: ignore[arg-type]
    assert len(first["guids"]) > 300  # type: ignore[arg-type]
    assert _outputs(tmp_path) == first
    assert _in_fresh_process("1") == first
    assert _in_fresh_process("2") == first
