"""TSV output: one token per line, for spreadsheets and shell tools.

Columns: document, block, sentence, surface, reading, lemma, pos, gloss, item.
Tabs and newlines inside values become spaces so every row has the same columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document
from .json import pos_label

COLUMNS = ("document", "block", "sentence", "surface", "reading", "lemma", "pos", "gloss", "item")


def render_tsv(docs: Sequence[Document]) -> str:
    rows = ["\t".join(COLUMNS)]
    for doc in docs:
        for b, block in enumerate(doc.blocks):
            for s, sentence in enumerate(block.sentences):
                for token in sentence.tokens:
                    if token.pos[0] == "空白":
                        continue
                    gloss = "; ".join(token.gloss) if token.gloss else ""
                    values = (
                        doc.source,
                        str(b),
                        str(s),
                        token.surface,
                        token.reading or "",
                        token.lemma,
                        pos_label(token.pos),
                        gloss,
                        token.item or "",
                    )
                    rows.append("\t".join(_cell(v) for v in values))
    return "\n".join(rows) + "\n"


def _cell(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines())
