"""Where the focus goes around a group of chips, so that a tap lands on what the finger aimed at.

A group of chips (st.pills, st.segmented_control) remembers the chip that had the focus when the
focus left the group, and when the focus comes back into it (the next chip tapped) it sends the
focus to that remembered chip instead, scrolling the page to it. After Toevoegen that chip is the
one tapped before; when it sits under the sticky top band the page moves under the finger and the
tap lands beside the chip. Focusing a chip from outside the group is sent on the same way, so one
focus() never lands: the first call makes the group give up the chip it remembers, the second one
lands. The page is put back where it was in between, before anything is painted.
"""

from __future__ import annotations

# Once per page (in the page's one style element, see page_part): a chip pressed while its group
# does not hold the focus gets it straight away, and the page does not move; and Enter in a text
# box of an add section (marked by ENTER_MARK) moves on to the next choice in that form (how
# close), as Tab does; it never sends the form. Only the Toevoegen button adds.
PAGE_SCRIPT = """<script>(() => {
  const GROUP = '[data-testid="stButtonGroup"]';
  if (window.vkFocusChip) return;
  const focusChip = window.vkFocusChip = (chip, show) => {
    const page = document.querySelector('[data-testid="stMain"]'), top = page && page.scrollTop;
    const x = window.scrollX, y = window.scrollY;
    chip.focus({preventScroll: true});
    if (page) page.scrollTop = top;
    window.scrollTo(x, y);
    chip.focus({preventScroll: !show});
  };
  document.addEventListener("pointerdown", (event) => {
    const chip = event.target instanceof Element && event.target.closest(`${GROUP} button`);
    if (chip && !chip.closest(GROUP).contains(document.activeElement)) focusChip(chip);
  }, true);
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || event.isComposing || !(field instanceof HTMLInputElement)) return;
    const form = field.closest('[data-testid="stVerticalBlock"]:has(> * .vk-enter-moves-on)');
    if (!form) return;
    const later = (element) => field.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING;
    const group = Array.from(form.querySelectorAll(GROUP)).find(later);
    if (!group) return;
    event.preventDefault();
    const chosen = group.querySelector('button[aria-checked="true"], button[aria-pressed="true"]');
    const target = chosen || group.querySelector("button");
    setTimeout(() => target && focusChip(target, true), 0);
  }, true);
})();</script>"""

# In every add section (with its focus script, one element less per run): Enter in its text box
# goes to the next choice (PAGE_SCRIPT).
ENTER_MARK = '<span class="vk-enter-moves-on" hidden></span>'

# After each Toevoegen (the count makes the script new, so it runs again): when the focus is still
# on Toevoegen, or gone with a chip that was taken away, it goes to the section's first chip,
# without scrolling; never to a text box, which would open a phone's keyboard.
FOCUS_SCRIPT = """<script data-added="{count}">(() => {{
  const section = document.querySelector(".{section}"), now = document.activeElement;
  const chip = section && section.querySelector('[data-testid="stButtonGroup"] button');
  const seen = window.vkAdded || (window.vkAdded = {{}}), before = seen["{section}"];
  seen["{section}"] = {count};  // drawn again (a reload, back to this step): nothing was added
  const left = !now || now === document.body || now.closest(".{button}");
  if (chip && left && before !== undefined && before !== {count} && window.vkFocusChip) {{
    window.vkFocusChip(chip, now && now.matches(":focus-visible"));  // from the keyboard: brought into view
  }}
}})();</script>"""


def focus_script(section_key: str, button_key: str, count: int) -> str:
    """The script for one add section; `count` is how many times its Toevoegen added something."""
    from veerkracht.ui.upload import key_class  # here: upload's module leads back to the widgets

    return ENTER_MARK + FOCUS_SCRIPT.format(count=count, section=key_class(section_key),
                                            button=key_class(button_key))


# After Bewaren or Annuleren the row's form closes and the page below it moves up: the row's own
# Wijzigen gets the focus and is brought into view, so the student sees the row they just changed
# (and a keyboard goes on from there, not from the top of the page). `count` makes it run again.
BACK_TO_ROW_SCRIPT = """<script data-added="{count}">(() => {{
  const seen = window.vkClosed || (window.vkClosed = {{}});
  if (seen["{button}"] === {count}) return;  // drawn again in another place: nothing newly closed
  seen["{button}"] = {count};
  const button = document.querySelector(".{button} button");
  if (!button) return;
  button.focus({{preventScroll: true}});
  button.scrollIntoView({{block: "nearest"}});
}})();</script>"""


def back_to_row_script(edit_key: str, count: int) -> str:
    """The script after a row's form closed; `edit_key` is the key of that row's Wijzigen."""
    from veerkracht.ui.upload import key_class

    return BACK_TO_ROW_SCRIPT.format(count=count, button=key_class(edit_key))
