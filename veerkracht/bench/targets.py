"""The speed targets of the performance issue, checked against the rows of one bench run."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from veerkracht.bench import Row
from veerkracht.bench.browser import USABLE_ROW as FIRST_QUESTION
from veerkracht.bench.classroom import AFTER_ROW as CLASS_AFTER
from veerkracht.bench.classroom import ERRORS_ROW as CLASS_ERRORS
from veerkracht.bench.classroom import P95_ROW as CLASS_P95
from veerkracht.bench.classroom import PER_SESSION_ROW as CLASS_PER_SESSION
from veerkracht.bench.classroom import START_ROW as CLASS_START
from veerkracht.bench.first_visit import FLOOR_KEY, SECOND_VISIT_ROW, SETUPS, row_name
from veerkracht.bench.script import P95_ROW as SCRIPT_P95

PDF_40 = "PDF, 40 items (median)"  # as exports.py names it
_SHIPPED = dict(SETUPS)[("app", "nginx")]
_PLAIN_FLOOR = dict(SETUPS)[FLOOR_KEY]
FIRST_BYTES = row_name(_SHIPPED, "bytes")
FIRST_FCP = row_name(_SHIPPED, "first contentful paint")
FIRST_TBT = row_name(_SHIPPED, "total blocking time")
# "Back near its start": within this share of the starting memory.
NEAR_START = 0.10

Rows = dict[str, Row]


@dataclass(frozen=True)
class Target:
    text: str
    needs: tuple[str, ...]
    met: Callable[[Rows], bool]


def _value(rows: Rows, name: str) -> float:
    return rows[name].value


def _ratio(rows: Rows, name: str) -> float:
    ratio = rows[name].ratio
    return math.inf if ratio is None else ratio


TARGETS = [
    # The milliseconds follow the machine (a busy one doubles them for app and floor alike); the
    # ratio to the floor, walked in lockstep, is what the app adds.
    Target("script time per interaction: p95 <= 3x the floor (walked in lockstep)", (SCRIPT_P95,),
           lambda r: _ratio(r, SCRIPT_P95) <= 3),
    Target("first question usable: <= 1.3x the floor page", (FIRST_QUESTION,),
           lambda r: _ratio(r, FIRST_QUESTION) <= 1.3),
    Target("a class: p95 round trip <= 2x the floor app (runs app, floor, floor, app)", (CLASS_P95,),
           lambda r: _ratio(r, CLASS_P95) <= 2),
    Target("a class: zero errors", (CLASS_ERRORS,), lambda r: _value(r, CLASS_ERRORS) == 0),
    Target("a class: server memory per session <= 5 MB", (CLASS_PER_SESSION,),
           lambda r: _value(r, CLASS_PER_SESSION) <= 5),
    Target(f"a class: memory back within {NEAR_START:.0%} of its start (after 5 warm-up students) "
           "after the class left",
           (CLASS_START, CLASS_AFTER),
           lambda r: _value(r, CLASS_AFTER) <= _value(r, CLASS_START) * (1 + NEAR_START)),
    Target("PDF for 40 items <= 0.5 s", (PDF_40,), lambda r: _value(r, PDF_40) <= 500),
    Target(f"first visit, shipped set-up: bytes <= 0.8x the {_PLAIN_FLOOR}", (FIRST_BYTES,),
           lambda r: _ratio(r, FIRST_BYTES) <= 0.8),
    Target(f"first visit, shipped set-up: first contentful paint <= 0.9x the {_PLAIN_FLOOR}", (FIRST_FCP,),
           lambda r: _ratio(r, FIRST_FCP) <= 0.9),
    Target(f"first visit, shipped set-up: total blocking time <= 1.2x the {_PLAIN_FLOOR}", (FIRST_TBT,),
           lambda r: _value(r, FIRST_TBT) <= 1.2 * (r[FIRST_TBT].floor or 0)),  # 0 ms on both: met
    Target("a returning student downloads <= 10% of the first visit", (SECOND_VISIT_ROW,),
           lambda r: _value(r, SECOND_VISIT_ROW) <= 10),
]


def check(rows: list[Row]) -> list[str]:
    """One line per target: met, missed, or not measured in this run."""
    by_name = {row.name: row for row in rows}
    lines = []
    for target in TARGETS:
        measured = all(name in by_name and not math.isnan(by_name[name].value) for name in target.needs)
        verdict = "met" if measured and target.met(by_name) else "MISSED" if measured else "not measured"
        lines.append(f"  [{verdict}] {target.text}")
    return lines
