"""What a Dutch student reads around the questions: no English from Streamlit, and help in reach."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .app_page import open_app, open_expander
from .student import Student

pytestmark = pytest.mark.browser

# Streamlit writes these under text boxes and upload fields, in English only.
ENGLISH_HINTS = ("Press Enter", "Press Ctrl+Enter", "to apply", "submit form", "per file", "Upload")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_typing_and_uploading_show_dutch_only(page: Page) -> None:
    words = Student(page, "nl").words
    open_app(page)
    box = page.get_by_label(words("start.nickname"))
    box.click()
    box.press_sequentially("Sam")
    limit = page.get_by_test_id("InputInstructions")
    expect(limit).to_have_text("3/40", use_inner_text=True)  # the count stays, the English hint goes
    area = open_expander(page, words("start.continue"))
    expect(area.get_by_role("button", name=words("button.choose_file"))).to_be_visible()
    shown = page.get_by_role("main").inner_text()
    assert not [hint for hint in ENGLISH_HINTS if hint in shown], shown


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_help_stays_in_sight_and_help_outside_school_is_one_tap_away(page: Page) -> None:
    student = Student(page, "nl")
    student.start()
    words = student.words
    student.hands.go_to_step(page, words("button.next"), student.step_title("ik-zelf"))
    page.get_by_role("button", name=words("button.back")).scroll_into_view_if_needed()
    assert page.get_by_role("main").evaluate("main => main.scrollTop") > 200, "the step should scroll"
    help_button = page.get_by_role("button", name=words("help.button"))
    expect(help_button).to_be_in_viewport()
    help_button.click()
    expect(page.locator('a[href="tel:08000113"]')).to_be_in_viewport()  # 113 first, without a tap
    page.get_by_role("tab", name=words("help.outside_school")).click()
    expect(page.get_by_role("link", name="0800-0432")).to_be_in_viewport()


# Whatever the page scrolls to (by script or by Tab) must stop below the top bar, not behind it.
UNDER_THE_BAR = """([bar, target]) => {
  const top = bar.getBoundingClientRect(), box = target.getBoundingClientRect();
  return box.top < top.bottom - 1 && box.bottom > top.top && box.left < top.right && box.right > top.left;
}"""
HEADINGS_AND_BUTTONS = '[data-testid="stMain"] :is(h1, h2, h3, h4, button)'
TOP_BAR = '[data-testid="stLayoutWrapper"]:has(> .st-key-top)'
IN_THE_PAGE_BELOW_THE_BAR = """(bar, e) => !bar.contains(e)
  && ![null, e].includes(e.closest('[data-testid="stMain"]'))"""


@pytest.mark.parametrize("viewport", ["phone", "laptop"], indirect=True)
def test_the_help_and_language_bar_never_covers_a_heading_or_a_button(page: Page) -> None:
    student = Student(page, "nl")
    student.start()
    words = student.words
    student.hands.go_to_step(page, words("button.next"), student.step_title("ik-zelf"))
    student.hands.go_to_step(page, words("button.next"), student.step_title("mensen"))
    bar = page.locator(TOP_BAR)
    targets = page.locator(HEADINGS_AND_BUTTONS)
    covered = []
    for index in range(targets.count()):
        target = targets.nth(index)
        if not target.is_visible() or bar.evaluate("(bar, e) => bar.contains(e)", target.element_handle()):
            continue
        target.evaluate("e => e.scrollIntoView({block: 'start'})")
        if page.evaluate(UNDER_THE_BAR, [bar.element_handle(), target.element_handle()]):
            covered.append(target.inner_text()[:40])
    assert covered == [], f"under the top bar after scrolling to them: {covered}"

    page.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    for _ in range(40):  # with Tab, the page scrolls each next field into sight: below the bar
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if bar.evaluate(IN_THE_PAGE_BELOW_THE_BAR, focused):
            assert not page.evaluate(UNDER_THE_BAR, [bar.element_handle(), focused]), page.evaluate(
                "e => e.outerHTML.slice(0, 120)", focused)
