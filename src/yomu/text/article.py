"""An article's structure, read from plain text or a saved web page.

Plain text: every non-empty line is one block, in input order. The first line that is
not clutter is the ``title`` (unless it ends in 。, which makes it the lead paragraph of
a page whose headline was not copied). Other lines are classified in this order:

* a ``Reference(s):`` / ``参考:`` / ``出典:`` label and the citation lines right after it
  → one ``source`` block; the label goes to ``marker``, the citations (one per line) to
  ``text``, so readers see the footer but the label is not read as article text;
* ``a | b | c`` rows (two or more pipe rows together) → ``table_row`` with ``cells``;
  markdown separator rows (``|---|---|``) and rules (``---``) are layout and vanish;
* vertical timelines, steps joined by arrow-only lines (``↓``), → one ``list_item`` per
  step; the arrow that leads to a step becomes its ``marker`` (the first step has none),
  so the arrows are kept without becoming blocks of their own. A single line such as
  ``2月28日 → 会談`` (a date, then an arrow) is a ``list_item`` without a marker;
* a line led by a list marker (``- ``, ``・``, ``①``, ``✅``, ``1. ``, ``1)`` …)
  → ``list_item`` with the marker in ``marker``; but a numbered, circled, check-mark or
  symbol marker on a short line that has no neighbour with the same kind of marker is a
  numbered section title (``3. 今後の課題``, ``① 同盟国の反応``) → ``heading``;
* a short line (up to 40 characters) with no 。 that does not end in 、 ？ ！ . or a colon,
  is not wholly in brackets (a note, a quotation) and is followed by more text
  → ``heading``; everything else → ``paragraph``.

Blank lines, separator rows, rules and timeline arrows make no block, with or without
``keep_clutter``: they are layout, not clutter.

Web clutter (menus, rankings, share buttons, ads, bylines …) is dropped before that and
reported as :class:`~yomu.model.DroppedLine` with a reason label; ``keep_clutter`` keeps it.
The rules are data at the top of this module, each with the reason it exists.

HTML: :mod:`yomu.text.web_page` reads the page's title and article lines. Headings, list
items and table rows come from the markup; other text is
classified like a plain-text line (markers, headings, source footers), and the same
clutter filter runs over all of it. Dropped HTML lines have line number 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Article, ArticleBlock, DroppedLine
from .lines import Line
from .web_page import looks_like_html, page_lines

__all__ = ["looks_like_html", "parse_html", "parse_text"]

@dataclass(frozen=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]


def _rule(reason: str, pattern: str, flags: int = 0) -> _Rule:
    return _Rule(reason, re.compile(pattern, flags))


# --- shared vocabulary of the rules ---------------------------------------------------

_CLOSERS = "」』）)】〕〉》\"'”’"
_OPENERS = "「『（(【〔〈《“‘"
_DATE = r"(?:\d{4}[年/.\-]\d{1,2}[月/.\-]\d{1,2}日?|\d{1,2}月\d{1,2}日)"
_WEEKDAY = r"(?:\s*[(（][月火水木金土日][)）])"
_TIME = r"(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\d{1,2}時\d{1,2}分)"
_STAMP_WORD = r"(?:公開|更新|配信|投稿|掲載|最終更新|Updated|Published)"

# Site-navigation words. Only whole lines made of them are dropped: inside a sentence
# these words (トップ, ニュース …) are ordinary vocabulary.
_NAV_WORD = (
    r"(?:ホーム|トップ|トップページ|TOP|HOME|Home|Top|メニュー|MENU|Menu|検索|Search|ログイン|ログアウト"
    r"|会員登録|新規登録|マイページ|サイトマップ|お問い合わせ|閉じる|戻る|前へ|次へ|前の記事|次の記事"
    r"|一覧へ戻る|記事一覧|もっと見る|続きを読む|ページトップへ|ページの先頭へ|利用規約"
    r"|プライバシーポリシー|Log in|Sign in|Sign up|Subscribe)"
)
# Section names of news sites, as found in category menus and breadcrumbs.
_SECTION_WORD = (
    r"(?:ホーム|トップ|ニュース|国際|国内|政治|経済|社会|スポーツ|エンタメ|芸能|ビジネス|テクノロジー"
    r"|IT|科学|文化|ライフ|健康|地域|天気|オピニオン|社説|特集|動画|写真|速報|最新|World|Politics"
    r"|Business|Tech|Sports|Culture|Opinion|News)"
)
_CRUMB = r"[^\s。、>＞›»≫|｜][^。、>＞›»≫|｜]{0,14}?"
_CRUMB_SEP = r"\s*[>＞›»≫]\s*"

# Names of share targets and share-button labels; a line made only of these is the
# row of share buttons a copy from the page brings along.
_SHARE_WORD = (
    r"(?:(?:この記事を|記事を)?(?:X|Twitter|Facebook|LINE|はてブ|はてな|Pocket|Threads|Bluesky|メール)?で?"
    r"(?:シェア|共有|送る|ポスト|ツイート|保存|ブックマーク)(?:する)?"
    r"|はてなブックマーク|はてブ|B!|Facebook|Twitter|X|LINE|Pocket|Pinterest|Threads|Bluesky|Share|Tweet"
    r"|Copy link|リンクをコピー|URLをコピー|いいね!?|Like)(?:\s*[(（]?\d+[)）]?)?"
)

# --- per-line clutter rules, first match wins -----------------------------------------
# Each pattern must match the whole (stripped) line, so a sentence that merely mentions
# one of these words is never dropped.
_LINE_RULES: tuple[_Rule, ...] = (
    # The stock line of Japanese blog ad plugins; sites may append a word of their own.
    _rule("ad", r".{0,10}広告の下に記事の続きがあります.{0,12}"),
    # Ad slot labels copied without the ad itself.
    _rule("ad", r"(?:広告|スポンサーリンク|スポンサードリンク|PR|\[PR\]|【PR】|AD|Advertisement|Sponsored"
                r"|記事の続きは広告の後で?)"),
    # WordPress shortcodes of share plugins, left unexpanded when the text is copied.
    _rule("share", r"\[[\w-]*(?:share|social|sns)[\w-]*(?:\s[^\]]*)?\]", re.IGNORECASE),
    # Any other unexpanded shortcode ([caption id="…"], [/embed]) is markup, not text.
    _rule("shortcode", r"\[/?[a-z_][\w-]*(?:\s+[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+))*\s*/?\]"),
    # A row of share buttons: シェア / ツイート / LINE / はてブ / Facebook …
    _rule("share", rf"{_SHARE_WORD}(?:\s*[|/・,、]?\s*{_SHARE_WORD})*", re.IGNORECASE),
    # Accessibility skip links at the very top of a page (メインコンテンツへスキップ).
    _rule("navigation", r"[^。]{0,60}(?:メニュー|コンテンツ|本文|ナビゲーション|ページの先頭|ページトップ)"
                        r"(?:へ|に)(?:スキップ|移動|戻る)[^。]{0,60}"),
    _rule("navigation", r"skip to (?:the )?(?:main )?(?:content|navigation|menu).{0,40}", re.IGNORECASE),
    # Menu items and page controls standing alone on a line.
    _rule("navigation", rf"[▶►>》]?\s*{_NAV_WORD}(?:\s*[|｜/・>＞›»]?\s*{_NAV_WORD})*"),
    # Breadcrumbs: ホーム > 国際 > アジア (from the home page, or three levels deep).
    _rule("navigation", rf"{_NAV_WORD}{_CRUMB_SEP}{_CRUMB}(?:{_CRUMB_SEP}{_CRUMB})*"),
    _rule("navigation", rf"{_CRUMB}(?:{_CRUMB_SEP}{_CRUMB}){{2,}}"),
    # Category menus: 国際 | 政治 | 経済 (at least three section names).
    _rule("navigation", rf"{_SECTION_WORD}(?:\s*[|｜/・]\s*{_SECTION_WORD}){{2,}}"),
    # Comment counters and comment links: コメント0, コメント(12), 12 comments.
    _rule("comments", r"(?:コメント|comments?)\s*[(（:：]?\s*\d*\s*[)）]?件?", re.IGNORECASE),
    _rule("comments", r"\d+\s*(?:件の)?(?:コメント|comments?)", re.IGNORECASE),
    _rule("comments", r"コメント(?:する|を書く|を見る|を投稿する|一覧)|Leave a (?:comment|reply)",
          re.IGNORECASE),
    # A number alone on a line is a like/view counter; no sentence is only a number.
    _rule("counter", r"[\d,，]+(?:\s*(?:views?|PV|いいね|likes?))?", re.IGNORECASE),
    # The author's e-mail address or social handle.
    _rule("byline", r"(?:(?:e-?mail|メール|Mail)\s*[:：]?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE),
    _rule("byline", r"@[A-Za-z0-9_]{1,30}"),
    # English bylines: Written by Jane Doe, By Jane Doe.
    _rule("byline", r"(?i:(?:written |text |photos? )?by)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"),
    # Credits: 文：山田太郎, 写真：ロイター, 取材・文/山田.
    _rule("byline", r"[(（]?(?:文|写真|撮影|取材|構成|編集|聞き手|翻訳|イラスト|筆者)"
                    r"(?:[・/／と](?:文|写真|撮影|取材|構成|編集|聞き手))*\s*[:：=＝/／]\s*[^。]{1,30}[)）]?"),
    # A reporter's name with title (政治部 山田太郎記者); names are kanji or katakana.
    _rule("byline", r"(?:[^\s。、]{1,12}[\s・]+)?[一-龥々ァ-ヴー・]{2,10}\s*"
                    r"(?:記者|特派員|編集委員|論説委員)"),
    # Datelines with the reporter's name: （ワシントン＝山田太郎）.
    _rule("byline", r"[(（【][^()（）【】。、]{1,12}[=＝][^()（）【】。、]{1,12}[)）】]"),
    # An author name with the site's access-count link beside it (山田太郎 アクセス).
    _rule("byline", r"[^\s。、]{1,12}\s+アクセス"),
    _rule("byline", r"著者プロフィール|この記事を書いた人|執筆者プロフィール"),
    # Links to the page's photo gallery or video: 【画像】…, この記事の画像一覧.
    _rule("media", r"【(?:画像|写真|動画|映像|図表?|グラフ)[^】]{0,10}】[^。]{0,80}"),
    _rule("media", r"(?:この記事の)?(?:画像|写真|動画)(?:一覧|を(?:もっと)?見る|はこちら|ギャラリー)"
                   r"(?:\s*[(（]\d+枚?[)）])?"),
    _rule("media", r"(?:写真|画像)\s*\d+\s*[/／]\s*\d+"),
)

# Any rule at all, in one pattern: most lines are article text no rule matches, and one
# search tells so where a loop over the rules took a call per rule.
_ANY_LINE_RULE = re.compile(
    "|".join(
        f"(?{'i' if rule.pattern.flags & re.IGNORECASE else ''}:{rule.pattern.pattern})"
        for rule in _LINE_RULES
    )
)

# A time, or a date with a 公開/更新 label, alone on a line is the page's publication
# stamp, except inside a timeline, where it is a step (2024年6月1日 ↓ 協議開始).
_TIMESTAMP = re.compile(
    rf"(?:{_STAMP_WORD}(?:日時?)?\s*[:：]?\s*)?{_DATE}{_WEEKDAY}?\s*{_TIME}(?:\s*{_STAMP_WORD}|\s*JST)?"
    rf"|{_STAMP_WORD}(?:日時?)?\s*[:：]?\s*{_DATE}{_WEEKDAY}?|{_DATE}{_WEEKDAY}?\s*{_STAMP_WORD}"
    rf"|{_TIME}|\d+\s*(?:分|時間|日)前",
    re.IGNORECASE,
)
# A bare date is a stamp only in the page header; further down it may title a day's
# events (5月3日, then what happened that day).
_DATELINE = re.compile(rf"{_DATE}{_WEEKDAY}?")
_HEADER_LINES = 3

# Headers of ranking and recommendation lists. The header and the list under it are
# dropped up to the next real paragraph (see _mark_runs). Matched after removing
# brackets, decorations and white space, so [国際] ランキング is 国際ランキング.
_RUN_HEADERS: tuple[_Rule, ...] = (
    _rule("ranking", rf"(?:{_SECTION_WORD}|関連記事|アクセス|人気|総合|記事|週間|月間|デイリー|日間)*"
                     r"ランキング"
                     r"(?:TOP\d+|トップ\d+|\d+)?|ranking|mostread|mostpopular|trending", re.IGNORECASE),
    _rule("recommended", r"(?:こちらも)?(?:おすすめ|オススメ|お勧め|お薦め)の?"
                         r"(?:記事|ニュース|情報|コンテンツ)?"
                         r"|(?:関連|人気|注目|最新|新着|話題の)(?:記事|ニュース)"
                         r"|こんな記事も(?:読まれています|おすすめ)|(?:あわせて|合わせて|併せて)読みたい(?:記事)?"
                         r"|この記事を読んだ人は(?:こんな記事も読んでいます)?|よく読まれている記事"
                         r"|related(?:articles|stories|posts)?|recommended(?:foryou)?|youmayalsolike"
                         r"|readmore|morestories", re.IGNORECASE),
)
_HEADER_NOISE = re.compile(r"[\s\[\]【】［］「」『』()（）<>＜＞《》〈〉▶►▷▼▽■□◆◇●○★☆»›≫:：|｜]+")
_HEADER_TAIL = re.compile(r"(?:はこちら|一覧|をもっと見る|もっと見る)$")
_HEADER_MAX = 30

# A headline split over an eye-catch banner (日米 / 関税合意) and repeated in
# full just below is dropped as a duplicate: nothing is lost, and the full headline
# becomes the title. Fragments are short; the full headline follows within a few lines.
_FRAGMENT_MAX = 30
_FRAGMENT_LINES = 3
_HEADLINE_WINDOW = 3

# --- structure ------------------------------------------------------------------------

_SOURCE_LABEL = re.compile(
    r"(?P<label>(?:Reference\(s\)|References?|Sources?|参考(?:文献|資料|記事|URL|リンク)?|出典元?|引用元"
    r"|ソース)\s*(?P<colon>[:：])?)\s*(?P<rest>.*)",
    re.IGNORECASE,
)
# Citation lines continue a footer after a blank line only if they are addresses.
_URL_LINE = re.compile(r"(?:https?://\S+|[\w-]+(?:\.[\w-]+)+(?:/\S*)?)")
_FOOTER_MAX = 20

_TABLE_SEPARATOR = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?")
_RULE_LINE = re.compile(r"[-=_*＊─━―~〜・]{3,}")
_ARROW_LINE = re.compile(r"[↓⇓⬇▼▽↡⤵\ufe0f\s]*[↓⇓⬇▼▽↡⤵][↓⇓⬇▼▽↡⤵\ufe0f\s]*")
_INLINE_STEP = re.compile(rf"(?:{_DATE}|\d{{4}}年(?:\d{{1,2}}月)?|{_TIME}){_WEEKDAY}?\s*[→⇒➡]\s*\S.*")

# List markers by family. A marker of the "bullet" family always makes a list item;
# the others also number or decorate section titles (see _promote_to_heading).
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bullet", re.compile(r"(?P<m>[-*+])\s+(?P<t>.*)")),
    ("bullet", re.compile(r"(?P<m>[・•‣◦])\s*(?P<t>.*)")),
    ("check", re.compile(r"(?P<m>✅|✔\ufe0f?|☑\ufe0f?)\s*(?P<t>.*)")),
    ("circled", re.compile(r"(?P<m>[\u2460-\u2473\u2776-\u277f\u2474-\u2487])\s*(?P<t>.*)")),
    ("symbol", re.compile(r"(?P<m>[■□◆◇▶►▷★☆●○◎])\s*(?P<t>.*)")),
    # 1. and 1． but not 1.5%: the period must not be followed by a digit.
    ("numbered", re.compile(r"(?P<m>\d{1,2}[.．])(?!\d)\s*(?P<t>.*)")),
    ("numbered", re.compile(r"(?P<m>[(（]?\d{1,2}[)）])\s*(?P<t>.*)")),
)
_PROMOTABLE = frozenset({"check", "circled", "symbol", "numbered"})

_HEADING_MAX = 40
_MARKED_HEADING_MAX = 50
_NOT_HEADING_END = tuple("、，,:：;；！？!?")
_SENTENCE_END = ("。", "．", ".")


# --- public API -----------------------------------------------------------------------


def parse_text(
    text: str, *, keep_clutter: bool = False, first_line: int = 1, opening: bool = True
) -> Article:
    """Read a plain-text article: one block per non-empty line, clutter dropped.

    A long input is read in parts (:mod:`yomu.text.long_input`): a part after the first starts
    at line ``first_line`` and is not the article's ``opening``, so it has no title and
    none of the clutter found only at an article's top (datelines, a headline's fragments).
    """
    lines = _text_lines(text, first_line)
    dropped = {} if keep_clutter else _find_clutter(lines, fragments=opening, top=opening)
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    return Article(blocks=tuple(_build_blocks(kept, title=opening)), dropped=_dropped(lines, dropped))


def parse_html(html: str, *, keep_clutter: bool = False) -> Article:
    """Read the article body of a saved web page; blocks hold plain text."""
    page = page_lines(html)
    if page is None:
        return Article(blocks=())
    title, lines = page
    lines = _without_headline(lines, title)
    dropped = {} if keep_clutter else _find_clutter(lines, fragments=False)
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    head = [ArticleBlock("title", title)] if title else []
    return Article(blocks=(*head, *_build_blocks(kept, title=False)), dropped=_dropped(lines, dropped))


def _without_headline(lines: list[Line], title: str) -> list[Line]:
    # The headline is usually the body's first <h1> as well; it is the title block.
    for i, line in enumerate(lines[:_HEADLINE_WINDOW]):
        if title and line.text == title:
            return lines[:i] + lines[i + 1 :]
    return lines


# --- plain text -----------------------------------------------------------------------


def _text_lines(text: str, first_line: int = 1) -> list[Line]:
    raw = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    gap = False
    for number, line in enumerate(raw, start=first_line):
        stripped = line.strip()
        if stripped:
            lines.append(Line(number, stripped, after_gap=gap))
        gap = not stripped
    return lines


def _dropped(lines: Sequence[Line], reasons: dict[int, str]) -> tuple[DroppedLine, ...]:
    return tuple(DroppedLine(lines[i].number, lines[i].text, reasons[i]) for i in sorted(reasons))


# --- clutter --------------------------------------------------------------------------


def _find_clutter(lines: Sequence[Line], *, fragments: bool, top: bool = True) -> dict[int, str]:
    """Index of each clutter line → reason label (``top``: the lines start the article)."""
    steps = _timeline_steps(lines)
    reasons: dict[int, str] = {}
    header_lines = _HEADER_LINES if top else 0
    for i, line in enumerate(lines):
        reason = _line_reason(line.text, in_timeline=i in steps, at_top=i < header_lines)
        if reason:
            reasons[i] = reason
    _mark_runs(lines, reasons)
    _mark_author_names(lines, reasons)
    if fragments:
        _mark_headline_fragments(lines, reasons)
    return reasons


def _line_reason(text: str, *, in_timeline: bool = False, at_top: bool = False) -> str | None:
    for rule in _LINE_RULES if _ANY_LINE_RULE.fullmatch(text) else ():
        if rule.pattern.fullmatch(text):
            # In a timeline a year or a date alone is a step, not a counter or stamp.
            if in_timeline and rule.reason == "counter":
                continue
            return rule.reason
    if not in_timeline and (_TIMESTAMP.fullmatch(text) or (at_top and _DATELINE.fullmatch(text))):
        return "timestamp"
    return _header_reason(text)


def _header_reason(text: str) -> str | None:
    if len(text) > _HEADER_MAX:
        return None
    core = _HEADER_TAIL.sub("", _HEADER_NOISE.sub("", text))
    for rule in _RUN_HEADERS:
        if core and rule.pattern.fullmatch(core):
            return rule.reason
    return None


def _mark_runs(lines: Sequence[Line], reasons: dict[int, str]) -> None:
    """Drop the list under a ranking or recommendation header, up to the next real text."""
    run: str | None = None
    for i, line in enumerate(lines):
        header = _header_reason(line.text)
        if header:
            run = header
        elif run is not None and _ends_run(lines, i):
            run = None
        elif run is not None:
            reasons.setdefault(i, run)


def _ends_run(lines: Sequence[Line], i: int) -> bool:
    # Headlines in a ranking never end in 。; article prose does. A section heading
    # directly followed by prose also ends the list, and so does a source footer.
    text = lines[i].text
    if _is_prose(text) or _is_source_label(text):
        return True
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    return _marker(text) is None and _heading_like(text, _HEADING_MAX) and _is_prose(following)


def _mark_author_names(lines: Sequence[Line], reasons: dict[int, str]) -> None:
    """The short line right above an e-mail address is the author's name."""
    for i in range(1, len(lines)):
        if reasons.get(i) == "byline" and "@" in lines[i].text and i - 1 not in reasons:
            above = lines[i - 1].text
            if len(above) <= 12 and not re.search(r"[。、「」\d]", above):
                reasons[i - 1] = "byline"


def _mark_headline_fragments(lines: Sequence[Line], reasons: dict[int, str]) -> None:
    candidates = [i for i in range(len(lines)) if i not in reasons][: _FRAGMENT_LINES + _HEADLINE_WINDOW]
    for count in range(_FRAGMENT_LINES, 0, -1):
        head = candidates[:count]
        if len(head) < count or not all(_is_fragment(lines[i].text) for i in head):
            continue
        joined = "".join("".join(lines[i].text.split()) for i in head)
        for j in candidates[count : count + _HEADLINE_WINDOW]:
            if "".join(lines[j].text.split()).startswith(joined):
                reasons.update(dict.fromkeys(head, "duplicate"))
                return


def _is_fragment(text: str) -> bool:
    return len(text) <= _FRAGMENT_MAX and "。" not in text


# --- structure ------------------------------------------------------------------------


def _build_blocks(lines: Sequence[Line], *, title: bool) -> Iterator[ArticleBlock]:
    steps = _timeline_steps(lines)
    tables = _table_rows(lines)
    i = 0
    first = title
    while i < len(lines):
        line = lines[i]
        if _is_source_label(line.text):
            block, i = _source_block(lines, i)
            yield block
            first = False
            continue
        i += 1
        classified = _classify(lines, i - 1, steps=steps, tables=tables, first=first)
        if classified is not None:
            first = False
            yield classified


def _classify(
    lines: Sequence[Line], i: int, *, steps: frozenset[int], tables: frozenset[int], first: bool
) -> ArticleBlock | None:
    line = lines[i]
    text = line.text
    if line.hint == "table_row" or i in tables:
        cells = line.cells or _cells(text)
        return ArticleBlock("table_row", " | ".join(cells), cells=cells)
    if _is_layout(text):
        return None
    if i in steps:
        arrow = lines[i - 1].text if i > 0 and _ARROW_LINE.fullmatch(lines[i - 1].text) else ""
        return ArticleBlock("list_item", text, marker=arrow)
    marked = _marker(text)
    if line.hint == "heading":
        if marked and marked[0] in _PROMOTABLE:  # <h2>① 欧州の動向</h2>, as in plain text
            return ArticleBlock("heading", marked[2], marker=marked[1])
        return ArticleBlock("heading", text)
    if line.hint == "list_item":
        if marked:  # <li>・大豆</li>: the marker was typed into the text
            return ArticleBlock("list_item", marked[2], marker=marked[1])
        return ArticleBlock("list_item", text, marker=line.marker)
    if marked:
        family, marker, rest = marked
        if _promote_to_heading(lines, i, family, rest):
            return ArticleBlock("heading", rest, marker=marker)
        return ArticleBlock("list_item", rest, marker=marker)
    if _INLINE_STEP.fullmatch(text):
        return ArticleBlock("list_item", text)
    if first and not _is_prose(text):
        return ArticleBlock("title", text)
    if i + 1 < len(lines) and _heading_like(text, _HEADING_MAX):
        return ArticleBlock("heading", text)
    return ArticleBlock("paragraph", text)


def _is_layout(text: str) -> bool:
    """Separator rows, rules and the arrows between timeline steps carry no text."""
    return bool(_TABLE_SEPARATOR.fullmatch(text) or _RULE_LINE.fullmatch(text) or _ARROW_LINE.fullmatch(text))


def _timeline_steps(lines: Sequence[Line]) -> frozenset[int]:
    arrows = {i for i, line in enumerate(lines) if _ARROW_LINE.fullmatch(line.text)}
    near = {j for i in arrows for j in (i - 1, i + 1)}
    return frozenset(j for j in near if 0 <= j < len(lines) and j not in arrows)


def _table_rows(lines: Sequence[Line]) -> frozenset[int]:
    """Pipe rows that have another pipe row or a separator row next to them."""
    piped = {i for i, line in enumerate(lines) if line.hint == "text" and _is_pipe_row(line.text)}
    rows = {i for i in piped if i - 1 in piped or i + 1 in piped}
    for i, line in enumerate(lines):
        if _TABLE_SEPARATOR.fullmatch(line.text):
            rows.update(j for j in (i - 1, i + 1) if j in piped)
    return frozenset(rows)


def _is_pipe_row(text: str) -> bool:
    return not _TABLE_SEPARATOR.fullmatch(text) and len(_cells(text)) >= 2


def _cells(text: str) -> tuple[str, ...]:
    parts = [p.strip() for p in re.split(r"[|｜]", text)]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return tuple(parts)


def _marker(text: str) -> tuple[str, str, str] | None:
    """(family, marker, rest) when ``text`` starts with a list marker."""
    for family, pattern in _MARKERS:
        match = pattern.fullmatch(text)
        if match and match.group("t"):
            return family, match.group("m"), match.group("t")
    return None


def _promote_to_heading(lines: Sequence[Line], i: int, family: str, rest: str) -> bool:
    # ① … ② … each followed by paragraphs number sections; ① ② ③ on adjacent lines
    # are a list. Only a line with more text after it can title a section.
    if family not in _PROMOTABLE or i + 1 >= len(lines):
        return False
    if any(_same_family(lines[j].text, family) for j in (i - 1, i + 1) if 0 <= j < len(lines)):
        return False
    return _heading_like(rest, _MARKED_HEADING_MAX, allow_question=True)


def _same_family(text: str, family: str) -> bool:
    marked = _marker(text)
    return marked is not None and marked[0] == family


def _heading_like(text: str, limit: int, *, allow_question: bool = False) -> bool:
    if not text or len(text) > limit or "。" in text or _is_prose(text) or _enclosed(text):
        return False
    last = text.rstrip(_CLOSERS)[-1:]
    if allow_question and last in "？?":
        return True
    return last not in _NOT_HEADING_END


def _enclosed(text: str) -> bool:
    # （…放送より） or 「…」 alone on a line is a note or a quotation, not a title.
    if len(text) < 2 or text[0] not in _OPENERS or text[-1] not in _CLOSERS:
        return False
    depth = 0
    for ch in text[:-1]:
        depth += (ch in _OPENERS) - (ch in _CLOSERS)
        if depth == 0:  # 「A」と「B」: the first bracket closes before the end
            return False
    return True


def _is_prose(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _is_source_label(text: str) -> bool:
    match = _SOURCE_LABEL.fullmatch(text)
    # Without a colon only the bare label counts: "Sources say …" is a sentence.
    return match is not None and (bool(match.group("colon")) or not match.group("rest"))


def _source_block(lines: Sequence[Line], start: int) -> tuple[ArticleBlock, int]:
    match = _SOURCE_LABEL.fullmatch(lines[start].text)
    assert match is not None
    label, rest = match.group("label").strip(), match.group("rest")
    citations = [rest] if rest else []
    i = start + 1
    while i < len(lines) and len(citations) < _FOOTER_MAX and _continues_footer(lines[i]):
        citations.append(lines[i].text)
        i += 1
    if not citations:
        return ArticleBlock("source", label), i
    return ArticleBlock("source", "\n".join(citations), marker=label), i


def _continues_footer(line: Line) -> bool:
    if line.hint == "heading" or _is_prose(line.text):
        return False
    return not line.after_gap or bool(_URL_LINE.fullmatch(line.text))
