from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yomu.errors import GlossaryError
from yomu.meaning.glossary import (
    KINDS,
    Glossary,
    GlossaryEntry,
    check_glossaries,
    check_glossary,
    read_glossary,
    shipped_glossary_dir,
)

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

[[entry]]  # a person
term = "ヘグセス"
reading = "へぐせす"
gloss = "Hegseth"
kind = "person"
variants = ["ヘグセット"]
description = "Pete Hegseth — US Secretary of Defense"
as_of = 2025
note = "Also written ヘグセット."
"""

ENTRY = '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "x"\n'
PERSON = '[[entry]]\nterm = "小谷哲男"\nreading = "こたにてつお"\ngloss = "Tetsuo Kotani"\nkind = "person"\n'


def write(tmp_path: Path, text: str, name: str = "g.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def entry(term: str, reading: str, gloss: str, **extra: object) -> GlossaryEntry:
    return GlossaryEntry(term=term, reading=reading, glosses=(gloss,), kind="term", **extra)  # type: ignore[arg-type]


# --- reading files ---------------------------------------------------------------------------


def test_reads_entries_with_line_numbers_and_domain(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    first, second, third = read_glossary(path)
    assert first == GlossaryEntry(
        term="和平案", reading="わへいあん", glosses=("peace plan", "peace proposal"), kind="term",
        domain="test", file=str(path), line=4,
    )  # fmt: skip
    assert (second.glosses, second.variants, second.line, second.as_of) == (
        ("the US and Russia",), ("米露",), 10, None,
    )  # fmt: skip
    assert third == GlossaryEntry(
        term="ヘグセス", reading="へぐせす", glosses=("Hegseth",), kind="person",
        note="Also written ヘグセット.", variants=("ヘグセット",),
        description="Pete Hegseth — US Secretary of Defense", domain="test", file=str(path), line=17,
        as_of=2025,
    )  # fmt: skip


def test_domain_defaults_to_the_file_name_and_kind_to_term(tmp_path: Path) -> None:
    (only,) = read_glossary(write(tmp_path, ENTRY, "economy_trade.toml"))
    assert (only.domain, only.kind, only.line, only.glosses) == ("economy_trade", "term", 1, ("x",))


def test_inline_array_of_entries_points_at_the_array(tmp_path: Path) -> None:
    text = '# entries\nentry = [\n  { term = "和平案", reading = "わへいあん", gloss = "x" },\n]\n'
    (only,) = read_glossary(write(tmp_path, text))
    assert only.line == 2


def test_text_is_stripped(tmp_path: Path) -> None:
    text = '[[entry]]\nterm = " 和平案 "\nreading = "わへいあん "\ngloss = " peace plan "\n'
    text += 'variants = [" 和平計画案"]\n'
    (only,) = read_glossary(write(tmp_path, text))
    assert (only.term, only.reading, only.glosses, only.variants) == (
        "和平案", "わへいあん", ("peace plan",), ("和平計画案",),
    )  # fmt: skip


# --- looking up ------------------------------------------------------------------------------


def test_lookup_by_term_and_variant(tmp_path: Path) -> None:
    glossary = Glossary.load([write(tmp_path, GOOD)], include_shipped=False)
    assert glossary.get("米露") is glossary.get("米ロ") is glossary.entries[1]
    assert glossary.get("ヘグセット") is glossary.get("ヘグセス")
    assert glossary.get("米") is None and glossary.get("和平") is None
    assert "米露" in glossary and "米" not in glossary
    assert len(glossary) == 3 and list(glossary) == list(glossary.entries)
    assert glossary.max_term_length == 5  # ヘグセット


def test_empty_glossary() -> None:
    empty = Glossary.from_entries([])
    assert (empty.entries, empty.max_term_length, empty.get("和平案")) == ((), 0, None)


def test_later_entries_win_and_replaced_ones_leave_entries() -> None:
    old = entry("米ロ", "べいろ", "US–Russia", variants=("米露",))
    new = entry("米ロ", "べいろ", "the US and Russia")
    glossary = Glossary.from_entries([old, new])
    # 米露 still finds the old entry, so it stays; 米ロ is the new one's.
    assert (glossary.get("米ロ"), glossary.get("米露"), glossary.entries) == (new, old, (old, new))
    newer = entry("米露", "べいろ", "Washington and Moscow")
    glossary = Glossary.from_entries([old, new, newer])
    assert glossary.entries == (new, newer)


def test_reading_of_a_variant() -> None:
    hegseth = GlossaryEntry(
        term="ヘグセス", reading="へぐせす", glosses=("Hegseth",), kind="person",
        variants=("ヘグセット", "ピート・ヘグセット"),
    )  # fmt: skip
    assert [hegseth.reading_of(f) for f in hegseth.forms] == ["へぐせす", "へぐせっと", "ぴーとへぐせっと"]
    us_russia = entry("米ロ", "べいろ", "the US and Russia", variants=("米露",))
    assert us_russia.reading_of("米露") == "べいろ"


def test_user_glossary_wins_over_shipped(tmp_path: Path) -> None:
    user = write(
        tmp_path, '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "my plan"\nkind = "term"\n'
    )
    shipped = Glossary.shipped()
    assert shipped.get("和平案").glosses[0] == "peace plan"  # type: ignore[union-attr]
    loaded = Glossary.load([user])
    mine = loaded.get("和平案")
    assert mine is not None and mine.glosses == ("my plan",) and mine.file == str(user)
    assert [e.glosses for e in loaded.entries if e.term == "和平案"] == [("my plan",)]
    assert len(loaded) == len(shipped)
    assert loaded.get("鉱物協定") is shipped.get("鉱物協定")


def test_later_user_file_wins(tmp_path: Path) -> None:
    a = write(tmp_path, ENTRY.replace('"x"', '"a"'), "a.toml")
    b = write(tmp_path, ENTRY.replace('"x"', '"b"'), "b.toml")
    assert Glossary.load([a, b], include_shipped=False).get("和平案").glosses == ("b",)  # type: ignore[union-attr]
    assert Glossary.load([b, a], include_shipped=False).get("和平案").glosses == ("a",)  # type: ignore[union-attr]


def test_load_stops_on_a_broken_user_file(tmp_path: Path) -> None:
    bad = write(tmp_path, '[[entry]]\nterm = "和平案"\n')
    with pytest.raises(GlossaryError, match=r"g\.toml:1: 和平案: missing reading$"):
        Glossary.load([bad])


# --- problems --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[entry]]\nterm = "和平案"\nreading = "わへいあん"\n', "1: 和平案: missing gloss"),
        ('[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = ""\n', "4: 和平案: empty gloss"),
        ('[[entry]]\nterm = "和平案"\nreading = "わへいあん"\nglosses = []\n', "4: 和平案: empty gloss"),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\nglosses = ["a", " "]\n',
            "4: 和平案: empty gloss",
        ),
        (ENTRY + 'glosses = ["y"]\n', "5: 和平案: give gloss or glosses, not both"),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = ["x"]\n',
            "4: 和平案: gloss must be a string (use glosses for a list)",
        ),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\nglosses = "x"\n',
            "4: 和平案: glosses must be a list of strings",
        ),
        ('[[entry]]\nterm = "和平案"\ngloss = "peace plan"\n', "1: 和平案: missing reading"),
        ('[[entry]]\nreading = "わ"\ngloss = "x"\n', "1: missing term"),
        ('[[entry]]\nterm = 1\nreading = "わ"\ngloss = "x"\n', "2: term must be a string"),
        (
            '\n[[entry]]\nterm = "和平案"\nreading = "ワヘイアン"\ngloss = "x"\n',
            "4: 和平案: reading 'ワヘイアン' is not hiragana (no katakana, spaces or romaji)",
        ),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへい あん"\ngloss = "x"\n',
            "3: 和平案: reading 'わへい あん' is not hiragana (no katakana, spaces or romaji)",
        ),
        (
            '[[entry]]\nterm = "キア・スターマー"\nreading = "きあ・すたーまー"\ngloss = "x"\n',
            "3: キア・スターマー: reading 'きあ・すたーまー' is not hiragana (no katakana, spaces or romaji)",
        ),
        (
            '[[entry]]\nterm = "ゼレンスキー"\nreading = "ぜれんすきい"\ngloss = "x"\n',
            "3: ゼレンスキー: reading 'ぜれんすきい' does not match the term's kana ('ぜれんすきー')",
        ),
        (
            '[[entry]]\nterm = "安全の保証"\nreading = "あんぜんほしょう"\ngloss = "x"\n',
            "3: 安全の保証: reading 'あんぜんほしょう' does not fit the kana written in the term",
        ),
        (
            '[[entry]]\nterm = "鉱物ディール"\nreading = "でぃーる"\ngloss = "x"\n',
            "3: 鉱物ディール: reading 'でぃーる' does not fit the kana written in the term",
        ),
        (
            ENTRY + 'kind = "thing"\n',
            "5: 和平案: unknown kind 'thing' (one of term, person, place, organisation, event)",
        ),
        (
            ENTRY + 'kind = "word"\n',
            "5: 和平案: unknown kind 'word' (one of term, person, place, organisation, event)",
        ),
        (ENTRY + 'glos = "y"\n', "5: unknown key 'glos'"),
        (ENTRY + 'variants = "和平計画案"\n', "5: 和平案: variants must be a list of non-empty strings"),
        (ENTRY + 'variants = [""]\n', "5: 和平案: variants must be a list of non-empty strings"),
        (ENTRY + 'variants = ["和平案"]\n', "5: 和平案: a variant repeats the term"),
        (ENTRY + 'variants = ["和平計画", "和平計画"]\n', "5: 和平案: variant 和平計画 is listed twice"),
        (ENTRY + 'variants = ["和平の案"]\n', "5: 和平案: variant 和平の案 cannot be read 'わへいあん'"),
        (ENTRY + "note = 1\n", "5: 和平案: note must be a string"),
        (ENTRY + 'description = ["x"]\n', "5: 和平案: description must be a string"),
        (ENTRY + 'as_of = "2025"\n', "5: 和平案: as_of must be a year, e.g. 2025"),
        (ENTRY + "as_of = true\n", "5: 和平案: as_of must be a year, e.g. 2025"),
        (ENTRY + "as_of = 25\n", "5: 和平案: as_of must be a year, e.g. 2025"),
        (
            '[[entry]]\nterm = "和平案"\nreading = "わへいあん"\ngloss = "x\n',
            "4: invalid TOML: Illegal character '\\n'",
        ),
        ('[[entry]]\nterm = "和平案"\nterm = "停戦"\n', "3: invalid TOML: Cannot overwrite a value"),
        (
            '[[entry]]\nterm = "米ロ"\nreading = "べいろ"\ngloss = "x"\n\n'
            '[[entry]]\nterm = "米露"\nreading = "べいろ"\ngloss = "y"\nvariants = ["米ロ"]\n',
            "10: 米ロ is already defined at line 1 with another reading or gloss",
        ),
        (
            '[[entry]]\nterm = "米ロ"\nreading = "べいろ"\ngloss = "x"\n\n'
            '[[entry]]\nterm = "米ロ"\nreading = "べいろ"\ngloss = "x"\n',
            "7: 米ロ is already defined at line 1",
        ),
        ('title = "x"\n', "1: unknown top-level key 'title' (expected [glossary] and [[entry]] tables)"),
        (
            ENTRY + '\n[meta]\nauthor = "me"\n',
            "6: unknown top-level key 'meta' (expected [glossary] and [[entry]] tables)",
        ),
        ("entry = 1\n", "1: 'entry' must be an array of tables: write [[entry]]"),
        ('glossary = "x"\n' + ENTRY, "1: 'glossary' must be a table: write [glossary]"),
        (
            '[glossary]\ndomian = "x"\n\n' + ENTRY,
            "2: unknown key 'domian' in [glossary] (expected domain, description)",
        ),
        ("[glossary]\ndomain = 1\n\n" + ENTRY, "2: [glossary] domain must be a string"),
        ("[[entry]]\n", "1: missing term"),
        (
            PERSON + 'family = { term = "小谷", reading = "こたに" }\n',
            '6: 小谷哲男: family must be { term = "…", reading = "…", gloss = "…" }',
        ),
        (
            PERSON + 'family = { term = "小谷", reading = "コタニ", gloss = "Kotani" }\n',
            "6: 小谷哲男: family reading 'コタニ' is not hiragana",
        ),
        (
            PERSON + 'family = { term = "大谷", reading = "おおたに", gloss = "Otani" }\n',
            "6: 小谷哲男: family 大谷 is not the start of the term",
        ),
        (
            PERSON + 'family = { term = "小谷", reading = "おたに", gloss = "Otani" }\n',
            "6: 小谷哲男: family reading 'おたに' is not the start of the reading",
        ),
        (
            PERSON + 'family = { term = "小谷", reading = "こたに", gloss = "" }\n',
            "6: 小谷哲男: family term, reading and gloss must be non-empty strings",
        ),
        (
            ENTRY + 'family = { term = "和平", reading = "わへい", gloss = "x" }\n',
            '5: 和平案: family is only for kind = "person"',
        ),
    ],
)
def test_every_problem_is_reported_as_file_line_message(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    expected = f"{path}:{problem}"
    found = check_glossary(path)
    assert found[:1] == [expected]
    if problem != "1: missing term":  # an empty entry also lacks its reading and gloss
        assert found == [expected]
    with pytest.raises(GlossaryError) as err:
        read_glossary(path)
    assert str(err.value) == expected


def test_invalid_toml_at_end_of_document_points_at_the_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, ENTRY + "[[entry")
    (problem,) = check_glossary(path)
    assert problem.startswith(f"{path}:5: invalid TOML: ") and "(at" not in problem


def test_every_problem_of_an_entry_and_a_file_in_line_order(tmp_path: Path) -> None:
    text = (
        '[[entry]]\nterm = "停戦"\nreading = "テイセン"\nkind = "thing"\n\n'
        + ENTRY
        + 'glos = "y"\n\n[x]\ny = 2\n'
    )
    path = write(tmp_path, text)
    assert check_glossary(path) == [
        f"{path}:1: 停戦: missing gloss",
        f"{path}:3: 停戦: reading 'テイセン' is not hiragana (no katakana, spaces or romaji)",
        f"{path}:4: 停戦: unknown kind 'thing' (one of term, person, place, organisation, event)",
        f"{path}:10: unknown key 'glos'",
        f"{path}:12: unknown top-level key 'x' (expected [glossary] and [[entry]] tables)",
    ]


def test_first_problem_is_the_first_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, ENTRY + '\n[[entry]]\nterm = "停戦"\nreading = "ていせん"\n\n[extra]\n')
    with pytest.raises(GlossaryError) as err:
        read_glossary(path)
    assert str(err.value) == f"{path}:6: 停戦: missing gloss"
    assert check_glossary(path)[1] == (
        f"{path}:10: unknown top-level key 'extra' (expected [glossary] and [[entry]] tables)"
    )


def test_conflicts_across_files(tmp_path: Path) -> None:
    a = write(
        tmp_path, '[[entry]]\nterm = "停戦案"\nreading = "ていせんあん"\ngloss = "ceasefire plan"\n', "a.toml"
    )
    b = write(tmp_path, '[[entry]]\nterm = "停戦案"\nreading = "ていせんあん"\ngloss = "truce"\n', "b.toml")
    assert check_glossary(a) == check_glossary(b) == []
    assert check_glossaries([a, b]) == [
        f"{b}:1: 停戦案 conflicts with {a}:1 (ていせんあん 'ceasefire plan' vs ていせんあん 'truce')"
    ]


def test_a_variant_conflicts_with_a_term_of_another_file(tmp_path: Path) -> None:
    a = write(
        tmp_path, '[[entry]]\nterm = "米露"\nreading = "べいろ"\ngloss = "Russia and the US"\n', "a.toml"
    )
    b = write(
        tmp_path,
        '\n[[entry]]\nterm = "米ロ"\nreading = "べいろ"\ngloss = "x"\nvariants = ["米露"]\n',
        "b.toml",
    )
    assert check_glossaries([a, b]) == [
        f"{b}:2: 米露 conflicts with {a}:1 (べいろ 'Russia and the US' vs べいろ 'x')"
    ]


def test_the_same_entry_in_two_files_is_no_conflict(tmp_path: Path) -> None:
    a = write(tmp_path, ENTRY, "a.toml")
    b = write(tmp_path, ENTRY.replace('gloss = "x"', 'glosses = ["x", "y"]'), "b.toml")
    assert check_glossaries([a, b]) == []


def test_problems_of_every_file_are_reported(tmp_path: Path) -> None:
    a = write(tmp_path, ENTRY + 'glos = "y"\n', "a.toml")
    b = write(tmp_path, '[[entry]]\nterm = "和平案"\n', "b.toml")
    assert check_glossaries([a, b]) == [
        f"{a}:5: unknown key 'glos'",
        f"{b}:1: 和平案: missing reading",
        f"{b}:1: 和平案: missing gloss",
    ]


def test_missing_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    nope = tmp_path / "nope.toml"
    assert check_glossary(nope) == [f"{nope}:0: no such file; check the glossary path"]
    assert check_glossary(tmp_path) == [
        f"{tmp_path}:0: is a directory, not a glossary file; give a .toml file"
    ]
    bad = tmp_path / "sjis.toml"
    bad.write_bytes('term = "和平案"'.encode("shift_jis"))
    assert check_glossary(bad) == [f"{bad}:0: is not UTF-8 text; save the glossary as UTF-8"]
    with pytest.raises(GlossaryError, match="no such file"):
        read_glossary(tmp_path / "nope.toml")


_HIRAGANA = st.text(st.characters(min_codepoint=0x3041, max_codepoint=0x3093), min_size=1, max_size=8)
_KANJI = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6)


@given(
    term=_KANJI,
    reading=_HIRAGANA,
    glosses=st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(
            lambda g: g.strip() == g
        ),
        min_size=1,
        max_size=3,
    ),
    kind=st.sampled_from(KINDS),
    as_of=st.none() | st.integers(1900, 2100),
)
def test_any_valid_entry_reads_back(
    tmp_path_factory: pytest.TempPathFactory,
    term: str, reading: str, glosses: list[str], kind: str, as_of: int | None,
) -> None:  # fmt: skip
    # json.dumps writes a valid TOML basic string for text without control characters.
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    text = f"[[entry]]\nterm = {dump(term)}\nreading = {dump(reading)}\n"
    text += f"glosses = {dump(glosses)}\nkind = {dump(kind)}\n"
    text += f"as_of = {as_of}\n" if as_of is not None else ""
    path = write(tmp_path_factory.mktemp("g"), text)
    (only,) = read_glossary(path)
    assert (only.term, only.reading, only.glosses, only.kind, only.as_of) == (
        term, reading, tuple(glosses), kind, as_of,
    )  # fmt: skip


# --- the shipped glossaries ------------------------------------------------------------------


SHIPPED = sorted(shipped_glossary_dir().glob("*.toml"))


def test_shipped_glossaries_are_valid() -> None:
    assert [p.name for p in SHIPPED] == [
        "diplomacy_security.toml", "economy_trade.toml", "people.toml",
        "places_organisations.toml", "politics_government.toml",
    ]  # fmt: skip
    assert check_glossaries(SHIPPED) == []
    assert len(Glossary.shipped()) >= 300
    assert Glossary.shipped() is Glossary.shipped()


def test_shipped_domains_are_the_file_names() -> None:
    for path in SHIPPED:
        assert {e.domain for e in read_glossary(path)} == {path.stem}


def test_shipped_people_say_who_they_are_and_when() -> None:
    people = [e for e in Glossary.shipped().entries if e.kind == "person"]
    assert len(people) >= 40
    for person in people:
        assert " — " in person.description and person.as_of is not None, person.term


@pytest.mark.parametrize(
    ("form", "term", "reading", "gloss", "kind"),
    [
        ("和平案", "和平案", "わへいあん", "peace plan", "term"),
        ("安全の保証", "安全の保証", "あんぜんのほしょう", "security guarantees", "term"),
        ("安全保障の保証", "安全保障の保証", "あんぜんほしょうのほしょう", "security guarantees", "term"),
        ("鉱物協定", "鉱物協定", "こうぶつきょうてい", "minerals agreement", "term"),
        ("鉱物資源協定", "鉱物資源協定", "こうぶつしげんきょうてい", "mineral resources agreement", "term"),
        ("対露制裁", "対ロ制裁", "たいろせいさい", "sanctions against Russia", "term"),
        ("米露", "米ロ", "べいろ", "the US and Russia", "term"),
        ("停戦合意", "停戦合意", "ていせんごうい", "ceasefire agreement", "term"),
        ("和平交渉", "和平交渉", "わへいこうしょう", "peace negotiations", "term"),
        ("領土割譲", "領土割譲", "りょうどかつじょう", "cession of territory", "term"),
        ("バックストップ", "バックストップ", "ばっくすとっぷ", "backstop", "term"),
        ("トランプ", "トランプ", "とらんぷ", "Trump", "person"),
        ("ゼレンスキー", "ゼレンスキー", "ぜれんすきー", "Zelensky", "person"),
        ("ヘグセット", "ヘグセス", "へぐせす", "Hegseth", "person"),
        ("キア・スターマー", "キア・スターマー", "きあすたーまー", "Keir Starmer", "person"),
        ("王毅", "王毅", "おうき", "Wang Yi", "person"),
        ("小谷哲男", "小谷哲男", "こたにてつお", "Tetsuo Kotani", "person"),
        ("キエフ", "キーウ", "きーう", "Kyiv", "place"),
        ("ルハンシク", "ルハンシク", "るはんしく", "Luhansk", "place"),
        ("北大西洋条約機構", "北大西洋条約機構", "きたたいせいようじょうやくきこう", "NATO", "organisation"),
        (
            "日本国際問題研究所",
            "日本国際問題研究所",
            "にほんこくさいもんだいけんきゅうしょ",
            "Japan Institute of International Affairs",
            "organisation",
        ),
        (
            "米ウクライナ首脳会談",
            "米ウクライナ首脳会談",
            "べいうくらいなしゅのうかいだん",
            "US–Ukraine summit",
            "event",
        ),
    ],
)
def test_shipped_seed_vocabulary(form: str, term: str, reading: str, gloss: str, kind: str) -> None:
    found = Glossary.shipped().get(form)
    assert found is not None
    assert (found.term, found.reading, found.glosses[0], found.kind) == (term, reading, gloss, kind)


def test_trump_is_described_as_of_2025() -> None:
    trump = Glossary.shipped().get("トランプ")
    assert trump is not None
    assert (trump.description, trump.as_of) == ("Donald Trump — President of the United States", 2025)


def test_family_name_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, PERSON + 'family = { term = "小谷", reading = "こたに", gloss = "Kotani" }\n')
    (person,) = read_glossary(path)
    assert person.family is not None
    assert (person.family.term, person.family.reading, person.family.gloss) == ("小谷", "こたに", "Kotani")
    assert Glossary([person]).people_with_family == (person,)


# --- the shipped glossaries, parsed once and kept in the cache folder -------------------------


@pytest.fixture
def glossary_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("YOMU_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def copy_of_shipped(folder: Path) -> list[Path]:
    from yomu.meaning.glossary import shipped_glossary_dir

    folder.mkdir()
    for path in shipped_glossary_dir().glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    return sorted(folder.glob("*.toml"))


def test_the_cache_gives_the_entries_parsing_gives(
    tmp_path: Path, glossary_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yomu.meaning import glossary_index
    from yomu.meaning.glossary import read_glossary

    paths = copy_of_shipped(tmp_path / "shipped")
    parsed = tuple(e for p in paths for e in read_glossary(p))
    assert len(parsed) == 895
    assert glossary_index.shipped_entries(tmp_path / "shipped") == parsed  # parsed, then kept
    assert glossary_index.cache_file().parent == glossary_cache
    assert glossary_index.cache_file().is_file()

    def no_parsing(path: Path) -> None:
        raise AssertionError(f"parsed {path} the cache holds")

    monkeypatch.setattr(glossary_index, "read_glossary", no_parsing)
    from_cache = glossary_index.shipped_entries(tmp_path / "shipped")
    assert from_cache == parsed
    assert from_cache[0].file == str(tmp_path / "shipped" / "diplomacy_security.toml")


def test_an_edited_glossary_is_read_from_its_toml_not_the_stale_cache(
    tmp_path: Path, glossary_cache: Path
) -> None:
    from yomu.meaning.glossary_index import cache_file, shipped_entries

    folder = tmp_path / "shipped"
    copy_of_shipped(folder)
    before = shipped_entries(folder)
    edited = folder / "economy_trade.toml"
    added = '\n[[entry]]\nterm = "試験用語"\nreading = "しけんようご"\ngloss = "test term"\n'
    edited.write_text(edited.read_text(encoding="utf-8") + added, encoding="utf-8")
    after = shipped_entries(folder)
    assert len(after) == len(before) + 1
    assert [e.file for e in after if e.term == "試験用語"] == [str(edited)]
    cache_file().write_text("{not json", encoding="utf-8")
    assert shipped_entries(folder) == after
    cache_file().write_text('{"format": 2, "files": {}, "entries": [{"term": 1}]}', encoding="utf-8")
    assert shipped_entries(folder) == after


def test_a_cache_that_cannot_be_written_only_costs_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yomu.meaning.glossary import read_glossary
    from yomu.meaning.glossary_index import shipped_entries

    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("YOMU_CACHE_DIR", str(blocked))
    paths = copy_of_shipped(tmp_path / "shipped")
    assert shipped_entries(tmp_path / "shipped") == tuple(e for p in paths for e in read_glossary(p))
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_check_points_at_the_faulty_key_not_its_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[entry]]\n# a comment\nterm = "和平案"\n\n"reading" = "ワヘイアン"\n'
        'glosses = [\n  "peace plan",\n  2,\n]\n'
        'kind = "thing"\n\n[[entry]]\nterm = "停戦"\n',
    )
    assert check_glossary(path) == [
        f"{path}:5: 和平案: reading 'ワヘイアン' is not hiragana (no katakana, spaces or romaji)",
        f"{path}:6: 和平案: glosses must be a list of strings",
        f"{path}:10: 和平案: unknown kind 'thing' (one of term, person, place, organisation, event)",
        f"{path}:12: 停戦: missing reading",
        f"{path}:12: 停戦: missing gloss",
    ]
