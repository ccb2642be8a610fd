"""A school's content with pictures from another server in it: the student's browser fetches none.

The content folder was never checked: its interface words hold a Markdown picture and an HTML
<img>, and one of its sets a picture in a step's intro. The browser logs every request it makes
while a student opens the app, the help and a step with the coach tips; every one goes to this
machine, and no <img> on the page points elsewhere. The set with the picture is not offered at all.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from veerkracht.content import load_file
from veerkracht.interface import load_words
from veerkracht.text import resolve

from .app_page import CONTENT, open_expander
from .conftest import fresh_context
from .student import Student

pytestmark = pytest.mark.browser

# Documentation addresses (RFC 5737): nothing answers there, and nothing may even try.
PICTURES = {
    "tagline": "![sterk](http://192.0.2.1/tagline.png)",
    "intro": '<img src="http://192.0.2.2/help.png">',
    "lead": "![tip][p] [p]: http://192.0.2.3/lead.png",
    "set": "![welkom](http://192.0.2.4/set.png)",
}
WEB = ("http://", "https://", "ws://", "wss://")


def _set_line(path: Path, start: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[at] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def unchecked_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pictures") / "content"
    shutil.copytree(CONTENT / "interface", folder / "interface")
    shutil.copy(CONTENT / "help.yaml", folder / "help.yaml")
    shutil.copy(CONTENT / "mbo-standaard.yaml", folder / "mbo-standaard.yaml")
    words = folder / "interface" / "nl.yaml"
    _set_line(words, "  tagline: ", f'  tagline: "Samen kijken {PICTURES["tagline"]} wie jou sterk maakt."')
    _set_line(words, "  intro: Je kunt altijd", f"  intro: '{PICTURES['intro']} Praat met iemand.'")
    _set_line(words, "  lead: Alleen voor jou", f'  lead: "Alleen voor jou. {PICTURES["lead"]}"')
    own_set = (CONTENT / "mbo-kort.yaml").read_text(encoding="utf-8")
    own_set = own_set.replace("id: mbo-kort", "id: met-plaatje", 1)
    first_intro = own_set.index("intro:")
    own_set = f"{own_set[:first_intro]}intro: '{PICTURES['set']}'\n    old_intro:{own_set[first_intro + 6:]}"
    (folder / "met-plaatje.yaml").write_text(own_set, encoding="utf-8")
    return folder


def test_pictures_in_unchecked_content_make_no_request_to_another_server(
    browser: Browser, another_app: Callable[..., AbstractContextManager[str]], unchecked_content: Path,
    tmp_path: Path,
) -> None:
    requested: list[str] = []
    with another_app(tmp_path / "server.log", {"VEERKRACHT_CONTENT": str(unchecked_content)}) as url:
        context = fresh_context(browser, url, "phone")
        context.on("request", lambda request: requested.append(request.url))
        page = context.new_page()
        page.on("websocket", lambda socket: requested.append(socket.url))
        try:
            words = load_words(CONTENT, "nl")
            page.goto("/")
            title = f"🧭 {words('app.title')}"
            expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=60_000)
            expect(page.get_by_role("main")).to_contain_text("192.0.2.1/tagline.png")  # as text
            broken = load_file(unchecked_content / "met-plaatje.yaml")
            assert broken.question_set is None, "the set with a picture does not load"
            kort = resolve(load_file(CONTENT / "mbo-kort.yaml").question_set.title, "nl", "nl")
            expect(page.get_by_role("radio", name=kort)).to_have_count(0)
            student = Student(page, "nl")
            student.start()
            page.get_by_role("button", name=words("help.button")).click()
            panel = page.get_by_test_id("stPopoverBody")
            expect(panel.locator('a[href="tel:112"]')).to_be_visible()
            expect(panel).to_contain_text("192.0.2.2/help.png")  # the HTML shows as text
            page.keyboard.press("Escape")
            open_expander(page, words("coach.panel"))
            expect(page.get_by_role("main")).to_contain_text("192.0.2.3/lead.png")

            pictures = page.evaluate("[...document.images].map(image => image.src)")
        finally:
            context.close()

    assert not [src for src in pictures if "192.0.2." in src], pictures
    assert len(requested) > 10, "the log saw the page load"
    hosts = {urlsplit(address).hostname for address in requested if address.startswith(WEB)}
    assert hosts == {"localhost"}, sorted(a for a in requested if urlsplit(a).hostname != "localhost")
