"""Several app processes on this machine with HAProxy in front, in the foreground: `make replicas`.

    python deploy/replicas.py --replicas 3 --proxy-port 8600

Starts N Streamlit processes on loopback ports, waits until each answers /_stcore/health, then
runs HAProxy with deploy/haproxy.cfg and a generated list of servers (the same shape as
deploy/haproxy-servers.cfg). Ctrl-C or SIGTERM stops all of them. If HAProxy stops, everything
stops; if an app process stops, HAProxy sends its students to the others (that is the point).

It prints one line per process, `app<n> 127.0.0.1:<port> pid <pid>`, and then `ready <address>`.
Only loopback addresses are used. Nothing is written but a temporary list of servers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"
LOOPBACK = "127.0.0.1"
START_SECONDS = 90
STOP_SECONDS = 10
HAPROXY_CANDIDATES = ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")


def servers_config(ports: list[int]) -> str:
    """The backend for these ports, in the shape of deploy/haproxy-servers.cfg."""
    lines = ["backend steunkaart from steunkaart"]
    lines += [f"    server app{n} {LOOPBACK}:{port} cookie app{n}" for n, port in enumerate(ports, 1)]
    return "\n".join(lines) + "\n"


def free_ports(count: int) -> list[int]:
    """Ports nobody listens on right now, chosen by the system."""
    probes = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for probe in probes:
            probe.bind((LOOPBACK, 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def find_haproxy() -> str | None:
    for candidate in HAPROXY_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("haproxy")


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start_app(port: int, log: Path | None) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.address", LOOPBACK, "--server.headless", "true"]
    output = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    try:
        return subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)
    finally:
        if log:
            output.close()


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each, then SIGKILL to any still running after STOP_SECONDS."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(apps: dict[int, subprocess.Popen]) -> None:
    deadline = time.monotonic() + START_SECONDS
    waiting = dict(apps)
    while waiting:
        for port, process in list(waiting.items()):
            if process.poll() is not None:
                raise RuntimeError(f"the app on port {port} stopped while starting")
            if healthy(port):
                del waiting[port]
        if time.monotonic() > deadline:
            raise RuntimeError(f"not started within {START_SECONDS} s: ports {sorted(waiting)}")
        time.sleep(0.2)


class Stop(Exception):
    """SIGTERM or SIGINT arrived."""


def _on_signal(signum: int, frame: FrameType | None) -> None:
    raise Stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3, help="how many app processes (default 3)")
    parser.add_argument("--proxy-port", type=int, default=8600, help="HAProxy's port (default 8600)")
    parser.add_argument("--first-port", type=int, default=8501,
                        help="port of the first app process, the others follow; 0: any free ports")
    parser.add_argument("--logs", type=Path, help="a folder for each process's log (default: none)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 64:
        parser.error("--replicas must be between 1 and 64")
    haproxy = find_haproxy()
    if haproxy is None:
        print("HAProxy is not installed: apt-get install haproxy", file=sys.stderr)
        return 2
    ports = free_ports(args.replicas) if args.first_port == 0 else [
        args.first_port + n for n in range(args.replicas)]
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    apps: dict[int, subprocess.Popen] = {}
    proxy: subprocess.Popen | None = None
    folder = Path(tempfile.mkdtemp(prefix="steunkaart-proxy-"))
    try:
        for n, port in enumerate(ports, 1):
            apps[port] = start_app(port, args.logs / f"app{n}.log" if args.logs else None)
            print(f"app{n} {LOOPBACK}:{port} pid {apps[port].pid}", flush=True)
        wait_until_healthy(apps)
        servers = folder / "servers.cfg"
        servers.write_text(servers_config(ports), encoding="utf-8")
        env = {**os.environ, "STEUNKAART_PROXY_BIND": f"{LOOPBACK}:{args.proxy_port}"}
        proxy_log = (args.logs / "haproxy.log").open("w", encoding="utf-8") if args.logs else None
        proxy = subprocess.Popen([haproxy, "-db", "-f", str(HAPROXY_CONFIG), "-f", str(servers)],
                                 env=env, stdout=proxy_log, stderr=subprocess.STDOUT, start_new_session=True)
        if proxy_log:
            proxy_log.close()
        address = f"http://{LOOPBACK}:{args.proxy_port}"
        deadline = time.monotonic() + START_SECONDS
        while not healthy(args.proxy_port):
            if proxy.poll() is not None or time.monotonic() > deadline:
                print("HAProxy did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        print(f"ready {address}", flush=True)
        processes = "1 proces" if args.replicas == 1 else f"{args.replicas} processen"
        print(f"Mijn steunkaart: {address} ({processes}). Stoppen: Ctrl-C.", flush=True)
        running = dict(apps)
        while proxy.poll() is None:
            for port, app in list(running.items()):
                if app.poll() is not None:  # HAProxy sends its students to the other processes
                    print(f"stopped {LOOPBACK}:{port} pid {app.pid}", flush=True)
                    del running[port]
            time.sleep(0.5)
        print("HAProxy stopped", file=sys.stderr)
        return 1
    except Stop:
        return 0
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop([*([proxy] if proxy else []), *apps.values()])
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
