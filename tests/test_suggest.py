"""``yomu glossary suggest``: candidates, counts, the TOML skeleton and the fill-in round trip."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from yomu.meaning.glossary import Glossary, GlossaryEntry
from yomu.meaning.suggest import Suggestion, render_tsv, suggest
from yomu.pipeline import Annotator

from .test_cli import yomu

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Original text: an unknown compound (越境攻撃対策: a glossary term + a word), an unknown
# katakana name (シネグボフ), composed items (新方針, 停戦後), a place + suffix, a name
# JMnedict knows (田中一郎), numbers with counters (3日, 100億ドル) that must not count.
ARTICLE_A = """越境攻撃対策で新方針
政府は、越境攻撃対策を強化する方針を固めた。
ハルキウ州のシネグボフ知事は「攻撃は3日も続いた」と述べた。
停戦後の復興支援について、田中一郎報道官が説明した。
"""
ARTICLE_B = """越境攻撃対策の予算は100億ドルにのぼる。
シネグボフ知事が再び警告した。
"""

EXPECTED_TOML = """\
# 6 glossary candidates from a.txt, b.txt, by `yomu glossary suggest`.
# Fill in each gloss (or delete the entry), check the reading and kind, then
#   yomu glossary check FILE && yomu annotate ARTICLE --glossary FILE
# Every gloss is empty on purpose: `yomu glossary check` fails until each one is filled in.

# 3× in a.txt, b.txt — parts: 越境攻撃 cross-border attack + 対策 measure
# 越境攻撃対策で新方針
[[entry]]
term = "越境攻撃対策"
reading = "えっきょうこうげきたいさく"
gloss = ""
kind = "term"

# 2× in a.txt, b.txt — no gloss
# ハルキウ州のシネグボフ知事は「攻撃は3日も続いた」と述べた。
[[entry]]
term = "シネグボフ"
reading = "しねぐぼふ"
gloss = ""
kind = "person"

# 1× in a.txt — composed gloss: 新 new, neo- + 方針 policy, course
# 越境攻撃対策で新方針
[[entry]]
term = "新方針"
reading = "しんほうしん"
gloss = ""
kind = "term"

# 1× in a.txt — parts: ハルキウ Kharkiv + 州 state (US, Australia, India, Germany, etc.)
# ハルキウ州のシネグボフ知事は「攻撃は3日も続いた」と述べた。
[[entry]]
term = "ハルキウ州"
reading = "はるきうしゅう"
gloss = ""
kind = "term"

# 1× in a.txt — composed gloss: 停戦 armistice, ceasefire + 後 after
# 停戦後の復興支援について、田中一郎報道官が説明した。
[[entry]]
term = "停戦後"
reading = "ていせんご"
gloss = ""
kind = "term"

# 1× in a.txt — from JMnedict (Tanaka Ichirō), check the reading
# 停戦後の復興支援について、田中一郎報道官が説明した。
[[entry]]
term = "田中一郎"
reading = "たなかいちろう"
gloss = ""
kind = "person"
"""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return tmp_path


def test_candidates_counts_and_first_sentences(articles: Path) -> None:
    annotator = Annotator()
    docs = [annotator.annotate_file(str(articles / name)) for name in ("a.txt", "b.txt")]
    a, b = str(articles / "a.txt"), str(articles / "b.txt")
    sentence_1 = "越境攻撃対策で新方針"
    sentence_3 = "ハルキウ州のシネグボフ知事は「攻撃は3日も続いた」と述べた。"
    sentence_4 = "停戦後の復興支援について、田中一郎報道官が説明した。"
    assert suggest(docs, annotator.glossary) == (
        Suggestion(
            "越境攻撃対策", "えっきょうこうげきたいさく", "term", "compound",
            "越境攻撃 cross-border attack + 対策 measure", 3, (a, b), sentence_1,
        ),
        Suggestion("シネグボフ", "しねぐぼふ", "person", "no gloss", "", 2, (a, b), sentence_3),
        Suggestion(
            "新方針", "しんほうしん", "term", "composed",
            "新 new, neo- + 方針 policy, course", 1, (a,), sentence_1,
        ),
        Suggestion(
            "ハルキウ州", "はるきうしゅう", "term", "compound",
            "ハルキウ Kharkiv + 州 state (US, Australia, India, Germany, etc.)", 1, (a,), sentence_3,
        ),
        Suggestion(
            "停戦後", "ていせんご", "term", "composed",
            "停戦 armistice, ceasefire + 後 after", 1, (a,), sentence_4,
        ),
        Suggestion("田中一郎", "たなかいちろう", "person", "jmnedict", "Tanaka Ichirō", 1, (a,), sentence_4),
    )  # fmt: skip


def test_a_term_or_variant_the_glossary_has_is_left_out(articles: Path) -> None:
    annotator = Annotator()
    docs = [annotator.annotate_file(str(articles / "a.txt"))]
    extra = GlossaryEntry(
        term="越境攻撃への対策",
        reading="えっきょうこうげきへのたいさく",
        glosses=("measures against cross-border attacks",),
        kind="term",
        variants=("越境攻撃対策",),
    )
    glossary = Glossary([*annotator.glossary, extra])
    terms = [s.term for s in suggest(docs, glossary)]
    assert terms == ["新方針", "ハルキウ州", "シネグボフ", "停戦後", "田中一郎"]


def test_full_names_across_the_dot_are_one_candidate() -> None:
    annotator = Annotator()
    text = "ミハイロ・ポドリャク顧問が語った。ボグダン・クラスノフ氏も出席した。"
    found = suggest([annotator.annotate(text, source="n.txt")], annotator.glossary)
    assert [(s.term, s.reading, s.kind, s.why, s.hint) for s in found] == [
        ("ミハイロ・ポドリャク", "みはいろぽどりゃく", "person", "no gloss", ""),
        ("ボグダン・クラスノフ", "ぼぐだんくらすのふ", "person", "jmnedict",
         "ボグダン Bogdan + クラスノフ Krasnoff"),
    ]  # fmt: skip


def test_cli_prints_the_exact_skeleton(articles: Path) -> None:
    done = yomu("glossary", "suggest", "a.txt", "b.txt", cwd=articles)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == EXPECTED_TOML
    assert done.stderr == b""


def test_skeleton_parses_fails_check_until_filled_then_check_passes(articles: Path) -> None:
    skeleton = yomu("glossary", "suggest", "a.txt", "b.txt", cwd=articles).stdout.decode()
    parsed = tomllib.loads(skeleton)
    assert [e["term"] for e in parsed["entry"]] == [
        "越境攻撃対策", "シネグボフ", "新方針", "ハルキウ州", "停戦後", "田中一郎",
    ]  # fmt: skip
    assert {e["gloss"] for e in parsed["entry"]} == {""}

    (articles / "skeleton.toml").write_text(skeleton, encoding="utf-8")
    unfilled = yomu("glossary", "check", "skeleton.toml", cwd=articles)
    assert unfilled.returncode == 1
    assert unfilled.stdout.decode().splitlines() == [
        "skeleton.toml:11: 越境攻撃対策: empty gloss",
        "skeleton.toml:19: シネグボフ: empty gloss",
        "skeleton.toml:27: 新方針: empty gloss",
        "skeleton.toml:35: ハルキウ州: empty gloss",
        "skeleton.toml:43: 停戦後: empty gloss",
        "skeleton.toml:51: 田中一郎: empty gloss",
    ]

    glosses = iter(
        ["measures against cross-border attacks", "Synehubov", "new policy", "Kharkiv Oblast",
         "after the ceasefire", "Tanaka Ichiro"]
    )  # fmt: skip
    filled = "\n".join(
        f'gloss = "{next(glosses)}"' if line == 'gloss = ""' else line for line in skeleton.splitlines()
    )
    (articles / "mine.toml").write_text(filled + "\n", encoding="utf-8")
    checked = yomu("glossary", "check", "mine.toml", cwd=articles)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, b"", b"1 glossary file(s) OK\n")

    # With the filled-in glossary, nothing is left to suggest, and the terms are glossed.
    again = yomu("glossary", "suggest", "a.txt", "b.txt", "--glossary", "mine.toml", cwd=articles)
    assert again.returncode == 0, again.stderr.decode()
    assert tomllib.loads(again.stdout.decode()) == {}
    assert "# Nothing to suggest: every compound and name got a gloss of its own." in again.stdout.decode()
    looked_up = yomu("lookup", "越境攻撃対策", "--glossary", "mine.toml", cwd=articles)
    assert "measures against cross-border attacks" in looked_up.stdout.decode()


def test_tsv(articles: Path) -> None:
    done = yomu("glossary", "suggest", "b.txt", "--format", "tsv", cwd=articles)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().splitlines() == [
        "count\tterm\treading\tkind\twhy\thint\tfiles\tsentence",
        "1\t越境攻撃対策\tえっきょうこうげきたいさく\tterm\tcompound"
        "\t越境攻撃 cross-border attack + 対策 measure\tb.txt\t越境攻撃対策の予算は100億ドルにのぼる。",
        "1\tシネグボフ\tしねぐぼふ\tperson\tno gloss\t\tb.txt\tシネグボフ知事が再び警告した。",
    ]


def test_tsv_cells_stay_on_one_line() -> None:
    row = Suggestion("語", "ご", "term", "no gloss", "a\tb", 1, ("x.txt",), "line one\nline two")
    assert render_tsv([row]).splitlines()[1] == "1\t語\tご\tterm\tno gloss\ta b\tx.txt\tline one line two"


def test_missing_input_is_one_line(tmp_path: Path) -> None:
    done = yomu("glossary", "suggest", str(tmp_path / "nothing.txt"))
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"yomu: {tmp_path / 'nothing.txt'}: ")


def test_seed_articles(seeds: list[Path], tmp_path: Path) -> None:
    done = yomu("glossary", "suggest", *map(str, seeds))
    assert done.returncode == 0, done.stderr.decode()
    entries = tomllib.loads(done.stdout.decode())["entry"]
    shipped = Glossary.shipped()
    assert len(entries) >= 20
    for entry in entries:
        assert entry["term"] not in shipped, entry["term"]
        assert entry["gloss"] == ""
        assert entry["kind"] in ("term", "person", "place")
        assert not any(ch.isdigit() for ch in entry["term"]), entry["term"]  # no number + counter
    counts = [int(line.split("×")[0][2:]) for line in done.stdout.decode().splitlines() if "×" in line]
    assert counts == sorted(counts, reverse=True) and len(counts) == len(entries)

    # Fill every gloss in: the file checks, and the articles then have nothing left to suggest.
    filled = done.stdout.decode().replace('gloss = ""', 'gloss = "to be written"')
    (tmp_path / "topic.toml").write_text(filled, encoding="utf-8")
    assert yomu("glossary", "check", str(tmp_path / "topic.toml")).returncode == 0
    again = yomu("glossary", "suggest", *map(str, seeds), "--glossary", str(tmp_path / "topic.toml"))
    assert tomllib.loads(again.stdout.decode()) == {}
