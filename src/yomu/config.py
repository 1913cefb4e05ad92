"""The user's config file: defaults a learner sets once.

Location: ``$YOMU_CONFIG`` if set, else ``$XDG_CONFIG_HOME/yomu/config.toml``, else
``~/.config/yomu/config.toml``. A missing file means no settings. Example::

    # ~/.config/yomu/config.toml
    glossaries = ["~/japanese/my-terms.toml"]   # loaded after the shipped glossaries
    level = "N3"                                # words at or below N3 count as known
    known = ["~/japanese/known.txt"]            # word lists (same formats as --known)
    known_anki = "~/.local/share/Anki2/User 1/collection.anki2"   # read-only

Relative paths are relative to the config file's folder. Command-line options win over
the file: ``--level`` replaces ``level``; ``--known`` files are added to ``known``.

yomu's own data (the personal known-words list, an imported dictionary) lives in
:func:`data_dir`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import YomuError
from .model import LEVELS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_KEYS = {"glossaries", "level", "known", "known_anki"}


@dataclass(frozen=True)
class UserConfig:
    glossaries: tuple[Path, ...] = ()
    level: str | None = None
    known: tuple[Path, ...] = ()
    known_anki: Path | None = None
    path: Path | None = None


def data_dir() -> Path:
    """``$YOMU_DATA_DIR``, else ``$XDG_DATA_HOME/yomu``, else ``~/.local/share/yomu``."""
    if os.environ.get("YOMU_DATA_DIR"):
        return Path(os.environ["YOMU_DATA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "yomu"


def config_path() -> Path:
    if os.environ.get("YOMU_CONFIG"):
        return Path(os.environ["YOMU_CONFIG"]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "yomu" / "config.toml"


def load_config(path: Path | None = None) -> UserConfig:
    """Read the config file; a missing file is an empty config, a broken one an error."""
    path = path or config_path()
    if not path.is_file():
        return UserConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise YomuError(f"{path}: cannot read the config file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise YomuError(f"{path}: invalid TOML: {exc}") from exc
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise YomuError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    glossaries = _paths(data, "glossaries", path)
    known = _paths(data, "known", path)
    level = data.get("level")
    if level is not None and (not isinstance(level, str) or level.upper() not in LEVELS):
        raise YomuError(f"{path}: 'level' must be one of {', '.join(LEVELS)}")
    known_anki = data.get("known_anki")
    if known_anki is not None and not isinstance(known_anki, str):
        raise YomuError(f"{path}: 'known_anki' must be the path of an Anki collection file")
    return UserConfig(
        glossaries=glossaries,
        level=level.upper() if isinstance(level, str) else None,
        known=known,
        known_anki=_resolve(path.parent, known_anki) if known_anki else None,
        path=path,
    )


def _paths(data: dict[str, object], key: str, path: Path) -> tuple[Path, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise YomuError(f"{path}: '{key}' must be a list of file paths")
    return tuple(_resolve(path.parent, v) for v in value)


def _resolve(base: Path, given: str) -> Path:
    candidate = Path(given).expanduser()
    return candidate if candidate.is_absolute() else base / candidate
