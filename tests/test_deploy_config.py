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


def test_haproxy_accepts_the_shipped_configuration_with_tls_of_its_own(tmp_path: Path) -> None:
    """docs/deploy.md: TLS in HAProxy itself is only a different STEUNKAART_PROXY_BIND."""
    haproxy = needed("haproxy")
    certificate, key = self_signed(tmp_path)
    both = tmp_path / "steunkaart.pem"
    both.write_bytes(certificate.read_bytes() + key.read_bytes())
    env = {**os.environ, "STEUNKAART_PROXY_BIND": f"127.0.0.1:8643 ssl crt {both}"}
    files = ["-f", DEPLOY / "haproxy.cfg", "-f", DEPLOY / "haproxy-servers.cfg"]
    checked = subprocess.run([haproxy, "-c", *files], capture_output=True, text=True, env=env, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_reload_of_haproxy_leaves_no_old_process_behind_for_long() -> None:
    config = (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8")
    found = re.search(r"^\s+hard-stop-after (\d+)([smh])$", config, re.MULTILINE)
    assert found, "without hard-stop-after an old HAProxy keeps its websockets for `timeout tunnel`"
    seconds = int(found.group(1)) * {"s": 1, "m": 60, "h": 3600}[found.group(2)]
    assert seconds <= 300


def test_each_proxy_has_an_affinity_cookie_of_its_own() -> None:
    """nginx in front of HAProxy (docs/deploy.md): a shared name made nginx overwrite HAProxy's."""
    config = (DEPLOY / "haproxy.cfg").read_text()
    haproxy = re.search(r"^\s+cookie (\w+) insert", config, re.MULTILINE).group(1)
    nginx = (DEPLOY / "nginx.conf").read_text()
    nginx_names = set(re.findall(r'add_header Set-Cookie "(\w+)=', nginx))
    assert nginx_names == {"steunkaart_nginx"}
    assert haproxy == "steunkaart_proces"
    assert f"$cookie_{haproxy}" not in nginx


def test_haproxy_sends_safe_headers_on_every_answer_and_the_cookie_only_over_tls() -> None:
    config = (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8")
    frontend = config[config.index("frontend steunkaart"):]
    rules = ("del-header Server", "set-header X-Content-Type-Options nosniff",
             "set-header X-Frame-Options SAMEORIGIN", "set-header Content-Security-Policy \"frame-ancestors",
             "set-header Referrer-Policy no-referrer")
    for rule in rules:
        # http-after-response: also on HAProxy's own answers (503 when every process is down).
        assert re.search(rf"^    http-after-response {rule}", frontend, re.MULTILINE), rule
    tls_only = r" if \{ ssl_fc \}$"
    assert re.search(r"^    http-after-response replace-header Set-Cookie .*Secure.*" + tls_only, frontend,
                     re.MULTILINE)
    assert re.search(r"^    http-after-response set-header Strict-Transport-Security .*" + tls_only, frontend,
                     re.MULTILINE)


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


def self_signed(folder: Path) -> tuple[Path, Path]:
    openssl = needed("openssl")
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=steunkaart.school.nl", "-keyout", key, "-out", certificate],
                   check=True, capture_output=True, timeout=60)
    return certificate, key


def test_nginx_accepts_the_shipped_configuration_with_brotli(tmp_path: Path) -> None:
    nginx = needed("nginx")
    if not replicas.BROTLI_MODULE.is_file():
        message = "nginx's Brotli module is missing (apt-get install libnginx-mod-http-brotli-static)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    self_signed(tmp_path)
    # Only what a test on this machine cannot use: the certificate paths, the ports, the log file,
    # the folder of zipped files; the same changes `make replicas` makes.
    site = replicas.nginx_site((DEPLOY / "nginx.conf").read_text(), tmp_path, 18443, 18080,
                               ["127.0.0.1:8600"], tmp_path / "precompressed")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "main.conf").write_text(replicas.nginx_main(tmp_path, brotli=True))
    checked = subprocess.run([nginx, "-t", "-q", "-p", tmp_path, "-c", tmp_path / "main.conf",
                              "-e", tmp_path / "error.log"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_nginx_sends_safe_headers_on_every_answer_and_marks_cookies_for_tls_only() -> None:
    site = (DEPLOY / "nginx.conf").read_text()
    server = site[site.index("listen 443 ssl;"):]
    for header in ("Strict-Transport-Security", "X-Content-Type-Options nosniff", "X-Frame-Options",
                   "Content-Security-Policy \"frame-ancestors", "Referrer-Policy no-referrer"):
        assert re.search(rf"^    add_header {header}.* always;$", server, re.MULTILINE), header
    assert "server_tokens off;" in server
    assert "proxy_cookie_flags ~ secure;" in server
    assert re.search(r"^    add_header Set-Cookie .*; HttpOnly; Secure; SameSite=Lax\" always;$", server,
                     re.MULTILINE)
    # A location with an add_header of its own would drop all of the above there.
    for location in re.findall(r"^    location [^{]+\{(.*?)^    \}", server, re.MULTILINE | re.DOTALL):
        assert "add_header" not in location


def test_nginx_sends_streamlits_files_zipped_beforehand_with_a_long_cache() -> None:
    site = (DEPLOY / "nginx.conf").read_text()
    static = re.search(r"^    location /static/ \{(.*?)^    \}", site, re.MULTILINE | re.DOTALL).group(1)
    assert "brotli_static on;" in static and "gzip_static on;" in static
    assert "try_files $uri @app;" in static, "a file not zipped yet still comes from the app"
    assert '"public, max-age=31536000, immutable"' in site


def test_precompress_makes_brotli_and_gzip_that_unpack_to_the_same_bytes(tmp_path: Path) -> None:
    import gzip

    import precompress

    source = tmp_path / "source"
    (source / "js").mkdir(parents=True)
    script = b"function steunkaart(){return 'hoi';}\n" * 200
    (source / "js" / "index.abc123.js").write_bytes(script)
    (source / "media").mkdir()
    (source / "media" / "font.woff2").write_bytes(b"\x00wOF2" * 50)
    target = tmp_path / "target"
    brotli = shutil.which("brotli") or ""
    counts = precompress.precompress(target, source, brotli)
    copied = target / "static" / "js" / "index.abc123.js"
    assert copied.read_bytes() == script
    assert gzip.decompress(copied.with_name(copied.name + ".gz").read_bytes()) == script
    assert not (target / "static" / "media" / "font.woff2.gz").exists(), "fonts are zipped already"
    if brotli:
        unpacked = subprocess.run([brotli, "-d", "-c", str(copied) + ".br"], capture_output=True, check=True)
        assert unpacked.stdout == script
        assert len(copied.with_name(copied.name + ".br").read_bytes()) < len(script) / 10
    assert counts["copied"] == 2
    # Again: nothing changed, nothing done; a file Streamlit dropped goes.
    (source / "media" / "font.woff2").unlink()
    again = precompress.precompress(target, source, brotli)
    assert again["copied"] == 0 and again["removed"] == 1
    assert not (target / "static" / "media").exists()


HARDENING = ["NoNewPrivileges=true", "CapabilityBoundingSet=", "PrivateTmp=true", "PrivateDevices=true",
             "PrivateUsers=true", "ProtectSystem=strict", "ProtectHome=true", "ProtectProc=invisible",
             "ProtectKernelTunables=true", "ProtectKernelModules=true", "ProtectKernelLogs=true",
             "ProtectControlGroups=true", "ProtectClock=true", "ProtectHostname=true",
             "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "IPAddressDeny=any",
             "IPAddressAllow=localhost", "RestrictNamespaces=true", "RestrictRealtime=true",
             "RestrictSUIDSGID=true", "LockPersonality=true", "SystemCallArchitectures=native",
             "SystemCallFilter=@system-service", "UMask=0077"]


def test_the_unit_runs_one_private_process_per_port_on_this_machine_only() -> None:
    unit = (DEPLOY / "veerkracht@.service").read_text()
    assert "Environment=STREAMLIT_SERVER_PORT=%i" in unit
    assert "Environment=STREAMLIT_SERVER_ADDRESS=127.0.0.1" in unit
    assert "LimitCORE=0" in unit
    assert "Environment=VEERKRACHT_GRACE_MINUTES=" in unit
    lines = set(unit.splitlines())
    assert [line for line in HARDENING if line not in lines] == []


def test_systemd_rates_the_unit_at_most_two_out_of_ten(tmp_path: Path) -> None:
    """`systemd-analyze security`: 0 is closed, 10 is wide open; the unit as it was rated 8.5."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed; the hardening lines are checked above")
    unit = tmp_path / "veerkracht@8501.service"
    unit.write_text((DEPLOY / "veerkracht@.service").read_text())
    rated = subprocess.run([analyze, "security", "--offline=true", "--no-pager", unit.name], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    found = re.search(r"Overall exposure level for veerkracht@8501\.service: (\d+\.\d)", rated.stdout)
    if found is None and "--offline" in rated.stderr:
        pytest.skip(f"this systemd-analyze cannot rate a unit file: {rated.stderr.strip()}")
    assert found, rated.stdout + rated.stderr
    assert float(found.group(1)) <= 2.0, rated.stdout


def test_the_shipped_streamlit_settings_leave_websocket_zipping_off_and_send_no_statistics() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableWebsocketCompression"] is False, "measured: it slows a busy class"
    assert config["browser"]["gatherUsageStats"] is False


def test_replicas_refuses_a_number_of_processes_that_makes_no_sense() -> None:
    with pytest.raises(SystemExit):
        replicas.main(["--replicas", "0"])
