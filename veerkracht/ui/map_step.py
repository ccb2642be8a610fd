"""Where the support map appears: on a step of kind `map` and on the end screen."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import QuestionSet, StepKind
from veerkracht.ui.map_view import show_compare, show_map_step


def show_map(question_set: QuestionSet, answers: Answers, words: Words) -> None:
    """The map with its words and take-home buttons."""
    show_map_step(question_set, answers, words, step_ahead=_next_step_ahead(question_set, answers))


def show_compare_area(
    question_set: QuestionSet, answers: Answers, words: Words, sets: dict[str, QuestionSet]
) -> None:
    # Keyed, so it stays open while a file is added, even when the page above it was built otherwise.
    with st.expander(words("end.compare"), icon="🔁", key="end.compare"):
        show_compare(question_set, answers, words, sets)


def _next_step_ahead(question_set: QuestionSet, answers: Answers) -> bool:
    """Whether a step where the next step is chosen still comes (never on the end screen: it
    follows the last step)."""
    return any(step.kind == StepKind.NEXT_STEP for step in question_set.steps[answers.step + 1 :])
