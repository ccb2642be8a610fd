"""Choosing a session file, with a message in the student's language for every refusal.

Streamlit's uploader refuses a file that is too big, or not .json, in the browser: the file never
reaches the app, and all the student gets is a red icon with an English hover text. A style
beside the uploader shows our own words under it whenever it holds such a refused file. A file
the browser lets through is judged by the session loader, whose message the caller shows.
"""

from __future__ import annotations

import streamlit as st

from veerkracht import limits
from veerkracht.interface import Words
from veerkracht.ui.language import FSI, PDI, direction_of
from veerkracht.ui.layout import css_string

FILE_TYPE = ".json"
REFUSED_WORD = "session.not_json"  # true for both: a file too big or not .json is no conversation
REFUSED_STYLE = """<style>
.{key_class}:has([data-testid="stFileChipIconError"])::after {{
  content: "{message}";
  display: block;
  margin-top: 0.5rem;
  padding: 0.5rem 0.75rem;
  border-radius: 0.5rem;
  background: #FDECEA;
  color: #7A1C12;
}}
</style>"""


def key_class(key: str) -> str:
    """The class Streamlit gives the element of a widget with this key."""
    return "st-key-" + "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "-" for c in key.strip())


def session_upload(label: str, key: str, words: Words) -> bytes | None:
    """An uploader for one session file; the file's bytes once one is chosen and let through."""
    message = css_string(words(REFUSED_WORD))
    st.html(REFUSED_STYLE.format(key_class=key_class(key), message=message))
    upload = st.file_uploader(file_type_isolated(label, words.lang), type=[FILE_TYPE.lstrip(".")], key=key,
                              max_upload_size=limits.UPLOAD_MB)
    return None if upload is None else upload.getvalue()


def file_type_isolated(label: str, lang: str) -> str:
    """On a right-to-left page, ".json" in the label keeps its dot in front: "(.json)", not "(json.)"."""
    if direction_of(lang) != "rtl":
        return label
    return label.replace(FILE_TYPE, f"{FSI}{FILE_TYPE}{PDI}")
