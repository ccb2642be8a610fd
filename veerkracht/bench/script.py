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


def walk_apptest(script: Path, walk: Walk, max_interactions: int = 200) -> ScriptTimes:
    """Walk `script` with AppTest, timing every run; stops when the walk is done."""
    from streamlit.testing.v1 import AppTest

    logging.getLogger(QUIET_LOGGER).setLevel(logging.ERROR)
    app = AppTest.from_file(str(script), default_timeout=RUN_TIMEOUT_S)
    started = time.perf_counter()
    app.run()
    first_run = time.perf_counter() - started
    errors, times = _errors(app), []
    for _ in range(max_interactions):
        action = walk.next_action(controls_of(app))
        if action is None:
            break
        _apply(action)
        if not action.reruns:
            continue  # a browser sends a form's fields only with its button
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        errors += _errors(app)
    return ScriptTimes(script.name, first_run, times, walk.steps_done, errors)


def walk_floor(interactions: int, answers_per_step: int = 2) -> ScriptTimes:
    """The floor page walked with as many interactions as the app took; its forward button does nothing."""
    walk = Walk(["Volgende"], answers_per_step=answers_per_step, max_steps=10_000)
    times = walk_apptest(FLOOR_SCRIPT, walk, max_interactions=interactions)
    return times


def script_time(make_walk: Callable[[int], Walk], rounds: int = 3) -> tuple[ScriptTimes, ScriptTimes]:
    """The real app walked through a conversation, and the floor walked for as many interactions.

    App and floor take turns, so a busy moment on the machine falls on both alike.
    """
    apps, floors = [], []
    for seed in range(rounds):
        apps.append(walk_apptest(APP_SCRIPT, make_walk(seed)))
        floors.append(walk_floor(max(len(apps[-1].interactions), 10), make_walk(seed).answers_per_step))
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
    rounds = 1 if getattr(args, "quick", False) else 3
    app, floor = script_time(lambda seed: conversation_walk(content_dir, seed), rounds)
    return [
        Row(P50_ROW, app.p50 * 1000, "ms", floor.p50 * 1000, ratio(app.p50, floor.p50)),
        Row(P95_ROW, app.p95 * 1000, "ms", floor.p95 * 1000, ratio(app.p95, floor.p95)),
        Row("script first run (cold, imports and content)", app.first_run * 1000, "ms",
            floor.first_run * 1000, ratio(app.first_run, floor.first_run)),
        Row("script interactions walked", len(app.interactions), "runs", len(floor.interactions)),
        Row("script errors", len(app.errors), "errors", len(floor.errors)),
    ]
