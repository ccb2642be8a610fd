"""Settings read from the environment, in one place so deployment docs can list them.

VEERKRACHT_CONTENT        folder with question sets, help.yaml and interface/ (default: content/)
VEERKRACHT_IDLE_MINUTES   minutes without a tap before the open tab clears its screen and the server
                          forgets the conversation (default: 20; fractions such as 0.5 are allowed);
                          the tab asks "Ben je er nog?" shortly before
VEERKRACHT_GRACE_MINUTES  minutes a conversation is kept after its browser tab closed, so a reload
                          or a flaky connection finds it again (default: 3; fractions allowed;
                          never longer than the idle time)
VEERKRACHT_TEST_PAGE      "aan" turns on the test page for editors (?pagina=testen); off by default,
                          so a server for students shows students nothing else
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_DIR = REPO_DIR / "content"
# A one-on-one of 20-30 minutes has long stretches of talk without a tap; 20 idle minutes
# outlast those, and still clear a tab left behind on a shared computer within a lesson hour.
DEFAULT_IDLE_MINUTES = 20
DEFAULT_GRACE_MINUTES = 3
WARN_SECONDS = 120  # "Ben je er nog?" this long before the end ...
WARN_SHARE = 0.25  # ... or in the last quarter of a short idle time
_ON = frozenset({"aan", "ja", "on", "yes", "true", "1"})
_OFF = frozenset({"uit", "nee", "off", "no", "false", "0", ""})
_LOG = logging.getLogger("veerkracht.settings")
_WARNED: set[tuple[str, str]] = set()  # each wrong value is said once, not on every click


@dataclass(frozen=True)
class Settings:
    content_dir: Path
    idle_minutes: float
    grace_minutes: float
    test_page: bool = False

    @property
    def warn_seconds(self) -> float:
        """How long before the end of the idle time the tab asks whether someone is still there."""
        return min(WARN_SECONDS, self.idle_minutes * 60 * WARN_SHARE)


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
        test_page=_switch(env, "VEERKRACHT_TEST_PAGE"),
    )


def _switch(env: dict[str, str], name: str) -> bool:
    """On only when clearly switched on; anything unclear keeps it off, and says so once."""
    raw = env.get(name)
    if raw is None or raw.strip().lower() in _OFF:
        return False
    if raw.strip().lower() in _ON:
        return True
    _warn_once(name, raw, f"{name}=%s is neither aan nor uit; it stays off", ascii(raw))
    return False


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
    _warn_once(name, raw, "%s=%s is not a positive number of minutes, such as 30 or 0.5; using %s",
               name, ascii(raw), default)
    return default


def _warn_once(name: str, raw: str, text: str, *args: object) -> None:
    if (name, raw) not in _WARNED:
        _WARNED.add((name, raw))
        _LOG.warning(text, *args)
