"""An Arabic conversation in the browser, on a phone and a laptop: the page reads right to left
(headings, help, progress bar, buttons and arrows), phone numbers and Latin names keep their own
direction, a Dutch text keeps its full stop at its end, nothing scrolls sideways, and axe finds
nothing. With 'Ook in het Nederlands' the Dutch stands small beneath every question and option.

The shipped Arabic interface words are used when there are any, else the test's own (completed
from the Dutch); the questions are a small set in Dutch and Arabic from tests/fixtures/rtl, beside
a set in Dutch and English only, whose texts an Arabic start screen shows in Dutch.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, expect

from veerkracht.content import load_folder
from veerkracht.interface import Words, load_words
from veerkracht.model import QuestionSet
from veerkracht.text import resolve

from .app_page import (
    ARTIFACTS,
    CONTENT,
    REPO,
    Screenshots,
    docs_picture,
    go_to_step,
    heading,
    open_app,
    press,
    rerun,
    settled,
    type_text,
)
from .app_page import choose as choose_option
from .conftest import fresh_context, keep_failure_picture, serve_app
from .test_accessibility import BLOCKING, AxeOnEveryStep, streamlit_rules
from .test_read_aloud import hear, speech_stand_in, spoken

pytestmark = pytest.mark.browser

FIXTURES = REPO / "tests" / "fixtures" / "rtl"
DUTCH_AND_ENGLISH = REPO / "tests" / "fixtures" / "alle-vragen.yaml"
SET_ID = "steun-ar"
PHONE_NUMBER = "0800-0432"  # De Kindertelefoon, under "outside school" in the shipped help contacts
MIXED_NAME = "Leyla ليلى"
LATIN_CONTACT = "113 Zelfmoordpreventie"  # its name is the same in every language


@pytest.fixture(scope="module")
def arabic_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rtl") / "content"
    shutil.copytree(CONTENT / "interface", folder / "interface")
    if not (folder / "interface" / "ar.yaml").exists():
        (folder / "interface" / "ar.yaml").write_text(completed_words(FIXTURES / "interface" / "ar.yaml"),
                                                      encoding="utf-8")
    shutil.copy(CONTENT / "help.yaml", folder / "help.yaml")
    shutil.copy(FIXTURES / f"{SET_ID}.yaml", folder / f"{SET_ID}.yaml")
    shutil.copy(DUTCH_AND_ENGLISH, folder / DUTCH_AND_ENGLISH.name)
    return folder


def completed_words(own: Path) -> str:
    """The test's Arabic words, with the Dutch ones for any it lacks: complete, so offered."""
    def merged(reference: object, mine: object) -> object:
        if isinstance(reference, dict) and isinstance(mine, dict):
            return {key: merged(value, mine.get(key)) for key, value in reference.items()}
        return reference if mine is None else mine

    dutch = yaml.safe_load((CONTENT / "interface" / "nl.yaml").read_text(encoding="utf-8"))
    arabic = yaml.safe_load(own.read_text(encoding="utf-8"))
    return yaml.safe_dump(merged(dutch, arabic), allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def arabic_app(chromium_path: str, arabic_content: Path) -> Iterator[str]:
    with serve_app(ARTIFACTS / "streamlit-rtl.log", {"VEERKRACHT_CONTENT": str(arabic_content)}) as url:
        yield url


@pytest.fixture
def arabic_page(
    browser: Browser, arabic_app: str, viewport: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = fresh_context(browser, arabic_app, viewport)
    yield context.new_page()
    keep_failure_picture(request, context)
    context.close()


class Arabic:
    """The words and questions of the Arabic conversation, and the start of it."""

    def __init__(self, page: Page, content: Path):
        self.page = page
        self.words: Words = load_words(content, "ar")
        self.dutch: Words = load_words(content, "nl")
        self.set: QuestionSet = load_folder(content).sets[SET_ID]

    def t(self, text, lang: str = "ar") -> str:
        return resolve(text, lang, self.set.default_language)

    def step_title(self, index: int) -> str:
        return self.t(self.set.steps[index].title)

    def start(self, with_dutch: bool = False) -> None:
        self.choose(with_dutch)
        self.begin()

    def choose(self, with_dutch: bool = False) -> None:
        """The start screen: this set, in Arabic, with or without the Dutch beside it."""
        open_app(self.page)
        default = self.set.default_language
        choose_option(self.page, resolve(self.set.title, default, default))
        choose_option(self.page, self.words("meta.name"))
        expect(self.page.locator("html")).to_have_attribute("lang", "ar")
        if with_dutch:
            switch = self.page.get_by_role("switch", name=self.words("start.also_reference"))
            switch.locator("xpath=ancestor::label[1]").click()
            expect(switch).to_be_checked()
            settled(self.page)

    def begin(self) -> None:
        # With "Ook in het Nederlands" on, the button carries its Dutch word beneath the Arabic.
        begin = re.compile(rf"^\W*{re.escape(self.words('button.begin'))}(\W|$)")
        with rerun(self.page):
            self.page.get_by_role("button", name=begin).click()
            expect(heading(self.page, self.step_title(0))).to_be_visible()
        settled(self.page)

    def next(self, index: int) -> None:
        go_to_step(self.page, self.words("button.next"), self.step_title(index))


def direction(element: Locator) -> str:
    return element.evaluate("e => getComputedStyle(e).direction")


def text_hugs_the_right(element: Locator) -> bool:
    """The element's text ends at its right side, as a right-to-left text should."""
    return element.evaluate("""e => {
      const range = document.createRange(); range.selectNodeContents(e);
      const text = range.getBoundingClientRect(), box = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      const padding = parseFloat(style.paddingRight) + parseFloat(style.paddingLeft);
      return box.right - text.right <= padding + 2 && text.left - box.left > 2;
    }""")


def reads_left_to_right(element: Locator, text: str) -> bool:
    """The first character of `text` inside the element stands left of its last one."""
    return element.evaluate("""(e, text) => {
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const box = (from) => {
          const r = document.createRange(); r.setStart(node, from); r.setEnd(node, from + 1);
          return r.getBoundingClientRect();
        };
        return box(at).left < box(at + text.length - 1).left;
      }
      throw new Error("text not found: " + text);
    }""", text)


def ends_with_full_stop_on_the_right(element: Locator, text: str) -> bool:
    """A left-to-right sentence: its last character (a full stop) stands right of its first."""
    return reads_left_to_right(element, text)


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate("""() => {
      const whole = document.scrollingElement, main = document.querySelector('[data-testid="stMain"]');
      return [whole.scrollWidth, whole.clientWidth, main.scrollWidth, main.clientWidth];
    }""")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], f"the page scrolls sideways: {widths}"


def progress_fills_from_the_right(page: Page) -> bool:
    return page.get_by_test_id("stProgressBarTrack").evaluate("""track => {
      const outer = track.getBoundingClientRect(), fill = track.firstElementChild.getBoundingClientRect();
      const left = Math.max(outer.left, fill.left), right = Math.min(outer.right, fill.right);
      return right - left > 4 && Math.abs(right - outer.right) < 2 && left - outer.left > 4;
    }""")


def test_an_arabic_conversation_reads_right_to_left(
    arabic_page: Page, arabic_content: Path, shots: Screenshots, viewport: str
) -> None:
    page = arabic_page
    arabic = Arabic(page, arabic_content)
    words = arabic.words
    axe = AxeOnEveryStep(page)

    def check(step: str) -> None:
        no_sideways_scroll(page)
        axe(step)
        shots(page, step)

    # The other set has no Arabic: its Dutch description keeps its full stop at its own end.
    arabic.choose()
    other = load_folder(arabic_content).sets["alle-vragen"]
    description = resolve(other.description, "nl", "nl")
    shown = page.get_by_role("main").get_by_text(description)
    assert description.endswith(".") and ends_with_full_stop_on_the_right(shown, description)
    check("start")
    arabic.begin()
    main = page.get_by_role("main")
    title = heading(page, arabic.step_title(0))
    assert direction(title) == "rtl" and text_hugs_the_right(title)
    assert progress_fills_from_the_right(page)
    back = main.get_by_role("button", name=words("button.back"))
    forward = main.get_by_role("button", name=words("button.next"))
    assert forward.bounding_box()["x"] < back.bounding_box()["x"], "Volgende is on the left"
    expect(forward).to_contain_text("⬅")
    expect(back).to_contain_text("➡")
    box = page.locator('[class*="st-key-box-"]').first
    question = box.get_by_role("heading", level=3)
    assert direction(question) == "rtl" and text_hugs_the_right(question)
    speaker = box.locator("button.vk-read-aloud")
    assert speaker.bounding_box()["x"] < question.bounding_box()["x"] + 40, "🔊 stands at the end: left"
    check("welkom")
    if viewport == "phone":
        docs_picture(page, "rtl-phone")

    # Help: the panel reads right to left; the phone number still reads 0800-0113.
    page.get_by_role("button", name=words("help.button")).click()
    panel = page.get_by_test_id("stPopoverBody")
    expect(panel).to_be_visible()
    assert direction(panel) == "rtl"
    assert text_hugs_the_right(panel.locator("p").first)
    page.get_by_role("tab", name=words("help.outside_school")).click()
    number = panel.get_by_role("link", name=PHONE_NUMBER)
    expect(number).to_be_visible()
    assert direction(number) == "ltr" and reads_left_to_right(number, PHONE_NUMBER)
    assert reads_left_to_right(panel, LATIN_CONTACT), "a Dutch name that starts with a number keeps its order"
    check("hulp")
    if viewport == "phone":
        docs_picture(page, "rtl-help-phone")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()

    arabic.next(1)
    check("ik-zelf")
    arabic.next(2)
    people = page.locator('[class*="st-key-box-wie"]')
    type_text(people, words("widget.name_or_role"), MIXED_NAME)
    press(people, words("button.add"))
    entry = people.get_by_text("Leyla").first
    expect(entry).to_be_visible()
    assert reads_left_to_right(entry, "Leyla")
    check("mensen")

    arabic.next(3)
    check("plekken")

    arabic.next(4)
    in_words = page.get_by_role("region", name=words("map.in_words"))
    expect(in_words).to_contain_text("Leyla")
    assert direction(in_words) == "rtl"
    check("kaart")
    arabic.next(5)
    check("stap")

    axe.save(f"axe-rtl-{viewport}")
    blocking = {step: [v for v in found if v["impact"] in BLOCKING] for step, found in axe.found.items()}
    assert not any(blocking.values()), json.dumps(blocking, indent=2)
    unexplained = {step: [v for v in found if v["rule"] not in streamlit_rules()]
                   for step, found in axe.found.items()}
    assert not any(unexplained.values()), json.dumps(unexplained, indent=2)


def test_with_dutch_beside_it_every_question_and_option_shows_both(
    arabic_page: Page, arabic_content: Path, shots: Screenshots, viewport: str
) -> None:
    page = arabic_page
    arabic = Arabic(page, arabic_content)
    arabic.start(with_dutch=True)
    for index, step in enumerate(arabic.set.steps):
        if index:
            arabic.next(index)
        title_in_dutch = page.locator('.st-key-step-top .vk-also[lang="nl"]').first
        expect(title_in_dutch).to_have_text(arabic.t(step.title, "nl"))
        for question in step.questions:
            box = page.locator(f".st-key-box-{question.id}")
            expect(box.get_by_role("heading", level=3)).to_contain_text(arabic.t(question.text))
            dutch = box.locator('.vk-also[lang="nl"]').first
            expect(dutch).to_have_text(arabic.t(question.text, "nl"))
            assert direction(dutch) == "rtl", "aligned with the Arabic above it"
            choices = [o for _, options in question.option_lists() for o in options]
            for choice in [*choices, *getattr(question, "steps", [])]:
                dutch = arabic.t(choice.label, "nl")
                both = box.locator("button").filter(has_text=arabic.t(choice.label)).filter(has_text=dutch)
                expect(both.first).to_be_visible()
                expect(both.first.locator('[lang="nl"]')).to_have_text(dutch)  # read out in Dutch
        no_sideways_scroll(page)
        shots(page, step.id)
        if index == 0 and viewport == "laptop":
            docs_picture(page, "bilingual")
        if index == 2 and viewport == "phone":
            docs_picture(page, "bilingual-phone", page.locator(".st-key-box-wie"))


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_read_aloud_speaks_each_text_in_its_own_language(arabic_page: Page, arabic_content: Path) -> None:
    """In an Arabic voice; the Dutch beside it is for the coach's eyes, so it is not read."""
    page = arabic_page
    page.context.add_init_script(speech_stand_in(["ar-SA", "nl-NL"]))
    arabic = Arabic(page, arabic_content)
    arabic.start(with_dutch=True)
    question = arabic.set.steps[0].questions[0]
    name = f"{arabic.words('read_aloud.button')}: {arabic.t(question.text)}"
    said = hear(page, page.locator(f".st-key-box-{question.id}").get_by_role("button", name=name, exact=True))
    assert said[0]["text"] == arabic.t(question.text)
    assert [step.label["ar"] for step in question.steps] == [u["text"] for u in said[-len(question.steps):]]
    assert {(u["lang"], u["voice"]) for u in said} == {("ar-SA", "ar-SA")}
    dutch = {arabic.t(question.text, "nl"), *(step.label["nl"] for step in question.steps)}
    assert not dutch & {u["text"] for u in said}


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_without_an_arabic_voice_the_buttons_say_so(arabic_page: Page, arabic_content: Path) -> None:
    page = arabic_page
    page.context.add_init_script(speech_stand_in(["nl-NL"]))
    arabic = Arabic(page, arabic_content)
    arabic.start()
    buttons = page.locator("button.vk-read-aloud")
    no_voice = arabic.words("read_aloud.no_voice")
    expect(buttons.first).to_have_accessible_name(no_voice)
    expect(buttons.first).to_be_disabled()
    assert spoken(page) == []


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_letter_count_stands_clear_of_arabic_typing(arabic_page: Page, arabic_content: Path) -> None:
    page = arabic_page
    arabic = Arabic(page, arabic_content)
    arabic.choose()
    box = page.get_by_role("textbox", name=arabic.words("start.nickname"), exact=True)
    box.click()
    box.press_sequentially("ليلى")

    count = page.get_by_test_id("InputInstructions").filter(has_text="/")
    expect(count).to_be_visible()
    field, counter = box.bounding_box(), count.bounding_box()
    assert counter["x"] + counter["width"] < field["x"] + field["width"] / 2, "the count stands on the left"
