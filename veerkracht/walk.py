"""The render walk: every set, in every language it offers and both modes, screen by screen.

`check` runs it after the static checks, and the test page runs it for the set under test.
It drives the real app script (app.py) headlessly with Streamlit's AppTest, from the start
screen through every step to the end screen, with an answer to every question so the map,
its words and the take-home files are drawn too. On the way it goes a step back and jumps
forward again; at the end (in the rounds with a coach) it puts the conversation's own session
file beside the map to compare, starts a new conversation and carries on from that file. Any
exception is one located error.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path as FilePath
from typing import Any

from veerkracht.answers import Mode
from veerkracht.content import Located, Problem, field_name
from veerkracht.interface import strict_words
from veerkracht.messages import message, rule_of
from veerkracht.model import QuestionSet
from veerkracht.questions import QuestionBase
from veerkracht.questions.base import Path
from veerkracht.settings import REPO_DIR

APP_SCRIPT = REPO_DIR / "app.py"
CONTENT_VARIABLE = "VEERKRACHT_CONTENT"
MODES: tuple[Mode, ...] = ("coach", "self")
RUN_TIMEOUT = 60  # seconds for one screen; the shipped screens take a fraction of a second
SAMPLE_NAME = "Sam"
# Names a student may type in any language of the app: right to left, Cyrillic, Ge'ez.
OTHER_SCRIPT_NAMES = ("ليلى", "Олена", "ሰላም")
REFERENCE_TOGGLE = "view.reference"  # "Ook in het Nederlands" on the start screen (veerkracht/ui/start.py)
# The keys of the app's buttons and uploaders (veerkracht/ui/conversation.py, end.py, start.py, map_view.py).
NEXT, BACK, JUMP = "nav.next", "nav.back", "nav.jump."
NEW_CONVERSATION = "end.new"
CONTINUE_UPLOAD = "start.upload"
CONTINUE_FOLD = "start.continue"  # the fold-out on the start screen that holds that file box
COMPARE_UPLOAD = "q.map.compare_file"
SESSION_FILE = "gesprek.json"


@dataclass(frozen=True)
class WalkResult:
    problems: list[Problem]
    walks: int  # set × language × mode combinations walked
    screens: int
    seconds: float


def walk_folder(
    folder: FilePath,
    sources: dict[str, tuple[str, Located | None]],
    set_ids: list[str] | None = None,
    languages: set[str] | None = None,
) -> WalkResult:
    """Walk the sets of a content folder (all, or those named; in every language they offer, or in
    those of `languages` only), as the app shows them.

    `sources` maps a set id to its file name and positions, so an error points into the file.
    """
    from veerkracht.languages import offered_languages
    from veerkracht.ui.library import load_content

    started = time.perf_counter()
    content = load_content(FilePath(folder))
    problems: list[Problem] = []
    walks = screens = 0
    with _walking(folder):
        for set_id, question_set in content.library.sets.items():
            if set_ids is not None and set_id not in set_ids:
                continue
            file, source = sources.get(set_id, (set_id, None))
            failures: dict[tuple[Path, str], list[tuple[str, str, Mode]]] = {}
            for lang in offered_languages(question_set, content):
                if languages is not None and lang not in languages:
                    continue
                for mode in MODES:
                    failure, drawn = walk_set(question_set, lang, mode)
                    if failure is not None:
                        where, screen, detail = failure
                        failures.setdefault((where, detail), []).append((screen, lang, mode))
                    walks += 1
                    screens += drawn
            problems += [
                _problem(file, source, where, found, detail) for (where, detail), found in failures.items()
            ]
    return WalkResult(problems, walks, screens, time.perf_counter() - started)


def walk_set(question_set: QuestionSet, lang: str, mode: Mode) -> tuple[tuple[Path, str, str] | None, int]:
    """One walk through the app, stopping at the first screen that fails.

    Returns where it failed (path in the set, screen, what went wrong) or None, and the screens drawn.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=RUN_TIMEOUT)
    last = len(question_set.steps) - 1
    start, end = message("walk_start_screen", "nl"), message("walk_end_screen", "nl")
    plan: list[tuple[Any, Path, str]] = [
        (lambda: at.run(), (), start),
        (lambda: _choose(at, question_set, lang, mode), (), start),
        (lambda: _begin(at, question_set, mode == "coach"), ("steps", 0), _step_name(question_set, 0)),
    ]
    plan += [
        (lambda: at.button(key=NEXT).click().run(), ("steps", i), _step_name(question_set, i))
        for i in range(1, last + 1)
    ]
    if last > 0:  # a step back from the last step, then straight to it again from the list of steps
        plan += [
            (lambda: at.button(key=BACK).click().run(), ("steps", last - 1),
             message("walk_back", "nl", screen=_step_name(question_set, last - 1))),
            (lambda: at.button(key=f"{JUMP}{last}").click().run(), ("steps", last),
             message("walk_jump", "nl", screen=_step_name(question_set, last))),
        ]
    plan.append((lambda: at.button(key=NEXT).click().run(), (), end))
    saved: list[bytes] = []
    if mode == "coach":  # the session file once per language: its names are in every script then
        plan += [
            (lambda: _upload(at, COMPARE_UPLOAD, saved, question_set), (), message("walk_compare", "nl")),
            (lambda: at.button(key=NEW_CONVERSATION).click().run(), (), message("walk_new", "nl")),
            (lambda: _upload(at, CONTINUE_UPLOAD, saved, question_set), ("steps", last),
             message("walk_continue", "nl", screen=_step_name(question_set, last))),
        ]
    for screens, (action, where, screen) in enumerate(plan):
        try:
            action()
        except Exception as error:  # the walk reports what the app would show a student
            return (where, screen, _describe(error)), screens
        if at.exception:
            detail = _describe(_caught.errors[-1]) if _caught.errors else at.exception[0].message
            _caught.errors.clear()
            return (where, screen, detail), screens
    return None, len(plan)


def _choose(at: Any, question_set: QuestionSet, lang: str, mode: Mode) -> None:
    """Set and mode in one run; then the language, which the chosen set's own control offers."""
    at.radio(key="start.set").set_value(question_set.id)
    at.segmented_control(key="start.mode").set_value(mode).run()
    language = "start.language"  # one choice for every set; only drawn where a set offers two or more
    if at.exception:
        return
    if any(control.key == language for control in at.segmented_control):
        at.segmented_control(key=language).set_value(lang).run()
    # With a coach, the Dutch beside the student's language where the app offers it; alone, without.
    if mode == "coach" and not at.exception and any(t.key == REFERENCE_TOGGLE for t in at.toggle):
        at.toggle(key=REFERENCE_TOGGLE).set_value(True).run()


def _upload(at: Any, key: str, saved: list[bytes], question_set: QuestionSet) -> None:
    """The conversation's own session file, as the student downloads it, into an uploader.

    The file is written once, at the end screen; one the app cannot read back is an error here,
    as the student would see no map beside theirs and could not carry on.
    """
    from veerkracht.session import SessionError, dump_session, load_session
    from veerkracht.ui.state import ANSWERS_KEY

    if not saved:
        data = dump_session(at.session_state[ANSWERS_KEY], question_set)
        try:
            load_session(data, {question_set.id: question_set})
        except SessionError as error:
            raise SessionError(message("walk_session_unread", "nl", detail=str(error))) from None
        saved.append(data)
    if key == CONTINUE_UPLOAD:  # its file box is drawn once the fold-out is open, as after a tap
        at.session_state[CONTINUE_FOLD] = True
        at.run()
    at.file_uploader(key=key).upload(SESSION_FILE, saved[0], "application/json").run()


def _begin(at: Any, question_set: QuestionSet, many_scripts: bool = True) -> None:
    """Press Beginnen, then give every question an answer, so that every screen has something, and
    open the form of each list's first row (Wijzigen), so that form is drawn too.

    With `many_scripts` (the rounds with a coach), people also get names in other scripts.
    """
    from veerkracht.ui.state import ANSWERS_KEY, QUESTION_KEY_PREFIX
    from veerkracht.ui.widgets import editing_key

    at.button(key="start.begin").click().run()
    if at.exception or ANSWERS_KEY not in at.session_state:
        return
    answers = at.session_state[ANSWERS_KEY]
    answers.nickname = SAMPLE_NAME
    for _, question in question_set.questions():
        value = sample_answer(question, answers.items_before(question_set, question.id), many_scripts)
        if value is not None:
            answers.set(question.id, value)
            if isinstance(value, list) and value and hasattr(value[0], "id"):  # its first row's form open
                at.session_state[editing_key(f"{QUESTION_KEY_PREFIX}{question.id}")] = value[0].id


def sample_answer(question: QuestionBase, earlier: list[Any], many_scripts: bool = True) -> Any:
    """An answer a student could give: the first options, a name, a place of their own."""
    first = next((options[0].id for _, options in question.option_lists() if options), None)
    raw: Any
    match question.type:  # type: ignore[attr-defined]
        case "choice":
            raw = first
        case "cards":
            raw = {"selected": [first] if first else [], "other": "Tekenen"}
        case "scale":
            raw = 0
        case "text":
            raw = "Op tijd komen"
        case "people":
            tags = [o.id for o in getattr(question, "helps_with", [])[:1]]
            raw = [{"id": "walk-1", "name": SAMPLE_NAME, "closeness": "some", "helps_with": tags},
                   {"id": "walk-2", "name": "Oma", "closeness": "close"}]
            raw += [{"id": f"walk-name-{i}", "name": name, "closeness": "far"}
                    for i, name in enumerate(OTHER_SCRIPT_NAMES if many_scripts else ())]
        case "places":
            options = getattr(question, "options", [])
            raw = [{"id": "walk-3", "option": options[0].id, "closeness": "close"}] if options else []
            raw.append({"id": "walk-4", "name": "Buurthuis", "closeness": "far"})
        case "plan":
            suggestions = getattr(question, "suggestions", [])
            raw = [{"id": "walk-5", "when": "tomorrow", "helpers": [item.key for item in earlier[:2]],
                    **({"suggestion": suggestions[0].id} if suggestions else {"what": "Even bellen"})}]
        case _:
            return None
    try:
        return question.parse_answer(raw)
    except ValueError:  # a type whose answers look different: it is walked without one
        return None


def _step_name(question_set: QuestionSet, index: int) -> str:
    return message("walk_step", "nl", number=index + 1, id=question_set.steps[index].id)


def _problem(
    file: str, source: Located | None, where: Path, found: list[tuple[str, str, Mode]], detail: str
) -> Problem:
    """One error for one failure, with every language and mode in which it happened."""
    line, column = source.locate(where) if source else (1, 1)
    screen = found[0][0]
    ways = ", ".join(message("walk_way", "nl", lang=lang, mode=message(f"walk_mode_{mode}", "nl"))
                     for _, lang, mode in found)
    first_line = " ".join(str(detail).split())[:300]
    text = message("walk_screen_failed", "nl", screen=screen, ways=ways, detail=first_line)
    return Problem(file, line, column, field_name(where), text, rule=rule_of("walk_screen_failed"))


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


class _Caught(logging.Filter):
    """Takes the app's uncaught exceptions from Streamlit's log (the page shows them redacted),
    and keeps that log out of the editor's terminal while the walk runs."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[BaseException] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            self.errors.append(record.exc_info[1])
        return False


_caught = _Caught()
# Streamlit's loggers: the one that logs an app's exception, and one that warns about bare mode.
_QUIET_LOGGERS = ("streamlit.error_util", "streamlit.runtime.scriptrunner_utils.script_run_context")


@contextmanager
def _walking(folder: FilePath) -> Iterator[None]:
    """The app reads its content folder from the environment; point it here for the walk.

    Words that would fall back are errors here, and Streamlit's log stays out of the terminal.
    """
    before = os.environ.get(CONTENT_VARIABLE)
    os.environ[CONTENT_VARIABLE] = str(FilePath(folder).resolve())
    strict_words.on = True
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    for logger in loggers:
        logger.addFilter(_caught)
    try:
        yield
    finally:
        strict_words.on = False
        for logger in loggers:
            logger.removeFilter(_caught)
        _caught.errors.clear()
        if before is None:
            os.environ.pop(CONTENT_VARIABLE, None)
        else:
            os.environ[CONTENT_VARIABLE] = before


# --- The test page: one set that is in no file, walked in a process of its own ----------------

WALK_TIMEOUT = 180  # seconds for a whole walk of one set on the test page


def walk_text(text: str, file: str, folder: FilePath) -> list[Problem]:
    """Walk a set given as text, beside the sets of `folder`, without writing it anywhere.

    It runs in a separate process: the test page runs inside the app's own server, and a walk
    there would share the server's Streamlit state. The text goes through a pipe, not a file.
    """
    command = [sys.executable, "-m", "veerkracht.walk", str(FilePath(folder).resolve()), file]
    try:
        done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=WALK_TIMEOUT,
                              cwd=REPO_DIR, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        text = message("walk_failed", "nl", detail=_describe(error))
        return [Problem(file, 1, 1, "", text, rule=rule_of("walk_failed"))]
    try:
        return [Problem(**item) for item in json.loads(done.stdout)]
    except (ValueError, TypeError):
        detail = " ".join((done.stderr or "").split())[-300:]
        text = message("walk_failed", "nl", detail=detail)
        return [Problem(file, 1, 1, "", text, rule=rule_of("walk_failed"))]


def _main(argv: list[str]) -> int:
    """`python -m veerkracht.walk FOLDER FILE` with the set on stdin: the problems as JSON."""
    from veerkracht.content import load_question_set
    from veerkracht.ui.library import add_trial_set

    folder, file = FilePath(argv[0]), argv[1]
    loaded = load_question_set(sys.stdin.read(), file)
    problems: list[Problem] = []
    if loaded.question_set is not None:
        add_trial_set(loaded.question_set)
        sources = {loaded.question_set.id: (file, loaded.source)}
        problems = walk_folder(folder, sources, [loaded.question_set.id]).problems
    print(json.dumps([asdict(problem) for problem in problems]))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
