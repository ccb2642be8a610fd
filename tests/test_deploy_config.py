"""The shipped set-up for a school server (deploy/): valid for the tools that read it, private in
what it logs, and quoted word for word in docs/deploy.md, so the guide cannot drift from it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
GUIDE = REPO / "docs" / "deploy.md"
SHIPPED = ["veerkracht@.service", "nginx.conf", "haproxy.cfg", "haproxy-servers.cfg"]

sys.path.insert(0, str(DEPLOY))
import replicas  # noqa: E402  (deploy/ is a folder of files for IT, not a package)


def needed(tool: str) -> str:
    """A tool the check needs; missing in CI is a failure, elsewhere a skip."""
    path = shutil.which(tool) or next((p for p in (f"/usr/sbin/{tool}",) if Path(p).is_file()), None)
    if path is None:
        message = f"{tool} is not installed (apt-get install {tool})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def fenced_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("name", SHIPPED)
def test_the_guide_quotes_each_shipped_file_word_for_word(name: str) -> None:
    text = (DEPLOY / name).read_text(encoding="utf-8")
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"`deploy/{name}`" in guide, "the guide names the file it quotes"
    assert text in fenced_blocks(guide), f"docs/deploy.md does not quote deploy/{name} as it is"


def test_haproxy_accepts_the_shipped_configuration() -> None:
    haproxy = needed("haproxy")
    env = {**os.environ, "STEUNKAART_PROXY_BIND": "127.0.0.1:8600"}
    files = ["-f", DEPLOY / "haproxy.cfg", "-f", DEPLOY / "haproxy-servers.cfg"]
    checked = subprocess.run([haproxy, "-c", *files], capture_output=True, text=True, env=env, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_make_replicas_writes_the_servers_just_as_the_shipped_example() -> None:
    example = (DEPLOY / "haproxy-servers.cfg").read_text(encoding="utf-8")
    without_comments = "".join(line for line in example.splitlines(keepends=True) if not line.startswith("#"))
    assert replicas.servers_config([8501, 8502, 8503]) == without_comments


def test_haproxy_keeps_affinity_checks_health_and_zips_scripts() -> None:
    config = (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8")
    assert re.search(r"^\s+cookie steunkaart_proces insert indirect nocache", config, re.MULTILINE)
    assert "http-check send meth GET uri /_stcore/health" in config
    assert re.search(r"^\s+timeout tunnel 1h", config, re.MULTILINE)
    compressed = re.search(r"^\s+compression type (.+)$", config, re.MULTILINE).group(1).split()
    assert {"text/css", "application/javascript", "text/javascript", "application/json",
            "image/svg+xml"} <= set(compressed)


def test_no_log_line_holds_a_query_string_a_device_address_or_a_body() -> None:
    haproxy_format = re.search(r'^\s+log-format "(.+)"$', (DEPLOY / "haproxy.cfg").read_text(), re.MULTILINE)
    fields = set(re.findall(r"%(?:\{[^}]*\})?([A-Za-z]+)", haproxy_format.group(1)))
    assert "HPO" in fields, "the path without its query string"
    assert not fields & {"HU", "HQ", "HP", "r", "ci", "fi", "hr", "hs", "CC", "CS"}, fields
    nginx = (DEPLOY / "nginx.conf").read_text()
    nginx_format = re.search(r"^log_format steunkaart (.+);$", nginx, re.MULTILINE).group(1)
    assert "$uri" in nginx_format
    for leak in ("$request_uri", "$request ", "$request\"", "$args", "$query_string", "$remote_addr",
                 "$request_body", "$http_cookie", "$cookie_"):
        assert leak not in nginx_format, leak


def test_nginx_accepts_the_shipped_configuration(tmp_path: Path) -> None:
    nginx = needed("nginx")
    openssl = needed("openssl")
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=steunkaart.school.nl", "-keyout", key, "-out", certificate],
                   check=True, capture_output=True, timeout=60)
    site = (DEPLOY / "nginx.conf").read_text()
    # Only what a test on this machine cannot use: the certificate paths, the ports, the log file.
    site = site.replace("/etc/ssl/steunkaart/fullchain.pem", str(certificate))
    site = site.replace("/etc/ssl/steunkaart/privkey.pem", str(key))
    site = site.replace("/var/log/nginx/steunkaart.log", str(tmp_path / "access.log"))
    site = site.replace("listen 80;", "listen 127.0.0.1:18080;")
    site = site.replace("listen 443 ssl;", "listen 127.0.0.1:18443 ssl;")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "main.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n")
    checked = subprocess.run([nginx, "-t", "-q", "-p", tmp_path, "-c", tmp_path / "main.conf",
                              "-e", tmp_path / "error.log"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_unit_runs_one_private_process_per_port_on_this_machine_only() -> None:
    unit = (DEPLOY / "veerkracht@.service").read_text()
    assert "Environment=STREAMLIT_SERVER_PORT=%i" in unit
    assert "Environment=STREAMLIT_SERVER_ADDRESS=127.0.0.1" in unit
    assert "LimitCORE=0" in unit
    assert "Environment=VEERKRACHT_GRACE_MINUTES=" in unit


def test_the_shipped_streamlit_settings_leave_websocket_zipping_off_and_send_no_statistics() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableWebsocketCompression"] is False, "measured: it slows a busy class"
    assert config["browser"]["gatherUsageStats"] is False


def test_replicas_refuses_a_number_of_processes_that_makes_no_sense() -> None:
    with pytest.raises(SystemExit):
        replicas.main(["--replicas", "0"])
