"""The locks in requirements/ are what a fresh machine installs: they must match pyproject.toml."""

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
TEST_LOCK = ROOT / "requirements" / "test.txt"
BUILD_IN = ROOT / "requirements" / "build.in"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def read_lock(path: Path) -> dict[str, list[dict]]:
    """Each package in a lock: its pins (version, marker, hashes) and who asked for it."""
    pins: dict[str, list[dict]] = {}
    current: dict | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            current = {"version": version, "marker": marker, "hashes": 0, "via": set()}
            pins.setdefault(canonicalize_name(name), []).append(current)
        elif current is not None and "--hash=sha256:" in line:
            current["hashes"] += 1
        elif current is not None and line.strip().startswith("#"):
            via = line.strip().lstrip("#").strip().removeprefix("via").strip()
            if via:
                current["via"].add(via)
    return pins


def requirements(kind: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    listed = project["dependencies"] if kind == "runtime" else project["optional-dependencies"]["test"]
    return [Requirement(text) for text in listed]


def build_requirements() -> list[Requirement]:
    lines = BUILD_IN.read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]


def pin_for_this_machine(pins: list[dict]) -> dict | None:
    """The pin this machine installs (markers for other platforms and Pythons left out)."""
    chosen = [pin for pin in pins if pin["marker"] is None or Marker(pin["marker"]).evaluate()]
    assert len(chosen) <= 1, pins
    return chosen[0] if chosen else None


@pytest.mark.parametrize(
    ("lock", "kinds"),
    [(RUNTIME_LOCK, ["runtime"]), (TEST_LOCK, ["runtime", "test"])],
    ids=["runtime", "test"],
)
def test_every_requirement_of_pyproject_is_locked_at_a_version_it_allows(lock, kinds):
    pins = read_lock(lock)
    wanted = [req for kind in kinds for req in requirements(kind)] + build_requirements()
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is in pyproject.toml but not in {lock.name}: run `make lock`"
        version = pin_for_this_machine(pins[name])["version"]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock.name} pins {name}=={version}, which pyproject.toml no longer allows "
            f"({requirement}): run `make lock`"
        )


@pytest.mark.parametrize(("lock", "kinds"), [(RUNTIME_LOCK, ["runtime"]), (TEST_LOCK, ["runtime", "test"])])
def test_lock_holds_nothing_pyproject_no_longer_asks_for(lock, kinds):
    direct = {canonicalize_name(req.name) for kind in kinds for req in requirements(kind)}
    direct |= {canonicalize_name(req.name) for req in build_requirements()}
    asked_by_pyproject = {
        name
        for name, pins in read_lock(lock).items()
        if any("pyproject.toml" in via or "build.in" in via for pin in pins for via in pin["via"])
    }
    assert asked_by_pyproject == direct, "pyproject.toml and the lock disagree: run `make lock`"


def test_every_locked_package_has_a_hash():
    for lock in (RUNTIME_LOCK, TEST_LOCK):
        for name, pins in read_lock(lock).items():
            for pin in pins:
                assert pin["hashes"] > 0, f"{lock.name}: {name} has no hash"


def test_the_runtime_install_holds_no_test_package():
    runtime = read_lock(RUNTIME_LOCK)
    for name in ("pytest", "hypothesis", "playwright", "ruff", "pypdf"):
        assert name not in runtime, f"{name} is for tests only"
    for requirement in requirements("test"):
        for pin in runtime.get(canonicalize_name(requirement.name), []):
            assert pin["via"], f"{requirement.name} is in the runtime lock for no runtime package"


def test_the_installed_environment_is_exactly_the_test_lock():
    for name, pins in read_lock(TEST_LOCK).items():
        pin = pin_for_this_machine(pins)
        if pin is not None:
            installed = metadata.version(name)
            assert installed == pin["version"], f"{name}: installed {installed}, locked {pin['version']}"


def test_pip_check_is_clean():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
