"""The machine a bench ran on, printed above the table: numbers mean little without it."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def _chromium_version() -> str:
    from veerkracht.bench.browser import find_chromium

    chromium = find_chromium()
    if chromium is None:
        return "no Chromium"
    try:
        answer = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium (version unknown)"
    return answer.stdout.strip() or "Chromium (version unknown)"


def describe() -> str:
    """One line: cores, CPU, memory, OS, Python, Streamlit and Chromium versions."""
    return (
        f"{os.cpu_count()} cores ({_cpu_model()}), {_memory_gb():.1f} GB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"Streamlit {version('streamlit')}, {_chromium_version()}"
    )
