"""The coach panel: a step's tips, shown only when a student and coach fill it in together."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import Step
from veerkracht.text import resolve

COACH_ICON = "🧭"


def show_coach_tips(step: Step, answers: Answers, default_lang: str, words: Words) -> None:
    if answers.mode != "coach" or not step.coach_tips:
        return
    with st.expander(words("coach.panel"), icon=COACH_ICON, key="coach"):
        st.caption(words("coach.lead"))
        st.markdown("\n".join(f"- {resolve(tip, answers.language, default_lang)}" for tip in step.coach_tips))
