"""Reading input files: paths, stdin, encodings, and the errors a user can act on."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from .errors import InputError

InputFormat = Literal["text", "html"]

# Japanese legacy encodings first: a Japanese reader's old files are in one of these.
_LEGACY_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class InputText:
    """Decoded text of one input and what it was."""

    text: str
    name: str
    """The path as the user gave it, or ``<stdin>``."""
    encoding: str
    format: InputFormat


def read_input(path: str, *, stdin: BinaryIO | None = None) -> InputText:
    """Read one input: a file path or ``-`` for standard input."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode_input(stream.read(), "<stdin>")
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory; give the article files inside it")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return decode_input(data, path, suffix=file.suffix.lower())


def decode_input(data: bytes, name: str, *, suffix: str = "") -> InputText:
    """Decode raw bytes into article text, detecting the encoding."""
    if not data.strip():
        raise InputError(f"{name}: is empty; give a file with article text")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: is empty; give a file with article text")
    from .article import looks_like_html

    fmt: InputFormat = "html" if suffix in _HTML_SUFFIXES or looks_like_html(text) else "text"
    return InputText(text=text, name=name, encoding=encoding, format=fmt)


def read_text_file(path: Path, *, what: str) -> str:
    """Any other text file a user gives (a word list …): decoded like an article, with
    newlines normalised; ``what`` names it in errors ("a word list")."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give {what} file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
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
    if _looks_binary(data):
        raise InputError(f"{name}: is a binary file, not text; {binary_hint}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_legacy_decoding(data)
    if best is None:
        raise InputError(
            f"{name}: is not UTF-8, Shift_JIS or EUC-JP text; convert it to UTF-8 (e.g. with iconv)"
        )
    return best


def _looks_binary(data: bytes) -> bool:
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
