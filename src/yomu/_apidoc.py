"""docs/api.md, written from the docstrings: ``python -m yomu._apidoc > docs/api.md``.

The reference is made from the code it describes, so it cannot drift: a test renders it
again and compares, and runs every ``>>>`` example in it.
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from collections.abc import Callable
from typing import Any

INTRO = """\
# The Python API

Everything the CLI does is a library call; the CLI only parses options (docs/cli.md).
This reference is generated from the docstrings by `python -m yomu._apidoc > docs/api.md`,
and `tests/test_api.py` runs every example in it.

```pycon
>>> import yomu
>>> doc = yomu.annotate("和平案が話し合われた。", known=["話し合う"])
>>> [(t.surface, t.reading) for t in doc.tokens()][:4]
[('和平', 'わへい'), ('案', 'あん'), ('が', 'が'), ('話し合わ', 'はなしあわ')]
>>> item = doc.item(doc.tokens()[0])
>>> item.text, item.reading, item.glosses[0], item.known
('和平案', 'わへいあん', 'peace plan', False)
>>> verb = doc.item(doc.tokens()[3])
>>> verb.text, verb.known, verb.senses[0].pos, verb.senses[0].glosses[0]
('話し合う', True, ('v5u', 'vt'), 'to discuss')
>>> doc.item(doc.tokens()[2]) is None  # が, a particle, belongs to no item
True

```

Learner settings are plain keyword arguments (`level`, `known`); `Options` and
`Annotator` are for a program that annotates many articles with one set of settings and
wants the dictionary and glossaries loaded once. Errors a user can fix are `YomuError`s
(`InputError`, `GlossaryError`, `OutputError`), whose message is the CLI's one line.
`yomu.__all__` lists the public names:

"""

FUNCTIONS = ("annotate", "annotate_file")
CLASSES = (
    "Document",
    "Token",
    "Word",
    "VocabItem",
    "Sense",
    "Sentence",
    "Block",
    "FuriganaSegment",
    "DroppedLine",
    "Annotator",
    "Options",
    "YomuError",
    "InputError",
    "GlossaryError",
    "OutputError",
)
_METHODS = {"Annotator": ("annotate", "annotate_file"), "Word": ("values",)}


def render() -> str:
    import yomu

    parts = [INTRO, "    " + ", ".join(sorted(yomu.__all__)) + "\n", "\n## Functions\n"]
    for name in FUNCTIONS:
        parts.append(_function(getattr(yomu, name), f"yomu.{name}", level=3))
    parts.append("\n## Classes\n")
    for name in CLASSES:
        parts.append(_class(getattr(yomu, name)))
    return "".join(parts).rstrip("\n") + "\n"


def _function(function: Callable[..., Any], title: str, *, level: int) -> str:
    node = _node(function)
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    args = ast.unparse(node.args)
    if args.startswith("self, ") or args == "self":
        args = args[len("self, ") :] if args != "self" else ""
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    heading = "#" * level
    return f"\n{heading} `{title}`\n\n```python\n{title}({args}){returns}\n```\n\n{_doc(function)}"


def _class(cls: type) -> str:
    out = [f"\n### `yomu.{cls.__name__}`\n\n{_doc(cls)}"]
    fields = _fields(cls)
    if fields:
        out.append("\n| attribute | type | |\n|---|---|---|\n")
        for name, annotation, doc in fields:
            # A | inside a cell, even in code, would end the cell.
            cell = " ".join(doc.split()).replace("|", "\\|")
            kind = annotation.replace("|", "\\|")
            out.append(f"| `{name}` | `{kind}` | {cell} |\n")
    members = []
    for name, member in vars(cls).items():
        if name.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
            continue
        if cls.__name__ in _METHODS and name not in _METHODS[cls.__name__]:
            continue
        members.append((name, member))
    for name, member in members:
        if isinstance(member, property):
            assert member.fget is not None
            out.append(f"\n`{cls.__name__}.{name}` (property): {_doc(member.fget).strip()}\n")
        else:
            out.append(_function(member, f"{cls.__name__}.{name}", level=4))
    return "".join(out)


def _fields(cls: type) -> list[tuple[str, str, str]]:
    """Annotated attributes of a dataclass, each with the docstring written under it."""
    node = _node(cls)
    assert isinstance(node, ast.ClassDef)
    found: list[tuple[str, str, str]] = []
    body = node.body
    for i, statement in enumerate(body):
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            after = body[i + 1] if i + 1 < len(body) else None
            doc = (
                after.value.value
                if isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
                else ""
            )
            found.append((statement.target.id, ast.unparse(statement.annotation), doc))
    return found


def _node(obj: Any) -> ast.stmt:
    source = textwrap.dedent(inspect.getsource(obj))
    return ast.parse(source).body[0]


def _doc(obj: Any) -> str:
    doc = inspect.getdoc(obj) or ""
    # Sphinx roles read as plain code in Markdown.
    for role in (":func:", ":meth:", ":class:"):
        doc = doc.replace(role, "")
    return _fence_examples(doc) + "\n"


def _fence_examples(doc: str) -> str:
    """Doctest examples in ```pycon fences, a blank line before each closing fence so the
    example's expected output ends there."""
    lines: list[str] = []
    inside = False
    for line in doc.split("\n"):
        if line.startswith(">>>") and not inside:
            lines.append("```pycon")
            inside = True
        elif inside and not line.strip():
            lines.extend(["", "```"])
            inside = False
        lines.append(line)
    if inside:
        lines.extend(["", "```"])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
