"""A class at once: N students doing a whole conversation together against one real server.

Each student is a protocol client (no browser) that thinks a few seconds between clicks, like a
student reading a question. We time every interaction's round trip until the script finished,
and read the server's memory before, during and after the class.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import re
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from veerkracht.bench import Row
from veerkracht.bench.script import percentile, ratio
from veerkracht.bench.server import APP_SCRIPT, FLOOR_SCRIPT, LocalServer
from veerkracht.bench.stclient import Element, RunResult, StreamlitClient, run_apart
from veerkracht.bench.walk import Action, Control, Walk, conversation_walk
from veerkracht.settings import load_settings

# A closed tab's session is kept this long for a reconnect; short, so "after" is seen within seconds.
SESSION_TTL_S = 5
MAX_INTERACTIONS = 200
CLIENT_TIMEOUT_S = 60
MEMORY_SAMPLE_S = 0.25
DEFAULT_STUDENTS, QUICK_STUDENTS = 30, 10
DEFAULT_THINK_S, QUICK_THINK_S = 5.0, 2.0
# Before "start" is read, a few students at once do a whole conversation: the threads, caches and
# memory pools the first busy minute of any server makes are then in place, so "back near its
# start" says whether a class leaves anything behind, not that a fresh process grew once.
WARM_STUDENTS = 5
WARM_THINK_S = 0.5
P95_ROW = "class: round trip p95"
ERRORS_ROW = "class: errors"
PER_SESSION_ROW = "class: server memory per session"
START_ROW = "class: server memory at start"
AFTER_ROW = "class: server memory after the class left"

WalkFactory = Callable[[int], Walk]  # a student's walk, from that student's seed


@dataclass
class ClassResult:
    script: str
    students: int
    round_trips: list[float] = field(default_factory=list)  # seconds, every interaction of every student
    first_pages: list[float] = field(default_factory=list)  # seconds, each student's first page
    interactions_per_student: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_start_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_after_mb: float = 0.0
    active_sessions_after: int = -1
    seconds: float = 0.0
    server_log: str = ""  # the end of the server's output when something went wrong

    @property
    def p50(self) -> float:
        return percentile(self.round_trips, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.round_trips, 0.95)

    @property
    def max(self) -> float:
        return max(self.round_trips, default=float("nan"))

    @property
    def mb_per_session(self) -> float:
        return (self.rss_peak_mb - self.rss_start_mb) / max(self.students, 1)


def page_controls(client: StreamlitClient) -> list[Control]:
    """The widgets a student can use now, as the walk sees them."""
    return [Control(e.kind, e.label, e.options, e.multi, e.form_id, e.submits_form, e)
            for e in client.widgets if not e.disabled]


async def act(client: StreamlitClient, action: Action) -> RunResult | None:
    """Do what the student does; None when nothing goes to the server (a field in a form)."""
    element: Element = action.control.handle
    if action.is_click:
        return await client.click(element)
    if not action.reruns:
        client.fill_in(element, action.value)
        return None
    return await client.set_value(element, action.value)


async def _student(url: str, walk: Walk, think_s: float, seed: int, result: ClassResult,
                   max_interactions: int) -> None:
    pace = random.Random(seed)
    await asyncio.sleep(pace.uniform(0, think_s))  # students open the app within a few seconds
    done = 0
    try:
        async with StreamlitClient(url, timeout=CLIENT_TIMEOUT_S) as client:
            first = await client.connect()
            result.first_pages.append(first.seconds)
            if not first.ok:
                result.errors.append(f"first page: {first.status} {first.errors[:1]}")
                return
            for _ in range(max_interactions):
                action = walk.next_action(page_controls(client))
                if action is None:
                    break
                await asyncio.sleep(think_s * pace.uniform(0.5, 1.5))
                answer = await act(client, action)
                if answer is None:
                    continue
                done += 1
                result.round_trips.append(answer.seconds)
                if not answer.ok:
                    result.errors.append(f"{action.control.label}: {answer.status} {answer.errors[:1]}")
                    break
    except (OSError, TimeoutError) as error:
        result.errors.append(f"connection: {error!r}")
    finally:
        result.interactions_per_student.append(done)


async def _sample_peak(server: LocalServer, result: ClassResult, stop: asyncio.Event) -> None:
    while not stop.is_set():
        result.rss_peak_mb = max(result.rss_peak_mb, server.rss_mb())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), MEMORY_SAMPLE_S)


def _active_sessions(server: LocalServer) -> int:
    with urllib.request.urlopen(f"{server.url}/_stcore/metrics", timeout=5) as answer:
        found = re.search(r"^active_sessions (\d+)", answer.read().decode(), re.MULTILINE)
    return int(found.group(1)) if found else -1


async def _visit(url: str) -> None:
    """One tab that opens the page and closes: it also makes the server drop expired sessions."""
    async with StreamlitClient(url, timeout=CLIENT_TIMEOUT_S) as client:
        await client.connect()


async def _settle(server: LocalServer) -> float:
    """Wait until closed sessions have expired and are dropped, then read memory."""
    await asyncio.sleep(SESSION_TTL_S + 1)
    await _visit(server.url)  # storing this closed tab reaps the expired ones
    await asyncio.sleep(1)
    return server.rss_mb()


async def _class(server: LocalServer, make_walk: WalkFactory, students: int, think_s: float,
                 max_interactions: int, result: ClassResult) -> None:
    warming = ClassResult(result.script, WARM_STUDENTS)
    await asyncio.gather(*(
        _student(server.url, make_walk(-1 - n), WARM_THINK_S, -1 - n, warming, max_interactions)
        for n in range(WARM_STUDENTS)
    ))
    result.rss_start_mb = await _settle(server)
    result.rss_peak_mb = result.rss_start_mb
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_peak(server, result, stop))
    started = time.perf_counter()
    await asyncio.gather(*(
        _student(server.url, make_walk(seed), think_s, seed, result, max_interactions)
        for seed in range(students)
    ))
    result.seconds = time.perf_counter() - started
    stop.set()
    await sampler
    result.rss_after_mb = await _settle(server)
    result.active_sessions_after = _active_sessions(server)


def run_class(script: Path, make_walk: WalkFactory, students: int = 30, think_s: float = 5.0,
              max_interactions: int = MAX_INTERACTIONS) -> ClassResult:
    """Start a server for `script`, warm it with one student, then let the whole class in at once."""
    result = ClassResult(script.name, students)
    with LocalServer(script, session_ttl=SESSION_TTL_S) as server:
        run_apart(_class(server, make_walk, students, think_s, max_interactions, result))
        if result.errors:
            result.server_log = server.log_tail()
    return result


def classroom(make_walk: WalkFactory, students: int = 30,
              think_s: float = 5.0) -> tuple[ClassResult, ClassResult]:
    """The real app and the floor page under the same class and rhythm, in the order app, floor,
    floor, app, each on a fresh server: a busy spell of the machine falls on both, not on one.
    The round trips of both runs are pooled; memory is the first run's."""
    first_app = run_class(APP_SCRIPT, make_walk, students, think_s)
    per_student = sorted(first_app.interactions_per_student)
    typical = per_student[len(per_student) // 2] if per_student else 20

    def floor_walk(seed: int) -> Walk:
        return Walk(["Volgende"], max_steps=10_000, seed=seed)

    floors = [run_class(FLOOR_SCRIPT, floor_walk, students, think_s, max_interactions=max(typical, 1))
              for _ in range(2)]
    second_app = run_class(APP_SCRIPT, make_walk, students, think_s)
    return _pooled(first_app, second_app), _pooled(*floors)


def _pooled(first: ClassResult, second: ClassResult) -> ClassResult:
    """Round trips and errors of two runs together; memory and sessions of the first."""
    first.round_trips += second.round_trips
    first.first_pages += second.first_pages
    first.errors += second.errors
    first.server_log = first.server_log or second.server_log
    return first


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: a whole class against the real server, next to the floor page under the same class."""
    if getattr(args, "skip_class", False):
        return [Row("class: skipped (--skip-class)", float("nan"), "")]
    quick = getattr(args, "quick", False)
    students = getattr(args, "students", None) or (QUICK_STUDENTS if quick else DEFAULT_STUDENTS)
    think_s = getattr(args, "think", None) or (QUICK_THINK_S if quick else DEFAULT_THINK_S)
    content_dir = load_settings().content_dir
    app, floor = classroom(lambda seed: conversation_walk(content_dir, seed), students, think_s)
    for result in (app, floor):
        if result.errors:
            print(f"{result.script}: {len(result.errors)} errors, first: {result.errors[0]}")
            print(result.server_log)
    ms = 1000
    return [
        Row(f"class: {students} students, a click every ~{think_s:g} s", students, "students", students),
        Row("class: interactions per student (median)", _median(app.interactions_per_student), "clicks",
            _median(floor.interactions_per_student)),
        Row("class: round trip p50", app.p50 * ms, "ms", floor.p50 * ms, ratio(app.p50, floor.p50)),
        Row(P95_ROW, app.p95 * ms, "ms", floor.p95 * ms, ratio(app.p95, floor.p95)),
        Row("class: round trip max", app.max * ms, "ms", floor.max * ms, ratio(app.max, floor.max)),
        Row("class: first page p50", percentile(app.first_pages, 0.5) * ms, "ms",
            percentile(floor.first_pages, 0.5) * ms),
        Row(ERRORS_ROW, len(app.errors), "errors", len(floor.errors)),
        Row(START_ROW, app.rss_start_mb, "MB", floor.rss_start_mb),
        Row("class: server memory at peak", app.rss_peak_mb, "MB", floor.rss_peak_mb),
        Row(AFTER_ROW, app.rss_after_mb, "MB", floor.rss_after_mb),
        Row(PER_SESSION_ROW, app.mb_per_session, "MB", floor.mb_per_session),
        Row("class: sessions still open after", app.active_sessions_after, "sessions",
            floor.active_sessions_after),
    ]


def _median(values: list[int]) -> float:
    return percentile(values, 0.5)
