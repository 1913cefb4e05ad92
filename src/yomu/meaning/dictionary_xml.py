"""Reading EDRDG's JMdict and JMnedict XML files as a stream, gzipped or not, for
``yomu dict import`` (:mod:`yomu.meaning.dictionary_import`).

Entity references (``&n;``, ``&vs;``, ``&surname;``) are kept as the entity *names*, the
codes learners know: expat would expand them to their descriptions, which EDRDG revises
now and then while the codes stay.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal, cast

from ..errors import YomuError

Part = Literal["words", "names"]

ROOTS: dict[str, Part] = {"JMdict": "words", "JMnedict": "names"}
"""The root elements of the two files, and which part of the index each fills."""

_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_ENTITY_REFERENCE = re.compile(rb"&([A-Za-z_][\w.-]*);")
_CREATED = re.compile(rb"<!--\s*(JMdict|JMnedict)\s+created:\s*([0-9][0-9-]*)\s*-->")
_CHUNK = 1 << 20


class EntryReader:
    """Streams the ``<entry>`` elements of one JMdict or JMnedict file, gzipped or not."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = ""
        self.created = ""

    def entries(self) -> Iterator[tuple[str, ET.Element]]:
        parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
        root: ET.Element | None = None
        for chunk in self._chunks():
            if root is None and not self.created:  # the comment comes before the root element
                found = _CREATED.search(chunk)
                if found:
                    self.created = found.group(2).decode("ascii")
            try:
                parser.feed(_ENTITY_REFERENCE.sub(_entity_name, chunk))
                # Only start and end events were asked for: each is (event, element).
                events = cast("list[tuple[str, ET.Element]]", list(parser.read_events()))
            except ET.ParseError as exc:
                raise YomuError(f"{self.path}: not valid XML ({exc})") from exc
            for event, element in events:
                if root is None:
                    root = element
                    if element.tag not in ROOTS:
                        raise YomuError(
                            f"{self.path}: not a JMdict or JMnedict file (root element <{element.tag}>)"
                        )
                    self.root = element.tag
                elif event == "end" and element.tag == "entry":
                    yield self.root, element
                    root.clear()  # what keeps memory bounded
        try:
            parser.close()
        except ET.ParseError as exc:
            raise YomuError(f"{self.path}: the XML ends early ({exc}); download the file again") from exc

    def _chunks(self) -> Iterator[bytes]:
        """Decompressed bytes, each chunk ending just after a ``>``.

        An entity reference holds no ``>``, so none is ever split between two chunks.
        """
        carry = b""
        with self._open() as stream:
            while True:
                try:
                    data = stream.read(_CHUNK)
                except EOFError as exc:
                    raise YomuError(
                        f"{self.path}: the gzip file is truncated; download it again"
                    ) from exc
                except (gzip.BadGzipFile, zlib.error) as exc:
                    raise YomuError(f"{self.path}: the gzip file is damaged ({exc})") from exc
                except OSError as exc:
                    raise YomuError(f"{self.path}: cannot read ({exc.strerror or exc})") from exc
                if not data:
                    break
                data = carry + data
                cut = data.rfind(b">") + 1
                if cut:
                    carry = data[cut:]
                    yield data[:cut]
                else:
                    carry = data
        if carry:
            yield carry

    def _open(self) -> BinaryIO:
        try:
            raw = self.path.open("rb")
        except OSError as exc:
            raise YomuError(f"{self.path}: cannot read ({exc.strerror or exc})") from exc
        if raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
        raw.seek(0)
        return raw


def _entity_name(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    return match.group(0) if name in _PREDEFINED else name
