"""Compiled HTML templates kept between runs, so a process need not compile them again.

Jinja2 turns each template into Python code when it is first used: lexing, parsing and
code generation took 30–45 ms of every ``yomu annotate`` to HTML, more than rendering a
short article. Jinja2's own bytecode cache keeps that code in yomu's cache folder
(:func:`yomu.text.fetch.cache_dir`, ``templates-…``), keyed by the template's name and
checked against its text, so the first run after an install compiles and later runs
load. Nothing generated is part of the source tree.

The folder's name carries Jinja2's version and the environment's syntax settings, which
the code also depends on: another Jinja2, or other settings, start a folder of their own.
A cache that cannot be read or written only makes a run slower; pages are the same.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from ..text.fetch import cache_dir


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache in a folder made on first write; failures to write are ignored."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only home, a full disk: the template was compiled, just not kept

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()


def settings_fingerprint(environment: jinja2.Environment) -> str:
    """What compiled code depends on besides the template's text: Jinja2 and the syntax."""
    e = environment
    settings = (
        jinja2.__version__,
        e.block_start_string, e.block_end_string, e.variable_start_string, e.variable_end_string,
        e.comment_start_string, e.comment_end_string, e.line_statement_prefix, e.line_comment_prefix,
        e.trim_blocks, e.lstrip_blocks, e.newline_sequence, e.keep_trailing_newline,
        e.optimized, e.is_async, sorted(e.extensions), bool(e.autoescape), e.autoescape is True,
        e.finalize is None, e.undefined.__name__,
    )  # fmt: skip
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]


def use_template_cache(environment: jinja2.Environment) -> jinja2.Environment:
    """``environment`` with its compiled templates kept in yomu's cache folder."""
    folder = cache_dir() / f"templates-{settings_fingerprint(environment)}"
    environment.bytecode_cache = TemplateCache(str(folder))
    return environment
