"""What taking the map home costs: layout and figure, PDF, session file save and load."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from veerkracht.bench import Row
from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.render.figure import support_map_figure
from veerkracht.render.pdf import blank_praatplaat_pdf, support_map_pdf
from veerkracht.session import dump_session, load_session
from veerkracht.settings import load_settings
from veerkracht.supportmap import build_support_map, layout

ITEM_COUNTS = (10, 40)


def timed(work: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best and median wall time in milliseconds; one untimed run first warms caches and imports."""
    work()
    times = []
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def run(args: argparse.Namespace) -> list[Row]:
    repeats = getattr(args, "repeats", 7)
    words = load_words(load_settings().content_dir, "nl")
    question_set = sample_question_set()
    sets = {question_set.id: question_set}
    rows: list[Row] = []
    for count in ITEM_COUNTS:
        answers = sample_answers(question_set, count)
        support_map = build_support_map(question_set, answers)
        saved = dump_session(answers, question_set)
        measurements = {
            "layout": lambda sm=support_map: layout(sm.items),
            "layout + figure": lambda sm=support_map: support_map_figure(sm, words),
            "figure as JSON for the browser": lambda sm=support_map: support_map_figure(sm, words).to_json(),
            "PDF": lambda sm=support_map: support_map_pdf(sm, words),
            "session save": lambda a=answers: dump_session(a, question_set),
            "session load": lambda data=saved: load_session(data, sets),
        }
        for name, work in measurements.items():
            best, median = timed(work, repeats)
            rows.append(Row(f"{name}, {count} items (best)", best, "ms"))
            rows.append(Row(f"{name}, {count} items (median)", median, "ms"))
        rows.append(Row(f"PDF size, {count} items", len(support_map_pdf(support_map, words)) / 1024, "kB"))
        rows.append(Row(f"session file size, {count} items", len(saved) / 1024, "kB"))
    best, median = timed(lambda: blank_praatplaat_pdf(question_set, words), repeats)
    rows += [Row("blank praatplaat PDF (best)", best, "ms"),
             Row("blank praatplaat PDF (median)", median, "ms")]
    return rows
