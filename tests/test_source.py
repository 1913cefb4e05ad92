from __future__ import annotations

import io
from pathlib import Path

import pytest

from yomu.errors import InputError
from yomu.text.source import decode_input, read_input

ARTICLE = "日本と米国は首脳会談で鉱物協定について話し合った。\n停戦の条件も議題になった。\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("shift_jis", "shift_jis"),
        ("cp932", "shift_jis"),
        ("euc_jp", "euc-jp"),
        ("utf-16", "utf-16"),
    ],
)
def test_detects_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    got = read_input(str(path))
    assert got.text == ARTICLE
    assert got.encoding == expected
    assert got.format == "text"


def test_crlf_becomes_lf() -> None:
    assert decode_input("一行目\r\n二行目\r".encode(), "x").text == "一行目\n二行目\n"


def test_html_detected_by_suffix_and_content(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><body><p>会談</p></body></html>"
    (tmp_path / "a.htm").write_text(page, encoding="utf-8")
    (tmp_path / "b.txt").write_text(page, encoding="utf-8")
    assert read_input(str(tmp_path / "a.htm")).format == "html"
    assert read_input(str(tmp_path / "b.txt")).format == "html"


def test_stdin() -> None:
    got = read_input("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert (got.name, got.text) == ("<stdin>", ARTICLE)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "{p}: is empty; give a file with article text"),
        (b" \n\t\n", "{p}: is empty; give a file with article text"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "{p}: is a binary file, not text; give a .txt or .html article",
        ),
        (
            bytes(range(128, 256)) * 4,
            "{p}: is not UTF-8, Shift_JIS or EUC-JP text; convert it to UTF-8 (e.g. with iconv)",
        ),
    ],
)
def test_bad_files_explain_themselves(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_input(str(path))
    assert str(err.value) == message.format(p=path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file; check the path$"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match=r": is a directory; give the article files inside it$"):
        read_input(str(tmp_path))
