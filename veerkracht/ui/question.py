"""One question on screen: its text, its one-line help, its widget. The single place to add to."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.limits import ENTRIES
from veerkracht.questions import QuestionBase, WidgetContext
from veerkracht.text import LocalText
from veerkracht.ui.language import lang_attributes, local, reference_text, shown_language
from veerkracht.ui.language import reference_html as dutch_line
from veerkracht.ui.layout import in_language
from veerkracht.ui.presses import changed
from veerkracht.ui.read_aloud import read_aloud_html
from veerkracht.ui.state import QUESTION_KEY_PREFIX
from veerkracht.ui.widgets import question_label


def widget_key(question: QuestionBase) -> str:
    return f"{QUESTION_KEY_PREFIX}{question.id}"


_DRAWING = ContextVar("veerkracht.drawing_question", default=False)


def drawing_question() -> bool:
    """Whether a question is being drawn as a whole now (not a part of it rerunning alone)."""
    return _DRAWING.get()


def show_question(question: QuestionBase, answers: Answers, ctx: WidgetContext) -> None:
    """Draw a question and put what the student chose into `answers`.

    A button's callback changes the answer through `ctx.change` before the next run draws it, so
    the rows on screen are always the answer as it is now (one press, one visible effect).
    """
    drawing = _DRAWING.set(True)
    try:
        _show_question(question, answers, ctx)
    finally:
        _DRAWING.reset(drawing)


def _show_question(question: QuestionBase, answers: Answers, ctx: WidgetContext) -> None:
    ctx = replace(ctx, change=changer(question, answers))
    with st.container(border=True, key=f"box.{question.id}"):
        text_lang = shown_language(question.text, ctx.lang, ctx.default_lang)
        help_html = plain_help_html(question, ctx)
        st.html(  # title, 🔊 and help in one element: every element costs each tap time
            f'<div class="vk-question-head"><h3 class="vk-question"{lang_attributes(text_lang, ctx.lang)}>'
            f"{html.escape(question_label(question, ctx))}</h3>"
            + reference_html(question.text, ctx) + read_aloud_html(question, ctx) + (help_html or "")
            + "</div>",
            unsafe_allow_javascript=True,
        )
        if question.help is not None and help_html is None:  # a school's bold or italics: Markdown
            help_lang = shown_language(question.help, ctx.lang, ctx.default_lang)
            with in_language(help_lang, ctx.lang, f"help-{question.id}"):
                st.caption(local(question.help, ctx.lang, ctx.default_lang))
            also = reference_html(question.help, ctx)
            if also:
                st.html(also)
        value = question.widget(answers.get(question.id), ctx)
    answers.set(question.id, None if question.is_empty(value) else value)


# What Streamlit's Markdown would show otherwise than as typed: markup characters, a :shortcode: or
# :colour[...], a list or heading at the start of a line.
MARKDOWN = re.compile(r"[*_`\\\[\]<>~$|#&]|:[\w-]+[:\[]|^\s*(?:[-+>]|\d+[.)])\s", re.MULTILINE)


def plain_help_html(question: QuestionBase, ctx: WidgetContext) -> str | None:
    """The question's help line as HTML, styled as a caption; None when there is no help, or when
    it holds Markdown (then it stays a caption, so a school's bold shows as bold)."""
    if question.help is None:
        return None
    shown = local(question.help, ctx.lang, ctx.default_lang)
    if MARKDOWN.search(shown):
        return None
    help_lang = shown_language(question.help, ctx.lang, ctx.default_lang)
    return (f'<p class="vk-help"{lang_attributes(help_lang, ctx.lang)}>{html.escape(shown)}</p>'
            + reference_html(question.help, ctx))


def add_unsaved(question: QuestionBase, answers: Answers, ctx: WidgetContext) -> str | None:
    """The step is left: what the question's add section still holds is added (see
    QuestionBase.add_unsaved), unless the list is full. Returns its words, or None."""
    value = answers.get(question.id)
    if isinstance(value, list) and len(value) >= ENTRIES:
        return None
    return question.add_unsaved(replace(ctx, change=changer(question, answers)))


def changer(question: QuestionBase, answers: Answers) -> Callable[[Callable[[Any], Any]], None]:
    """Apply `how` (old answer → new answer) to this question's answer in `answers`, now."""

    def change(how: Callable[[Any], Any]) -> None:
        changed(widget_key(question))
        value = how(answers.get(question.id))
        answers.set(question.id, None if question.is_empty(value) else value)

    return change


def reference_html(text: LocalText | None, ctx: WidgetContext) -> str:
    """In the view for the coach: the Dutch of `text`, small, marked as Dutch; else nothing."""
    dutch = reference_text(text, ctx.lang, ctx.default_lang) if ctx.reference else None
    return dutch_line(dutch, ctx.lang) if dutch else ""
