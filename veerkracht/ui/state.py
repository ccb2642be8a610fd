"""Everything the app keeps per browser tab. All access to st.session_state goes through here.

The student's answers are one Answers object, apart from widget state: widgets are seeded from
it each time a step is shown, so moving back and forth keeps every answer.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from veerkracht.answers import Answers, Mode
from veerkracht.model import QuestionSet

ANSWERS_KEY = "veerkracht.answers"
FINISHED_KEY = "veerkracht.finished"
NOTICE_KEY = "veerkracht.notice"
LAST_ACTIVE_KEY = "veerkracht.last_active"
SCROLL_KEY = "veerkracht.scroll_top"
QUESTION_KEY_PREFIX = "q."


def current_answers() -> Answers | None:
    return st.session_state.get(ANSWERS_KEY)


def start_conversation(
    question_set: QuestionSet, language: str, mode: Mode, nickname: str = ""
) -> Answers:
    """A new, empty conversation; any earlier one in this tab is forgotten."""
    clear()
    answers = Answers.start(question_set, language, mode=mode, nickname=nickname.strip()[:40])
    st.session_state[ANSWERS_KEY] = answers
    request_scroll_top()
    return answers


def replace_answers(answers: Answers, finished: bool = False) -> None:
    """Continue with other answers, e.g. from a session file the student brought."""
    clear()
    st.session_state[ANSWERS_KEY] = answers
    st.session_state[FINISHED_KEY] = finished
    request_scroll_top()


def clear() -> None:
    """Forget the conversation and what its widgets held."""
    for key in list(st.session_state.keys()):
        if key in (ANSWERS_KEY, FINISHED_KEY) or str(key).startswith(QUESTION_KEY_PREFIX):
            del st.session_state[key]


def is_finished() -> bool:
    return bool(st.session_state.get(FINISHED_KEY, False))


def set_finished(finished: bool) -> None:
    st.session_state[FINISHED_KEY] = finished


def request_scroll_top() -> None:
    """The next screen starts at its top, not where the last one was scrolled to."""
    st.session_state[SCROLL_KEY] = st.session_state.get(SCROLL_KEY, 0) + 1


def pop_scroll_top() -> int | None:
    """A fresh number when the screen should scroll to its top, else None."""
    return st.session_state.pop(SCROLL_KEY, None)


def set_language(language: str) -> None:
    answers = current_answers()
    if answers is not None:
        answers.language = language


def widget_value(key: str, default: Any = None) -> Any:
    """What a widget held after the last interaction, before it is drawn again."""
    return st.session_state.get(key, default)


def add_notice(word_key: str, **params: Any) -> None:
    """A message for the next screen, shown once (e.g. after loading a session file)."""
    st.session_state.setdefault(NOTICE_KEY, []).append((word_key, params))


def pop_notices() -> list[tuple[str, dict[str, Any]]]:
    return st.session_state.pop(NOTICE_KEY, [])


def touch(idle_minutes: int) -> bool:
    """Note activity; True when the tab was idle too long and the conversation was forgotten."""
    now = time.monotonic()
    last = st.session_state.get(LAST_ACTIVE_KEY)
    st.session_state[LAST_ACTIVE_KEY] = now
    if last is not None and now - last > idle_minutes * 60 and current_answers() is not None:
        clear()
        return True
    return False
