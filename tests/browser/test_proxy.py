"""A whole school through the shipped set-up: `deploy/replicas.py` (what `make replicas` runs)
starts three app processes and HAProxy with deploy/haproxy.cfg in front, on loopback ports.

Students in browsers of their own spread over the processes and keep their conversation through
a reload, a download and an upload; scripts arrive compressed; when one process stops, its
students are told in plain words at their next press and start again at once, and the others
notice nothing.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from veerkracht.session import load_session

from .app_page import ARTIFACTS, REPO, download, go_to_step, heading, open_app, open_expander, settled, upload
from .conftest import free_port, fresh_context, missing
from .student import OWN_WORDS, QUESTION_SET, SETS, Student

pytestmark = pytest.mark.browser

PROCESSES = 3
START_SECONDS = 120
STOP_SECONDS = 15
PRESSES = 20
COOKIE = "steunkaart_proces"
LINE = re.compile(r"(app\d+) 127\.0\.0\.1:(\d+) pid (\d+)")


@dataclass
class School:
    url: str
    ports: dict[str, int]  # process name (as in the cookie) → its own port
    pids: dict[str, int]


def haproxy_path() -> str:
    for candidate in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy"):
        if Path(candidate).is_file():
            return candidate
    missing("HAProxy is not installed; install it with `apt-get install haproxy`")


@pytest.fixture(scope="module")
def school(chromium_path: str) -> Iterator[School]:
    haproxy_path()
    logs = ARTIFACTS / "proxy"
    command = [sys.executable, str(REPO / "deploy" / "replicas.py"), "--replicas", str(PROCESSES),
               "--proxy-port", str(free_port()), "--first-port", "0", "--logs", str(logs)]
    runner = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in runner.stdout:
            lines.append(line.strip())
            if line.startswith("ready "):
                ready.set()
        ready.set()  # the runner ended: nothing more will come

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(START_SECONDS) or not any(line.startswith("ready ") for line in lines):
            pytest.fail("make replicas did not start:\n" + "\n".join(lines))
        found = [LINE.fullmatch(line) for line in lines]
        processes = [match.groups() for match in found if match]
        url = next(line.split()[1] for line in lines if line.startswith("ready "))
        yield School(url, {name: int(port) for name, port, _ in processes},
                     {name: int(pid) for name, _, pid in processes})
    finally:
        runner.send_signal(signal.SIGTERM)
        try:
            runner.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(runner.pid, signal.SIGKILL)
            runner.wait()
    assert runner.returncode == 0, "Ctrl-C or SIGTERM stops everything cleanly"


@pytest.fixture
def browsers(browser: Browser, school: School) -> Iterator[list[BrowserContext]]:
    """A browser of its own for each student: no shared cookies or storage."""
    contexts = [fresh_context(browser, school.url, "laptop") for _ in range(PROCESSES)]
    yield contexts
    for context in contexts:
        context.close()


def wait_until_gone(pid: int) -> None:
    """Until the stopped process has let go of its port (bounded: STOP_SECONDS)."""
    status = Path(f"/proc/{pid}/status")
    for _ in range(STOP_SECONDS * 10):
        try:
            if "\nState:\tZ" in status.read_text():
                return  # ended; its parent has not collected it yet
        except FileNotFoundError:
            return
        time.sleep(0.1)
    pytest.fail(f"process {pid} did not stop within {STOP_SECONDS} s")


def process_of(context: BrowserContext) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == COOKIE)


def students_on_their_way(browsers: list[BrowserContext]) -> list[Student]:
    """Each student starts with a name of their own and answers the first step."""
    students = []
    for number, context in enumerate(browsers, 1):
        own = replace(OWN_WORDS["nl"], nickname=f"Leerling{number}")
        student = Student(context.new_page(), "nl", own=own)
        student.start()
        student.welcome()
        students.append(student)
    return students


def test_students_spread_over_the_processes_and_keep_their_conversation(browsers, school: School) -> None:
    students = students_on_their_way(browsers)
    used = {process_of(context) for context in browsers}
    assert len(used) > 1, f"all students on one process: {used}"
    assert used <= set(school.ports)

    for student in students:
        student.page.reload()
        expect(heading(student.page, student.step_title("ik-zelf"))).to_be_visible()
        settled(student.page)

    first = students[0]
    first.myself()
    first.people()
    first.places()
    first.map_step()
    first.next_step()
    session = download(first.page, first.words("map.download_session"), "proxy-gesprek.json")
    assert load_session(session.read_bytes(), SETS).answers.nickname == "Leerling1"
    first.page.reload()
    expect(heading(first.page, f"🎉 {first.words('end.heading')}", level=1)).to_be_visible()

    # The second student opens a new tab and carries on from the first one's file.
    words = first.words
    tab = browsers[1].new_page()
    open_app(tab)
    upload(open_expander(tab, words("start.continue")), words("start.continue_file"), session)
    expect(tab.get_by_text(words("start.continued"))).to_be_visible()
    tab.reload()
    expect(heading(tab, first.step_title("volgende-stap"))).to_be_visible()


def test_scripts_arrive_compressed_through_the_proxy(school: School) -> None:
    page = urllib.request.urlopen(f"{school.url}/", timeout=10).read().decode("utf-8")
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', page).group(1)

    def fetch(base: str) -> tuple[str | None, bytes]:
        request = urllib.request.Request(f"{base}/{script}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.headers.get("Content-Encoding"), answer.read()

    direct_encoding, direct = fetch(f"http://127.0.0.1:{next(iter(school.ports.values()))}")
    encoding, zipped = fetch(school.url)
    assert direct_encoding is None, "the app itself sends scripts as they are"
    assert encoding == "gzip"
    assert gzip.decompress(zipped) == direct
    assert len(zipped) < len(direct) * 0.6


def test_when_one_process_stops_its_students_start_again_and_the_others_notice_nothing(
    browsers, school: School
) -> None:
    students = students_on_their_way(browsers)
    by_process = {process_of(context): student for context, student in zip(browsers, students, strict=True)}
    assert len(by_process) > 1, "the students must be on more than one process for this test"
    stopped, hit = next(iter(by_process.items()))
    others = [student for process, student in by_process.items() if process != stopped]

    os.kill(school.pids[stopped], signal.SIGTERM)  # as `systemctl stop veerkracht@<port>` does
    wait_until_gone(school.pids[stopped])

    # The page reconnects to another process at once and looks the same; the next press shows
    # the student what happened.
    words = hit.words
    told = hit.page.get_by_text(words("notice.conversation_lost"))
    for _ in range(PRESSES):  # a press while the page is still reconnecting may go unanswered
        if told.is_visible():
            break
        next_button = hit.page.get_by_role("button", name=words("button.next"), exact=True)
        if next_button.is_visible():
            next_button.click()
        with contextlib.suppress(PlaywrightTimeoutError):  # the notice, or long enough to press again
            told.wait_for(state="visible", timeout=5_000)
    expect(told).to_be_visible()
    expect(heading(hit.page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
    settled(hit.page)
    hit.hands.choose(hit.page, hit.t(QUESTION_SET.title))  # the same questions as before, anew
    go_to_step(hit.page, words("button.begin"), hit.step_title("welkom"))
    assert process_of(hit.page.context) != stopped

    for student in others:
        page: Page = student.page
        expect(page.get_by_text(words("notice.conversation_lost"))).to_have_count(0)
        go_to_step(page, words("button.next"), student.step_title("mensen"))
