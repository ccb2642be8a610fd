"""Generated question-set YAML: the loader gives a valid set or located problems, never a crash."""

from __future__ import annotations

import contextlib
import copy
import math
from collections.abc import Iterator
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from veerkracht.content import ContentError, field_name, load_question_set, parse_yaml
from veerkracht.model import QuestionSet
from veerkracht.model_fields import markup_problem
from veerkracht.text import UNSHOWABLE

FILE = "fuzz/vragen.yaml"
FUZZ = settings(
    max_examples=1000,
    deadline=None,
    database=None,  # keep test runs from writing example files into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DOCUMENT_FUZZ = settings(FUZZ, max_examples=600)  # generating nested documents costs ~3 ms each
SLOW_FUZZ = settings(FUZZ, max_examples=300)  # each example also loads a whole set: ~8 ms

# A small valid set with texts per language, cards, people and a plan.
BASE: dict[str, Any] = {
    "id": "mini",
    "version": "1",
    "title": {"nl": "Kort", "en": "Short"},
    "description": "Een korte set.",
    "audience": "iedereen",
    "minutes": 5,
    "languages": ["nl", "en"],
    "steps": [
        {
            "id": "ik",
            "kind": "individual",
            "title": "Ik zelf",
            "coach_tips": ["Begin met iets goeds."],
            "questions": [
                {
                    "id": "sterk",
                    "type": "cards",
                    "level": "individual",
                    "text": {"nl": "Waar ben je goed in?", "en": "What are you good at?"},
                    "options": [
                        {"id": "helpen", "icon": "🤝", "label": {"nl": "Anderen helpen", "en": "Helping"}},
                        {"id": "lachen", "icon": "😂", "label": "Grappig zijn"},
                    ],
                }
            ],
        },
        {
            "id": "mensen",
            "kind": "relational",
            "title": "Mensen om mij heen",
            "questions": [
                {
                    "id": "wie",
                    "type": "people",
                    "text": "Wie helpt jou?",
                    "suggestions": [{"id": "oma", "icon": "👵", "label": "Oma"}],
                }
            ],
        },
        {
            "id": "stap",
            "kind": "next_step",
            "title": "Een kleine stap",
            "questions": [
                {
                    "id": "plan",
                    "type": "plan",
                    "text": "Wat ga je doen?",
                    "suggestions": [{"id": "bellen", "icon": "📞", "label": "Iemand bellen"}],
                }
            ],
        },
    ],
}

HOSTILE_WORDS = [
    "<script>alert('x')</script>",
    "<b>vet</b><img src=x onerror=alert(1)>",
    "**vet** _schuin_ [klik](https://voorbeeld.nl) `code` # kop",
    "\u202eolleh",  # right-to-left override
    "\u200fمرحبا\u200e",
    "\u2066geïsoleerd\u2069",
    "\ufeffbom",
    "{nickname} {0} %s %(x)s",
    "' OR 1=1 --",
    "null", "yes", "no", "on", "~", "=", "<<", "1:30", "0x1F", "1e400", ".inf", "2001-02-03",
    "- lijst", "sleutel: waarde", "# commentaar", "&anker", "*alias", "!!python/object:os.system",
    "a" * 5000,
    "😀" * 200,
    "\n\n\t\\\"'",
    "\x00\x07\x1b[31m",
]
YAML_PUNCTUATION = "-:?,[]{}#&*!|>'\"%@`\n\t "
words = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(max_size=20),
    st.text(alphabet=YAML_PUNCTUATION + "ab1", max_size=12),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), words
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
    max_leaves=20,
)
styles = st.fixed_dictionaries(
    {
        "allow_unicode": st.booleans(),
        "default_flow_style": st.sampled_from([False, True, None]),
        "sort_keys": st.booleans(),
        "width": st.sampled_from([20, 80, 10_000]),
    }
)


FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # writing the input is not under test
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def render(data: Any, style: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=FAST_DUMPER, **style)


def assert_set_or_located_problems(text: str | bytes) -> None:
    loaded = load_question_set(text, FILE)
    decoded = text if isinstance(text, str) else text.decode("utf-8", "replace")
    last_line = decoded.count("\n") + decoded.count("\r") + 2
    assert loaded.file == FILE
    for problem in loaded.problems:
        assert problem.file == FILE
        assert 1 <= problem.line <= last_line and problem.column >= 1
        assert isinstance(problem.message, str) and problem.message.strip()
        assert str(problem).startswith(f"{FILE}:{problem.line}:{problem.column}: ")
    if loaded.question_set is not None:
        assert isinstance(loaded.question_set, QuestionSet)
        assert all(p.severity == "warning" for p in loaded.problems)
    else:
        assert any(p.severity == "error" for p in loaded.problems)


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
def mutated_sets(draw: st.DrawFn) -> dict[str, Any]:
    """The valid base set with one to three things broken, swapped or made hostile."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = paths_in(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = parent_of(doc, path), path[-1]
        action = draw(st.sampled_from(["drop", "replace", "word", "wrap", "extra", "copy", "nest"]))
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(documents)
        elif action == "word":
            parent[key] = draw(words)
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"nl": parent[key]}
        elif action == "extra" and isinstance(parent, dict):
            parent[draw(words)] = draw(scalars)
        elif action == "copy" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "nest":
            parent[key] = {"a": [[{"b": parent[key]}]]}
    return doc


@DOCUMENT_FUZZ
@given(documents, styles)
def test_any_yaml_document_gives_a_set_or_located_problems(data, style):
    assert_set_or_located_problems(render(data, style))


@DOCUMENT_FUZZ
@given(documents, styles)
def test_plain_documents_read_the_same_as_with_the_standard_safe_loader(data, style):
    text = render(data, style)
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        expected = ContentError
    try:
        located = parse_yaml(text, FILE)
    except ContentError as error:
        assert expected is ContentError or error.problem.message in (
            "Het bestand is te diep genest.",
            "Het bestand heeft te veel onderdelen.",
        ) or error.problem.message.startswith(("Het bestand is te groot", *REFUSED_VALUES))
        if error.problem.message.startswith(REFUSED_VALUES):
            assert has_unshowable(expected)  # a control character or infinity, refused where it stands
    else:
        assert located.data == expected


REFUSED_VALUES = ("Hier staat een onzichtbaar", "Hier hoort een gewoon getal")


def has_unshowable(data: Any) -> bool:
    """Whether data holds what no screen can show: a control character, or an endless number."""
    if isinstance(data, str):
        return UNSHOWABLE.search(data) is not None
    if isinstance(data, float):
        return not math.isfinite(data)
    if isinstance(data, dict):
        return any(has_unshowable(k) or has_unshowable(v) for k, v in data.items())
    return isinstance(data, list) and any(has_unshowable(v) for v in data)


@FUZZ
@given(st.one_of(st.text(max_size=300), st.text(alphabet=YAML_PUNCTUATION + "abc:1", max_size=300)))
def test_any_text_at_all_gives_a_set_or_located_problems(text):
    assert_set_or_located_problems(text)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_at_all_give_a_set_or_located_problems(data):
    assert_set_or_located_problems(data)


@SLOW_FUZZ
@given(mutated_sets(), styles)
def test_a_valid_set_with_things_broken_gives_a_set_or_located_problems(doc, style):
    assert_set_or_located_problems(render(doc, style))


@SLOW_FUZZ
@given(
    st.integers(0, 10_000),
    st.integers(0, 40),
    st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(alphabet=YAML_PUNCTUATION + "ab", max_size=8)),
    st.booleans(),
)
def test_a_valid_file_with_characters_typed_in_or_cut_out_gives_a_set_or_located_problems(
    at, cut, typed, as_bytes
):
    text = render(BASE, {"allow_unicode": True, "sort_keys": False})
    at %= len(text)
    changed = text[:at] + typed + text[at + cut:]
    assert_set_or_located_problems(changed.encode("utf-8") if as_bytes else changed)


TEXT_PLACES = [
    ("title", "nl"),
    ("description",),
    ("steps", 0, "title"),
    ("steps", 0, "coach_tips", 0),
    ("steps", 0, "questions", 0, "text", "en"),
    ("steps", 0, "questions", 0, "options", 1, "label"),
    ("steps", 1, "questions", 0, "suggestions", 0, "label"),
]


def pick(item: Any, path: tuple) -> Any:
    for part in path:
        item = getattr(item, part) if isinstance(item, BaseModel) else item[part]
    return item


@SLOW_FUZZ
@given(st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(max_size=80)), st.sampled_from(TEXT_PLACES), styles)
def test_hostile_words_in_any_text_are_kept_exactly_as_plain_text(word, place, style):
    doc = copy.deepcopy(BASE)
    parent_of(doc, place)[place[-1]] = word
    text = render(doc, style)
    written = parent_of(yaml.load(text, Loader=FAST_LOADER), place)[place[-1]]  # NEL may fold to a space
    if word in HOSTILE_WORDS:
        assert written == word
    loaded = load_question_set(text, FILE)
    if has_unshowable(written):  # a control character: refused at the text that holds it
        assert loaded.question_set is None
        assert {p.field for p in loaded.problems} == {field_name(place)}
        assert all("(U+" in p.message for p in loaded.problems)
        return
    if markup_problem(written):  # a picture, HTML, link or address: refused at the text that holds it
        assert loaded.question_set is None
        text_field = place[:-1] if place[-1] in ("nl", "en") else place
        assert {p.field for p in loaded.problems} == {field_name(text_field)}
        return
    assert loaded.question_set is not None, [str(p) for p in loaded.problems]
    assert pick(loaded.question_set, place) == written


@contextlib.contextmanager
def without_libyaml() -> Iterator[None]:
    """As if PyYAML were installed without libyaml (hypothesis runs many examples per test)."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        del yaml.CSafeLoader
    try:
        yield
    finally:
        if fast is not None:
            yaml.CSafeLoader = fast


NESTING = st.sampled_from(["[", "{a: ", "- ", "  b:\n", "\x01", "\\ud800"])


@settings(FUZZ, max_examples=500)  # each example reads the text twice, some of them deep
@given(
    st.one_of(
        st.text(alphabet=YAML_PUNCTUATION + "ab1\\", max_size=300),
        st.tuples(NESTING, st.integers(1, 1200), st.text(alphabet=YAML_PUNCTUATION + "ab", max_size=20))
        .map(lambda case: "title: " + case[0] * case[1] + case[2]),
    )
)
@example("title: " + "[" * 20 + "!:!")
@example("title: " + "[" * 19 + "a:{")
@example("title: " + "[" * 100_000)
@example("title: " + "{a: " * 2_000)
@example("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 30)))
def test_with_or_without_libyaml_any_text_gets_the_same_problems(text):
    with_libyaml = [str(p) for p in load_question_set(text, FILE).problems]
    with without_libyaml():
        without = [str(p) for p in load_question_set(text, FILE).problems]
    assert with_libyaml == without
