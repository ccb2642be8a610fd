"""'Hulp nodig?' as a student in a hard moment sees it on a phone: 112 and 113 first, large, to tap and call.

In Arabic the panel also says that these lines speak Dutch, and how to get help with that.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from veerkracht.contacts import load_contacts
from veerkracht.content import load_file
from veerkracht.interface import load_words
from veerkracht.text import resolve

from .app_page import CONTENT, REPO, choose, docs_picture, heading, open_app
from .student import Student
from .test_accessibility import BLOCKING, AxeOnEveryStep, streamlit_rules

pytestmark = pytest.mark.browser

SET_TITLE = load_file(CONTENT / "mbo-kort.yaml").question_set.title  # a set in every language

CONTACTS = load_contacts(REPO / "content")[0]
# Every tap-to-call link in the panel that lies wholly on the screen, top to bottom, with its size.
CALL_LINKS_IN_SIGHT = """panel => [...panel.querySelectorAll('a[href^="tel:"]')].map(link => {
  const box = link.getBoundingClientRect();
  const inSight = box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0
    && box.right <= window.innerWidth && box.height > 0;
  return {href: link.getAttribute("href"), top: box.top, height: box.height, width: box.width, inSight};
}).filter(link => link.inSight).sort((a, b) => a.top - b.top)"""


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_first_links_a_student_can_tap_to_call_are_112_and_113_without_scrolling(
    page: Page, lang: str
) -> None:
    words = load_words(CONTENT, lang)
    page.goto("/")  # the first visit to a fresh server may take long on a busy machine
    title = f"🧭 {load_words(CONTENT, 'nl')('app.title')}"
    expect(heading(page, title, level=1)).to_be_visible(timeout=60_000)
    if lang == "nl":
        Student(page, lang).start()  # on a question's screen
    else:  # on the start screen, right after choosing the language
        open_app(page)
        choose(page, resolve(SET_TITLE, "nl", "nl"))
        choose(page, words("meta.name"))
        expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
    page.get_by_role("button", name=words("help.button")).click()
    panel = page.get_by_test_id("stPopoverBody")
    expect(panel.locator('a[href="tel:112"]')).to_be_in_viewport(ratio=1)
    expect(panel.locator('a[href="tel:08000113"]')).to_be_in_viewport(ratio=1)

    in_sight = panel.evaluate(CALL_LINKS_IN_SIGHT)
    assert [link["href"] for link in in_sight[:2]] == ["tel:112", "tel:08000113"], in_sight
    assert all(link["height"] >= 44 and link["width"] >= 250 for link in in_sight[:2]), "large to tap"
    call_112 = panel.locator('a[href="tel:112"]')
    expect(call_112).to_contain_text("112")
    expect(panel.locator('a[href="tel:08000113"]')).to_contain_text("0800-0113")
    assert call_112.evaluate("link => getComputedStyle(link.querySelector('.vk-number')).direction") == "ltr"

    note = words("help.language_dutch_all")
    if lang == "nl":
        expect(panel).not_to_contain_text(words("help.language_tip"))
    else:
        expect(panel).to_contain_text(note)
        expect(panel).to_contain_text(words("help.language_tip"))
    docs_picture(page, f"help-phone-{lang}")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_school_contacts_show_where_and_when_and_the_other_lines_follow(page: Page) -> None:
    student = Student(page, "nl")
    student.start()
    words = student.words
    page.get_by_role("button", name=words("help.button")).click()
    panel = page.get_by_test_id("stPopoverBody")
    chat = panel.get_by_role("link", name="113.nl")
    expect(chat).to_have_attribute("href", "https://www.113.nl")
    mentor = CONTACTS.at_school[0]
    expect(panel).to_contain_text(str(mentor.room["nl"]))
    expect(panel).to_contain_text(str(mentor.when["nl"]))
    page.get_by_role("tab", name=words("help.outside_school")).click()
    expect(panel.get_by_role("link", name="088 0767 000")).to_be_visible()
    expect(panel).not_to_contain_text("Sensoor")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_open_help_panel_passes_axe(page: Page) -> None:
    words = load_words(CONTENT, "nl")
    page.goto("/")
    expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible(timeout=60_000)
    open_app(page)
    page.get_by_role("button", name=words("help.button")).click()
    expect(page.get_by_test_id("stPopoverBody").locator('a[href="tel:112"]')).to_be_visible()
    axe = AxeOnEveryStep(page)
    axe("help-open")
    found = axe.found["help-open"]
    assert not [v for v in found if v["impact"] in BLOCKING], found
    assert not [v for v in found if v["rule"] not in streamlit_rules()], found
