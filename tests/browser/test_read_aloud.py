"""🔊 beside each question reads it aloud with the browser's own speech, in the session language.

The browser's speech is replaced by a stand-in that writes down what it was asked to say, so the
test hears exactly what a student would, without sound and without any voice installed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, Request

from .app_page import Screenshots
from .student import FEELING, QUESTION_SET, STRENGTHS, Student

pytestmark = pytest.mark.browser

# Keeps every utterance (text, language, rate); `speaking` stays true until cancel(), like a long text.
SPEECH_STAND_IN = """(() => {
  window.vkSpoken = [];
  window.vkCancelled = 0;
  const speech = {
    speaking: false,
    speak(utterance) {
      window.vkSpoken.push({text: utterance.text, lang: utterance.lang, rate: utterance.rate});
      this.speaking = true;
    },
    cancel() { window.vkCancelled += 1; this.speaking = false; },
    pause() {}, resume() {}, getVoices() { return []; },
  };
  Object.defineProperty(window, "speechSynthesis", {value: speech, configurable: true});
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.rate = 1; }
  };
})();"""

VOICE_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}


def spoken(page: Page) -> list[dict]:
    return page.evaluate("window.vkSpoken")


def speaker(student: Student, question_id: str) -> Locator:
    """The 🔊 button beside a question; its name says which question it reads."""
    name = f"{student.words('read_aloud.button')}: {student.t(QUESTION_SET.question(question_id).text)}"
    return student.box(question_id).get_by_role("button", name=name, exact=True)


def read_aloud(page: Page, student: Student, question_id: str) -> list[dict]:
    """Press 🔊 beside a question; returns what was said. Nothing is sent to the server for it."""
    button = speaker(student, question_id)
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
    page.context.add_init_script(SPEECH_STAND_IN)
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
