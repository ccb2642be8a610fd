"""A reload or a reconnect finds the conversation again through the key the browser tab holds.

Each AppTest is a fresh Streamlit session with an empty session state, just like a reload; only the
tab's key (which AppTest cannot run the tab's JavaScript for, so `Tab` keeps what the server made
and hands it over) and the server's memory carry over. The address never holds anything of the
conversation. `Browser` stands for the secret each browser got from the server on first contact.
"""

from __future__ import annotations

import pytest
from conftest import REPO, answers, begin, press_next, upload_session
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.session import dump_session
from veerkracht.settings import load_settings
from veerkracht.store import ConversationStore
from veerkracht.ui import state
from veerkracht.ui.tab_key import HandedKey

IDLE_MINUTES = 60


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingStore(ConversationStore):
    """The real store, counting how often the app writes to it."""

    saves = 0

    def save(self, token: str, answers_json: bytes, owner: str | None = None,
             browser: bytes | None = None) -> bool:
        self.saves += 1
        return super().save(token, answers_json, owner, browser)


@pytest.fixture
def clock() -> Clock:
    return Clock()


class Tab:
    """The browser tab: the key in its sessionStorage (the server's, once it made one), handed to
    every new session in it, and whether the server last said it keeps a conversation under it."""

    def __init__(self) -> None:
        self.key: str | None = ""  # a new tab holds no key yet; None: it has not answered (yet)
        self.kept = False

    def __call__(self, issued: str | None, kept: bool) -> HandedKey | None:
        if issued is not None and issued != self.key:
            self.key, self.kept = issued, False  # the server made this tab a key: the tab keeps it
        elif issued is not None:
            self.kept = kept
        return None if self.key is None else HandedKey(self.key, self.kept)


class Browser:
    """Which browser the next session runs in: each has its own secret from the server."""

    def __init__(self) -> None:
        self.secret = b"browser-of-the-student"

    def __call__(self) -> bytes:
        return self.secret


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> CountingStore:
    """A store of its own for each test, with a clock the test moves forward."""
    own = CountingStore(idle_minutes=IDLE_MINUTES, clock=clock)
    monkeypatch.setattr(state, "conversation_store", lambda: own)
    return own


@pytest.fixture(autouse=True)
def tab(monkeypatch: pytest.MonkeyPatch) -> Tab:
    own = Tab()
    monkeypatch.setattr(state, "tab_key", own)
    return own


@pytest.fixture(autouse=True)
def browser(monkeypatch: pytest.MonkeyPatch) -> Browser:
    own = Browser()
    monkeypatch.setattr(state, "browser_secret", own)
    return own


def token_of(at: AppTest) -> str | None:
    """The key this session keeps the conversation under."""
    return at.session_state.get(state.TOKEN_KEY)


def reload(key: str | None, address: dict[str, str] | None = None) -> AppTest:
    """A new browser session in a tab that holds `key` (None: a tab that has not handed it over)."""
    if key != state.tab_key.key:
        state.tab_key.key, state.tab_key.kept = key, False
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for name, value in (address or {}).items():
        at.query_params[name] = value
    return at.run()


def has_button(at: AppTest, key: str) -> bool:
    return any(button.key == key for button in at.button)


def on_start_screen(at: AppTest) -> bool:
    return state.ANSWERS_KEY not in at.session_state and has_button(at, "start.begin")


def half_way(app: AppTest) -> AppTest:
    begin(app, mode="self")
    app.pills(key="q.vrije-tijd").set_value("gamen").run()
    press_next(app)
    app.text_input(key="q.morgen").input("Mijn tas inpakken").run()
    return app


def test_the_conversation_is_kept_under_the_tabs_key_and_the_address_stays_empty(app, store, tab):
    half_way(app)

    assert token_of(app) == tab.key
    assert store.load(tab.key, browser=state.browser_secret()) is not None
    assert dict(app.query_params) == {}, "nothing in the address identifies the conversation"


def test_a_conversation_begun_before_the_key_arrived_is_kept_once_it_does(content_dir, store, tab):
    slow_tab = reload(None)
    begin(slow_tab)
    assert len(store) == 0, "nowhere to keep it yet"

    tab.key = ""
    slow_tab.run()

    assert answers(reload(token_of(slow_tab))).set_id == "alle-vragen"


def test_after_a_reload_the_answers_and_the_step_are_back(app, store):
    half_way(app)

    later = reload(token_of(app))

    assert not later.exception
    assert later.header[0].value == "Ik zelf"
    assert later.text_input(key="q.morgen").value == "Mijn tas inpakken"
    assert answers(later).responses == {"vrije-tijd": "gamen", "morgen": "Mijn tas inpakken"}
    assert answers(later).mode == "self"
    assert token_of(later) == token_of(app), "the tab keeps the same key"


def test_a_reload_on_the_end_screen_shows_the_end_screen_again(app, store):
    begin(app)
    while has_button(app, "nav.next"):
        press_next(app)
    assert app.title[0].value.endswith("Klaar!")

    later = reload(token_of(app))

    assert later.title[0].value.endswith("Klaar!")


def test_answers_given_after_the_reload_are_kept_for_the_next_reload(app, store):
    half_way(app)
    later = reload(token_of(app))
    later.text_input(key="q.morgen").input("Op tijd zijn").run()

    again = reload(token_of(later))

    assert answers(again).get("morgen") == "Op tijd zijn"


@pytest.mark.parametrize("other_key", [
    ConversationStore.new_token(),  # a new tab: well-formed, but never used
    None,  # a tab whose key has not arrived (yet)
    "gesprek",
    "../../etc/passwd",
    "A" * 5000,
])
def test_a_new_tab_or_a_guessed_key_opens_nothing_and_starts_fresh(app, store, other_key):
    half_way(app)
    mine = token_of(app)

    stranger = reload(other_key)

    assert not stranger.exception
    assert on_start_screen(stranger)
    assert not stranger.info, "a fresh start, without a word about any other conversation"
    if other_key is not None:
        assert token_of(stranger) not in (None, mine, other_key), "the server made this tab a key of its own"
    assert answers(reload(mine)).get("morgen") == "Mijn tas inpakken", "the real one is untouched"


def test_a_key_read_from_one_browser_opens_nothing_in_another(app, store, browser):
    half_way(app)
    mine = token_of(app)

    browser.secret = b"browser-of-someone-else"
    elsewhere = reload(mine)

    assert on_start_screen(elsewhere) and not elsewhere.info
    assert token_of(elsewhere) != mine
    begin(elsewhere)  # what happens there is kept apart: the student's conversation is untouched
    browser.secret = b"browser-of-the-student"
    assert answers(reload(mine)).get("morgen") == "Mijn tas inpakken"


def test_a_key_planted_in_a_classroom_tab_never_opens_the_students_conversation(content_dir, store, browser):
    browser.secret = b"browser-of-the-planter"
    planter = reload("")  # the planter's own visit: the server makes that browser a key
    planted = token_of(planter)
    assert planted is not None

    browser.secret = b"browser-in-the-classroom"
    student = half_way(reload(planted))  # the key was put in the classroom tab before the student sat down
    assert token_of(student) != planted, "the classroom tab got a key of its own"

    browser.secret = b"browser-of-the-planter"
    looking = reload(planted)
    assert on_start_screen(looking) and not looking.info
    assert store.load(planted, browser=b"browser-of-the-planter") is None


def test_an_old_address_with_a_key_in_it_opens_nothing_and_loses_the_key(app, store):
    half_way(app)
    mine = token_of(app)

    from_history = reload(ConversationStore.new_token(), address={state.OLD_TOKEN_PARAM: mine})

    assert on_start_screen(from_history)
    assert dict(from_history.query_params) == {}


def test_an_expired_token_starts_fresh_with_a_friendly_message(app, store, clock):
    half_way(app)
    token = token_of(app)
    clock.now += IDLE_MINUTES * 60 + 1

    later = reload(token)

    assert on_start_screen(later)
    assert any("te lang stil" in notice.value for notice in later.info)
    assert store.held_bytes == 0, "no answers are held any more"


def test_a_closed_tab_brought_back_after_the_grace_time_says_the_tab_was_closed(app, store, clock):
    half_way(app)
    token = token_of(app)
    store.sweep_closed(lambda owner: False)  # its connection is gone ...
    store.save(token, b"{}", owner="gone", browser=state.browser_secret())
    store.sweep_closed(lambda owner: False)
    clock.now += store.closed_grace_seconds + 1
    store.sweep_closed(lambda owner: False)  # ... for longer than the grace time

    later = reload(token)

    assert on_start_screen(later)
    notices = [notice.value for notice in later.info]
    assert any("tabblad was een paar minuten dicht" in notice for notice in notices), notices
    assert not any("te lang stil" in notice for notice in notices)


def test_a_kept_conversation_whose_set_broke_does_not_blame_the_server(app, store, content_dir, folder_clock):
    half_way(app)
    key = token_of(app)
    app.run()  # the tab now knows its conversation is kept on the server
    (content_dir / "alle-vragen.yaml").write_text("id: alle-vragen\ntitle: [kapot\n", encoding="utf-8")
    folder_clock.pass_a_second()

    later = reload(key)

    notices = [notice.value for notice in later.info]
    assert state.ANSWERS_KEY not in later.session_state
    assert any("Deze vragen zijn er niet meer" in notice for notice in notices), notices
    assert not any("De server was even weg" in notice for notice in notices), notices
    assert not any(str(content_dir) in notice or "alle-vragen.yaml" in notice for notice in notices)


def test_after_the_idle_time_the_next_tap_finds_neither_the_name_nor_a_step(app, store):
    app.text_input(key="start.nickname").input("Sam").run()
    half_way(app)
    token = token_of(app)
    app.session_state[state.LAST_ACTIVE_KEY] -= IDLE_MINUTES * 60 + 1  # the last tap was that long ago

    app.run()

    assert on_start_screen(app)
    assert app.text_input(key="start.nickname").value == ""
    assert any("omdat je een tijd niets deed" in notice.value for notice in app.info)
    assert store.load(token, browser=state.browser_secret()) is None


def test_a_conversation_lost_with_its_server_process_gets_a_plain_message(app, store, monkeypatch):
    half_way(app)
    key = token_of(app)
    app.run()  # the tab now knows its conversation is kept on the server
    restarted = ConversationStore(idle_minutes=IDLE_MINUTES)
    monkeypatch.setattr(state, "conversation_store", lambda: restarted)

    later = reload(key)

    assert on_start_screen(later)
    assert any("De server was even weg" in notice.value for notice in later.info)
    assert token_of(later) == key
    assert not later.exception


def test_a_reload_after_wiping_says_nothing_about_a_lost_conversation(app, store):
    half_way(app)
    app.run()
    app.button(key=state.CLEAR_BUTTON_KEY).click().run()
    app.button(key=state.CLEAR_CONFIRM_KEY).click().run()

    later = reload(token_of(app))

    assert on_start_screen(later)
    assert not later.info


def test_working_on_the_conversation_keeps_it_from_expiring(app, store, clock):
    half_way(app)
    for _ in range(3):
        clock.now += IDLE_MINUTES * 60 * 0.6
        app.text_input(key="q.morgen").input(f"Stap {clock.now}").run()

    later = reload(token_of(app))

    assert answers(later).get("morgen") == f"Stap {clock.now}"


def test_the_clear_button_is_on_every_step_and_on_the_end_screen(app, store):
    begin(app)
    steps = 0
    while has_button(app, "nav.next"):
        assert app.button(key=state.CLEAR_BUTTON_KEY).label == "Wis mijn gegevens"
        press_next(app)
        steps += 1
    assert steps == 6
    assert app.button(key=state.CLEAR_BUTTON_KEY).label == "Wis mijn gegevens"


def test_the_clear_button_wipes_the_conversation_at_once_everywhere(app, store):
    half_way(app)
    token = token_of(app)

    app.button(key=state.CLEAR_BUTTON_KEY).click().run()
    assert answers(app).get("morgen") == "Mijn tas inpakken", "one press only asks; nothing is gone yet"
    app.button(key=state.CLEAR_CONFIRM_KEY).click().run()

    assert on_start_screen(app)
    assert any("gewist" in notice.value for notice in app.info)
    assert store.load(token, browser=state.browser_secret()) is None
    assert store.held_bytes == 0
    later = reload(token)
    assert on_start_screen(later)
    assert not later.info, "a cleared conversation leaves no trace, not even 'expired'"


def test_changing_your_mind_about_clearing_keeps_everything(app, store):
    half_way(app)
    token = token_of(app)

    app.button(key=state.CLEAR_BUTTON_KEY).click().run()
    app.button(key=state.CLEAR_CANCEL_KEY).click().run()

    assert answers(app).get("morgen") == "Mijn tas inpakken"
    assert token_of(app) == token and store.load(token, browser=state.browser_secret()) is not None
    assert app.button(key=state.CLEAR_BUTTON_KEY).label == "Wis mijn gegevens"


def test_a_new_conversation_in_the_same_tab_replaces_the_old_one_everywhere(app, store):
    half_way(app)
    while has_button(app, "nav.next"):
        press_next(app)
    key = token_of(app)

    app.button(key="end.new").click().run()
    assert store.load(key, browser=state.browser_secret()) is None, "the old conversation is gone at once"
    begin(app, mode="coach")

    later = reload(key)
    assert answers(later).mode == "coach" and answers(later).get("morgen") is None


def test_an_unchanged_conversation_is_not_written_again_on_every_rerun(app, store):
    half_way(app)
    written = store.saves

    app.run()
    app.run()

    assert store.saves == written
    app.text_input(key="q.morgen").input("Iets anders").run()
    assert store.saves == written + 1


def test_a_conversation_carried_on_from_a_file_survives_a_reload_too(app, store, content_dir):
    half_way(app)
    saved = dump_session(answers(app), load_folder(content_dir).sets["alle-vragen"])
    other_tab = reload("")

    upload_session(other_tab, saved)
    later = reload(token_of(other_tab))

    assert token_of(other_tab) != token_of(app)
    assert answers(later).get("morgen") == "Mijn tas inpakken"


def test_the_idle_time_may_be_a_fraction_of_a_minute_and_nonsense_falls_back_to_twenty_minutes():
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "0.05"}).idle_minutes == 0.05
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "30"}).idle_minutes == 30
    for nonsense in ("inf", "nan", "0", "-1", "een uur", ""):
        assert load_settings({"VEERKRACHT_IDLE_MINUTES": nonsense}).idle_minutes == 20


def test_the_grace_after_a_tab_closed_is_a_few_minutes_and_never_longer_than_the_idle_time():
    assert load_settings({}).grace_minutes == 3
    assert load_settings({"VEERKRACHT_GRACE_MINUTES": "0.05"}).grace_minutes == 0.05
    assert load_settings({"VEERKRACHT_GRACE_MINUTES": "nonsense"}).grace_minutes == 3
    short_idle = {"VEERKRACHT_GRACE_MINUTES": "10", "VEERKRACHT_IDLE_MINUTES": "2"}
    assert load_settings(short_idle).grace_minutes == 2


def _download_page() -> None:
    """A screen with one download, as the end screen has them; "wipe" forgets the conversation."""
    import streamlit as st

    from veerkracht.ui import state as page_state

    page_state.touch(60)
    if st.session_state.get("wipe"):
        page_state.clear()
    st.session_state.setdefault("download", page_state.while_kept(b"%PDF- de kaart van Sam"))


def test_a_download_of_a_forgotten_conversation_hands_out_nothing():
    screen = AppTest.from_function(_download_page).run()
    download = screen.session_state["download"]
    assert download() == b"%PDF- de kaart van Sam", "while the conversation is here, the file is made"

    screen.session_state["wipe"] = True  # "Wis mijn gegevens", or the idle time ran out
    screen.run()

    with pytest.raises(state.ExpiredDownload):
        download()


def _everything_held(app: AppTest) -> str:
    """Every value the server holds for this tab, as text."""
    return " ".join(f"{key}={value!r}" for key, value in app.session_state.to_dict().items())


def test_after_wiping_nothing_a_student_typed_is_left_for_the_next_one(app, store):
    begin(app)
    press_next(app)
    press_next(app)
    app.text_input(key="q.wie.add.name").input("Tante Ria")
    app.button(key="q.wie.add.submit").click().run()
    assert any("Toegevoegd: Tante Ria" in node.proto.body for node in app.get("html"))
    app.text_input(key="q.wie.add.name").input("Oom Geheim").run()  # typed, never added
    assert "Tante Ria" in _everything_held(app) and "Oom Geheim" in _everything_held(app)

    app.button(key=state.CLEAR_BUTTON_KEY).click().run()
    app.button(key=state.CLEAR_CONFIRM_KEY).click().run()

    assert on_start_screen(app)
    held = _everything_held(app)
    assert "Tante Ria" not in held and "Oom Geheim" not in held
