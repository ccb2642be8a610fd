"""'Ook in het Nederlands': the student's language large, the Dutch small beneath it, for the coach."""

from __future__ import annotations

import re

from conftest import REPO, answers, begin, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.session import dump_session, load_session
from veerkracht.text import resolve
from veerkracht.ui.start import REFERENCE_KEY
from veerkracht.ui.state import ANSWERS_KEY

DUTCH_LINE = re.compile(r'<p class="vk-also[^"]*" lang="nl"><bdi>(.*?)</bdi></p>')


def _html(at: AppTest) -> str:
    return "\n".join(node.proto.body for node in at.get("html"))


def _dutch_lines(at: AppTest) -> list[str]:
    return DUTCH_LINE.findall(_html(at))


def _begin_in_english(at: AppTest, with_dutch: bool) -> AppTest:
    at.radio(key="start.set").set_value("alle-vragen").run()
    at.segmented_control(key="start.language").set_value("en").run()
    at.toggle(key=REFERENCE_KEY).set_value(with_dutch).run()
    return begin(at, language="en")


def test_every_question_option_and_tip_shows_in_dutch_beneath_the_students_language(app, content_dir):
    question_set = load_folder(content_dir).sets["alle-vragen"]
    _begin_in_english(app, with_dutch=True)
    for step in question_set.steps:
        assert app.header[0].value == resolve(step.title, "en", "nl")
        shown_html = _html(app)
        dutch = _dutch_lines(app)
        assert resolve(step.title, "nl", "nl") in dutch, step.id
        labels = [option for widget in [*app.pills, *app.segmented_control] for option in widget.options]
        for question in step.questions:
            assert resolve(question.text, "en", "nl") in shown_html
            assert resolve(question.text, "nl", "nl") in dutch, question.id
            choices = [option for _, options in question.option_lists() for option in options]
            for choice in [*choices, *getattr(question, "steps", [])]:  # a scale's steps are choices too
                english, dutch_label = resolve(choice.label, "en", "nl"), resolve(choice.label, "nl", "nl")
                both = [label for label in labels if english in label and f":small[{dutch_label}]" in label]
                assert both, (question.id, english)
        for tip in step.coach_tips:
            assert resolve(tip, "en", "nl") in " ".join(m.value for m in app.markdown)
            assert resolve(tip, "nl", "nl") in dutch
        press_next(app)


def test_without_the_setting_only_the_students_language_shows(app):
    _begin_in_english(app, with_dutch=False)
    assert _dutch_lines(app) == []
    assert not [label for widget in app.pills for label in widget.options if ":small[" in label]
    assert "Sports" in app.pills(key="q.vrije-tijd").options[0]


def test_the_setting_is_offered_only_when_the_student_reads_another_language_than_dutch(app):
    assert not app.toggle, "the start screen speaks Dutch: the Dutch beside it adds nothing"
    app.segmented_control(key="start.language").set_value("en").run()
    assert app.toggle(key=REFERENCE_KEY).label == "Also in Dutch"


def test_the_coach_can_turn_the_dutch_on_and_off_halfway(app):
    _begin_in_english(app, with_dutch=False)
    press_next(app)
    app.toggle(key=REFERENCE_KEY).set_value(True).run()
    assert "Waar ben je goed in?" in _dutch_lines(app)
    assert app.pills(key="q.sterk").value == []
    app.toggle(key=REFERENCE_KEY).set_value(False).run()
    assert _dutch_lines(app) == []


def test_switching_to_dutch_halfway_shows_each_text_once(app):
    _begin_in_english(app, with_dutch=True)
    app.segmented_control(key="nav.language").set_value("nl").run()
    assert app.header[0].value == "Welkom"
    assert _dutch_lines(app) == []
    assert not app.toggle


def test_how_close_someone_feels_shows_in_dutch_too(app):
    _begin_in_english(app, with_dutch=True)
    press_next(app)
    press_next(app)
    closeness = app.segmented_control(key="q.wie.add.closeness")
    assert closeness.options == ["Close :small[Dichtbij]", "A bit :small[Een beetje]",
                                 "Further away :small[Verder weg]"]
    assert closeness.label == "How close does it feel? :small[Hoe dichtbij voelt het?]"


def test_how_at_home_a_place_feels_and_when_a_step_happens_show_in_dutch_too(app):
    _begin_in_english(app, with_dutch=True)
    for _ in range(3):
        press_next(app)
    at_home = [w for w in app.segmented_control if w.key and w.key.startswith("q.waar")]
    assert at_home and all(":small[" in option for widget in at_home for option in widget.options)
    for _ in range(2):
        press_next(app)
    when = [w for w in app.segmented_control if w.key and w.key.startswith("q.plan")]
    assert any("Tomorrow :small[Morgen]" in widget.options for widget in when)


def test_the_setting_is_part_of_the_conversation_and_comes_back_after_a_reload(app, content_dir):
    _begin_in_english(app, with_dutch=True)
    press_next(app)
    kept = answers(app)
    assert kept.show_reference
    question_set = load_folder(content_dir).sets["alle-vragen"]
    restored = load_session(dump_session(kept, question_set), {"alle-vragen": question_set}).answers
    assert restored.show_reference and restored.step == kept.step

    reloaded = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    reloaded.session_state[ANSWERS_KEY] = restored  # what a reload finds again under the tab's key
    reloaded.run()
    assert reloaded.toggle(key=REFERENCE_KEY).value is True
    assert _dutch_lines(reloaded), "the Dutch is beneath the English again"


def test_turning_the_setting_off_halfway_is_kept_too(app):
    _begin_in_english(app, with_dutch=True)
    app.toggle(key=REFERENCE_KEY).set_value(False).run()
    assert answers(app).show_reference is False
    assert _dutch_lines(app) == []
