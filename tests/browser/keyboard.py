"""The same actions as app_page, with the keyboard only: Tab and Shift+Tab to get somewhere, the
arrow keys inside a group of options, Space or Enter to pick or press. At every place the focus
stops on the way, the focus must be visible.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .app_page import heading, in_form, page_of, rerun, settled
from .student import Hands

MAX_KEY_PRESSES = 300

# Where the focus is, seen from an area of the page: in it, or the area comes after or before it.
WHERE_IS_FOCUS = """area => {
  const active = document.activeElement;
  if (area === active || area.contains(active)) return "inside";
  if (!active || active === document.body) return "after";
  return active.compareDocumentPosition(area) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
}"""

# A ring a person can see: an outline of 2px or more, or a box-shadow, on the focused element or
# on the box drawn around it (a text box's frame, a round option's row), at most two levels up.
FOCUS_SHOWN = """() => {
  let element = document.activeElement;
  if (!element || element === document.body) return true;
  for (let level = 0; level < 3 && element; level += 1, element = element.parentElement) {
    const style = getComputedStyle(element);
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) return true;
    if (style.boxShadow !== "none") return true;
  }
  return false;
}"""

DESCRIBE_FOCUS = """() => {
  const e = document.activeElement, name = e.getAttribute("aria-label") || e.innerText || "";
  return `${e.tagName.toLowerCase()} "${name.trim().slice(0, 60)}"`;
}"""


class Keyboard:
    """Keyboard-only hands for a Student; `stops` counts the focus stops checked on the way."""

    def __init__(self, page: Page):
        self.page = page
        self.stops = 0

    def hands(self) -> Hands:
        return Hands(choose=self.choose, toggle=self.toggle, type_text=self.type_text, press=self.press,
                     go_to_step=self.go_to_step, open_expander=self.open_expander)

    # Moving the focus.

    def key(self, name: str) -> None:
        self.page.keyboard.press(name)
        self.expect_focus_visible()

    def expect_focus_visible(self) -> None:
        self.stops += 1
        try:
            self.page.wait_for_function(FOCUS_SHOWN, timeout=20_000)
        except Exception as error:  # Playwright's timeout says nothing about what had the focus
            raise AssertionError(f"no visible focus on {self.page.evaluate(DESCRIBE_FOCUS)}") from error

    def tab_to(self, area: Locator) -> None:
        """Tab forwards or backwards until the focus is in `area`."""
        self._move_focus_into(area, forward="Tab", back="Shift+Tab")

    def arrow_to(self, option: Locator) -> None:
        """Into the option's group with Tab, then to the option with the arrow keys."""
        self.tab_to(option.locator("xpath=ancestor::*[@data-testid='stButtonGroup'][1]"))
        self._move_focus_into(option, forward="ArrowRight", back="ArrowLeft")

    def _move_focus_into(self, target: Locator, forward: str, back: str) -> None:
        for _ in range(MAX_KEY_PRESSES):
            where = target.evaluate(WHERE_IS_FOCUS)
            if where == "inside":
                return
            self.key(forward if where == "after" else back)
        raise AssertionError(f"{forward} and {back} cannot reach {target}")

    def activate(self, element: Locator, key: str) -> None:
        if in_form(element):
            self.key(key)
            return
        with rerun(self.page):
            self.key(key)

    # The actions a Student uses.

    def choose(self, scope: Page | Locator, name: str) -> None:
        option = scope.get_by_role("radio", name=name, exact=True)
        if option.is_checked():
            return
        if option.evaluate("e => e.tagName === 'INPUT'"):
            # Round buttons: the arrow keys move the choice itself, and each move is sent.
            self.tab_to(option.locator("xpath=ancestor::*[@role='radiogroup'][1]"))
            for _ in range(MAX_KEY_PRESSES):
                if option.is_checked():
                    break
                where = option.evaluate(WHERE_IS_FOCUS)
                with rerun(self.page):
                    self.key("ArrowDown" if where == "after" else "ArrowUp")
        else:
            self.arrow_to(option)
            self.activate(option, "Space")
        expect(option).to_be_checked()

    def toggle(self, scope: Page | Locator, name: str) -> None:
        pill = scope.get_by_role("button", name=name, exact=True)
        was_on = pill.get_attribute("aria-pressed") == "true"
        self.arrow_to(pill)
        self.activate(pill, "Space")
        expect(pill).to_have_attribute("aria-pressed", "false" if was_on else "true")

    def type_text(self, scope: Page | Locator, label: str, text: str) -> None:
        box = scope.get_by_role("textbox", name=label, exact=True)
        self.tab_to(box)
        self.page.keyboard.type(text)
        self.activate(box, "Tab")
        expect(box).to_have_value(text)

    def press(self, scope: Page | Locator, name: str) -> None:
        button = scope.get_by_role("button", name=name, exact=True)
        self.tab_to(button)
        with rerun(page_of(scope)):
            self.key("Enter")

    def go_to_step(self, page: Page, button: str, title: str) -> None:
        self.tab_to(page.get_by_role("button", name=button, exact=True))
        with rerun(page):
            self.key("Enter")
            expect(heading(page, title)).to_be_visible()
        settled(page)

    def open_expander(self, scope: Page | Locator, summary: str) -> Locator:
        details = scope.locator("details").filter(has=scope.locator("summary", has_text=summary)).first
        if details.get_attribute("open") is None:
            self.tab_to(details.locator("summary"))
            self.key("Enter")
        expect(details).to_have_attribute("open", "")
        return details
