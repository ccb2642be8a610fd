"""'Ook in het Nederlands' beyond the questions: the start, the forms, the lists, the map in words,
the end and the help, each with the Dutch small beneath or beside the student's language."""

from __future__ import annotations

import re

from conftest import begin, popover_labels, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.levels import Closeness
from veerkracht.ui.start import REFERENCE_KEY

DUTCH_LINE = re.compile(r'<p class="vk-also[^"]*" lang="nl"><bdi>(.*?)</bdi></p>')


def _dutch_lines(at: AppTest) -> list[str]:
    return DUTCH_LINE.findall("\n".join(node.proto.body for node in at.get("html")))


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _start_in_english(at: AppTest, with_dutch: bool = True) -> AppTest:
    at.radio(key="start.set").set_value("alle-vragen").run()
    at.segmented_control(key="start.language").set_value("en").run()
    return at.toggle(key=REFERENCE_KEY).set_value(with_dutch).run()


def test_the_start_screen_shows_its_words_in_dutch_too(app):
    _start_in_english(app)

    assert {"Mijn steunkaart", "Samen kijken wie en wat jou sterk maakt."} <= set(_dutch_lines(app))
    assert any(line.startswith("We bewaren niets") for line in _dutch_lines(app))
    assert app.radio(key="start.set").label.endswith(":small[Welke vragen wil je doen?]")
    assert app.text_input(key="start.nickname").label == "Your first name or nickname"  # its spoken name
    assert "Je voornaam of bijnaam" in _dutch_lines(app)
    modes = app.segmented_control(key="start.mode").options
    assert any(option.endswith("Together with my coach :small[Samen met mijn coach]") for option in modes)
    assert app.button(key="start.begin").label == "Start :small[Beginnen]"


def test_the_help_panel_shows_its_words_and_contacts_in_dutch_too(app):
    _start_in_english(app)

    assert "Need help? :small[Hulp nodig?]" in popover_labels(app)
    help_text = _markdown(app)
    assert ":small[Je kunt altijd met iemand praten. Hier zie je met wie.]" in help_text


def test_without_the_setting_the_start_and_help_speak_only_the_students_language(app):
    _start_in_english(app, with_dutch=False)

    assert _dutch_lines(app) == []
    assert "Need help?" in popover_labels(app)
    assert ":small[" not in app.text_input(key="start.nickname").label + _markdown(app)


def test_the_name_field_and_the_list_of_people_show_in_dutch_too(app):
    _start_in_english(app)
    begin(app, language="en")
    press_next(app)
    press_next(app)

    assert app.text_input(key="q.wie.add.name").label == "Or type a name or role"
    assert "Of typ een naam of rol" in _dutch_lines(app)
    app.text_input(key="q.wie.add.name").input("Sam")
    app.segmented_control(key="q.wie.add.closeness").set_value(Closeness.CLOSE)
    app.button(key="q.wie.add.submit").click().run()
    assert "**Who you named :small[Wie je noemde]**" in _markdown(app)


def test_the_map_in_words_and_the_end_screen_show_in_dutch_too(app):
    _start_in_english(app)
    begin(app, language="en")
    press_next(app)
    app.pills(key="q.sterk").set_value(["helpen"]).run()
    for _ in range(3):
        press_next(app)

    dutch = _dutch_lines(app)
    assert {"Ik zelf", "Mensen om mij heen", "Mijn plekken"} <= set(dutch)  # the levels of the map
    assert "Anderen helpen" in dutch  # the chosen card, in Dutch
    while app.button(key="nav.next").label.split(" :small[")[0] != "Done":
        press_next(app)
    press_next(app)
    assert {"Klaar!", "Goed gedaan!"} <= set(_dutch_lines(app))
    assert app.button(key="end.new").label == "New conversation :small[Nieuw gesprek]"
