"""'Ook in het Nederlands' on the start screen and in the help, as a coach sees it beside Arabic."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from veerkracht.interface import load_words

from .app_page import REPO, Screenshots, choose, open_app, settled

pytestmark = pytest.mark.browser

CONTENT = REPO / "content"


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_start_screen_and_the_help_show_the_dutch_beneath_arabic(page: Page, shots: Screenshots) -> None:
    arabic, dutch = load_words(CONTENT, "ar"), load_words(CONTENT, "nl")
    page.goto("/")  # a server that just started takes a while to draw its first page on a busy machine
    expect(page.get_by_role("main").get_by_role("heading").first).to_be_visible(timeout=90_000)
    open_app(page)
    choose(page, "Mijn steunkaart")
    choose(page, arabic("meta.name"))
    switch = page.get_by_role("switch", name=arabic("start.also_reference"))
    switch.locator("xpath=ancestor::label[1]").click()
    expect(switch).to_be_checked()
    settled(page)

    beneath = page.get_by_role("main").locator('.vk-also[lang="nl"]')
    expect(beneath.filter(has_text=dutch("app.tagline"))).to_be_visible()
    expect(beneath.filter(has_text=dutch("privacy.line2"))).to_be_visible()
    expect(page.get_by_role("textbox").first).to_have_accessible_name(arabic("start.nickname"))
    expect(beneath.filter(has_text=dutch("start.nickname"))).to_be_visible()
    shots(page, "start")

    page.get_by_role("button", name=arabic("help.button")).click()
    panel = page.get_by_role("dialog")
    expect(panel).to_contain_text(dutch("help.intro"))
    expect(panel).to_contain_text(arabic("help.intro"))
    shots(page, "help")
