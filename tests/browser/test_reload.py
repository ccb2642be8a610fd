"""A reload, a reopened tab, the clear button and the idle time, in a real browser.

The answers live only in the server's memory, under the token in the address (`?gesprek=`).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .app_page import ARTIFACTS, Screenshots, go_to_step, heading, open_app, press, settled
from .student import QUESTION_SET, STRENGTHS, Student

pytestmark = pytest.mark.browser

IDLE_MINUTES = 0.1  # the short idle time of the server that tests expiry: six seconds


def token_in(address: str) -> str | None:
    return parse_qs(urlsplit(address).query).get("gesprek", [None])[0]


def expect_start_screen(student: Student) -> None:
    """A fresh start: the start screen, its name box empty, no token in the address."""
    page, words = student.page, student.words
    expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
    expect(page.get_by_role("textbox", name=words("start.nickname"), exact=True)).to_have_value("")
    assert token_in(page.url) is None


def expect_own_words_back(student: Student) -> None:
    """On the 'Ik zelf' step: the picked cards are on and the typed words are in their boxes."""
    strengths = student.box("sterke-kanten")
    for choice in STRENGTHS:
        expect(strengths.get_by_role("button", name=student.option(choice), exact=True)).to_have_attribute(
            "aria-pressed", "true")
    other = student.t(QUESTION_SET.question("sterke-kanten").other_label)
    expect(strengths.get_by_role("textbox", name=other, exact=True)).to_have_value(student.own.strength)
    expect(student.box("trots").get_by_role("textbox")).to_have_value(student.own.proud)


def half_way(student: Student, address: str = "/") -> str:
    """Start, answer the first two steps, and return the address with the conversation's token."""
    student.start(address=address)
    student.welcome()
    student.myself()
    token = token_in(student.page.url)
    assert token is not None and len(token) == 32
    return student.page.url


def test_a_reload_and_a_reopened_tab_bring_the_answers_back(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    address = half_way(student)
    shots(page, "half-way")

    page.reload()
    expect(heading(page, student.step_title("mensen"))).to_be_visible()
    settled(page)
    shots(page, "after-reload")
    assert page.url == address, "the same token stays in the address"
    go_to_step(page, student.words("button.back"), student.step_title("ik-zelf"))
    expect_own_words_back(student)

    page.close()
    reopened = page.context.new_page()
    student.page = reopened
    open_app(reopened, address)
    expect(heading(reopened, student.step_title("ik-zelf"))).to_be_visible()
    expect_own_words_back(student)
    shots(reopened, "reopened-tab")


def test_the_clear_button_forgets_the_answers_at_once(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    address = half_way(student)
    words = student.words

    clear = page.get_by_role("button", name=words("clear.button"))
    expect(clear).to_be_visible()
    shots(page, "before-clearing")
    press(page, words("clear.button"))
    expect(page.get_by_text(words("clear.confirm"))).to_be_visible()
    shots(page, "asked-once-more")
    press(page, words("clear.wipe"))
    expect(page.get_by_text(words("clear.done"))).to_be_visible()
    expect_start_screen(student)
    shots(page, "cleared")

    page.reload()
    settled(page)
    expect_start_screen(student)
    open_app(page, address)
    expect_start_screen(student)
    expect(page.get_by_text(words("notice.conversation_expired"))).to_have_count(0)


@pytest.fixture(scope="module")
def short_idle_url(another_app) -> Iterator[str]:
    settings = {"VEERKRACHT_IDLE_MINUTES": str(IDLE_MINUTES)}
    with another_app(ARTIFACTS / "streamlit-short-idle.log", settings) as url:
        yield url


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_after_the_idle_time_a_reload_and_the_open_tab_both_start_fresh(
    page: Page, shots: Screenshots, short_idle_url: str
) -> None:
    student = Student(page, "nl")
    student.start(address=short_idle_url)
    student.welcome()
    address = page.url
    assert token_in(address) is not None

    # What the student does now: nothing, for a second longer than the idle time.
    page.wait_for_timeout((IDLE_MINUTES * 60 + 1) * 1000)

    other_tab = page.context.new_page()
    open_app(other_tab, address)
    expect(other_tab.get_by_text(student.words("notice.conversation_expired"))).to_be_visible()
    expect_start_screen(Student(other_tab, "nl"))
    shots(other_tab, "reloaded-after-idle")

    page.bring_to_front()  # back to the first tab, which was left open all this time
    press(page, student.words("button.next"))
    expect(page.get_by_text(student.words("notice.expired"))).to_be_visible()
    expect_start_screen(student)
    shots(page, "open-tab-after-idle")
