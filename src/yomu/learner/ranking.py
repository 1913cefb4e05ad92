"""Words to learn apart from names: which items rank in "People and places in this article".

A learner studies words; people, places, organisations and events are looked up, not
learnt, and a news article names a few of them on every line. Ranked together, トランプ,
EU and 米 would fill the top of every list. So the brief of the reader page, ``yomu
vocab`` and ``yomu deck`` rank names in a section of their own, and :func:`is_name` is
the one test they all use (issue #18).

How much an item matters within its section is :func:`yomu.learner.levels.importance`.
"""

from __future__ import annotations

import re

from ..model import VocabItem

NAME_KINDS = frozenset({"person", "place", "organisation", "event"})
"""Item kinds that are names: a glossary's or JMnedict's people, places, organisations, events."""


COUNTRY_ABBREVIATIONS = frozenset(
    {
        ("米", "べい"),  # the United States: 米政権, 米側, 米EU
        ("露", "ろ"),  # Russia
        ("英", "えい"),  # Britain
        ("独", "どく"),  # Germany
        ("仏", "ふつ"),  # France
        ("伊", "い"),  # Italy
        ("欧", "おう"),  # Europe
        ("豪", "ごう"),  # Australia
        ("台", "たい"),  # Taiwan
        ("韓", "かん"),  # South Korea
        ("越", "えつ"),  # Vietnam
    }
)
"""One kanji standing for a country or region, as news writes it (米露, 米政権), with the
reading that means the country: 米 read こめ is rice. JMdict has them as common nouns
glossed with the country's name; not every one is tagged ``abbr`` (米 is not), and the
tag also marks days of the week (月 げつ "Monday"), so the list is explicit. Left out are
those whose reading has a commoner sense: 日 にち (day), 中 ちゅう (middle), 加 か
(addition), 印 いん (seal), 朝 ちょう (dynasty), 西 せい (west), 蘭 らん (orchid)."""


NAME_POS = frozenset({("名詞", "固有名詞", "地名"), ("名詞", "固有名詞", "人名")})
"""Sudachi's parts of speech of place and person names (the first three levels)."""


def is_name(item: VocabItem) -> bool:
    """Whether ``item`` is a name rather than a word to learn: an item of a kind in
    :data:`NAME_KINDS`; a country's one-kanji abbreviation (:data:`COUNTRY_ABBREVIATIONS`);
    or a JMdict word Sudachi reads as a place or person name and JMdict glosses with a
    proper name (日本 "Japan", 東京 "Tokyo": JMdict lists them as common nouns, so their
    items are of kind ``word``). Both must agree: Sudachi reads 見方 in 見方が多い as a
    place name, but it is "viewpoint".
    """
    return (
        item.kind in NAME_KINDS
        or (item.text, item.reading) in COUNTRY_ABBREVIATIONS
        or (item.source == "jmdict" and item.pos[:3] in NAME_POS and _glossed_as_a_name(item))
    )


def _glossed_as_a_name(item: VocabItem) -> bool:
    glosses = item.primary_glosses
    # "(United States of) America": a bracket qualifies; the name is what follows it.
    first = re.sub(r"^\([^)]*\)\s*", "", glosses[0]) if glosses else ""
    return first[:1].isascii() and first[:1].isupper()
