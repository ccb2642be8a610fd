"""Nothing a school writes makes a student's browser load from elsewhere, or plants a link.

`check` refuses a picture, HTML or link in any text of a set, the interface words or help.yaml, at its
line; and the app shows whatever a file nobody checked holds as inert text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SET_HEAD, make_content
from hypothesis import given
from hypothesis import strategies as st

from veerkracht.checker import check_paths
from veerkracht.contacts import Contact
from veerkracht.interface import load_words
from veerkracht.model_fields import inert_markdown, markup_problem
from veerkracht.ui.help import contact_text
from veerkracht.ui.safe import school_markdown

PICTURE = "![x](http://192.0.2.1/p.png)"
HOSTILE = [
    PICTURE,
    "![x][p]\n\n[p]: http://192.0.2.1/p.png",
    '<img src="http://192.0.2.1/p.png">',
    "<script>alert(1)</script>",
    "[klik](https://example.org)",
    "<https://example.org>",
    "zie www.example.org",
    "mail naar hulp@example.org",
]
HARMLESS = ["Wie helpt **jou**?", "Wat kun je *goed*?", "Ik <3 voetbal", "2 < 3 en 4 > 1", "Vraag [1] en [2]",
            "Goed zo! Nu verder.", "Lokaal B1.12, 8.30–16.30", "🙂 Hoe gaat het?"]


@pytest.mark.parametrize("text", HOSTILE)
def test_pictures_html_links_and_addresses_are_named(text):
    assert markup_problem(text) is not None


@pytest.mark.parametrize("text", HARMLESS)
def test_words_bold_italics_and_brackets_pass(text):
    assert markup_problem(text) is None


def _folder(tmp_path: Path, questions: str = "") -> Path:
    folder = make_content(tmp_path / "content")
    (folder / "proef.yaml").write_text(SET_HEAD + (questions or GOOD_QUESTION), encoding="utf-8")
    return folder


GOOD_QUESTION = """\
      - id: goed
        type: text
        text: Waar ben je **goed** in?
"""


def _set_line(path: Path, start: str, new: str) -> int:
    """Put `new` in place of the line that starts with `start`; its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[at] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return at + 1


def _errors(folder: Path) -> list:
    return [p for p in check_paths([folder], walk=False).problems if p.severity == "error"]


def test_a_good_set_with_bold_words_has_no_error(tmp_path):
    assert _errors(_folder(tmp_path)) == []


def test_a_picture_in_a_question_is_refused_at_its_file_line_and_field(tmp_path):
    text = f"'Waar ben je goed in? {PICTURE}'"
    folder = _folder(tmp_path, GOOD_QUESTION.replace("Waar ben je **goed** in?", text))
    [problem] = _errors(folder)
    assert problem.file.endswith("content/proef.yaml") and problem.line == 14
    assert problem.field == "steps[0].questions[0].text"
    assert "plaatje" in problem.message and "emoji" in problem.message


def test_html_in_a_coach_tip_and_a_link_in_a_choice_are_both_refused_at_once(tmp_path):
    questions = """\
      - id: keuze
        type: choice
        text: Wat past bij jou
        options:
          - {id: a, icon: ⚽, label: Sport}
          - {id: b, icon: 🎵, label: {nl: Muziek, en: '[music](https://example.org)'}}
    coach_tips:
      - 'Vraag door. <img src="http://192.0.2.1/p.png">'
"""
    problems = _errors(_folder(tmp_path, questions))
    assert [(p.line, p.field) for p in problems] == [
        (17, "steps[0].questions[0].options[1].label"), (19, "steps[0].coach_tips[0]"),
    ]
    assert "'en'" in problems[0].message and "link" in problems[0].message
    assert "HTML" in problems[1].message


def test_a_picture_in_an_interface_word_is_refused_in_the_file_that_has_it(tmp_path):
    folder = _folder(tmp_path)
    line = _set_line(folder / "interface" / "ar.yaml", "  tagline: ", f'  tagline: "{PICTURE}"')
    problems = [p for p in _errors(folder) if "content/interface" in p.file]
    assert [(p.file.rsplit("content/", 1)[1], p.line, p.field) for p in problems] == [
        ("interface/ar.yaml", line, "app.tagline"),
    ]


def test_a_word_nobody_checked_shows_its_picture_as_text(tmp_path):
    folder = _folder(tmp_path)
    _set_line(folder / "interface" / "nl.yaml", "  tagline: ", f'  tagline: "{PICTURE}"')
    shown = load_words(folder, "nl")("app.tagline")
    assert "![" not in shown and "](" not in shown
    assert "http://192.0.2.1/p.png" in shown, "the words stay readable, as text"


def test_a_contact_nobody_checked_cannot_smuggle_a_picture_through_its_website_or_text():
    contact = Contact.model_construct(
        name="Lijn ![a](http://192.0.2.1/a.png)", about="Bel [hier](http://192.0.2.1/b)",
        icon=None, phone="0800-0113", website="https://a.nl/x)![t](http://192.0.2.1/p.png", email=None,
        room=None, when=None, cost=None, languages=None, checked=None, source=None, example=False,
    )
    shown = contact_text(contact, load_words(REPO / "content", "nl"), "nl", "nl")
    assert "![" not in shown and "](http://192" not in shown
    assert "(tel:08000113)" in shown, "the number still calls"


@given(st.text())
def test_no_text_keeps_a_picture_or_a_link_after_school_markdown(text):
    shown = school_markdown(text)
    assert "![" not in shown and "](" not in shown and "][" not in shown and "]:" not in shown
    assert shown.replace("\u200b", "") == text.replace("\u200b", ""), "only invisible spaces are added"
    assert inert_markdown(shown) == shown, "inert once, inert for good"
