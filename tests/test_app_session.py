"""Carrying on from a session file the student took home: answers and place come back."""

from __future__ import annotations

import time

from conftest import REPO, answers, begin, press_next, upload_session
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.session import dump_session
from veerkracht.settings import load_settings
from veerkracht.ui.start import CONTINUE_KEY
from veerkracht.ui.state import LAST_ACTIVE_KEY


def _fresh() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()


def test_a_saved_conversation_continues_where_it_was_with_every_answer(app, content_dir):
    begin(app)
    app.pills(key="q.vrije-tijd").set_value("gamen").run()
    press_next(app)
    app.text_input(key="q.morgen").input("Mijn tas inpakken").run()
    press_next(app)
    saved = dump_session(answers(app), load_folder(content_dir).sets["alle-vragen"])

    later = _fresh()
    upload_session(later, saved)

    assert not later.exception
    assert later.header[0].value == "Mensen om mij heen"
    assert any("Welkom terug" in i.value for i in later.info)
    assert answers(later).responses == {"vrije-tijd": "gamen", "morgen": "Mijn tas inpakken"}
    later.button(key="nav.jump.1").click().run()
    assert later.text_input(key="q.morgen").value == "Mijn tas inpakken"


def test_a_file_that_is_not_a_session_shows_a_plain_message_and_changes_nothing(app):
    upload_session(app, b"{niet echt json", "foto.json")
    assert not app.exception
    assert app.error, "a plain message is shown"
    assert "Traceback" not in app.error[0].value
    assert app.button(key="start.begin")
    assert "veerkracht.answers" not in app.session_state


def test_a_conversation_left_alone_longer_than_the_idle_time_is_forgotten(app):
    begin(app)
    app.pills(key="q.vrije-tijd").set_value("sport").run()
    app.session_state[LAST_ACTIVE_KEY] = time.monotonic() - (load_settings().idle_minutes + 1) * 60
    app.run()
    assert "veerkracht.answers" not in app.session_state
    assert any("omdat je een tijd niets deed" in i.value for i in app.info)
    assert app.button(key="start.begin")


def test_the_idle_time_comes_from_the_environment_and_nonsense_falls_back_to_twenty_minutes():
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "15"}).idle_minutes == 15
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "een uur"}).idle_minutes == 20
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "-5"}).idle_minutes == 20
    assert load_settings({}).content_dir == REPO / "content"


def test_answers_to_questions_that_were_removed_are_listed_when_carrying_on(app, content_dir):
    begin(app)
    press_next(app)
    app.text_input(key="q.morgen").input("Mijn tas inpakken").run()
    app.pills(key="q.sterk").set_value(["lachen"]).run()
    saved = dump_session(answers(app), load_folder(content_dir).sets["alle-vragen"])
    path = content_dir / "alle-vragen.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: morgen")
    path.write_text(text[:start] + text[text.index("  - id: mensen"):], encoding="utf-8")

    later = _fresh()
    upload_session(later, saved)

    assert not later.exception
    assert any("Mijn tas inpakken" in i.value for i in later.info)
    assert answers(later).responses == {"sterk": answers(app).get("sterk")}


def test_the_file_box_waits_behind_its_fold_out_and_appears_when_it_is_opened(app):
    # Streamlit's uploader is heavy work for a phone's first screen: only the fold-out is drawn.
    assert [e.label for e in app.expander] == ["Verder met een eerder gesprek"]
    assert not app.get("file_uploader")
    app.session_state[CONTINUE_KEY] = True  # what a tap on the fold-out does
    app.run()
    assert [box.proto.label for box in app.get("file_uploader")] == [
        "Kies het bestand van je vorige gesprek (.json)"]
