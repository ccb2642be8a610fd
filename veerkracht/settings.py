"""Settings read from the environment, in one place so deployment docs can list them.

VEERKRACHT_CONTENT        folder with question sets, help.yaml and interface/ (default: content/)
VEERKRACHT_IDLE_MINUTES   minutes without activity before a conversation is forgotten (default: 60;
                          fractions such as 0.5 are allowed)
VEERKRACHT_GRACE_MINUTES  minutes a conversation is kept after its browser tab closed, so a reload
                          or a flaky connection finds it again (default: 3; fractions allowed;
                          never longer than the idle time)
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_DIR = REPO_DIR / "content"
DEFAULT_IDLE_MINUTES = 60
DEFAULT_GRACE_MINUTES = 3
_LOG = logging.getLogger("veerkracht.settings")
_WARNED: set[tuple[str, str]] = set()  # each wrong value is said once, not on every click


@dataclass(frozen=True)
class Settings:
    content_dir: Path
    idle_minutes: float
    grace_minutes: float


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """The settings from the environment; values that do not make sense fall back to defaults."""
    env = os.environ if environ is None else environ
    content = env.get("VEERKRACHT_CONTENT", "").strip()
    idle_minutes = _positive_number(env, "VEERKRACHT_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)
    grace_minutes = _positive_number(env, "VEERKRACHT_GRACE_MINUTES", DEFAULT_GRACE_MINUTES)
    return Settings(
        content_dir=Path(content).expanduser() if content else DEFAULT_CONTENT_DIR,
        idle_minutes=idle_minutes,
        grace_minutes=min(grace_minutes, idle_minutes),
    )


def _positive_number(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if math.isfinite(value) and value > 0:
        return value
    if (name, raw) not in _WARNED:
        _WARNED.add((name, raw))
        _LOG.warning("%s=%s is not a positive number of minutes, such as 30 or 0.5; using %s",
                     name, ascii(raw), default)
    return default
