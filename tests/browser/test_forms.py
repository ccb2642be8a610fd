"""The add forms as a thumb or a keyboard expects: Enter in a name box moves on to the next choice
(how close, how at home) and adds nothing; only Toevoegen adds, with what the student chose."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .app_page import Screenshots, choose, press, rerun, settled
from .student import QUESTION_SET, Student

pytestmark = pytest.mark.browser

FOCUSED_WORDS = "() => (document.activeElement && document.activeElement.innerText || '').trim()"


def type_and_press_enter(box: Locator, label: str, text: str) -> None:
    """Type a name, press Enter."""
    field = box.get_by_role("textbox", name=label, exact=True)
    field.click()
    field.press_sequentially(text)
    field.press("Enter")
    expect(field).to_have_value(text)


def expect_focus_on(page: Page, words: str) -> None:
    page.wait_for_function(f"words => ({FOCUSED_WORDS})() === words", arg=words)


def at_the_people_step(page: Page) -> tuple[Student, Locator]:
    """A Dutch student, the first two steps done: the people question's box."""
    student = Student(page, "nl")
    student.start()
    student.welcome()
    student.myself()
    return student, student.box("wie-steunt")


def rows(box: Locator) -> list[str]:
    texts = box.locator('[class*="-row"] [data-testid="stMarkdown"]').all_inner_texts()
    return [text.strip() for text in texts]


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_enter_in_a_name_box_moves_on_and_only_toevoegen_adds(page: Page, shots: Screenshots):
    student, people = at_the_people_step(page)
    words = student.words
    type_and_press_enter(people, words("widget.name_or_role"), "Sanne")
    expect_focus_on(page, words("closeness.close"))
    settled(page)
    shots(page, "mensen-na-enter")
    expect(people).to_contain_text(words("widget.nothing_yet"))
    choose(people, words("closeness.some"))
    press(people, words("button.add"))

    assert rows(people) == [f"🧑 Sanne · {words('closeness.some')}"]
    expect(people.get_by_role("textbox", name=words("widget.name_or_role"), exact=True)).to_have_value("")

    student.hands.go_to_step(page, words("button.next"), student.step_title("plekken"))
    places = student.box("mijn-plekken")
    type_and_press_enter(places, words("widget.own_place"), "Bij mijn neef")
    expect_focus_on(page, words("closeness_place.close"))
    shots(page, "plekken-na-enter")
    expect(places).to_contain_text(words("widget.nothing_yet"))
    choose(places, words("closeness_place.far"))
    press(places, words("button.add"))
    shots(page, "plekken-toegevoegd")

    assert rows(places) == [f"📍 Bij mijn neef · {words('closeness_place.far')}"]


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_toevoegen_shows_what_is_missing_and_what_it_added(page: Page, shots: Screenshots):
    """With nothing chosen, what to do first, until something is chosen; after an add, beneath
    Toevoegen, what was added (the new row may be out of sight). Both are seen, not only present."""
    student, people = at_the_people_step(page)
    words = student.words
    press(people, words("button.add"))
    expect(people.get_by_text(words("widget.need_name"), exact=True)).to_be_visible()
    shots(page, "toevoegen-zonder-keuze")
    choose(people, student.option(("wie-steunt", "oma")))
    # Once someone is chosen the word is no longer true: it goes with the tap, before Toevoegen.
    expect(people.get_by_text(words("widget.need_name"), exact=True)).to_have_count(0)
    press(people, words("button.add"))
    oma = next(o.label for o in QUESTION_SET.question("wie-steunt").suggestions if o.id == "oma")
    added = people.get_by_text(words("widget.added", what=student.t(oma)))
    expect(added).to_be_visible()
    expect(people.get_by_text(words("widget.need_name"), exact=True)).to_have_count(0)
    shots(page, "toevoegen-gelukt")



@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_wijzigen_from_the_keyboard_keeps_the_focus_and_marks_the_open_row(page: Page, shots: Screenshots):
    """Enter on Wijzigen opens the row's form; the focus stays on Wijzigen (not thrown back to the
    top of the page), which is coloured while its form is open, and Tab goes on from there."""
    student, people = at_the_people_step(page)
    words = student.words
    choose(people, student.option(("wie-steunt", "oma")))
    press(people, words("button.add"))
    row = people.locator('[class*="-row"]').first
    edit = row.get_by_role("button", name=words("button.edit"))
    edit.focus()
    with rerun(page):
        page.keyboard.press("Enter")
    expect(row.get_by_role("button", name=words("button.save"))).to_be_visible()
    expect(edit).to_be_focused()
    expect(edit).to_have_css("background-color", "rgb(27, 94, 140)")  # #1B5E8C: this row is open
    page.keyboard.press("Tab")
    expect(row.get_by_role("button", name=words("button.remove"))).to_be_focused()
    shots(page, "wijzigen-open")
