"""Writing outputs atomically: a reader never sees half a file, an error keeps the old one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

_CHECK = "check the directory's permissions and free space"


def write_atomic(path: Path, data: bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Refuses to overwrite one of the ``inputs``: ``yomu annotate a.txt -o a.txt`` would
    otherwise destroy the article it reads.
    """
    with atomic_writer(path, inputs=inputs) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_writer(path: Path, *, inputs: Iterable[str] = ()) -> Iterator[BinaryIO]:
    """:func:`write_atomic` for output written piece by piece.

    Yields a binary file: the output appears at ``path`` when the ``with`` block ends
    without an error; on an error (Ctrl-C included) the temporary file is removed and an
    existing ``path`` is left as it was.
    """
    target = check_output(path, inputs=inputs)
    if is_special(path):
        # /dev/stdout, /dev/null, a named pipe: renaming a file over it would replace the
        # device itself (root may do that to /dev/null); such outputs are streams anyway.
        try:
            with open(path, "wb") as stream:
                yield stream
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
        return
    temps: list[str] = []
    try:
        fd = _create_temporary(path, target, temps)
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temps[0], 0o644)
        os.replace(temps[0], target)
    except BaseException as exc:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
        raise


def scratch_file(path: Path) -> BinaryIO:
    """An unnamed temporary file for the parts of the output ``path`` while they are put
    together: beside ``path`` (the output needs that disk anyway), else in the system's
    temporary directory. It disappears when closed, or when the process ends.
    """
    try:
        return tempfile.TemporaryFile(dir=path.resolve().parent)
    except OSError:  # a device such as /dev/stdout, or a directory we may not write in
        try:
            return tempfile.TemporaryFile()
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc


class StagedFiles:
    """Several outputs written to temporary files now and renamed into place together.

    ``commit()`` renames them all; ``discard()`` (or an error before ``commit``) removes
    them, so a run that fails half way leaves none of its outputs behind, while each
    output's bytes can be dropped from memory as soon as they are written.
    """

    def __init__(self, *, inputs: Iterable[str] = ()) -> None:
        self._inputs = tuple(inputs)
        self._temps: list[str] = []
        self._targets: dict[str, Path] = {}

    def write(self, path: Path, data: bytes) -> None:
        with self.writer(path) as out:
            out.write(data)

    @contextlib.contextmanager
    def writer(self, path: Path) -> Iterator[BinaryIO]:
        """:meth:`write` for an output written piece by piece: yields its temporary file."""
        target = check_output(path, inputs=self._inputs)
        fd = _create_temporary(path, target, self._temps)
        temp = self._temps[-1]
        self._targets[temp] = target
        try:
            with os.fdopen(fd, "wb") as out:
                yield out
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o644)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc

    def commit(self) -> None:
        for temp in self._temps:
            target = self._targets[temp]
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
        self._temps, self._targets = [], {}

    def discard(self) -> None:
        for temp in self._temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self._temps, self._targets = [], {}


def check_output(path: Path, *, inputs: Iterable[str] = ()) -> Path:
    """Raise the ``OutputError`` that writing ``path`` would raise; the resolved path if none.

    Callers check before annotating, so a wrong ``-o`` fails at once, not after minutes.
    """
    target = path.resolve()
    for given in inputs:
        if given != "-" and _same_file(Path(given), target):
            raise OutputError(f"{path}: is also an input; choose another output path")
    if is_special(path):
        return target
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist; create it or choose another path")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    return target


def _create_temporary(path: Path, target: Path, temps: list[str]) -> int:
    """Create a new temporary file beside ``target`` and open it for writing; its name is
    put in ``temps`` before the file exists.

    Ctrl-C may come between any two steps, the one after the file is made included: with
    the name recorded first, whoever removes ``temps`` on an error removes the file too,
    while a name whose file this call did not make (it was taken, or the directory
    refused) is taken out of ``temps`` again, so nobody else's file is removed.
    """
    for _ in range(_TEMPORARY_TRIES):
        temp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        temps.append(temp)
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            temps.remove(temp)
        except OSError as exc:
            temps.remove(temp)
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
    raise OutputError(f"{path}: cannot write (no free temporary name beside it); {_CHECK}")


_TEMPORARY_TRIES = 100


def is_special(path: Path) -> bool:
    """An existing output that is neither a regular file nor a directory: a device or a pipe."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _same_file(given: Path, target: Path) -> bool:
    """``given`` and ``target`` are one file: the same path once resolved, or a hard link."""
    if given.resolve() == target:
        return True
    try:
        return os.path.samefile(given, target)
    except OSError:  # either does not exist (yet): then they cannot be one file
        return False
