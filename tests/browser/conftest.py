"""The app in a real browser: one server and one Chromium for the run, a fresh page for each test.

Without Chromium the browser tests are skipped with a reason; in CI (CI is set) that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from .app_page import ARTIFACTS, REPO, VIEWPORTS, WHOLE_PAGE, Screenshots, install_watchers

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "apt-get install chromium fonts-noto-color-emoji"
SERVER_START_SECONDS = 60
SERVER_STOP_SECONDS = 10
# How long a test waits for what the screen should show: long enough for a machine busy with other
# work (every check waits for the screen, never for a time, so a quick machine does not wait longer).
SCREEN_WAIT_MS = 60_000
expect.set_options(timeout=SCREEN_WAIT_MS)


def find_chromium() -> str | None:
    """VEERKRACHT_CHROMIUM if set, else Debian's Chromium where it usually lives, else on PATH."""
    chosen = os.environ.get("VEERKRACHT_CHROMIUM", "").strip()
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll Streamlit's health endpoint until it answers; fail with the server's log if it dies."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the app stopped while starting:\n{log.read_text(encoding='utf-8')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # a poll interval, not a wait for the page
    pytest.fail(f"the app did not start within {SERVER_START_SECONDS} s:\n{log.read_text(encoding='utf-8')}")


def missing(reason: str) -> NoReturn:
    """Skip a test that needs something this machine lacks; in CI (CI is set) that is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        missing(f"no Chromium found; install it with `{INSTALL_HINT}` (or set VEERKRACHT_CHROMIUM)")
    return path


@contextmanager
def serve_app(log: Path, env: Mapping[str, str] | None = None, prefix: Sequence[str] = ()) -> Iterator[str]:
    """`streamlit run app.py` on a free localhost port with the shipped content; stopped afterwards.

    `env` adds to (or replaces) the environment; `prefix` wraps the command (e.g. in strace).
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    full_env = {name: value for name, value in os.environ.items() if name != "VEERKRACHT_CONTENT"}
    full_env.update(env or {})
    command = [*prefix, sys.executable, "-m", "streamlit", "run", "app.py",
               "--server.port", str(port), "--server.headless", "true"]
    with log.open("w", encoding="utf-8") as output:
        # A group of its own: a wrapper such as strace passes no signal on, so the group gets it.
        server = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        wait_until_healthy(url, server, log)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=SERVER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture(scope="session")
def app_url(chromium_path: str) -> Iterator[str]:
    """The app with the shipped content and settings, for the whole run."""
    with serve_app(ARTIFACTS / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def another_app(chromium_path: str) -> Callable[..., AbstractContextManager[str]]:
    """Start a server of its own, e.g. `with another_app(log, {"VEERKRACHT_IDLE_MINUTES": "0.1"}) as url`."""
    return serve_app


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium; each launch gets its own fresh, temporary profile (user-data dir)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    """Laptop (1280×800) and phone (375×812); a test picks one with indirect parametrisation."""
    return request.param


def fresh_context(browser: Browser, app_url: str, viewport: str) -> BrowserContext:
    """No cookies, no storage, nothing from an earlier visit."""
    phone = viewport == "phone"
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone,
                                  accept_downloads=True, base_url=app_url)
    context.set_default_timeout(SCREEN_WAIT_MS)
    install_watchers(context)
    return context


@pytest.fixture
def page(browser: Browser, app_url: str, viewport: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context (no cookies, no storage); the test opens the app itself."""
    context = fresh_context(browser, app_url, viewport)
    new_page = context.new_page()
    yield new_page
    keep_failure_picture(request, context)
    context.close()


@pytest.fixture
def later_visit(
    browser: Browser, app_url: str, viewport: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """The same student on another day: a browser context of its own, on the same screen size."""
    context = fresh_context(browser, app_url, viewport)
    yield context.new_page()
    keep_failure_picture(request, context, "-later")
    context.close()


def keep_failure_picture(request: pytest.FixtureRequest, context: BrowserContext, suffix: str = "") -> None:
    """When the test failed: the whole page as it was, in test-artifacts/failures/."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and context.pages:
        ARTIFACTS.joinpath("failures").mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name) + suffix
        last_tab = context.pages[-1]  # a test may close the first tab and open another
        last_tab.screenshot(path=ARTIFACTS / "failures" / f"{name}.png", full_page=True, style=WHOLE_PAGE)


@pytest.fixture
def shots(request: pytest.FixtureRequest, viewport: str) -> Screenshots:
    """Screenshots of every step: test-artifacts/screenshots/<test>[-<params>]-<viewport>-<nn>-<step>.png."""
    callspec = getattr(request.node, "callspec", None)
    params = [str(value) for name, value in callspec.params.items() if name != "viewport"] if callspec else []
    return Screenshots("-".join([request.node.originalname, *params]), viewport)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.report_call = report
    return report
