"""Every tap counts, at a person's pace: taps come 0.3–3 s apart, the next one never waits for the
app to have answered the last. A chip tapped just after Toevoegen is selected and added; Weghalen
on two rows in a row removes both; what the list shows is what the map shows.

Only the end state is waited for (the screen showing it), never a time; the pauses between taps
are the pace of the person, not waits for the app.
"""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from .app_page import Screenshots, heading, settled
from .keyboard import Keyboard
from .student import FEELING, QUESTION_SET, STRENGTHS, Student, map_in_words
from .test_rtl import Arabic, arabic_app, arabic_content, arabic_page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

BELOW_THE_TOP_BAR = 100  # px: the sticky band with help and language sits above this line
# Where the page stands: Streamlit's scrolling main area, and the window.
WHERE = "() => [document.querySelector('[data-testid=\"stMain\"]').scrollTop, window.scrollY]"
# Notes each tap during which the page moved: where it stood when the finger came down, and at the
# click. Listened to on the window, before anything of the page itself hears the finger.
WATCH_MOVES = f"""() => {{
  if (window.vkMoves) return;
  window.vkMoves = [];
  const where = {WHERE};
  let down = null;
  window.addEventListener("pointerdown", () => {{ down = where(); }}, true);
  window.addEventListener("click", (event) => {{
    const now = where(), tapped = (event.target.innerText || "").replace(/\\s+/g, " ").trim().slice(0, 40);
    if (down && String(now) !== String(down)) window.vkMoves.push(`${{tapped}}: ${{down}} → ${{now}}`);
    down = null;
  }}, true);
}}"""
UNDER_THE_BAND = """(box, label) => {
  const chip = Array.from(box.querySelectorAll('[data-testid="stButtonGroup"] button'))
    .find((button) => button.innerText.includes(label));
  const main = document.querySelector('[data-testid="stMain"]');
  if (chip) main.scrollTop += chip.getBoundingClientRect().top - 50;
}"""
# The add section's first choice holds the focus (the first chip of the box: the add section comes
# before the rows), and it is no text box, which would open a phone's keyboard.
FIRST_CHIP_FOCUSED = """box => {
  const first = box.querySelector('[data-testid="stButtonGroup"] button');
  return first !== null && document.activeElement === first;
}"""
# The element under the finger, where a person taps: its centre, as the screen shows it now.
INTO_VIEW = f"""e => {{
  const r = e.getBoundingClientRect();
  if (r.top < {BELOW_THE_TOP_BAR} || r.bottom > window.innerHeight - 8) e.scrollIntoView({{block: "center"}});
}}"""


class Finger:
    """Taps where an element is on screen right now, as a finger or a mouse does: no waiting for
    the app, no retry; then a pause of a person's pace."""

    def __init__(self, page: Page, touch: bool, seed: int):
        self.page, self.touch = page, touch
        self.pace = random.Random(seed)
        page.evaluate(WATCH_MOVES)

    def moves(self) -> list[str]:
        """Each time the page moved between a finger coming down and its click: none, please."""
        return self.page.evaluate("window.vkMoves")

    def scroll_until_under_the_band(self, box: Locator, label: str) -> None:
        """A thumb scrolls back up to the chips and stops with the chip of `label` just hidden under
        the top band, the next row in view (if that chip is still there: a place goes once added)."""
        box.evaluate(UNDER_THE_BAND, label)

    def tap(self, target: Locator) -> None:
        for _ in range(3):  # drawn anew just as the eye found it: find it again, as a person does
            try:
                target.scroll_into_view_if_needed()  # as a person scrolls to it, also in a popover
                target.evaluate(INTO_VIEW)
                box = target.bounding_box()
                break
            except PlaywrightError:
                continue
        else:
            raise AssertionError("what was to be tapped kept changing on screen")
        assert box is not None, "nothing on screen to tap"
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        if self.touch:
            self.page.touchscreen.tap(x, y)
        else:
            self.page.mouse.click(x, y)

    def type(self, field: Locator, text: str) -> None:
        self.tap(field)
        self.page.keyboard.type(text, delay=60)

    def wait(self, low: float = 0.3, high: float = 1.5) -> None:
        """A person's pause before the next tap (the pace, not a wait for the app)."""
        self.page.wait_for_timeout(self.pace.uniform(low, high) * 1000)


def chip(box: Locator, label: str) -> Locator:
    return box.get_by_role("radio", name=label, exact=True)


def button(scope: Locator, label: str) -> Locator:
    return scope.get_by_role("button", name=label, exact=True)


def rows(box: Locator) -> Locator:
    return box.locator('[class*="-row"] [data-testid="stMarkdown"]')


def row(box: Locator, label: str) -> Locator:
    return box.locator('[class*="-row"]').filter(has_text=label)


def add_each_after_the_last(finger: Finger, box: Locator, labels: list[str], add: str) -> None:
    """Tap a chip, Toevoegen, and 0.5–3 s later the next chip: each chip tapped after a Toevoegen
    is selected on screen, whether or not the add had been answered when it was tapped. Before the
    next chip the thumb stops with the chip tapped last just under the top band, where a focus
    sent back to it would scroll the page under the finger; the page never moves during a tap."""
    finger.tap(chip(box, labels[0]))
    for before, later in pairwise(labels):
        finger.wait()
        finger.tap(button(box, add))
        finger.wait(0.5, 3.0)
        finger.scroll_until_under_the_band(box, before)
        finger.tap(chip(box, later))
        expect(chip(box, later)).to_be_checked()
    finger.wait()
    finger.tap(button(box, add))
    assert finger.moves() == []


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_chip_tapped_after_toevoegen_is_selected_on_a_phone_in_dutch(page: Page):
    student = Student(page, "nl")
    student.start()
    student.welcome()
    student.myself()
    finger = Finger(page, touch=True, seed=30)
    words = student.words
    people = student.box("wie-steunt")
    roles = [student.option(("wie-steunt", role)) for role in ("oma", "broer-zus", "mentor", "moeder")]
    add_each_after_the_last(finger, people, roles, words("button.add"))
    expect(rows(people)).to_have_count(len(roles))
    expect(rows(people)).to_contain_text([f"{role} · " for role in roles])

    student.hands.go_to_step(page, words("button.next"), student.step_title("plekken"))
    places = student.box("mijn-plekken")
    spots = [student.option(("mijn-plekken", spot)) for spot in ("sportclub", "bijbaan", "school")]
    add_each_after_the_last(finger, places, spots, words("button.add"))
    expect(rows(places)).to_have_count(len(spots))
    expect(rows(places)).to_contain_text([f"{spot} · " for spot in spots])


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_chip_tapped_after_toevoegen_is_selected_on_a_phone_in_arabic(
    arabic_page: Page, arabic_content: Path  # noqa: F811  (fixtures from test_rtl)
):
    arabic = Arabic(arabic_page, arabic_content)
    arabic.start()
    arabic.next(1)
    arabic.next(2)
    finger = Finger(arabic_page, touch=True, seed=31)
    question = arabic.set.question("wie")
    people = arabic_page.locator('[class*="st-key-box-wie"]')
    roles = [arabic.t(option.label) for option in question.suggestions] * 2
    add_each_after_the_last(finger, people, roles, arabic.words("button.add"))
    expect(rows(people)).to_have_count(len(roles))

    arabic.next(3)
    places = arabic_page.locator('[class*="st-key-box-waar"]')
    spots = [arabic.t(option.label) for option in arabic.set.question("waar").options]
    add_each_after_the_last(finger, places, spots, arabic.words("button.add"))
    expect(rows(places)).to_have_count(len(spots))
    expect(rows(places)).to_contain_text(spots)


@pytest.mark.parametrize("viewport", ["laptop", "phone"], indirect=True)
def test_adding_changing_and_removing_at_a_persons_pace_leaves_list_and_map_alike(page: Page, viewport: str):
    student = Student(page, "nl")
    words = student.words
    student.start()
    student.welcome()
    student.myself()
    finger = Finger(page, touch=viewport == "phone", seed=22)
    people = student.box("wie-steunt")
    oma, broer, mentor, trainer = (student.option(("wie-steunt", role))
                                   for role in ("oma", "broer-zus", "mentor", "trainer"))

    # Four people, each tap 0.3–3 s after the last, nothing waited for in between.
    for role, name in ((oma, ""), (broer, "Amira"), (mentor, ""), (trainer, "")):
        finger.tap(chip(people, role))
        finger.wait()
        if name:
            finger.type(people.get_by_role("textbox", name=words("widget.name_or_role"), exact=True), name)
            finger.wait()
        finger.tap(button(people, words("button.add")))
        finger.wait(0.5, 3.0)
    expect(rows(people)).to_have_count(4)
    amira = f"Amira ({broer[0].lower()}{broer[1:]})"
    expect(row(people, amira)).to_be_visible()

    # Weghalen on two rows, 0.8 s apart: both go, and no other.
    finger.tap(button(row(people, oma), words("button.remove")))
    finger.page.wait_for_timeout(800)
    finger.tap(button(row(people, mentor), words("button.remove")))
    expect(rows(people)).to_have_count(2)  # a person sees the rows go before choosing the next one
    finger.wait()
    # Amira is further away now, and stays Amira the brother.
    finger.tap(button(row(people, amira), words("button.edit")))  # the form opens in the row itself
    form = row(people, amira)
    finger.wait()
    finger.tap(form.get_by_role("radio", name=words("closeness.far"), exact=True))
    finger.wait()
    finger.tap(button(form, words("button.save")))
    expect(rows(people)).to_have_text([
        rows_text(student, "broer-zus", amira, "far"),
        rows_text(student, "trainer", trainer, "close"),
    ])
    expect(button(people, words("button.save"))).to_have_count(0)  # Bewaren closed the form
    changed = button(row(people, amira), words("button.edit"))  # and the row is where the eye is
    expect(changed).to_be_focused()
    expect(changed).to_be_in_viewport()

    student.hands.go_to_step(page, words("button.next"), student.step_title("plekken"))
    places = student.box("mijn-plekken")
    club, job, school = (student.option(("mijn-plekken", spot))
                         for spot in ("sportclub", "bijbaan", "school"))
    for spot in (club, job, school):
        finger.tap(chip(places, spot))
        finger.wait()
        finger.tap(button(places, words("button.add")))
        finger.wait(0.5, 3.0)
    expect(rows(places)).to_have_count(3)
    finger.tap(button(row(places, club), words("button.remove")))
    finger.page.wait_for_timeout(800)
    finger.tap(button(row(places, school), words("button.remove")))
    expect(rows(places)).to_have_count(1)
    expect(rows(places)).to_contain_text([job])

    settled(page)
    student.hands.go_to_step(page, words("button.next"), student.step_title("steunkaart"))
    in_words = map_in_words(page, words)
    for kept in (amira, trainer, job):
        expect(in_words).to_contain_text(kept)
    for gone in (oma, mentor, club, school):
        expect(in_words).not_to_contain_text(gone)


def rows_text(student: Student, role_id: str, label: str, closeness: str) -> str:
    """A row as the list shows it: the role's emoji, the name (and role), how close."""
    question = QUESTION_SET.question("wie-steunt")
    icon = next(o.icon for o in question.suggestions if o.id == role_id)
    return f"{icon} {label} · {student.words(f'closeness.{closeness}')}"



def add_and_follow_the_focus(finger: Finger, box: Locator, labels: list[str], add_word: str) -> None:
    """Each chip, then Toevoegen: afterwards the focus is on the add section's first chip, and the
    page stands where it stood before Toevoegen was tapped."""
    page, add = finger.page, button(box, add_word)
    for label in labels:
        finger.tap(chip(box, label))
        settled(page)
        add.evaluate(INTO_VIEW)  # as the thumb brings Toevoegen in view before tapping it
        before = page.evaluate(WHERE)
        finger.tap(add)
        page.wait_for_function(FIRST_CHIP_FOCUSED, arg=box.element_handle())
        settled(page)
        assert page.evaluate(WHERE) == before, f"the page moved after adding {label}"
    assert finger.moves() == []


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_after_toevoegen_the_focus_is_on_the_first_chip_and_the_page_stays(page: Page, shots: Screenshots):
    student = Student(page, "nl")
    words = student.words
    student.start()
    student.welcome()
    student.myself()
    finger = Finger(page, touch=True, seed=32)
    people = student.box("wie-steunt")
    roles = [student.option(("wie-steunt", role)) for role in ("oma", "mentor", "moeder")]
    add_and_follow_the_focus(finger, people, roles, words("button.add"))
    shots(page, "mensen-na-toevoegen")
    expect(rows(people)).to_have_count(len(roles))
    for role in roles:
        expect(chip(people, role)).not_to_be_checked()

    student.hands.go_to_step(page, words("button.next"), student.step_title("plekken"))
    places = student.box("mijn-plekken")
    spots = [student.option(("mijn-plekken", spot)) for spot in ("sportclub", "bijbaan", "school")]
    add_and_follow_the_focus(Finger(page, touch=True, seed=33), places, spots, words("button.add"))
    shots(page, "plekken-na-toevoegen")
    expect(rows(places)).to_have_count(len(spots))


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_after_toevoegen_the_focus_is_on_the_first_chip_in_arabic(
    arabic_page: Page, arabic_content: Path  # noqa: F811  (fixtures from test_rtl)
):
    arabic = Arabic(arabic_page, arabic_content)
    arabic.start()
    arabic.next(1)
    arabic.next(2)
    finger = Finger(arabic_page, touch=True, seed=34)
    people = arabic_page.locator('[class*="st-key-box-wie"]')
    roles = [arabic.t(option.label) for option in arabic.set.question("wie").suggestions]
    add_and_follow_the_focus(finger, people, roles, arabic.words("button.add"))
    expect(rows(people)).to_have_count(len(roles))

    arabic.next(3)
    places = arabic_page.locator('[class*="st-key-box-waar"]')
    first_place = arabic.t(arabic.set.question("waar").options[0].label)  # the other stays to be chosen
    add_and_follow_the_focus(finger, places, [first_place], arabic.words("button.add"))
    expect(rows(places)).to_have_text([re.compile(re.escape(first_place))])


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_after_toevoegen_with_the_keyboard_the_focus_is_on_the_first_chip_and_shown(page: Page):
    student = Student(page, "nl")
    words = student.words
    student.start()
    student.welcome()
    student.myself()
    keys = Keyboard(page)
    people = student.box("wie-steunt")
    for role in ("oma", "mentor"):
        keys.choose(people, student.option(("wie-steunt", role)))
        keys.press(people, words("button.add"))  # Tab to Toevoegen, Enter
        page.wait_for_function(FIRST_CHIP_FOCUSED, arg=people.element_handle())
        keys.expect_focus_visible()
        expect(page.locator(":focus")).to_be_in_viewport()
    expect(rows(people)).to_have_count(2)
    keys.key("Tab")  # on from the chips to the next thing to fill in: the name
    expect(people.get_by_role("textbox", name=words("widget.name_or_role"), exact=True)).to_be_focused()


@pytest.mark.parametrize("viewport", ["phone", "laptop"], indirect=True)
def test_a_choice_then_volgende_and_two_vorige_at_a_persons_pace_all_count(page: Page, viewport: str):
    """A choice and then Volgende, 0.3-1.5 s apart, go on with the choice kept, also when the tab's
    own news (the conversation is now kept) reaches the server while Volgende is being answered;
    Vorige pressed twice goes back two steps, whether or not the first was answered yet."""
    student = Student(page, "nl")
    student.start()
    words = student.words
    finger = Finger(page, touch=viewport == "phone", seed=22)
    feeling = page.get_by_role("radio", name=student.option(FEELING), exact=True)
    finger.tap(feeling)
    finger.wait()
    finger.tap(button(page.get_by_role("main"), words("button.next")))
    expect(heading(page, student.step_title("ik-zelf"))).to_be_visible()
    strengths = student.box("sterke-kanten")
    for choice in STRENGTHS:
        finger.tap(button(strengths, student.option(choice)))
        finger.wait()
    finger.tap(button(page.get_by_role("main"), words("button.next")))
    expect(heading(page, student.step_title("mensen"))).to_be_visible()
    finger.wait()
    for _ in range(2):
        finger.tap(button(page.get_by_role("main"), words("button.back")))
        finger.wait()
    expect(heading(page, student.step_title("welkom"))).to_be_visible()
    expect(feeling).to_be_checked()
    finger.tap(button(page.get_by_role("main"), words("button.next")))
    expect(heading(page, student.step_title("ik-zelf"))).to_be_visible()
    for choice in STRENGTHS:
        pill = button(student.box("sterke-kanten"), student.option(choice))
        expect(pill).to_have_attribute("aria-pressed", "true")
    settled(page)


@pytest.mark.parametrize("viewport", ["laptop", "phone"], indirect=True)
def test_words_typed_and_then_volgende_or_vorige_count_once(page: Page, viewport: str):
    """Typing and then tapping Volgende straight away, without leaving the box first (the tap ends
    the typing): one step on, with the words kept; a name typed and then Vorige: one step back."""
    student = Student(page, "nl")
    student.start()
    student.welcome()
    words, main = student.words, page.get_by_role("main")
    finger = Finger(page, touch=viewport == "phone", seed=5)
    finger.type(student.box("trots").get_by_role("textbox"), student.own.proud)
    finger.wait()
    finger.tap(button(main, words("button.next")))
    expect(heading(page, student.step_title("mensen"))).to_be_visible()
    settled(page)
    expect(heading(page, student.step_title("plekken"))).to_have_count(0)  # one step on, not two
    name = student.box("wie-steunt").get_by_role("textbox", name=words("widget.name_or_role"), exact=True)
    finger.type(name, student.own.person)
    finger.wait()
    finger.tap(button(main, words("button.back")))
    expect(heading(page, student.step_title("ik-zelf"))).to_be_visible()
    expect(student.box("trots").get_by_role("textbox")).to_have_value(student.own.proud)
    finger.wait()
    finger.tap(button(main, words("button.next")))
    expect(heading(page, student.step_title("mensen"))).to_be_visible()
    settled(page)
    expect(heading(page, student.step_title("ik-zelf"))).to_have_count(0)
    # Back on the step, its add section starts as it did the first time: "Dichtbij" chosen.
    closeness = student.box("wie-steunt").get_by_role("radio", name=words("closeness.close"), exact=True)
    expect(closeness).to_be_checked()
