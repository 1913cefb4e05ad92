"""Peak memory of one very long article: ``yomu annotate BIG.txt -o BIG.json`` (and .html).

Run: ``python benchmarks/long_input.py --mb 100`` (each output some 10–20 minutes on
two cores). It writes the article into a temporary directory: the paragraphs below
(written for this benchmark, not taken from any news source) repeated to the size asked
for, each repetition numbered so that the text is not a single paragraph over and over.
The peak resident set size is GNU time's (``/usr/bin/time -v``), of a fresh process.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Original text for tests and benchmarks (tests/test_long_input.py uses it too).
PARAGRAPHS = (
    "山あいの町で路線バスの運行本数を増やす実験が始まった。",
    "町によると、平日の朝と夕方に駅と病院を結ぶ便を一時間に二本から三本に増やし、"
    "三か月間の利用者の数を調べる。",
    "高校に通う生徒や通院する高齢者から、待ち時間が長すぎるという声が多く寄せられていた。",
    "運転手の確保が課題で、バス会社は近隣の営業所から応援を受けるほか、"
    "短時間だけ働ける運転手の募集も始めた。",
    "町長は記者会見で「住民の足を守るため、結果を見て来年度の予算に反映させたい」と述べた。",
    "一方、専門家は、便を増やすだけでなく、乗り継ぎの案内を分かりやすくすることも大切だと指摘している。",
    "気象台によると、週末は寒気の影響で山沿いを中心に雪が降る見込みで、"
    "バス会社は運行情報をこまめに確認するよう呼びかけている。",
)
TITLE = "路線バス増便の実験始まる　山あいの町で三か月間"


def article_text(size_bytes: int) -> str:
    """The title, then the paragraphs repeated (numbered) until about ``size_bytes`` of UTF-8."""
    pieces = [TITLE, ""]
    size = len(TITLE.encode()) + 2
    n = 0
    while size < size_bytes:
        n += 1
        paragraph = f"第{n}回の調査では、" + PARAGRAPHS[n % len(PARAGRAPHS)]
        pieces += [paragraph, ""]
        size += len(paragraph.encode()) + 2
    return "\n".join(pieces)


def write_article(path: Path, size_bytes: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(article_text(size_bytes))


def peak_rss(args: list[str]) -> tuple[float, float]:
    """Peak RSS in MB and wall seconds of ``python -m yomu ARGS`` in a fresh process."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "yomu", *args],
        capture_output=True, text=True, check=True, env=os.environ,
    )  # fmt: skip
    wall = time.perf_counter() - start
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert match, result.stderr
    return int(match.group(1)) / 1024, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="size of the article in MB (10^6 bytes)")
    parser.add_argument("--format", choices=["json", "html", "both"], default="both")
    given = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        write_article(big, int(given.mb * 1_000_000))
        print(f"article: {big.stat().st_size / 1e6:.1f} MB", flush=True)
        for fmt in ("json", "html") if given.format == "both" else (given.format,):
            out = Path(tmp) / f"big.{fmt}"
            peak, wall = peak_rss(["annotate", str(big), "-o", str(out)])
            size = out.stat().st_size / 1e6
            print(f"{fmt}: peak RSS {peak:.0f} MB, {wall:.0f} s, output {size:.0f} MB", flush=True)
            out.unlink()


if __name__ == "__main__":
    main()
