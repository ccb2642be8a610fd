"""A person is a role and, if the student wants, a name: "Amira (broer of zus)" keeps the role's emoji
and word in the list, on the map and in the session file; Wijzigen can change the role; files from
before roles were kept still open, with the role where the name is a role's words."""

from __future__ import annotations

import json
from datetime import date

from conftest import answers, begin, press_next

from veerkracht.answers import Answers
from veerkracht.content import load_folder
from veerkracht.levels import Closeness
from veerkracht.questions.people import PersonEntry
from veerkracht.session import dump_session, load_session


def test_a_named_person_keeps_the_role_word_and_emoji_on_the_map(content_dir):
    question_set = load_folder(content_dir).sets["alle-vragen"]
    people = question_set.question("wie")
    entries = [PersonEntry(role="trainer", name="Amira"), PersonEntry(role="oma"),
               PersonEntry(name="Juf Anna")]

    items = people.map_items(entries, "nl", "nl")

    assert [(i.icon, i.label) for i in items] == [
        ("🏅", "Amira (trainer)"), ("👵", "Oma"), ("🧑", "Juf Anna")]
    assert [i.label for i in people.map_items(entries, "en", "nl")][:2] == ["Amira (coach)", "Grandma"]


def test_an_old_session_file_without_roles_opens_with_the_role_where_the_name_is_one(content_dir):
    sets = load_folder(content_dir).sets
    question_set = sets["alle-vragen"]
    old = {
        "format": "veerkracht-session", "format_version": 1, "saved_at": "2026-09-01",
        "question_set": {"id": "alle-vragen", "version": question_set.version}, "language": "nl",
        "mode": "coach", "nickname": "", "step": 2, "furthest_step": 2,
        "answers": {"wie": [
            {"id": "a1", "name": "Oma", "closeness": "close", "helps_with": ["luisteren"]},
            {"id": "a2", "name": "Coach", "closeness": "some", "helps_with": []},  # the English words
            {"id": "a3", "name": "Samira", "closeness": "far", "helps_with": []},
        ]},
    }

    loaded = load_session(json.dumps(old).encode(), sets)

    people = loaded.answers.get("wie")
    assert [(p.role, p.name) for p in people] == [("oma", ""), ("trainer", ""), (None, "Samira")]
    items = loaded.answers.map_items(question_set)
    assert [(i.icon, i.label) for i in items if i.question_id == "wie"] == [
        ("👵", "Oma"), ("🏅", "Trainer"), ("🧑", "Samira")]
    assert not loaded.orphans


def test_the_role_survives_the_session_file(content_dir):
    sets = load_folder(content_dir).sets
    app_answers = Answers.start(sets["alle-vragen"])
    app_answers.set("wie", [PersonEntry(role="trainer", name="Amira", closeness=Closeness.SOME)])

    again = load_session(dump_session(app_answers, sets["alle-vragen"], date(2026, 12, 7)), sets).answers

    assert [(p.role, p.name, p.closeness) for p in again.get("wie")] == [("trainer", "Amira", Closeness.SOME)]


def test_wijzigen_changes_the_role_and_keeps_the_name(app):
    begin(app)
    press_next(app)
    press_next(app)
    app.pills(key="q.wie.add.suggestion").set_value("oma")
    app.text_input(key="q.wie.add.name").input("Amira")
    app.button(key="q.wie.add.submit").click().run()
    entry = answers(app).get("wie")[0]
    assert (entry.role, entry.name) == ("oma", "Amira")
    assert any(m.value.startswith("👵 **Amira \\(oma\\)**") for m in app.markdown)  # brackets escaped

    form = f"q.wie.{entry.id}.form"
    assert not [b for b in app.button if b.key == f"{form}.submit"]  # the form shows after Wijzigen
    app.button(key=f"q.wie.{entry.id}.edit").click().run()
    app.pills(key=f"{form}.role").set_value("trainer")
    app.button(key=f"{form}.submit").click().run()

    entry = answers(app).get("wie")[0]
    assert (entry.role, entry.name) == ("trainer", "Amira")
    assert any(m.value.startswith("🏅 **Amira \\(trainer\\)**") for m in app.markdown)
    assert not any("oma" in m.value for m in app.markdown if "Amira" in m.value)
    assert not [b for b in app.button if b.key == f"{form}.submit"]  # Bewaren closed the form
