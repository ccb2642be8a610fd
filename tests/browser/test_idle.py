"""A tab left alone clears itself: with a one-minute idle time and no click at all, the page asks
"Ben je er nog?" before the end, and after it holds neither the nickname nor a step nor a download.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from veerkracht.settings import load_settings

from .app_page import ARTIFACTS, Screenshots, heading, settled
from .student import Student

pytestmark = pytest.mark.browser

IDLE_MINUTES = 1.0
WARN_SECONDS = load_settings({"VEERKRACHT_IDLE_MINUTES": str(IDLE_MINUTES)}).warn_seconds
PATIENCE_MS = (IDLE_MINUTES * 60 + 30) * 1000  # the whole idle time, and room for a busy machine


@pytest.fixture(scope="module")
def one_minute_url(another_app) -> Iterator[str]:
    with another_app(ARTIFACTS / "streamlit-idle.log", {"VEERKRACHT_IDLE_MINUTES": str(IDLE_MINUTES)}) as url:
        yield url


def expect_nothing_of(student: Student) -> None:
    """The start screen, empty: no nickname, no step, no download, anywhere on the page."""
    page, words = student.page, student.words
    expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
    expect(page.get_by_text(words("notice.expired"))).to_be_visible()
    expect(page.get_by_role("textbox", name=words("start.nickname"), exact=True)).to_have_value("")
    settled(page)
    shown = page.get_by_test_id("stApp").inner_text()
    assert not re.search(rf"\b{re.escape(student.own.nickname)}\b", shown), "the nickname is gone"
    for typed in (student.own.proud, student.own.strength, student.own.person, student.own.place):
        assert typed not in shown
    for step in ("welkom", "ik-zelf", "mensen"):
        expect(heading(page, student.step_title(step))).to_have_count(0)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_without_a_click_the_tab_asks_first_and_then_clears_itself(
    page: Page, shots: Screenshots, one_minute_url: str
) -> None:
    student = Student(page, "nl")
    student.start(address=one_minute_url)
    for step in (student.welcome, student.myself, student.people, student.places, student.map_step,
                 student.next_step, student.end):
        step()
    words = student.words
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    left_alone = time.monotonic()
    ask = page.get_by_role("alertdialog", name=words("idle.ask"))

    expect(ask).to_be_visible(timeout=PATIENCE_MS)  # nobody touches anything from here on
    asked_after = time.monotonic() - left_alone
    shots(page, "ben-je-er-nog")
    expect(ask.get_by_role("button", name=words("idle.go_on"))).to_be_focused()
    cover = page.get_by_test_id("veerkracht-idle").bounding_box()  # the map and the name lie under it
    assert cover is not None and (cover["width"], cover["height"]) == (1280, 800), cover

    expect_nothing_of(student)  # waited for, without a click: the page cleared itself
    expect(page.get_by_test_id("veerkracht-idle")).to_have_count(0)  # and the start screen is not covered
    cleared_after = time.monotonic() - left_alone
    shots(page, "cleared")
    assert asked_after < cleared_after, "the question came before the end"
    assert cleared_after - asked_after > WARN_SECONDS / 2, "with time left to answer it"

    page.reload()  # and nothing comes back
    settled(page)
    expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
    expect(page.get_by_role("textbox", name=words("start.nickname"), exact=True)).to_have_value("")
    expect(heading(page, student.step_title("mensen"))).to_have_count(0)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_one_tap_on_the_large_button_carries_on_where_it_was(
    page: Page, shots: Screenshots, one_minute_url: str
) -> None:
    student = Student(page, "nl")
    student.start(address=one_minute_url)
    student.welcome()
    words = student.words
    ask = page.get_by_role("alertdialog", name=words("idle.ask"))

    expect(ask).to_be_visible(timeout=PATIENCE_MS)
    shots(page, "ben-je-er-nog-phone")
    box = ask.get_by_role("button", name=words("idle.go_on")).bounding_box()
    assert box is not None and box["height"] >= 48 and box["width"] >= 250, box
    ask.get_by_role("button", name=words("idle.go_on")).tap()

    expect(ask).to_have_count(0)
    expect(heading(page, student.step_title("ik-zelf"))).to_be_visible()
    settled(page)
    expect(page.get_by_text(words("notice.expired"))).to_have_count(0)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_taps_inside_one_question_count_as_activity(page: Page, one_minute_url: str) -> None:
    """A tap on a chip reruns only its question; tapping on one step for longer than the idle time
    must neither bring up "Ben je er nog?" nor lose the conversation."""
    student = Student(page, "nl")
    student.start(address=one_minute_url)
    student.welcome()
    student.myself()
    words = student.words
    box = student.box("wie-steunt")
    ask = page.get_by_role("alertdialog", name=words("idle.ask"))
    busy_since = time.monotonic()
    closeness = ("closeness.close", "closeness.some")
    taps = 0
    while time.monotonic() - busy_since < IDLE_MINUTES * 60 * 1.4:
        student.hands.choose(box, words(closeness[taps % 2]))  # waits for the question's own run
        taps += 1
        expect(ask).to_have_count(0)
        page.wait_for_timeout(5_000)  # a student thinking between two taps
    expect(ask).to_have_count(0)
    student.people()  # the conversation is still there: adds two people and goes on to the places
    expect(page.get_by_text(words("notice.expired"))).to_have_count(0)
