"""A whole school through the shipped set-up: `deploy/replicas.py` (what `make replicas` runs)
starts three app processes and HAProxy with deploy/haproxy.cfg in front, on loopback ports, and
nginx with deploy/nginx.conf in front of HAProxy (TLS with a certificate made for the run), as
docs/deploy.md recommends.

Students in browsers of their own spread over the processes and keep their conversation through
a reload, a download and an upload, also through nginx; scripts arrive compressed (Brotli from
nginx), with safe headers and cookies, and a returning student's browser takes them from its
cache; when one process stops, its students are told in plain words at their next press and
start again at once, and the others notice nothing.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import signal
import ssl
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

from .app_page import (
    ARTIFACTS,
    REPO,
    download,
    go_to_step,
    heading,
    install_watchers,
    open_app,
    open_expander,
    settled,
    upload,
)
from .conftest import CHROMIUM_ARGS, free_port, fresh_context, missing
from .student import OWN_WORDS, QUESTION_SET, SETS, Student

pytestmark = pytest.mark.browser

PROCESSES = 3
START_SECONDS = 240  # the first run also zips Streamlit's files
STOP_SECONDS = 15
PRESSES = 20
COOKIE = "steunkaart_proces"
NGINX_COOKIE = "steunkaart_nginx"
RELOADS = 6
# A returning student's browser fetches at most this share of a first visit's bytes again.
SECOND_VISIT_SHARE = 0.10
LINE = re.compile(r"(app\d+) 127\.0\.0\.1:(\d+) pid (\d+)")
SAFE_HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "SAMEORIGIN",
                "content-security-policy": "frame-ancestors 'self'", "referrer-policy": "no-referrer"}


def warm(browser: Browser, url: str) -> None:
    """The process draws its first page once: a fresh process imports for seconds, more than a
    test waits for a screen."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_role("main").get_by_role("heading").first).to_be_visible(timeout=90_000)
    finally:
        context.close()


@dataclass
class School:
    url: str
    ports: dict[str, int]  # process name (as in the cookie) → its own port
    pids: dict[str, int]
    front: str  # nginx in front of HAProxy, https
    spki: str  # its certificate, for a browser that trusts it


def nginx_path() -> str:
    for candidate in ("/usr/sbin/nginx", "/usr/local/sbin/nginx"):
        if Path(candidate).is_file():
            return candidate
    missing("nginx is not installed; install it with `apt-get install nginx-light`")


def haproxy_path() -> str:
    for candidate in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy"):
        if Path(candidate).is_file():
            return candidate
    missing("HAProxy is not installed; install it with `apt-get install haproxy`")


@pytest.fixture(scope="module")
def school(chromium_path: str, browser: Browser) -> Iterator[School]:
    haproxy_path()
    nginx_path()
    logs = ARTIFACTS / "proxy"
    # The zipped files are kept between runs, and zipped less hard than on a server (quality 11
    # takes minutes on a busy machine); the bench measures the real thing.
    command = [sys.executable, str(REPO / "deploy" / "replicas.py"), "--replicas", str(PROCESSES),
               "--proxy-port", str(free_port()), "--first-port", "0", "--logs", str(logs),
               "--nginx-port", str(free_port()), "--brotli-quality", "5",
               "--precompressed", str(REPO / "build" / "precompressed-tests")]
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
        _, front, _, spki = next(line.split() for line in lines if line.startswith("nginx "))
        for _, port, _ in processes:
            warm(browser, f"http://127.0.0.1:{port}")
        yield School(url, {name: int(port) for name, port, _ in processes},
                     {name: int(pid) for name, _, pid in processes}, front, spki)
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


def answer_of(url: str, path: str = "/", encodings: str = "gzip") -> http.client.HTTPResponse:
    """One GET as a browser sends it; https with the certificate made for this run."""
    scheme, _, address = url.partition("://")
    host, port = address.split(":")
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, int(port), timeout=30,
                                                 context=ssl._create_unverified_context())
    else:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": encodings})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def cookies_set(answer: http.client.HTTPResponse) -> dict[str, str]:
    """name → the whole Set-Cookie line."""
    return {line.split("=", 1)[0]: line for line in answer.headers.get_all("Set-Cookie") or []}


def script_path(url: str) -> str:
    page = urllib.request.urlopen(f"{url}/", timeout=10).read().decode("utf-8")
    return "/" + re.search(r'src="\.?/?(static/js/[^"]+\.js)"', page).group(1)


def test_haproxy_sends_safe_headers_no_server_name_and_a_cookie_for_scripts_only(school: School) -> None:
    for path in ("/", script_path(school.url), "/_stcore/health"):
        answer = answer_of(school.url, path)
        assert answer.status == 200, path
        for name, value in SAFE_HEADERS.items():
            assert answer.headers.get_all(name) == [value], (path, name)
        assert answer.headers.get("Server") is None, f"{path}: {answer.headers.get('Server')}"
    cookie = cookies_set(answer_of(school.url))[COOKIE]
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=lax", "path=/"} <= attributes
    # Plain http on this machine: a Secure cookie would never come back, and the student would
    # land on another process at every reload. With TLS (nginx in front, or HAProxy's own) it is.
    assert "secure" not in attributes
    assert answer_of(school.url).headers.get("Strict-Transport-Security") is None


def test_nginx_in_front_sends_safe_headers_and_only_secure_cookies(school: School) -> None:
    answer = answer_of(school.front)
    assert answer.status == 200
    for name, value in {**SAFE_HEADERS, "strict-transport-security": "max-age=31536000"}.items():
        assert answer.headers.get_all(name) == [value], name
    assert answer.headers.get("Server") == "nginx", "no version, and not the name of the server behind it"
    cookies = cookies_set(answer)
    assert set(cookies) == {COOKIE, NGINX_COOKIE}
    for line in cookies.values():
        attributes = {part.strip().lower() for part in line.split(";")[1:]}
        assert {"secure", "httponly", "samesite=lax"} <= attributes, line


def test_nginx_sends_streamlits_scripts_with_brotli_and_a_cache_of_a_year(school: School) -> None:
    script = script_path(school.url)
    direct = urllib.request.urlopen(f"http://127.0.0.1:{next(iter(school.ports.values()))}{script}",
                                    timeout=10).read()
    brotli = answer_of(school.front, script, "gzip, deflate, br")
    zipped = answer_of(school.front, script, "gzip")
    for answer, encoding in ((brotli, "br"), (zipped, "gzip")):
        assert answer.status == 200
        assert answer.headers.get("Content-Encoding") == encoding
        assert answer.headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
        assert "Accept-Encoding" in (answer.headers.get("Vary") or "")
    assert int(brotli.headers["Content-Length"]) < int(zipped.headers["Content-Length"]) < len(direct) * 0.4
    # The page itself is never kept: after an update the browser gets the new file names at once.
    page = answer_of(school.front, "/", "gzip, br")
    assert "no-cache" in page.headers.get_all("Cache-Control")
    assert "immutable" not in " ".join(page.headers.get_all("Cache-Control"))
    # Through HAProxy alone the same files keep Streamlit's own long cache.
    assert "immutable" in " ".join(answer_of(school.url, script).headers.get_all("Cache-Control"))


def front_context(browser: Browser, school: School) -> BrowserContext:
    """A browser of its own on nginx's address; the certificate is the run's own."""
    context = browser.new_context(base_url=school.front, ignore_https_errors=True, accept_downloads=True,
                                  viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    install_watchers(context)
    return context




def test_through_nginx_in_front_a_student_stays_on_one_process_through_reloads(
    browser: Browser, school: School
) -> None:
    context = front_context(browser, school)
    try:
        own = replace(OWN_WORDS["nl"], nickname="Leerling7")
        student = Student(context.new_page(), "nl", own=own)
        student.start()
        student.welcome()
        process = process_of(context)
        for _ in range(RELOADS):
            student.page.reload()
            expect(heading(student.page, student.step_title("ik-zelf"))).to_be_visible()
            settled(student.page)
            assert process_of(context) == process
        student.myself()
        expect(heading(student.page, student.step_title("mensen"))).to_be_visible()
    finally:
        context.close()


def transferred(page: Page) -> dict[str, int]:
    """Bytes over the wire as the page loads: every HTTP answer, and what came over the websocket."""
    counted = {"http": 0, "websocket": 0}
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.on("Network.loadingFinished", lambda event: counted.__setitem__(
        "http", counted["http"] + int(event["encodedDataLength"])))
    session.on("Network.webSocketFrameReceived", lambda event: counted.__setitem__(
        "websocket", counted["websocket"] + len(event["response"]["payloadData"]) * 3 // 4))
    return counted


@pytest.fixture
def trusting(browser: Browser, chromium_path: str, school: School) -> Iterator[Browser]:
    """A Chromium that trusts the run's certificate: with a certificate error it keeps nothing
    in its cache, and a second visit would look as heavy as the first."""
    chromium = browser.browser_type.launch(
        executable_path=chromium_path, headless=True,
        args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={school.spki}"])
    yield chromium
    chromium.close()


def test_a_returning_student_downloads_a_tenth_of_the_first_visit_or_less(
    trusting: Browser, school: School
) -> None:
    context = trusting.new_context(base_url=school.front, viewport={"width": 375, "height": 812},
                                   is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    install_watchers(context)
    try:
        visits = []
        for _ in range(2):
            page = context.new_page()  # a new tab: a new conversation, the same browser cache
            counted = transferred(page)
            open_app(page)
            page.wait_for_load_state("networkidle")
            visits.append(dict(counted))
            page.close()
        first, second = (visit["http"] + visit["websocket"] for visit in visits)
        print(f"first visit {first / 1024:.0f} kB, second {second / 1024:.0f} kB: {visits}")
        assert first > 300 * 1024, "the first visit fetched Streamlit's scripts"
        assert second <= first * SECOND_VISIT_SHARE, visits
    finally:
        context.close()


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
