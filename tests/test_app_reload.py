"""A reload, a reopened tab or a reconnect finds the conversation again through the token in the address.

Each AppTest is a fresh Streamlit session with an empty session state, just like a reload; only the
address (`?gesprek=...`) and the server's memory carry over.
"""

from __future__ import annotations

import pytest
from conftest import REPO, answers, begin, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.content import load_folder
from veerkracht.session import dump_session
from veerkracht.settings import load_settings
from veerkracht.store import ConversationStore
from veerkracht.ui import state

IDLE_MINUTES = 60


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingStore(ConversationStore):
    """The real store, counting how often the app writes to it."""

    saves = 0

    def save(self, token: str, answers_json: bytes) -> bool:
        self.saves += 1
        return super().save(token, answers_json)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> CountingStore:
    """A store of its own for each test, with a clock the test moves forward."""
    own = CountingStore(idle_minutes=IDLE_MINUTES, clock=clock)
    monkeypatch.setattr(state, "conversation_store", lambda: own)
    return own


def token_of(at: AppTest) -> str | None:
    return at.query_params.get(state.TOKEN_PARAM)


def reload(token: str | None) -> AppTest:
    """A new browser session at the same address."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    if token is not None:
        at.query_params[state.TOKEN_PARAM] = token
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


def test_starting_a_conversation_puts_an_unguessable_token_in_the_address(app, store):
    assert token_of(app) is None, "the start screen has no conversation, so no token"
    begin(app)
    token = token_of(app)
    assert ConversationStore.is_token(token)
    assert len(token) == 32


def test_after_a_reload_the_answers_and_the_step_are_back(app, store):
    half_way(app)

    later = reload(token_of(app))

    assert not later.exception
    assert later.header[0].value == "Ik zelf"
    assert later.text_input(key="q.morgen").value == "Mijn tas inpakken"
    assert answers(later).responses == {"vrije-tijd": "gamen", "morgen": "Mijn tas inpakken"}
    assert answers(later).mode == "self"
    assert token_of(later) == token_of(app), "the address keeps the same token"


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


@pytest.mark.parametrize("address", [
    ConversationStore.new_token(),  # well-formed, but never handed out
    "gesprek",
    "../../etc/passwd",
    "A" * 5000,
])
def test_a_different_or_guessed_token_opens_nothing_and_starts_fresh(app, store, address):
    half_way(app)

    stranger = reload(address)

    assert not stranger.exception
    assert on_start_screen(stranger)
    assert not stranger.info, "a fresh start, without a word about any other conversation"
    assert token_of(stranger) is None, "the useless token is taken out of the address"
    assert answers(reload(token_of(app))).get("morgen") == "Mijn tas inpakken", "the real one is untouched"


def test_an_expired_token_starts_fresh_with_a_friendly_message(app, store, clock):
    half_way(app)
    token = token_of(app)
    clock.now += IDLE_MINUTES * 60 + 1

    later = reload(token)

    assert on_start_screen(later)
    assert any("te lang stil" in notice.value for notice in later.info)
    assert token_of(later) is None
    assert store.held_bytes == 0, "no answers are held any more"


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
    assert token_of(app) is None, "the token is gone from the address"
    assert store.load(token) is None
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
    assert token_of(app) == token and store.load(token) is not None
    assert app.button(key=state.CLEAR_BUTTON_KEY).label == "Wis mijn gegevens"


def test_a_new_conversation_gets_a_new_token_and_the_old_one_opens_nothing(app, store):
    begin(app)
    while has_button(app, "nav.next"):
        press_next(app)
    old = token_of(app)

    app.button(key="end.new").click().run()
    begin(app)

    assert token_of(app) not in (None, old)
    assert on_start_screen(reload(old))


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
    other_tab = reload(None)

    other_tab.file_uploader(key="start.upload").upload("gesprek.json", saved, "application/json").run()
    later = reload(token_of(other_tab))

    assert token_of(other_tab) != token_of(app)
    assert answers(later).get("morgen") == "Mijn tas inpakken"


def test_the_idle_time_may_be_a_fraction_of_a_minute_and_nonsense_falls_back_to_an_hour():
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "0.05"}).idle_minutes == 0.05
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "30"}).idle_minutes == 30
    for nonsense in ("inf", "nan", "0", "-1", "een uur", ""):
        assert load_settings({"VEERKRACHT_IDLE_MINUTES": nonsense}).idle_minutes == 60
