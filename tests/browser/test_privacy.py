"""Nothing a student types reaches the disk, a log or the network: checked against the real server.

The server runs under strace, with a HOME and TMPDIR of its own. A student walks a whole conversation
in Chromium, typing words that occur nowhere else. Afterwards no file in the project, in those
folders or in the machine's temporary folders holds those words, and the server tried to reach no
address but this machine. Chromium stands in for the student's own device: its profile folder is
the one place left out of the search, because the promise is about the server.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from veerkracht.ui.tab_key import STORAGE_NAME

from .app_page import REPO, VIEWPORTS, install_watchers
from .conftest import CHROMIUM_ARGS, missing, serve_app
from .student import OwnWords, Student

pytestmark = pytest.mark.browser

TRACED_CALLS = "connect,sendto,sendmsg,sendmmsg"
SHARED_TEMP_FOLDERS = (Path(tempfile.gettempdir()), Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))
LOCAL_FAMILIES = {"AF_UNIX", "AF_UNSPEC", "AF_NETLINK"}
WEB = ("http://", "https://", "ws://", "wss://")
# A socket address as strace prints it: {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("…")}
ADDRESS = re.compile(
    r'sa_family=(AF_\w+)(?:[^}]*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"))?'
)


def strace_path() -> str:
    """strace, if it is installed and allowed to trace here."""
    path = shutil.which("strace")
    if path is None:
        missing("strace is not installed; install it with `apt-get install strace`")
    probe = subprocess.run([path, "-f", "-o", os.devnull, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        missing(f"strace cannot trace on this machine: {probe.stderr.strip()}")
    return path


def traced(strace: str, log: Path) -> list[str]:
    """Wrap a command in strace: the network calls of every process and thread, without their data."""
    return [strace, "-f", "-qq", "-s", "0", "-e", f"trace={TRACED_CALLS}", "-e", "signal=none",
            "-o", str(log)]


def connections_out(trace: str) -> list[str]:
    """Every address in an strace log that is not on this machine."""
    found = []
    for family, ipv4, ipv6 in ADDRESS.findall(trace):
        address = ipv4 or ipv6
        if family in LOCAL_FAMILIES:
            continue
        if address and family in ("AF_INET", "AF_INET6"):
            ip = ipaddress.ip_address(address)
            mapped = getattr(ip, "ipv4_mapped", None)
            if ip.is_loopback or (mapped is not None and mapped.is_loopback):
                continue
        found.append(f"{family} {address}".strip())
    return found


def files_under(roots: list[Path], left_out: list[Path]) -> dict[Path, tuple[int, int]]:
    """Every regular file below the roots, with its modification time and size."""
    found: dict[Path, tuple[int, int]] = {}
    for root in roots:
        for folder, subfolders, names in os.walk(root):  # symlinked folders are not followed
            here = Path(folder)
            subfolders[:] = [name for name in subfolders if here / name not in left_out]
            for name in names:
                path = here / name
                try:
                    info = path.lstat()
                except OSError:
                    continue  # gone in the meantime
                if stat.S_ISREG(info.st_mode) and path not in left_out:
                    found[path] = (info.st_mtime_ns, info.st_size)
    return found


def files_holding(paths: list[Path], words: dict[str, str]) -> list[str]:
    """'file: field' for every file that holds one of the words, as UTF-8 or UTF-16."""
    hits = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        hits += [f"{path}: {field}" for field, text in words.items()
                 if text.encode("utf-8") in data or text.encode("utf-16-le") in data]
    return hits


def test_the_trace_shows_a_connection_out_and_not_one_to_this_machine(tmp_path: Path) -> None:
    log = tmp_path / "trace.log"
    reach = ("import socket\n"
             "for address in [('127.0.0.1', 9), ('192.0.2.1', 9)]:\n"  # 192.0.2.1: a documentation address
             "    try: socket.create_connection(address, timeout=0.05)\n"
             "    except OSError: pass\n")

    subprocess.run([*traced(strace_path(), log), sys.executable, "-c", reach], check=True)

    assert connections_out(log.read_text()) == ["AF_INET 192.0.2.1"]


@pytest.fixture
def student_device() -> Iterator[Path]:
    """Chromium's profile and temporary files; a short path, as Chromium puts a socket in it."""
    folder = Path(tempfile.mkdtemp(prefix="vk-student-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_whole_conversation_leaves_nothing_on_disk_and_reaches_no_other_machine(
    browser: Browser, chromium_path: str, tmp_path: Path, student_device: Path
) -> None:
    strace = strace_path()
    typed = OwnWords(**{field: f"{field.capitalize()}{secrets.token_hex(6)}" for field in
                        ("nickname", "strength", "proud", "person", "place")})
    server_home, server_temp, trace = tmp_path / "home", tmp_path / "tmp", tmp_path / "trace" / "strace.log"
    for folder in (server_home, server_temp, trace.parent):
        folder.mkdir()
    server_env = {"HOME": str(server_home), "TMPDIR": str(server_temp),
                  **{f"XDG_{kind}_HOME": str(server_home / kind.lower()) for kind in ("CACHE", "CONFIG")}}
    left_out = [student_device, trace.parent]  # the student's own device, and the test's own instrument
    searched = [REPO, tmp_path, *SHARED_TEMP_FOLDERS]
    before = files_under(searched, left_out)

    requested: list[str] = []
    shown: list[str] = []
    with serve_app(tmp_path / "server.log", server_env, prefix=traced(strace, trace)) as url:
        device = browser.browser_type.launch_persistent_context(
            student_device, executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS,
            env={**os.environ, "HOME": str(student_device), "TMPDIR": str(student_device)},
            viewport=VIEWPORTS["laptop"], base_url=url,
        )
        try:
            install_watchers(device)
            device.on("request", lambda request: requested.append(request.url))
            tab = device.new_page()
            tab.on("framenavigated", lambda frame: shown.append(frame.url))
            tab.on("websocket", lambda socket: requested.append(socket.url))
            Student(tab, "nl", own=typed).whole_conversation()
            key = tab.evaluate("name => window.sessionStorage.getItem(name)", STORAGE_NAME)
        finally:
            device.close()

    after = files_under(searched, left_out)
    changed = [path for path, seen in after.items() if before.get(path) != seen]
    assert (tmp_path / "server.log") in changed, "the server's own log is among the files searched"
    assert files_holding(changed, asdict(typed)) == []
    calls = trace.read_text()
    assert "sendto(" in calls, "the trace saw the server's network calls"
    assert connections_out(calls) == []
    hosts = {urlsplit(address).hostname for address in requested if address.startswith(WEB)}
    assert hosts == {"localhost"}, "the page, too, loads nothing from anywhere else"
    assert key is not None and len(key) == 32, "the tab held the key of its conversation"
    assert [address for address in requested + shown if key in address] == [], "no address carries it"
    assert shown and all(urlsplit(address).query == "" for address in shown), shown
    assert files_holding(changed, {"tab key": key}) == [], "nor any file"
