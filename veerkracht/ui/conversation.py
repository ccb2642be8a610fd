"""A step of the conversation: progress, level, questions, coach tips, and the way on."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from veerkracht.answers import Answers
from veerkracht.interface import Words
from veerkracht.model import QuestionSet, Step, StepKind
from veerkracht.questions import QuestionBase, WidgetContext
from veerkracht.questions.plan import PlanQuestion
from veerkracht.settings import load_settings
from veerkracht.text import LocalText, resolve
from veerkracht.ui import presses, state
from veerkracht.ui.coach import show_coach_tips
from veerkracht.ui.language import local, reference_html, reference_text, shown_language
from veerkracht.ui.layout import arrows, in_language, level_banner, progress
from veerkracht.ui.map_step import show_map
from veerkracht.ui.question import add_unsaved, drawing_question, show_question, widget_key
from veerkracht.ui.read_aloud import STEP_TOP, speaker
from veerkracht.ui.safe import plain
from veerkracht.ui.widgets import SAID_KEY, VISIT_KEY

NEXT_KEY = "nav.next"
BACK_KEY = "nav.back"
JUMP_KEY_PREFIX = "nav.jump."


def show_step(question_set: QuestionSet, answers: Answers, words: Words, reference: bool = False) -> None:
    """The current step. After Volgende, Vorige or a jump, the new step shows in this same run.

    `reference`: the Dutch small beneath the student's language, for a coach who reads Dutch.

    A press only notes the step it leads to (in its callback, so it counts even when another run,
    such as the tab handing back its key, cuts the run it started short); the step is gone to
    here, before anything is drawn. Only when a question's widgets changed since the step was
    drawn (a name typed just before the press comes along with it) does the step being left draw
    its questions once more, in a place emptied right after, so that answer is kept.
    """
    leaving = st.empty()
    target = _wanted(question_set, answers)
    added: list[str] = []
    if target is not None:
        left = question_set.steps[answers.step]
        questions = left.questions
        # A chip chosen or a name typed and never added: the student expects it kept, so it is.
        title = plain(resolve(left.title, answers.language, question_set.default_language))
        added = [f"{words('widget.added', what=plain(label))} · {title}" for question in questions
                 if (label := add_unsaved(question, answers,
                                          _context(question, question_set, answers, words, reference)))]
        presses.take_changed()  # this whole run shows those additions: no question needs to answer them
        if state.changed_since_drawn(_keys(questions)):  # something came with the press
            with leaving.container():
                for question in questions:
                    ctx = _context(question, question_set, answers, words, reference)
                    show_question(question, answers, ctx)
            leaving.empty()
        _go(target, question_set, answers)
        state.step_reached()  # only now: a run cut short before this point goes there in the next one
        if target >= len(question_set.steps):
            return  # Klaar: the end screen follows
    step = question_set.steps[answers.step]
    total = len(question_set.steps)
    progress(answers.step, total, words)
    if step.kind.level is not None:
        level_banner(step.kind.level, words)
    _step_top(step, question_set, answers, words, reference)
    if added:  # in this run, under the new step's title, with the step it went to
        st.success("  \n".join(added), icon="✅")
    show_coach_tips(step, answers, question_set.default_language, words, reference)
    alone = step.kind != StepKind.MAP  # the map beneath shows the answers: a change redraws it too
    for index, question in enumerate(step.questions):
        ctx = _context(question, question_set, answers, words, reference)
        # A plan question further on offers this question's answers: a change redraws both.
        if alone and not any(isinstance(later, PlanQuestion) for later in step.questions[index + 1:]):
            _question_alone(question, question_set, answers, ctx)
        else:
            show_question(question, answers, ctx)
    state.note_drawn(state.widget_values(_keys(step.questions)))
    if step.kind == StepKind.MAP:
        show_map(question_set, answers, words)
    if answers.step == 0:
        st.caption(words("nav.skip_hint"))
    _navigation(answers, total, words)
    _jump_to(question_set, answers, words)


@st.fragment
def _question_alone(question: QuestionBase, question_set: QuestionSet, answers: Answers,
                    ctx: WidgetContext) -> None:
    """A question that reruns on its own when one of its controls is used: a tap is answered in the
    time of one question, not of the whole page. Only for a question nothing else on the page shows
    the answers of (see show_step). Such a run counts as activity for the idle time, like any run,
    and keeps the conversation for a reload (a whole run does both at its start and end)."""
    run = get_script_run_ctx()
    if run is None or not run.fragment_ids_this_run:  # drawn by the whole page's run
        show_question(question, answers, ctx)
        return
    _unless_the_page_answers(ctx.key, answers)
    show_question(question, answers, ctx)
    prefix = (widget_key(question),)
    drawn = {k: v for k, v in (state.drawn() or {}).items() if not str(k).startswith(prefix)}
    state.note_drawn(drawn | state.widget_values(prefix))  # so Volgende knows nothing came along
    state.keep(question_set)


@st.fragment
def _choices_alone(prefix: str, draw: Callable[[], None]) -> None:
    """An add section's choices (who or which place, the name, how close, what they help with):
    a tap on one reruns these alone, a few elements instead of the whole question, and the choice
    is added with Toevoegen, which reruns the question. A press that came along (Toevoegen,
    Volgende), the idle time or the end of the conversation is answered by the whole page."""
    alone = not drawing_question()  # this fragment's own run: one of its choices was used
    if alone:
        _unless_the_page_answers()
    draw()
    if alone:  # so Volgende knows the choice was drawn, not something that came along with it
        state.note_drawn((state.drawn() or {}) | state.widget_values((prefix,)))


def _unless_the_page_answers(own: str | None = None, answers: Answers | None = None) -> None:
    """In a fragment's own run: the whole page answers instead (a run of the app) when the idle time
    ran out, a press came along outside the question `own`, a step is wanted, the conversation
    ended or is no longer `answers`, or the tab has yet to hear that its conversation is kept (see
    state.tab_behind)."""
    if state.touch(load_settings().idle_minutes):
        state.add_notice("notice.expired")
        st.rerun(scope="app")
    if presses.take_changed() - {own} or state.step_wanted() is not None or state.is_finished() \
            or state.tab_behind() or (answers is not None and state.current_answers() is not answers):
        st.rerun(scope="app")


def _step_top(step: Step, question_set: QuestionSet, answers: Answers, words: Words, reference: bool) -> None:
    """The step's title and intro, with 🔊 beside the title; on the map, 🔊 reads the map in words too."""
    lang, default = answers.language, question_set.default_language
    with st.container(key="step-top"):
        with in_language(shown_language(step.title, lang, default), lang, "title"):
            st.header(local(step.title, lang, default))
        if reference:
            _reference_line(step.title, lang, default)
        if step.intro is not None:
            with in_language(shown_language(step.intro, lang, default), lang, "intro"):
                st.markdown(local(step.intro, lang, default))
            if reference:
                _reference_line(step.intro, lang, default)
        regions = [{"closest": STEP_TOP}]
        if step.kind == StepKind.MAP:
            regions.append({"named": words("map.in_words")})
        speaker(f"{words('read_aloud.button')}: {resolve(step.title, lang, default)}", words, lang, regions)


def _reference_line(text: LocalText, lang: str, default_lang: str) -> None:
    dutch = reference_text(text, lang, default_lang)
    if dutch:
        st.html(reference_html(dutch, lang))


def _navigation(answers: Answers, total: int, words: Words) -> None:
    """Vorige and Volgende; a press notes where it leads (`_want`), the run goes there at its start.

    The arrows point the way the page reads: on a right-to-left page, Volgende points left."""
    back, forward = arrows(words)
    row = st.container(horizontal=True, key="nav")
    row.button(words("button.back"), icon=back, key=BACK_KEY, disabled=answers.step == 0, width="stretch",
               on_click=_want, args=(answers, -1, total))
    last = answers.step == total - 1
    row.button(words("button.finish") if last else words("button.next"), icon="✅" if last else forward,
               icon_position="right", type="primary", key=NEXT_KEY, width="stretch", on_click=_want,
               args=(answers, 1, total))


def _jump_to(question_set: QuestionSet, answers: Answers, words: Words) -> None:
    """Any step already seen, one tap away."""
    seen = range(answers.furthest_step + 1)
    if len(seen) < 2:
        return
    # Keyed by the step: on the step a jump leads to, the list starts folded again.
    with st.expander(words("nav.jump"), icon="🗺️", key=f"nav.jump-list.{answers.step}"):
        for index in seen:
            step = question_set.steps[index]
            label = f"{index + 1}. {local(step.title, answers.language, question_set.default_language)}"
            st.button(label, key=f"{JUMP_KEY_PREFIX}{index}", type="tertiary", disabled=index == answers.step,
                      on_click=_want, args=(answers, 0, len(question_set.steps), index))


def _want(answers: Answers, move: int, total: int, to: int | None = None) -> None:
    """A press of Volgende (+1), Vorige (-1) or a jump (`to`): note the step it leads to, `total`
    meaning the end screen. A second press before the first was gone to counts from the first."""
    wanted = state.step_wanted()
    start = answers.step if wanted is None else wanted
    state.want_step(max(0, min(total, start + move if to is None else to)))
    presses.changed(presses.PAGE)


def _wanted(question_set: QuestionSet, answers: Answers) -> int | None:
    """The step a press asked for, if it is another one than this; `total` means the end screen."""
    target = state.step_wanted()
    if target is None or target == answers.step or not 0 <= target <= len(question_set.steps):
        state.step_reached()
        return None
    return target


def _keys(questions: list[QuestionBase]) -> tuple[str, ...]:
    """The widget keys of these questions all start with one of these."""
    return tuple(widget_key(question) for question in questions)


def _go(target: int, question_set: QuestionSet, answers: Answers) -> None:
    state.request_scroll_top()
    st.session_state.pop(SAID_KEY, None)  # "Toegevoegd: ..." belongs to the step it was said on
    st.session_state[VISIT_KEY] = st.session_state.get(VISIT_KEY, 0) + 1
    if target >= len(question_set.steps):
        answers.furthest_step = len(question_set.steps) - 1
        state.set_finished(True)
    else:
        answers.go_to(target, question_set)


def _context(
    question: QuestionBase, question_set: QuestionSet, answers: Answers, words: Words, reference: bool = False
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
        reference=reference,
        alone=_choices_alone,
    )
