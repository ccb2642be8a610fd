"""'Vragenset testen': a school checks a question set and tries it as a student would.

An editor's tool on a page of its own (`?pagina=testen`), off unless the school turns it on
(VEERKRACHT_TEST_PAGE=aan, see settings.py): the start screen never links to it. The pasted text
and the trial answers live only in this browser tab's session: nothing is written anywhere, and
closing the page forgets it all. The problems come from `check_set_text` and the render walk, the
same code as `python -m veerkracht check`: errors and warnings together, then every screen tried.

Bounded: the text and an upload stop at the loader's limit (limits.CONTENT_BYTES), and the walk,
a process of its own with the walk's time limit, runs for one editor at a time per server; a few
more wait in line, seeing their place, and anyone beyond that is asked to try again shortly.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

import streamlit as st

from veerkracht.answers import Answers, Mode
from veerkracht.checker import check_set_text
from veerkracht.content import MAX_BYTES, LoadedSet, Problem
from veerkracht.interface import Words
from veerkracht.languages import offered_languages
from veerkracht.model import QuestionSet
from veerkracht.text import resolve
from veerkracht.ui import state
from veerkracht.ui.conversation import show_step
from veerkracht.ui.library import Content, words_for
from veerkracht.ui.map_step import show_map
from veerkracht.ui.start import MODE_ICONS
from veerkracht.walk import walk_text

PAGE_PARAM = "pagina"
PAGE_VALUE = "testen"
PREFIX = "preview."  # every key this page keeps in the session starts with this
PASTED_FILE = "geplakt.yaml"  # the name problems carry when the text was pasted, not uploaded
SOURCE_KEY = "preview.source"  # the YAML text under test; survives while the editor is hidden
FILE_KEY = "preview.file"
CHECKED_KEY = "preview.checked"  # (text, file, loaded set, problems): checked once per change
WALKED_KEY = "preview.walked"  # ((text, file), problems of the render walk): walked once per change
UPLOAD_KEY = "preview.upload"
UPLOADED_KEY = "preview.uploaded"  # the upload already copied into the editor
EDITOR_KEY = "preview.editor"
ANSWERS_KEY = "preview.answers"  # the trial's own answers, never the real conversation's
FINISHED_KEY = "preview.finished"
LANGUAGE_KEY = "preview.language"
MODE_KEY = "preview.mode"
LISTING_HEIGHT = 480
CONTEXT_LINES = 2  # lines shown above and below a problem's own line
MAX_CONTEXTS = 20  # problems shown with their lines around; the numbered text below has them all
MARKS = {"error": "❌", "warning": "⚠️"}
MAX_FOLDER_PROBLEMS = 8  # of the content folder's own files; `check` lists them all
WAITING_MAX = 3  # editors in line behind the walk that runs; more are asked to come back shortly
WAIT_SECONDS = 300  # the longest an editor waits in line before being asked to try again
WAIT_TICK_SECONDS = 1.0  # how often a waiting editor's place in line is shown anew


class WalkGate:
    """One walk at a time in this server process, the others in line in the order they came."""

    def __init__(self, waiting_max: int = WAITING_MAX, wait_seconds: float = WAIT_SECONDS) -> None:
        self.waiting_max = waiting_max
        self.wait_seconds = wait_seconds
        self._turns: deque[object] = deque()  # the first one walks, the rest wait
        self._changed = threading.Condition()
        self.walking = 0
        self.most_walking = 0  # the most walks that ever ran at once: 1, or something is wrong

    def run(self, work: Callable[[], list[Problem]],
            waiting: Callable[[int], None] = lambda ahead: None) -> list[Problem] | None:
        """`work` once it is this caller's turn; None when the line is full or the wait too long.

        `waiting(ahead)` is told how many are ahead, now and then while this caller waits.
        """
        turn = object()
        with self._changed:
            if len(self._turns) > self.waiting_max:
                return None
            self._turns.append(turn)
        try:
            if not self._wait_for(turn, waiting):
                return None
            with self._changed:
                self.walking += 1
                self.most_walking = max(self.most_walking, self.walking)
            try:
                return work()
            finally:
                with self._changed:
                    self.walking -= 1
        finally:
            with self._changed:
                self._turns.remove(turn)
                self._changed.notify_all()

    def _wait_for(self, turn: object, waiting: Callable[[int], None]) -> bool:
        deadline = time.monotonic() + self.wait_seconds
        while True:
            with self._changed:
                ahead = self._turns.index(turn)
                if ahead == 0:
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
            waiting(ahead)  # outside the lock: it draws on the page, and may end this run
            with self._changed:
                if self._turns.index(turn) != 0:
                    self._changed.wait(timeout=min(WAIT_TICK_SECONDS, left))


GATE = WalkGate()  # one per server process


def is_open() -> bool:
    return st.query_params.get(PAGE_PARAM) == PAGE_VALUE


def close() -> None:
    """Back to the start screen; the test page forgets everything it held."""
    _forget(PREFIX, state.QUESTION_KEY_PREFIX)
    if PAGE_PARAM in st.query_params:
        del st.query_params[PAGE_PARAM]
    st.rerun()


def show_preview(content: Content, words: Words) -> None:
    answers: Answers | None = st.session_state.get(ANSWERS_KEY)
    loaded = _checked(content)[0] if answers is not None else None
    if answers is not None and loaded is not None and loaded.question_set is not None:
        _show_trial(loaded.question_set, answers, content, words)
        return
    st.session_state.pop(ANSWERS_KEY, None)
    st.title(f"🧪 {words('preview.title')}")
    st.markdown(words("preview.lead"))
    st.caption(f"🔒 {words('preview.nothing_saved')}")
    if st.button(words("preview.back"), icon="⬅️", key="preview.back"):
        close()
    _show_folder_problems(content, words)
    _show_editor(content, words)


def _show_folder_problems(content: Content, words: Words) -> None:
    """What is wrong in the server's own content folder, for the editor (students see a calm word)."""
    broken = content.broken_files()
    if broken:
        st.warning(words("start.broken_files", files=", ".join(broken)), icon="🧩")
    problems = [p for p in content.library.problems + content.contact_problems if p.severity == "error"]
    if problems:
        with st.expander(words("start.broken_details"), icon="🛠️"):
            st.code("\n".join(str(p) for p in problems[:MAX_FOLDER_PROBLEMS]), language=None, wrap_lines=True)


def _show_editor(content: Content, words: Words) -> None:
    upload = st.file_uploader(words("preview.upload"), type=["yaml", "yml"], key=UPLOAD_KEY)
    if upload is not None and st.session_state.get(UPLOADED_KEY) != upload.file_id:
        st.session_state[UPLOADED_KEY] = upload.file_id
        data = upload.getvalue()
        try:
            if len(data) > MAX_BYTES:
                raise ValueError("too big")  # refused as the loader refuses it, before it becomes text
            st.session_state[EDITOR_KEY] = data.decode("utf-8-sig")
            st.session_state[FILE_KEY] = upload.name
        except ValueError:  # too big, or not text (UnicodeDecodeError)
            _, problems = check_set_text(data, upload.name, content.folder)  # in plain words
            _show_problem_list(problems, words)
    if EDITOR_KEY not in st.session_state:  # the editor was hidden while trying the set
        st.session_state[EDITOR_KEY] = st.session_state.get(SOURCE_KEY, "")
    text = st.text_area(
        words("preview.paste"), height=320, max_chars=MAX_BYTES, key=EDITOR_KEY,
        placeholder=words("preview.paste_help"),
    )
    st.session_state[SOURCE_KEY] = text
    if not text.strip():
        st.info(words("preview.empty"), icon="📝")
        return
    loaded, problems = _checked(content)
    if loaded.question_set is not None and not any(p.severity == "error" for p in problems):
        walked = _walked(content, words)
        if walked is None:
            st.warning(words("preview.busy"), icon="⏳")
            return
        problems = sorted(problems + walked, key=lambda p: (p.line, p.column, p.field))
    _show_problems(text, problems, words)
    if loaded.question_set is None or any(p.severity == "error" for p in problems):
        return
    _show_trial_start(loaded.question_set, content, words)


def _checked(content: Content) -> tuple[LoadedSet, list[Problem]]:
    """The text under test, checked; checked again only when it or its file name changed."""
    text = st.session_state.get(SOURCE_KEY, "")
    file = st.session_state.get(FILE_KEY, PASTED_FILE)
    cached = st.session_state.get(CHECKED_KEY)
    if cached is None or cached[:2] != (text, file):
        cached = (text, file, *check_set_text(text, file, content.folder))
        st.session_state[CHECKED_KEY] = cached
    return cached[2], cached[3]


def _walked(content: Content, words: Words) -> list[Problem] | None:
    """Every screen of the set under test tried, in each language and mode; once per change.

    None when the line for the walk is full: the editor is asked to try again shortly.
    """
    key = (st.session_state.get(SOURCE_KEY, ""), st.session_state.get(FILE_KEY, PASTED_FILE))
    cached = st.session_state.get(WALKED_KEY)
    if cached is None or cached[0] != key:
        line = st.empty()

        def waiting(ahead: int) -> None:
            line.info(words("preview.waiting", ahead=ahead), icon="⏳")

        with st.spinner(f"{words('preview.try_heading')} …"):
            walked = GATE.run(lambda: walk_text(key[0], key[1], content.folder), waiting)
        line.empty()
        if walked is None:
            return None
        cached = (key, walked)
        st.session_state[WALKED_KEY] = cached
    return cached[1]


# --- Problems, next to the text ----------------------------------------------------------


def _show_problems(text: str, problems: list[Problem], words: Words) -> None:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors:
        st.error(words("preview.has_errors", errors=errors, warnings=warnings), icon="❌")
    elif warnings:
        st.warning(words("preview.has_warnings", warnings=warnings), icon="⚠️")
    else:
        st.success(words("preview.all_good"), icon="✅")
    if not problems:
        return
    _show_problem_list(problems, words)
    for problem in problems[:MAX_CONTEXTS]:
        st.code(problem_context(text, problem, words), language=None, wrap_lines=True)
    st.markdown(f"**{words('preview.listing')}**")
    st.code(annotated_listing(text, problems, words), language=None, height=LISTING_HEIGHT, wrap_lines=True)


def _show_problem_list(problems: list[Problem], words: Words) -> None:
    st.code("\n".join(problem_line(p, words) for p in problems), language=None, wrap_lines=True)


def problem_line(problem: Problem, words: Words) -> str:
    """'❌ regel 6, kolom 1 · minutes: Hier hoort een heel getal.'"""
    where = words("preview.where", line=problem.line, column=problem.column)
    field = f" · {problem.field}" if problem.field else ""
    rule = f" [{problem.rule}]" if problem.rule else ""
    return f"{MARKS[problem.severity]} {where}{field}: {problem.message}{rule}"


def problem_context(text: str, problem: Problem, words: Words) -> str:
    """One problem with the lines around its own: where it is (its message stands in the list
    above, once), then the text with a caret."""
    lines = text.splitlines() or [""]
    first = max(1, problem.line - CONTEXT_LINES)
    last = min(len(lines), problem.line + CONTEXT_LINES)
    width = len(str(last))
    out = [f"{MARKS[problem.severity]} {words('preview.where', line=problem.line, column=problem.column)}"]
    for number in range(first, last + 1):
        mark = "▶" if number == problem.line else " "
        out.append(f"{mark}{number:>{width}} │ {lines[number - 1]}")
        if number == problem.line:
            out.append(f" {'':>{width}} │ {' ' * (problem.column - 1)}^")
    return "\n".join(out)


def annotated_listing(text: str, problems: list[Problem], words: Words) -> str:
    """The text with line numbers; under each line with a problem, a caret and the message."""
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        by_line.setdefault(problem.line, []).append(problem)
    lines = text.splitlines() or [""]
    width = len(str(len(lines)))
    out = []
    for number, line in enumerate(lines, start=1):
        out.append(f"{number:>{width}} │ {line}")
        for problem in by_line.get(number, []):
            caret = " " * (problem.column - 1) + "^"
            field = f"{problem.field}: " if problem.field else ""
            out.append(f"{'':>{width}} │ {caret} {MARKS[problem.severity]} {field}{problem.message}")
    return "\n".join(out)


# --- Trying the set as a student ---------------------------------------------------------


def _trial_choices(question_set: QuestionSet, content: Content, words: Words) -> tuple[str, Mode]:
    """Language and mode for the trial; both may change halfway, as in a real conversation."""
    options = offered_languages(question_set, content)
    names = {lang: words_for(content.folder, lang)("meta.name") for lang in options}
    if st.session_state.get(LANGUAGE_KEY) not in options:
        st.session_state.pop(LANGUAGE_KEY, None)
    row = st.container(horizontal=True)
    with row:
        language = st.segmented_control(
            words("start.language"), options, default=options[0], required=True,
            format_func=lambda lang: names[lang], key=LANGUAGE_KEY,
        )
        mode = st.segmented_control(
            words("start.who"), ["coach", "self"], default="coach", required=True,
            format_func=lambda mode: MODE_ICONS[mode] + " " + words(f"start.mode_{mode}"), key=MODE_KEY,
        )
    missing = [lang for lang in question_set.languages if lang not in options]
    if missing:
        st.caption(words("preview.no_interface", languages=", ".join(missing)))
    return language or options[0], mode or "coach"


def _show_trial_start(question_set: QuestionSet, content: Content, words: Words) -> None:
    st.subheader(f"🙋 {words('preview.try_heading')}")
    st.caption(words("preview.try_lead"))
    language, mode = _trial_choices(question_set, content, words)
    if st.button(words("preview.try_start"), icon="▶️", type="primary", key="preview.start"):
        _start_trial(question_set, language, mode)


def _show_trial(question_set: QuestionSet, answers: Answers, content: Content, words: Words) -> None:
    with st.container(border=True, key="preview.bar"):
        title = resolve(question_set.title, words.lang, question_set.default_language)
        st.markdown(f"🧪 **{words('preview.trying', title=title)}**")
        answers.language, answers.mode = _trial_choices(question_set, content, words)
        row = st.container(horizontal=True)
        if row.button(words("preview.back_to_text"), icon="📝", key="preview.edit"):
            _leave_trial()
        if row.button(words("preview.restart"), icon="🔄", key="preview.restart"):
            _start_trial(question_set, answers.language, answers.mode)
    trial_words = words_for(content.folder, answers.language)
    if not st.session_state.get(FINISHED_KEY):
        if state.step_wanted() == len(question_set.steps):
            st.session_state[FINISHED_KEY] = True  # Klaar on the last step: show_step takes in the answers
        show_step(question_set, answers, trial_words)
    if st.session_state.get(FINISHED_KEY):
        _show_trial_end(question_set, answers, trial_words)


def _show_trial_end(question_set: QuestionSet, answers: Answers, words: Words) -> None:
    st.header(f"🎉 {words('end.heading')}")
    if answers.mode == "self":
        st.info(words("end.self_tip"), icon="🤝")
    show_map(question_set, answers, words)
    if st.button(words("end.back_to_questions"), icon="⬅️", key="preview.end.back", width="stretch"):
        st.session_state[FINISHED_KEY] = False
        answers.go_to(len(question_set.steps) - 1, question_set)
        state.request_scroll_top()
        st.rerun()


def _start_trial(question_set: QuestionSet, language: str, mode: Mode) -> None:
    """Fresh answers, and no widget still holding an answer from an earlier try."""
    _forget(state.QUESTION_KEY_PREFIX)
    st.session_state[ANSWERS_KEY] = Answers.start(question_set, language, mode=mode)
    st.session_state[FINISHED_KEY] = False
    state.request_scroll_top()
    st.rerun()


def _leave_trial() -> None:
    st.session_state.pop(ANSWERS_KEY, None)
    state.request_scroll_top()
    st.rerun()


def _forget(*prefixes: str) -> None:
    for key in list(st.session_state.keys()):
        if str(key).startswith(prefixes):
            del st.session_state[key]
