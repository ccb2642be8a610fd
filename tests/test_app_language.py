"""The same conversation in another language: questions and interface words both change."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, REPO, answers, begin, press_next
from streamlit.testing.v1 import AppTest

RTL = FIXTURES / "rtl"


def _labels(at) -> list[str]:
    return [w.label for w in [*at.button, *at.pills, *at.segmented_control]]


def test_choosing_english_at_the_start_shows_english_questions_and_buttons(app):
    app.segmented_control(key="start.language").set_value("en").run()
    assert app.button(key="start.begin").label == "Start"
    assert app.radio(key="start.set").label == "Which questions do you want to do?"

    begin(app, language="en")
    assert app.header[0].value == "Welcome"
    assert "What do you like most after school?" in _labels(app)
    assert {"Back", "Next"} <= set(_labels(app))
    assert app.progress[0].proto.text == "Step 1 of 6"
    assert answers(app).language == "en"


def test_switching_language_halfway_changes_the_words_and_keeps_the_answers(app):
    begin(app)
    app.pills(key="q.vrije-tijd").set_value("sport").run()
    press_next(app)
    assert app.header[0].value == "Ik zelf"

    app.segmented_control(key="nav.language").set_value("en").run()
    assert app.header[0].value == "Me"
    assert app.pills(key="q.sterk").options == ["Helping others", "Keeping going", "Being funny"]
    assert "Next" in _labels(app)
    app.button(key="nav.back").click().run()
    assert app.pills(key="q.vrije-tijd").value == "sport"
    assert app.header[0].value == "Welcome"


def _keys_in_order(node) -> list[str]:
    found = []
    for child in getattr(node, "children", {}).values():
        key = getattr(child, "key", None)
        if key:
            found.append(key)
        found += _keys_in_order(child)
    return found


def test_the_language_is_chosen_after_the_questions_and_only_from_what_that_set_offers(content_dir):
    shutil.copy(RTL / "steun-ar.yaml", content_dir / "steun-ar.yaml")  # Arabic words ship in interface/
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()

    keys = _keys_in_order(at.main)
    assert keys.index("start.set") < keys.index("start.language")
    assert at.segmented_control(key="start.language").options == ["Nederlands", "English"]
    at.radio(key="start.set").set_value("steun-ar").run()
    assert at.segmented_control(key="start.language").options == ["Nederlands", "العربية"]


def test_a_language_without_interface_words_is_not_offered(content_dir):
    (content_dir / "interface" / "en.yaml").unlink()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert "start.language" not in _keys_in_order(at.main), "only Dutch: nothing to choose"
    assert at.button(key="start.begin").label == "Beginnen"


def test_a_language_chosen_first_stays_when_the_student_then_picks_a_set_that_offers_it(content_dir):
    arabic_set = (RTL / "steun-ar.yaml").read_text(encoding="utf-8")
    (content_dir / "steun-ar.yaml").write_text(arabic_set, encoding="utf-8")
    second = arabic_set.replace("id: steun-ar", "id: nog-een-ar").replace("الدعم بلغتين", "مرة ثانية")
    (content_dir / "nog-een-ar.yaml").write_text(second.replace("Steun in twee talen", "Nog een keer"),
                                                 encoding="utf-8")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    at.radio(key="start.set").set_value("steun-ar").run()
    at.segmented_control(key="start.language").set_value("ar").run()

    at.radio(key="start.set").set_value("nog-een-ar").run()
    assert at.segmented_control(key="start.language").value == "ar"
    assert at.radio(key="start.set").value == "nog-een-ar"
    assert "مرة ثانية" in at.radio(key="start.set").options

    at.radio(key="start.set").set_value("alle-vragen").run()  # Dutch and English only: its default
    assert at.segmented_control(key="start.language").value == "nl"
    assert at.button(key="start.begin").label == "Beginnen"
    assert at.radio(key="start.set").value == "alle-vragen"
    assert not at.exception


def test_english_chosen_before_another_set_carries_over_and_the_conversation_begins_in_it(content_dir):
    english_too = (FIXTURES / "alle-vragen.yaml").read_text(encoding="utf-8")
    (content_dir / "ook-engels.yaml").write_text(
        english_too.replace("id: alle-vragen", "id: ook-engels").replace("Every kind of", "Once more a"),
        encoding="utf-8")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    at.segmented_control(key="start.language").set_value("en").run()
    at.radio(key="start.set").set_value("ook-engels").run()
    assert at.button(key="start.begin").label == "Start"
    assert at.radio(key="start.set").value == "ook-engels"
    at.button(key="start.begin").click().run()
    assert answers(at).language == "en"
    assert answers(at).set_id == "ook-engels"
