"""Several app processes on this machine with HAProxy in front, in the foreground: `make replicas`.

    python deploy/replicas.py --replicas 3 --proxy-port 8600

Starts N Streamlit processes on loopback ports, waits until each answers /_stcore/health, then
runs HAProxy with deploy/haproxy.cfg and a generated list of servers (the same shape as
deploy/haproxy-servers.cfg). Ctrl-C or SIGTERM stops all of them. If HAProxy stops, everything
stops; if an app process stops, HAProxy sends its students to the others (that is the point).

With --nginx-port it also starts nginx with deploy/nginx.conf in front of HAProxy, as
docs/deploy.md describes: TLS with a certificate made for this run (openssl), Streamlit's files
zipped beforehand (deploy/precompress.py) and sent from disk. Only what cannot work on this
machine is changed: the certificate, the ports, the log, the folder of files, and the upstream,
which is HAProxy.

It prints one line per process, `app<n> 127.0.0.1:<port> pid <pid>`, then
`nginx <address> spki <hash of the certificate's key>` if asked, and then `ready <address>`
(HAProxy's). Only loopback addresses are used. Nothing is
written but temporary files (and the zipped files, in --precompressed if given).
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import os
import re
import shutil
import signal
import socket
import ssl
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
NGINX_CONFIG = REPO / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
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


def find_nginx() -> str | None:
    return next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).is_file()),
                None) or shutil.which("nginx")


def healthy(port: int, scheme: str = "http") -> bool:
    context = ssl._create_unverified_context() if scheme == "https" else None  # a certificate of this run
    try:
        with urllib.request.urlopen(f"{scheme}://{LOOPBACK}:{port}/_stcore/health", timeout=2,
                                    context=context) as answer:
            return answer.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, ssl.SSLError):
        return False


def _replaced(text: str, old: str, new: str) -> str:
    if old not in text:
        raise RuntimeError(f"deploy/nginx.conf no longer holds {old!r}")
    return text.replace(old, new)


def nginx_site(text: str, folder: Path, https_port: int, http_port: int, upstream: list[str],
               static_root: Path, brotli: bool = True) -> str:
    """deploy/nginx.conf for this machine: only certificate, ports, log, upstream, files changed."""
    text = _replaced(text, "/etc/ssl/steunkaart/fullchain.pem", str(folder / "fullchain.pem"))
    text = _replaced(text, "/etc/ssl/steunkaart/privkey.pem", str(folder / "privkey.pem"))
    text = _replaced(text, "/var/log/nginx/steunkaart.log", str(folder / "access.log"))
    text = _replaced(text, "listen 80;", f"listen {LOOPBACK}:{http_port};")
    text = _replaced(text, "listen 443 ssl;", f"listen {LOOPBACK}:{https_port} ssl;")
    text = _replaced(text, "root /srv/veerkracht/precompressed;", f"root {static_root};")
    servers = re.findall(r"^    server 127\.0\.0\.1:\d+ .*\n", text, flags=re.MULTILINE)
    if not servers:
        raise RuntimeError("deploy/nginx.conf has no upstream servers")
    text = text.replace("".join(servers), "".join(f"    server {address};\n" for address in upstream))
    if not brotli:
        text = _replaced(text, "        brotli_static on;\n", "")
    return text


def nginx_main(folder: Path, brotli: bool) -> str:
    """The main nginx.conf around the site: everything in FOLDER, no daemon."""
    temp = "".join(f"  {name}_temp_path {folder}/{name};\n"
                   for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    module = f"load_module {BROTLI_MODULE};\n" if brotli else ""
    return (f"{module}{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
            f"events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  access_log off;\n{temp}"
            f"  include {folder}/site.conf;\n}}\n")


def spki_hash(certificate: Path) -> str:
    """The certificate's public key as Chromium's --ignore-certificate-errors-spki-list wants it:
    a browser started with it trusts this run's certificate, and so keeps files in its cache."""
    key = subprocess.run(["openssl", "x509", "-in", str(certificate), "-noout", "-pubkey"],
                         check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=key,
                         check=True, capture_output=True).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def start_nginx(nginx: str, folder: Path, https_port: int, upstream: list[str], static_root: Path,
                log: Path | None) -> subprocess.Popen:
    """nginx with deploy/nginx.conf in front of UPSTREAM, TLS with a certificate made here."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl is not installed: apt-get install openssl")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    f"/CN={LOOPBACK}", "-keyout", str(folder / "privkey.pem"),
                    "-out", str(folder / "fullchain.pem")], check=True, capture_output=True, timeout=60)
    brotli = BROTLI_MODULE.is_file()
    if not brotli:
        print("nginx without Brotli (apt-get install libnginx-mod-http-brotli-static)", file=sys.stderr)
    http_port = free_ports(1)[0]
    site = nginx_site(NGINX_CONFIG.read_text(encoding="utf-8"), folder, https_port, http_port,
                      upstream, static_root, brotli)
    (folder / "site.conf").write_text(site, encoding="utf-8")
    (folder / "nginx.conf").write_text(nginx_main(folder, brotli), encoding="utf-8")
    output = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    try:
        return subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                 "-e", str(folder / "error.log"), "-g", "daemon off;"],
                                stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        if log:
            output.close()


def start_app(port: int, log: Path | None, script: str = "app.py") -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
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
    parser.add_argument("--app", default="app.py", help="the Streamlit script (default app.py)")
    parser.add_argument("--nginx-port", type=int,
                        help="also nginx with deploy/nginx.conf in front of HAProxy, https on this port")
    parser.add_argument("--precompressed", type=Path,
                        help="where the zipped files for nginx are kept between runs (default: temporary)")
    parser.add_argument("--brotli-quality", type=int, default=11, choices=range(12), metavar="0-11",
                        help="Brotli's level for the zipped files (default 11, the strongest)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 64:
        parser.error("--replicas must be between 1 and 64")
    haproxy = find_haproxy()
    if haproxy is None:
        print("HAProxy is not installed: apt-get install haproxy", file=sys.stderr)
        return 2
    nginx = find_nginx() if args.nginx_port else None
    if args.nginx_port and nginx is None:
        print("nginx is not installed: apt-get install nginx-light", file=sys.stderr)
        return 2
    ports = free_ports(args.replicas) if args.first_port == 0 else [
        args.first_port + n for n in range(args.replicas)]
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    apps: dict[int, subprocess.Popen] = {}
    proxy: subprocess.Popen | None = None
    front: subprocess.Popen | None = None
    folder = Path(tempfile.mkdtemp(prefix="steunkaart-proxy-"))
    try:
        for n, port in enumerate(ports, 1):
            apps[port] = start_app(port, args.logs / f"app{n}.log" if args.logs else None, args.app)
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
        if args.nginx_port and nginx:
            from precompress import precompress  # deploy/precompress.py, beside this file

            static_root = (args.precompressed or folder / "precompressed").resolve()
            precompress(static_root, quality=args.brotli_quality)
            front = start_nginx(nginx, folder, args.nginx_port, [f"{LOOPBACK}:{args.proxy_port}"],
                                static_root, args.logs / "nginx.log" if args.logs else None)
            deadline = time.monotonic() + START_SECONDS
            while not healthy(args.nginx_port, "https"):
                if front.poll() is not None or time.monotonic() > deadline:
                    error = folder / "error.log"
                    print("nginx did not start\n" + (error.read_text() if error.exists() else ""),
                          file=sys.stderr)
                    return 1
                time.sleep(0.2)
            print(f"nginx https://{LOOPBACK}:{args.nginx_port} spki {spki_hash(folder / 'fullchain.pem')}",
                  flush=True)
        print(f"ready {address}", flush=True)
        processes = "1 proces" if args.replicas == 1 else f"{args.replicas} processen"
        print(f"Mijn steunkaart: {address} ({processes}). Stoppen: Ctrl-C.", flush=True)
        running = dict(apps)
        while proxy.poll() is None and (front is None or front.poll() is None):
            for port, app in list(running.items()):
                if app.poll() is not None:  # HAProxy sends its students to the other processes
                    print(f"stopped {LOOPBACK}:{port} pid {app.pid}", flush=True)
                    del running[port]
            time.sleep(0.5)
        print("nginx stopped" if front is not None and front.poll() is not None else "HAProxy stopped",
              file=sys.stderr)
        return 1
    except Stop:
        return 0
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop([*([front] if front else []), *([proxy] if proxy else []), *apps.values()])
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
