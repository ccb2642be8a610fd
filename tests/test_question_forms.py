"""The add forms for people and places: each place gets its own "how at home", in words a student
cannot read as distance; the map keeps its one scale of rings; Enter never adds."""

from __future__ import annotations

import html
import json
import re

from conftest import REPO, answers, begin, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.levels import Closeness, Level, closeness_word_key
from veerkracht.session import SESSION_FORMAT, SESSION_VERSION, load_session
from veerkracht.ui.focus import ENTER_MARK

WORDS = load_words(REPO / "content", "nl")
SAID = re.compile(r'<p class="vk-said">(.*?)</p>', re.S)


def said_beneath_add(app: AppTest) -> list[str]:
    """The words beneath Toevoegen that say what was added, as the student reads them."""
    return [html.unescape(found) for node in app.get("html") for found in SAID.findall(node.proto.body)]


def to_places(app: AppTest) -> AppTest:
    begin(app)
    for _ in range(3):
        press_next(app)
    return app


def add_place(app: AppTest, option: str | None = None, name: str = "",
              closeness: Closeness | None = None) -> None:
    if option:
        app.pills(key="q.waar.add.option").set_value(option)
    if name:
        app.text_input(key="q.waar.add.name").input(name)
    if closeness:
        app.segmented_control(key="q.waar.add.closeness").set_value(closeness)
    app.button(key="q.waar.add.submit").click().run()


def test_the_place_form_asks_how_at_home_not_how_close(app):
    to_places(app)

    control = app.segmented_control(key="q.waar.add.closeness")

    assert control.label == "Hoe thuis voel je je daar?"
    assert control.options == [
        "Helemaal thuis", "Een beetje thuis", "Soms thuis"
    ]
    assert "dichtbij" not in control.label.lower()


def test_each_place_gets_its_own_at_home_and_the_list_says_it_in_those_words(app):
    to_places(app)

    add_place(app, "club", closeness=Closeness.SOME)
    add_place(app, "werk", closeness=Closeness.FAR)

    places = answers(app).get("waar")
    assert [(p.option, p.closeness) for p in places] == [("club", Closeness.SOME), ("werk", Closeness.FAR)]
    shown = " ".join(m.value for m in app.markdown)
    assert "**Sportclub** · Een beetje thuis" in shown
    assert "**Bijbaan** · Soms thuis" in shown


def test_a_listed_place_is_offered_once_and_one_at_a_time(app):
    to_places(app)

    picker = app.pills(key="q.waar.add.option")
    assert picker.proto.click_mode == 0  # one at a time: each place then gets its own "how at home"
    add_place(app, "club")
    app.run()

    assert app.pills(key="q.waar.add.option").options == ["Bijbaan"]
    assert [p.option for p in answers(app).get("waar")] == ["club"]


def test_a_typed_name_for_a_listed_place_keeps_that_places_picture(app):
    to_places(app)

    add_place(app, "club", name="VV De Meeuwen")

    [place] = answers(app).get("waar")
    assert (place.option, place.name) == ("club", "VV De Meeuwen")
    shown = " ".join(m.value for m in app.markdown)
    assert "🏟️ **VV De Meeuwen**" in shown


def test_nothing_chosen_adds_nothing_and_says_what_to_do(app):
    to_places(app)

    add_place(app)

    assert answers(app).get("waar") is None
    assert WORDS("widget.need_place") in [w.value for w in app.warning]


def test_places_on_the_map_keep_the_one_ring_scale_but_have_their_own_words():
    assert closeness_word_key(Closeness.CLOSE, Level.CONTEXTUAL) == "closeness_place.close"
    assert closeness_word_key(Closeness.CLOSE, Level.RELATIONAL) == "closeness.close"
    assert {WORDS(closeness_word_key(c, Level.CONTEXTUAL)) for c in Closeness}.isdisjoint(
        {WORDS(closeness_word_key(c)) for c in Closeness}
    )


def test_the_add_sections_never_send_on_enter(app):
    """No form around Toevoegen: Enter in a text box cannot add, and a chip tapped after Toevoegen
    is never cleared away with a form."""
    to_places(app)
    forms = []
    todo = [app.main]
    while todo:
        node = todo.pop()
        if getattr(node, "type", None) == "form" or getattr(getattr(node, "proto", None), "form", None):
            forms.append(node)
        todo.extend(getattr(node, "children", {}).values())

    assert not [f for f in forms if f.proto.form.form_id.endswith(".add")]
    assert app.button(key="q.waar.add.submit").proto.form_id == ""
    assert any(ENTER_MARK in getattr(e, "proto", None).body for e in app.get("html")
               if hasattr(getattr(e, "proto", None), "body"))


def test_a_conversation_saved_with_the_earlier_standard_set_still_opens():
    """Version 1.0 of mbo-standaard asked "Hoe wil je dit doen?" and gave places one closeness."""
    sets = load_folder(REPO / "content").sets
    saved = {
        "format": SESSION_FORMAT, "format_version": SESSION_VERSION, "saved_at": "2026-09-14",
        "question_set": {"id": "mbo-standaard", "version": "1.0"}, "language": "nl", "mode": "coach",
        "nickname": "Sam", "step": 3, "furthest_step": 4,
        "answers": {
            "samen-werken": "praten",
            "wie-steunt": [{"id": "a1", "name": "Oma", "closeness": "close", "helps_with": ["luisteren"]}],
            "mijn-plekken": [
                {"id": "b1", "option": "sportclub", "name": "", "closeness": "some"},
                {"id": "b2", "option": "muziek", "name": "", "closeness": "some"},
                {"id": "b3", "option": None, "name": "Bij mijn neef", "closeness": "far"},
            ],
        },
    }

    loaded = load_session(json.dumps(saved).encode("utf-8"), sets)

    assert loaded.orphans == {"samen-werken": "praten"}
    places = {item.label: item.closeness for item in loaded.answers.map_items(loaded.question_set)
              if item.level == Level.CONTEXTUAL}
    # A place the set no longer offers stays on the map under its id; nothing the student named is lost.
    assert places == {"Sportclub of sportschool": Closeness.SOME, "muziek": Closeness.SOME,
                      "Bij mijn neef": Closeness.FAR}


def test_toevoegen_says_what_it_added_or_what_is_missing(app):
    """On a laptop the new row can be below the fold: beneath Toevoegen the student reads what was
    added (their own words shown as typed), or, with nothing chosen, what to do first."""
    begin(app)
    press_next(app)
    press_next(app)
    app.button(key="q.wie.add.submit").click().run()
    assert [w.value for w in app.warning] == [WORDS("widget.need_name")]

    app.text_input(key="q.wie.add.name").input("*Sam* [x](y)")
    app.button(key="q.wie.add.submit").click().run()
    assert not app.warning
    assert said_beneath_add(app) == ["✅ " + WORDS("widget.added", what="*Sam* [x](y)")]  # as typed, no link

    press_next(app)
    app.pills(key="q.waar.add.option").set_value("club")
    app.button(key="q.waar.add.submit").click().run()
    assert said_beneath_add(app) == ["✅ " + WORDS("widget.added", what="Sportclub")]


def test_what_was_chosen_or_typed_and_never_added_is_added_when_the_step_is_left(app):
    """A name typed (or a chip chosen) and then Volgende or Vorige, not Toevoegen: the student expects
    it on their list, so it is added, and the next step says so, and where. With nothing waiting,
    nothing is."""
    begin(app)
    press_next(app)
    press_next(app)
    app.text_input(key="q.wie.add.name").input("Tante Ria")
    press_next(app)
    assert [person.name for person in answers(app).get("wie")] == ["Tante Ria"]
    said = WORDS("widget.added", what="Tante Ria") + " · Mensen om mij heen"  # with the step it went to
    assert [note.value for note in app.success] == [said]

    app.pills(key="q.waar.add.option").set_value("club").run()
    app.button(key="nav.back").click().run()
    assert [place.option for place in answers(app).get("waar")] == ["club"]
    said = WORDS("widget.added", what="Sportclub") + " · Mijn plekken"
    assert [note.value for note in app.success] == [said]
    assert app.text_input(key="q.wie.add.name").value == "", "the add box is empty again"

    press_next(app)
    assert len(answers(app).get("wie")) == 1 and len(answers(app).get("waar")) == 1
    assert not app.success
