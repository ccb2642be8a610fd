"""Where the support map appears: on a step of kind `map` and on the end screen."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.levels import LEVEL_STYLES, Level
from veerkracht.model import QuestionSet
from veerkracht.ui.safe import plain

MAP_VIEW = "veerkracht.ui.map_view"  # written separately; until it exists, a plain list stands in


def show_map(question_set: QuestionSet, answers: Answers, words: Words) -> None:
    """The map with its words and take-home buttons; a plain list while the map view is missing."""
    try:
        from veerkracht.ui.map_view import show_map_step
    except ModuleNotFoundError as error:
        if error.name != MAP_VIEW:
            raise
        show_sources_list(question_set, answers, words)
        return
    show_map_step(question_set, answers, words)


def show_compare_area(
    question_set: QuestionSet, answers: Answers, words: Words, sets: dict[str, QuestionSet]
) -> None:
    try:
        from veerkracht.ui.map_view import show_compare
    except ModuleNotFoundError as error:
        if error.name != MAP_VIEW:
            raise
        return
    # Keyed, so it stays open while a file is added, even when the page above it was built otherwise.
    with st.expander(words("end.compare"), icon="🔁", key="end.compare"):
        show_compare(question_set, answers, words, sets)


def show_sources_list(question_set: QuestionSet, answers: Answers, words: Words) -> None:
    """Every source of support named, grouped by level: icon and words, never colour alone."""
    items = answers.map_items(question_set)
    st.markdown(f"**{words('end.your_sources')}**")
    if not items:
        st.caption(words("widget.nothing_yet"))
    for level in Level:
        named = [item for item in items if item.level == level]
        if named:
            style = LEVEL_STYLES[level]
            listed = ", ".join(f"{item.icon} {plain(item.label)}".strip() for item in named)
            st.markdown(f"{style.icon} **{words(style.word_key)}**: {listed}")
