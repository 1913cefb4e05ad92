"""Writing outputs atomically: a reader never sees half a file, an error keeps the old one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError

_CHECK = "check the directory's permissions and free space"


def write_atomic(path: Path, data: bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Refuses to overwrite one of the ``inputs``: ``yomu annotate a.txt -o a.txt`` would
    otherwise destroy the article it reads.
    """
    target = check_output(path, inputs=inputs)
    if _is_special(path):
        # /dev/stdout, /dev/null, a named pipe: renaming a file over it would replace the
        # device itself (root may do that to /dev/null); such outputs are streams anyway.
        try:
            with open(path, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
        return
    directory = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
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
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); {_CHECK}") from exc
        raise


def check_output(path: Path, *, inputs: Iterable[str] = ()) -> Path:
    """Raise the ``OutputError`` that writing ``path`` would raise; the resolved path if none.

    Callers check before annotating, so a wrong ``-o`` fails at once, not after minutes.
    """
    target = path.resolve()
    for given in inputs:
        if given != "-" and _same_file(Path(given), target):
            raise OutputError(f"{path}: is also an input; choose another output path")
    if _is_special(path):
        return target
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist; create it or choose another path")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    return target


def _is_special(path: Path) -> bool:
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
