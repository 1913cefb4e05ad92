"""Reading input files: paths, stdin, encodings, and the errors a user can act on."""

from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import InputError

InputFormat = Literal["text", "html"]

# Japanese legacy encodings first: a Japanese reader's old files are in one of these.
_LEGACY_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest input yomu reads whole. A document held in memory takes about 0.35 GB per
MB of text (docs/reliability.md), so a longer one is refused up front with a message,
except a plain-text file written to a JSON or HTML file: that is read in parts
(:mod:`yomu.text.long_input`) in flat memory. Read in bounded steps, so an endless input
(``/dev/zero``, a pipe) is refused too."""

# A handful of bad bytes in otherwise valid UTF-8 (a download cut mid-character, one
# corrupted byte) is damaged UTF-8, not a legacy encoding: decoding it as Shift_JIS would
# turn the whole article into plausible-looking kanji nonsense.
_DAMAGED_UTF8_MAX_ERRORS = 16
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class InputText:
    """Decoded text of one input and what it was."""

    text: str
    name: str
    """The path as the user gave it, or ``<stdin>``."""
    encoding: str
    format: InputFormat


def read_input(path: str, *, stdin: BinaryIO | None = None) -> InputText:
    """Read one local input: a file path, or ``-`` for standard input. A web address is
    :func:`yomu.text.fetch.read_input`'s, which reads any of the three."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode_input(_read_bounded(stream, "<stdin>"), "<stdin>")
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(f"{path}: is a directory; give the article files inside it")
        with file.open("rb") as stream:
            data = _read_bounded(stream, path)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file; check the path") from exc
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read ({exc.strerror or exc}); check the path and the file's permissions"
        ) from exc
    return decode_input(data, path, suffix=file.suffix.lower())


def _read_bounded(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        limit = f"larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB yomu"
        if name == "<stdin>":  # read once, so never in parts
            raise InputError(
                f"{name}: is {limit} reads from standard input; save it to a file and write it "
                "to a JSON or HTML file (yomu annotate FILE -o out.json)"
            )
        raise InputError(
            f"{name}: is {_size_of(stream, len(data))}{limit} annotates in memory; write it to a JSON "
            "or HTML file (yomu annotate FILE -o out.json), which reads a text file in parts"
        )
    return data


def _size_of(stream: BinaryIO, read: int) -> str:
    try:
        total = os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        total = 0
    return f"{total / (1024 * 1024):.1f} MB, " if total > read else ""


def decode_input(data: bytes, name: str, *, suffix: str = "") -> InputText:
    """Decode raw bytes into article text, detecting the encoding."""
    if not data.strip():
        raise InputError(f"{name}: is empty; give a file with article text")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: is empty; give a file with article text")
    from .article import looks_like_html

    fmt: InputFormat = "html" if suffix in HTML_SUFFIXES or looks_like_html(text) else "text"
    return InputText(text=text, name=name, encoding=encoding, format=fmt)


def decode_sample(data: bytes, name: str, *, suffix: str = "") -> tuple[str, str, bool]:
    """The start of a long input: its text, its encoding as :class:`InputText` names it,
    and whether it is HTML. ``data`` may end inside a character: it is cut before."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:8192]:
        data = data[: len(data) // 2 * 2]
    else:
        # A byte below 0x40 (a newline, a space, < or >) is never part of a multi-byte
        # character in UTF-8, Shift_JIS or EUC-JP: the sample ends after the last one.
        end = max(data.rfind(bytes([b])) for b in range(0x40))
        data = data[: end + 1] if end >= 0 else data
    text, encoding = _decode(data, name)
    from .article import looks_like_html

    return text, encoding, suffix in HTML_SUFFIXES or looks_like_html(text)


def read_text_file(path: Path, *, what: str) -> str:
    """Any other text file a user gives (a word list …): decoded like an article, with
    newlines normalised; ``what`` names it in errors ("a word list")."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give {what} file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read ({exc.strerror or exc}); check the path and the file's permissions"
        ) from exc
    text, _ = _decode(data, str(path), binary_hint=f"give {what} as a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str, *, binary_hint: str = "give a .txt or .html article") -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding}; re-save it as UTF-8"
                ) from exc
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if looks_binary(data):
        raise InputError(f"{name}: is a binary file, not text; {binary_hint}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    try:
        # UTF-8 that encodes lone surrogates (CESU-8/WTF-8, from Java or JavaScript
        # tools): the text is fine, the surrogates carry nothing and become U+FFFD.
        text = data.decode("utf-8", errors="surrogatepass")
        return _LONE_SURROGATE.sub("\ufffd", text), "utf-8"
    except UnicodeDecodeError:
        pass
    if _is_damaged_utf8(data):
        raise InputError(
            f"{name}: {_utf8_error_place(data, first_error)}; repair that spot or re-save the file as UTF-8"
        )
    best = _best_legacy_decoding(data)
    if best is None:
        raise InputError(
            f"{name}: is not UTF-8, Shift_JIS or EUC-JP text; convert it to UTF-8 (e.g. with iconv)"
        )
    return best


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark: NUL high bytes of ASCII give it away."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _LONE_SURROGATE.search(text) and _japanese_score(text) >= 0.9 and not _has_controls(text):
            return text, encoding
    return None


def _has_controls(text: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)


def _is_damaged_utf8(data: bytes) -> bool:
    decoded = data.decode("utf-8", errors="replace")
    errors = decoded.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in decoded if c > "\x7f" and c != "\ufffd")
    return 0 < errors <= _DAMAGED_UTF8_MAX_ERRORS and multibyte >= 4 * errors


def _utf8_error_place(data: bytes, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    return f"invalid UTF-8 at line {line} (byte {error.start})"


def looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in UTF-8/legacy Japanese text; control bytes rarely do."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) // 20


def _best_legacy_decoding(data: bytes) -> tuple[str, str] | None:
    """Decode with whichever legacy encoding yields the most Japanese-looking text.

    Random bytes often decode as both Shift_JIS and EUC-JP; real text in the right
    encoding is mostly kana and common kanji, in the wrong one mostly rare kanji and
    half-width katakana.
    """
    candidates: list[tuple[float, str, str]] = []
    for encoding in _LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_japanese_score(text), encoding, text))
    if not candidates:
        return None
    score, encoding, text = max(candidates, key=lambda c: c[0])
    if score < 0.3:
        return None
    return text, {"cp932": "shift_jis", "euc_jp": "euc-jp", "iso2022_jp": "iso-2022-jp"}[encoding]


def _japanese_score(text: str) -> float:
    """Share of characters that are hiragana, ASCII, common punctuation or common kanji."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        code = ord(ch)
        if (
            code < 0x80
            or 0x3000 <= code <= 0x30FF  # punctuation, hiragana, katakana
            or 0x4E00 <= code <= 0x9FFF  # unified ideographs
            or 0xFF01 <= code <= 0xFF5E  # full-width ASCII
        ):
            good += 1
    return good / len(text)
