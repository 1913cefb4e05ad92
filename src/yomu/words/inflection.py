"""What the form of each conjugated verb and adjective does: 話し合われた = 話し合う +
passive + past.

A sentence's tokens come in with Sudachi's part of speech, whose last two fields are the
conjugation type and form (``五段-ワア行``, ``未然形-一般``). Each verb or adjective that
starts a chain of auxiliaries and particles inflecting it (れる, た, て + いる, ない, ます …)
gets an :class:`~yomu.model.Inflection` on its own token: the dictionary form the chain
starts from and one labelled step per grammatical element, in the order written. Tokens
the chain consumed (れ, た, いる) keep none, so a learner sees the grammar once, on the
word the vocabulary item belongs to.

Sudachi cannot tell passive from potential after an ichidan verb (求められる) and says
so: "passive or potential". Potential verbs (話せる, 読める) are their own lemmas to
Sudachi; :func:`inflect` is told by its caller which of them are a godan verb's
potential (``potential_of``), since that takes a dictionary.

Na-adjectives inflect through their copula (深刻だった, 重要ではない); the verbs of
compound particles (にとって, によって, として) are left to the unit they belong to.
The work is a walk over each sentence's tokens; a sentence with nothing inflected is
given back as it came, and only the verb tokens that carry a chain are copied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Inflection, InflectionStep, Token, Word

PotentialOf = Callable[[str], "str | None"]
"""The godan verb whose potential a lemma is (読める → 読む), or ``None``."""


def _step(form: str, label: str) -> InflectionStep:
    return InflectionStep(form=form, label=label)


PASSIVE = _step("れる", "passive")
PASSIVE_OR_POTENTIAL = _step("られる", "passive or potential")
POTENTIAL = _step("える", "potential")
POTENTIAL_SURU = _step("できる", "potential")
NEGATIVE = _step("ない", "negative")
PAST = _step("た", "past")
POLITE = _step("ます", "polite")
VOLITIONAL = _step("う", "volitional (let's, will)")
IMPERATIVE = _step("命令形", "imperative")
CONDITIONAL_BA = _step("ば", "conditional (〜ば: if)")
CONDITIONAL_TARA = _step("たら", "conditional (〜たら: if, when)")
TARI = _step("たり", "listing actions (〜たり)")
TE = _step("て", "te-form (and, then)")
CONTINUATIVE = _step("連用形", "continuative (…, and)")
ADVERBIAL = _step("く", "adverbial (〜く)")
ONGOING = _step("ている", "ongoing (〜ている)")
NEGATIVE_ZU = _step("ず", "negative (〜ず: without)")
NEGATIVE_NU = _step("ぬ", "negative (literary 〜ぬ)")
NEGATIVE_N = _step("ん", "negative (〜ん)")
NEGATIVE_ZARU = _step("ざる", "negative (literary 〜ざる)")
NEGATIVE_BA = _step("ねば", "negative conditional (〜ねば: unless)")
HEARSAY = _step("そうだ", "hearsay (〜そうだ: reportedly)")
LOOKS = _step("そう", "looks like (〜そう)")

_CAUSATIVE = {"せる": _step("せる", "causative"), "させる": _step("させる", "causative")}

# Auxiliaries that are one step whatever their own form (Sudachi lemma → step).
_AUXILIARIES: dict[str, InflectionStep] = {
    "れる": PASSIVE,
    "られる": PASSIVE_OR_POTENTIAL,
    **_CAUSATIVE,
    "ない": NEGATIVE,
    "たい": _step("たい", "want to (〜たい)"),
    "たがる": _step("たがる", "wants to (〜たがる)"),
    "まい": _step("まい", "will not, surely not (〜まい)"),
    "ちゃう": _step("ちゃう", "completely, regrettably (〜てしまう)"),
    "じゃう": _step("ちゃう", "completely, regrettably (〜てしまう)"),
    "ちまう": _step("ちまう", "completely, regrettably (〜てしまう)"),
    "じまう": _step("ちまう", "completely, regrettably (〜てしまう)"),
    "てる": ONGOING,
    "でる": ONGOING,
    "とる": ONGOING,
    "とく": _step("ておく", "in advance (〜ておく)"),
    "どく": _step("ておく", "in advance (〜ておく)"),
    "やがる": _step("やがる", "with contempt (〜やがる)"),
    "べし": _step("べき", "should (〜べきだ)"),
}

# Subsidiary verbs after て/で (Sudachi lemmas; news writes them in kana).
_AFTER_TE: dict[str, InflectionStep] = {
    "いる": ONGOING,
    "居る": ONGOING,
    "おる": _step("ておる", "ongoing, humble (〜ておる)"),
    "おく": _step("ておく", "in advance (〜ておく)"),
    "置く": _step("ておく", "in advance (〜ておく)"),
    "しまう": _step("てしまう", "completely, regrettably (〜てしまう)"),
    "仕舞う": _step("てしまう", "completely, regrettably (〜てしまう)"),
    "ある": _step("てある", "left done (〜てある)"),
    "有る": _step("てある", "left done (〜てある)"),
    "来る": _step("てくる", "has come to, towards now (〜てくる)"),
    "くる": _step("てくる", "has come to, towards now (〜てくる)"),
    "行く": _step("ていく", "goes on, from now on (〜ていく)"),
    "いく": _step("ていく", "goes on, from now on (〜ていく)"),
    "見る": _step("てみる", "try (〜てみる)"),
    "みる": _step("てみる", "try (〜てみる)"),
    "もらう": _step("てもらう", "have someone do (〜てもらう)"),
    "貰う": _step("てもらう", "have someone do (〜てもらう)"),
    "くれる": _step("てくれる", "someone does for us (〜てくれる)"),
    "呉れる": _step("てくれる", "someone does for us (〜てくれる)"),
    "いただく": _step("ていただく", "humbly have someone do (〜ていただく)"),
    "頂く": _step("ていただく", "humbly have someone do (〜ていただく)"),
    "欲しい": _step("てほしい", "want someone to (〜てほしい)"),
    "ほしい": _step("てほしい", "want someone to (〜てほしい)"),
}

_SUFFIXES: dict[str, InflectionStep] = {
    "さ": _step("さ", "noun: -ness (〜さ)"),
    "げ": _step("げ", "seeming (〜げ)"),
    "がる": _step("がる", "shows signs of (〜がる)"),
}

_TOO_MUCH = _step("すぎる", "too much (〜すぎる)")
_COMMAND = _step("なさい", "command (〜なさい)")
_ABOUT_TO = _step("んとする", "about to (〜んとする)")
_AS_IF = _step("んばかり", "as if about to (〜んばかり)")
_TEWA = _step("ちゃ", "if, when (〜ちゃ = 〜ては)")
_WHILE = _step("ながら", "while (〜ながら)")
_WHILE_TSUTSU = _step("つつ", "while, though (〜つつ)")
_IN_PROCESS = _step("つつある", "in the process of (〜つつある)")
_TRY = _step("ようとする", "try to, be about to (〜ようとする)")
_MUST = _step("なければならない", "must (〜なければならない)")
_MUST_NEBA = _step("ねばならない", "must (〜ねばならない)")
_PLEASE_ALONE = _step("ください", "please (〜ください)")
_HONORIFIC = frozenset({"お", "ご", "御"})
_PLEASE = _step("てください", "please (〜てください)")
_MIGHT_WELL = _step("かねない", "might well, could (〜かねない)")
_HARDLY = _step("かねる", "cannot bring oneself to (〜かねる)")
_NEGATIVE_MASEN = _step("ん", "negative")
_IF_NARA = _step("なら", "conditional (〜なら: if)")
_ADVERBIAL_NI = _step("に", "adverbial (〜に)")
_LINKING = (TE, CONTINUATIVE, CONDITIONAL_BA, NEGATIVE_ZU)

# The verbs of compound particles, by the particle before them (Sudachi's lemmas; the
# ones news writes in kana as kana: に取って is "picked up", にとって "for").
_COMPOUND_PARTICLES = {
    "に": frozenset(
        {"とる", "よる", "対する", "関する", "つく", "おく", "次ぐ", "わたる", "基づく", "伴う"}
        | {"向ける", "従う", "応ずる", "応じる", "際する", "沿う", "あたる", "至る", "先立つ", "かける"}
        | {"反する", "比べる", "限る", "加える", "代わる", "かわる", "即する"}
    ),
    "を": frozenset({"めぐる", "巡る", "通ずる", "通じる", "通す", "除く", "踏まえる", "もつ", "経る"}),
    "と": frozenset({"する"}),
    "も": frozenset({"かかわる", "関わる", "拘わる"}),
    "": frozenset({"従う", "したがう", "よる", "次ぐ", "加える"}),
}
_E_ROW_TO_U = dict(zip("えけげせてねべめれぺ", "うくぐすつぬぶむるぷ", strict=True))
# Elements whose 連用形 before a comma is the continuative (示され、, 続けており、); after
# ず or ない it is the negative's own.
_VERBAL = frozenset(
    {"れる", "られる", "せる", "させる", "いる", "おる", "おく", "しまう", "ある"}
    | {"くる", "来る", "いく", "行く"}
)
_ADJECTIVAL = frozenset({"たい", "ない"})
_HEADS = frozenset({"動詞", "形容詞"})
_COPULAS = frozenset({"だ", "です"})
_NA_KINDS = frozenset({"形状詞", "名詞"})


def potential_candidate(lemma: str) -> str | None:
    """The godan verb ``lemma`` would be the potential of, by its shape alone (読める →
    読む); whether it is one takes a dictionary (see :func:`inflect`)."""
    if len(lemma) >= 2 and lemma.endswith("る") and lemma[-2] in _E_ROW_TO_U:
        return lemma[:-2] + _E_ROW_TO_U[lemma[-2]]
    return None


def inflect(tokens: Sequence[Token], potential_of: PotentialOf | None = None) -> tuple[Token, ...]:
    """``tokens`` with an :class:`Inflection` on each verb or adjective whose form does
    something (the same tuple when none does)."""
    # The analysis reads words, never offsets: each token's, taken once, not per read.
    words = [t.word for t in tokens]
    out: list[Token] | None = None
    n = len(words)
    resume = 0  # the tokens before it belong to a chain already marked
    for i, word in enumerate(words):
        if i < resume:
            continue
        pos = word.pos
        kind = pos[0]
        # 問題なく, 読みやすい: a dependent adjective after a noun or stem is a word's
        # ending, not a word whose form a learner looks up.
        if kind in _HEADS and not (kind == "形容詞" and pos[1] == "非自立可能"):
            found = analyse(words, i, potential_of)
        # Only a noun or 形状詞 can be a na-adjective; the copula is rarer than either,
        # and cheaper to test.
        elif kind in _NA_KINDS and i + 1 < n and words[i + 1].lemma in _COPULAS:
            found = _copula(words, i) if _na_adjective(word) else None
        else:
            continue
        if found is not None:
            out = _marked(tokens, out, i, *found)
            resume = found[1]
    if out is None:
        return tuple(tokens)
    out.extend(tokens[len(out) :])
    return tuple(out)


def _marked(
    tokens: Sequence[Token], out: list[Token] | None, i: int, inflection: Inflection, end: int
) -> list[Token]:
    """``out`` (the tokens so far, ``None`` for none changed yet) with the tokens up to
    ``end``, ``tokens[i]`` carrying ``inflection``."""
    if out is None:
        out = list(tokens[:i])
    else:
        out.extend(tokens[len(out) : i])
    out.append(Token(_inflected(tokens[i].word, inflection), tokens[i].start))
    # The tokens the chain consumed carry no chain of their own: 続けている's いる
    # is not a second verb.
    out.extend(tokens[i + 1 : end])
    return out


_MAX_INFLECTED_WORDS = 20_000
_inflected_words: dict[tuple[Word, Inflection], Word] = {}


def _inflected(word: Word, inflection: Inflection) -> Word:
    """``word`` carrying ``inflection``: one Word per inflected form, shared by its tokens."""
    found = _inflected_words.get((word, inflection))
    if found is None:
        if len(_inflected_words) >= _MAX_INFLECTED_WORDS:
            _inflected_words.clear()
        found = _inflected_words[word, inflection] = replace(word, inflection=inflection)
    return found


def _na_adjective(word: Word) -> bool:
    """重要, 深刻 (形状詞) and the nouns Sudachi says may be one (必要, 慎重, 困難)."""
    pos = word.pos
    return (pos[0] == "形状詞" and pos[1] == "一般") or (pos[0] == "名詞" and pos[2].endswith("形状詞可能"))


def _copula(words: Sequence[Word], i: int) -> tuple[Inflection, int] | None:
    """A na-adjective's form, which its copula carries: 深刻だった = 深刻 + past, 重要では
    ない = 重要 + negative, 慎重に = 慎重 + adverbial. The plain だ, attributive な and
    です's politeness alone are left unmarked: they are the word as it stands."""
    n = len(words)
    steps: list[InflectionStep] = []
    j = i + 1
    t = words[j]
    form = t.pos[5]
    if t.lemma == "だ":
        if form == "連用形-促音便":  # だっ + た
            j += 1
        elif form == "連用形-一般" and j + 2 < n and words[j + 1].surface == "は":
            nxt = words[j + 2]
            if nxt.lemma == "ない":  # ではない
                steps.append(NEGATIVE)
                j += 3
            elif nxt.lemma in ("ある", "有る") and _kana(nxt.surface):  # ではありません
                j += 3
            else:
                return None
        elif form == "連用形-融合" and j + 1 < n and words[j + 1].lemma == "ない":  # じゃない
            steps.append(NEGATIVE)
            j += 2
        elif form.startswith("仮定形"):
            return _na_inflection(words, i, [_IF_NARA], j + 1)
        elif form == "連用形-ニ":
            return _na_inflection(words, i, [_ADVERBIAL_NI], j + 1)
        else:
            return None
    elif t.lemma == "です" and form.startswith("連用形"):  # でし + た
        steps.append(POLITE)
        j += 1
    else:
        return None
    # The chain goes on from the copula's last element: だっ + た, ない + かっ + た, あり + ませ + ん.
    end = _follow(words, j - 1, steps)
    if not steps:
        return None
    return _na_inflection(words, i, steps, end)


def _na_inflection(
    words: Sequence[Word], i: int, steps: list[InflectionStep], end: int
) -> tuple[Inflection, int]:
    text = "".join(t.surface for t in words[i:end])
    return Inflection(base=words[i].lemma, steps=tuple(steps), text=text), end


def analyse(
    words: Sequence[Word], i: int, potential_of: PotentialOf | None = None
) -> tuple[Inflection, int] | None:
    """The inflection of the verb or adjective ``words[i]`` and the index after the last
    token its chain consumed; ``None`` when its form does nothing (a plain dictionary
    form, a noun-like stem)."""
    head = words[i]
    pos = head.pos
    base = head.lemma
    steps: list[InflectionStep] = []
    start = i
    after_noun = i > 0 and words[i - 1].pos[0] == "名詞" and "サ変" in words[i - 1].pos[2]
    prefix = words[i - 1] if i > 0 and words[i - 1].pos[0] == "接頭辞" else None
    if pos[0] == "動詞" and prefix is not None and prefix.surface not in _HONORIFIC:
        base, start = prefix.surface + base, i - 1  # 相次いで: 相次ぐ, not 次ぐ
    if pos[0] == "動詞":
        if after_noun and base == "する":
            # 実施された: the learner's word is 実施する, Sudachi's する is its ending.
            base = words[i - 1].lemma + "する"
            start = i - 1
        elif base in ("出来る", "できる") and (after_noun or _after_koto_ga(words, i)):
            # 実施できる, 行うことができる: する's potential. Alone, できる is also "to be
            # built, to come about" (施設ができた), which is no potential.
            if after_noun:
                base, start = words[i - 1].lemma + "する", i - 1
            else:
                base = "する"
            steps.append(POTENTIAL_SURU)
        elif pos[4] == "文語サ行変格" and base.endswith(("す", "ず")):
            base += "る"  # 論ぜん(ばかり), せさせる: the classical forms of 論ずる, する
        elif potential_of is not None and pos[4].startswith("下一段") and not _ending(head):
            godan = potential_of(base)
            if godan is not None:
                base = godan
                steps.append(POTENTIAL)
    end = _follow(words, i, steps)
    if not steps or (len(steps) == 1 and steps[0] in _LINKING and _in_compound_particle(words, i)):
        return None
    if i > 0 and words[i - 1].surface == "も" and head.lemma in ("しれる", "知れる"):
        return None  # かもしれない / かもしれません: a unit, "may"
    if steps[0] is POTENTIAL and len(steps) == 2 and steps[1] is CONTINUATIVE and _ends(words, end):
        # 買え。: the godan imperative, which Sudachi reads as the potential 買える's stem.
        steps[:] = [IMPERATIVE]
    text = "".join(t.surface for t in words[start:end])
    return Inflection(base=base, steps=tuple(steps), text=text), end


def _in_compound_particle(words: Sequence[Word], i: int) -> bool:
    """Whether ``words[i]`` is the verb of a compound particle: にとって, によって,
    について, に対し, をめぐって, として. Those are read as one unit ("for", "by",
    "about"); "取る + te-form" would mislead."""
    if i == 0 or words[i - 1].pos[0] == "補助記号":
        before = ""  # 従って、 opening a sentence is "therefore"
    elif words[i - 1].pos[0] == "助詞":
        before = words[i - 1].surface
    else:
        return False
    verbs = _COMPOUND_PARTICLES.get(before)
    return verbs is not None and words[i].lemma in verbs


def _after_koto_ga(words: Sequence[Word], i: int) -> bool:
    return i >= 2 and words[i - 1].surface == "が" and words[i - 2].lemma in ("こと", "事")


def _ends(words: Sequence[Word], j: int) -> bool:
    """Whether the sentence ends at ``words[j]`` (no token, or only closing punctuation)."""
    return all(t.pos[:2] in (("補助記号", "句点"), ("補助記号", "括弧閉")) for t in words[j:])


def _follow(words: Sequence[Word], i: int, steps: list[InflectionStep]) -> int:
    """Consume the elements inflecting ``words[i]``, adding their steps; the index after
    the last one."""
    n = len(words)
    head = words[i]
    adjective = head.pos[0] == "形容詞"
    form = head.pos[5]
    last_lemma = head.lemma
    own = len(steps)
    j = i + 1
    while j < n:
        t = words[j]
        p = t.pos
        kind = p[0]
        lemma = t.lemma
        surface = t.surface
        if kind == "助動詞":
            if lemma in _AUXILIARIES:
                steps.append(_AUXILIARIES[lemma])
            elif lemma in ("ぬ", "ず", "む"):
                j = _negative(words, j, steps, last_lemma)
                if j < 0:
                    return -j
                form = words[j].pos[5]
                last_lemma = words[j].lemma
                j += 1
                continue
            elif lemma == "ます":
                steps.append(POLITE)
                if p[5] == "意志推量形":
                    steps.append(VOLITIONAL)
                    return j + 1
            elif p[4] == "助動詞-タ":
                steps.append(CONDITIONAL_TARA if p[5].startswith("仮定形") else PAST)
            elif lemma in ("じゃ", "だ") and surface in ("ちゃ", "じゃ") and form.startswith("連用形"):
                steps.append(_TEWA)
                return j + 1
            elif lemma == "です" and last_lemma == "ぬ":
                pass  # ませんでした: the past is the た that follows
            else:
                break
        elif kind == "助詞":
            if surface in ("て", "で") and p[1] == "接続助詞":
                nxt = words[j + 1] if j + 1 < n else None
                if nxt is not None and nxt.lemma in ("くださる", "下さる") and nxt.pos[5] == "命令形":
                    steps.append(_PLEASE)
                    return j + 2
                if nxt is not None and nxt.lemma in _AFTER_TE and _kana(nxt.surface):
                    step = _AFTER_TE[nxt.lemma]
                    steps.append(step)
                    form, last_lemma = nxt.pos[5], nxt.lemma
                    j += 2
                    continue
                steps.append(TE)
                return j + 1
            if surface == "と" and form == "意志推量形" and _to_suru(words, j):
                steps.append(_TRY)  # 強化しようとしている: one step, then する's own chain
                form, last_lemma = words[j + 1].pos[5], "する"
                j += 2
                continue
            if surface == "つつ" and form.startswith("連用形"):
                nxt = words[j + 1] if j + 1 < n else None
                if nxt is not None and nxt.lemma in ("ある", "有る") and _kana(nxt.surface):
                    steps.append(_IN_PROCESS)
                    form, last_lemma = nxt.pos[5], nxt.lemma
                    j += 2
                    continue
                steps.append(_WHILE_TSUTSU)
                return j + 1
            if surface == "ば" and form.startswith("仮定形"):
                if steps and steps[-1] is NEGATIVE and _must(words, j + 1):
                    steps[-1] = _MUST  # 減らさなければならない: one grammar point
                    form, last_lemma = words[j + 2].pos[5], "ない"
                    j += 3
                    continue
                steps.append(CONDITIONAL_BA)
                return j + 1
            if surface in ("たり", "だり"):  # Sudachi tags 問うたり's 問う 連体形
                steps.append(TARI)
                return j + 1
            if surface in ("ちゃ", "じゃ"):
                steps.append(_TEWA)
                return j + 1
            if surface == "ながら" and form.startswith("連用形"):
                steps.append(_WHILE)
                return j + 1
            break
        elif kind == "動詞":
            if lemma in ("すぎる", "過ぎる") and (form.startswith("連用形") or form.startswith("語幹")):
                steps.append(_TOO_MUCH)
            elif lemma == "なさる" and surface == "なさい" and form.startswith("連用形"):
                steps.append(_COMMAND)
                return j + 1
            elif (
                lemma == "ある"
                and form == "連用形-一般"
                and (last_lemma in _ADJECTIVAL or (adjective and len(steps) == own))
            ):
                pass  # 高くありません: the negative is in ません
            else:
                break
        elif kind == "形容詞" and lemma == "ない" and p[1] == "非自立可能" and form == "連用形-一般":
            steps.append(NEGATIVE)
        elif kind == "形状詞" and lemma == "そう":
            if form.startswith("連用形") or form.startswith("語幹"):
                steps.append(LOOKS)
            elif form.startswith("終止形"):
                steps.append(HEARSAY)
            else:
                break
            return j + 1
        elif kind == "接尾辞" and lemma == "かねる" and form.startswith("連用形"):
            nxt = words[j + 1] if j + 1 < n else None
            if nxt is not None and nxt.lemma == "ない":
                steps.append(_MIGHT_WELL)  # 悪化させかねない: "might well", not "cannot not"
                form, last_lemma = nxt.pos[5], "ない"
                j += 2
                continue
            steps.append(_HARDLY)
        elif kind == "接尾辞" and lemma in _SUFFIXES and form.startswith("語幹"):
            steps.append(_SUFFIXES[lemma])
            if lemma != "がる":
                return j + 1
        else:
            break
        form, last_lemma = p[5], lemma
        j += 1
    _own_form(words, j, form, len(steps) == own, steps, head, last_lemma)
    return j


def _negative(words: Sequence[Word], j: int, steps: list[InflectionStep], last_lemma: str) -> int:
    """The classical negatives ず/ぬ/ん/ざる/ねば (Sudachi: ぬ, ず, or む for ん): their
    step; the index of the last token used, negated when the chain ends there."""
    t = words[j]
    s = t.surface
    nxt = words[j + 1] if j + 1 < len(words) else None
    if s == "ん":
        if nxt is not None and nxt.surface == "ばかり":
            steps.append(_AS_IF)
            return -(j + 2)
        if _to_suru(words, j + 1):
            steps.append(_ABOUT_TO)
            return j + 2
        # ません is the everyday polite negative, not the colloquial 〜ん.
        steps.append(_NEGATIVE_MASEN if last_lemma == "ます" else NEGATIVE_N)
        return j
    if s == "ず":
        steps.append(NEGATIVE_ZU)
    elif s == "ぬ":
        steps.append(NEGATIVE_NU)
    elif s == "ざる":
        steps.append(NEGATIVE_ZARU)
    elif s in ("ね", "にゃ"):
        if s == "ね" and (nxt is None or nxt.surface != "ば"):
            steps.append(NEGATIVE_NU)
            return j
        end = j + (2 if s == "ね" else 1)
        if _must(words, end):
            steps.append(_MUST_NEBA)  # 解決せねばならない
            return end + 1  # the ない: the chain goes on from it
        steps.append(NEGATIVE_BA)
        return -end
    else:
        steps.append(NEGATIVE_NU)
    return j


def _must(words: Sequence[Word], j: int) -> bool:
    """Whether ならない / いけない follow at ``j``, after a negative conditional."""
    return (
        j + 1 < len(words)
        and words[j].lemma in ("なる", "成る", "いける")
        and _kana(words[j].surface)
        and words[j + 1].lemma == "ない"
    )


def _to_suru(words: Sequence[Word], j: int) -> bool:
    return j + 1 < len(words) and words[j].surface == "と" and words[j + 1].lemma in ("する", "為る")


def _own_form(
    words: Sequence[Word],
    j: int,
    form: str,
    bare: bool,
    steps: list[InflectionStep],
    head: Word,
    last_lemma: str,
) -> None:
    """The step the chain's last conjugating element's own form makes (食べろ, 行こう);
    ``bare``: no element follows the head."""
    bare_adjective = bare and head.pos[0] == "形容詞"
    if form == "命令形" and bare and head.lemma in ("くださる", "下さる"):
        steps.append(_PLEASE_ALONE)  # お待ちください
    elif form == "命令形" and not (steps and steps[-1] is _COMMAND) and not _classical_perfect(words, j):
        steps.append(IMPERATIVE)
    elif form == "意志推量形":
        steps.append(VOLITIONAL)
    elif form == "仮定形-融合":
        steps.append(CONDITIONAL_BA)
    elif form == "連体形-撥音便" and head.pos[0] == "動詞":
        # Sudachi reads 食べん as one word: the ん is the negative (or, before ばかり and
        # とする, the classical volitional).
        nxt = words[j] if j < len(words) else None
        if nxt is not None and nxt.surface == "ばかり":
            steps.append(_AS_IF)
        elif _to_suru(words, j):
            steps.append(_ABOUT_TO)
        else:
            steps.append(NEGATIVE_N)
    elif form == "連用形-一般" and (j >= len(words) or words[j].pos[0] == "補助記号"):
        if bare_adjective:
            steps.append(ADVERBIAL)
        elif head.pos[0] == "動詞" and (bare or last_lemma in _VERBAL):
            steps.append(CONTINUATIVE)
    elif form == "仮定形-一般" and bare and head.pos[4].startswith("五段") and _ends(words, j):
        steps.append(IMPERATIVE)  # 死ね。: a godan 仮定形 ending a sentence is its imperative
    elif bare_adjective and form == "連用形-一般" and words[j].pos[0] in ("動詞", "名詞", "副詞", "形容詞"):
        steps.append(ADVERBIAL)


def _ending(word: Word) -> bool:
    """A dependent verb in kana, a noun's ending: 位置づける's づける (no potential of づく)."""
    return word.pos[1] == "非自立可能" and _kana(word.lemma)


def _classical_perfect(words: Sequence[Word], j: int) -> bool:
    # における: おけ + the classical perfective り, no command.
    return j < len(words) and words[j].pos[4] == "文語助動詞-リ"


def _kana(text: str) -> bool:
    return "\u3041" <= text[:1] <= "\u309f"


def describe(inflection: Inflection) -> str:
    """``話し合う + passive + past``: the line a popup or card shows."""
    return " + ".join([inflection.base, *(s.label for s in inflection.steps)])
