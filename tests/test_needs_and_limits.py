"""What a student still needs is never drawn as support they have; a comparison keeps every source
in its place; files carry whose and when; and a set at the limits still gives a map a phone can
draw and a session file that loads again."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from itertools import combinations

import pytest

from veerkracht.bench.map_layout import fullest_answers, shipped_sets
from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.compare import compare_maps, shared_layout
from veerkracht.content import load_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.layout_map import MAX_STRETCH, PIXELS_PER_UNIT, boxes_overlap, layout
from veerkracht.levels import Closeness, Level
from veerkracht.limits import CONVERSATION_BYTES, ENTRIES, MAP_SOURCES, NAME_CHARS, SESSION_BYTES
from veerkracht.questions.cards import CardsAnswer
from veerkracht.questions.people import PersonEntry
from veerkracht.render.figure import support_map_figure
from veerkracht.render.pdf import support_map_html
from veerkracht.session import dump_session, load_session
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import SupportMap, build_support_map, download_name

CONTENT = REPO_DIR / "content"
WORDS = load_words(CONTENT, "nl")
SHIPPED = {question_set.id: question_set for question_set in shipped_sets(CONTENT)}
# Questions that ask what would help, what the student wishes for or still needs: never support.
WISHES = {"terugkeer": {"helpt-bij-start"}}
PHONE_WIDTH = (343 - 8) / PIXELS_PER_UNIT


@pytest.mark.parametrize("set_id", sorted(SHIPPED))
def test_no_wish_in_any_shipped_set_becomes_support_on_a_ring(set_id):
    question_set = SHIPPED[set_id]
    answers = fullest_answers(question_set)  # every card, every text, every person and place
    support_map = build_support_map(question_set, answers)
    needs = {question.id for _, question in question_set.questions() if question.need}

    assert WISHES.get(set_id, set()) <= needs
    on_rings = {item.key.split("/")[0] for item in support_map.items}
    assert not on_rings & needs
    for _, question in question_set.questions():
        if question.need:
            wished = question.map_items(answers.get(question.id), "nl", "nl")
            assert wished and all(item in support_map.needs for item in wished)
            assert not {item.label for item in wished} & {item.label for item in support_map.items}


def test_a_student_with_nobody_who_wishes_for_a_buddy_gets_a_map_without_people():
    question_set = SHIPPED["terugkeer"]
    answers = fullest_answers(question_set)
    answers.set("contactpersonen", None)
    answers.set("helpt-bij-start", CardsAnswer(selected=["vaste-persoon", "maatje", "thuis", "rooster"]))
    support_map = build_support_map(question_set, answers)

    assert support_map.by_level()[Level.RELATIONAL] == []
    wished = ["Een duidelijk rooster", "Eén vaste persoon op school", "Een klasgenoot als maatje",
              "Steun van thuis"]
    assert [need.label for need in support_map.needs] == wished


def test_needs_are_drawn_apart_below_the_rings_in_their_own_frame_and_listed_in_the_words():
    question_set = sample_question_set()
    support_map = replace(build_support_map(question_set, sample_answers(question_set, 12)),
                          needs=(MapItem("wens/1", Level.RELATIONAL, "Een maatje in de klas", "👫"),))
    figure = support_map_figure(support_map, WORDS)

    ring_labels = [text for trace in figure.data if (trace.meta or {}).get("labels") for text in trace.text]
    need_labels = [text for trace in figure.data if (trace.meta or {}).get("needs") for text in trace.text]
    assert not any("maatje" in label for label in ring_labels)
    assert any("maatje" in label for label in need_labels)
    frame = next(shape for shape in figure.layout.shapes if shape.name == "needs-frame")
    assert frame.y1 < min(y for trace in figure.data if (trace.meta or {}).get("level") for y in trace.y)
    assert any(WORDS("map.needs_heading") in a.text for a in figure.layout.annotations)
    page = support_map_html(support_map, WORDS).decode()
    assert page.index(WORDS("map.needs_heading")) > page.index(WORDS("map.sources_heading"))
    assert "Een maatje in de klas" in page.split(WORDS("map.needs_heading"))[1]


def test_the_schema_tells_an_editor_what_need_means():
    schema = json.loads((CONTENT / "questionset.schema.json").read_text(encoding="utf-8"))
    found = [definition["properties"]["need"] for definition in schema["$defs"].values()
             if "need" in definition.get("properties", {})]
    assert found and all("nodig" in field["description"] for field in found)


def test_the_same_source_sits_in_the_same_place_on_both_maps_and_changes_are_marked():
    question_set = sample_question_set()
    earlier_answers = sample_answers(question_set, 12)
    current_answers = sample_answers(question_set, 12)
    people = current_answers.get("wie")
    people[0].closeness = Closeness.FAR if people[0].closeness != Closeness.FAR else Closeness.CLOSE
    people.pop(1)
    people.append(PersonEntry(id="nieuw", name="Buurvrouw Ans", closeness=Closeness.SOME))
    earlier, current = build_support_map(question_set, earlier_answers), build_support_map(question_set,
                                                                                            current_answers)
    comparison = compare_maps(earlier, current)
    shared = shared_layout(comparison, WORDS)
    placed = layout(shared.items, max_width=PHONE_WIDTH)
    spot = {p.item.key: (p.x, p.y) for p in placed}

    unchanged = shared.earlier & shared.current
    assert len(unchanged) == len(comparison.stayed) - len(comparison.moved) > 5
    assert all(key in spot for key in shared.earlier | shared.current)  # every source has its place
    labels = {p.item.key: p.item.label for p in placed}
    assert any(label.endswith(WORDS("compare.mark_new")) for label in labels.values())
    assert any(label.endswith(WORDS("compare.mark_gone")) for label in labels.values())
    assert any(label.endswith(WORDS("compare.mark_further")) or label.endswith(WORDS("compare.mark_closer"))
               for label in labels.values())
    # Laid out again, with the same sources, everything stays where it was.
    again = layout(shared_layout(compare_maps(earlier, current), WORDS).items, max_width=PHONE_WIDTH)
    assert {p.item.key: (p.x, p.y) for p in again} == spot
    earlier_figure = support_map_figure(earlier, WORDS, 343, placed=placed, shown=shared.earlier)
    current_figure = support_map_figure(current, WORDS, 343, placed=placed, shown=shared.current)
    assert earlier_figure.layout.xaxis.range == current_figure.layout.xaxis.range  # the same scale


@pytest.mark.parametrize(("nickname", "expected"), [
    ("", "steunkaart-2026-03-09.pdf"),
    ("Zoë", "steunkaart-Zoë-2026-03-09.pdf"),
    ("../../etc/passwd", "steunkaart-etc-passwd-2026-03-09.pdf"),
    ("Jan de Vries!!", "steunkaart-Jan-de-Vries-2026-03-09.pdf"),
    ("ليلى\u202e", "steunkaart-ليلى-2026-03-09.pdf"),
    ("💥", "steunkaart-2026-03-09.pdf"),
])
def test_a_download_says_whose_map_and_when_in_safe_characters(nickname, expected):
    assert download_name("steunkaart", nickname, "pdf", date(2026, 3, 9)) == expected


HELPS = [f"{n:02d}-" + "x" * 37 for n in range(12)]  # as many as a question may offer, ids at their longest


def sources_set(people_questions: int, level: str = "relational") -> str:
    """A set with many people questions, to test the limits."""
    helps = ", ".join(f"{{id: {id_}, label: Helpt}}" for id_ in HELPS)
    questions = "\n".join(
        f"      - {{id: wie-{n}, type: people, level: {level}, text: 'Wie helpt jou?',"
        f" helps_with: [{helps}]}}"
        for n in range(people_questions))
    return f"""id: groot
version: "1"
title: Groot
description: Een set aan de grens.
audience: mbo
minutes: 20
steps:
  - id: mensen
    kind: relational
    title: Mensen
    questions:
{questions}
"""


def test_check_refuses_a_set_that_can_put_more_sources_on_a_map_than_a_screen_can_draw():
    accepted = load_question_set(sources_set(MAP_SOURCES // ENTRIES), "groot.yaml")
    refused = load_question_set(sources_set(MAP_SOURCES // ENTRIES + 1), "groot.yaml")

    assert accepted.problems == []
    assert [problem.message for problem in refused.problems if "kaart" in problem.message]


def test_the_phone_map_of_the_largest_set_check_accepts_holds_every_source_apart():
    question_set = load_question_set(sources_set(MAP_SOURCES // ENTRIES), "groot.yaml").question_set
    answers = fullest_answers(question_set)
    items = build_support_map(question_set, answers).items
    placed = layout(items, centre="Zoë", max_width=PHONE_WIDTH)

    assert len(items) == len(placed) == MAP_SOURCES // ENTRIES * ENTRIES
    assert max(placed.stretch, placed.top_stretch) <= MAX_STRETCH  # a height a phone can scroll
    boxes = [box for p in placed for box in (p.marker_box, p.label_box)]
    assert not any(boxes_overlap(a, b) for a, b in combinations(boxes, 2))


def test_a_students_own_file_from_a_set_at_the_limits_loads_again_and_fits_the_servers_memory():
    from veerkracht.ui.state import _pack

    most = 1
    while load_question_set(sources_set(most + 1, "null"), "groot.yaml").problems == []:
        most += 1
    question_set = load_question_set(sources_set(most, "null"), "groot.yaml").question_set
    assert load_question_set(sources_set(most + 1, "null"), "groot.yaml").problems  # one more: refused
    answers = fullest_answers(question_set)
    answers.nickname = "😀" * 40
    for _, question in question_set.questions():
        people = [PersonEntry(id=f"persoon-{i:032d}", name="😀" * NAME_CHARS, helps_with=HELPS,
                              closeness=Closeness.FAR) for i in range(ENTRIES)]
        answers.set(question.id, people)
    file = dump_session(answers, question_set)

    assert len(file) > SESSION_BYTES / 4  # a set truly near the limits
    assert len(file) <= SESSION_BYTES
    loaded = load_session(file, {question_set.id: question_set})
    assert loaded.answers.responses == answers.responses
    assert len(_pack(answers, question_set, finished=True)) <= CONVERSATION_BYTES


def test_an_empty_map_with_only_needs_still_shows_them():
    support_map = SupportMap((), needs=(MapItem("wens/1", Level.INDIVIDUAL, "Een rustig plekje", "🪑"),))
    figure = support_map_figure(support_map, WORDS)
    assert any("rustig" in text for trace in figure.data if (trace.meta or {}).get("needs")
               for text in trace.text)


def test_check_says_where_a_need_would_show_nowhere():
    text = sources_set(1).replace("type: people, level: relational", "type: people, level: null, need: true")
    problems = load_question_set(text, "wens.yaml").problems

    assert [(problem.field, problem.line) for problem in problems] == [("steps[0].questions[0].need", 12)]
    assert "level" in problems[0].message
    assert load_question_set(sources_set(1).replace("level: relational", "level: relational, need: true"),
                             "wens.yaml").problems == []  # a need with a level: shown apart, fine
