"""Hostile words typed into the app reach the screen and the map as text, never as markup.

Here: what the app hands the browser (Markdown, the words beside the map, the figure's labels and
hover). The real browser, and the PDF, are in tests/browser/test_hostile_input.py.
"""

from __future__ import annotations

import html
import json

import pytest
from conftest import answers, begin, press_next, upload_session
from streamlit.testing.v1 import AppTest

from veerkracht import limits
from veerkracht.answers import Answers
from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.questions.people import PersonEntry
from veerkracht.session import dump_session
from veerkracht.supportmap import clean_text
from veerkracht.ui.safe import plain
from veerkracht.ui.state import ANSWERS_KEY

IMAGE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
MARKDOWN = "**vet** [link](https://example.org) :red[rood] $x$"
BACKWARDS = "\u202eSanne\u202c de Vries"
LONG = "Lang" * 1250  # 5000 characters, sent past the browser's own limit
NAMES = [IMAGE, SCRIPT, MARKDOWN, BACKWARDS, LONG]
NAME_LIMIT = 60  # max_chars of a person's or place's name
# Typed marks that would turn into markup, unescaped: in HTML and Plotly labels, and in Markdown too.
HTML_MARKUP = ["<img src=x", "<script>", "\u202e"]
MARKDOWN_MARKUP = [*HTML_MARKUP, "[link](https://example.org)", "**vet**", ":red[rood]", "$x$"]


def shown(text: str) -> str:
    """What the student should read for what was typed: the same text, on one line, cut to the field."""
    return clean_text(text[:NAME_LIMIT])


def add_person(app: AppTest, name: str) -> None:
    app.text_input(key="q.wie.add.name").set_value(name)
    app.button(key="q.wie.add.submit").click().run()


def add_place(app: AppTest, name: str) -> None:
    app.text_input(key="q.waar.add.name").set_value(name)
    app.button(key="q.waar.add.submit").click().run()


@pytest.fixture
def hostile(app: AppTest) -> AppTest:
    """A conversation with hostile words in every field a student types in, up to the plan step."""
    app.text_input(key="start.nickname").set_value(IMAGE).run()
    begin(app)
    press_next(app)
    app.text_input(key="q.sterk.other").set_value(MARKDOWN).run()
    app.text_input(key="q.morgen").set_value(SCRIPT).run()
    press_next(app)
    for name in NAMES:
        add_person(app, name)
    press_next(app)
    for name in (BACKWARDS, LONG):
        add_place(app, name)
    press_next(app)
    press_next(app)
    app.text_input(key="q.plan.0.what").set_value(SCRIPT).run()
    assert not app.exception
    return app


def markdown_on_screen(app: AppTest) -> list[str]:
    return [element.value for kind in ("markdown", "caption", "info") for element in app.get(kind)]


def html_on_screen(app: AppTest) -> str:
    """The app's HTML on screen, but for its own 🔊 and "Samen bekijken" buttons (their scripts hold
    only the app's words)."""
    bodies = [node.proto.body for node in app.get("html")]
    own = ("vk-read-aloud-box", "vk-together-box")
    return "\n".join(body for body in bodies if not any(mark in body for mark in own))


def figure_texts(app: AppTest) -> list[str]:
    """Every label and hover text of the support map, as Plotly gets them."""
    texts = []
    for chart in app.get("plotly_chart"):  # a wide and a phone-sized map may both be there
        texts += _texts_of(json.loads(chart.proto.spec))
    return texts


def _texts_of(figure: dict) -> list[str]:
    texts = []
    for trace in figure["data"]:
        for field in ("text", "hovertext"):
            value = trace.get(field) or []
            texts += [value] if isinstance(value, str) else value
    return texts + [note.get("text", "") for note in figure["layout"].get("annotations", [])]


def test_what_is_kept_is_what_was_typed_cut_only_to_the_length_of_the_field(hostile):
    got = answers(hostile)

    assert got.nickname == IMAGE
    assert got.get("sterk").other == MARKDOWN
    assert got.get("morgen") == SCRIPT
    assert [person.name for person in got.get("wie")] == [name[:NAME_LIMIT] for name in NAMES]
    assert [place.name for place in got.get("waar")] == [BACKWARDS, LONG[:NAME_LIMIT]]


def test_names_in_the_lists_and_the_plan_choices_are_escaped_markdown(hostile):
    labels = hostile.pills(key="q.plan.0.helpers").options
    for name in NAMES:
        assert any(plain(shown(name)) in label for label in labels), name
    press_next(hostile.button(key="nav.back").click().run())  # the people, listed on their own step
    for text in markdown_on_screen(hostile) + labels:
        for markup in MARKDOWN_MARKUP:
            assert markup not in text


def test_the_end_screen_and_the_map_show_every_name_as_text(hostile):
    press_next(hostile)
    assert hostile.title[0].value.endswith("Klaar!")

    assert any(plain(IMAGE) in text for text in markdown_on_screen(hostile)), "the nickname, escaped"
    words_beside_map = html_on_screen(hostile)
    figure = figure_texts(hostile)
    hovers = "\n".join(figure)
    for name in [*NAMES, SCRIPT]:
        assert html.escape(shown(name)) in words_beside_map, name
        assert html.escape(shown(name), quote=False) in hovers, name
    for text in markdown_on_screen(hostile):
        for markup in MARKDOWN_MARKUP:
            assert markup not in text
    for text in [*figure, words_beside_map]:
        for markup in HTML_MARKUP:
            assert markup not in text


# --- a session file holding more than a student could enter --------------------------------


def session_with_people(content_dir, count: int, step: int = 3) -> bytes:
    question_set = load_folder(content_dir).sets["alle-vragen"]
    answers_ = Answers.start(question_set, nickname="Sam")
    people = [PersonEntry(id=f"p{i}", name=f"Persoon {i}") for i in range(count)]
    answers_.set("wie", people)
    answers_.go_to(step, question_set)
    return json.dumps(json.loads(dump_session(answers_, question_set)), separators=(",", ":")).encode()


def test_a_session_with_two_thousand_people_is_refused_in_plain_words_before_any_map(app, content_dir):
    data = session_with_people(content_dir, 2_000)
    assert len(data) < limits.SESSION_BYTES  # small: the file passes every size limit

    upload_session(app, data)

    assert not app.exception
    assert [e.value for e in app.error] == [load_words(content_dir, "nl")("session.too_much")]
    assert ANSWERS_KEY not in app.session_state
    assert app.button(key="start.begin")


def test_a_session_with_as_many_people_as_a_student_can_add_reaches_the_map(app, content_dir):
    data = session_with_people(content_dir, limits.ENTRIES, step=4)

    upload_session(app, data)

    assert not app.exception
    assert len(answers(app).get("wie")) == limits.ENTRIES
    assert app.get("plotly_chart"), "the map step shows the map"
