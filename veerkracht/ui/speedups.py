"""Work Streamlit repeats on every run with the same answer, done once per process instead.

Each tap of every student makes a run, and the server does one run at a time, so what a run
spends is what the next student waits. Two pieces of Streamlit's own work are the same in every
run and are remembered here; both give exactly what Streamlit gives (tests/test_speedups.py).

- A chip with a picture ("👵 Oma"): Streamlit looks for the picture at its start with a regular
  expression that lists every emoji there is, about a tenth of a question's run. Remembered only
  for a picture on its own (no letter or digit in it, a few characters): never a word a student
  typed (a name in a plan's chips), which must be gone with the conversation.
- The page's colours (the theme in .streamlit/config.toml): Streamlit reads all its settings six
  times per run to fill them in. Remembered per loaded configuration: when Streamlit reads the
  file again, it makes a new one, and the colours are read anew. (A colour changed with
  st.set_option while the server runs would not show; the app never does that.) Only installed
  when Streamlit still fills them as this code knows (theme_filled_as_expected).

One is done more quickly, giving the same:

- A quick copy of a place on the page. A part that reruns on its own (st.fragment) copies, at
  every run, where each of its containers stands: Streamlit's cursors, through Python's general
  deep copy, in the profile about a sixth of a chip's run. A cursor holds only numbers and a
  tuple of numbers (and a list of passing elements, mostly empty), so a copy of its fields is the
  same deep copy (`copied_cursor`); only installed while a cursor holds exactly those fields
  (cursor_fields_as_expected).

Two more are about the server's two threads. A run is drawn on the script thread; the event loop
sends it to the browser.

- One wake-up for what comes together. For every element a run draws, Streamlit hands a call to
  the event loop and wakes it with a system call; the script thread then often waits for the
  interpreter while the loop takes one element. Here the calls of a session wait in order in one
  list and the loop is woken once for all that came while it was busy (`BatchedCalls`): the same
  calls, in the same order, on the same loop. Only installed when Streamlit still hands its calls
  over in the one method this code knows (calls_handed_over_as_expected).
- No full garbage collection of what never goes away. Python's full collection walks every object
  the server holds; with Streamlit, pydantic and plotly loaded that held the server for 70-90 ms,
  every student waiting. After the first runs (Streamlit loads more on first use), what is held
  then is collected once and set aside for good (`settle_memory`, gc.freeze); a full collection
  then walks only what came after (the conversations), 10-20 ms.
"""

from __future__ import annotations

import gc
import inspect
import threading
from collections.abc import Callable
from copy import deepcopy
from typing import Any

from streamlit import config, cursor, string_util
from streamlit.runtime import app_session

SHORT = 16  # characters: the longest emoji (a family, a flag with its tags) fits
MEMORY = 1024  # pictures remembered at most

_Extract = Callable[[str], tuple[str, str]]
_Populate = Callable[..., None]


def is_picture_only(text: object) -> bool:
    """A short text without letters or digits: a picture, a symbol, never a word."""
    return isinstance(text, str) and len(text) <= SHORT and not any(c.isalnum() for c in text)


def remembered_emoji(extract: _Extract) -> _Extract:
    """`extract` with its answers for pictures remembered."""
    if getattr(extract, "remembered", False):
        return extract
    known: dict[str, tuple[str, str]] = {}

    def quick(text: str) -> tuple[str, str]:
        if not is_picture_only(text):
            return extract(text)
        found = known.get(text)
        if found is None:
            found = extract(text)
            if len(known) >= MEMORY:
                known.clear()
            known[text] = found
        return found

    quick.remembered = True  # type: ignore[attr-defined]
    quick.original = extract  # type: ignore[attr-defined]
    quick.known = known  # type: ignore[attr-defined]
    quick.__doc__ = extract.__doc__
    return quick


def remembered_theme(populate: _Populate) -> _Populate:
    """`populate` (fills a theme message from the settings) done once per loaded configuration."""
    if getattr(populate, "remembered", False):
        return populate
    made: dict[str, tuple[object, Any]] = {}  # section → (the settings read, its message)

    def quick(msg: Any, section: str = "theme") -> None:
        options = config.get_config_options()
        kept = made.get(section)
        if kept is not None and kept[0] is options:  # held here, so never another with its id
            filled = kept[1]
        else:
            filled = type(msg)()
            populate(filled, section)
            made[section] = (options, filled)
        if filled.ByteSize():  # nothing set: the message stays untouched, as Streamlit leaves it
            msg.MergeFrom(filled)

    quick.remembered = True  # type: ignore[attr-defined]
    quick.original = populate  # type: ignore[attr-defined]
    return quick


def theme_filled_as_expected() -> bool:
    """Whether this Streamlit still fills the colours of every run the way remembered_theme knows:
    a function (message, section) that the start of each run calls. Otherwise it is left alone."""
    populate = getattr(app_session, "_populate_theme_msg", None)
    if populate is None:
        return False
    populate = getattr(populate, "original", populate)
    try:
        parameters = list(inspect.signature(populate).parameters)
        start_of_run = inspect.getsource(app_session.AppSession._create_new_session_message)
    except (OSError, TypeError, ValueError, AttributeError):
        return False
    return parameters == ["msg", "section"] and "_populate_theme_msg(" in start_of_run


class BatchedCalls:
    """Calls for one session's event loop, in the order they came, with one wake-up for all that
    came while the loop had not yet taken the ones before."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[Callable[[], None]] = []
        self._woken = False

    def add(self, loop: Any, call: Callable[[], None]) -> None:
        with self._lock:
            self._calls.append(call)
            if self._woken:
                return  # the loop is already woken and takes this one too
            self._woken = True
        try:
            loop.call_soon_threadsafe(self._run, loop)
        except RuntimeError:  # the loop is closed (the server stops): dropped, as Streamlit does
            with self._lock:
                self._calls.clear()
                self._woken = False
            if not loop.is_closed():
                raise

    def _run(self, loop: Any) -> None:
        with self._lock:
            calls, self._calls, self._woken = self._calls, [], False
        for call in calls:
            try:
                call()
            except Exception as error:  # as the loop does for a call of its own: reported, the rest run
                loop.call_exception_handler({"message": "Exception in a session's call", "exception": error})


def _call_soon_batched(self: Any, callback: Callable[[], None]) -> None:
    calls = self.__dict__.get("_vk_calls") or self.__dict__.setdefault("_vk_calls", BatchedCalls())
    calls.add(self._event_loop, callback)


def calls_handed_over_as_expected() -> bool:
    """Whether every call of a session for its event loop still goes through the one method
    `_call_soon_on_event_loop`, which hands it to `self._event_loop.call_soon_threadsafe`."""
    handed = getattr(app_session.AppSession, "_call_soon_on_event_loop", None)
    if handed is None or handed is _call_soon_batched:
        return handed is _call_soon_batched
    try:
        body = inspect.getsource(handed)
        whole = inspect.getsource(app_session)
    except (OSError, TypeError):
        return False
    return ("self._event_loop.call_soon_threadsafe(callback)" in body
            and whole.count("call_soon_threadsafe(") == 1)


# What a cursor holds: numbers, a tuple of numbers, and its passing elements (a SparseList).
CURSOR_FIELDS = frozenset({"_root_container", "_parent_path", "_index", "_transient_index",
                           "_transient_elements"})


def copied_cursor(self: Any, memo: dict[int, Any]) -> Any:
    """A deep copy of a cursor: its numbers as they are (they cannot change), its passing elements
    copied deeply when it has any."""
    twin = self.__class__.__new__(self.__class__)
    fields = dict(self.__dict__)
    passing = fields["_transient_elements"]
    fields["_transient_elements"] = deepcopy(passing, memo) if len(passing) else cursor.SparseList()
    twin.__dict__.update(fields)
    return twin


def cursor_fields_as_expected() -> bool:
    """Whether both kinds of cursor still hold exactly CURSOR_FIELDS, with no copy of their own."""
    own = cursor.Cursor.__dict__.get("__deepcopy__")
    if own is not None and own is not copied_cursor:
        return False
    kinds = (cursor.RunningCursor, cursor.LockedCursor)
    if any("__deepcopy__" in kind.__dict__ or "__slots__" in kind.__dict__ for kind in kinds):
        return False
    try:
        made = [cursor.RunningCursor(0, (1,)), cursor.LockedCursor(0, (1,), 2)]
    except TypeError:
        return False
    return all(set(vars(one)) == CURSOR_FIELDS and isinstance(one._transient_elements, cursor.SparseList)
               for one in made)


SETTLE_AFTER_RUNS = 3  # Streamlit has loaded what it loads on the first runs
_runs = {"count": 0}


def settle_memory() -> None:
    """Called at the start of every run: after the first runs of the process, what the server holds
    is collected once and left out of every later full collection (gc.freeze)."""
    _runs["count"] += 1
    if _runs["count"] == SETTLE_AFTER_RUNS:
        gc.collect()
        gc.freeze()


def install() -> None:
    string_util.extract_leading_emoji = remembered_emoji(string_util.extract_leading_emoji)
    if theme_filled_as_expected():
        app_session._populate_theme_msg = remembered_theme(app_session._populate_theme_msg)
    if cursor_fields_as_expected():
        cursor.Cursor.__deepcopy__ = copied_cursor  # type: ignore[attr-defined]
    if calls_handed_over_as_expected():
        app_session.AppSession._call_soon_on_event_loop = _call_soon_batched  # type: ignore[method-assign]
