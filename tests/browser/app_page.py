"""The app as a person sees it in the browser: find things by their visible words, wait for what
a person waits for (the page done updating, the next step's title), and keep screenshots.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page, expect

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}

# Streamlit scrolls inside its own container; for a picture of the whole page it must not.
WHOLE_PAGE = """
[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  overflow: visible !important; height: auto !important; position: static !important;
}"""

# Counts finished script runs, so a test can wait for the run its click started, not a fixed time.
RUN_WATCHER = """(() => {
  if (window.top !== window) return;
  window.vkRunsDone = 0;
  const watch = () => new MutationObserver((records) => {
    for (const record of records) {
      const now = record.target.getAttribute("data-test-script-state");
      if (now === "notRunning" && record.oldValue !== "notRunning") window.vkRunsDone += 1;
    }
  }).observe(document.documentElement, {
    subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
  });
  if (document.documentElement) watch(); else document.addEventListener("DOMContentLoaded", watch);
})();"""


def install_watchers(context: BrowserContext) -> None:
    context.add_init_script(RUN_WATCHER)


def open_app(page: Page, path: str = "/") -> None:
    """Open the app and wait until its first screen is drawn."""
    page.goto(path)
    expect(page.get_by_test_id("stApp")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("heading").first).to_be_visible()
    settled(page)


def settled(page: Page) -> None:
    """Wait until the page stops updating: no run going on and nothing greyed out as stale."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator('[data-stale="true"]')).to_have_count(0)


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
        self.count += 1
        path = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{_slug(step)}.png"
        page.screenshot(path=path, full_page=True, style=WHOLE_PAGE, animations="disabled", caret="hide")
        return path


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
