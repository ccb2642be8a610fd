"""How the map's layout grows with its items: 10, 20, 40, 80, and the most a student can enter.

The fullest map is built from the shipped set that can hold the most sources: every card and an
own card, every text, and the most people and places a question takes, each with a name as long
as the widget allows, all in the same ring (the hardest case for the layout). The rings carry
their Dutch names, as the app draws them.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from veerkracht.answers import Answers
from veerkracht.bench import Row
from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.content import load_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import Closeness
from veerkracht.limits import ENTRIES, MAP_SOURCES, NAME_CHARS, OTHER_CHARS
from veerkracht.model import QuestionSet
from veerkracht.questions.cards import CardsAnswer, CardsQuestion
from veerkracht.questions.people import PeopleQuestion, PersonEntry
from veerkracht.questions.places import PlaceEntry, PlacesQuestion
from veerkracht.questions.text import TextQuestion
from veerkracht.settings import load_settings
from veerkracht.supportmap import build_support_map, layout, ring_names

ITEM_COUNTS = (10, 20, 40, 80)
PHONE_WIDTH = 340 / 126  # the map's width in a phone's column, in map units
# Names as long as the widgets allow, in words of every length, so each wraps to two lines.
LONG_WORDS = "Mijn lieve buurvrouw van hiernaast die altijd even luistert als het nodig is"


def long_text(chars: int, index: int) -> str:
    text = f"{index + 1} {LONG_WORDS}"
    while len(text) < chars:
        text += f" {LONG_WORDS}"
    return text[:chars].rstrip()


def fullest_answers(question_set: QuestionSet) -> Answers:
    """Answers that put the most a student can enter on this set's map."""
    answers = Answers.start(question_set, nickname="Zoë")
    for _, question in question_set.questions():
        if isinstance(question, CardsQuestion):
            picked = [o.id for o in question.options][: question.max_selected or len(question.options)]
            answers.set(question.id, CardsAnswer(selected=picked, other=long_text(OTHER_CHARS, 0)))
        elif isinstance(question, TextQuestion) and question.level is not None:
            answers.set(question.id, long_text(question.max_length, 0))
        elif isinstance(question, PeopleQuestion):
            answers.set(question.id, [PersonEntry(id=f"p{i}", name=long_text(NAME_CHARS, i),
                                                  closeness=Closeness.CLOSE) for i in range(ENTRIES)])
        elif isinstance(question, PlacesQuestion):
            listed = [PlaceEntry(id=f"o{i}", option=o.id, closeness=Closeness.CLOSE)
                      for i, o in enumerate(question.options)]
            own = [PlaceEntry(id=f"w{i}", name=long_text(NAME_CHARS, i), closeness=Closeness.CLOSE)
                   for i in range(ENTRIES - len(listed))]
            answers.set(question.id, (listed + own)[:ENTRIES])
    return answers


def shipped_sets(content: Path) -> list[QuestionSet]:
    loaded = (load_question_set(path.read_bytes(), path.name) for path in sorted(content.glob("*.yaml")))
    return [set_.question_set for set_ in loaded if set_.question_set is not None]


def fullest_items(content: Path | None = None) -> tuple[MapItem, ...]:
    """The items of the fullest map any shipped set allows."""
    sets = shipped_sets(content or load_settings().content_dir)
    maps = [build_support_map(s, fullest_answers(s)).items for s in sets]
    return max(maps, key=len)


def largest_accepted_items() -> tuple[MapItem, ...]:
    """The fullest map of the largest set `check` accepts: people questions up to MAP_SOURCES."""
    questions = "\n".join(f"      - {{id: wie-{n}, type: people, text: 'Wie helpt jou?'}}"
                           for n in range(MAP_SOURCES // ENTRIES))
    text = (f'id: groot\nversion: "1"\ntitle: Groot\ndescription: Groot.\naudience: mbo\nminutes: 20\n'
            f"steps:\n  - id: mensen\n    kind: relational\n    title: Mensen\n    questions:\n{questions}\n")
    question_set = load_question_set(text, "groot.yaml").question_set
    assert question_set is not None
    return build_support_map(question_set, fullest_answers(question_set)).items


def best_of(work, repeats: int) -> float:
    """The best wall time of `repeats` runs, in milliseconds, after one run to warm up."""
    work()
    best = float("inf")
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        work()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def run(args: argparse.Namespace) -> list[Row]:
    repeats = getattr(args, "repeats", 7)
    question_set = sample_question_set()
    cases = [(f"{n} items", build_support_map(question_set, sample_answers(question_set, n)).items)
             for n in ITEM_COUNTS]
    fullest = fullest_items()
    cases.append((f"the most a student can enter ({len(fullest)} items)", fullest))
    largest = largest_accepted_items()
    cases.append((f"the largest set check accepts ({len(largest)} items)", largest))
    rings = ring_names(load_words(load_settings().content_dir, "nl"))
    rows = []
    for name, items in cases:
        round_map = best_of(lambda i=items: layout(i, centre="Zoë", ring_words=rings), repeats)
        phone_map = best_of(lambda i=items: layout(i, centre="Zoë", max_width=PHONE_WIDTH, ring_words=rings),
                            repeats)
        rows += [Row(f"map layout, {name} (best)", round_map, "ms"),
                 Row(f"map layout on a phone, {name} (best)", phone_map, "ms")]
    return rows
