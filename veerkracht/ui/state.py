"""Everything the app keeps per browser tab. All access to st.session_state goes through here.

The student's answers are one Answers object, apart from widget state: widgets are seeded from
it each time a step is shown, so moving back and forth keeps every answer.

A reload or a dropped connection starts a new Streamlit session with an empty session state. So
the conversation is also held in the server's memory (never on disk), under a random key the server
made and handed to the open browser tab (its sessionStorage, see tab_key.py); the new session gets
the key from the tab and finds the conversation again. The address never holds it: a new tab, or
the same address from the history, opens a fresh start screen. The conversation is bound to the
browser that began it (a secret the server gave that browser on first contact, sent along with
every connection), so a key copied into another browser opens nothing; while its tab is connected,
no copy of that tab gets it either. Once the tab is closed, the server forgets the conversation
after a short grace time (a background sweep compares the store's owners with the connections
Streamlit still has); after the idle time the tab clears its own screen (idle.py) and the server
forgets it at once.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Mapping
from itertools import cycle
from typing import Any

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from veerkracht.answers import Answers, Mode
from veerkracht.interface import Words
from veerkracht.model import QuestionSet
from veerkracht.session import SessionError, dump_session, load_session
from veerkracht.store import CLOSED, EXPIRED, IN_USE, ConversationStore, shared_store
from veerkracht.ui import idle
from veerkracht.ui import tab_key as tab_key_module
from veerkracht.ui.presses import PAGE, changed
from veerkracht.ui.safe import plain
from veerkracht.ui.tab_key import HandedKey, tab_key
from veerkracht.ui.widgets import SAID_KEY, TOLD_KEY

ANSWERS_KEY = "veerkracht.answers"
FINISHED_KEY = "veerkracht.finished"
NOTICE_KEY = "veerkracht.notice"
LAST_ACTIVE_KEY = "veerkracht.last_active"
SCROLL_KEY = "veerkracht.scroll_top"
SCROLLS_KEY = "veerkracht.scrolls"  # how many times so far: each jump to the top is a new one
TOKEN_KEY = "veerkracht.token"
HEARD_KEY = "veerkracht.heard"  # what the tab handed back, once it did
KEPT_KEY = "veerkracht.kept"  # digest of what the store holds for this tab, to save only changes
TAB_TOLD_KEY = "veerkracht.tab_told"  # whether the tab key, when last drawn, said a conversation is kept
DRAWN_KEY = "veerkracht.drawn"
RUN_KEY = "veerkracht.run"  # counts this session's runs: each one restarts the tab's idle count
LEASE_KEY = "veerkracht.lease"  # until when this conversation's downloads are handed out
NICKNAME_WIDGET_KEY = "start.nickname"  # the start screen's name box (veerkracht/ui/start.py)
# What survives the idle time: how this tab and its connection are known, nothing of the conversation.
_KEPT_THROUGH_EXPIRY = (TOKEN_KEY, HEARD_KEY, LAST_ACTIVE_KEY, RUN_KEY, LEASE_KEY,
                        tab_key_module.ELEMENT_KEY, idle.ELEMENT_KEY)
BROWSER_COOKIE = "_streamlit_xsrf"  # made by the server for this browser on first contact
IN_USE_WAIT_SECONDS = 5.0  # a reload's old connection is gone well before this; a copy's is not
QUESTION_KEY_PREFIX = "q."
OLD_TOKEN_PARAM = "gesprek"  # where earlier versions put the key; taken out of an old address
SWEEP_SECONDS_MIN, SWEEP_SECONDS_MAX = 0.5, 15.0
CLEAR_BUTTON_KEY = "forget"
CLEAR_CONFIRM_KEY = "forget.yes"
CLEAR_CANCEL_KEY = "forget.no"
CONFIRM_CLEAR_KEY = "veerkracht.confirm_clear"
STEP_WANTED_KEY = "veerkracht.step_wanted"  # the step a press of Volgende, Vorige or a jump leads to


def conversation_store() -> ConversationStore:
    """The server's memory for conversations; one place, so tests can hand in their own."""
    return shared_store()


def current_answers() -> Answers | None:
    return st.session_state.get(ANSWERS_KEY)


def start_conversation(
    question_set: QuestionSet, language: str, mode: Mode, nickname: str = ""
) -> Answers:
    """A new, empty conversation; any earlier one in this tab is forgotten."""
    clear()
    answers = Answers.start(question_set, language, mode=mode, nickname=nickname.strip()[:40])
    st.session_state[ANSWERS_KEY] = answers
    request_scroll_top()
    return answers


def replace_answers(answers: Answers, finished: bool = False) -> None:
    """Continue with other answers, e.g. from a session file the student brought."""
    clear()
    st.session_state[ANSWERS_KEY] = answers
    st.session_state[FINISHED_KEY] = finished
    request_scroll_top()


def clear() -> None:
    """Forget the conversation everywhere: this tab, its widgets, the server's memory.

    The tab keeps its key: it holds nothing now, and a new conversation in this tab uses it.
    """
    token = st.session_state.get(TOKEN_KEY)
    if token is not None:
        conversation_store().clear(token)
    # Also what the screen remembers of it: the words under Toevoegen, the values last drawn (a name
    # typed and never added), the values given back to the browser.
    conversation_keys = (ANSWERS_KEY, FINISHED_KEY, KEPT_KEY, CONFIRM_CLEAR_KEY, STEP_WANTED_KEY, DRAWN_KEY,
                         SAID_KEY, TOLD_KEY)
    for key in list(st.session_state.keys()):
        if key in conversation_keys or str(key).startswith(QUESTION_KEY_PREFIX):
            del st.session_state[key]
    lease = st.session_state.get(LEASE_KEY)
    if lease is not None:
        lease.end()  # the downloads of what was here are refused from now on
    st.session_state[LEASE_KEY] = _Lease()


def expire() -> None:
    """The idle time is up: forget the conversation and everything typed on any screen, here and
    on the server. The tab keeps its key; it holds nothing now."""
    clear()
    for key in list(st.session_state.keys()):
        if key not in _KEPT_THROUGH_EXPIRY:
            del st.session_state[key]


def restore(sets: Mapping[str, QuestionSet]) -> None:
    """At the top of every run: draw the tab key; once the tab hands it over, bring back the
    conversation kept under it (after a reload or a dropped connection).

    The server makes every key. A key the tab holds is used again only when this browser kept a
    conversation under it and no other open connection uses it; anything else (a new tab, a key
    planted in the tab or read from another browser, a copy of an open tab) gets a new key and a
    fresh start screen without a word. An expired key, or one whose tab was closed longer than
    the grace time, starts fresh with a message that says which.
    """
    if OLD_TOKEN_PARAM in st.query_params:
        del st.query_params[OLD_TOKEN_PARAM]  # an address from an earlier version opens nothing
    token = st.session_state.get(TOKEN_KEY)
    kept = st.session_state[TAB_TOLD_KEY] = KEPT_KEY in st.session_state
    handed: HandedKey | None = tab_key(token, kept=kept)
    if handed is None and not st.session_state.get(HEARD_KEY) and _real_runtime() is not None:
        st.stop()  # the first run of a page only asks the tab for its key: no start screen that flashes by
    if token is not None or handed is None or st.session_state.get(HEARD_KEY) == handed.key:
        return
    st.session_state[HEARD_KEY] = handed.key
    browser = browser_secret()
    if browser is None and _real_runtime() is not None:
        return  # no secret of this browser to bind a key to: the conversation lives in this session only
    store = conversation_store()
    kept = _claim(store, handed.key, browser) if store.is_token(handed.key) else None
    lost = kept is None and handed.kept and store.is_token(handed.key) and store.is_free(handed.key)
    adopt = isinstance(kept, bytes) or kept in (EXPIRED, CLOSED) or lost
    token = handed.key if adopt else store.new_token()
    st.session_state[TOKEN_KEY] = token
    _watch_connections(store)
    if current_answers() is None:  # else it started before the key arrived: keep() saves it
        _bring_back(store, token, kept, lost, sets)
    st.rerun()  # so the tab hears at once which key the app uses, and whether it keeps a conversation


def _claim(store: ConversationStore, token: str, browser: bytes | None) -> bytes | object | None:
    """What the store holds for this browser under the tab's key, taking it over for this connection.

    A reload's old connection may still be closing: wait a moment for it before calling the key a copy's.
    """
    runtime = _real_runtime()

    def is_open(session_id: str) -> bool:
        return runtime is not None and runtime.get_client(session_id) is not None

    owner, deadline = _connection(), time.monotonic() + IN_USE_WAIT_SECONDS
    while True:
        kept = store.load(token, owner=owner, browser=browser, is_open=is_open)
        if kept is not IN_USE:
            return kept
        if time.monotonic() >= deadline:
            return None  # another open tab has it: this copy starts fresh
        time.sleep(0.1)


def _bring_back(store: ConversationStore, token: str, kept: object, lost: bool,
                sets: Mapping[str, QuestionSet]) -> None:
    restored = _unpack(kept, sets) if isinstance(kept, bytes) else None
    if restored is not None:
        st.session_state[ANSWERS_KEY], st.session_state[FINISHED_KEY] = restored
        st.session_state[KEPT_KEY] = _digest(kept)
        return
    if kept is EXPIRED:
        add_notice("notice.conversation_expired")
    elif kept is CLOSED:
        add_notice("notice.conversation_closed")
    elif isinstance(kept, bytes):
        add_notice("notice.set_gone")  # its questions changed or broke: the server was there all along
    elif lost:
        add_notice("notice.conversation_lost")  # e.g. its server process stopped or restarted
    store.clear(token)  # a conversation that no longer fits its question set is of no use to anyone


def browser_secret() -> bytes | None:
    """A digest of the secret the server gave this browser on first contact: Streamlit's
    anti-forgery cookie, as this connection's own handshake carried it. None without one."""
    raw = st.context.cookies.get(BROWSER_COOKIE) if _real_runtime() is not None else None
    if not raw:
        return None
    parts = raw.strip("\"'").split("|")
    try:  # "2|mask|masked token|time": the token is the same for every page of this browser
        token = bytes(a ^ b for a, b in zip(bytes.fromhex(parts[2]), cycle(bytes.fromhex(parts[1]))))
    except (IndexError, ValueError):
        return None
    if parts[0] != "2" or not token:
        return None
    return hashlib.blake2b(token, digest_size=16, person=b"veerkracht-tab").digest()


def keep(question_set: QuestionSet | None) -> None:
    """Hold the conversation in the server's memory under this tab's key; saved only when changed.

    Until the tab has handed over its key (a moment after the page opened) there is nowhere to
    keep it yet. Saving an unchanged conversation only tells the store it is still in use, so it
    does not expire while worked on.
    """
    answers = current_answers()
    if answers is None or question_set is None or answers.set_id != question_set.id:
        return
    store = conversation_store()
    token = st.session_state.get(TOKEN_KEY)
    if token is None:
        return
    owner, browser = _connection(), browser_secret()
    data = _pack(answers, question_set, is_finished())
    digest = _digest(data)
    if st.session_state.get(KEPT_KEY) == digest and isinstance(
            store.load(token, owner=owner, browser=browser), bytes):
        return
    if store.save(token, data, owner=owner, browser=browser):
        st.session_state[KEPT_KEY] = digest
    else:
        st.session_state.pop(KEPT_KEY, None)  # the store is full: try again on the next change


def tab_behind() -> bool:
    """Whether the tab was last told otherwise than is true now about a conversation being kept
    under its key. Only a run of the whole page tells it (the tab key is drawn at its top), and the
    tab then hands its key back in a run of its own: better right away than later, in the one run
    that shows a message (such as the end of the idle time), which that run would clear."""
    return st.session_state.get(TAB_TOLD_KEY) != (KEPT_KEY in st.session_state)


def show_clear_button(words: Words, prominent: bool = False) -> None:
    """'Wis mijn gegevens': one press asks once more (a tap on the wrong button must not
    cost twenty minutes of answers), the second wipes the conversation at once, here and on the server."""
    if not st.session_state.get(CONFIRM_CLEAR_KEY):
        st.button(
            words("clear.button"),
            icon="🧹",
            key=CLEAR_BUTTON_KEY,
            type="secondary" if prominent else "tertiary",
            width="stretch" if prominent else "content",
            on_click=_ask_to_clear,
        )
        return
    with st.container(border=True, key="confirm-clear"):
        st.markdown(f"**{words('clear.confirm')}**  \n{words('clear.help')}")
        yes, no = st.columns(2)
        yes.button(words("clear.wipe"), icon="🧹", key=CLEAR_CONFIRM_KEY, width="stretch", on_click=_wipe)
        no.button(words("clear.keep"), icon="↩️", key=CLEAR_CANCEL_KEY, type="primary", width="stretch",
                  on_click=_keep_after_all)


# The three act in their callbacks: the next run draws what they lead to, and a press counts even
# when another run cuts the run it starts short.
def _ask_to_clear() -> None:
    changed(PAGE)
    st.session_state[CONFIRM_CLEAR_KEY] = True


def _wipe() -> None:
    changed(PAGE)
    clear()
    add_notice("clear.done")
    request_scroll_top()


def _keep_after_all() -> None:
    changed(PAGE)
    st.session_state.pop(CONFIRM_CLEAR_KEY, None)


def _real_runtime() -> Runtime | None:
    """Streamlit's server runtime, when this runs in one (not in AppTest, which mocks it)."""
    if not Runtime.exists():
        return None
    runtime = Runtime.instance()
    return runtime if type(runtime) is Runtime else None


def _connection() -> str | None:
    """The id of this tab's Streamlit session, when the server can tell whether it is still open."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None and _real_runtime() is not None else None


_watching: set[int] = set()
_watching_lock = threading.Lock()


def _watch_connections(store: ConversationStore) -> None:
    """Once per store and process: a background sweep that forgets conversations whose tab has
    been closed for the grace time. It checks a few times within the grace time."""
    runtime = _real_runtime()
    if runtime is None:
        return
    with _watching_lock:
        if id(store) in _watching:
            return
        _watching.add(id(store))
    every = min(max(store.closed_grace_seconds / 4, SWEEP_SECONDS_MIN), SWEEP_SECONDS_MAX)

    def sweep_forever() -> None:
        while Runtime.exists() and Runtime.instance() is runtime:
            time.sleep(every)
            store.sweep_closed(lambda session_id: runtime.get_client(session_id) is not None)

    threading.Thread(target=sweep_forever, name="veerkracht-closed-tabs", daemon=True).start()


def _pack(answers: Answers, question_set: QuestionSet, finished: bool) -> bytes:
    """The session file, plus whether the end screen was showing."""
    return b'{"finished": %s, "session": %s}' % (
        b"true" if finished else b"false",
        dump_session(answers, question_set),
    )


def _unpack(data: bytes, sets: Mapping[str, QuestionSet]) -> tuple[Answers, bool] | None:
    try:
        kept = json.loads(data)
        loaded = load_session(json.dumps(kept["session"], ensure_ascii=False).encode("utf-8"), sets)
    except (SessionError, ValueError, KeyError, TypeError):
        return None
    return loaded.answers, kept.get("finished") is True


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def is_finished() -> bool:
    return bool(st.session_state.get(FINISHED_KEY, False))


def set_finished(finished: bool) -> None:
    st.session_state[FINISHED_KEY] = finished


def want_step(step: int) -> None:
    """A press asked for this step (an index, or the number of steps for the end screen)."""
    st.session_state[STEP_WANTED_KEY] = step


def step_wanted() -> int | None:
    """The step a press asked for that no run has gone to yet."""
    return st.session_state.get(STEP_WANTED_KEY)


def step_reached() -> None:
    st.session_state.pop(STEP_WANTED_KEY, None)


def request_scroll_top() -> None:
    """The next screen starts at its top, not where the last one was scrolled to."""
    count = st.session_state.get(SCROLLS_KEY, 0) + 1
    st.session_state[SCROLLS_KEY] = count
    st.session_state[SCROLL_KEY] = count


def pop_scroll_top() -> int | None:
    """A fresh number when the screen should scroll to its top, else None. Fresh every time: the
    browser runs the script again only when it differs from the one it has in that place."""
    return st.session_state.pop(SCROLL_KEY, None)


def set_language(language: str) -> None:
    answers = current_answers()
    if answers is not None:
        answers.language = language


def widget_value(key: str, default: Any = None) -> Any:
    """What a widget held after the last interaction, before it is drawn again."""
    return st.session_state.get(key, default)


def widget_values(prefixes: tuple[str, ...]) -> dict[str, Any]:
    """The values of every widget whose key starts with one of `prefixes`."""
    # Not .items() nor list(): Streamlit works out every value in the session to list the keys
    # (list() asks twice, once for the length), and .items() again for each key; one plain loop
    # works the others out once.
    values = st.session_state
    return {key: values[key] for key in values if key.startswith(prefixes)}


def note_drawn(values: dict[str, Any]) -> None:
    """The question widgets' values as the step was just drawn (and read into the answers)."""
    st.session_state[DRAWN_KEY] = values


def drawn() -> dict[str, Any] | None:
    return st.session_state.get(DRAWN_KEY)


def changed_since_drawn(prefixes: tuple[str, ...]) -> bool:
    """Whether a question widget holds another value than when it was last drawn: words typed
    just before a press elsewhere come along with that press. Not a button (its True lasts one
    run) and not a widget drawn no more (a row just taken away): neither is something to keep.
    """
    before = drawn()
    if before is None:
        return True
    now = widget_values(prefixes)
    return any(key in before and before[key] != value for key, value in now.items()
               if not isinstance(value, bool))


def add_notice(word_key: str, **params: Any) -> None:
    """A message for the next screen, shown once (e.g. after loading a session file)."""
    st.session_state.setdefault(NOTICE_KEY, []).append((word_key, params))


def pop_notices() -> list[tuple[str, dict[str, Any]]]:
    return st.session_state.pop(NOTICE_KEY, [])


def show_notices(words: Words) -> None:
    """The messages for this screen, each once."""
    for key, params in pop_notices():
        shown = {name: plain(value) if isinstance(value, str) else value for name, value in params.items()}
        st.info(words(key, **shown), icon="💬")


def touch(idle_minutes: float) -> bool:
    """Note activity; True when the tab was idle too long and everything in it was forgotten."""
    now = time.monotonic()
    last = st.session_state.get(LAST_ACTIVE_KEY)
    st.session_state[LAST_ACTIVE_KEY] = now
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1
    if last is not None and now - last > idle_minutes * 60 and has_something():
        expire()
        return True
    lease = st.session_state.setdefault(LEASE_KEY, _Lease())
    lease.renew(now + idle_minutes * 60)
    return False


def has_something() -> bool:
    """Whether the screen holds anything of a student: a conversation, or a name typed at the start."""
    return current_answers() is not None or bool(st.session_state.get(NICKNAME_WIDGET_KEY))


def watch_idle(idle_minutes: float, warn_seconds: float, words: Words) -> None:
    """At the end of every run: hand the tab its idle time, counted from now; when the tab says the
    time is up, forget everything and show the start screen."""
    protect = has_something()
    now = time.monotonic()
    st.session_state[LAST_ACTIVE_KEY] = now  # the tab starts counting once this run is drawn
    if protect:
        st.session_state.setdefault(LEASE_KEY, _Lease()).renew(now + idle_minutes * 60)
    ended = idle.idle_watch(st.session_state.get(RUN_KEY, 0), idle_minutes * 60 if protect else None,
                            warn_seconds, words)
    if ended and protect:
        expire()
        add_notice("notice.expired")
        request_scroll_top()
        st.rerun()


class _Lease:
    """Until when the downloads of one conversation are handed out: renewed by activity, ended
    when the conversation is cleared or expires. A download asked for later gets nothing."""

    def __init__(self) -> None:
        self._until = 0.0
        self._ended = False

    def renew(self, until: float) -> None:
        if not self._ended:
            self._until = max(self._until, until)

    def end(self) -> None:
        self._ended = True

    def alive(self) -> bool:
        return not self._ended and time.monotonic() < self._until


class ExpiredDownload(PermissionError):
    """A download asked for after its conversation was forgotten."""


def while_kept(data: bytes | Callable[[], bytes]) -> Callable[[], bytes]:
    """A download's contents, made only while this conversation is still here: after the idle time
    or "Wis mijn gegevens", a button still on some screen hands out nothing."""
    lease = st.session_state.setdefault(LEASE_KEY, _Lease())

    def build() -> bytes:
        if not lease.alive():
            raise ExpiredDownload("this conversation was forgotten; its files are no longer made")
        return data() if callable(data) else data

    return build
