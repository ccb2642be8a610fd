"""What the app remembers of Streamlit's own work gives what Streamlit gives, and keeps no student's words."""

from __future__ import annotations

import asyncio
import copy
import gc
import re
import threading
import time
from types import SimpleNamespace

from conftest import REPO
from streamlit import config, cursor, string_util
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session

import veerkracht.ui.app  # noqa: F401  (installs the speed-ups, as the server does)
from veerkracht.ui import speedups

SECTIONS = ("theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar",
            "theme.dark.sidebar")


def _pictures() -> list[str]:
    """Every picture of the shipped sets (each option's icon), as Streamlit looks at a chip."""
    found = set()
    for path in (REPO / "content").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        found |= {m.group(1).strip() for m in re.finditer(r"^\s*icon: (.+)$", text, re.M)}
    return sorted(found)


def _as_streamlit_does(extract, text: str) -> tuple[str, str]:
    """extract_leading_icon with `extract` in place of extract_leading_emoji."""
    installed = string_util.extract_leading_emoji
    string_util.extract_leading_emoji = extract
    try:
        return string_util.extract_leading_icon(text)
    finally:
        string_util.extract_leading_emoji = installed


def test_the_picture_at_the_start_of_a_chip_is_found_as_streamlit_finds_it():
    extract = string_util.extract_leading_emoji
    assert getattr(extract, "remembered", False), "the app's import installs it"
    assert len(_pictures()) > 30
    texts = [*_pictures(), "👵", "🧑‍🤝‍🧑", "🇳🇱", "1️⃣", "❤️", "🏳️‍🌈", "Oma", "Ümit", "", "👵Oma", " 👵",
             "😀" * 40, "ا", "\u200f🏠", "👵 Oma"]
    for text in texts * 2:  # the second time from memory
        assert extract(text) == extract.original(text), text
        assert string_util.extract_leading_icon(text) == _as_streamlit_does(extract.original, text), text
    assert extract("👵") == ("👵", "")


def test_a_word_a_student_typed_is_never_remembered():
    extract = string_util.extract_leading_emoji
    for word in ("Fatima", "Ümit", "محمد", "Оксана", "Jan2", "😀" * 40):
        extract(word)
        assert word not in extract.known
    extract("🧓")
    assert "🧓" in extract.known


def test_the_page_colours_are_the_ones_streamlit_would_send_every_time():
    populate = app_session._populate_theme_msg
    assert getattr(populate, "remembered", False)
    for _ in range(2):
        fast, slow = ForwardMsg(), ForwardMsg()
        for section in SECTIONS:
            part = section.split(".")[1:]
            fast_theme, slow_theme = fast.new_session.custom_theme, slow.new_session.custom_theme
            for name in part:
                fast_theme, slow_theme = getattr(fast_theme, name), getattr(slow_theme, name)
            populate(fast_theme, section)
            populate.original(slow_theme, section)
        assert fast == slow
        assert fast.new_session.custom_theme.primary_color == "#1B5E8C"  # .streamlit/config.toml
        assert fast.new_session.HasField("custom_theme")
        assert not fast.new_session.custom_theme.HasField("dark")  # nothing set there: left unset


def test_changed_colours_count_once_streamlit_reads_its_settings_again():
    populate = app_session._populate_theme_msg
    before = ForwardMsg()
    populate(before.new_session.custom_theme)
    try:
        config.get_config_options(force_reparse=True)
        config._set_option("theme.primaryColor", "#000000", "test")
        after = ForwardMsg()
        populate(after.new_session.custom_theme)
    finally:
        config.get_config_options(force_reparse=True)
    assert before.new_session.custom_theme.primary_color == "#1B5E8C"
    assert after.new_session.custom_theme.primary_color == "#000000"


def test_the_colours_are_remembered_only_while_streamlit_fills_them_as_expected():
    assert speedups.theme_filled_as_expected()  # with the locked Streamlit: installed and used
    assert getattr(app_session._populate_theme_msg, "remembered", False)


def _loop_in_a_thread():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    return loop, thread


def test_a_sessions_calls_reach_its_loop_all_and_in_order_with_fewer_wake_ups():
    loop, thread = _loop_in_a_thread()
    wake_ups = []
    real = loop.call_soon_threadsafe

    def counted(*args):
        wake_ups.append(args)
        return real(*args)

    loop.call_soon_threadsafe = counted
    session = SimpleNamespace(_event_loop=loop)
    done = threading.Event()
    seen, threads = [], []
    try:
        loop.call_soon_threadsafe(time.sleep, 0.05)  # the loop is busy while the calls come
        wake_ups.clear()
        for number in range(200):
            speedups._call_soon_batched(session, lambda number=number: (seen.append(number),
                                                                        threads.append(threading.get_ident())))
        speedups._call_soon_batched(session, done.set)
        assert done.wait(5)
        woken = len(wake_ups)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
    assert seen == list(range(200))  # every call, in the order it came
    assert set(threads) == {thread.ident}  # on the loop's own thread
    assert woken == 1  # one wake-up for all that came while the loop was busy


def test_a_call_that_fails_is_reported_and_the_calls_after_it_still_run():
    loop, thread = _loop_in_a_thread()
    reported, done = [], threading.Event()
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    session = SimpleNamespace(_event_loop=loop)
    try:
        loop.call_soon_threadsafe(time.sleep, 0.05)
        speedups._call_soon_batched(session, lambda: 1 / 0)
        speedups._call_soon_batched(session, done.set)
        assert done.wait(5)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
    assert [type(error) for error in reported] == [ZeroDivisionError]


def test_a_call_for_a_closed_loop_is_dropped_as_streamlit_drops_it():
    loop = asyncio.new_event_loop()
    loop.close()
    speedups._call_soon_batched(SimpleNamespace(_event_loop=loop), lambda: None)  # no error


def test_the_calls_are_batched_only_while_streamlit_hands_them_over_as_expected():
    assert speedups.calls_handed_over_as_expected()  # with the locked Streamlit: installed and used
    assert app_session.AppSession._call_soon_on_event_loop is speedups._call_soon_batched


def test_what_the_server_holds_after_its_first_runs_is_left_out_of_later_collections(monkeypatch):
    monkeypatch.setitem(speedups._runs, "count", 0)
    frozen_before = gc.get_freeze_count()
    try:
        for _ in range(speedups.SETTLE_AFTER_RUNS - 1):
            speedups.settle_memory()
        assert gc.get_freeze_count() == frozen_before  # not before Streamlit loaded its first runs
        speedups.settle_memory()
        settled = gc.get_freeze_count()
        assert settled > frozen_before
        speedups.settle_memory()
        assert gc.get_freeze_count() == settled  # once per process
    finally:
        gc.unfreeze()


def _as_python_copies(one):
    """What Python's own deep copy makes of a cursor (as before the quick copy was installed)."""
    quick = cursor.Cursor.__deepcopy__
    del cursor.Cursor.__deepcopy__
    try:
        return copy.deepcopy(one)
    finally:
        cursor.Cursor.__deepcopy__ = quick


def _fields(one) -> dict:
    fields = dict(vars(one))
    fields["_transient_elements"] = list(fields["_transient_elements"].items())
    return fields


def test_a_quick_copy_of_a_cursor_is_the_deep_copy_python_makes():
    assert speedups.cursor_fields_as_expected()  # with the locked Streamlit: installed and used
    assert cursor.Cursor.__deepcopy__ is speedups.copied_cursor
    running = cursor.RunningCursor(0, (1, 4))
    running.lock_element()
    running.open_block()
    passing = cursor.RunningCursor(1, (2,))
    passing.get_transient_cursor()
    passing.transient_elements[0] = Element()
    passing.transient_elements[0].markdown.body = "Oma"
    for one in (running, passing, cursor.LockedCursor(0, (3,), 5)):
        quick, slow = copy.deepcopy(one), _as_python_copies(one)
        assert type(quick) is type(one) and _fields(quick) == _fields(slow) == _fields(one)
    twin = copy.deepcopy(passing)
    twin.transient_elements[0].markdown.body = "Opa"  # a copy changed: the cursor it came from is not
    twin.lock_element()
    assert passing.transient_elements[0].markdown.body == "Oma" and passing.index == 0
    both = copy.deepcopy([running, running])  # one cursor twice stays one copy, as Python copies it
    assert both[0] is both[1] and both[0] is not running
