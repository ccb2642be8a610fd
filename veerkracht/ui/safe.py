"""Student text as plain text in every Streamlit element that reads Markdown.

st.markdown, captions, messages, and the labels and tooltips of buttons and pills all read
Markdown: bold, links, images that the browser would fetch from another site, `:red[...]`
colours, `$...$` formulas. A name like `**Sam**` or `[oma](https://...)` must show as typed.
Everything a student typed or a session file brought passes through `plain` on its way there.
What a school wrote may keep its bold and italics, but never fetch a picture or plant a link: it
passes through `school_markdown`. This module never imports Streamlit, so question widgets can use it too.
"""

from __future__ import annotations

import re
import string

from veerkracht.model_fields import inert_markdown
from veerkracht.text import clean_text
from veerkracht.ui.language import isolated_name

# CommonMark lets a backslash escape any ASCII punctuation, and then shows it as itself.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# Streamlit's Markdown turns web and e-mail addresses in text into links, escaped or not. An invisible
# zero-width space before "://", "@" and the dot after "www" keeps them text.
_LINK_START = re.compile(r"(?=://)|(?=@)|(?i:(?<=www)(?=\.))")


def plain(text: str) -> str:
    """Text that Markdown shows exactly as written: one line, no markup, no direction tricks.

    Control and direction characters (such as the right-to-left override) are dropped and line
    breaks become spaces, so a name cannot turn the rest of the page around or start a new block.
    A typed web or e-mail address stays text too, not a link. A name with right-to-left letters
    is isolated, so the words and marks around it keep their places on the page.
    """
    return isolated_name(_PUNCTUATION.sub(r"\\\1", _LINK_START.sub("\u200b", clean_text(text))))


def plain_html(text: str) -> str:
    """Text for HTML (escape it after): one line, no control or direction characters, a name with
    right-to-left letters isolated, as `plain` does for Markdown."""
    return isolated_name(clean_text(text))


def school_markdown(text: str) -> str:
    """A school's text as Markdown that shows its words, bold and italics, and loads nothing.

    `check` refuses pictures, HTML and links in a school's text; this keeps a file nobody checked
    harmless too: a picture or link shows as its characters. Streamlit shows raw HTML as text."""
    return inert_markdown(text)
