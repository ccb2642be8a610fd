"""Every refused upload says why in the student's language, next to the file box.

Streamlit's uploader turns away a file that is too big or not .json in the browser, with only a
red icon and an English hover text; the app shows its own words under the box instead. A file the
browser lets through but that is no conversation gets the session loader's message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from veerkracht import limits
from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.text import resolve
from veerkracht.ui.start import UPLOAD_KEY
from veerkracht.ui.upload import REFUSED_WORD, key_class

from .app_page import ARTIFACTS, REPO, choose, open_app, open_expander, upload
from .student import Student

pytestmark = pytest.mark.browser
CONTENT = REPO / "content"


def shown_below(box: Locator) -> str:
    """The words the app's style puts under a file box (CSS generated text, read as a browser does)."""
    return box.evaluate("""e => {
        const after = getComputedStyle(e, '::after');
        return after.display === 'none' ? '' : after.content;
    }""")


def file_of(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    path.write_bytes(b"{" + b" " * (size - 2) + b"}")
    return path


@pytest.mark.parametrize(
    "name, size",
    [("gesprek.json", limits.UPLOAD_MB * 1024 * 1024 + 10), ("groot.json", 26 * 1024 * 1024),
     ("steunkaart.pdf", 2_000)],
)
@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_file_the_browser_refuses_gets_the_app_s_own_words(page: Page, tmp_path: Path, name, size) -> None:
    words = Student(page, "nl").words
    open_app(page)
    area = open_expander(page, words("start.continue"))
    box = page.locator(f".{key_class(UPLOAD_KEY)}")
    assert shown_below(box) in ("", "none")

    box.locator('input[type="file"]').set_input_files(file_of(tmp_path, name, size))

    expect(box.get_by_test_id("stFileChipIconError")).to_be_visible()
    assert shown_below(box).strip('"') == words(REFUSED_WORD)
    ARTIFACTS.joinpath("upload").mkdir(parents=True, exist_ok=True)
    area.screenshot(path=ARTIFACTS / "upload" / f"refused-{name}.png")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_file_let_through_that_is_too_big_for_a_conversation_gets_the_loader_s_words(
    page: Page, tmp_path: Path
) -> None:
    words = Student(page, "nl").words
    open_app(page)
    area = open_expander(page, words("start.continue"))

    upload(area, words("start.continue_file"), file_of(tmp_path, "gesprek.json", limits.SESSION_BYTES + 10))

    expect(area.get_by_test_id("stAlert")).to_contain_text(words("session.too_big"))
    assert shown_below(page.locator(f".{key_class(UPLOAD_KEY)}")) in ("", "none")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_refusal_speaks_the_student_s_language_right_to_left_too(page: Page, tmp_path: Path) -> None:
    arabic = load_words(CONTENT, "ar")
    short_set = load_folder(CONTENT).sets["mbo-kort"]
    open_app(page)
    choose(page, resolve(short_set.title, "nl", short_set.default_language))
    choose(page, arabic("meta.name"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    area = open_expander(page, arabic("start.continue"))
    box = page.locator(f".{key_class(UPLOAD_KEY)}")

    box.locator('input[type="file"]').set_input_files(file_of(tmp_path, "كبير.json", 3 * 1024 * 1024))

    expect(box.get_by_test_id("stFileChipIconError")).to_be_visible()
    assert shown_below(box).strip('"') == arabic(REFUSED_WORD)
    assert box.evaluate("e => getComputedStyle(e, '::after').direction") == "rtl"
    ARTIFACTS.joinpath("upload").mkdir(parents=True, exist_ok=True)
    area.screenshot(path=ARTIFACTS / "upload" / "refused-ar.png")
