"""The user's config file: defaults a learner sets once.

Location: ``$YOMU_CONFIG`` if set, else ``$XDG_CONFIG_HOME/yomu/config.toml``, else
``~/.config/yomu/config.toml``. A missing file means no settings. Example::

    # ~/.config/yomu/config.toml
    glossaries = ["~/japanese/my-terms.toml"]   # loaded after the shipped glossaries

Relative paths are relative to the config file's folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import YomuError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_KEYS = {"glossaries"}


@dataclass(frozen=True)
class UserConfig:
    glossaries: tuple[Path, ...] = ()
    path: Path | None = None


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
    glossaries = data.get("glossaries", [])
    if not isinstance(glossaries, list) or not all(isinstance(g, str) for g in glossaries):
        raise YomuError(f"{path}: 'glossaries' must be a list of file paths")
    return UserConfig(glossaries=tuple(_resolve(path.parent, g) for g in glossaries), path=path)


def _resolve(base: Path, given: str) -> Path:
    candidate = Path(given).expanduser()
    return candidate if candidate.is_absolute() else base / candidate
