"""A whole conversation in Arabic and in Ukrainian: every screen speaks the chosen language only."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, answers, begin, make_content, popover_labels, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.contacts import load_contacts
from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.levels import Closeness
from veerkracht.model import QuestionSet
from veerkracht.text import resolve

CONTENT = REPO / "content"
NEW_LANGUAGES = ["ar", "tr", "pl", "uk"]


def _flatten(data: object, prefix: str = "") -> dict[str, str]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in _flatten(value, f"{prefix}{key}.").items()}
    return {prefix.rstrip("."): str(data)}


def _dutch_phrases(question_set: QuestionSet, lang: str) -> set[str]:
    """Dutch texts of two words or more that would give away an untranslated screen."""
    words = _flatten(yaml.safe_load((CONTENT / "interface" / "nl.yaml").read_text(encoding="utf-8")))
    own = load_words(CONTENT, lang).own
    phrases = {text for key, text in words.items() if "{" not in text and own.get(key) != text}
    for _, text in question_set.texts():
        if isinstance(text, dict) and text.get(lang) != text.get("nl"):
            phrases.add(text["nl"])
    return {p for p in phrases if len(p.split()) >= 2}


def _on_screen(at: AppTest) -> list[str]:
    """Every text a student can see or hear: labels, values, options and the page's own HTML."""
    texts, todo = [], [at.main, at.sidebar]
    while todo:
        node = todo.pop()
        for name in ("label", "value"):
            if isinstance(getattr(node, name, None), str):
                texts.append(re.sub(r"<style>.*?</style>", "", getattr(node, name), flags=re.DOTALL))
        texts += [str(option) for option in getattr(node, "options", [])]
        if getattr(node, "type", None) == "popover":
            texts.append(node.proto.popover.label)
        todo.extend(getattr(node, "children", {}).values())
    return texts + [p.proto.text for p in at.progress]


def _add_first_suggestion(at: AppTest, question_set: QuestionSet, step: int) -> None:
    """A student adds one person or place, so the map and the end screen have something on them."""
    for question in question_set.steps[step].questions:
        key = f"q.{question.id}"
        if question.type == "people":
            at.pills(key=f"{key}.add.suggestion").set_value(question.suggestions[0].id)
            at.segmented_control(key=f"{key}.add.closeness").set_value(Closeness.CLOSE)
            at.button(key=f"{key}.add.submit").click().run()
        elif question.type == "places":
            at.pills(key=f"{key}.add.option").set_value(question.options[0].id)
            at.button(key=f"{key}.add.submit").click().run()


@pytest.mark.parametrize(("set_id", "lang"),
                         [("terugkeer", "ar"), ("mbo-kort", "uk"), ("mbo-standaard", "tr")])
def test_a_whole_conversation_shows_every_screen_in_the_chosen_language(
    set_id: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = make_content(tmp_path / "content", CONTENT / f"{set_id}.yaml")
    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    question_set = load_folder(folder).sets[set_id]
    words = load_words(folder, lang)
    dutch = _dutch_phrases(question_set, lang)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    begin(at, set_id, language=lang)

    for number, step in enumerate(question_set.steps):
        assert not at.exception, step.id
        assert at.header[0].value == resolve(step.title, lang, "nl")
        assert at.progress[0].proto.text == words("nav.step_of", n=number + 1, total=len(question_set.steps))
        assert words("help.button") in popover_labels(at)
        for question in step.questions:
            assert any(resolve(question.text, lang, "nl") in text for text in _on_screen(at)), question.id
        leaks = [(p, t) for t in _on_screen(at) for p in dutch if p in t]
        assert leaks == [], step.id
        _add_first_suggestion(at, question_set, number)
        last = number == len(question_set.steps) - 1
        assert at.button(key="nav.next").label == words("button.finish" if last else "button.next")
        press_next(at)

    assert not at.exception
    assert words("end.heading") in at.title[0].value
    assert answers(at).language == lang
    on_screen = html.unescape(" ".join(_on_screen(at)))  # the map in words is HTML: SLB&#x27;er
    first_person = resolve(next(q for _, q in question_set.questions() if q.type == "people")
                           .suggestions[0].label, lang, "nl")
    assert first_person in on_screen
    assert [(p, t) for t in _on_screen(at) for p in dutch if p in t] == []


@pytest.mark.parametrize("set_id", ["mbo-kort", "terugkeer"])
def test_the_short_and_the_return_set_offer_the_four_new_languages_complete(set_id: str):
    question_set = load_folder(CONTENT).sets[set_id]
    missing = [
        (path, lang) for path, text in question_set.texts() for lang in NEW_LANGUAGES
        if not (isinstance(text, dict) and text.get(lang, "").strip())
    ]

    assert set(NEW_LANGUAGES) <= set(question_set.languages)
    assert missing == []


@pytest.mark.parametrize("lang", NEW_LANGUAGES)
def test_help_contacts_speak_each_new_language_and_keep_the_dutch_service_names(lang: str):
    contacts, problems = load_contacts(CONTENT)
    every = [*contacts.crisis, *contacts.at_school, *contacts.outside_school]
    untranslated = [c.about for c in every if not isinstance(c.about, dict) or lang not in c.about]

    assert problems == []
    assert untranslated == []
    assert lang in contacts.urgent and "112" in contacts.urgent[lang]
    assert "113 Zelfmoordpreventie" in [resolve(c.name, lang, "nl") for c in every]


def test_arabic_words_run_right_to_left_and_the_others_left_to_right():
    assert load_words(CONTENT, "ar").direction == "rtl"
    assert {load_words(CONTENT, lang).direction for lang in ("tr", "pl", "uk")} == {"ltr"}
