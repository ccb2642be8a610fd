"""A real Streamlit server on a free loopback port, started and stopped by the bench."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = REPO_ROOT / "app.py"
FLOOR_SCRIPT = Path(__file__).with_name("floor_app.py")
HOST = "127.0.0.1"


class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc (Linux only)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ServerError(f"No VmRSS for process {pid}.")


class LocalServer:
    """`streamlit run <script>` on 127.0.0.1, headless, from the repo root so its config applies.

    Use as a context manager; the server is always stopped on leaving, also after an error.
    """

    def __init__(self, script: Path, session_ttl: int | None = None, start_timeout: float = 60.0) -> None:
        self.script = Path(script)
        self.port = free_port()
        self.session_ttl = session_ttl
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None
        # The server's own output goes to a file: a pipe nobody reads would fill and stall the server.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - read after stop(), freed with the object

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        if self.process is None:
            raise ServerError("The server is not running.")
        return self.process.pid

    def rss_mb(self) -> float:
        return rss_mb(self.pid)

    def log_tail(self, chars: int = 2000) -> str:
        """The end of what the server printed: where an error in the app shows its traceback."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-chars:]

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        if not self.script.exists():
            raise ServerError(f"{self.script.name} does not exist.")
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.address", HOST,
            "--server.port", str(self.port),
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
        ]
        if self.session_ttl is not None:
            # How long the server keeps a closed tab's session for a reconnect; short lets the bench
            # see memory return after the class leaves without waiting the default two minutes.
            command += ["--server.disconnectedSessionTTL", str(self.session_ttl)]
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                self.process = None
                raise ServerError(f"The server stopped while starting: {self.log_tail(500).strip()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ServerError(f"The server did not answer within {self.start_timeout:.0f} s.")

    def stop(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
