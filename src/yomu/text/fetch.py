"""Articles from a web address: one polite HTTP GET, bounded in time and size, cached.

``yomu annotate https://…`` reads the page as a saved HTML file would be read. The
client is the standard library's ``urllib.request``, kept on a short leash: a timeout on
every socket operation and an overall deadline (a server that drips a byte a second
cannot hold yomu), the same 10 MB limit as files, counted while the body streams in (a
``Content-Length`` over it is refused before reading), at most ``MAX_REDIRECTS``
redirects with loops detected, and a User-Agent that names yomu.

Fetched pages are kept in :func:`cache_dir` (``$YOMU_CACHE_DIR``, else
``$XDG_CACHE_HOME/yomu``, else ``~/.cache/yomu``), so re-running a command does not fetch
again; ``use_cache=False`` (``--no-cache``) fetches anew and refreshes the copy.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from ..errors import InputError, OutputError
from .source import MAX_INPUT_BYTES, InputText, decode_input, looks_binary
from .source import read_input as read_local_input

if TYPE_CHECKING:
    from email.message import Message
    from urllib.error import HTTPError

USER_AGENT = "yomu/0.1 (Japanese news reader for learners; Python urllib)"
DEFAULT_TIMEOUT = 20.0
"""Seconds for connecting and for each read; ``$YOMU_HTTP_TIMEOUT`` changes it."""
DEADLINE_FACTOR = 3
"""The whole download may take this many timeouts, however the server paces it."""
MAX_REDIRECTS = 10
_CHUNK = 64 * 1024
_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


@dataclass(frozen=True)
class FetchOptions:
    """How web addresses are read (not what comes out: a cached page is the same page)."""

    use_cache: bool = True
    """``False``: fetch again and refresh the cached copy (``--no-cache``)."""
    timeout: float | None = None
    """Seconds; ``None``: ``$YOMU_HTTP_TIMEOUT``, else ``DEFAULT_TIMEOUT``."""


def is_url(text: str) -> bool:
    """Whether an input names a web page (``http://`` or ``https://``) rather than a file."""
    return text[:8].lower().startswith(("http://", "https://"))


def cache_dir() -> Path:
    """``$YOMU_CACHE_DIR``, else ``$XDG_CACHE_HOME/yomu``, else ``~/.cache/yomu``."""
    if os.environ.get("YOMU_CACHE_DIR"):
        return Path(os.environ["YOMU_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "yomu"


def url_stem(url: str) -> str:
    """A file-name stem for the page at ``url``: its last path segment without suffix, else
    its host (``https://example.jp/news/a12.html?x=1`` → ``a12``)."""
    parts = urllib.parse.urlsplit(url)
    segments = [s for s in urllib.parse.unquote(parts.path).split("/") if s]
    stem = segments[-1].rsplit(".", 1)[0] if segments else ""
    stem = re.sub(r"[^\w.-]+", "-", stem or parts.hostname or "page").strip("-.")
    return stem[:80] or "page"


def read_input(path: str, *, stdin: BinaryIO | None = None, fetch: FetchOptions | None = None) -> InputText:
    """Read one input: a file path, ``-`` for standard input, or a web address (``http://``,
    ``https://``, fetched with the ``fetch`` options)."""
    if is_url(path):
        return read_url(path, fetch)
    return read_local_input(path, stdin=stdin)


def read_url(url: str, options: FetchOptions | None = None) -> InputText:
    """The page at ``url`` as article input (HTML or text), from the cache when it is there."""
    options = options or FetchOptions()
    _check_address(url)
    page = _cached(url) if options.use_cache else None
    if page is not None:
        return _decoded(url, page)
    page = _download(url, _timeout(options))
    given = _decoded(url, page)  # binary data or an empty body is not kept
    _store(url, page)
    return given


@dataclass(frozen=True)
class _Page:
    data: bytes
    content_type: str
    charset: str | None


def _timeout(options: FetchOptions) -> float:
    if options.timeout is not None:
        return options.timeout
    try:
        return float(os.environ.get("YOMU_HTTP_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def _check_address(url: str) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError as exc:  # a bad port, an unbalanced [ in the host
        raise InputError(f"{url}: is not a valid web address ({exc}); check it") from exc
    if not host or any(c.isspace() for c in url):
        raise InputError(f"{url}: is not a valid web address; check it")


_LOOP_MESSAGE = "The HTTP server returned a redirect error that would lead to an infinite loop."


def _download(url: str, timeout: float) -> _Page:
    # Imported here: http.client and ssl would slow the start-up of every run without URLs.
    import urllib.error
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

    opener = urllib.request.build_opener(Redirects())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
            # Compressed bodies would need decoding that urllib does not do.
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + timeout * DEADLINE_FACTOR
    try:
        with opener.open(request, timeout=timeout) as response:
            return _body(url, response, timeout, deadline)
    except urllib.error.HTTPError as exc:
        raise InputError(_http_error(url, exc)) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):  # socket.timeout is TimeoutError since 3.10
            raise _timed_out(url, timeout) from None
        raise InputError(
            f"{url}: cannot connect ({exc.reason}); check the address and your connection"
        ) from None
    except TimeoutError:
        raise _timed_out(url, timeout) from None
    except (OSError, ValueError) as exc:  # a connection reset mid-body, a malformed response
        raise InputError(f"{url}: the download failed ({exc}); try again later") from None


def _http_error(url: str, exc: HTTPError) -> str:
    with contextlib.suppress(Exception):
        exc.close()
    if 300 <= exc.code < 400 and not str(exc.msg).startswith(_LOOP_MESSAGE):
        return f"{url}: redirects to an address yomu does not fetch; open it in a browser and save the page"
    if 300 <= exc.code < 400:
        return (
            f"{url}: redirects in a loop (or more than {MAX_REDIRECTS} times); "
            "open it in a browser and give the address it ends at"
        )
    if exc.code in (404, 410):
        return f"{url}: not found (HTTP {exc.code}); check the address"
    if exc.code in (401, 403):
        return f"{url}: access refused (HTTP {exc.code}); save the page from your browser and give the file"
    reason = f" {exc.reason}" if exc.reason else ""
    return (
        f"{url}: the server answered HTTP {exc.code}{reason}; "
        "try again later, or save the page and give the file"
    )


def _timed_out(url: str, timeout: float) -> InputError:
    return InputError(
        f"{url}: no complete answer within {timeout:g} s; try again later, or save the page and give the file"
    )


def _body(url: str, response: Any, timeout: float, deadline: float) -> _Page:
    headers: Message = response.headers
    content_type = headers.get_content_type()
    if content_type not in _PAGE_TYPES:
        raise InputError(f"{url}: is {content_type}, not a web page; give the address of an article page")
    declared = headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > MAX_INPUT_BYTES:
        raise _too_large(url, int(declared))
    stream: IO[bytes] = response
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        # read1: whatever has arrived, so a slow server meets the deadline check often.
        chunk = stream.read1(_CHUNK) if hasattr(stream, "read1") else stream.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_INPUT_BYTES:
            raise _too_large(url, None)
        chunks.append(chunk)
    return _Page(b"".join(chunks), content_type, headers.get_content_charset())


def _too_large(url: str, size: int | None) -> InputError:
    shown = f"{size / (1024 * 1024):.1f} MB, " if size else ""
    return InputError(
        f"{url}: is {shown}larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB yomu annotates at once; "
        "save the article's text and split it"
    )


def _decoded(url: str, page: _Page) -> InputText:
    if looks_binary(page.data):
        raise InputError(f"{url}: is binary data, not a web page; give the address of an article page")
    suffix = ".html" if _PAGE_TYPES[page.content_type] == "html" else ""
    if page.charset:
        # The encoding the server names wins when the bytes agree: detection can take a
        # short EUC-JP page for Shift_JIS. Otherwise detection decides, as for a file.
        try:
            text = page.data.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return decode_input(text.encode("utf-8", errors="surrogatepass"), url, suffix=suffix)
    return decode_input(page.data, url, suffix=suffix)


# --- the cache ---------------------------------------------------------------------------------


def _cache_paths(url: str) -> tuple[Path, Path]:
    import hashlib

    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
    folder = cache_dir() / "pages"
    return folder / f"{key}.body", folder / f"{key}.json"


def _cached(url: str) -> _Page | None:
    import json

    body, meta = _cache_paths(url)
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = body.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or info.get("url") != url or info.get("content_type") not in _PAGE_TYPES:
        return None
    charset = info.get("charset")
    return _Page(data, str(info["content_type"]), charset if isinstance(charset, str) else None)


def _store(url: str, page: _Page) -> None:
    import json

    from ..outputs import write_atomic

    body, meta = _cache_paths(url)
    info = {"url": url, "content_type": page.content_type, "charset": page.charset}
    # A cache that cannot be written (a read-only home) costs a download next time, not the run.
    with contextlib.suppress(OSError, OutputError):
        body.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(body, page.data)
        write_atomic(meta, json.dumps(info, ensure_ascii=False).encode("utf-8"))
