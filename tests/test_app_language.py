"""The same conversation in another language: questions and interface words both change."""

from __future__ import annotations

from conftest import answers, begin, press_next


def _labels(at) -> list[str]:
    return [w.label for w in [*at.button, *at.pills, *at.segmented_control]]


def test_choosing_english_at_the_start_shows_english_questions_and_buttons(app):
    app.segmented_control(key="start.language.alle-vragen").set_value("en").run()
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
