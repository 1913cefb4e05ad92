"""One ``Annotator`` shared by threads gives exactly what sequential runs give.

``pipeline.Annotator`` documents that it may be shared between threads. The threads
start together on a fresh annotator, so its lazy loading (Sudachi dictionary, JMdict
connection, glossaries) is raced too, and every document is compared with the one a
sequential run made, as JSON bytes.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from yomu.pipeline import Annotator, Options
from yomu.renderers.json import render_json

from .conftest import seed_paths

# Original sentences; each text differs so a mix-up between threads would show.
_TEXTS = [
    "米露首脳会談で和平案が話し合われた。\n停戦の条件について両国の外相が協議した。",
    "政府は2025年度の予算案を閣議決定した。防衛費は過去最大となった。",
    "鉱物協定に署名した両首脳は、安全の保証についても意見を交わした。",
    "円相場が1ドル＝150円台まで下落し、輸入物価の上昇が懸念されている。",
    "NATOの首脳会議はオランダで開かれ、加盟国は国防費の目標を引き上げた。",
    "ゼレンスキー大統領は「公正な平和」を求め、欧州の支援に感謝した。",
    "日銀は政策金利を0.5％に引き上げると発表した。20歳の学生も注目している。",
    "国連安全保障理事会は、人道支援の拡大を求める決議案を採択した。",
]


def _texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths()]
    return _TEXTS + seeds


def test_a_shared_annotator_gives_the_sequential_results() -> None:
    texts = _texts()
    sequential = Annotator(Options())
    expected = [render_json(sequential.annotate(t, source=f"t{n}")) for n, t in enumerate(texts)]
    for _ in range(2):
        shared = Annotator(Options())
        start = threading.Barrier(8)

        def run(n: int, shared: Annotator = shared, start: threading.Barrier = start) -> str:
            if n < 8:
                start.wait(timeout=60)
            return render_json(shared.annotate(texts[n], source=f"t{n}"))

        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(run, range(len(texts))))
        assert got == expected


def test_one_text_in_many_threads_at_once() -> None:
    shared = Annotator(Options())
    text = _TEXTS[0] * 20
    start = threading.Barrier(6)

    def run(_: int) -> str:
        start.wait(timeout=60)
        return render_json(shared.annotate(text))

    with ThreadPoolExecutor(max_workers=6) as pool:
        got = set(pool.map(run, range(6)))
    assert got == {render_json(Annotator(Options()).annotate(text))}
