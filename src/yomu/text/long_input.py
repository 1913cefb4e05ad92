"""Plain-text inputs over ``source.MAX_INPUT_BYTES``: read from disk part by part.

Holding a 100 MB article whole (its bytes, its text, its blocks) would take several
hundred megabytes before a word is read. Written to a JSON or HTML file, such an input
is read instead a part of about ``PART_BYTES`` at a time, each cut where a paragraph
ends (a blank line or a line end, after a sentence if it can; else after 。; else, for
a line of megabytes without either, anywhere), and read again from the file for each round the
annotation makes (:meth:`yomu.pipeline.Annotator.annotate_long`). Each part is parsed
on its own: the first is the article's opening (its title, the clutter found at an
article's top), the others continue it, with their line numbers counted on. What
looks across lines (a ranking's list under its header, a heading followed by its
text, a source footer's lines) does not look across a cut; a cut falls between
paragraphs, where these rarely are. See docs/reliability.md (Limits).

HTML pages are not read in parts (they are parsed as one tree): over the limit they
are refused, as standard input is (it cannot be read twice).
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .source import HTML_SUFFIXES, MAX_INPUT_BYTES, decode_sample

PART_BYTES = 1024 * 1024
"""About how many bytes of a long input are read, decoded and parsed at once."""
_SAMPLE_BYTES = 1024 * 1024
"""How much of the start decides the encoding and whether the input is HTML."""
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The codec that decodes what source.decode_sample reports: Shift_JIS files are read
# as cp932 (Microsoft's Shift_JIS, which Japanese Windows writes), as short ones are.
_CODECS = {"shift_jis": "cp932", "euc-jp": "euc_jp", "iso-2022-jp": "iso2022_jp"}


@dataclass(frozen=True)
class LongInput:
    """A plain-text article file too long to hold, read in parts on demand."""

    path: Path
    name: str
    """The path as the user gave it."""
    encoding: str
    """As :class:`yomu.text.source.InputText` reports it (``utf-8``, ``shift_jis`` …)."""
    part_bytes: int = PART_BYTES

    def parts(self) -> Iterator[tuple[str, int]]:
        """Each part's text (newlines normalised) and the line number it starts at."""
        codec = _CODECS.get(self.encoding, self.encoding)
        # Encoded lone surrogates (from Java or JavaScript tools) are read as a short
        # input's are: passed, then replaced by U+FFFD.
        errors = "surrogatepass" if codec == "utf-8" else "strict"
        decoder = codecs.getincrementaldecoder(codec)(errors=errors)
        buffer, first_line, offset = "", 1, 0
        with self.path.open("rb") as stream:
            while True:
                data = stream.read(self.part_bytes)
                pending = len(decoder.getstate()[0])  # the bytes of a character the last read cut
                try:
                    text = decoder.decode(data, final=not data)
                except UnicodeDecodeError as exc:
                    raise InputError(
                        f"{self.name}: invalid {self.encoding} at byte {offset - pending + exc.start}; "
                        "repair that spot or re-save the file as UTF-8"
                    ) from exc
                offset += len(data)
                if codec == "utf-8":
                    text = _LONE_SURROGATE.sub("\ufffd", text)
                buffer += text
                if not data:
                    if buffer:
                        yield buffer.replace("\r\n", "\n").replace("\r", "\n"), first_line
                    return
                if len(data) < self.part_bytes:
                    continue  # the file's end: the next read says so, and all of it is one part
                # A \r\n may straddle two reads: a last \r waits for the next one.
                held = "\r" if buffer.endswith("\r") else ""
                buffer = buffer[: len(buffer) - len(held)].replace("\r\n", "\n").replace("\r", "\n")
                cut = _cut(buffer)
                part, buffer = buffer[:cut], buffer[cut:] + held
                if part:
                    yield part, first_line
                    first_line += part.count("\n")


# Where a part may end, best first, and how much of the mark stays in it: between two
# paragraphs (a blank line), after a sentence's line (not a heading's, which the line
# after it makes one), after any line, after a sentence.
_CUTS = (("。\n\n", 2), ("\n\n", 1), ("。\n", 2), ("\n", 1), ("。", 1))


def _cut(text: str) -> int:
    """Where to end a part: at the best place in the second half of ``text`` (the last
    of its kind), else at its end."""
    half = len(text) // 2
    for mark, kept in _CUTS:
        at = text.rfind(mark, half)
        if at >= 0:
            return at + kept
    return len(text)


def long_input(
    path: str, *, part_bytes: int = PART_BYTES, above: int = MAX_INPUT_BYTES, name: str | None = None
) -> LongInput | None:
    """``path`` as a :class:`LongInput` when it is a file over ``above`` bytes, else ``None``
    (then :func:`yomu.text.source.read_input` reads it whole, or says why it cannot). ``name``
    names it in the output and in errors (a local copy of a remote file); else ``path``.

    Raises ``InputError`` for a long HTML page, and for a long file that is binary or in
    no encoding yomu reads (decided from its first megabyte).
    """
    if path == "-" or path[:8].lower().startswith(("http://", "https://")):
        return None
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        return None  # read_input gives the error a user can act on
    file = Path(path)
    if size <= above or not file.is_file():
        return None
    with file.open("rb") as stream:
        sample = stream.read(_SAMPLE_BYTES)
    _, encoding, is_html = decode_sample(sample, name or path, suffix=file.suffix.lower())
    if is_html or file.suffix.lower() in HTML_SUFFIXES:
        raise InputError(
            f"{name or path}: is a {size / (1024 * 1024):.1f} MB web page; yomu reads pages of up to "
            f"{MAX_INPUT_BYTES // (1024 * 1024)} MB (longer ones only as plain text): "
            "save the article's text as a .txt file"
        )
    return LongInput(path=file, name=name or path, encoding=encoding, part_bytes=part_bytes)
