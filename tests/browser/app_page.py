"""The app as a person sees it in the browser: find things by their visible words, wait for what
a person waits for (the page done updating, the next step's title), and keep screenshots.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page, expect

from veerkracht.ui.tab_key import KEPT_NAME as TAB_KEY_TAKEN  # set once the app has the tab's key

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DOWNLOADS = ARTIFACTS / "downloads"
# With UPDATE_DOCS_SCREENSHOTS=1 the run also refreshes the few pictures the README shows.
DOCS_PICTURES = REPO / "docs" / "screenshots"
VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}

# Streamlit scrolls inside its own container; for a picture of the whole page it must not.
WHOLE_PAGE = """
[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  overflow: visible !important; height: auto !important; position: static !important;
}"""

# Counts finished script runs, so a test can wait for the run its click started, not a fixed time.
# It reads Streamlit's "script finished" message (ForwardMsg field 6) off the websocket: a quick run
# can start and finish within one render, so the page's script-state attribute may never change.
RUN_WATCHER = """(() => {
  if (window.top !== window) return;
  window.vkRunsDone = 0;
  const SCRIPT_FINISHED = 6, EARLY_FOR_RERUN = 2;
  const finishedRun = (bytes) => {
    let at = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[at++]; value += (byte & 127) * 2 ** shift; shift += 7; } while (byte & 128);
      return value;
    };
    while (at < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field === SCRIPT_FINISHED) return varint() !== EARLY_FOR_RERUN;
      // The length is read before `at` moves past it: `at += varint()` would add to the old `at`.
      if (wire === 0) varint(); else if (wire === 2) { const length = varint(); at += length; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4; else return false;
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data instanceof ArrayBuffer && finishedRun(new Uint8Array(data))) window.vkRunsDone += 1;
      });
    }
  };
})();"""


def install_watchers(context: BrowserContext) -> None:
    context.add_init_script(RUN_WATCHER)


def open_app(page: Page, path: str = "/") -> None:
    """Open the app and wait until its first screen is drawn and the tab has handed the app its
    key (one more run, right after the first): the first press is then answered by its own run."""
    page.goto(path)
    expect(page.get_by_test_id("stApp")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("heading").first).to_be_visible()
    page.wait_for_function("name => window.sessionStorage.getItem(name) !== null", arg=TAB_KEY_TAKEN)
    settled(page)


def settled(page: Page) -> None:
    """Wait until the page stops updating: no run going on, nothing greyed out as stale, and no grey
    placeholder left where an element's code is still loading."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    expect(page.locator('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]')).to_have_count(0)


@contextmanager
def rerun(page: Page) -> Iterator[None]:
    """Wait, after the body, for the app to answer it: one more finished run, then settled."""
    before = page.evaluate("window.vkRunsDone")
    yield
    page.wait_for_function("before => window.vkRunsDone > before", arg=before)
    settled(page)


def page_of(scope: Page | Locator) -> Page:
    return scope if isinstance(scope, Page) else scope.page


def in_form(element: Locator) -> bool:
    """Inside a form nothing is sent until its button is pressed, so there is no run to wait for."""
    return element.evaluate("e => Boolean(e.closest('[data-testid=\"stForm\"]'))")


def question(page: Page, text: str) -> Locator:
    """The box of one question, found by the question as the student reads it."""
    return page.locator('[class*="st-key-box-"]').filter(has=page.get_by_role("heading", name=text))


def heading(page: Page, title: str, level: int = 2) -> Locator:
    return page.get_by_role("main").get_by_role("heading", name=title, exact=True, level=level)


def _click_and_wait(element: Locator) -> None:
    if in_form(element):
        element.click()
        return
    with rerun(page_of(element)):
        element.click()


def choose(scope: Page | Locator, name: str) -> None:
    """Pick one option (round buttons, a row of buttons or a pill) by the words on it."""
    option = scope.get_by_role("radio", name=name, exact=True)
    if option.is_checked():
        return  # already chosen: a click changes nothing, so the app has nothing to answer
    target = option
    if option.evaluate("e => e.tagName === 'INPUT'"):
        target = option.locator("xpath=ancestor::label[1]")  # the real input hides under its label
    _click_and_wait(target)
    expect(option).to_be_checked()


def toggle(scope: Page | Locator, name: str) -> None:
    """Turn one of several pills on or off."""
    pill = scope.get_by_role("button", name=name, exact=True)
    was_on = pill.get_attribute("aria-pressed") == "true"
    _click_and_wait(pill)
    expect(pill).to_have_attribute("aria-pressed", "false" if was_on else "true")


def type_text(scope: Page | Locator, label: str, text: str) -> None:
    """Type into a text box key by key, then leave it, as a person does."""
    box = scope.get_by_role("textbox", name=label, exact=True)
    box.click()
    box.press_sequentially(text)
    if in_form(box):
        box.press("Tab")
    else:
        with rerun(page_of(box)):
            box.press("Tab")
    expect(box).to_have_value(text)


def press(scope: Page | Locator, name: str) -> None:
    """Press a button by its words and wait for the app to answer."""
    with rerun(page_of(scope)):
        scope.get_by_role("button", name=name, exact=True).click()


def go_to_step(page: Page, button: str, title: str) -> None:
    """Press Volgende (or Vorige, Klaar) and wait until the next step's title is there."""
    with rerun(page):
        page.get_by_role("button", name=button, exact=True).click()
        expect(heading(page, title)).to_be_visible()
    settled(page)


def download(scope: Page | Locator, name: str, save_as: str) -> Path:
    """Press a download button and keep the file it gives, in test-artifacts/downloads/."""
    page = page_of(scope)
    with page.expect_download() as started:
        scope.get_by_role("button", name=name, exact=True).click()
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    path = DOWNLOADS / save_as
    started.value.save_as(path)
    return path


def upload(scope: Page | Locator, label: str, file: Path) -> None:
    """Choose a file in a file box, found by its label, and wait for the app to answer."""
    box = scope.get_by_test_id("stFileUploader").filter(has_text=label)
    field = box.locator('input[type="file"]')
    field.wait_for(state="attached")  # a fold-out may draw its file box in the run its opening started
    settled(page_of(scope))
    with rerun(page_of(scope)):
        field.set_input_files(file)


def open_expander(scope: Page | Locator, summary: str) -> Locator:
    """Open a fold-out (expander) by its words; returns its contents."""
    details = scope.locator("details").filter(has=scope.locator("summary", has_text=summary)).first
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    return details


class Screenshots:
    """Numbered pictures of every step of one test, to look at after the run."""

    def __init__(self, test_name: str, viewport: str):
        self.prefix = f"{_slug(test_name)}-{viewport}"
        self.count = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{self.prefix}-*.png"):
            old.unlink()

    def __call__(self, page: Page, step: str) -> Path:
        settled(page)
        path = self.next_path(step)
        page.screenshot(path=path, full_page=True, style=WHOLE_PAGE, animations="disabled", caret="hide")
        return path

    def next_path(self, step: str) -> Path:
        """Where the next picture goes, also for one made another way (a page of the PDF)."""
        self.count += 1
        return SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{_slug(step)}.png"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def docs_wanted() -> bool:
    return os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1"


def docs_picture(page: Page, name: str, top: Locator | None = None) -> None:
    """One screenful for the README (only with UPDATE_DOCS_SCREENSHOTS=1), `top` scrolled to the top."""
    if not docs_wanted():
        return
    if top is None:
        page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    else:
        top.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.evaluate("document.activeElement?.blur()")  # no focus ring or hover left from the last click
    page.mouse.move(0, 0)
    settled(page)
    DOCS_PICTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=DOCS_PICTURES / f"{name}.png", animations="disabled", caret="hide")
