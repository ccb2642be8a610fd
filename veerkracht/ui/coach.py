"""The coach panel: a step's tips, shown only when a student and coach fill it in together."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import Step
from veerkracht.ui.language import local, reference_html, reference_text

COACH_ICON = "🧭"


def show_coach_tips(
    step: Step, answers: Answers, default_lang: str, words: Words, reference: bool = False
) -> None:
    """The tips in the student's language; with `reference`, each one in Dutch beneath it too."""
    if answers.mode != "coach" or not step.coach_tips:
        return
    lang = answers.language
    with st.expander(words("coach.panel"), icon=COACH_ICON, key="coach"):
        st.caption(words("coach.lead"))
        dutch = [reference_text(tip, lang, default_lang) if reference else None for tip in step.coach_tips]
        if not any(dutch):
            st.markdown("\n".join(f"- {local(tip, lang, default_lang)}" for tip in step.coach_tips))
            return
        for tip, also in zip(step.coach_tips, dutch, strict=True):
            st.markdown(f"- {local(tip, lang, default_lang)}")
            if also:
                st.html(reference_html(also, lang, "vk-also-tip"))
