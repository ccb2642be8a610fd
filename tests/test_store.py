"""The in-memory conversation store: a reload finds the answers, nobody else does."""

from __future__ import annotations

import sys
import threading

import pytest

from veerkracht import store as store_module
from veerkracht.store import CLOSED, EXPIRED, IN_USE, ConversationStore, Expired, shared_store


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait_minutes(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> ConversationStore:
    return ConversationStore(idle_minutes=60, clock=clock)


ANSWERS = b'{"format": "veerkracht-gesprek", "responses": {"wie": "Oma Fatima"}}'


def test_a_reload_finds_the_answers_saved_under_its_token(store):
    token = store.new_token()
    store.save(token, ANSWERS)
    assert store.load(token) == ANSWERS


def test_a_later_save_replaces_the_earlier_answers(store):
    token = store.new_token()
    store.save(token, b'{"step": 1}')
    store.save(token, b'{"step": 2}')
    assert store.load(token) == b'{"step": 2}'


def test_tokens_are_long_random_and_safe_in_an_address(store):
    tokens = {store.new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 32 and ConversationStore.is_token(t) for t in tokens)
    assert all(t.replace("-", "").replace("_", "").isalnum() for t in tokens)


def test_another_students_token_reads_only_their_own_answers(store):
    mine, theirs = store.new_token(), store.new_token()
    store.save(mine, b'{"nickname": "Sam"}')
    store.save(theirs, b'{"nickname": "Noor"}')
    assert store.load(mine) == b'{"nickname": "Sam"}'
    assert store.load(theirs) == b'{"nickname": "Noor"}'


@pytest.mark.parametrize(
    "guess",
    ["", "x", "A" * 32, "A" * 31, "A" * 33, "../../etc/passwd", "<script>", "gesprek", None, 12],
)
def test_a_guessed_or_malformed_token_reads_nothing(store, guess):
    store.save(store.new_token(), ANSWERS)
    assert store.load(guess) is None


def test_a_token_that_differs_in_one_character_reads_nothing(store):
    token = store.new_token()
    store.save(token, ANSWERS)
    other = ("B" if token[0] != "B" else "C") + token[1:]
    assert store.load(other) is None
    assert store.load(token.upper() if token.upper() != token else token.lower()) is None


def test_a_fresh_token_with_nothing_saved_reads_nothing(store):
    assert store.load(store.new_token()) is None


def test_clear_forgets_at_once_and_leaves_other_conversations(store):
    mine, theirs = store.new_token(), store.new_token()
    store.save(mine, ANSWERS)
    store.save(theirs, b'{"nickname": "Noor"}')
    store.clear(mine)
    assert store.load(mine) is None  # not "expired": cleared leaves no trace at all
    assert store.load(theirs) == b'{"nickname": "Noor"}'
    assert store.held_bytes == len(b'{"nickname": "Noor"}')


def test_clearing_an_unknown_or_malformed_token_changes_nothing(store):
    token = store.new_token()
    store.save(token, ANSWERS)
    store.clear(store.new_token())
    store.clear("not a token")
    assert store.load(token) == ANSWERS


def test_answers_stay_until_the_idle_time_has_passed(store, clock):
    token = store.new_token()
    store.save(token, ANSWERS)
    clock.wait_minutes(59.9)
    assert store.load(token) == ANSWERS


def test_after_the_idle_time_the_token_says_expired_and_holds_nothing(store, clock):
    token = store.new_token()
    store.save(token, ANSWERS)
    clock.wait_minutes(60)
    result = store.load(token)
    assert result is EXPIRED and isinstance(result, Expired)
    assert store.held_bytes == 0


def test_reading_or_saving_counts_as_activity(store, clock):
    token = store.new_token()
    store.save(token, ANSWERS)
    for _ in range(5):
        clock.wait_minutes(40)
        assert store.load(token) == ANSWERS
    clock.wait_minutes(40)
    store.save(token, b"{}")
    clock.wait_minutes(40)
    assert store.load(token) == b"{}"


def test_an_expired_token_never_brings_the_old_answers_back(store, clock):
    token = store.new_token()
    store.save(token, ANSWERS)
    clock.wait_minutes(61)
    assert store.load(token) is EXPIRED
    assert store.load(token) is EXPIRED
    store.save(token, b'{"step": 0}')
    assert store.load(token) == b'{"step": 0}'


def test_the_expired_notice_is_itself_forgotten_after_a_day(store, clock):
    token = store.new_token()
    store.save(token, ANSWERS)
    clock.wait_minutes(61)
    store.sweep()
    clock.wait_minutes(24 * 60)
    assert store.load(token) is None


def test_sweep_returns_memory_to_empty(store, clock):
    tokens = [store.new_token() for _ in range(300)]
    for token in tokens:
        store.save(token, ANSWERS)
    assert len(store) == 300
    assert store.held_bytes == 300 * len(ANSWERS)
    clock.wait_minutes(61)
    store.sweep()
    assert len(store) == 0
    assert store.held_bytes == 0


def test_any_access_sweeps_the_idle_conversations_of_others(store, clock):
    old = [store.new_token() for _ in range(10)]
    for token in old:
        store.save(token, ANSWERS)
    clock.wait_minutes(30)
    recent = store.new_token()
    store.save(recent, ANSWERS)
    clock.wait_minutes(31)
    assert store.load(recent) == ANSWERS
    assert len(store) == 1


def test_answers_bigger_than_the_entry_cap_are_refused_and_the_earlier_kept(clock):
    store = ConversationStore(idle_minutes=60, clock=clock, max_entry_bytes=100)
    token = store.new_token()
    assert store.save(token, b"x" * 100) is True
    assert store.save(token, b"y" * 101) is False
    assert store.load(token) == b"x" * 100


def test_a_full_store_refuses_new_conversations_but_keeps_updating_existing_ones(clock):
    store = ConversationStore(idle_minutes=60, clock=clock, max_entries=3)
    tokens = [store.new_token() for _ in range(3)]
    assert all(store.save(t, ANSWERS) for t in tokens)
    newcomer = store.new_token()
    assert store.save(newcomer, ANSWERS) is False
    assert store.load(newcomer) is None
    assert store.save(tokens[0], b'{"step": 3}') is True
    assert [store.load(t) for t in tokens] == [b'{"step": 3}', ANSWERS, ANSWERS]


def test_a_full_store_has_room_again_once_idle_conversations_expire(clock):
    store = ConversationStore(idle_minutes=60, clock=clock, max_entries=2)
    for _ in range(2):
        store.save(store.new_token(), ANSWERS)
    clock.wait_minutes(61)
    assert store.save(store.new_token(), ANSWERS) is True


def test_the_total_held_bytes_never_pass_their_cap(clock):
    store = ConversationStore(idle_minutes=60, clock=clock, max_entry_bytes=100, max_total_bytes=250)
    tokens = [store.new_token() for _ in range(3)]
    assert store.save(tokens[0], b"a" * 100)
    assert store.save(tokens[1], b"b" * 100)
    assert not store.save(tokens[2], b"c" * 100)
    assert store.save(tokens[1], b"b" * 50)  # a smaller update makes room
    assert store.save(tokens[2], b"c" * 100)
    assert store.held_bytes == 250


def test_the_expired_memory_is_bounded_too(clock):
    store = ConversationStore(idle_minutes=1, clock=clock, max_entries=5)
    tokens = [store.new_token() for _ in range(20)]
    for token in tokens:
        store.save(token, ANSWERS)
        clock.wait_minutes(2)
    store.sweep()
    remembered = [t for t in tokens if store.load(t) is EXPIRED]
    assert 0 < len(remembered) <= 5
    assert remembered == tokens[-len(remembered):]


def test_saving_under_something_that_is_not_a_token_is_a_programming_error(store):
    with pytest.raises(ValueError):
        store.save("mijn-gesprek", ANSWERS)
    with pytest.raises(TypeError):
        store.save(store.new_token(), "not bytes")  # type: ignore[arg-type]


def test_an_idle_time_of_zero_is_refused():
    with pytest.raises(ValueError):
        ConversationStore(idle_minutes=0)


def test_many_students_at_once_each_find_their_own_answers(store):
    failures: list[str] = []

    def student(number: int) -> None:
        token = store.new_token()
        for step in range(50):
            mine = f'{{"student": {number}, "step": {step}}}'.encode()
            store.save(token, mine)
            if store.load(token) != mine:
                failures.append(f"student {number} step {step}")
        store.clear(token)

    threads = [threading.Thread(target=student, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(store) == 0 and store.held_bytes == 0


def test_the_store_never_opens_a_file_or_a_connection(store, clock):
    seen: list[tuple[str, tuple]] = []
    watching = threading.Event()

    def audit(event: str, args: tuple) -> None:
        if watching.is_set() and (event == "open" or event.startswith(("socket.", "os."))):
            seen.append((event, args))

    sys.addaudithook(audit)  # hooks cannot be removed; this one only records while `watching`
    watching.set()
    try:
        token = store.new_token()
        store.save(token, ANSWERS)
        store.load(token)
        clock.wait_minutes(61)
        store.load(token)
        store.sweep()
        store.clear(token)
    finally:
        watching.clear()
    assert seen == []


def test_the_shared_store_is_one_per_server_and_uses_the_configured_idle_time(monkeypatch):
    monkeypatch.setattr(store_module, "_shared", None)
    monkeypatch.setenv("VEERKRACHT_IDLE_MINUTES", "5")
    first = shared_store()
    assert first is shared_store()
    assert first.idle_seconds == 5 * 60


def test_the_shared_store_defaults_to_twenty_minutes(monkeypatch):
    monkeypatch.setattr(store_module, "_shared", None)
    monkeypatch.delenv("VEERKRACHT_IDLE_MINUTES", raising=False)
    assert shared_store().idle_seconds == 20 * 60


class Connections:
    """Which Streamlit sessions (browser tabs) are still connected, as the server sees them."""

    def __init__(self) -> None:
        self.open: set[str] = set()

    def __call__(self, owner: str) -> bool:
        return owner in self.open


@pytest.fixture
def tabs() -> Connections:
    return Connections()


@pytest.fixture
def graced(clock: FakeClock) -> ConversationStore:
    return ConversationStore(idle_minutes=60, clock=clock, closed_grace_minutes=3)


def test_a_closed_tab_ends_its_conversation_after_the_grace_time(graced, clock, tabs):
    token = graced.new_token()
    tabs.open.add("tab-1")
    graced.save(token, ANSWERS, owner="tab-1")
    graced.sweep_closed(tabs)
    tabs.open.clear()  # the student closes the tab without wiping anything

    graced.sweep_closed(tabs)
    clock.wait_minutes(2.9)
    assert graced.sweep_closed(tabs) == 0
    clock.wait_minutes(0.2)
    assert graced.sweep_closed(tabs) == 1

    assert graced.load(token) is CLOSED, "the next person at the computer finds nothing, and is told why"
    assert graced.held_bytes == 0


def test_a_reload_within_the_grace_time_keeps_the_conversation(graced, clock, tabs):
    token = graced.new_token()
    tabs.open.add("before-reload")
    graced.save(token, ANSWERS, owner="before-reload")
    tabs.open = {"after-reload"}  # the old connection closed, the reloaded page has a new one
    graced.sweep_closed(tabs)
    clock.wait_minutes(1)

    assert graced.load(token, owner="after-reload") == ANSWERS
    clock.wait_minutes(10)
    graced.sweep_closed(tabs)
    assert graced.load(token) == ANSWERS, "the new connection holds it now"


def test_a_connection_that_comes_back_keeps_the_conversation(graced, clock, tabs):
    token = graced.new_token()
    graced.save(token, ANSWERS, owner="tab-1")
    graced.sweep_closed(tabs)  # a flaky connection: gone for a moment
    clock.wait_minutes(2)
    tabs.open.add("tab-1")
    graced.sweep_closed(tabs)
    tabs.open.clear()
    graced.sweep_closed(tabs)
    clock.wait_minutes(2)
    assert graced.sweep_closed(tabs) == 0
    assert graced.load(token) == ANSWERS, "the grace time starts again from the last time it was gone"


def test_a_load_after_the_grace_time_finds_nothing_even_before_the_next_sweep(graced, clock, tabs):
    token = graced.new_token()
    graced.save(token, ANSWERS, owner="tab-1")
    graced.sweep_closed(tabs)
    clock.wait_minutes(3)
    assert graced.load(token, owner="restored-tab") is CLOSED


def test_conversations_without_a_known_connection_only_run_out_by_idle_time(graced, clock, tabs):
    token = graced.new_token()
    graced.save(token, ANSWERS)
    for _ in range(5):
        clock.wait_minutes(10)
        graced.sweep_closed(tabs)
    assert graced.load(token) == ANSWERS
    clock.wait_minutes(61)
    assert graced.load(token) is EXPIRED


def test_a_grace_time_of_zero_is_refused():
    with pytest.raises(ValueError):
        ConversationStore(idle_minutes=60, closed_grace_minutes=0)


def test_the_shared_store_uses_the_configured_grace_time(monkeypatch):
    monkeypatch.setattr(store_module, "_shared", None)
    monkeypatch.setenv("VEERKRACHT_GRACE_MINUTES", "0.5")
    assert shared_store().closed_grace_seconds == 30


# --- one browser, one open tab -------------------------------------------------------------

STUDENT, SOMEONE_ELSE = b"browser-of-the-student", b"browser-of-someone-else"


def test_a_token_used_from_another_browser_reads_and_writes_nothing(store):
    token = store.new_token()
    assert store.save(token, ANSWERS, browser=STUDENT)

    assert store.load(token, browser=SOMEONE_ELSE) is None
    assert store.load(token) is None, "nor from a browser without a secret"
    assert not store.save(token, b'{"overwritten": true}', browser=SOMEONE_ELSE)
    assert store.load(token, browser=STUDENT) == ANSWERS


def test_another_browser_is_not_told_that_a_token_expired(store, clock):
    token = store.new_token()
    store.save(token, ANSWERS, browser=STUDENT)
    clock.wait_minutes(61)

    assert store.load(token, browser=SOMEONE_ELSE) is None
    assert store.load(token, browser=STUDENT) is EXPIRED


def test_while_its_connection_is_open_a_copy_gets_nothing_and_a_reload_gets_it_all(store):
    token = store.new_token()
    store.save(token, ANSWERS, owner="first-tab", browser=STUDENT)
    open_now = {"first-tab"}

    copy = store.load(token, owner="copy", browser=STUDENT, is_open=open_now.__contains__)
    assert copy is IN_USE

    open_now.clear()  # the first tab reloads: its old connection is gone
    assert store.load(token, owner="reloaded", browser=STUDENT, is_open=open_now.__contains__) == ANSWERS
    assert store.load(token, owner="reloaded", browser=STUDENT, is_open=lambda owner: True) == ANSWERS


def test_a_token_is_free_until_someone_keeps_a_conversation_under_it(store):
    token = store.new_token()
    assert store.is_free(token)
    store.save(token, ANSWERS, browser=STUDENT)
    assert not store.is_free(token)
    assert not store.is_free("not a token")
