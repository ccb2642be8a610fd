"""A student and a coach go through a whole set; the answers object holds exactly what they chose."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import REPO, answers, begin, make_content, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.levels import Closeness, When
from veerkracht.model import QuestionSet
from veerkracht.questions.cards import CardsAnswer
from veerkracht.ui.safe import plain


def people(value: Any) -> list[tuple[str | None, str, str, list[str]]]:
    return [(e.role, e.name, e.closeness.value, e.helps_with) for e in value or []]


def places(value: Any) -> list[tuple[str | None, str, str]]:
    return [(e.option, e.name, e.closeness.value) for e in value or []]


def plan(value: Any) -> list[tuple[str | None, str, str | None, list[str]]]:
    return [(s.suggestion, s.what, s.when.value if s.when else None, s.helpers) for s in value or []]


def test_a_coach_and_student_answer_every_question_type_and_the_answers_hold_exactly_that(app, content_dir):
    question_set = load_folder(content_dir).sets["alle-vragen"]
    begin(app)
    app.segmented_control(key="q.dag").set_value(2).run()
    app.pills(key="q.vrije-tijd").set_value("muziek").run()
    press_next(app)

    app.pills(key="q.sterk").set_value(["helpen", "lachen"]).run()
    app.text_input(key="q.sterk.other").input("Tekenen").run()
    app.text_input(key="q.morgen").input("Op tijd komen").run()
    press_next(app)

    app.pills(key="q.wie.add.suggestion").set_value("oma")
    app.segmented_control(key="q.wie.add.closeness").set_value(Closeness.SOME)
    app.pills(key="q.wie.add.helps_with").set_value(["luisteren"])
    app.button(key="q.wie.add.submit").click().run()
    for name in ("Sam", "Buurman"):
        app.text_input(key="q.wie.add.name").input(name)
        app.button(key="q.wie.add.submit").click().run()
    sam, neighbour = answers(app).get("wie")[1:]
    app.button(key=f"q.wie.{sam.id}.edit").click().run()
    app.text_input(key=f"q.wie.{sam.id}.form.name").input("Samira")
    app.segmented_control(key=f"q.wie.{sam.id}.form.closeness").set_value(Closeness.FAR)
    app.button(key=f"q.wie.{sam.id}.form.submit").click().run()
    app.button(key=f"q.wie.{neighbour.id}.remove").click().run()
    press_next(app)

    app.pills(key="q.waar.add.option").set_value("club")
    app.button(key="q.waar.add.submit").click().run()
    app.text_input(key="q.waar.add.name").input("Moskee")
    app.segmented_control(key="q.waar.add.closeness").set_value(Closeness.SOME)
    app.button(key="q.waar.add.submit").click().run()
    press_next(app)
    press_next(app)  # past the map

    oma = next(i for i in answers(app).items_before(question_set, "plan") if i.label == "Oma")
    app.pills(key="q.plan.0.suggestion").set_value("bellen")
    app.segmented_control(key="q.plan.0.when").set_value(When.TOMORROW)
    app.pills(key="q.plan.0.helpers").set_value([oma.key]).run()
    app.text_input(key="q.plan.1.what").input("Naar de training gaan").run()
    press_next(app)

    assert not app.exception
    assert "Klaar!" in app.title[0].value
    got = answers(app).responses
    assert set(got) == {"dag", "vrije-tijd", "sterk", "morgen", "wie", "waar", "plan"}
    assert got["dag"] == 2
    assert got["vrije-tijd"] == "muziek"
    assert got["sterk"] == CardsAnswer(selected=["helpen", "lachen"], other="Tekenen")
    assert got["morgen"] == "Op tijd komen"
    assert people(got["wie"]) == [("oma", "", "some", ["luisteren"]), (None, "Samira", "far", [])]
    assert places(got["waar"]) == [("club", "", "close"), (None, "Moskee", "some")]
    assert plan(got["plan"]) == [
        ("bellen", "", "tomorrow", [oma.key]),
        (None, "Naar de training gaan", None, []),
    ]


def answer_step(at: AppTest, question_set: QuestionSet) -> dict[str, Any]:
    """Answer every question on the step on screen the way a student would; returns what was chosen."""
    chosen: dict[str, Any] = {}
    for question in question_set.steps[answers(at).step].questions:
        key = f"q.{question.id}"
        if question.type == "choice":
            chosen[question.id] = question.options[-1].id
            at.pills(key=key).set_value(question.options[-1].id).run()
        elif question.type == "cards":
            picked = [o.id for o in question.options[: min(2, question.max_selected or 2)]]
            at.pills(key=key).set_value(picked).run()
            other = ""
            if question.other:
                other = "Koken"
                at.text_input(key=f"{key}.other").input(other).run()
            chosen[question.id] = CardsAnswer(selected=picked, other=other)
        elif question.type == "scale":
            chosen[question.id] = 1
            at.segmented_control(key=key).set_value(1).run()
        elif question.type == "text":
            field = at.text_input if any(w.key == key for w in at.text_input) else at.text_area
            field(key=key).input("Dat ik doorzette").run()
            chosen[question.id] = "Dat ik doorzette"
        elif question.type == "people":
            role = question.suggestions[0].id if question.suggestions else None
            name = "" if question.suggestions else "Sam"
            if question.suggestions:
                at.pills(key=f"{key}.add.suggestion").set_value(question.suggestions[0].id)
            else:
                at.text_input(key=f"{key}.add.name").input(name)
            tags = [question.helps_with[0].id] if question.helps_with else []
            if tags:
                at.pills(key=f"{key}.add.helps_with").set_value(tags)
            at.segmented_control(key=f"{key}.add.closeness").set_value(Closeness.SOME)
            at.button(key=f"{key}.add.submit").click().run()
            chosen[question.id] = ("people", [(role, name, "some", tags)])
        elif question.type == "places":
            first, second = question.options[0].id, question.options[1].id
            at.pills(key=f"{key}.add.option").set_value(first)
            at.button(key=f"{key}.add.submit").click().run()
            at.pills(key=f"{key}.add.option").set_value(second)
            at.segmented_control(key=f"{key}.add.closeness").set_value(Closeness.FAR)
            at.button(key=f"{key}.add.submit").click().run()
            chosen[question.id] = ("places", [(first, "", "close"), (second, "", "far")])
        elif question.type == "plan":
            helper = at.pills(key=f"{key}.0.helpers").options[0]
            helper_key = next(
                i.key for i in answers(at).items_before(question_set, question.id) if plain(i.label) in helper
            )
            at.text_input(key=f"{key}.0.what").input("Mijn oma bellen")
            at.segmented_control(key=f"{key}.0.when").set_value(When.TODAY)
            at.pills(key=f"{key}.0.helpers").set_value([helper_key]).run()
            chosen[question.id] = ("plan", [(None, "Mijn oma bellen", "today", [helper_key])])
        else:
            pytest.fail(f"the walk does not know question type {question.type}")
    return chosen


def comparable(value: Any, kind: str | None) -> Any:
    return {"people": people, "places": places, "plan": plan}[kind](value) if kind else value


SHIPPED_SETS = sorted(p for p in (REPO / "content").glob("*.yaml") if p.name != "help.yaml")


def test_mbo_standaard_is_shipped_and_uses_every_question_type():
    question_set = load_folder(REPO / "content").sets["mbo-standaard"]
    assert {q.type for _, q in question_set.questions()} >= {
        "choice", "cards", "scale", "text", "people", "places", "plan"
    }


@pytest.mark.parametrize("set_file", SHIPPED_SETS, ids=[p.stem for p in SHIPPED_SETS])
def test_every_shipped_set_can_be_answered_in_full_and_kept_exactly(set_file, tmp_path, monkeypatch):
    folder = make_content(tmp_path / "content", set_file)
    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    (question_set,) = load_folder(folder).sets.values()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    begin(at, question_set.id)
    expected: dict[str, Any] = {}
    for step in question_set.steps:
        assert not at.exception, step.id
        expected |= answer_step(at, question_set)
        press_next(at)

    assert not at.exception
    assert "Klaar!" in at.title[0].value
    got = answers(at).responses
    assert set(got) == set(expected)
    for question_id, want in expected.items():
        kind, value = want if isinstance(want, tuple) else (None, want)
        assert comparable(got[question_id], kind) == value, question_id
