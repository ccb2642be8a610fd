"""A whole school through the shipped proxy: the class through HAProxy with 1, 2 and 3 app
processes (deploy/replicas.py, what `make replicas` runs), the first page load directly and
through the proxy, and Streamlit's websocket compression off and on.

Everything runs on loopback addresses; every loop is bounded by the walk and the client timeout.
The class here clicks faster than a real one (a click every ~1 s), so the processes are busy and
the difference between 1, 2 and 3 shows; the "class" section measures the real rhythm.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from veerkracht.bench import Row
from veerkracht.bench.browser import CHROMIUM_ARGS, FORWARD_BUTTON, USABLE_AT, find_chromium
from veerkracht.bench.classroom import ClassResult, _student
from veerkracht.bench.script import percentile
from veerkracht.bench.server import REPO_ROOT, free_port
from veerkracht.bench.stclient import run_apart
from veerkracht.bench.walk import conversation_walk
from veerkracht.settings import load_settings

REPLICAS_SCRIPT = REPO_ROOT / "deploy" / "replicas.py"
PROCESS_COUNTS = (1, 2, 3)
START_SECONDS = 120
STOP_SECONDS = 30
MAX_INTERACTIONS = 200
DEFAULT_STUDENTS, QUICK_STUDENTS = 30, 10
BUSY_THINK_S = 1.0
COMPRESSION_ENV = "STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION"
# Lighthouse's "slow 4G" for a phone: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
LINE = re.compile(r"app\d+ 127\.0\.0\.1:(\d+) pid \d+")
STREAM_LOG = re.compile(r" GET /_stcore/stream 101 (\d+) ")


@dataclass
class Running:
    url: str
    app_ports: list[int]
    logs: Path
    front: str = ""  # nginx in front of HAProxy (https), when asked for
    spki: str = ""  # its certificate's key, for a Chromium that trusts it


class Replicas:
    """`deploy/replicas.py` with n processes on free loopback ports; stopped on leaving.

    `script` is the Streamlit script (the app, or the floor); `nginx` also starts nginx with
    deploy/nginx.conf in front, its files zipped into `precompressed` (kept between runs).
    """

    def __init__(self, processes: int, env: dict[str, str] | None = None, script: Path | None = None,
                 nginx: bool = False, precompressed: Path | None = None) -> None:
        self.processes = processes
        self.script = script
        self.nginx = nginx
        self.precompressed = precompressed
        self.env = {**os.environ, **(env or {})}
        self._folder = tempfile.TemporaryDirectory(prefix="steunkaart-bench-")
        self._runner: subprocess.Popen[str] | None = None

    def __enter__(self) -> Running:
        logs = Path(self._folder.name)
        command = [sys.executable, str(REPLICAS_SCRIPT), "--replicas", str(self.processes),
                   "--proxy-port", str(free_port()), "--first-port", "0", "--logs", str(logs)]
        if self.script is not None:
            command += ["--app", str(self.script)]
        if self.nginx:
            command += ["--nginx-port", str(free_port())]
            if self.precompressed is not None:
                command += ["--precompressed", str(self.precompressed)]
        self._runner = subprocess.Popen(command, cwd=REPO_ROOT, env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        lines: list[str] = []
        ready = threading.Event()

        def read() -> None:
            assert self._runner is not None and self._runner.stdout is not None
            for line in self._runner.stdout:
                lines.append(line.strip())
                if line.startswith("ready "):
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        ready.wait(START_SECONDS)
        urls = [line.split()[1] for line in lines if line.startswith("ready ")]
        if not urls:
            self.__exit__()
            raise RuntimeError("deploy/replicas.py did not start:\n" + "\n".join(lines))
        ports = [int(found.group(1)) for found in map(LINE.fullmatch, lines) if found]
        front = next((line.split() for line in lines if line.startswith("nginx ")), ["", "", "", ""])
        return Running(urls[0], ports, logs, front[1], front[3])

    def __exit__(self, *_: object) -> None:
        if self._runner is not None and self._runner.poll() is None:
            self._runner.send_signal(signal.SIGTERM)
            try:
                self._runner.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self._runner.pid, signal.SIGKILL)
                self._runner.wait()
        self._folder.cleanup()


@dataclass
class Scaled:
    processes: int
    result: ClassResult
    stream_kb_per_student: float

    @property
    def throughput(self) -> float:
        return len(self.result.round_trips) / self.result.seconds if self.result.seconds else math.nan


async def _class(url: str, students: int, think_s: float, result: ClassResult) -> None:
    content_dir = load_settings().content_dir
    await _student(url, conversation_walk(content_dir, -1), 0.0, -1, ClassResult(result.script, 1), 50)
    started = time.perf_counter()
    await asyncio.gather(*(
        _student(url, conversation_walk(content_dir, seed), think_s, seed, result, MAX_INTERACTIONS)
        for seed in range(students)
    ))
    result.seconds = time.perf_counter() - started


def stream_kb(logs: Path) -> float:
    """Bytes the app processes sent over websockets, from HAProxy's log (written when each closes)."""
    log = logs / "haproxy.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return sum(int(size) for size in STREAM_LOG.findall(text)) / 1024


def class_through_proxy(processes: int, students: int, think_s: float,
                        env: dict[str, str] | None = None) -> Scaled:
    result = ClassResult(f"{processes} processes", students)
    with Replicas(processes, env) as running:
        before = stream_kb(running.logs)
        run_apart(_class(running.url, students, think_s, result))
        time.sleep(1)  # the log line of each websocket is written when it closes
        per_student = (stream_kb(running.logs) - before) / max(students, 1)
    return Scaled(processes, result, per_student)


def first_load(url: str, chromium: str, slow: bool) -> tuple[float, float]:
    """One fresh browser: kB that came over the wire and ms until the start screen can be used."""
    from playwright.sync_api import sync_playwright

    sizes: list[int] = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = context.new_page()
            if slow:
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                session.send("Network.emulateNetworkConditions", SLOW_4G)
            page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
            page.goto(url, wait_until="commit", timeout=120_000)
            ready = page.wait_for_function(USABLE_AT, arg=FORWARD_BUTTON, polling="raf", timeout=120_000)
            millis = float(ready.json_value())
            page.wait_for_load_state("networkidle", timeout=120_000)
        finally:
            context.close()
    return sum(sizes) / 1024, millis


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: the class through HAProxy with 1, 2, 3 processes; first load direct and proxied."""
    if getattr(args, "skip_class", False):
        return [Row("scale: skipped (--skip-class)", math.nan, "")]
    if not any(Path(p).is_file() for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")):
        return [Row("scale: skipped, HAProxy is not installed (apt-get install haproxy)", math.nan, "")]
    quick = getattr(args, "quick", False)
    students = getattr(args, "students", None) or (QUICK_STUDENTS if quick else DEFAULT_STUDENTS)
    think_s = getattr(args, "think", None) or BUSY_THINK_S
    rows = [Row(f"scale: {students} students through HAProxy, a click every ~{think_s:g} s", students,
                "students")]
    ms = 1000
    for processes in PROCESS_COUNTS:
        scaled = class_through_proxy(processes, students, think_s)
        name = f"scale: {processes} process{'es' if processes > 1 else ''}"
        rows += [
            Row(f"{name}, round trip p50", percentile(scaled.result.round_trips, 0.5) * ms, "ms"),
            Row(f"{name}, round trip p95", scaled.result.p95 * ms, "ms"),
            Row(f"{name}, throughput", scaled.throughput, "clicks/s"),
            Row(f"{name}, errors", len(scaled.result.errors), "errors"),
        ]
    zipped = {on: class_through_proxy(1, students, think_s, {COMPRESSION_ENV: str(on).lower()})
              for on in (False, True)}
    for on, scaled in zipped.items():
        name = f"scale: 1 process, websocket compression {'on' if on else 'off'}"
        rows += [
            Row(f"{name}, kB per student", scaled.stream_kb_per_student, "kB"),
            Row(f"{name}, round trip p95", scaled.result.p95 * ms, "ms"),
            Row(f"{name}, throughput", scaled.throughput, "clicks/s"),
        ]
    chromium = None if getattr(args, "skip_browser", False) else find_chromium()
    if chromium is None:
        return [*rows, Row("scale: first page load skipped (no Chromium or --skip-browser)", math.nan, "")]
    with Replicas(1) as running:
        direct = f"http://127.0.0.1:{running.app_ports[0]}"
        first_load(running.url, chromium, slow=False)  # the process's first run imports everything
        for where, url in (("direct", direct), ("through HAProxy", running.url)):
            kilobytes, millis = first_load(url, chromium, slow=False)
            _, slow_millis = first_load(url, chromium, slow=True)
            rows += [
                Row(f"scale: first page load {where}, bytes", kilobytes, "kB"),
                Row(f"scale: first page load {where}, start screen usable", millis, "ms"),
                Row(f"scale: first page load {where}, on slow 4G", slow_millis, "ms"),
            ]
    return rows
