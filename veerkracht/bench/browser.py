"""First question usable: from navigation until the first screen can be answered and left.

Each load is a fresh headless Chromium with an empty profile, so nothing comes from a cache;
the time is read inside the page (performance.now() counts from the start of navigation).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from veerkracht.bench import Row
from veerkracht.bench.script import ratio
from veerkracht.bench.server import APP_SCRIPT, FLOOR_SCRIPT, LocalServer

CHROMIUM = Path("/usr/bin/chromium")
USABLE_ROW = "first question usable (median of fresh loads)"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The way on below the first questions: "Beginnen" in the app, "Volgende" on the floor page. When
# it can be pressed, the questions above it are there too (the help button at the top comes first).
FORWARD_BUTTON = '[data-testid="stMain"] [data-testid="stBaseButton-primary"]'
USABLE_AT = """selector => {
    for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (!el.disabled && el.getAttribute('aria-disabled') !== 'true' && box.width > 0 && box.height > 0) {
            return performance.now();
        }
    }
    return false;
}"""


@dataclass(frozen=True)
class PageLoads:
    """Milliseconds until the first screen could be answered and left, one number per fresh load."""

    script: str
    millis: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.millis)


def find_chromium() -> str | None:
    """VEERKRACHT_CHROMIUM if set (as for the browser tests), else Debian's Chromium, else on PATH."""
    chosen = os.environ.get("VEERKRACHT_CHROMIUM", "").strip()
    if chosen:
        return chosen if Path(chosen).is_file() else None
    if CHROMIUM.is_file():
        return str(CHROMIUM)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def first_widget_millis(url: str, chromium: str, timeout_s: float = 30.0) -> float:
    """One fresh browser, one navigation: milliseconds until the way on is visible and enabled."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium, args=CHROMIUM_ARGS, headless=True,
        )
        try:
            page = context.new_page()
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
            ready = page.wait_for_function(
                USABLE_AT, arg=FORWARD_BUTTON, polling="raf", timeout=timeout_s * 1000,
            )
            return float(ready.json_value())
        finally:
            context.close()


def first_question_usable(loads: int = 5) -> tuple[PageLoads, PageLoads] | None:
    """The real app and the floor page, loaded in turns; None without Chromium.

    Each server is warmed by one load first: its first run imports everything, which a class
    never sees. Then app and floor take turns, so a busy moment falls on both alike.
    """
    chromium = find_chromium()
    if chromium is None:
        return None
    with LocalServer(APP_SCRIPT) as app, LocalServer(FLOOR_SCRIPT) as floor:
        for server in (app, floor):
            first_widget_millis(server.url, chromium)
        app_millis, floor_millis = [], []
        for _ in range(loads):
            app_millis.append(first_widget_millis(app.url, chromium))
            floor_millis.append(first_widget_millis(floor.url, chromium))
    return PageLoads(APP_SCRIPT.name, app_millis), PageLoads(FLOOR_SCRIPT.name, floor_millis)


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: first question usable in a fresh headless Chromium, next to the floor page."""
    if getattr(args, "skip_browser", False):
        return [Row(f"{USABLE_ROW}: skipped (--skip-browser)", math.nan, "")]
    loads = 3 if getattr(args, "quick", False) else 7
    measured = first_question_usable(loads)
    if measured is None:
        return [Row(f"{USABLE_ROW}: skipped, no Chromium (set VEERKRACHT_CHROMIUM)", math.nan, "")]
    app, floor = measured
    return [
        Row(USABLE_ROW, app.median, "ms", floor.median, ratio(app.median, floor.median)),
        Row("first question usable, slowest load", max(app.millis), "ms", max(floor.millis),
            ratio(max(app.millis), max(floor.millis))),
        Row("fresh page loads measured", len(app.millis), "loads", len(floor.millis)),
    ]
