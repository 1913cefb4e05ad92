"""Inflection steps against Yomitan's deinflection tests.

``yomitan_deinflection.tsv`` (Yomitan's own test cases, GPL-3.0) lives in
``../shared/data`` beside the checkout and is read at run time, never copied here. Each
row gives an inflected form (食べさせられない), the dictionary form it comes from (食べる)
and Yomitan's reasons, in order (causative, potential or passive, negative). Each form
goes through yomu as a sentence of its own: Sudachi's tokens, then
:func:`yomu.words.inflection.inflect` with the potential verbs JMdict knows; the row is right
when the first verb or adjective's inflection starts from that dictionary form and its
steps, put in Yomitan's words (:func:`yomitan_reasons`), are exactly the reasons.

Two numbers come out. Yomitan looks up lone strings; yomu reads sentences, and Sudachi
reads some lone forms as other words (買い and 待ち as nouns, しろ, せん): the first
number counts those rows as wrong, the second leaves them out and scores the steps of
the rows whose word was found (the dictionary form yomu gives is the row's).

Two differences of convention are brought to yomu's before comparing, not counted as
errors: Yomitan's "short causative" (食べさす) is a causative to yomu, and its "-過ぎる"
is "-すぎる" (one step whatever the spelling).

Rows Yomitan marks ``valid=false`` test that wrong chains are refused; they are not
inflections and are not counted. Of the rest, rows of registers and spellings news does
not use are left out, each with its reason, and counted (:data:`EXCLUSIONS`): Kansai
dialect, slang contractions (すげえ, 食べりゃ, 食べよっか, 食べらんない), vulgar 〜やがる
and 〜ちまう, colloquial short causatives, dialect past negatives (食べんかった), the
western 〜とる, archaic honorific verbs (のたまう, 給う), and kanji spellings newspaper
style never uses (為る for する, 來 for 来). Literary forms news does use are kept: 〜ず,
〜ぬ, 〜ざる, 〜ねば, 〜まい, 〜んとする, 〜ておる.

Run: ``python benchmarks/deinflection.py [--verbose] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yomu.model import Inflection, Token
from yomu.pipeline import Annotator, Options

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FILE = "yomitan_deinflection.tsv"

# Row reasons, categories or lemmas → why the row is not news; the first that applies.
_SLANG_REASONS = {
    "-え": "slang vowel contraction (すげえ, できねえ)",
    "n-slang": "slang ん contraction (わかんねえ, 食べらんない)",
    "-ゃ": "colloquial contraction (食べりゃ, 食べにゃ, しなきゃ)",
    "volitional slang": "slang volitional (食べよっか)",
    "-やがる": "vulgar 〜やがる",
    "-ちまう": "slang 〜ちまう",
    "short causative": "colloquial short causative (食べさす)",
    "-ん": "colloquial negative 〜ん (食べん; ません is kept)",
    "imperative negative slang": "slang negative imperative (すんな)",
}
_ARCHAIC_VERBS = frozenset({"のたまう", "宣う", "曰う", "たまう", "給う", "賜う", "たゆたう"})
_SPELLINGS = {
    "為る": "kanji spelling news never uses (為る for する, 仰有る)",
    "仰有る": "kanji spelling news never uses (為る for する, 仰有る)",
    "來る": "old kanji 來 (news writes 来)",
    "くる": "kana spelling of a verb news writes in kanji (くる, こう, とう)",
    "こう": "kana spelling of a verb news writes in kanji (くる, こう, とう)",
    "とう": "kana spelling of a verb news writes in kanji (くる, こう, とう)",
}
# Forms Yomitan's rules accept that are not standard Japanese: 行く's past is 行った, not
# 行いた; 論ずる's passive is 論じられる / 論ぜられる.
_NOT_STANDARD = frozenset(
    {"行いたら", "行いたり", "行いとく", "論ざれる"}
    | {"論じされる", "論ぜされる", "論じされない", "論ぜされない"}
)

EXCLUSIONS = (
    "Kansai dialect",
    *_SLANG_REASONS.values(),
    "dialect past negative (食べんかった, 食べませんかった)",
    "western dialect 〜とる",
    "archaic honorific verb (のたまう, 給う)",
    "not a standard form (行いたら for 行ったら, 論じされる for 論じられる)",
    *sorted(set(_SPELLINGS.values())),
)
"""Why rows are left out: every one left out is counted under one of these."""


@dataclass(frozen=True)
class Row:
    id: str
    category: str
    inflected: str
    lemma: str
    reasons: tuple[str, ...]


@dataclass
class Result:
    rows: int = 0
    right: int = 0
    found: int = 0
    """Applicable rows whose lone form yomu reads as the row's word (its dictionary form
    is the row's): those whose steps :mod:`yomu.words.inflection` decides."""
    excluded: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[Row, str]] = field(default_factory=list)
    """Rows of the word found but with wrong steps."""
    missed: list[tuple[Row, str]] = field(default_factory=list)
    """Rows whose lone form Sudachi reads as another word (買い a noun)."""
    right_left_out: int = 0
    """Rows left out that yomu gets right all the same (for the record)."""

    @property
    def applicable(self) -> int:
        return self.rows - sum(self.excluded.values())

    @property
    def accuracy(self) -> float:
        """Right rows of all applicable ones: segmentation of the lone form included."""
        return self.right / self.applicable if self.applicable else 0.0

    @property
    def step_accuracy(self) -> float:
        """Right rows of those whose word was found: the inflection steps alone."""
        return self.right / self.found if self.found else 0.0


def read_rows(path: Path) -> list[Row]:
    """The ``valid=true`` rows of Yomitan's file."""
    rows = []
    with path.open(encoding="utf-8") as lines:
        header = next(lines).rstrip("\n").split("\t")
        col = {name: n for n, name in enumerate(header)}
        for line in lines:
            cells = line.rstrip("\n").split("\t")
            if cells[col["valid"]] != "true":
                continue
            reasons = cells[col["reasons"]]
            rows.append(
                Row(
                    id=cells[col["id"]],
                    category=cells[col["category"]],
                    inflected=cells[col["source_inflected"]],
                    lemma=cells[col["term_lemma"]],
                    reasons=tuple(reasons.split("|")) if reasons else (),
                )
            )
    return rows


def exclusion(row: Row) -> str | None:
    """Why ``row`` is not news, or ``None`` when it applies."""
    if "kansai" in row.category or any("kansai" in r for r in row.reasons):
        return "Kansai dialect"
    for reason in row.reasons:
        if reason in _SLANG_REASONS:
            return _SLANG_REASONS[reason]
    if "んかった" in row.inflected:
        return "dialect past negative (食べんかった, 食べませんかった)"
    if row.inflected.endswith("とる") and row.reasons[-1:] == ("-いる",):
        return "western dialect 〜とる"
    if row.inflected in _NOT_STANDARD:
        return "not a standard form (行いたら for 行ったら, 論じされる for 論じられる)"
    if row.lemma in _ARCHAIC_VERBS:
        return "archaic honorific verb (のたまう, 給う)"
    return _SPELLINGS.get(row.lemma)


def yomitan_reasons(inflection: Inflection | None) -> tuple[str, ...]:
    """yomu's steps in Yomitan's reason names."""
    if inflection is None:
        return ()
    out: list[str] = []
    for step in inflection.steps:
        out.extend(_reasons(step.form, step.label, out))
    return tuple(out)


_BY_LABEL = {
    "passive": ("passive",),
    "passive or potential": ("potential or passive",),
    "potential": ("potential",),
    "causative": ("causative",),
    "negative": ("negative",),
    "past": ("-た",),
    "polite": ("-ます",),
    "imperative": ("imperative",),
}
_BY_FORM = {
    "う": ("volitional",),
    "ば": ("-ば",),
    "たら": ("-たら",),
    "たり": ("-たり",),
    "て": ("-て",),
    "連用形": ("continuative",),
    "く": ("-く",),
    "ている": ("-て", "-いる"),
    "ておる": ("-て", "-いる"),
    "てしまう": ("-て", "-しまう"),
    "ちゃう": ("-ちゃう",),
    "ちまう": ("-ちまう",),
    "ちゃ": ("-ちゃ",),
    "ず": ("-ず",),
    "ぬ": ("-ぬ",),
    "ん": ("-ん",),
    "ざる": ("-ざる",),
    "ねば": ("-ねば",),
    "まい": ("-まい",),
    "そう": ("-そう",),
    "すぎる": ("-すぎる",),
    "たい": ("-たい",),
    "たがる": ("-たい", "-がる"),
    "なさい": ("-なさい",),
    "んとする": ("-んとする",),
    "んばかり": ("-んばかり",),
    "さ": ("-さ",),
    "げ": ("-げ",),
    "がる": ("-がる",),
    "やがる": ("-やがる",),
}


def _reasons(form: str, label: str, before: Sequence[str]) -> tuple[str, ...]:
    if label in _BY_LABEL:
        return _BY_LABEL[label]
    if form == "ておく":
        # Yomitan writes 食べないでおく as negative, -おく: no -て after a negative.
        return ("-おく",) if tuple(before[-1:]) == ("negative",) else ("-て", "-おく")
    return _BY_FORM.get(form, (f"?{form}:{label}",))


def expected(row: Row) -> tuple[str, ...]:
    """Yomitan's reasons in yomu's conventions (see the module's docstring)."""
    out = []
    for reason in row.reasons:
        reason = {"short causative": "causative", "-過ぎる": "-すぎる"}.get(reason, reason)
        out.append(reason)
    return tuple(out)


def head(tokens: Sequence[Token]) -> Token | None:
    """The token whose inflection answers the row: the first that has one, else the
    first verb or adjective."""
    for token in tokens:
        if token.inflection is not None:
            return token
    return next((t for t in tokens if t.pos[0] in ("動詞", "形容詞")), None)


def run(data: Path = DATA, annotator: Annotator | None = None) -> Result | None:
    """The comparison over the file in ``data``; ``None`` when it is absent."""
    path = data / FILE
    if not path.is_file():
        return None
    annotator = annotator or Annotator(Options(vocabulary=False, keep_clutter=True))
    result = Result()
    for row in read_rows(path):
        result.rows += 1
        token = head(annotator.read_sentence(row.inflected).tokens)
        inflection = token.inflection if token is not None else None
        base = inflection.base if inflection is not None else (token.lemma if token is not None else "")
        got = yomitan_reasons(inflection)
        why = exclusion(row)
        if why is not None:
            result.excluded[why] += 1
            result.right_left_out += base == row.lemma and got == expected(row)
            continue
        answer = f"{base} {'|'.join(got)}"
        if base != row.lemma:
            result.missed.append((row, answer))
            continue
        result.found += 1
        if got == expected(row):
            result.right += 1
        else:
            result.failures.append((row, answer))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="directory holding " + FILE)
    parser.add_argument("--verbose", action="store_true", help="list every row yomu gets wrong")
    args = parser.parse_args(argv)
    result = run(args.data)
    if result is None:
        print(f"{args.data / FILE} is absent: nothing to compare", file=sys.stderr)
        return 0
    print(f"Yomitan deinflection cases (valid): {result.rows}")
    for why, count in sorted(result.excluded.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  left out, {why}: {count}")
    print(f"applicable: {result.applicable}; right: {result.right} ({result.accuracy:.1%})")
    print(
        f"the word found (its dictionary form right): {result.found}; steps right: {result.right}"
        f" ({result.step_accuracy:.1%})"
    )
    every = result.right + result.right_left_out
    print(f"all {result.rows} valid rows, none left out: right {every} ({every / result.rows:.1%})")
    if args.verbose:
        for title, rows in (("wrong steps", result.failures), ("another word read", result.missed)):
            print(f"{title}: {len(rows)}")
            for row, got in rows:
                print(f"  {row.id} {row.inflected}: want {row.lemma} {'|'.join(expected(row))}; got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
