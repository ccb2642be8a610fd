"""What taking the map home costs: layout and figure, PDF, session file save and load.

Also the PDF of a map with names in every script a class may bring: each script needs its own
font, shaped and subset into the file, which costs more than a map in Latin letters.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from veerkracht.bench import Row
from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level, When
from veerkracht.render.figure import support_map_figure
from veerkracht.render.pdf import blank_praatplaat_pdf, support_map_pdf
from veerkracht.session import dump_session, load_session
from veerkracht.settings import load_settings
from veerkracht.supportmap import NextStep, SupportMap, build_support_map, layout

ITEM_COUNTS = (10, 40)
# Names in Arabic, Cyrillic, Ge'ez (Tigrinya and Amharic), Devanagari, Chinese, and emoji.
ALL_SCRIPTS_PEOPLE = ("Yusra يسرى", "Дмитро", "ሰላም ኪዳነ", "ዮናስ", "प्रिया", "李娜", "Opa 👴🏽", "ليلى Олена")
ALL_SCRIPTS_PLACES = ("نادي الشباب", "Бібліотека", "ቤተ ክርስቲያን", "मंदिर", "篮球场", "Gym 🏋️‍♀️")
ALL_SCRIPTS_STRENGTHS = ("Koken 🍳", "Tekenen ✏️", "الرسم", "Співати")


def all_scripts_map() -> SupportMap:
    """A map with a name in every script the PDF draws, a nickname and a step that names helpers."""
    closeness = list(Closeness)
    items = [MapItem(f"sterk/{i}", Level.INDIVIDUAL, name, "⭐")
             for i, name in enumerate(ALL_SCRIPTS_STRENGTHS)]
    items += [MapItem(f"wie/{i}", Level.RELATIONAL, name, "🧑", closeness[i % 3])
              for i, name in enumerate(ALL_SCRIPTS_PEOPLE)]
    items += [MapItem(f"waar/{i}", Level.CONTEXTUAL, name, "📍", closeness[(i + 1) % 3])
              for i, name in enumerate(ALL_SCRIPTS_PLACES)]
    step = NextStep("plan/a", "Samen met يسرى naar 篮球场", When.THIS_WEEK, (items[4], items[12]))
    return SupportMap(tuple(items), (step,), nickname="ليلى")


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
    mixed = all_scripts_map()
    name = f"all scripts, {len(mixed.items)} items"
    best, median = timed(lambda: support_map_pdf(mixed, words), repeats)
    rows += [Row(f"PDF, {name} (best)", best, "ms"), Row(f"PDF, {name} (median)", median, "ms"),
             Row(f"PDF size, {name}", len(support_map_pdf(mixed, words)) / 1024, "kB")]
    best, median = timed(lambda: blank_praatplaat_pdf(question_set, words), repeats)
    rows += [Row("blank praatplaat PDF (best)", best, "ms"),
             Row("blank praatplaat PDF (median)", median, "ms")]
    return rows
