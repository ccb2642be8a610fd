"""What every screen shares: calm styling, the top bar, progress, level banner and navigation."""

from __future__ import annotations

import html
import json
from contextlib import AbstractContextManager, nullcontext

import streamlit as st

from veerkracht.interface import REFERENCE_LANGUAGE, Words
from veerkracht.levels import LEVEL_STYLES, Level
from veerkracht.ui import coach, focus, read_aloud

# Bigger tap targets and question text; calm spacing. Colours come from the theme.
STYLE = """
<style>
.stButton button, .stFormSubmitButton button, .stDownloadButton button, .stPopover button {
  min-height: 3rem; font-size: 1.05rem; border-radius: 0.75rem;
}
[data-testid="stButtonGroup"] button { min-height: 2.75rem; font-size: 1.05rem; }
/* A choice with the Dutch beneath it grows to hold both lines, never cut at the top or bottom. */
[data-testid="stButtonGroup"] button { height: auto; padding-top: 0.3rem; padding-bottom: 0.3rem; }
/* A long choice ("... or foster parent or guardian") wraps on a phone instead of ending in "...". */
[data-testid="stButtonGroup"] button, [data-testid="stButtonGroup"] button div,
[data-testid="stButtonGroup"] button p {
  white-space: normal; text-overflow: clip; overflow: visible; overflow-wrap: break-word;
}
/* Scripts that show nothing (focus after Toevoegen, Enter in a name box) take no room; a warning
   drawn later in the same place shows, as the rule follows what is inside, not the place. */
[data-testid="stElementContainer"]:has(script[data-added]):not(:has(.vk-said)),
[data-testid="stElementContainer"]:has(.vk-enter-moves-on):not(:has(.vk-said)) { display: none; }
/* Words as Streamlit's caption shows them, in an element that also holds other things. */
.vk-said, .vk-help { font-size: 0.875rem; line-height: 1.6; color: #5C6168; margin: 0; }
.vk-question-head .vk-help { margin-top: 1.25rem; }  /* as far below the title as a caption was */
.vk-help + .vk-also { margin-top: 0; }
/* A row of a list (entry_rows): its words fill the first line, its buttons and an open form follow. */
[data-testid="stHorizontalBlock"][class*="-row"] > :has(> [data-testid="stMarkdown"]),
[data-testid="stHorizontalBlock"][class*="-row"] > :has([data-testid="stForm"]) { flex: 1 1 100%; }
/* Its Wijzigen while its form is open: coloured by the style, not by another button type, which
   would draw a new button and lose the focus of a keyboard that pressed it. */
[class*="-row"]:has([data-testid="stForm"]) > [class*="-edit"] button {
  background-color: #1B5E8C; border-color: #1B5E8C; color: #FFFFFF; }
.vk-question { font-size: 1.2rem; font-weight: 600; margin: 0.25rem 0; padding: 0; }
.vk-banner { display: inline-block; border-radius: 2rem; padding: 0.3rem 0.9rem; font-weight: 600;
  border: 2px solid; color: #1F2328; }
.st-key-coach details { border-inline-start: 0.4rem solid #5E4B8B; background: #F3F0F8; }
/* For a coach who reads Dutch: the same text, small, beneath the student's language. */
.vk-also { font-size: 0.9rem; color: #4A4F55; margin: 0.1rem 0 0.3rem; font-weight: 400; }
.vk-question + .vk-also { margin-top: 0; }
.vk-also-tip { padding-inline-start: 1.5em; }  /* under the tip's words, not under its dot */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > .vk-also:only-child) {
  margin-top: -0.8rem; }
[data-testid="stButtonGroup"] p > span[style*="font-size"] {
  display: block; color: #4A4F55; font-weight: 400; direction: ltr; unicode-bidi: isolate; }
/* Phone numbers, e-mail and web addresses read left to right, also on a right-to-left page. */
a[href^="tel:"], a[href^="mailto:"], a[href^="http"] { unicode-bidi: isolate; direction: ltr; }
.block-container { padding-top: 2rem; max-width: 46rem; }
/* The start screen's sets (key "start.set"): a set's description and minutes are Streamlit's caption
   beside its round button, not in it; a layer of the button's label over the whole option makes a
   tap anywhere on it choose the set. Here, not beside the choice: one style sheet less to apply. */
.st-key-start-set [role="radiogroup"] > div { position: relative; }
.st-key-start-set [data-testid="stRadioOption"] { position: static; }
.st-key-start-set [data-testid="stRadioOption"]::before {
  content: ""; position: absolute; inset: 0; cursor: pointer; }
/* An icon on its own in colour, also where the text font has a black sign for it (☕, 🔒). */
[data-testid="stIconEmoji"], .vk-icon { font-variant-emoji: emoji; }
/* Captions darker than Streamlit's faded text: at least 4.5:1 on every background used here. */
[data-testid="stCaptionContainer"] { color: #5C6168; opacity: 1; transition: none; }
/* A clear focus ring where Streamlit's own is faint: the page, round options, text boxes. */
[data-testid="stMain"]:focus-visible { outline: 3px solid #1B5E8C; outline-offset: -3px; }
[data-testid="stRadioOption"]:has(input:focus-visible),
[data-testid="stTextInputRootElement"]:focus-within, [data-testid="stTextAreaRootElement"]:focus-within {
  outline: 3px solid #1B5E8C; outline-offset: 2px; border-radius: 0.5rem; }
/* Streamlit's own hints are English only ("Press Enter to apply", "1MB per file"); the limit
   counter stays, and the upload button gets its words from the language (see apply_style). */
[data-testid="InputInstructions"] > span:not(:last-child) { display: none; }
[data-testid="InputInstructions"] > span:last-child::before { content: none; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
/* Help and language stay at the top of the screen while the page scrolls, on a band of their own:
   what scrolls up goes under the band, not under loose buttons, and whatever the page scrolls to
   (a new step, the next field with Tab, a jump) stops below it, never behind it. */
[data-testid="stMain"] { scroll-padding-top: 4.75rem; }
[data-testid="stLayoutWrapper"]:has(> .st-key-top) {  /* the background: the theme's, in config.toml */
  position: sticky; top: 0; z-index: 999; background: #FBFAF7; padding: 0.5rem 0; margin-top: -0.5rem; }
@media (max-width: 640px) {
  .block-container { padding-left: 1rem; padding-right: 1rem; }
  [data-testid="stButtonGroup"] button { padding-left: 0.6rem; padding-right: 0.6rem; }
  /* On a phone joined choices become tiles that share each row: a long word wraps inside its tile
     ("Soms thuis"), a row that does not fit breaks, and each row is filled from edge to edge. */
  [data-testid="stElementContainer"]:has(> [data-testid="stButtonGroup"]
    button[data-variant="segmented_control"]),
  [data-testid="stButtonGroup"]:has(button[data-variant="segmented_control"]),
  [role="radiogroup"]:has(> button[data-variant="segmented_control"]) {
    width: 100%; max-width: none; gap: 0.25rem; }
  .block-container button[data-variant="segmented_control"], [data-testid="stPopoverBody"]
  button[data-variant="segmented_control"] {
    flex: 1 1 0; min-width: min-content; height: auto; border-radius: 0.5rem; white-space: normal;
    padding-left: 0.4rem; padding-right: 0.4rem; }
  button[data-variant="segmented_control"] * { white-space: normal; overflow-wrap: normal; word-break: normal;
  }
}
</style>
"""
# A right-to-left page: the page and everything that opens over it (help, language) mirror; the
# progress bar fills from the right. Phone numbers, e-mail and web addresses stay left to right
# everywhere (above), and texts in another direction are isolated where they are written.
RTL_STYLE = """<style>
/* Streamlit joins choices by hiding the border beside the chosen one and a -1px margin on the
   right, both for left to right; mirrored, the hidden border faced away and looked cut. */
button[data-variant="segmented_control"] { margin-right: 0 !important; }
button[data-variant="segmented_control"]:not([aria-checked="true"]) {
  border-color: rgba(31, 35, 40, 0.2) !important; }
.block-container, [data-testid="stPopoverBody"], [data-testid="stTooltipContent"] { direction: rtl; }
.block-container [data-testid="stElementContainer"], .block-container h1, .block-container h2,
.block-container h3, .block-container h4, [data-testid="stPopoverBody"],
[data-testid="stPopoverBody"] [data-testid="stElementContainer"] { text-align: start; }
[data-testid="stProgress"] [role="progressbar"] { transform: scaleX(-1); }
.block-container :is(ul, ol), [data-testid="stPopoverBody"] :is(ul, ol) {
  padding-left: 0; padding-right: 1.5em; text-align: start; }
.block-container li, [data-testid="stPopoverBody"] li { text-align: start; }
[data-testid="stButtonGroup"] p > span[style*="font-size"] { text-align: right; }
/* Joined choices read from the right: their round corners on the outer sides, right and left. */
@media (min-width: 641px) {
  button[data-variant="segmented_control"]:first-child { border-radius: 0 0.5rem 0.5rem 0; }
  button[data-variant="segmented_control"]:last-child { border-radius: 0.5rem 0 0 0.5rem; }
  button[data-variant="segmented_control"]:only-child { border-radius: 0.5rem; }
}
/* The count of letters stands at the end of the box, the left, away from where typing begins. */
.block-container [data-testid="InputInstructions"] { right: auto; left: 0.5rem; }
</style>"""
# The page's language, for screen readers and for the voice the browser picks, is set on <html>.
# A part in another language (a text the set has only in its default language) sits in a container
# keyed "lang-<code>-…", and gets that `lang` too, also when it is drawn later; so does the small
# Dutch inside a choice (the only small text in a choice: see widgets.labelled). Streamlit's link
# to skip to the content, the first stop of Tab, speaks the page's language too.
PAGE_LANGUAGE_SCRIPT = """<script data-lang="{lang}">
document.documentElement.lang = "{lang}";
window.vkSkipText = "{skip}";
if (!window.vkMarkLanguages) {{
  window.vkMarkLanguages = () => {{
    for (const part of document.querySelectorAll('[class*="st-key-lang-"]')) {{
      const found = /(?:^|\\s)st-key-lang-([a-z]{{2,3}})-/.exec(part.className);
      if (found && part.lang !== found[1]) part.lang = found[1];
    }}
    const skip = document.querySelector('[data-testid="stSkipToContent"]');  // Streamlit's English
    if (skip && skip.textContent !== window.vkSkipText) skip.textContent = window.vkSkipText;
    const small = '[data-testid="stButtonGroup"] p > span[style*="font-size"]';
    for (const part of document.querySelectorAll(small)) {{
      if (part.lang !== "{reference}") part.lang = "{reference}";
    }}
  }};
  new MutationObserver(window.vkMarkLanguages).observe(document.body, {{childList: true, subtree: true}});
}}
window.vkMarkLanguages();
</script>"""


UPLOAD_BUTTON_STYLE = (
    '<style>[data-testid="stFileUploaderDropzone"] button > div::after {{ content: "{label}"; }}</style>'
)


# The 🔊 buttons' style and script, where the focus goes around chips, and where the coach's tips
# stand: once per page.
PAGE_SCRIPTS = read_aloud.page_part() + focus.PAGE_SCRIPT + coach.BESIDE_STYLE


def apply_style(words: Words) -> None:
    upload = UPLOAD_BUTTON_STYLE.format(label=css_string(words("button.choose_file")))
    page_language = PAGE_LANGUAGE_SCRIPT.format(lang=css_string(words.lang), reference=REFERENCE_LANGUAGE,
                                                skip=script_string(words("nav.skip_to_content")))
    st.html(STYLE + upload + (RTL_STYLE if words.direction == "rtl" else "") + page_language + PAGE_SCRIPTS,
            unsafe_allow_javascript=True)


def in_language(text_lang: str, page_lang: str, name: str) -> AbstractContextManager[object]:
    """Where a text in another language than the page is drawn: a part marked with its `lang`."""
    if text_lang == page_lang:
        return nullcontext()
    return st.container(key=f"lang-{text_lang}-{name}")


def arrows(words: Words) -> tuple[str, str]:
    """The arrows for back and forward, in the direction the page reads."""
    return ("➡️", "⬅️") if words.direction == "rtl" else ("⬅️", "➡️")


def css_string(text: str) -> str:
    """`text` safe inside a double-quoted CSS string in a <style> element (a school writes it)."""
    return "".join(c if c.isalnum() or c in " .,-" else f"\\{ord(c):x} " for c in text)


def script_string(text: str) -> str:
    """`text` safe inside a double-quoted JavaScript string in a <script> element."""
    return json.dumps(text)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")


def level_banner(level: Level, words: Words) -> None:
    """The level's icon, name and colour: the same on every screen and on the map."""
    style = LEVEL_STYLES[level]
    name = html.escape(words(style.word_key))
    st.html(
        f'<div class="vk-banner" role="note" style="background:{style.light};border-color:{style.colour}">'
        f'<span aria-hidden="true">{style.icon}</span> {name}</div>'
    )


def progress(step_index: int, total: int, words: Words) -> None:
    text = words("nav.step_of", n=step_index + 1, total=total)
    st.progress((step_index + 1) / total, text=text)


def scroll_to_top(marker: int) -> None:
    """After Volgende or Vorige, show the new step from its top; the marker makes each one new."""
    st.html(
        f'<script data-step="{marker}">'
        'document.querySelector(\'[data-testid="stMain"]\')?.scrollTo(0, 0); window.scrollTo(0, 0);'
        "</script>",
        unsafe_allow_javascript=True,
    )
