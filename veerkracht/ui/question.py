"""One question on screen: its text, its one-line help, its widget. The single place to add to."""

from __future__ import annotations

import html

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.questions import QuestionBase, WidgetContext
from veerkracht.ui.read_aloud import read_aloud_button
from veerkracht.ui.state import QUESTION_KEY_PREFIX
from veerkracht.ui.widgets import question_label


def widget_key(question: QuestionBase) -> str:
    return f"{QUESTION_KEY_PREFIX}{question.id}"


def show_question(question: QuestionBase, answers: Answers, ctx: WidgetContext) -> None:
    """Draw a question and put what the student chose into `answers`."""
    with st.container(border=True, key=f"box.{question.id}"):
        st.html(f'<h3 class="vk-question">{html.escape(question_label(question, ctx))}</h3>')
        read_aloud_button(question, ctx)
        if question.help is not None:
            st.caption(ctx.t(question.help))
        value = question.widget(answers.get(question.id), ctx)
    answers.set(question.id, None if question.is_empty(value) else value)
