"""Main-thread work of a first visit, read from the browser itself: a low-noise partner for
Lighthouse's total blocking time.

Lighthouse simulates a slow phone by multiplying the main thread's work by 4 and adds up every
piece of a task over 50 ms; on a busy machine one page gives seconds apart from run to run. Here
the same start page is opened many times, app and floor in turns, each in a fresh browser context
(empty cache, a phone's screen), without throttling. Chromium counts what its renderer's main
thread did (`Performance.getMetrics`): the CPU time of that thread, which another busy process
does not stretch, and the wall time of its tasks, scripts, style and layout. The page also records
its own long tasks (PerformanceObserver 'longtask', installed before the page's first script).
The count stops when the page is settled: the way on (Beginnen, Volgende) can be pressed, the app
is not running, no request has been open for half a second and the browser has had an idle moment.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from veerkracht.bench import Row
from veerkracht.bench.browser import CHROMIUM_ARGS, FORWARD_BUTTON, USABLE_AT, find_chromium
from veerkracht.bench.script import ratio
from veerkracht.bench.server import APP_SCRIPT, FLOOR_SCRIPT, LocalServer

LOADS, QUICK_LOADS = 9, 3
TIMEOUT_MS = 120_000
PHONE = {"width": 375, "height": 812}
# Streamlit shows this while a run of the app is busy; settled means it is gone.
RUNNING = '[data-testid="stStatusWidget"]'
# Chromium's names (Performance.getMetrics), in seconds: (row name, metric).
METRICS = [("main thread CPU time", "ThreadTime"),
           ("main thread tasks", "TaskDuration"),
           ("script", "ScriptDuration"),
           ("style and layout", "RecalcStyleDuration+LayoutDuration")]
LONG_TASKS = "long tasks over 50 ms"
BLOCKING = "blocking time (each long task's part over 50 ms), unthrottled"
ROW_PREFIX = "main thread, first visit"
LONG_TASK_OBSERVER = """
window.vkLongTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.vkLongTasks.push(entry.duration);
  }).observe({type: "longtask", buffered: true});
} catch (error) {}
"""
IDLE_MOMENT = "() => new Promise((done) => requestIdleCallback(() => done(true), {timeout: 10000}))"


def row_name(what: str) -> str:
    return f"{ROW_PREFIX}: {what}"


@dataclass
class Loads:
    """Milliseconds per fresh load, by measure."""

    millis: dict[str, list[float]] = field(default_factory=dict)

    def add(self, measure: str, value: float) -> None:
        self.millis.setdefault(measure, []).append(value)

    def median(self, measure: str) -> float:
        values = self.millis.get(measure, [])
        return statistics.median(values) if values else math.nan

    def spread(self, measure: str) -> str:
        values = self.millis.get(measure, [])
        return f"{min(values):.0f}-{max(values):.0f}" if values else "-"


def _metrics(session: object) -> dict[str, float]:
    answer = session.send("Performance.getMetrics")  # type: ignore[attr-defined]
    return {metric["name"]: float(metric["value"]) for metric in answer["metrics"]}


def _seconds(metrics: dict[str, float], names: str) -> float:
    return sum(metrics.get(name, 0.0) for name in names.split("+"))


def one_load(browser: object, url: str) -> dict[str, float]:
    """A fresh context opens `url` once; the main thread's work until the page is settled, in ms."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    try:
        context.add_init_script(LONG_TASK_OBSERVER)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Performance.enable")
        before = _metrics(session)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(USABLE_AT, arg=FORWARD_BUTTON, polling="raf", timeout=TIMEOUT_MS)
        page.wait_for_selector(RUNNING, state="detached", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        page.evaluate(IDLE_MOMENT)
        after = _metrics(session)
        long_tasks = page.evaluate("window.vkLongTasks || []")
    finally:
        context.close()
    numbers = {name: (_seconds(after, metric) - _seconds(before, metric)) * 1000 for name, metric in METRICS}
    numbers[LONG_TASKS] = float(len(long_tasks))
    numbers[BLOCKING] = float(sum(max(0.0, duration - 50) for duration in long_tasks))
    return numbers


@contextmanager
def chromium_browser(chromium: str) -> Iterator[object]:
    """One headless Chromium for all loads; each load gets its own context (nothing shared)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def measure(urls: dict[str, str], chromium: str, loads: int) -> dict[str, Loads]:
    """Each address once to warm its process (its first run imports everything), then `loads`
    fresh loads of each, in turns, so a busy moment on the machine falls on all alike."""
    measured = {name: Loads() for name in urls}
    with chromium_browser(chromium) as browser:
        for url in urls.values():
            one_load(browser, url)
        for _ in range(loads):
            for name, url in urls.items():
                for measure_name, value in one_load(browser, url).items():
                    measured[name].add(measure_name, value)
    return measured


def app_and_floor(loads: int, app_script: Path = APP_SCRIPT,
                  chromium: str | None = None) -> tuple[Loads, Loads]:
    """The app (or another script, such as a trial copy) and the floor page, each a local server."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise RuntimeError("no Chromium")
    with LocalServer(app_script) as app, LocalServer(FLOOR_SCRIPT) as floor:
        measured = measure({"app": app.url, "floor": floor.url}, chromium, loads)
    return measured["app"], measured["floor"]


def rows(app: Loads, floor: Loads) -> list[Row]:
    names = [name for name, _ in METRICS] + [BLOCKING, LONG_TASKS]
    result = [Row(row_name(f"{name} (median)"), app.median(name), "ms" if name != LONG_TASKS else "tasks",
                  floor.median(name), ratio(app.median(name), floor.median(name))) for name in names]
    spread = "main thread CPU time"
    result.append(Row(row_name(f"fresh loads each, app and floor in turns; CPU time app "
                               f"{app.spread(spread)} ms, floor {floor.spread(spread)} ms"),
                      len(app.millis.get(spread, [])), "loads"))
    return result


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: the start page's main-thread work in Chromium, app beside the floor page."""
    if getattr(args, "skip_browser", False):
        return [Row(row_name("skipped (--skip-browser)"), math.nan, "")]
    chromium = find_chromium()
    if chromium is None:
        return [Row(row_name("skipped, no Chromium (set VEERKRACHT_CHROMIUM)"), math.nan, "")]
    app, floor = app_and_floor(QUICK_LOADS if getattr(args, "quick", False) else LOADS, chromium=chromium)
    return rows(app, floor)
