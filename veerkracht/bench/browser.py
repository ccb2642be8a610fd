"""First question usable: from navigation until the first widget of the start screen can be used.

Each load is a fresh headless Chromium with an empty profile, so nothing comes from a cache;
the time is read inside the page (performance.now() counts from the start of navigation).
"""

from __future__ import annotations

import argparse
import math
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
# Any control a student can use in the page body: buttons, pills, fields, radios, checkboxes.
WIDGET_SELECTOR = (
    '[data-testid="stMain"] :is(button, input, textarea, [role="radio"], [role="checkbox"], '
    '[role="combobox"])'
)
FIRST_WIDGET_USABLE = """selector => {
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
    """Milliseconds until the first widget was usable, one number per fresh load."""

    script: str
    millis: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.millis)


def chromium_available() -> bool:
    return CHROMIUM.exists() or shutil.which("chromium") is not None


def first_widget_millis(url: str, timeout_s: float = 30.0) -> float:
    """One fresh browser, one navigation: milliseconds until a widget is visible and enabled."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
        )
        try:
            page = context.new_page()
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
            ready = page.wait_for_function(
                FIRST_WIDGET_USABLE, arg=WIDGET_SELECTOR, polling="raf", timeout=timeout_s * 1000,
            )
            return float(ready.json_value())
        finally:
            context.close()


def measure(script: Path, loads: int) -> PageLoads:
    """Start a server for `script`, warm it with one load, then time `loads` fresh loads."""
    with LocalServer(script) as server:
        first_widget_millis(server.url)  # the server's first run imports everything; a class never sees it
        return PageLoads(script.name, [first_widget_millis(server.url) for _ in range(loads)])


def first_question_usable(loads: int = 5) -> tuple[PageLoads, PageLoads] | None:
    """The real app and the floor page, measured the same way; None without Chromium."""
    if not chromium_available():
        return None
    return measure(APP_SCRIPT, loads), measure(FLOOR_SCRIPT, loads)


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: first question usable in a fresh headless Chromium, next to the floor page."""
    if getattr(args, "skip_browser", False):
        return [Row(f"{USABLE_ROW}: skipped (--skip-browser)", math.nan, "")]
    loads = 3 if getattr(args, "quick", False) else 7
    measured = first_question_usable(loads)
    if measured is None:
        return [Row(f"{USABLE_ROW}: skipped, no Chromium at {CHROMIUM}", math.nan, "")]
    app, floor = measured
    return [
        Row(USABLE_ROW, app.median, "ms", floor.median, ratio(app.median, floor.median)),
        Row("first question usable, slowest load", max(app.millis), "ms", max(floor.millis),
            ratio(max(app.millis), max(floor.millis))),
        Row("fresh page loads measured", len(app.millis), "loads", len(floor.millis)),
    ]
