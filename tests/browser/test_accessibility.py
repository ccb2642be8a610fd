"""Accessibility in the browser: axe-core on every screen of the conversation in both viewports, the
whole conversation with the keyboard only, a visible focus everywhere, and the map in words.

Rules axe flags at a lower impact that come from Streamlit's own frontend are listed, with the
reason, in docs/accessibility.md; anything else fails here.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .app_page import ARTIFACTS, REPO, Screenshots, open_app, settled
from .keyboard import Keyboard
from .student import Student

pytestmark = pytest.mark.browser

# WCAG 2.1 A and AA, and axe's best practices on top (such as heading order).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
RESULT_KINDS = ("passes", "violations", "incomplete", "inapplicable")
RESULT_TYPES = ["violations", "incomplete"]  # in full; the other kinds only name their rules
ACCESSIBILITY_DOC = REPO / "docs" / "accessibility.md"
REPORTS = ARTIFACTS / "accessibility"
ANIMATIONS_DONE = """() => document.getAnimations().every(
  a => a.playState !== "running" || a.effect.getComputedTiming().iterations === Infinity)"""


def streamlit_rules() -> set[str]:
    """The rule ids in the doc's table of what Streamlit's frontend does and the app cannot change."""
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", ACCESSIBILITY_DOC.read_text(encoding="utf-8"), re.M))


class AxeOnEveryStep:
    """Runs axe on the page as it is; keeps what it found, per step, for the report."""

    def __init__(self, page: Page):
        self.page = page
        self.axe = Axe()
        self.found: dict[str, list[dict]] = {}
        self.rules_run = 0
        self.to_review: set[str] = set()  # what axe could not decide by itself ("incomplete")

    def __call__(self, step: str) -> None:
        settled(self.page)
        self.page.wait_for_function(ANIMATIONS_DONE)  # colours are judged as they end, not mid-fade
        options = {"runOnly": {"type": "tag", "values": RULE_TAGS}, "resultTypes": RESULT_TYPES}
        response = self.axe.run(self.page, options=options).response
        violations = response["violations"]
        self.rules_run = sum(len(response[kind]) for kind in RESULT_KINDS)
        for result in response["incomplete"]:
            for node in result["nodes"]:
                self.to_review.add(f'{result["id"]}: {node["target"][-1]}: {node["failureSummary"][-160:]}')
        self.found[step] = [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [" ".join(map(str, node["target"])) for node in v["nodes"]],
             "why": v["nodes"][0]["failureSummary"]}
            for v in violations
        ]

    def impacts(self) -> Counter:
        return Counter(v["impact"] for step in self.found.values() for v in step)

    def save(self, name: str) -> None:
        REPORTS.mkdir(parents=True, exist_ok=True)
        report = {"steps": len(self.found), "rules_run": self.rules_run, "impacts": self.impacts(),
                  "to_review": sorted(self.to_review), "found": self.found}
        (REPORTS / f"{name}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


def test_every_screen_passes_axe(page: Page, shots: Screenshots, viewport: str) -> None:
    axe = AxeOnEveryStep(page)

    def check(step: str) -> None:
        axe(step)
        shots(page, step)
        if step == "start":  # "Hulp nodig?" is on every screen: check it open once
            page.get_by_role("button", name=student.words("help.button")).click()
            expect(page.get_by_test_id("stPopoverBody")).to_be_visible()
            axe("start-help-open")
            shots(page, "start-help-open")
            page.keyboard.press("Escape")
            expect(page.get_by_test_id("stPopoverBody")).to_be_hidden()

    student = Student(page, "nl", after_step=check)
    student.whole_conversation()
    axe.save(f"axe-{viewport}")

    blocking = {step: [v for v in found if v["impact"] in BLOCKING] for step, found in axe.found.items()}
    assert not any(blocking.values()), json.dumps(blocking, indent=2)
    unexplained = {step: [v for v in found if v["rule"] not in streamlit_rules()]
                   for step, found in axe.found.items()}
    assert not any(unexplained.values()), (
        "fix these, or list them in docs/accessibility.md if only Streamlit can:\n"
        + json.dumps(unexplained, indent=2))


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_the_whole_conversation_works_with_the_keyboard_only(page: Page, shots: Screenshots) -> None:
    keyboard = Keyboard(page)
    student = Student(page, "nl", hands=keyboard.hands(), after_step=lambda step: shots(page, step))
    student.whole_conversation()
    assert keyboard.stops > 0
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = {"focus_stops_checked": keyboard.stops}
    (REPORTS / "keyboard.json").write_text(json.dumps(report), encoding="utf-8")


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_the_first_tab_offers_a_way_to_the_content_in_the_pages_words(page: Page, shots: Screenshots) -> None:
    student = Student(page, "nl")
    open_app(page)
    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    expect(focused).to_be_visible()
    expect(focused).to_have_text(student.words("nav.skip_to_content"))
    shots(page, "first-tab")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stMain")).to_be_focused()
