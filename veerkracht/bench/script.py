"""Script time per interaction: each rerun of the page in AppTest, walking a whole conversation.

AppTest runs the script in this process without a server or browser, so the time of `.run()` is
the script's own time plus Streamlit's work to build the page; the floor page shows that last part.
"""

from __future__ import annotations

import argparse
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veerkracht.bench import Row
from veerkracht.bench.server import APP_SCRIPT, FLOOR_SCRIPT
from veerkracht.bench.walk import Action, Control, Walk, conversation_walk
from veerkracht.settings import load_settings

# Widget lists of AppTest that a student can use, by the proto name the walk knows them by.
APPTEST_WIDGETS = ("button", "button_group", "radio", "selectbox", "multiselect", "text_input",
                   "text_area", "checkbox")
RUN_TIMEOUT_S = 60
ROUNDS = 5  # whole conversations; every one is as many floor interactions too
P50_ROW = "script time per interaction, p50"
P95_ROW = "script time per interaction, p95"
# AppTest reads widget values from the main thread, where Streamlit warns that no script runs.
QUIET_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def percentile(values: Iterable[float], share: float) -> float:
    """The value below which `share` (0..1) of the values fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class ScriptTimes:
    """Seconds per AppTest run: the first (cold) run and every interaction after it."""

    script: str
    first_run: float
    interactions: list[float]
    steps: int
    errors: list[str]

    @property
    def p50(self) -> float:
        return percentile(self.interactions, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.interactions, 0.95)


def _options(app: Any, widget: Any) -> tuple[Any, ...]:
    """The widget's real option values: AppTest sets values, not the labels the student sees."""
    metadata = app._session_state._state._new_widget_state.widget_metadata.get(widget.id)
    serde = getattr(getattr(metadata, "deserializer", None), "__self__", None)
    return tuple(getattr(serde, "options", None) or getattr(widget, "options", ()) or ())


def controls_of(app: Any) -> list[Control]:
    """Every usable widget on the page, in page order, as the walk sees them."""
    found = []
    for kind in APPTEST_WIDGETS:
        for widget in getattr(app, kind):
            if getattr(widget.proto, "disabled", False):
                continue
            multi = kind == "multiselect" or (
                kind == "button_group" and widget.proto.click_mode == widget.proto.MULTI_SELECT
            )
            options = _options(app, widget) if kind != "button" else ()
            form_id = getattr(widget.proto, "form_id", "")
            submits = bool(getattr(widget.proto, "is_form_submitter", False))
            found.append(Control(kind, widget.label, options, multi, form_id, submits, widget))
    return found


def _apply(action: Action) -> None:
    widget = action.control.handle
    if action.is_click:
        widget.click()
    elif action.control.kind == "checkbox":
        widget.check()
    else:
        widget.set_value(action.value)


def _errors(app: Any) -> list[str]:
    return [e.value for e in app.exception]


class Walker:
    """One AppTest session walking one script, an interaction at a time, timing each run."""

    def __init__(self, script: Path, walk: Walk) -> None:
        from streamlit.testing.v1 import AppTest

        logging.getLogger(QUIET_LOGGER).setLevel(logging.ERROR)
        self.script, self.walk = script, walk
        self.app = AppTest.from_file(str(script), default_timeout=RUN_TIMEOUT_S)
        self.first_run = self._timed_run()
        self.times: list[float] = []
        self.errors = _errors(self.app)

    def _timed_run(self) -> float:
        started = time.perf_counter()
        self.app.run()
        return time.perf_counter() - started

    def prepare(self) -> bool:
        """Set up the next interaction, as far as the run that sends it; False when the walk is over."""
        while True:
            action = self.walk.next_action(controls_of(self.app))
            if action is None:
                return False
            _apply(action)
            if action.reruns:
                return True  # a browser sends a form's fields only with its button

    def run(self) -> None:
        self.times.append(self._timed_run())
        self.errors += _errors(self.app)

    def result(self) -> ScriptTimes:
        return ScriptTimes(self.script.name, self.first_run, self.times, self.walk.steps_done, self.errors)


def floor_walk(seed: int, answers_per_step: int = 2) -> Walk:
    """Answers and Volgende on the floor page, for as long as asked: its forward button does nothing."""
    return Walk(["Volgende"], answers_per_step=answers_per_step, max_steps=10_000, seed=seed)


def script_time(make_walk: Callable[[int], Walk], rounds: int = 3,
                max_interactions: int = 200) -> tuple[ScriptTimes, ScriptTimes]:
    """The real app walked through whole conversations, the floor page for as many interactions.

    App and floor take turns after every interaction, and which of the two goes first alternates,
    so a busy moment on the machine (or a garbage collection) falls on both alike.
    """
    apps, floors = [], []
    for seed in range(rounds):
        walk = make_walk(seed)
        app, floor = Walker(APP_SCRIPT, walk), Walker(FLOOR_SCRIPT, floor_walk(seed, walk.answers_per_step))
        while len(app.times) < max_interactions and app.prepare():
            floor.prepare()
            first, second = (app, floor) if len(app.times) % 2 == 0 else (floor, app)
            first.run()
            second.run()
        apps.append(app.result())
        floors.append(floor.result())
    return _combined(apps), _combined(floors)


def _combined(runs: list[ScriptTimes]) -> ScriptTimes:
    return ScriptTimes(
        runs[0].script,
        first_run=runs[0].first_run,
        interactions=[t for run in runs for t in run.interactions],
        steps=runs[0].steps,
        errors=[e for run in runs for e in run.errors],
    )


def ratio(value: float, floor: float) -> float | None:
    return value / floor if floor > 0 and not math.isnan(value) and not math.isnan(floor) else None


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: the app's script time per interaction next to the floor page's."""
    content_dir = load_settings().content_dir
    rounds = 1 if getattr(args, "quick", False) else ROUNDS
    app, floor = script_time(lambda seed: conversation_walk(content_dir, seed), rounds)
    return [
        Row(P50_ROW, app.p50 * 1000, "ms", floor.p50 * 1000, ratio(app.p50, floor.p50)),
        Row(P95_ROW, app.p95 * 1000, "ms", floor.p95 * 1000, ratio(app.p95, floor.p95)),
        Row("script first run (cold, imports and content)", app.first_run * 1000, "ms",
            floor.first_run * 1000, ratio(app.first_run, floor.first_run)),
        Row("script interactions walked", len(app.interactions), "runs", len(floor.interactions)),
        Row("script errors", len(app.errors), "errors", len(floor.errors)),
    ]
