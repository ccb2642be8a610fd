"""The coach panel: a step's tips, shown only when a student and coach fill it in together."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import Step
from veerkracht.ui.language import local, reference_html, reference_text

COACH_ICON = "🧭"
# Where the screen has room beside the column (a laptop), the tips stand there, so that open tips
# never push the question or the map down; on a narrower screen they stay in place, folded.
# Part of the page's one style element (layout.py), not drawn with every step.
BESIDE_STYLE = """<style>
@media (min-width: 1180px) {
  .st-key-coach { position: fixed; top: 4.5rem; inset-inline-end: 1rem; z-index: 5;
    width: calc((100vw - 46rem) / 2 - 2rem); max-height: calc(100vh - 6rem); overflow-y: auto;
    background: #FFFFFF; border-radius: 0.5rem; }
}
</style>"""


def show_coach_tips(
    step: Step, answers: Answers, default_lang: str, words: Words, reference: bool = False
) -> None:
    """The tips in the student's language; with `reference`, each one in Dutch beneath it too.

    Folded until the coach opens them; on a wide screen beside the column, not above the question.
    """
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
