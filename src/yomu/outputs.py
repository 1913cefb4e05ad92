"""Writing outputs atomically: a reader never sees half a file, an error keeps the old one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError


def write_atomic(path: Path, data: bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Refuses to overwrite one of the ``inputs``: ``yomu annotate a.txt -o a.txt`` would
    otherwise destroy the article it reads.
    """
    target = path.resolve()
    for given in inputs:
        if given != "-" and Path(given).resolve() == target:
            raise OutputError(f"{path}: is also an input; choose another output path")
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise


@contextlib.contextmanager
def atomic_writer(path: Path, *, inputs: Iterable[str] = ()) -> Iterator[BinaryIO]:
    """:func:`write_atomic` for output written piece by piece.

    Yields a binary file: the output appears at ``path`` when the ``with`` block ends
    without an error; on an error the temporary file is removed and an existing
    ``path`` is left as it was.
    """
    target = path.resolve()
    for given in inputs:
        if given != "-" and Path(given).resolve() == target:
            raise OutputError(f"{path}: is also an input; choose another output path")
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise


class StagedFiles:
    """Several outputs written to temporary files now and renamed into place together.

    ``commit()`` renames them all; ``discard()`` (or an error before ``commit``) removes
    them, so a run that fails half way leaves none of its outputs behind, while each
    output's bytes can be dropped from memory as soon as they are written.
    """

    def __init__(self, *, inputs: Iterable[str] = ()) -> None:
        self._inputs = [Path(i).resolve() for i in inputs if i != "-"]
        self._staged: list[tuple[str, Path]] = []

    def write(self, path: Path, data: bytes) -> None:
        target = path.resolve()
        if target in self._inputs:
            raise OutputError(f"{path}: is also an input; choose another output path")
        if target.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name")
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        self._staged.append((temp, target))
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o644)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc

    def commit(self) -> None:
        for temp, target in self._staged:
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
        self._staged = []

    def discard(self) -> None:
        for temp, _ in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self._staged = []
