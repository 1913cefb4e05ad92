"""The input matrix: every kind of hostile, odd or big input, with what yomu must do.

Each row runs the real CLI in a subprocess (as a user runs it) and asserts the exit
status, the exact stderr (one line ``yomu: <file>: <what is wrong>; <what to do>`` for
errors) and stdout: empty for errors, valid output for accepted inputs. The API rows
at the end assert that the library raises the matching ``YomuError`` subclass and
never anything else. docs/reliability.md lists the guarantees these rows check.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import yomu
from yomu.errors import GlossaryError, InputError, OutputError, YomuError
from yomu.meaning.glossary import Glossary
from yomu.outputs import write_atomic
from yomu.pipeline import Annotator, Options
from yomu.text.source import MAX_INPUT_BYTES

from .test_cli import yomu as run_yomu

ARTICLE = "日本と米国は首脳会談で鉱物協定について話し合った。\n停戦の条件も議題になった。\n"
ARTICLE_SURFACES = [
    ["日本", "と", "米国", "は", "首脳", "会談", "で", "鉱物", "協定", "に", "つい", "て", "話し合っ", "た", "。"],  # noqa: E501
    ["停戦", "の", "条件", "も", "議題", "に", "なっ", "た", "。"],
]
# Original sentences, repeated to make big articles; no seed text.
BIG_PARAGRAPH = (
    "政府は来年度の予算案について閣議で議論を続けた。"
    "外務大臣は記者会見で近隣諸国との対話の重要性を強調した。"
    "専門家は新しい協定が地域の安定に役立つと見ている。\n"
)
HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>会談</title><style>p{color:red}</style>"
    "<script>alert('head')</script></head><body><h1>首脳会談が開かれた</h1>"
    '<iframe src="https://example.com/frame"></iframe>'
    '<p onclick="steal()">停戦が<b onmouseover="x()">成立</b>した。'
    "&lt;script&gt;alert(1)&lt;/script&gt;と書かれた札もあった。</p>"
    '<script>document.write("<img src=x onerror=alert(2)>")</script>'
    '<p><img src="x" onerror="alert(3)">鉱物協定にも署名した。</p></body></html>'
)


# --- what an accepted input must produce --------------------------------------------------


def _json(out: bytes) -> dict[str, Any]:
    doc = json.loads(out)
    assert isinstance(doc, dict)
    return doc


def _sentences(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for block in doc["blocks"] for s in block["sentences"]]


def _surfaces(doc: dict[str, Any]) -> list[list[str]]:
    return [[t["surface"] for t in s["tokens"]] for s in _sentences(doc)]


def _texts(doc: dict[str, Any]) -> list[str]:
    return [s["text"] for s in _sentences(doc)]


def _the_article(out: bytes, tmp: Path) -> None:
    doc = _json(out)
    assert _surfaces(doc) == ARTICLE_SURFACES
    assert [t["reading"] for t in _sentences(doc)[1]["tokens"]] == [
        "ていせん", "の", "じょうけん", "も", "ぎだい", "に", "なっ", "た", None,
    ]  # fmt: skip


def _texts_are(*expected: str) -> Callable[[bytes, Path], None]:
    def check(out: bytes, tmp: Path) -> None:
        doc = _json(out)
        assert _texts(doc) == list(expected)
        for sentence in _sentences(doc):
            assert "".join(t["surface"] for t in sentence["tokens"]) == sentence["text"]

    return check


def _readings_are(expected: list[tuple[str, str | None]]) -> Callable[[bytes, Path], None]:
    def check(out: bytes, tmp: Path) -> None:
        tokens = [t for s in _sentences(_json(out)) for t in s["tokens"]]
        assert [(t["surface"], t["reading"]) for t in tokens] == expected

    return check


def _long_line(out: bytes, tmp: Path) -> None:
    doc = _json(out)
    text = (tmp / "line.txt").read_text(encoding="utf-8")
    assert "".join(_texts(doc)) == text
    assert "".join(t["surface"] for s in _sentences(doc) for t in s["tokens"]) == text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        """Text a reader sees in the body (furigana left out)."""
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in _VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "body" in self._open and not {"rt", "rp", "script", "style"} & set(self._open):
            self.text.append(data)


_VOID = {"meta", "link", "input", "br", "img", "hr", "wbr", "source", "area", "base", "col", "embed"}


def _hostile_html_as_json(out: bytes, tmp: Path) -> None:
    doc = _json(out)
    body = " ".join(_texts(doc))
    assert _texts(doc) == [
        "首脳会談が開かれた",
        "停戦が成立した。",
        "<script>alert(1)</script>と書かれた札もあった。",
        "鉱物協定にも署名した。",
    ]
    for code in ("alert('head')", "steal", "document.write", "onerror", "color:red", "example.com"):
        assert code not in body


def _hostile_html_as_page(out: bytes, tmp: Path) -> None:
    page = out.decode("utf-8")
    parser = _Tags()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert "iframe" not in tags and "img" not in tags and "b" not in tags
    # Only yomu's own two scripts: the reader's code and the vocabulary JSON.
    assert [attrs.get("type") for tag, attrs in parser.tags if tag == "script"] == [None, "application/json"]
    assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)
    # The escaped markup of the article is text: "<script>" shows, with furigana over "script".
    assert "<script>alert(1)</script>と書かれた札もあった。" in "".join(parser.text)
    assert "&lt;" in page
    assert "alert('head')" not in page and "steal()" not in page and "document.write" not in page


def _deck_written(out: bytes, tmp: Path) -> None:
    with zipfile.ZipFile(tmp / "deck.apkg") as package:
        (tmp / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp / "collection.anki2") as db:
        words = {row[0].split("\x1f")[1] for row in db.execute("select flds from notes")}
    # について is a set expression, a card of its own since issue #15.
    assert words == {"日本", "米国", "首脳会談", "鉱物協定", "話し合う", "停戦", "条件", "議題", "について"}


def _lookup_found(*lines: str) -> Callable[[bytes, Path], None]:
    def check(out: bytes, tmp: Path) -> None:
        got = out.decode("utf-8").splitlines()
        assert all(line in got for line in lines), got

    return check


def _stdout_lines(*lines: str) -> Callable[[bytes, Path], None]:
    def check(out: bytes, tmp: Path) -> None:
        assert out.decode("utf-8").splitlines() == [line.format(tmp=tmp) for line in lines]

    return check


def _glossary_of(entries: int) -> bytes:
    rows = [
        f'[[entry]]\nterm = "試験用語{n:06d}"\nreading = "しけんようご"\ngloss = "test term {n}"\n'
        for n in range(entries)
    ]
    return "\n".join(rows).encode("utf-8")


def _vocab_without(*words: str) -> Callable[[bytes, Path], None]:
    def check(out: bytes, tmp: Path) -> None:
        terms = [line.split("\t")[0] for line in out.decode("utf-8").splitlines()[1:]]
        assert terms and not set(words) & set(terms)

    return check


# --- the rows --------------------------------------------------------------------------------

Maker = Callable[[Path], None]


@dataclass(frozen=True)
class Row:
    name: str
    args: tuple[str, ...]
    """CLI arguments; ``{tmp}`` is the test's temporary directory."""
    exit: int
    stderr: str
    """A regex the whole of stderr must match; ``{tmp}`` is the escaped temporary directory.
    For errors it is one line; empty for accepted inputs that print nothing else."""
    files: dict[str, bytes] = field(default_factory=dict)
    make: Maker | None = None
    stdin: bytes | None = None
    stdout: Callable[[bytes, Path], None] | None = None
    """Checks stdout of an accepted input; ``None``: stdout must be empty."""
    marks: tuple[pytest.MarkDecorator, ...] = ()


def _mkdir(name: str) -> Maker:
    return lambda tmp: (tmp / name).mkdir()


def _symlink(link: str, target: str) -> Maker:
    return lambda tmp: (tmp / link).symlink_to(tmp / target)


def _hardlink(link: str, target: str) -> Maker:
    return lambda tmp: os.link(tmp / target, tmp / link)


def _big_article(name: str, size: int) -> Maker:
    def make(tmp: Path) -> None:
        paragraph = BIG_PARAGRAPH.encode("utf-8")
        with open(tmp / name, "wb") as out:
            for _ in range(size // len(paragraph) + 1):
                out.write(paragraph)

    return make


A = "{tmp}/a.txt"
GOOD = {"a.txt": ARTICLE.encode("utf-8")}
JSON = ("--format", "json", "--no-vocabulary")
E = "yomu: {tmp}/"  # every file error starts with the program and the file
NO_TEXT = r"a\.html: has no article text \(only markup, scripts or styles\); give the article page or its text"  # noqa: E501

ANNOTATE_ROWS = [
    # -- paths that are not article files
    Row(
        "missing path", ("annotate", "{tmp}/missing.txt"), 1,
        E + r"missing\.txt: no such file; check the path",
    ),
    Row(
        "a directory", ("annotate", "{tmp}/dir"), 1,
        E + "dir: is a directory; give the article files inside it", make=_mkdir("dir"),
    ),
    Row(
        "a broken symlink", ("annotate", "{tmp}/link.txt"), 1,
        E + r"link\.txt: no such file; check the path", make=_symlink("link.txt", "gone.txt"),
    ),
    Row(
        "a binary file", ("annotate", "{tmp}/image.png"), 1,
        E + r"image\.png: is a binary file, not text; give a \.txt or \.html article",
        files={"image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8},
    ),
    Row(
        "only control characters", ("annotate", "{tmp}/ctl.txt"), 1,
        E + r"ctl\.txt: is a binary file, not text; give a \.txt or \.html article",
        files={"ctl.txt": bytes(range(1, 9)) * 20},
    ),
    # -- bytes that are not text in any encoding yomu reads
    Row(
        "undecodable bytes", ("annotate", "{tmp}/latin1.txt"), 1,
        E + r"latin1\.txt: is not UTF-8, Shift_JIS or EUC-JP text; convert it to UTF-8 \(e\.g\. with iconv\)",
        files={"latin1.txt": bytes(range(0x80, 0x100)) * 3},
    ),
    Row(
        "UTF-8 with one corrupt byte", ("annotate", "{tmp}/damaged.txt"), 1,
        E + r"damaged\.txt: invalid UTF-8 at line 2 \(byte 76\); "
        r"repair that spot or re-save the file as UTF-8",
        files={"damaged.txt": ARTICLE.encode("utf-8")[:76] + b"\xff" + ARTICLE.encode("utf-8")[76:]},
    ),
    Row(
        "UTF-8 cut inside the last character", ("annotate", "{tmp}/cut.txt"), 1,
        E + r"cut\.txt: invalid UTF-8 at line 2 \(byte 112\); repair that spot or re-save the file as UTF-8",
        files={"cut.txt": ARTICLE.encode("utf-8")[:-2]},
    ),
    Row(
        "a UTF-16 byte-order mark on broken UTF-16", ("annotate", "{tmp}/bom.txt"), 1,
        E + r"bom\.txt: starts with a utf-16 byte-order mark but is not valid utf-16; re-save it as UTF-8",
        files={"bom.txt": codecs.BOM_UTF16_LE + "停戦".encode("utf-16-le") + b"\x00"},
    ),
    Row(
        "a bad input among several, with --jobs 2",
        ("annotate", A, "{tmp}/x.png", "-o", "{tmp}/out", "-j", "2"), 1,
        E + r"x\.png: is a binary file, not text; give a \.txt or \.html article",
        files={**GOOD, "x.png": b"\x89PNG\r\n\x1a\n\x00\x00"},
    ),
    Row(
        "a terminal escape sequence in the file name", ("annotate", "{tmp}/x\x1b[2Jy.txt"), 1,
        E + r"x\\x1b\[2Jy\.txt: no such file; check the path",
    ),
    # -- nothing to read
    Row("an empty file", ("annotate", A), 1, E + r"a\.txt: is empty; give a file with article text",
        files={"a.txt": b""}),
    Row(
        "a whitespace-only file", ("annotate", A), 1, E + r"a\.txt: is empty; give a file with article text",
        files={"a.txt": " \n\t\r\n　 \n".encode()},
    ),
    Row(
        "empty stdin", ("annotate", "-"), 1, r"yomu: <stdin>: is empty; give a file with article text",
        stdin=b"",
    ),
    Row(
        "HTML with only scripts and styles", ("annotate", "{tmp}/a.html"), 1,
        E + NO_TEXT,
        files={"a.html": b"<!DOCTYPE html><html><head><style>p{}</style></head>"
               b"<body><script>alert(1)</script><iframe src=x></iframe></body></html>"},
    ),
    Row(
        # libxml2 stops at 256 levels: the text is lost, which must be an error, not an empty page.
        "HTML nested 5,000 deep", ("annotate", "{tmp}/a.html"), 1,
        E + NO_TEXT,
        files={"a.html": b"<html><body>" + b"<div>" * 5000 + "<p>停戦が成立した。</p>".encode()},
    ),
    Row(
        "only rules and separators", ("annotate", A), 1,
        E + r"a\.txt: has no article text \(only rules, separators or symbols\); "
        r"give a file with article text",
        files={"a.txt": "---\n|---|---|\n・・・\n↓\n".encode()},
    ),
    Row(
        "only web clutter", ("annotate", A), 1,
        E + r"a\.txt: every line looked like web clutter; "
        r"use --keep-clutter \(keep_clutter=True\) to keep them",
        files={"a.txt": "広告\nPR\n".encode()},
    ),
    # -- too big
    Row(
        "a 50 MB article", ("annotate", "{tmp}/big.txt", *JSON), 1,
        E + r"big\.txt: is 50\.0 MB, larger than the 10 MB yomu annotates in memory; write it to a JSON "
        r"or HTML file \(yomu annotate FILE -o out\.json\), which reads a text file in parts",
        make=_big_article("big.txt", 50 * 1024 * 1024),
    ),
    Row(
        "an endless stdin", ("annotate", "-", *JSON), 1,
        r"yomu: <stdin>: is larger than the 10 MB yomu reads from standard input; save it to a file and "
        r"write it to a JSON or HTML file \(yomu annotate FILE -o out\.json\)",
        stdin=BIG_PARAGRAPH.encode() * (MAX_INPUT_BYTES // len(BIG_PARAGRAPH.encode()) + 1),
    ),
    # -- web addresses that cannot be fetched (the server's failures: tests/test_url_input.py)
    Row("a web address without a host", ("annotate", "http://"), 1,
        r"yomu: http://: is not a valid web address; check it"),
    Row("a web address with a bad port", ("annotate", "https://example.invalid:99999/a"), 1,
        r"yomu: https://example\.invalid:99999/a: is not a valid web address \(.*\); check it"),
    # -- outputs that must not be written
    Row(
        "output equal to the input", ("annotate", A, "-o", A), 1,
        E + r"a\.txt: is also an input; choose another output path", files=GOOD,
    ),
    Row(
        "output equal to the input, spelled differently", ("annotate", A, "-o", "{tmp}/dir/../a.txt"), 1,
        E + r"dir/\.\./a\.txt: is also an input; choose another output path", files=GOOD, make=_mkdir("dir"),
    ),
    Row(
        "output a symlink to the input", ("annotate", A, "-o", "{tmp}/out.json"), 1,
        E + r"out\.json: is also an input; choose another output path",
        files=GOOD, make=_symlink("out.json", "a.txt"),
    ),
    Row(
        "output a hard link to the input", ("annotate", A, "-o", "{tmp}/out.json"), 1,
        E + r"out\.json: is also an input; choose another output path",
        files=GOOD, make=_hardlink("out.json", "a.txt"),
    ),
    Row(
        "output in a missing directory", ("annotate", A, "-o", "{tmp}/nodir/x.json"), 1,
        E + r"nodir/x\.json: directory {tmp}/nodir does not exist; create it or choose another path",
        files=GOOD,
    ),
    Row(
        "output a directory", ("annotate", A, "-o", "{tmp}/dir"), 1,
        E + "dir: is a directory; give a file name", files=GOOD, make=_mkdir("dir"),
    ),
    Row(
        "several inputs into one file", ("annotate", A, A, "-o", "{tmp}/out.json"), 1,
        E + r"out\.json: several inputs need an output directory, not a file",
        files={**GOOD, "out.json": b"{}"},
    ),
    # -- glossaries given with --glossary
    Row(
        "a glossary that is not TOML", ("annotate", A, "--glossary", "{tmp}/g.toml"), 1,
        E + r"g\.toml:3: invalid TOML: Illegal character '\\n'",
        files={**GOOD, "g.toml": '[[entry]]\nterm = "和平案"\nreading = "わへいあん\n'.encode()},
    ),
    Row(
        "a JSON file as glossary", ("annotate", A, "--glossary", "{tmp}/g.json"), 1,
        E + r"g\.json:1: invalid TOML: Invalid statement",
        files={**GOOD, "g.json": b'{"term": "x"}\n'},
    ),
    Row(
        "a glossary entry without reading", ("annotate", A, "--glossary", "{tmp}/g.toml"), 1,
        E + r"g\.toml:1: 和平案: missing reading",
        files={**GOOD, "g.toml": '[[entry]]\nterm = "和平案"\ngloss = "x"\n'.encode()},
    ),
    Row(
        "a terminal escape sequence in a glossary term", ("annotate", A, "--glossary", "{tmp}/g.toml"), 1,
        E + r"g\.toml:1: 和平\\x1b\[2J案: missing reading",
        files={**GOOD, "g.toml": '[[entry]]\nterm = "和平\\u001b[2J案"\ngloss = "x"\n'.encode()},
    ),
    Row(
        "a missing glossary", ("annotate", A, "--glossary", "{tmp}/none.toml"), 1,
        E + r"none\.toml:0: no such file; check the glossary path", files=GOOD,
    ),
    Row(
        "a Shift_JIS glossary", ("annotate", A, "--glossary", "{tmp}/g.toml"), 1,
        E + r"g\.toml:0: is not UTF-8 text; save the glossary as UTF-8",
        files={**GOOD, "g.toml": '[[entry]]\nterm = "和平案"\n'.encode("shift_jis")},
    ),
    # -- the command line itself
    Row(
        "an unknown format", ("annotate", A, "--format", "pdf"), 2,
        r"yomu: invalid value for '--format': 'pdf' is not one of 'html', 'json', 'tsv'; "
        r"see yomu annotate --help",
        files=GOOD,
    ),
    Row(
        "no input at all", ("annotate",), 2, r"yomu: missing argument 'FILE\.\.\.'; see yomu annotate --help"
    ),
    # -- accepted: encodings
    Row("Shift_JIS", ("annotate", A, *JSON), 0, "", files={"a.txt": ARTICLE.encode("shift_jis")},
        stdout=_the_article),
    Row("EUC-JP", ("annotate", A, *JSON), 0, "", files={"a.txt": ARTICLE.encode("euc_jp")},
        stdout=_the_article),
    Row("UTF-16 LE with BOM", ("annotate", A, *JSON), 0, "", files={"a.txt": ARTICLE.encode("utf-16")},
        stdout=_the_article),
    Row(
        "UTF-16 BE with BOM", ("annotate", A, *JSON), 0, "",
        files={"a.txt": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")}, stdout=_the_article,
    ),
    Row("UTF-16 without BOM", ("annotate", A, *JSON), 0, "", files={"a.txt": ARTICLE.encode("utf-16-le")},
        stdout=_the_article),
    Row("UTF-8 with BOM", ("annotate", A, *JSON), 0, "", files={"a.txt": ARTICLE.encode("utf-8-sig")},
        stdout=_the_article),
    Row(
        "CRLF line ends", ("annotate", A, *JSON), 0, "",
        files={"a.txt": ARTICLE.replace("\n", "\r\n").encode()}, stdout=_the_article,
    ),
    Row("stdin", ("annotate", "-", *JSON), 0, "", stdin=ARTICLE.encode(), stdout=_the_article),
    # -- accepted: odd characters
    Row(
        "control characters", ("annotate", A, *JSON), 0, "",
        files={"a.txt": "停戦\x01が\x1b成立\x7fした。\u0085\n".encode()},
        stdout=_texts_are("停戦が成立した。"),
    ),
    Row(
        "lone surrogates (CESU-8)", ("annotate", A, *JSON), 0, "",
        files={"a.txt": b"\xed\xa0\x80" + "停戦が成立した。".encode()},
        stdout=_texts_are("\ufffd停戦が成立した。"),
    ),
    Row(
        "emoji and variation selectors", ("annotate", A, *JSON), 0, "",
        files={"a.txt": "首脳会談👍🏽が開かれた。葛\U000e0100の花🇯🇵。❤️\n".encode()},
        stdout=_texts_are("首脳会談👍🏽が開かれた。", "葛\U000e0100の花🇯🇵。", "❤️"),
    ),
    Row(
        "half-width katakana", ("annotate", A, *JSON), 0, "",
        files={"a.txt": "ﾆｭｰｽを読む。".encode()},
        stdout=_readings_are([("ﾆｭｰｽ", "にゅーす"), ("を", "を"), ("読む", "よむ"), ("。", None)]),
    ),
    Row(
        "mixed scripts", ("annotate", A, *JSON), 0, "",
        files={"a.txt": "NATOとЕС（EU）は한국語と中文で議論した。Привет 2025年\n".encode()},
        stdout=_texts_are("NATOとЕС（EU）は한국語と中文で議論した。", "Привет 2025年"),
    ),
    Row(
        "zero-width and bidi characters", ("annotate", A, *JSON), 0, "",
        files={"a.txt": "停\u200b戦\u202eが成立\ufeffした。".encode()},
        stdout=_texts_are("停\u200b戦\u202eが成立\ufeffした。"),
    ),
    # -- accepted: hostile HTML
    Row(
        "HTML with scripts, styles, iframes, handlers (JSON)", ("annotate", "{tmp}/a.html", *JSON), 0, "",
        files={"a.html": HOSTILE_HTML.encode()}, stdout=_hostile_html_as_json,
    ),
    Row(
        "HTML with scripts, styles, iframes, handlers (page)",
        ("annotate", "{tmp}/a.html", "--no-vocabulary"), 0, "",
        files={"a.html": HOSTILE_HTML.encode()}, stdout=_hostile_html_as_page,
    ),
    # -- accepted: long lines (Sudachi refuses one call above 49,149 bytes)
    Row(
        "a 60 KB line without punctuation", ("annotate", "{tmp}/line.txt", *JSON), 0, "",
        files={"line.txt": ("あ" * 10_000 + "首脳会談鉱物協定" * 1_250).encode()}, stdout=_long_line,
    ),
    Row(
        "a 1 MB line without punctuation", ("annotate", "{tmp}/line.txt", *JSON), 0, "",
        files={"line.txt": ("首脳会談鉱物協定停戦" * 35_000).encode()}, stdout=_long_line,
        marks=(pytest.mark.slow,),
    ),
    Row(
        "an enormous glossary (10,000 entries)", ("annotate", A, "--glossary", "{tmp}/g.toml", *JSON[:2]),
        0, "", files={**GOOD, "g.toml": _glossary_of(10_000)}, stdout=_the_article,
    ),
]

OTHER_ROWS = [
    # -- yomu deck
    Row("deck: missing input", ("deck", "{tmp}/missing.txt", "-o", "{tmp}/deck.apkg"), 1,
        E + r"missing\.txt: no such file; check the path"),
    Row(
        "deck: output equal to the input", ("deck", A, "-o", A), 1,
        E + r"a\.txt: is also an input; choose another output path", files=GOOD,
    ),
    Row(
        "deck: output in a missing directory", ("deck", A, "-o", "{tmp}/nodir/deck.apkg"), 1,
        E + r"nodir/deck\.apkg: directory {tmp}/nodir does not exist; create it or choose another path",
        files=GOOD,
    ),
    Row(
        "deck: a binary input", ("deck", "{tmp}/x.bin", "-o", "{tmp}/deck.apkg"), 1,
        E + r"x\.bin: is a binary file, not text; give a \.txt or \.html article",
        files={"x.bin": b"\x00\x01\x02" * 100},
    ),
    Row(
        "deck: Shift_JIS input", ("deck", A, "-o", "{tmp}/deck.apkg"), 0,
        r"{tmp}/deck\.apkg: \d+ notes from 1 article\(s\)(; \d+ of people and places)?",
        files={"a.txt": ARTICLE.encode("shift_jis")}, stdout=None,
    ),
    # -- yomu lookup
    Row("lookup: an empty word", ("lookup", ""), 1,
        "yomu: lookup: the word is empty; give a word, e.g. yomu lookup 首脳会談"),
    Row("lookup: only control characters", ("lookup", "\x01\x02 "), 1,
        "yomu: lookup: the word is empty; give a word, e.g. yomu lookup 首脳会談"),
    Row("lookup: half-width katakana", ("lookup", "ﾆｭｰｽ"), 0, "",
        stdout=_lookup_found("JMdict", "    1. (n) news")),
    Row("lookup: an emoji", ("lookup", "👍"), 1,
        "yomu: lookup: 👍: not in the glossaries, JMdict or JMnedict; check the spelling, "
        "or add it to your glossary"),
    Row("lookup: a word yomu does not know", ("lookup", "ゐゑゐゑ"), 1,
        "yomu: lookup: ゐゑゐゑ: not in the glossaries, JMdict or JMnedict; check the spelling, "
        "or add it to your glossary"),
    Row("lookup: a missing glossary", ("lookup", "停戦", "--glossary", "{tmp}/none.toml"), 1,
        E + r"none\.toml:0: no such file; check the glossary path"),
    # -- known-word lists (--known, --known-anki) for annotate, vocab and deck
    Row(
        "known: JSON instead of a word list", ("annotate", A, "--known", "{tmp}/k.json", *JSON[:2]), 1,
        E + r"k\.json: looks like JSON, not a word list; give one word per line, or a TSV/CSV file",
        files={**GOOD, "k.json": '{"known": ["政府"]}'.encode()},
    ),
    Row(
        "known: a binary file", ("vocab", A, "--known", "{tmp}/k.bin"), 1,
        E + r"k\.bin: is a binary file, not text; give a word list as a text file",
        files={**GOOD, "k.bin": b"\x00\x01\x02" * 50},
    ),
    Row(
        "known: sentences, not words", ("vocab", A, "--known", "{tmp}/k.txt"), 1,
        E + r"k\.txt:1: .{20}… is not a word \(over 40 characters\); give one word per line, "
        r"or pick the word column with --known-column",
        files={**GOOD, "k.txt": (ARTICLE.replace("\n", "") * 2).encode()},
    ),
    Row(
        "known: a column that is not there", ("deck", A, "-o", "{tmp}/d.apkg", "--known", "{tmp}/k.tsv",
                                              "--known-column", "3"), 1,
        E + r"k\.tsv:1: has no column 3; check --known-column",
        files={**GOOD, "k.tsv": "政府\tせいふ\n".encode()},
    ),
    Row(
        "known: a missing file", ("annotate", A, "--known", "{tmp}/none.txt", *JSON[:2]), 1,
        E + r"none\.txt: no such file; check the path", files=GOOD,
    ),
    Row(
        "known: a list in Shift_JIS", ("vocab", A, "--known", "{tmp}/k.txt", "--format", "tsv"), 0, "",
        files={**GOOD, "k.txt": "首脳\n会談\n".encode("shift_jis")}, stdout=_vocab_without("首脳", "会談"),
    ),
    Row(
        "known-anki: not a collection", ("vocab", A, "--known-anki", "{tmp}/c.anki2"), 1,
        E + r"c\.anki2: is not an Anki collection \(.*\)",
        files={**GOOD, "c.anki2": b"SQLite format 3\x00 but not really"},
    ),
    # -- yomu glossary check: problems are its output (stdout), the summary goes to stderr
    Row(
        "glossary check: bad TOML", ("glossary", "check", "{tmp}/g.toml"), 1, "",
        files={"g.toml": '[[entry]]\nterm = "和平案"\nreading = "わへいあん\n'.encode()},
        stdout=_stdout_lines("{tmp}/g.toml:3: invalid TOML: Illegal character '\\n'"),
    ),
    Row(
        "glossary check: missing file", ("glossary", "check", "{tmp}/none.toml"), 1, "",
        stdout=_stdout_lines("{tmp}/none.toml:0: no such file; check the glossary path"),
    ),
    Row(
        "glossary check: a directory", ("glossary", "check", "{tmp}/dir"), 1, "", make=_mkdir("dir"),
        stdout=_stdout_lines("{tmp}/dir:0: is a directory, not a glossary file; give a .toml file"),
    ),
    Row(
        "glossary check: an enormous glossary", ("glossary", "check", "{tmp}/g.toml"), 0,
        r"1 glossary file\(s\) OK", files={"g.toml": _glossary_of(10_000)}, stdout=_stdout_lines(),
    ),
]


def _params(rows: list[Row]) -> list[Any]:
    return [pytest.param(row, id=row.name, marks=row.marks) for row in rows]


def _prepare(row: Row, tmp: Path) -> list[str]:
    for name, data in row.files.items():
        (tmp / name).write_bytes(data)
    if row.make is not None:
        row.make(tmp)
    return [arg.replace("{tmp}", str(tmp)) for arg in row.args]


@pytest.mark.parametrize("row", _params(ANNOTATE_ROWS + OTHER_ROWS))
def test_cli_input_matrix(row: Row, tmp_path: Path) -> None:
    args = _prepare(row, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    done = run_yomu(*args, stdin=row.stdin)
    stderr = done.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    expected = row.stderr.replace("{tmp}", re.escape(str(tmp_path)))
    # One line (the patterns match no newline) or, when nothing is expected, nothing.
    assert re.fullmatch(expected + "\n" if expected else "", stderr), stderr
    if row.stdout is None:
        assert done.stdout == b""
    else:
        row.stdout(done.stdout, tmp_path)
    assert done.returncode == row.exit, stderr
    # Whatever happened, no input was changed and no temporary file was left behind.
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_deck_row_writes_the_deck(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("shift_jis"))
    done = run_yomu("deck", str(tmp_path / "a.txt"), "-o", str(tmp_path / "deck.apkg"))
    assert done.returncode == 0, done.stderr.decode()
    _deck_written(done.stdout, tmp_path)


def test_an_enormous_glossary_loads_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_bytes(_glossary_of(100_000))
    start = time.perf_counter()
    glossary = Glossary.load([path], include_shipped=False)
    elapsed = time.perf_counter() - start
    assert len(glossary) == 100_000
    assert glossary.get("試験用語099999") is not None
    assert elapsed < 30, elapsed


# --- the library: only YomuError subclasses, each with the CLI's message ---------------------


@dataclass(frozen=True)
class ApiRow:
    name: str
    call: Callable[[Path], object]
    error: type[YomuError]
    message: str
    """The exact message; ``{tmp}`` is the temporary directory."""


def _file(name: str, data: bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / name).write_bytes(data)
        return str(tmp / name)

    return make


def _annotate_file(make: Callable[[Path], str]) -> Callable[[Path], object]:
    return lambda tmp: Annotator(Options(vocabulary=False)).annotate_file(make(tmp))


def _sparse(name: str, size: int) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        with open(tmp / name, "wb") as out:
            out.truncate(size)
        return str(tmp / name)

    return make


def _with_glossary(data: bytes) -> Callable[[Path], object]:
    def call(tmp: Path) -> object:
        (tmp / "g.toml").write_bytes(data)
        return yomu.annotate("停戦が成立した。", glossaries=[tmp / "g.toml"])

    return call


API_ROWS = [
    ApiRow(
        "annotate: empty text", lambda tmp: yomu.annotate(""), InputError,
        "input: is empty; give article text",
    ),
    ApiRow(
        "annotate: whitespace and controls", lambda tmp: yomu.annotate(" \n\x00\x01\u3000", source="x"),
        InputError, "x: is empty; give article text",
    ),
    ApiRow(
        "annotate: the path of a file, as a str", lambda tmp: yomu.annotate(_file("a.txt", b"x")(tmp)),
        InputError,
        "{tmp}/a.txt: is the path of a file, not article text; use yomu.annotate_file('{tmp}/a.txt')",
    ),
    ApiRow(
        "file: missing", _annotate_file(lambda tmp: str(tmp / "missing.txt")), InputError,
        "{tmp}/missing.txt: no such file; check the path",
    ),
    ApiRow(
        "annotate_file: missing", lambda tmp: yomu.annotate_file(tmp / "missing.txt"), InputError,
        "{tmp}/missing.txt: no such file; check the path",
    ),
    ApiRow(
        "annotate_file: binary", lambda tmp: yomu.annotate_file(_file("x.png", b"\x89PNG\x00\x00" * 10)(tmp)),
        InputError, "{tmp}/x.png: is a binary file, not text; give a .txt or .html article",
    ),
    ApiRow(
        "file: a directory", _annotate_file(lambda tmp: str(tmp)), InputError,
        "{tmp}: is a directory; give the article files inside it",
    ),
    ApiRow(
        "file: binary", _annotate_file(_file("x.png", b"\x89PNG\x00\x00" * 10)), InputError,
        "{tmp}/x.png: is a binary file, not text; give a .txt or .html article",
    ),
    ApiRow(
        "file: undecodable", _annotate_file(_file("x.txt", bytes(range(0x80, 0x100)))), InputError,
        "{tmp}/x.txt: is not UTF-8, Shift_JIS or EUC-JP text; convert it to UTF-8 (e.g. with iconv)",
    ),
    ApiRow(
        "file: 50 MB", _annotate_file(_sparse("big.txt", 50 * 1024 * 1024)), InputError,
        "{tmp}/big.txt: is 50.0 MB, larger than the 10 MB yomu annotates in memory; write it to a JSON or "
        "HTML file (yomu annotate FILE -o out.json), which reads a text file in parts",
    ),
    ApiRow(
        "glossary: bad TOML", _with_glossary(b'[[entry]]\nterm = "x\n'), GlossaryError,
        "{tmp}/g.toml:2: invalid TOML: Illegal character '\\n'",
    ),
    ApiRow(
        "glossary: not UTF-8", _with_glossary(b"\xff\xfe\x00"), GlossaryError,
        "{tmp}/g.toml:0: is not UTF-8 text; save the glossary as UTF-8",
    ),
    ApiRow(
        "output: missing directory", lambda tmp: write_atomic(tmp / "no" / "x.json", b"{}"), OutputError,
        "{tmp}/no/x.json: directory {tmp}/no does not exist; create it or choose another path",
    ),
    ApiRow(
        "output: the input", lambda tmp: write_atomic(tmp / "x.txt", b"{}", inputs=[str(tmp / "x.txt")]),
        OutputError, "{tmp}/x.txt: is also an input; choose another output path",
    ),
]


@pytest.mark.parametrize("row", [pytest.param(r, id=r.name) for r in API_ROWS])
def test_api_input_matrix(row: ApiRow, tmp_path: Path) -> None:
    with pytest.raises(YomuError) as raised:
        row.call(tmp_path)
    assert type(raised.value) is row.error
    assert str(raised.value) == row.message.replace("{tmp}", str(tmp_path))


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (Path("a.txt"), "annotate() takes the article's text, not a path; use yomu.annotate_file('a.txt')"),
        (b"x", "annotate() takes the article's text as a str, not bytes; decode it first"),
        (None, "annotate() takes the article's text as a str, not NoneType"),
    ],
    ids=["a Path", "bytes", "None"],
)
def test_api_wrong_types_are_a_type_error_that_says_what_to_give(given: object, message: str) -> None:
    with pytest.raises(TypeError) as raised:
        yomu.annotate(given)  # type: ignore[arg-type]
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    "text",
    [
        "\ud800停戦\udfffが成立した。",
        "首脳会談👍🏽が開かれた。葛\U000e0100の花。",
        "ﾆｭｰｽを読む。",
        "<script>alert(1)</script>停戦",
        "あ" * 30_000,
    ],
    ids=["lone surrogates", "emoji and variation selectors", "half-width katakana", "markup as text", "long"],
)
def test_api_accepts_odd_text(text: str) -> None:
    doc = yomu.annotate(text, vocabulary=False)
    cleaned = text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert "".join(s.text for s in doc.sentences()) == cleaned
    assert "".join(t.surface for t in doc.tokens()) == cleaned
