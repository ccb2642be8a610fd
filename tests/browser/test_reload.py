"""A reload, a new tab, a closed tab, the clear button and the idle time, in a real browser; and
keys that were planted, read from another browser, copied by window.open or brought back by Back.

The answers live only in the server's memory, under a key the server made for the open tab (kept
in its sessionStorage) and bound to the browser; the address never carries it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from veerkracht.ui.tab_key import STORAGE_NAME

from .app_page import ARTIFACTS, Screenshots, go_to_step, heading, open_app, press, settled
from .student import QUESTION_SET, STRENGTHS, Student

pytestmark = pytest.mark.browser

IDLE_MINUTES = 0.5  # the short idle time of the server that tests expiry: thirty seconds
GRACE_MINUTES = 0.25  # and its short grace after a tab closed: fifteen seconds, room for a busy machine
SWEEP_SECONDS = GRACE_MINUTES * 60 / 4  # how often that server looks for closed tabs


def tab_key(page: Page) -> str | None:
    return page.evaluate("name => window.sessionStorage.getItem(name)", STORAGE_NAME)


def watch_addresses(page: Page) -> list[str]:
    """Every address this tab shows or asks for from now on: pages, scripts, downloads, the websocket."""
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url))
    page.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))
    return seen


def expect_no_key_in(addresses: list[str], key: str) -> None:
    assert addresses, "the watch saw the page's traffic"
    assert [address for address in addresses if key in address] == []
    pages = [address for address in addresses if urlsplit(address).path in ("", "/")]
    assert all(urlsplit(address).query == "" for address in pages), pages


def expect_start_screen(student: Student) -> None:
    """A fresh start: the start screen with its name box empty."""
    page, words = student.page, student.words
    expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
    expect(page.get_by_role("textbox", name=words("start.nickname"), exact=True)).to_have_value("")
    assert urlsplit(page.url).query == ""


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
    """Start, answer the first two steps, and return the tab's key."""
    student.start(address=address)
    student.welcome()
    student.myself()
    key = tab_key(student.page)
    assert key is not None and len(key) == 32
    return key


def plant(page: Page, key: str) -> None:
    """Put `key` in this tab's sessionStorage and reload, the one way a tab hands a key back."""
    page.evaluate("([name, key]) => window.sessionStorage.setItem(name, key)", [STORAGE_NAME, key])
    page.reload()
    expect(page.get_by_role("main").get_by_role("heading").first).to_be_visible()
    settled(page)


def reopen_with(page: Page, key: str, address: str) -> Page:
    """A tab in the same browser that hands the server `key`, as a closed tab brought back would."""
    reopened = page.context.new_page()
    open_app(reopened, address)
    plant(reopened, key)
    return reopened


def test_a_reload_brings_the_answers_back_and_no_address_holds_the_key(page: Page, shots: Screenshots):
    addresses = watch_addresses(page)
    student = Student(page, "nl")
    key = half_way(student)
    shots(page, "half-way")

    page.reload()
    expect(heading(page, student.step_title("mensen"))).to_be_visible()
    settled(page)
    shots(page, "after-reload")
    assert tab_key(page) == key, "the tab keeps its key through a reload"
    go_to_step(page, student.words("button.back"), student.step_title("ik-zelf"))
    expect_own_words_back(student)

    expect_no_key_in(addresses, key)


def test_a_new_tab_with_the_same_address_opens_the_start_screen(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    key = half_way(student)

    from_history = page.context.new_page()  # the same browser, the same address, as from the history
    open_app(from_history, page.url)
    expect_start_screen(Student(from_history, "nl"))
    assert tab_key(from_history) not in (None, key), "a new tab gets a key of its own"
    shots(from_history, "new-tab")

    page.bring_to_front()
    page.reload()
    expect(heading(page, student.step_title("mensen"))).to_be_visible()


def test_the_clear_button_forgets_the_answers_at_once(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    half_way(student)
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
    expect(page.get_by_text(words("notice.conversation_expired"))).to_have_count(0)


@pytest.fixture(scope="module")
def short_times_url(another_app) -> Iterator[str]:
    settings = {"VEERKRACHT_IDLE_MINUTES": str(IDLE_MINUTES), "VEERKRACHT_GRACE_MINUTES": str(GRACE_MINUTES)}
    with another_app(ARTIFACTS / "streamlit-short-times.log", settings) as url:
        yield url


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_a_closed_tab_resumes_within_the_grace_time_and_never_after_it(
    page: Page, shots: Screenshots, short_times_url: str
) -> None:
    student = Student(page, "nl")
    key = half_way(student, address=short_times_url)

    page.close()  # closed without "Wis mijn gegevens", and brought back at once
    student.page = reopen_with(page, key, short_times_url)
    expect(heading(student.page, student.step_title("mensen"))).to_be_visible()

    student.page.close()  # closed again, and the next person at this computer tries it later
    time.sleep(GRACE_MINUTES * 60 + 2 * SWEEP_SECONDS + 1)  # no tab of this student is open now
    later = reopen_with(student.page, key, short_times_url)
    expect(later.get_by_text(student.words("notice.conversation_closed"))).to_be_visible()
    expect(later.get_by_text(student.words("notice.conversation_expired"))).to_have_count(0)
    expect_start_screen(Student(later, "nl"))
    shots(later, "reopened-after-grace")


def test_a_key_read_from_one_browser_opens_nothing_in_another(
    page: Page, later_visit: Page, shots: Screenshots
) -> None:
    student = Student(page, "nl")
    key = half_way(student)

    open_app(later_visit)  # another browser, with the student's key copied into its tab
    plant(later_visit, key)
    elsewhere = Student(later_visit, "nl")
    expect_start_screen(elsewhere)
    expect(heading(later_visit, student.step_title("mensen"))).to_have_count(0)
    expect(later_visit.get_by_text(student.words("notice.conversation_closed"))).to_have_count(0)
    assert tab_key(later_visit) not in (None, key), "that tab got a key of its own"
    shots(later_visit, "replayed-key")

    page.reload()  # the student's own tab still has it all
    expect(heading(page, student.step_title("mensen"))).to_be_visible()


def test_a_key_planted_in_a_classroom_tab_opens_nothing_for_the_planter(
    page: Page, later_visit: Page, shots: Screenshots
) -> None:
    planter = later_visit
    open_app(planter)  # the planter's own browser: the server makes it a key
    planted = tab_key(planter)
    assert planted is not None

    open_app(page)  # the classroom computer, before the student sits down
    plant(page, planted)
    student = Student(page, "nl")
    half_way(student)
    assert tab_key(page) != planted, "the classroom tab got a key of its own"

    planter.reload()  # the planter's tab still holds the planted key, and opens nothing
    settled(planter)
    expect_start_screen(Student(planter, "nl"))
    expect(heading(planter, student.step_title("mensen"))).to_have_count(0)
    shots(planter, "planted-key")


def test_a_copy_made_by_window_open_starts_fresh(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    key = half_way(student)

    with page.expect_popup() as opened:
        page.evaluate("window.open(window.location.href)")
    copy = opened.value
    expect(heading(copy, f"🧭 {student.words('app.title')}", level=1)).to_be_visible()
    settled(copy)
    expect_start_screen(Student(copy, "nl"))
    assert tab_key(copy) not in (None, key)
    shots(copy, "window-open-copy")

    page.bring_to_front()
    page.reload()
    expect(heading(page, student.step_title("mensen"))).to_be_visible()


def test_back_after_leaving_the_site_starts_fresh(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    key = half_way(student)

    page.goto("data:text/html,<title>Elders</title><p>Een andere website</p>")
    page.go_back()
    expect(heading(page, f"🧭 {student.words('app.title')}", level=1)).to_be_visible()
    settled(page)
    expect_start_screen(student)
    expect(heading(page, student.step_title("mensen"))).to_have_count(0)
    assert tab_key(page) != key
    shots(page, "back-after-leaving")


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_after_the_idle_time_both_open_tabs_clear_themselves_and_a_reload_brings_nothing_back(
    page: Page, later_visit: Page, shots: Screenshots, short_times_url: str
) -> None:
    reloading, staying = Student(page, "nl"), Student(later_visit, "nl")
    for student in (reloading, staying):
        student.start(address=short_times_url)
        student.welcome()

    # What both students do now: nothing. Each tab clears itself when the idle time is up.
    for student in (staying, reloading):
        expect(student.page.get_by_text(student.words("notice.expired"))).to_be_visible(
            timeout=(IDLE_MINUTES * 60 + 30) * 1000)
        expect_start_screen(student)
    shots(later_visit, "open-tab-after-idle")

    page.reload()
    settled(page)
    expect_start_screen(reloading)
    expect(heading(page, reloading.step_title("ik-zelf"))).to_have_count(0)
    shots(page, "reloaded-after-idle")
