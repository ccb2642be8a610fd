"""One press, one visible effect: random sequences of presses on the people, places, cards and plan
controls, and after every single press the rows drawn are the answers, and the map holds the same.

A press that changes the answers after its rows were drawn would leave a stale row here; the next
press (a second Weghalen) would then land on a row that is gone.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import REPO, answers, begin, press_next
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.levels import Closeness, When
from veerkracht.questions import WidgetContext

PRESSES = st.integers(min_value=1, max_value=9)
SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
NAMES = st.sampled_from(["", "Amira", "Juf Anna", "ليلى", "  "])
CLOSENESS = st.sampled_from(list(Closeness))


def people_press() -> st.SearchStrategy[tuple[Any, ...]]:
    return st.one_of(
        st.tuples(st.just("pick"), st.sampled_from([None, "oma", "trainer"])),
        st.tuples(st.just("name"), NAMES),
        st.tuples(st.just("closeness"), CLOSENESS),
        st.tuples(st.just("tags"), st.lists(st.sampled_from(["luisteren", "praktisch"]), unique=True)),
        st.tuples(st.just("add")),
        st.tuples(st.just("add")),
        st.tuples(st.just("remove"), st.integers(0, 5)),
        st.tuples(st.just("edit"), st.integers(0, 5), CLOSENESS, NAMES,
                  st.sampled_from([None, "oma", "trainer"]), st.booleans()),
        st.tuples(st.just("open"), st.integers(0, 5)),
    )


def places_press() -> st.SearchStrategy[tuple[Any, ...]]:
    return st.one_of(
        st.tuples(st.just("pick"), st.sampled_from([None, "club", "werk"])),
        st.tuples(st.just("name"), NAMES),
        st.tuples(st.just("closeness"), CLOSENESS),
        st.tuples(st.just("add")),
        st.tuples(st.just("add")),
        st.tuples(st.just("remove"), st.integers(0, 5)),
        st.tuples(st.just("edit"), st.integers(0, 5), CLOSENESS, NAMES, st.none(), st.booleans()),
        st.tuples(st.just("open"), st.integers(0, 5)),
    )


def new_app() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()


def drawn_rows(at: AppTest) -> list[str]:
    """What each row says, top to bottom (this set has one list of entries per step)."""
    return [m.value for m in at.markdown if " · " in m.value and m.value.count("**") == 2]


def remove_keys(at: AppTest, question_id: str) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith(f"q.{question_id}.")
            and b.key.endswith(".remove")]


def expected_rows(at: AppTest, question_id: str, content_dir) -> list[str]:
    question_set = load_folder(content_dir).sets["alle-vragen"]
    question = question_set.question(question_id)
    ctx = WidgetContext(st=None, lang="nl", default_lang="nl", words=load_words(content_dir, "nl"),
                        key=f"q.{question_id}")
    return [question._describe_entry(entry, ctx) for entry in answers(at).get(question_id) or []]


def check_screen_is_the_answers(at: AppTest, question_id: str, content_dir) -> None:
    assert not at.exception
    entries = answers(at).get(question_id) or []
    assert drawn_rows(at) == expected_rows(at, question_id, content_dir)
    assert remove_keys(at, question_id) == [f"q.{question_id}.{e.id}.remove" for e in entries]
    assert form_open(at, question_id) in {None, *(e.id for e in entries)}  # never a form of a row gone
    question_set = load_folder(content_dir).sets["alle-vragen"]
    on_map = [item.key for item in answers(at).map_items(question_set) if item.question_id == question_id]
    assert on_map == [f"{question_id}/{e.id}" for e in entries]


def press(at: AppTest, question_id: str, action: tuple[Any, ...]) -> None:
    key = f"q.{question_id}.add"
    picker = "suggestion" if question_id == "wie" else "option"
    kind = action[0]
    entries = answers(at).get(question_id) or []
    if kind == "pick":
        if action[1] not in {getattr(e, "option", None) for e in entries} - {None}:
            at.pills(key=f"{key}.{picker}").set_value(action[1]).run()
    elif kind == "name":
        at.text_input(key=f"{key}.name").input(action[1]).run()
    elif kind == "closeness":
        at.segmented_control(key=f"{key}.closeness").set_value(action[1]).run()
    elif kind == "tags":
        at.pills(key=f"{key}.helps_with").set_value(action[1]).run()
    elif kind == "add":
        at.button(key=f"{key}.submit").click().run()
    elif kind == "remove" and entries:
        at.button(key=f"q.{question_id}.{entries[action[1] % len(entries)].id}.remove").click().run()
    elif kind == "open" and entries:  # Wijzigen, and the form stays open during the next presses
        at.button(key=f"q.{question_id}.{entries[action[1] % len(entries)].id}.edit").click().run()
    elif kind == "edit" and entries:
        entry_id = entries[action[1] % len(entries)].id
        form = f"q.{question_id}.{entry_id}.form"
        if form_open(at, question_id) != entry_id:
            at.button(key=f"q.{question_id}.{entry_id}.edit").click().run()
        at.segmented_control(key=f"{form}.closeness").set_value(action[2])
        at.text_input(key=f"{form}.name").input(action[3])
        if action[4] is not None:
            at.pills(key=f"{form}.role").set_value(action[4])
        at.button(key=f"{form}.submit" if action[5] else f"{form}.cancel").click().run()


def form_open(at: AppTest, question_id: str) -> str | None:
    """The entry whose form is drawn (Wijzigen pressed), if any; never more than one."""
    prefix = f"q.{question_id}."
    open_ids = {key[len(prefix):-len(".form.submit")] for key in (b.key or "" for b in at.button)
                if key.startswith(prefix) and key.endswith(".form.submit")}
    assert len(open_ids) <= 1, open_ids
    return next(iter(open_ids), None)


@pytest.mark.parametrize(("question_id", "presses", "steps_ahead"), [
    ("wie", people_press(), 2),
    ("waar", places_press(), 3),
])
def test_after_every_press_the_rows_drawn_are_the_answers(content_dir, question_id, presses, steps_ahead):
    @SETTINGS
    @given(st.lists(presses, min_size=1, max_size=9))
    def walk(sequence: list[tuple[Any, ...]]) -> None:
        at = new_app()
        begin(at)
        for _ in range(steps_ahead):
            press_next(at)
        for action in sequence:
            press(at, question_id, action)
            check_screen_is_the_answers(at, question_id, content_dir)

    walk()


@SETTINGS
@given(st.lists(st.tuples(st.lists(st.sampled_from(["helpen", "doorzetten", "lachen"]), unique=True),
                          st.sampled_from(["", "Tekenen", "ليلى"])), min_size=1, max_size=6))
def test_after_every_press_the_cards_shown_are_the_answer(content_dir, sequence):
    at = new_app()
    begin(at)
    press_next(at)
    for picked, other in sequence:
        at.pills(key="q.sterk").set_value(picked).run()
        at.text_input(key="q.sterk.other").input(other).run()
        answer = answers(at).get("sterk")
        shown = at.pills(key="q.sterk").value
        assert (answer.selected if answer else []) == shown
        assert (answer.other if answer else "") == other.strip()


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 1), st.sampled_from([None, "bellen", "vragen"]),
                          st.sampled_from([None, *When]), st.sampled_from(["", "Oma bellen"])),
                min_size=1, max_size=6))
def test_after_every_press_the_plan_shown_is_the_answer(content_dir, sequence):
    at = new_app()
    begin(at)
    for _ in range(5):
        press_next(at)
    for slot, suggestion, when, what in sequence:
        at.pills(key=f"q.plan.{slot}.suggestion").set_value(suggestion).run()
        at.segmented_control(key=f"q.plan.{slot}.when").set_value(when).run()
        at.text_input(key=f"q.plan.{slot}.what").input(what).run()
        steps = answers(at).get("plan") or []
        shown = []
        for index in range(2):
            picked = at.pills(key=f"q.plan.{index}.suggestion").value
            typed = at.text_input(key=f"q.plan.{index}.what").value.strip()
            if picked or typed:
                shown.append((picked, typed, at.segmented_control(key=f"q.plan.{index}.when").value))
        assert [(s.suggestion, s.what, s.when) for s in steps] == shown


def test_a_chip_tapped_after_toevoegen_is_given_back_to_the_browser(content_dir):
    """Toevoegen empties the chips through the browser; a chip tapped before that reached the
    browser would be emptied there too. The run that tap causes gives it back (set_value), so the
    browser shows it again and the next Toevoegen adds it; later runs leave the chips alone."""
    at = new_app()
    begin(at)
    press_next(at)
    press_next(at)
    chips = "q.wie.add.suggestion"
    at.pills(key=chips).set_value("oma").run()
    assert not at.pills(key=chips).proto.set_value  # a plain tap is the browser's own
    at.button(key="q.wie.add.submit").click().run()
    assert at.pills(key=chips).proto.set_value and at.pills(key=chips).value is None  # emptied

    at.pills(key=chips).set_value("trainer").run()
    assert at.pills(key=chips).proto.set_value and at.pills(key=chips).value == "trainer"
    at.text_input(key="q.wie.add.name").input("Sam").run()
    assert not at.pills(key=chips).proto.set_value  # nothing new to give back
    assert not at.text_input(key="q.wie.add.name").proto.set_value  # text is never given back

    at.button(key="q.wie.add.submit").click().run()
    assert [(e.role, e.name) for e in answers(at).get("wie")] == [("oma", ""), ("trainer", "Sam")]


def _step_being_left(typed: str | None, drawn: dict[str, Any] | None) -> bool:
    """Whether Volgende would draw the step being left once more, to keep what came along with it."""

    def script(typed, drawn):  # its own source is the app: no annotations, imports inside
        import streamlit as st

        from veerkracht.ui import state

        if drawn is not None:
            state.note_drawn(drawn)
        st.session_state["q.wie.name"] = typed or "Oma"  # what the tab sent with the press
        st.text_input("Naam", key="q.wie.name")
        st.session_state["answer"] = state.changed_since_drawn(("q.wie",))

    at = AppTest.from_function(script, kwargs={"typed": typed, "drawn": drawn}).run()
    return at.session_state["answer"]


def test_only_words_that_came_along_make_volgende_draw_the_step_it_leaves():
    # A row taken away (its buttons are in the snapshot, not on screen any more): nothing to keep.
    after_weghalen = {"q.wie.name": "Oma", "q.wie.1c45636d.remove": True, "q.wie.1c45636d.edit": False}
    assert not _step_being_left(None, after_weghalen)
    pressed = {"q.wie.name": "Oma", "q.wie.add.submit": True}
    assert not _step_being_left(None, pressed)  # a press lasts one run
    assert _step_being_left("Opa", after_weghalen)  # typed and Volgende tapped straight away
    assert _step_being_left(None, None)  # never drawn in this tab: draw to be sure
