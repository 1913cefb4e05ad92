"""Articles from a web address, against a real HTTP server on 127.0.0.1 started here.

No request leaves the machine: the server is ``http.server`` in a thread on an ephemeral
port, serving pages written below and the failures a real site can produce (a slow
answer, 404, a 50 MB body, binary data served as text/html, a redirect loop …).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import yomu
from yomu.text.fetch import FetchOptions, cache_dir, is_url, read_url, url_stem

from .conftest import REPO

TITLE = "首脳会談が開かれた"
PAGE = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{TITLE} | テスト新聞</title></head>
<body>
<nav><ul><li><a href="/">ホーム</a></li><li><a href="/politics">政治</a></li></ul></nav>
<main><article>
<h1>{TITLE}</h1>
<p>日本と米国は首脳会談で鉱物協定について話し合った。</p>
<p>停戦の条件も議題になった。両国の外相も会談に同席した。</p>
</article></main>
<footer><p>Copyright テスト新聞</p></footer>
</body></html>
"""
SCRIPTS_ONLY = "<!DOCTYPE html><html><head><script>a()</script></head><body><script>b()</script></body>"
MB = 1024 * 1024


class _Site(BaseHTTPRequestHandler):
    """The routes; every request is recorded with its User-Agent."""

    requests: list[tuple[str, str]]

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        name = re.sub(r"[^a-z0-9]", "_", self.path.strip("/").split("?")[0])
        route = getattr(self, "route_" + name, None)
        if route is None:
            self._send(404, b"<html><body><p>Not here</p></body></html>", "text/html")
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # yomu hung up, as it should
            route()

    def _send(self, status: int, body: bytes, content_type: str, *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_article_html(self) -> None:
        self._send(200, PAGE.encode(), "text/html; charset=utf-8")

    def route_news_2025_summit(self) -> None:
        self._send(200, PAGE.encode(), "text/html; charset=utf-8")

    def route_sjis_html(self) -> None:
        page = PAGE.replace('charset="utf-8"', 'charset="shift_jis"').encode("shift_jis")
        self._send(200, page, "text/html; charset=Shift_JIS")

    def route_moved(self) -> None:
        self.send_response(301)
        self.send_header("Location", "/article.html")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_loop(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_gone(self) -> None:
        self._send(410, b"gone", "text/plain")

    def route_error(self) -> None:
        self._send(500, b"oops", "text/plain")

    def route_slow(self) -> None:
        time.sleep(4)
        self._send(200, PAGE.encode(), "text/html; charset=utf-8")

    def route_drip(self) -> None:
        # Headers at once, then a byte now and then: each read is within the timeout,
        # the whole download never is.
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        for byte in PAGE.encode() * 10:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.2)

    def route_big(self) -> None:
        self._send(200, b"<p>" + b"a" * (50 * MB) + b"</p>", "text/html")

    def route_big_unannounced(self) -> None:
        # No Content-Length: the limit must be counted while the body streams in.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = "<p>首脳会談が開かれた。</p>\n".encode() * 4096
        for _ in range(50 * MB // len(chunk) + 1):
            self.wfile.write(chunk)

    def route_binary(self) -> None:
        self._send(200, bytes(range(256)) * 64, "text/html")

    def route_image_png(self) -> None:
        self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")

    def route_scripts_only(self) -> None:
        self._send(200, SCRIPTS_ONLY.encode(), "text/html; charset=utf-8")

    def route_empty(self) -> None:
        self._send(200, b"", "text/html")


class Site:
    def __init__(self, server: ThreadingHTTPServer, requests: list[tuple[str, str]]) -> None:
        self.server = server
        self.requests = requests

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    requests: list[tuple[str, str]] = []
    handler = type("Handler", (_Site,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(server, requests)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("YOMU_CACHE_DIR", str(cache))
    return cache


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return {
        **env,
        "PYTHONPATH": str(REPO / "src"),
        "YOMU_CONFIG": str(REPO / "tests" / "no-config.toml"),
        "YOMU_DATA_DIR": str(REPO / "tests" / "no-data-dir"),
        "YOMU_CACHE_DIR": str(tmp_path / "cache"),
        "no_proxy": "*",
        **extra,
    }


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "yomu", *args], capture_output=True, env=_env(tmp_path, **env), timeout=120
    )


# --- pages that work ------------------------------------------------------------------------------


def test_annotate_a_url_as_json(site: Site, tmp_path: Path) -> None:
    url = site.url("/article.html")
    done = run(tmp_path, "annotate", url, "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    doc = json.loads(done.stdout)
    assert doc["source"] == url
    assert doc["title"] == TITLE
    texts = [s["text"] for b in doc["blocks"] for s in b["sentences"]]
    assert "日本と米国は首脳会談で鉱物協定について話し合った。" in texts
    assert not any("ホーム" in t or "Copyright" in t for t in texts)
    # The request named yomu.
    assert any(path == "/article.html" and agent.startswith("yomu/") for path, agent in site.requests)


def test_the_page_footer_names_the_address(site: Site, tmp_path: Path) -> None:
    url = site.url("/article.html")
    out = tmp_path / "page.html"
    done = run(tmp_path, "annotate", url, "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    page = out.read_text(encoding="utf-8")
    link = f'<a href="{url}" rel="noreferrer">{url}</a>'
    assert f'<footer class="source-url" lang="en"><p>Source: {link}</p></footer>' in page


def test_a_saved_file_keeps_its_path_out_of_the_page(tmp_path: Path) -> None:
    article = tmp_path / "a.html"
    article.write_text(PAGE, encoding="utf-8")
    page = yomu.annotate_file(article, vocabulary=False)
    from yomu.renderers.html import render_html

    assert "source-url" not in render_html(page) and str(tmp_path) not in render_html(page)


def test_an_address_cannot_become_markup() -> None:
    from yomu.renderers.html import render_html

    source = 'https://example.jp/a"><script>alert(1)</script><a href="javascript:x()'
    page = render_html(yomu.annotate("停戦が成立した。", source=source, vocabulary=False))
    assert "<script>alert" not in page and 'href="javascript:' not in page
    assert 'href="https://example.jp/a&#34;&gt;&lt;script&gt;' in page
    # Only http(s) addresses are linked at all.
    other = render_html(yomu.annotate("停戦が成立した。", source="javascript:alert(1)", vocabulary=False))
    assert "source-url" not in other


def test_deck_vocab_and_glossary_suggest_take_urls(site: Site, tmp_path: Path) -> None:
    url = site.url("/article.html")
    deck = tmp_path / "deck.tsv"
    done = run(tmp_path, "deck", url, "-o", str(deck))
    assert done.returncode == 0, done.stderr.decode()
    lines = deck.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert rows and all(any(f"{TITLE} ({url})" in field for field in row) for row in rows)
    vocab = run(tmp_path, "vocab", url, "--format", "json")
    assert vocab.returncode == 0, vocab.stderr.decode()
    assert json.loads(vocab.stdout)["articles"][0]["source"] == url
    suggest = run(tmp_path, "glossary", "suggest", url)
    assert suggest.returncode == 0, suggest.stderr.decode()
    assert url in suggest.stdout.decode()


def test_the_cache_saves_a_second_fetch_and_no_cache_refreshes(site: Site, tmp_path: Path) -> None:
    url = site.url("/article.html?cache-test")
    before = site.hits("/article.html?cache-test")
    for _ in range(2):
        assert run(tmp_path, "annotate", url, "--format", "json").returncode == 0
    assert site.hits("/article.html?cache-test") == before + 1
    assert len(list((tmp_path / "cache" / "pages").iterdir())) == 2  # the body and what it was
    done = run(tmp_path, "annotate", url, "--format", "json", "--no-cache")
    assert done.returncode == 0, done.stderr.decode()
    assert site.hits("/article.html?cache-test") == before + 2


def test_redirects_are_followed_and_encodings_read(site: Site, tmp_path: Path) -> None:
    moved = read_url(site.url("/moved"), FetchOptions(use_cache=False))
    assert moved.name == site.url("/moved") and TITLE in moved.text and moved.format == "html"
    sjis = read_url(site.url("/sjis.html"), FetchOptions(use_cache=False))
    assert "日本と米国は首脳会談" in sjis.text


def test_several_urls_into_a_directory(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    urls = (site.url("/article.html"), site.url("/news/2025/summit"))
    done = run(tmp_path, "annotate", *urls, "-o", str(out), "--format", "json", "--no-vocabulary")
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["article.json", "summit.json"]


def test_the_api_reads_urls(site: Site) -> None:
    doc = yomu.annotate_file(site.url("/article.html"), vocabulary=False)
    assert doc.title == TITLE and doc.source == site.url("/article.html")


def test_addresses_and_cache_locations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert is_url("https://www3.nhk.or.jp/news/") and is_url("HTTP://x") and not is_url("news.html")
    assert url_stem("https://example.jp/news/a12.html?x=1") == "a12"
    assert url_stem("https://example.jp/") == "example.jp"
    assert url_stem("https://example.jp/記事/1") == "1"
    monkeypatch.delenv("YOMU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "yomu"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "yomu"


# --- pages that fail: one line, exit 1, nothing on stdout -----------------------------------------

LATER = "try again later, or save the page and give the file"
SPLIT = "larger than the 10 MB yomu annotates at once; save the article's text and split it"
NOT_A_PAGE = "not a web page; give the address of an article page"
FAILURES = [
    ("/missing", "not found (HTTP 404); check the address"),
    ("/gone", "not found (HTTP 410); check the address"),
    ("/error", f"the server answered HTTP 500 Internal Server Error; {LATER}"),
    ("/slow", f"no complete answer within 1 s; {LATER}"),
    ("/drip", f"no complete answer within 1 s; {LATER}"),
    ("/big", f"is 50.0 MB, {SPLIT}"),
    ("/big-unannounced", f"is {SPLIT}"),
    ("/binary", f"is binary data, {NOT_A_PAGE}"),
    ("/image.png", f"is image/png, {NOT_A_PAGE}"),
    ("/loop", "redirects in a loop (or more than 10 times); open it in a browser and give the address it ends at"),  # noqa: E501
    ("/scripts-only", "has no article text (only markup, scripts or styles); give the article page or its text"),  # noqa: E501
    ("/empty", "is empty; give a file with article text"),
]


# The deck reads pages as annotate does: a few rows show it.
CASES = [("annotate", *f) for f in FAILURES] + [
    ("deck", *f) for f in FAILURES if f[0] in ("/missing", "/slow", "/big", "/binary")
]


@pytest.mark.parametrize(("command", "path", "message"), CASES, ids=[f"{c} {p}" for c, p, _ in CASES])
def test_failures_are_one_line(site: Site, tmp_path: Path, command: str, path: str, message: str) -> None:
    url = site.url(path)
    args = ("-o", str(tmp_path / "deck.apkg")) if command == "deck" else ("--format", "json")
    start = time.monotonic()
    done = run(tmp_path, command, url, *args, YOMU_HTTP_TIMEOUT="1")
    assert time.monotonic() - start < 60
    assert done.stderr.decode() == f"yomu: {url}: {message}\n"
    assert done.returncode == 1 and done.stdout == b""
    assert not (tmp_path / "deck.apkg").exists()
    pages = tmp_path / "cache" / "pages"
    if path != "/scripts-only":  # a page, just not an article: kept like any page
        assert not pages.exists() or not any(pages.iterdir())


def test_a_refused_connection_and_a_bad_address(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        done = run(tmp_path, "annotate", f"http://127.0.0.1:{port}/a.html")
    message = done.stderr.decode()
    expected = rf"yomu: http://127\.0\.0\.1:{port}/a\.html: cannot connect \(.*\); check the address and your connection\n"  # noqa: E501
    assert done.returncode == 1 and re.fullmatch(expected, message), message
    bad = run(tmp_path, "annotate", "http://")
    assert bad.returncode == 1
    assert bad.stderr.decode() == "yomu: http://: is not a valid web address; check it\n"


@pytest.mark.parametrize(("path", "message"), FAILURES[:3], ids=[p for p, _ in FAILURES[:3]])
def test_the_api_raises_input_errors(site: Site, path: str, message: str) -> None:
    with pytest.raises(yomu.InputError) as raised:
        yomu.annotate_file(site.url(path))
    assert str(raised.value) == f"{site.url(path)}: {message}"
