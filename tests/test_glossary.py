from __future__ import annotations

from pathlib import Path

import pytest

from yomu.errors import GlossaryError
from yomu.glossary import Glossary, check_glossaries, check_glossary, read_glossary, shipped_glossary_dir

GOOD = """\
[glossary]
domain = "test"

[[entry]]
term = "和平案"
reading = "わへいあん"
glosses = ["peace plan", "peace proposal"]
kind = "term"

[[entry]]
term = "米ロ"
reading = "べいろ"
gloss = "the US and Russia"
kind = "term"
variants = ["米露"]
"""


def write(tmp_path: Path, text: str, name: str = "g.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_entries_with_line_numbers_and_domain(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    first, second = read_glossary(path)
    assert (first.term, first.reading, first.glosses, first.kind, first.line, first.domain) == (
        "和平案", "わへいあん", ("peace plan", "peace proposal"), "term", 4, "test",
    )  # fmt: skip
    assert (second.glosses, second.variants, second.line) == (("the US and Russia",), ("米露",), 10)


def test_lookup_by_term_and_variant(tmp_path: Path) -> None:
    glossary = Glossary.load([write(tmp_path, GOOD)], include_shipped=False)
    assert glossary.get("米露") is glossary.get("米ロ")
    assert glossary.get("米") is None
    assert glossary.max_term_length == 3


def test_user_glossary_wins_over_shipped(tmp_path: Path) -> None:
    user = write(
        tmp_path, '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "my plan"\nkind = "term"\n'
    )
    assert Glossary.shipped().get("和平案").glosses[0] == "peace plan"  # type: ignore[union-attr]
    assert Glossary.load([user]).get("和平案").glosses == ("my plan",)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[entry]]\nterm = "和平案"\nreading = "わへいあん"\n', "{p}:1: 和平案: missing gloss"),
        ('[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = ""\n', "{p}:1: 和平案: empty gloss"),
        ('[[entry]]\nterm = "和平案"\ngloss = "peace plan"\n', "{p}:1: 和平案: missing reading"),
        ('[[entry]]\nreading = "わ"\ngloss = "x"\n', "{p}:1: missing term"),
        (
            '\n[[entry]]\nterm = "和平案"\nreading = "ワヘイアン"\ngloss = "x"\n',
            "{p}:2: 和平案: reading 'ワヘイアン' is not hiragana (no katakana, spaces or romaji)",
        ),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "x"\nkind = "thing"\n',
            "{p}:1: 和平案: unknown kind 'thing' (one of term, person, place, organisation, event)",
        ),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "x"\nglos = "y"\n',
            "{p}:1: unknown key 'glos'",
        ),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "x\n',
            "{p}:4: invalid TOML: Illegal character '\\n'",
        ),
        (
            '[[entry]]\nterm = "米ロ"\nreading = "べいろ"\ngloss = "x"\n\n'
            '[[entry]]\nterm = "米露"\nreading = "べいろ"\ngloss = "y"\nvariants = ["米ロ"]\n',
            "{p}:6: 米ロ is already defined at line 1 with another reading or gloss",
        ),
        ('title = "x"\n', "{p}:1: unknown top-level key 'title' (expected [glossary] and [[entry]] tables)"),
    ],
)
def test_every_problem_is_reported_as_file_line_message(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    assert check_glossary(path) == [problem.format(p=path)]
    with pytest.raises(GlossaryError) as err:
        read_glossary(path)
    assert str(err.value) == problem.format(p=path)


def test_conflicts_across_files(tmp_path: Path) -> None:
    a = write(
        tmp_path, '[[entry]]\nterm = "停戦案"\nreading = "ていせんあん"\ngloss = "ceasefire plan"\n', "a.toml"
    )
    b = write(tmp_path, '[[entry]]\nterm = "停戦案"\nreading = "ていせんあん"\ngloss = "truce"\n', "b.toml")
    assert check_glossaries([a, b]) == [
        f"{b}:1: 停戦案 conflicts with {a}:1 (ていせんあん 'ceasefire plan' vs ていせんあん 'truce')"
    ]


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    assert check_glossary(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}:0: no such file"]
    bad = tmp_path / "sjis.toml"
    bad.write_bytes('term = "和平案"'.encode("shift_jis"))
    assert check_glossary(bad) == [f"{bad}:0: is not UTF-8 text; save the glossary as UTF-8"]


def test_shipped_glossaries_are_valid() -> None:
    files = sorted(shipped_glossary_dir().glob("*.toml"))
    assert len(files) == 5
    assert check_glossaries(files) == []
    assert len(Glossary.shipped()) >= 240
