"""What the presses since the last run changed: a question, or the page around the questions.

A question reruns on its own (st.fragment), but the browser sends presses that come together as
one run of the first one's question: a name typed and then Volgende tapped (which ends the typing)
arrive as a run of the name's question. Every callback notes what it changed; such a run gives way
to the whole page when anything outside its own question changed (see ui/conversation.py).
"""

from __future__ import annotations

import streamlit as st

CHANGED_KEY = "veerkracht.changed"
PAGE = ""  # the page outside the questions; a question is named by its widget key


def changed(scope: str) -> None:
    """In a callback: this press changed a question (its widget key) or the page (PAGE)."""
    st.session_state.setdefault(CHANGED_KEY, set()).add(scope)


def take_changed() -> set[str]:
    """What the presses since the last run changed; forgotten now."""
    return st.session_state.pop(CHANGED_KEY, None) or set()
