"""What `check` costs on the shipped content: the static checks, and the walk through every screen.

The walk is the larger part: it runs the app for every set, offered language and mode. Its floor
is the time of one screen of the app in AppTest, so a slow walk and a slow app can be told apart.
"""

from __future__ import annotations

import argparse
import time

from veerkracht.bench import Row
from veerkracht.checker import check_paths
from veerkracht.settings import REPO_DIR


def run(args: argparse.Namespace) -> list[Row]:
    content = REPO_DIR / "content"
    started = time.perf_counter()
    static = check_paths([content], walk=False)
    static_s = time.perf_counter() - started
    started = time.perf_counter()
    report = check_paths([content], walk=True)
    whole_s = time.perf_counter() - started
    walks = sum(w.walks for w in report.walks)
    screens = sum(w.screens for w in report.walks)
    walk_s = sum(w.seconds for w in report.walks)
    return [
        Row(f"check --snel: static checks of {static.files} files", static_s * 1000, "ms"),
        Row(f"check: walk of {walks} rounds, {screens} screens", walk_s, "s"),
        Row("check: walk per screen", walk_s * 1000 / max(screens, 1), "ms"),
        Row("check: the whole check of content/", whole_s, "s"),
    ]
