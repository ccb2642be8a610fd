"""First visit on a phone: Lighthouse (mobile, simulated slow 4G) against the app and the floor,
each behind the shipped set-up (nginx in front of HAProxy, Streamlit's files zipped beforehand
with Brotli) and behind HAProxy alone (gzip on the way), three runs each, in turns.

The floor is `floor_app.py`: a plain Streamlit page, same version and settings. The ratios are
against the floor behind plain HAProxy, what a school would have without this set-up. Then a
returning student: the same browser opens the app in a new tab (a new conversation), and the
bytes it fetches again are compared with its first visit.

Lighthouse comes from npm, pinned in bench/package-lock.json (`make lighthouse`); Chromium is
Debian's. Nothing is asserted; the bench prints.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from veerkracht.bench import Row
from veerkracht.bench.browser import CHROMIUM_ARGS, find_chromium
from veerkracht.bench.server import APP_SCRIPT, FLOOR_SCRIPT, REPO_ROOT

LIGHTHOUSE = REPO_ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
PRECOMPRESSED = REPO_ROOT / "build" / "precompressed"
RUNS, QUICK_RUNS = 3, 1
LIGHTHOUSE_SECONDS = 240
# Lighthouse's audits: (row name, audit id, unit, divisor).
METRICS = [("bytes", "total-byte-weight", "kB", 1024),
           ("first contentful paint", "first-contentful-paint", "ms", 1),
           ("largest contentful paint", "largest-contentful-paint", "ms", 1),
           ("total blocking time", "total-blocking-time", "ms", 1)]
REQUESTS = "requests"
FLOOR_KEY = ("floor", "haproxy")
SETUPS = [(("app", "nginx"), "app, nginx + HAProxy (shipped)"),
          (("floor", "nginx"), "floor, nginx + HAProxy"),
          (("app", "haproxy"), "app, HAProxy alone (gzip)"), (FLOOR_KEY, "floor, HAProxy alone (gzip)")]
SECOND_VISIT_ROW = "first visit: returning student (new tab, same browser), share of first"


def row_name(label: str, metric: str) -> str:
    return f"first visit: {label}, {metric}"


@dataclass
class Measured:
    runs: list[dict[str, float]] = field(default_factory=list)

    def median(self, key: str) -> float:
        values = [run[key] for run in self.runs if key in run]
        return statistics.median(values) if values else math.nan


def lighthouse(url: str, chromium: str, spki: str) -> dict[str, float]:
    """One Lighthouse run with a fresh profile: the numbers of a first visit."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new", f"--ignore-certificate-errors-spki-list={spki}"]
                     if spki else [*CHROMIUM_ARGS, "--headless=new"])
    with tempfile.TemporaryDirectory(prefix="steunkaart-lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--form-factor=mobile",
                   "--throttling-method=simulate", "--output=json", f"--output-path={report}",
                   f"--chrome-flags={flags}"]
        env = {**os.environ, "CHROME_PATH": chromium, "TMPDIR": folder}
        subprocess.run(command, env=env, capture_output=True, timeout=LIGHTHOUSE_SECONDS, check=True,
                       cwd=folder)
        audits = json.loads(report.read_text(encoding="utf-8"))["audits"]
    numbers = {audit: float(audits[audit]["numericValue"]) for _, audit, _, _ in METRICS}
    numbers[REQUESTS] = float(len(audits["network-requests"]["details"]["items"]))
    return numbers


def second_visit_share(url: str, chromium: str, spki: str) -> tuple[float, float]:
    """kB of a first and of a second visit (new tab, same browser), HTTP and websocket together."""
    from playwright.sync_api import sync_playwright

    from veerkracht.bench.browser import FORWARD_BUTTON, USABLE_AT

    visits: list[float] = []
    with sync_playwright() as playwright:
        trust = f"--ignore-certificate-errors-spki-list={spki}"
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=[*CHROMIUM_ARGS, trust])
        try:
            phone = {"width": 375, "height": 812}
            context = browser.new_context(viewport=phone, is_mobile=True, has_touch=True)
            for _ in range(2):
                page = context.new_page()
                counted = [0]
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                session.on("Network.loadingFinished",
                           lambda event, c=counted: c.__setitem__(0, c[0] + int(event["encodedDataLength"])))
                session.on("Network.webSocketFrameReceived", lambda event, c=counted: c.__setitem__(
                    0, c[0] + len(event["response"]["payloadData"]) * 3 // 4))
                page.goto(url, timeout=120_000)
                page.wait_for_function(USABLE_AT, arg=FORWARD_BUTTON, polling="raf", timeout=120_000)
                page.wait_for_load_state("networkidle", timeout=120_000)
                visits.append(counted[0] / 1024)
                page.close()
        finally:
            browser.close()
    return visits[0], visits[1]


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: Lighthouse on app and floor, shipped set-up and HAProxy alone, in turns."""
    from veerkracht.bench.scale import Replicas

    if getattr(args, "skip_browser", False):
        return [Row("first visit: skipped (--skip-browser)", math.nan, "")]
    chromium = find_chromium()
    missing = [what for what, there in (
        ("Chromium", chromium), ("Lighthouse (make lighthouse)", LIGHTHOUSE.exists()),
        ("HAProxy", shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()),
        ("nginx", shutil.which("nginx") or Path("/usr/sbin/nginx").exists())) if not there]
    if missing or chromium is None:
        return [Row(f"first visit: skipped, missing {', '.join(missing)}", math.nan, "")]
    sys.path.insert(0, str(REPO_ROOT / "deploy"))
    import precompress  # deploy/precompress.py: once per Streamlit version, then up to date

    print("  zipping Streamlit's files (once per version) ...", flush=True)
    precompress.precompress(PRECOMPRESSED)
    runs = QUICK_RUNS if getattr(args, "quick", False) else RUNS
    measured = {key: Measured() for key, _ in SETUPS}
    with Replicas(1, script=APP_SCRIPT, nginx=True, precompressed=PRECOMPRESSED) as app, \
            Replicas(1, script=FLOOR_SCRIPT, nginx=True, precompressed=PRECOMPRESSED) as floor:
        urls = {("app", "nginx"): (app.front, app.spki), ("app", "haproxy"): (app.url, ""),
                ("floor", "nginx"): (floor.front, floor.spki), ("floor", "haproxy"): (floor.url, "")}
        for url, spki in urls.values():  # each process's first run imports everything: not a visit
            lighthouse(url, chromium, spki)
        for number in range(runs):
            for key, label in SETUPS:
                print(f"  Lighthouse {number + 1}/{runs}: {label} ...", flush=True)
                url, spki = urls[key]
                try:
                    measured[key].runs.append(lighthouse(url, chromium, spki))
                except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
                    print(f"  Lighthouse failed: {str(getattr(error, 'stderr', b''))[-300:]}", flush=True)
        first, second = second_visit_share(app.front, chromium, app.spki)
    floor = measured[FLOOR_KEY]
    rows = []
    for key, label in SETUPS:
        for metric, audit, unit, divisor in METRICS:
            value, base = measured[key].median(audit) / divisor, floor.median(audit) / divisor
            rows.append(Row(row_name(label, metric), value, unit, base, value / base if base else None))
        requests, base = measured[key].median(REQUESTS), floor.median(REQUESTS)
        rows.append(Row(row_name(label, REQUESTS), requests, "requests", base,
                        requests / base if base else None))
    rows.append(Row(f"first visit: Lighthouse runs per set-up (median shown), TBT range app "
                    f"{_range(measured[('app', 'nginx')], 'total-blocking-time')}, floor "
                    f"{_range(floor, 'total-blocking-time')}", runs, "runs"))
    rows += [Row("first visit: app through nginx, a fresh browser", first, "kB"),
             Row("first visit: the same browser again, new tab (new conversation)", second, "kB"),
             Row(SECOND_VISIT_ROW, second / first * 100 if first else math.nan, "%")]
    return rows


def _range(measured: Measured, audit: str) -> str:
    values = [run[audit] for run in measured.runs]
    return f"{min(values):.0f}-{max(values):.0f} ms" if values else "-"
