"""A step of the conversation: progress, level, questions, coach tips, and the way on."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import QuestionSet, StepKind
from veerkracht.questions import QuestionBase, WidgetContext
from veerkracht.questions.plan import PlanQuestion
from veerkracht.text import LocalText, resolve
from veerkracht.ui import state
from veerkracht.ui.coach import show_coach_tips
from veerkracht.ui.layout import level_banner, progress
from veerkracht.ui.map_step import show_map
from veerkracht.ui.question import show_question, widget_key


def show_step(question_set: QuestionSet, answers: Answers, words: Words) -> None:
    step = question_set.steps[answers.step]
    total = len(question_set.steps)
    progress(answers.step, total, words)
    if step.kind.level is not None:
        level_banner(step.kind.level, words)
    st.header(_t(step.title, answers, question_set))
    if step.intro is not None:
        st.markdown(_t(step.intro, answers, question_set))
    show_coach_tips(step, answers, question_set.default_language, words)
    for question in step.questions:
        show_question(question, answers, _context(question, question_set, answers, words))
    if step.kind == StepKind.MAP:
        show_map(question_set, answers, words)
    if answers.step == 0:
        st.caption(words("nav.skip_hint"))
    target = _navigation(answers, total, words)
    target = _jump_to(question_set, answers, words) if target is None else target
    if target is not None:
        _go(target, question_set, answers)


def _navigation(answers: Answers, total: int, words: Words) -> int | None:
    """Vorige and Volgende; returns the step to go to, `total` meaning the end screen."""
    row = st.container(horizontal=True, key="nav")
    back = row.button(words("button.back"), icon="⬅️", key="nav.back", disabled=answers.step == 0,
                      width="stretch")
    last = answers.step == total - 1
    forward = row.button(words("button.finish") if last else words("button.next"),
                         icon="✅" if last else "➡️", icon_position="right", type="primary",
                         key="nav.next", width="stretch")
    if forward:
        return answers.step + 1
    if back:
        return answers.step - 1
    return None


def _jump_to(question_set: QuestionSet, answers: Answers, words: Words) -> int | None:
    """Any step already seen, one tap away."""
    seen = range(answers.furthest_step + 1)
    if len(seen) < 2:
        return None
    with st.expander(words("nav.jump"), icon="🗺️"):
        for index in seen:
            step = question_set.steps[index]
            label = f"{index + 1}. {_t(step.title, answers, question_set)}"
            if st.button(label, key=f"nav.jump.{index}", type="tertiary", disabled=index == answers.step):
                return index
    return None


def _go(target: int, question_set: QuestionSet, answers: Answers) -> None:
    state.request_scroll_top()
    if target >= len(question_set.steps):
        answers.furthest_step = len(question_set.steps) - 1
        state.set_finished(True)
    else:
        answers.go_to(target, question_set)
    st.rerun()


def _context(
    question: QuestionBase, question_set: QuestionSet, answers: Answers, words: Words
) -> WidgetContext:
    earlier = []
    if isinstance(question, PlanQuestion):
        earlier = answers.items_before(question_set, question.id)
        if question.sources:
            earlier = [item for item in earlier if item.question_id in question.sources]
    return WidgetContext(
        st=st,
        lang=answers.language,
        default_lang=question_set.default_language,
        words=words,
        key=widget_key(question),
        earlier_items=earlier,
    )


def _t(text: LocalText | None, answers: Answers, question_set: QuestionSet) -> str:
    return resolve(text, answers.language, question_set.default_language)
