"""Generated session files: a valid conversation or a plain refusal, never a crash or bad state."""

from __future__ import annotations

import contextlib
import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from veerkracht import limits, session
from veerkracht.answers import Answers
from veerkracht.content import load_question_set
from veerkracht.interface import load_words
from veerkracht.session import SessionError, dump_session, load_session

REPO = Path(__file__).resolve().parent.parent
QUESTION_SET = load_question_set(
    (REPO / "tests" / "fixtures" / "alle-vragen.yaml").read_bytes(), "alle-vragen.yaml"
).question_set
assert QUESTION_SET is not None
SETS = {QUESTION_SET.id: QUESTION_SET}
WORDS = load_words(REPO / "content", "nl")
REFUSALS = {
    WORDS(f"session.{key}")
    for key in (
        "too_big", "not_utf8", "not_json", "truncated", "not_session", "future_version",
        "unknown_set", "damaged", "too_much",
    )
}
FUZZ = settings(
    max_examples=1000,
    deadline=None,
    database=None,  # keep test runs from writing example files into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

RAW_ANSWERS = {
    "dag": 2,
    "vrije-tijd": "gamen",
    "sterk": {"selected": ["helpen", "lachen"], "other": "Koken"},
    "morgen": "Op tijd zijn",
    "wie": [{"name": "Oma Fatima", "closeness": "close", "helps_with": ["luisteren"]}],
    "waar": [{"option": "club"}, {"name": "Bibliotheek", "closeness": "some"}],
    "plan": [{"suggestion": "bellen", "when": "tomorrow", "helpers": []}],
}


def full_answers() -> Answers:
    answers = Answers.start(QUESTION_SET, nickname="Sam")
    for question_id, raw in RAW_ANSWERS.items():
        answers.set(question_id, QUESTION_SET.question(question_id).parse_answer(raw))
    answers.go_to(4, QUESTION_SET)
    return answers


BASE_ANSWERS = full_answers()
BASE_BYTES = dump_session(BASE_ANSWERS, QUESTION_SET, today=date(2025, 3, 1))
BASE: dict[str, Any] = json.loads(BASE_BYTES)

HOSTILE_WORDS = [
    "<script>alert('x')</script>",
    "<b>vet</b><img src=x onerror=alert(1)>",
    "**vet** _schuin_ [klik](https://voorbeeld.nl)",
    "\u202eolleh",
    "\u200fمرحبا\u200e",
    "{nickname} %s",
    "\x00\x1b[31m",
    "a" * 5000,
    "😀" * 100,
    "../../etc/passwd",
]
words = st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(max_size=20))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), words
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
    max_leaves=20,
)


def paths_in(data: Any, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_in(value, path + (index,))
    return found


def parent_of(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_sessions(draw: st.DrawFn) -> bytes:
    """The saved conversation with one to three things broken, swapped or made hostile."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths_in(doc)))
        parent, key = parent_of(doc, path), path[-1]
        action = draw(st.sampled_from(["drop", "replace", "word", "number", "wrap", "extra", "nest"]))
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(json_values)
        elif action == "word":
            parent[key] = draw(words)
        elif action == "number":
            parent[key] = draw(st.one_of(st.integers(), st.integers(-2, 10)))
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
        elif action == "extra" and isinstance(parent, dict):
            parent[draw(words)] = draw(scalars)
        elif action == "nest":
            parent[key] = {"a": [[{"b": parent[key]}]]}
        if not paths_in(doc):
            break
    data = json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # a download that broke off
    return data


def load_or_refuse(data: bytes) -> Answers | None:
    """Load a file and check the outcome is one a student can live with."""
    try:
        loaded = load_session(data, SETS, WORDS)
    except SessionError as error:
        assert str(error) in REFUSALS
        return None
    answers = loaded.answers
    assert loaded.question_set is QUESTION_SET
    assert answers.set_id == QUESTION_SET.id
    assert answers.language in QUESTION_SET.languages
    assert answers.mode in ("coach", "self")
    assert len(answers.nickname) <= 40
    assert 0 <= answers.step <= answers.furthest_step < len(QUESTION_SET.steps)
    for question_id, value in answers.responses.items():
        question = QUESTION_SET.question(question_id)
        assert question is not None
        assert question.parse_answer(question.dump_answer(value)) == value
    within_limits(answers)
    again = load_session(dump_session(answers, QUESTION_SET), SETS, WORDS).answers
    assert meaningful(again) == meaningful(answers)  # saving what was loaded loses nothing
    return answers


PER_QUESTION = {"people": limits.ENTRIES, "places": limits.ENTRIES, "cards": 25, "plan": 0}


def within_limits(answers: Answers) -> None:
    """What reaches the map is never more than a student could have entered."""
    items = answers.map_items(QUESTION_SET)
    for _, question in QUESTION_SET.questions():
        mine = [item for item in items if item.question_id == question.id]
        assert len(mine) <= PER_QUESTION.get(question.type, 1)
        value = answers.get(question.id)
        if question.type == "plan" and value:
            assert len(value) <= limits.PLAN_STEPS
    assert all(len(item.label) <= limits.TEXT_CHARS for item in items)
    assert len(answers.nickname) <= limits.NICKNAME_CHARS


def meaningful(answers: Answers) -> dict[str, Any]:
    """The answers as saved: an empty answer and no answer are the same to the student."""
    fields = answers.model_dump()
    fields["responses"] = {
        key: value
        for key, value in fields["responses"].items()
        if not QUESTION_SET.question(key).is_empty(answers.get(key))
    }
    return fields


def test_the_unbroken_file_brings_every_answer_back():
    assert load_or_refuse(BASE_BYTES).model_dump() == BASE_ANSWERS.model_dump()


@FUZZ
@given(st.binary(max_size=400))
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe{")
@example(b"[" * 100_000)
@example(b"{" + b'"a":' * 50_000 + b"1")
@example(b"NaN")
@example(b'{"format": "veerkracht-session", "format_version": Infinity}')
def test_any_bytes_give_a_conversation_or_a_plain_refusal(data):
    load_or_refuse(data)


@settings(FUZZ, max_examples=600)  # generating nested documents costs ~3 ms each
@given(json_values)
def test_any_json_document_gives_a_conversation_or_a_plain_refusal(document):
    load_or_refuse(json.dumps(document).encode("utf-8"))


@FUZZ
@given(mutated_sessions())
@example(BASE_BYTES[: len(BASE_BYTES) // 2])
@example(BASE_BYTES + b" " * (session.MAX_SESSION_BYTES + 1))
@example(json.dumps({**BASE, "format_version": 2}).encode())
@example(json.dumps({**BASE, "format_version": 10**40}).encode())
@example(json.dumps({**BASE, "onverwacht": True}).encode())
@example(json.dumps({**BASE, "answers": {"wie": [[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]}}).encode())
@example(json.dumps({**BASE, "question_set": {"id": "bestaat-niet", "version": "1"}}).encode())
def test_a_real_session_with_things_broken_gives_a_conversation_or_a_plain_refusal(data):
    load_or_refuse(data)


@FUZZ
@given(mutated_sessions())
def test_the_checks_refuse_bad_files_themselves_without_the_last_resort_net(data):
    with contextlib.suppress(SessionError):
        session._load(data, SETS, WORDS)  # load_session's catch-all is a net, not the check


@FUZZ
@given(
    nickname=st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(max_size=60)),
    name=st.one_of(st.sampled_from([w[:60] for w in HOSTILE_WORDS]), st.text(min_size=1, max_size=60)),
    own_words=st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(max_size=80)),
)
def test_hostile_words_the_student_typed_come_back_exactly(nickname, name, own_words):
    doc = copy.deepcopy(BASE)
    doc["nickname"] = nickname
    doc["answers"]["wie"][0]["name"] = name
    doc["answers"]["morgen"] = own_words
    answers = load_or_refuse(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    if len(nickname) > limits.NICKNAME_CHARS or len(own_words) > limits.TEXT_CHARS:
        assert answers is None  # more than the boxes let anyone type: refused, never cut short
        return
    assert answers is not None
    assert answers.nickname == nickname
    if name.strip():
        assert answers.get("wie")[0].name == name
    else:  # no role and only blanks: nobody to name, so that answer is kept aside, the rest loads
        assert answers.get("wie") is None
    box = QUESTION_SET.question("morgen").max_length
    if len(own_words) > box:  # longer than the box lets anyone type: kept aside, never cut short
        assert answers.get("morgen") is None
    else:
        assert answers.get("morgen") == own_words


LIMITED_LISTS = {"wie": limits.ENTRIES, "waar": limits.ENTRIES, "plan": limits.PLAN_STEPS}


@st.composite
def oversized_sessions(draw: st.DrawFn) -> tuple[bytes, bool]:
    """The saved conversation with lists, texts and blocks grown around every limit.

    Returns the file and whether any part of it is more than the widgets let a student enter.
    """
    doc = copy.deepcopy(BASE)
    answers = doc["answers"]
    beyond = False
    if draw(st.booleans()):
        length = draw(st.one_of(st.integers(1, 60), st.integers(61, 2000)))
        answers["wie"][0]["name"] = "n" * length
        beyond |= length > limits.TEXT_CHARS
    for question_id, limit in LIMITED_LISTS.items():
        if draw(st.booleans()):
            count = draw(st.one_of(st.integers(0, limit + 2), st.integers(limit, 400)))
            template = answers[question_id][0]
            answers[question_id] = [{**template, "id": f"e{i}"} for i in range(count)]
            beyond |= count > limit
    if draw(st.booleans()):
        length = draw(st.one_of(st.integers(0, 80), st.integers(limits.TEXT_CHARS - 2, 3000)))
        answers["morgen"] = "x" * length
        beyond |= length > limits.TEXT_CHARS
    if draw(st.booleans()):
        length = draw(st.integers(0, limits.NICKNAME_CHARS + 200))
        doc["nickname"] = "z" * length
        beyond |= length > limits.NICKNAME_CHARS
    if draw(st.booleans()):
        count = draw(st.integers(0, limits.SESSION_ANSWERS + 50))
        answers.update({f"weg-{i}": "x" for i in range(count)})
        beyond |= len(answers) > limits.SESSION_ANSWERS
    if draw(st.booleans()):
        length = draw(st.integers(1, limits.SESSION_KEY_CHARS + 40))
        answers["k" * length] = "x"
        beyond |= length > limits.SESSION_KEY_CHARS or len(answers) > limits.SESSION_ANSWERS
    half = draw(st.booleans())
    if half:  # half of an emoji, as JSON can write it: no screen can show it
        answers["morgen"] = "Op tijd \ud83d"
        beyond = True
    return json.dumps(doc, ensure_ascii=half or draw(st.booleans())).encode("utf-8"), beyond


@settings(FUZZ, max_examples=300)
@given(oversized_sessions())
def test_a_file_beyond_any_limit_is_refused_and_one_within_gives_a_map_within_them(case):
    data, beyond = case

    answers = load_or_refuse(data)

    if beyond:
        assert answers is None
    elif len(data) <= session.MAX_SESSION_BYTES:
        assert answers is not None
