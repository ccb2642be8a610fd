"""The app: picks the screen (start, a step, or the end) and draws what every screen has."""

from __future__ import annotations

import streamlit as st

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import QuestionSet
from veerkracht.settings import Settings, load_settings
from veerkracht.ui import presses, preview, speedups, state
from veerkracht.ui.conversation import show_step
from veerkracht.ui.end import show_end
from veerkracht.ui.help import show_help
from veerkracht.ui.language import offers_reference
from veerkracht.ui.layout import apply_style, scroll_to_top
from veerkracht.ui.library import Content, load_content, words_for
from veerkracht.ui.start import REFERENCE_KEY, languages_for, reference_choice, show_start, start_language

LANGUAGE_KEY = "nav.language"
speedups.install()


def main() -> None:
    speedups.settle_memory()
    settings = load_settings()
    content = load_content(settings.content_dir)
    presses.take_changed()  # the whole page is drawn: every press is answered by this run
    state.restore(content.library.sets)
    if state.touch(settings.idle_minutes):
        state.add_notice("notice.expired")
    answers, question_set = _conversation(content)
    state.keep(question_set)  # also what a run that ended in st.rerun() changed
    if answers is None or question_set is None:
        lang = start_language(content)
    else:
        _apply_language_choice(answers, question_set, content)
        lang = answers.language
    words = words_for(content.folder, lang)
    test_page = settings.test_page and preview.is_open()
    st.set_page_config(page_title=words("preview.link" if test_page else "app.title"), page_icon="🧭",
                       layout="centered", initial_sidebar_state="collapsed")
    apply_style(words)
    top = st.container(horizontal=True, horizontal_alignment="right", key="top")
    show_help(top, content.contacts, words)
    if preview.is_open() and not settings.test_page:
        preview.close()  # an address of the test page on a server without it: the start screen
    if test_page:  # the editors' test page stands on its own; a conversation waits here
        preview.show_preview(content, words)
        _finish(settings, words)
        return
    reference = False
    if answers is not None and question_set is not None:
        reference = _language_switch(top, answers, question_set, content, words)
    state.show_notices(words)
    if answers is None or question_set is None:
        show_start(content, words)
    else:
        if not state.is_finished():
            # the last step's button finishes the conversation
            show_step(question_set, answers, words, reference=reference)
        if state.is_finished():
            show_end(question_set, answers, words, content.library.sets)
    if answers is not None and question_set is not None:
        state.show_clear_button(words, prominent=state.is_finished())
        state.keep(question_set)
    _finish(settings, words)


def _finish(settings: Settings, words: Words) -> None:
    """What every screen ends with: the tab's idle count, and the jump to the top when asked."""
    state.watch_idle(settings.idle_minutes, settings.warn_seconds, words)
    marker = state.pop_scroll_top()
    if marker is not None:
        scroll_to_top(marker)


def _conversation(content: Content) -> tuple[Answers | None, QuestionSet | None]:
    """The conversation in this tab and its question set; forgotten if the set is gone."""
    answers = state.current_answers()
    if answers is None:
        return None, None
    question_set = content.library.sets.get(answers.set_id)
    if question_set is None:
        state.clear()
        state.add_notice("notice.set_gone")
        return None, None
    if answers.step >= len(question_set.steps):
        answers.go_to(answers.step, question_set)
    return answers, question_set


def _apply_language_choice(answers: Answers, question_set: QuestionSet, content: Content) -> None:
    """A language picked in the top bar counts before anything is drawn in the old one."""
    chosen = state.widget_value(LANGUAGE_KEY)
    if chosen in languages_for(question_set, content) and chosen != answers.language:
        state.set_language(chosen)


def _language_switch(
    container: st.delta_generator.DeltaGenerator,
    answers: Answers,
    question_set: QuestionSet,
    content: Content,
    words: Words,
) -> bool:
    """The language of the conversation, and whether the Dutch stands beside it; True if it does."""
    options = languages_for(question_set, content)
    if len(options) < 2:
        return False
    names = {lang: words_for(content.folder, lang)("meta.name") for lang in options}
    with container.popover(names.get(answers.language, answers.language), icon="🌐", key="language"):
        st.segmented_control(
            words("nav.language"),
            options,
            default=answers.language if answers.language in options else options[0],
            required=True,
            format_func=lambda lang: names[lang],
            key=LANGUAGE_KEY,
            on_change=presses.changed,
            args=(presses.PAGE,),
        )
        if REFERENCE_KEY not in st.session_state:  # after a reload: as the conversation kept it
            st.session_state[REFERENCE_KEY] = answers.show_reference
        shown = reference_choice(options, answers.language, words)
        if offers_reference(options, answers.language):
            answers.show_reference = shown
        return shown
