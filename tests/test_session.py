"""The session file: the student's own copy, which brings a conversation back where it was."""

import contextlib
import json
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veerkracht import limits
from veerkracht.bench.sample import SAMPLE_SET_YAML, sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.session import (
    MAX_SESSION_BYTES,
    SESSION_FORMAT,
    SESSION_VERSION,
    SessionError,
    dump_session,
    load_session,
    orphan_words,
)
from veerkracht.settings import REPO_DIR

QUESTION_SET = sample_question_set()
SETS = {QUESTION_SET.id: QUESTION_SET}
DUTCH = load_words(REPO_DIR / "content", "nl")


def saved(n_items: int = 10, **changes) -> dict:
    answers = sample_answers(QUESTION_SET, n_items)
    answers.go_to(3, QUESTION_SET)
    answers.go_to(2, QUESTION_SET)
    document = json.loads(dump_session(answers, QUESTION_SET))
    document.update(changes)
    return document


def as_bytes(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("n_items", [0, 1, 10, 40])
def test_saving_and_loading_gives_back_the_same_conversation(n_items):
    answers = sample_answers(QUESTION_SET, n_items)
    answers.mode = "self"
    answers.go_to(4, QUESTION_SET)
    answers.go_to(1, QUESTION_SET)

    loaded = load_session(dump_session(answers, QUESTION_SET), SETS)

    assert loaded.answers == answers
    assert loaded.question_set is QUESTION_SET
    assert loaded.orphans == {}
    assert loaded.answers.map_items(QUESTION_SET) == answers.map_items(QUESTION_SET)


def test_the_file_says_what_it_is_and_which_questions_it_belongs_to():
    document = saved()

    assert document["format"] == SESSION_FORMAT
    assert document["format_version"] == SESSION_VERSION
    assert document["question_set"] == {"id": "voorbeeld", "version": "2"}
    assert document["language"] == "nl"
    assert document["nickname"] == "Zoë 🌟"
    assert document["answers"]["wie"][0]["name"] == "Oma Fatma"


def test_the_file_is_readable_text_with_accents_as_they_are():
    data = dump_session(sample_answers(QUESTION_SET, 10), QUESTION_SET)

    assert "Sébastien" in data.decode("utf-8")


def older_set():
    """Version 1 of the sample set: it had a question about hobbies and no question about pride."""
    text = SAMPLE_SET_YAML.replace('version: "2"', 'version: "1"')
    text = text.replace(
        "      - id: trots\n        type: text\n        text: Waar ben je trots op?\n",
        "      - id: hobby\n        type: text\n        text: Wat doe je graag?\n",
    )
    return sample_question_set(text)


def test_a_session_from_an_older_version_loads_and_lists_answers_to_removed_questions():
    old = older_set()
    answers = sample_answers(old, 10)
    answers.set("hobby", "Skaten met Noor")

    loaded = load_session(dump_session(answers, old), SETS)

    assert loaded.saved_version == "1"
    assert loaded.orphans == {"hobby": "Skaten met Noor"}
    assert orphan_words(loaded.orphans) == ["Skaten met Noor"]
    assert loaded.answers.get("trots") is None  # a new question simply starts empty
    assert loaded.answers.get("wie") == answers.get("wie")


def test_an_answer_that_no_longer_fits_its_question_is_listed_not_dropped():
    document = saved()
    document["answers"]["energie"] = 9  # the scale has three steps now
    document["answers"]["wie"] = [{"name": "Tante Ria", "closeness": "heel dichtbij"}]

    loaded = load_session(as_bytes(document), SETS)

    assert loaded.orphans["energie"] == 9
    assert "Tante Ria" in orphan_words(loaded.orphans)
    assert loaded.answers.get("energie") is None


def test_the_step_is_kept_within_the_steps_the_set_has():
    loaded = load_session(as_bytes(saved(step=99, furthest_step=99)), SETS)

    assert loaded.answers.step == len(QUESTION_SET.steps) - 1


def test_a_language_the_set_does_not_have_falls_back_to_its_first_language():
    loaded = load_session(as_bytes(saved(language="tlh")), SETS)

    assert loaded.answers.language == "nl"


def test_a_nickname_as_long_as_the_box_allows_loads():
    loaded = load_session(as_bytes(saved(nickname="Z" * 40)), SETS)

    assert loaded.answers.nickname == "Z" * 40


def test_a_text_longer_than_its_box_is_listed_not_cut_short():
    text = "Ik ben trots op " + "x" * 200
    loaded = load_session(as_bytes(saved(answers={"trots": text})), SETS)

    assert QUESTION_SET.question("trots").max_length < len(text)
    assert loaded.answers.get("trots") is None
    assert loaded.orphans == {"trots": text}


def people(count: int) -> list[dict]:
    return [{"id": f"p{i}", "name": f"Naam {i}", "closeness": "close"} for i in range(count)]


def test_as_many_people_as_a_student_can_add_load_and_reach_the_map():
    loaded = load_session(as_bytes(saved(answers={"wie": people(40)})), SETS)

    assert len(loaded.answers.map_items(QUESTION_SET)) == 40


def nested(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


BAD_FILES = {
    "too big": (b"{" + b" " * MAX_SESSION_BYTES + b"}", "session.too_big"),
    "not utf-8": ("{'naam': 'Zoë'}".encode("latin-1"), "session.not_utf8"),
    "a picture": (b"\x89PNG\r\n\x1a\n\x00\x00", "session.not_utf8"),
    "empty": (b"", "session.not_json"),
    "not json": (b"naam: Zoe\n", "session.not_json"),
    "cut off": (as_bytes(saved())[:200], "session.truncated"),
    "a list": (b"[1, 2, 3]", "session.not_session"),
    "a number": (b"42", "session.not_session"),
    "another format": (as_bytes(saved(format="iets-anders")), "session.not_session"),
    "no format": (as_bytes({k: v for k, v in saved().items() if k != "format"}), "session.not_session"),
    "a future version": (as_bytes(saved(format_version=SESSION_VERSION + 1)), "session.future_version"),
    "a version that is text": (as_bytes(saved(format_version="1")), "session.damaged"),
    "a version that is true": (as_bytes(saved(format_version=True)), "session.damaged"),
    "an unknown question set": (as_bytes(saved(question_set={"id": "weg", "version": "1"})),
                                "session.unknown_set"),
    "no question set": (as_bytes(saved(question_set="voorbeeld")), "session.damaged"),
    "deep nesting": (as_bytes(saved(answers={"wie": json.loads(nested(50))})), "session.damaged"),
    "very deep nesting": (nested(100_000), "session.damaged"),
    "an unexpected field": (as_bytes(saved(script="alert(1)")), "session.damaged"),
    "answers as a list": (as_bytes(saved(answers=[1])), "session.damaged"),
    "a step as text": (as_bytes(saved(step="drie")), "session.damaged"),
    "a strange mode": (as_bytes(saved(mode="admin")), "session.damaged"),
    "a nickname as a list": (as_bytes(saved(nickname=["Zoë"])), "session.damaged"),
    "NaN": (as_bytes(saved()).replace(b'"step": 2', b'"step": NaN'), "session.not_json"),
    "a huge number": (as_bytes(saved()).replace(b'"step": 2', b'"step": ' + b"9" * 5000),
                      "session.not_json"),
    "a format written twice": (
        as_bytes(saved()).replace(b'"format_version"', b'"format": "x", "format_version"'),
        "session.damaged"),
    "an answer written twice": (as_bytes(saved(answers={"wie": people(1)})).replace(
        b'"answers": {', b'"answers": {"wie": [], '), "session.damaged"),
    "a nickname longer than the box": (as_bytes(saved(nickname="Z" * 41)), "session.too_much"),
    "more people than a student can add": (as_bytes(saved(answers={"wie": people(41)})), "session.too_much"),
    "two thousand people": (as_bytes(saved(answers={"wie": people(2000)})), "session.too_much"),
    "more places than a student can add": (
        as_bytes(saved(answers={"waar": [{"name": f"Plek {i}"} for i in range(41)]})), "session.too_much"),
    "more steps than a plan has": (
        as_bytes(saved(answers={"plan": [{"what": f"Stap {i}"} for i in range(4)]})), "session.too_much"),
    "a text longer than any text box": (as_bytes(saved(answers={"trots": "x" * 501})), "session.too_much"),
    "a saved version longer than any text": (
        as_bytes(saved(question_set={"id": "voorbeeld", "version": "1" * 600})), "session.too_much"),
    "more answers than a set has questions": (
        as_bytes(saved(answers={f"v{i}": "x" for i in range(241)})), "session.too_much"),
    "a field name longer than any id": (as_bytes(saved(answers={"x" * 61: "x"})), "session.too_much"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_file_that_is_not_a_good_session_gets_a_plain_message(name):
    data, key = BAD_FILES[name]

    with pytest.raises(SessionError) as raised:
        load_session(data, SETS)

    assert raised.value.key == key
    assert str(raised.value) == DUTCH(key)
    assert str(raised.value) != key


def test_the_message_follows_the_interface_language():
    english = load_words(REPO_DIR / "content", "en")

    with pytest.raises(SessionError) as raised:
        load_session(b"[]", SETS, english)

    assert str(raised.value).startswith("This is not a conversation")


def test_a_session_saved_by_another_program_with_a_byte_order_mark_still_loads():
    data = "\ufeff".encode() + dump_session(sample_answers(QUESTION_SET, 1), QUESTION_SET)

    assert load_session(data, SETS).answers.get("wie")[0].name == "Oma Fatma"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_either_load_or_raise_a_session_error(data):
    with contextlib.suppress(SessionError):
        load_session(data, SETS)


@settings(max_examples=150, deadline=None)
@given(answers=st.dictionaries(st.sampled_from(["wie", "waar", "sterk", "plan", "energie", "x"]),
                               json_values))
def test_any_answers_in_a_good_frame_load_or_are_listed(answers):
    try:
        loaded = load_session(as_bytes(saved(answers=answers)), SETS)
    except SessionError:
        return
    for question_id, value in answers.items():
        if value is not None:
            assert question_id in loaded.answers.responses or question_id in loaded.orphans


def test_the_day_a_file_was_saved_is_read_only_when_it_is_a_plain_date():
    good = load_session(as_bytes(saved(saved_at="2025-03-14")), SETS)
    odd = load_session(as_bytes(saved(saved_at="[klik hier](https://example.org)")), SETS)

    assert good.saved_at.isoformat() == "2025-03-14"
    assert odd.saved_at is None


def test_the_uploaders_take_exactly_what_the_server_takes_and_more_than_any_session_file():
    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))

    assert config["server"]["maxUploadSize"] == limits.UPLOAD_MB  # else the server refuses first
    assert limits.UPLOAD_MB * 1024 * 1024 > MAX_SESSION_BYTES  # so the loader's own message shows
