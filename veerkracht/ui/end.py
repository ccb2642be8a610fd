"""After the last step: 'Klaar!', the map to take home, and what next."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import QuestionSet
from veerkracht.ui import state
from veerkracht.ui.language import offers_reference
from veerkracht.ui.layout import arrows
from veerkracht.ui.map_step import show_compare_area, show_map
from veerkracht.ui.read_aloud import STEP_TOP, speaker
from veerkracht.ui.safe import plain
from veerkracht.ui.widgets import dutch_beneath, words_label


def show_end(question_set: QuestionSet, answers: Answers, words: Words, sets: dict[str, QuestionSet]) -> None:
    dutch = answers.show_reference and offers_reference(question_set.languages, answers.language)
    st.title(f"🎉 {words('end.heading')}")
    name = answers.nickname.strip()
    st.markdown(words("end.well_done_name", name=plain(name)) if name else words("end.well_done"))
    dutch_beneath(st, words, dutch, "end.heading", "end.well_done")
    if answers.mode == "self":
        st.info(words_label("end.self_tip", words, dutch), icon="🤝")
    with st.container(key="step-top"):  # 🔊 beside the heading reads the map in words
        st.header(words("map.title"))  # between the page title and the map's own headings
        speaker(f"{words('read_aloud.button')}: {words('map.title')}", words, answers.language,
                [{"closest": STEP_TOP}, {"named": words("map.in_words")}])
    show_map(question_set, answers, words)
    show_compare_area(question_set, answers, words, sets)
    st.divider()
    st.button(words_label("end.back_to_questions", words, dutch), icon=arrows(words)[0], key="end.back",
              width="stretch", on_click=_back_to_questions, args=(question_set, answers))
    with st.container(border=True):  # the warning sits with the button it is about
        st.caption(words_label("end.new_hint", words, dutch))
        st.button(words_label("end.new", words, dutch), icon="🔄", key="end.new", width="stretch",
                  on_click=_new_conversation)


# Both act in their callbacks: the next run draws the screen they lead to, and a press counts even
# when another run cuts the run it starts short.
def _back_to_questions(question_set: QuestionSet, answers: Answers) -> None:
    state.set_finished(False)
    answers.go_to(len(question_set.steps) - 1, question_set)
    state.request_scroll_top()


def _new_conversation() -> None:
    state.clear()
    state.request_scroll_top()
