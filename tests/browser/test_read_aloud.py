"""🔊 beside each question reads it aloud with the browser's own speech, in the session language.

The browser's speech is replaced by a stand-in that writes down what it was asked to say, so the
test hears exactly what a student would, without sound and without any voice installed.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Locator, Page, Request, expect

from .app_page import Screenshots
from .student import FEELING, PERSON_PICKED, QUESTION_SET, STRENGTHS, Student

pytestmark = pytest.mark.browser

# Keeps every utterance (text, language, rate, voice); `speaking` stays true until cancel(), like a
# long text. The device's voices are VOICES (none: a browser without any voice, as some are).
SPEECH_STAND_IN = """(() => {
  window.vkSpoken = [];
  window.vkCancelled = 0;
  const voices = VOICES.map((lang) => ({lang, name: `voice ${lang}`}));
  const speech = {
    speaking: false,
    speak(utterance) {
      window.vkSpoken.push({text: utterance.text, lang: utterance.lang, rate: utterance.rate,
                            voice: utterance.voice ? utterance.voice.lang : null});
      this.speaking = true;
    },
    cancel() { window.vkCancelled += 1; this.speaking = false; },
    pause() {}, resume() {}, getVoices() { return voices; },
  };
  Object.defineProperty(window, "speechSynthesis", {value: speech, configurable: true});
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.rate = 1; this.voice = null; }
  };
})();"""


def speech_stand_in(voices: list[str] | None = None) -> str:
    """The stand-in for the browser's speech, with voices for these language tags (e.g. "nl-NL")."""
    return SPEECH_STAND_IN.replace("VOICES", json.dumps(voices or []))


VOICE_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}


def spoken(page: Page) -> list[dict]:
    return page.evaluate("window.vkSpoken")


def speaker(student: Student, question_id: str) -> Locator:
    """The 🔊 button beside a question; its name says which question it reads."""
    name = f"{student.words('read_aloud.button')}: {student.t(QUESTION_SET.question(question_id).text)}"
    return student.box(question_id).get_by_role("button", name=name, exact=True)


def step_speaker(student: Student, step_id: str) -> Locator:
    """The 🔊 button beside a step's title."""
    name = f"{student.words('read_aloud.button')}: {student.step_title(step_id)}"
    return student.page.locator(".st-key-step-top").get_by_role("button", name=name, exact=True)


def read_aloud(page: Page, student: Student, question_id: str) -> list[dict]:
    """Press 🔊 beside a question; returns what was said."""
    return hear(page, speaker(student, question_id))


def hear(page: Page, button: Locator) -> list[dict]:
    """Press a 🔊 button; returns what was said. Nothing is sent to the server for it."""
    before = len(spoken(page))
    requests: list[str] = []

    def note(request: Request) -> None:
        requests.append(request.url)

    page.on("request", note)
    runs = page.evaluate("window.vkRunsDone")
    button.click()
    page.wait_for_function("before => window.vkSpoken.length > before", arg=before)
    page.remove_listener("request", note)
    assert requests == [], "reading aloud happens in the browser only"
    assert page.evaluate("window.vkRunsDone") == runs
    return spoken(page)[before:]


@pytest.mark.parametrize(("lang", "viewport"), [("nl", "laptop"), ("en", "phone")], indirect=["viewport"])
def test_the_speaker_button_reads_the_question_and_its_options(
    page: Page, shots: Screenshots, lang: str
) -> None:
    page.context.add_init_script(speech_stand_in(["nl-NL", "en-GB"]))
    student = Student(page, lang)
    student.start()
    shots(page, "welkom")

    feeling = QUESTION_SET.question(FEELING[0])
    said = read_aloud(page, student, FEELING[0])
    texts = [utterance["text"] for utterance in said]
    assert texts[0] == student.t(feeling.text)
    assert texts[-len(feeling.steps):] == [student.t(step.label) for step in feeling.steps]
    assert {utterance["lang"] for utterance in said} == {VOICE_LANGUAGE[lang]}
    assert all(utterance["rate"] < 1 for utterance in said), "a little slower than normal"

    # A second press while it speaks stops it; a third reads it again.
    cancelled = page.evaluate("window.vkCancelled")
    speaker(student, FEELING[0]).click()
    page.wait_for_function("before => window.vkCancelled > before", arg=cancelled)
    assert len(spoken(page)) == len(said)
    assert read_aloud(page, student, FEELING[0]) == said

    # On the next step, after the page was drawn again, every option of a long list is read too.
    student.welcome()
    strengths_id = STRENGTHS[0][0]
    strengths = QUESTION_SET.question(strengths_id)
    texts = [utterance["text"] for utterance in read_aloud(page, student, strengths_id)]
    assert texts[0] == student.t(strengths.text)
    for _, options in strengths.option_lists():
        for option in options:
            assert student.t(option.label) in texts
    shots(page, "ik-zelf")


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_every_text_on_a_screen_can_be_heard(page: Page, shots: Screenshots) -> None:
    """The step's title and intro, each form's labels and choices, and the map in words."""
    page.context.add_init_script(speech_stand_in(["nl-NL", "en-GB"]))
    rows_heard: list[str] = []

    def hear_the_rows(step_id: str) -> None:  # with two people added, before Volgende
        if step_id == "mensen":
            page.evaluate("window.speechSynthesis.cancel()")  # done with the reading before
            rows_heard.extend(u["text"] for u in read_aloud(page, student, PERSON_PICKED[0]))

    student = Student(page, "nl", after_step=hear_the_rows)
    words = student.words
    student.start()
    expect(page.locator("html")).to_have_attribute("lang", "nl")  # for screen readers and voices
    welcome = next(step for step in QUESTION_SET.steps if step.id == "welkom")
    texts = [u["text"] for u in hear(page, step_speaker(student, "welkom"))]
    assert texts[0] == student.step_title("welkom")
    assert student.t(welcome.intro) in texts
    assert all(u["lang"] == "nl-NL" and u["voice"] == "nl-NL" for u in spoken(page)), "a Dutch voice"

    student.welcome()
    student.myself()
    said = [u["text"] for u in read_aloud(page, student, PERSON_PICKED[0])]
    form_labels = ["widget.add_person", "widget.quick_pick", "widget.name_or_role", "widget.helps_with",
                   "closeness.close", "closeness.some", "closeness.far", "button.add", "widget.people_added"]
    for key in form_labels:
        assert words(key) in said, key
    people = QUESTION_SET.question(PERSON_PICKED[0])
    for option in [*people.suggestions, *people.helps_with]:
        assert student.t(option.label) in said
    assert len(said) == len(set(said)), "each text once"
    shots(page, "mensen")

    student.people()
    # Each row is read with both its buttons: Weghalen has a tooltip (which row), and is read too.
    assert rows_heard.count(words("button.edit")) == 2 and rows_heard.count(words("button.remove")) == 2
    assert any(student.own.person in text for text in rows_heard)
    student.places()
    said = [u["text"] for u in hear(page, step_speaker(student, "steunkaart"))]
    assert words("map.sources_heading") in said
    assert words("map.next_steps_heading") in said
    heard = " ".join(said)
    for source in student.sources():
        assert source in heard, source


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_without_a_voice_for_the_language_the_button_says_so_and_reads_nothing(page: Page) -> None:
    page.context.add_init_script(speech_stand_in(["en-GB"]))
    student = Student(page, "nl")
    student.start()
    no_voice = student.words("read_aloud.no_voice")
    buttons = page.locator("button.vk-read-aloud")
    expect(buttons.first).to_be_visible()
    for index in range(buttons.count()):
        expect(buttons.nth(index)).to_have_accessible_name(no_voice)
        expect(buttons.nth(index)).to_be_disabled()
    expect(page.get_by_text(no_voice).first).to_be_visible()  # in words, also on a phone
    assert spoken(page) == []


@pytest.mark.parametrize("viewport", ["laptop", "phone"], indirect=True)
def test_with_no_voice_at_all_the_button_says_so_and_offers_the_map_in_words(
    page: Page, shots: Screenshots
) -> None:
    page.context.add_init_script(speech_stand_in([]))  # speechSynthesis.getVoices() returns []
    student = Student(page, "nl")
    words = student.words
    student.start()
    student.welcome()
    student.myself()
    student.people()
    student.places()
    button = step_speaker(student, "steunkaart")
    button.click()
    no_voices = words("read_aloud.no_voices")
    expect(page.locator(".st-key-step-top button.vk-read-aloud").first).to_have_accessible_name(no_voices)
    expect(page.locator(".st-key-step-top").get_by_text(no_voices)).to_be_visible()
    to_words = page.locator(".st-key-step-top").get_by_role("button", name=words("read_aloud.to_words"))
    expect(to_words).to_be_visible()
    shots(page, "geen-stem")
    to_words.click()
    in_words = page.get_by_role("region", name=words("map.in_words"))
    expect(in_words).to_be_focused()
    expect(in_words).to_be_in_viewport()
    assert spoken(page) == []
