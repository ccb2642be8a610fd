"""A student and coach going through `mbo-standaard` in the browser, answering every question type
by clicking and typing. The words on screen come from the question set and the interface words,
so the same walk works in every language the set has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from veerkracht.content import load_folder
from veerkracht.interface import Words, load_words
from veerkracht.model import QuestionSet
from veerkracht.text import LocalText, resolve

from . import app_page
from .app_page import CONTENT, heading, open_app, question, settled

SET_ID = "mbo-standaard"
SETS = load_folder(CONTENT).sets
QUESTION_SET: QuestionSet = SETS[SET_ID]
LANGUAGE_NAMES = {lang: load_words(CONTENT, lang)("meta.name") for lang in QUESTION_SET.languages}


@dataclass(frozen=True)
class OwnWords:
    """What the student types in their own words."""

    nickname: str
    strength: str  # "iets anders" on the strengths cards
    proud: str
    person: str
    place: str


OWN_WORDS = {
    "nl": OwnWords(nickname="Sam", strength="Fietsen maken", proud="Mijn eerste week op stage",
                   person="Sanne", place="Bij mijn neef"),
    "en": OwnWords(nickname="Sam", strength="Fixing bikes", proud="My first week at my placement",
                   person="Sanne", place="At my cousin's"),
}

# Choices by id: (question id, option id). The labels are looked up in the session language.
FEELING = ("gevoel-vandaag", 3)
STRENGTHS = [("sterke-kanten", "doorzetten"), ("sterke-kanten", "koken")]
HARD_DAY = ("wat-helpt-mij", "naar-buiten")
PERSON_PICKED = ("wie-steunt", "oma")
PERSON_PICKED_HELPS = ("wie-steunt", "luisteren")
PERSON_TYPED_HELPS = ("wie-steunt", "advies")
PLACES = [("mijn-plekken", "sportclub"), ("mijn-plekken", "bijbaan")]
NEXT_STEP = ("mijn-stap", "bericht")


@dataclass(frozen=True)
class Hands:
    """How the student works the page: with the mouse (clicks) unless told otherwise."""

    choose: Callable[[Page | Locator, str], None] = app_page.choose
    toggle: Callable[[Page | Locator, str], None] = app_page.toggle
    type_text: Callable[[Page | Locator, str, str], None] = app_page.type_text
    press: Callable[[Page | Locator, str], None] = app_page.press
    go_to_step: Callable[[Page, str, str], None] = app_page.go_to_step
    open_expander: Callable[[Page | Locator, str], Locator] = app_page.open_expander


MOUSE = Hands()


class Student:
    """One conversation in one language; `after_step` runs on every screen (screenshots, checks)."""

    def __init__(self, page: Page, lang: str, after_step: Callable[[str], None] | None = None,
                 own: OwnWords | None = None, hands: Hands = MOUSE):
        self.page = page
        self.hands = hands
        self.lang = lang
        self.words: Words = load_words(CONTENT, lang)
        self.own = own or OWN_WORDS[lang]
        self.after_step = after_step or (lambda name: None)

    # What the student sees, in the session language.

    def t(self, text: LocalText | None) -> str:
        return resolve(text, self.lang, QUESTION_SET.default_language)

    def option(self, choice: tuple[str, str | int]) -> str:
        question_id, option_id = choice
        found = QUESTION_SET.question(question_id)
        if isinstance(option_id, int):
            return self.t(found.steps[option_id].label)
        for _, options in found.option_lists():
            for option in options:
                if option.id == option_id:
                    return self.t(option.label)
        raise KeyError(choice)

    def step_title(self, step_id: str) -> str:
        return self.t(next(step.title for step in QUESTION_SET.steps if step.id == step_id))

    def box(self, question_id: str) -> Locator:
        return question(self.page, self.t(QUESTION_SET.question(question_id).text))

    def sources(self) -> list[str]:
        """Every source of support this walk puts on the map, as the student named it."""
        return [self.option(c) for c in STRENGTHS] + [
            self.own.strength, self.option(HARD_DAY), self.own.proud, self.option(PERSON_PICKED),
            self.own.person, *(self.option(c) for c in PLACES), self.own.place,
        ]

    # The walk, screen by screen.

    def start(self, mode_key: str = "start.mode_coach", address: str = "/") -> None:
        page, words = self.page, self.words
        open_app(page, address)
        self.after_step("start")
        default = QUESTION_SET.default_language  # the start screen speaks it until another is picked
        self.hands.choose(page, resolve(QUESTION_SET.title, default, default))
        if self.lang != default:
            self.hands.choose(page, LANGUAGE_NAMES[self.lang])
            expect(heading(page, f"🧭 {words('app.title')}", level=1)).to_be_visible()
        self.hands.choose(page, words(mode_key))
        self.hands.type_text(page, words("start.nickname"), self.own.nickname)
        self.after_step("start-filled")
        self.hands.go_to_step(page, words("button.begin"), self.step_title("welkom"))

    def welcome(self) -> None:
        tips = self.hands.open_expander(self.page, self.words("coach.panel"))
        expect(tips).to_contain_text(self.words("coach.lead"))
        self.hands.choose(self.box(FEELING[0]), self.option(FEELING))
        self.after_step("welkom")
        self.hands.go_to_step(self.page, self.words("button.next"), self.step_title("ik-zelf"))

    def myself(self) -> None:
        strengths = self.box("sterke-kanten")
        for choice in STRENGTHS:
            self.hands.toggle(strengths, self.option(choice))
        other = self.t(QUESTION_SET.question("sterke-kanten").other_label)
        self.hands.type_text(strengths, other, self.own.strength)
        self.hands.toggle(self.box(HARD_DAY[0]), self.option(HARD_DAY))
        proud = QUESTION_SET.question("trots")
        self.hands.type_text(self.box("trots"), f"{proud.icon} {self.t(proud.text)}", self.own.proud)
        self.after_step("ik-zelf")
        self.hands.go_to_step(self.page, self.words("button.next"), self.step_title("mensen"))

    def people(self) -> None:
        words = self.words
        box = self.box("wie-steunt")
        self.hands.choose(box, self.option(PERSON_PICKED))
        self.hands.choose(box, words("closeness.close"))
        self.hands.toggle(box, self.option(PERSON_PICKED_HELPS))
        self.hands.press(box, words("button.add"))
        expect(box).to_contain_text(f"{self.option(PERSON_PICKED)} · {words('closeness.close')}")
        self.hands.type_text(box, words("widget.name_or_role"), self.own.person)
        self.hands.choose(box, words("closeness.some"))
        self.hands.toggle(box, self.option(PERSON_TYPED_HELPS))
        self.hands.press(box, words("button.add"))
        expect(box).to_contain_text(f"{self.own.person} · {words('closeness.some')}")
        self.after_step("mensen")
        self.hands.go_to_step(self.page, words("button.next"), self.step_title("plekken"))

    def places(self) -> None:
        words = self.words
        box = self.box("mijn-plekken")
        for choice, at_home in zip(PLACES, ("closeness_place.close", "closeness_place.some"), strict=True):
            self.hands.choose(box, self.option(choice))
            self.hands.choose(box, words(at_home))
            self.hands.press(box, words("button.add"))
            expect(box).to_contain_text(f"{self.option(choice)} · {words(at_home)}")
        self.hands.type_text(box, words("widget.own_place"), self.own.place)
        self.hands.choose(box, words("closeness_place.far"))
        self.hands.press(box, words("button.add"))
        expect(box).to_contain_text(f"{self.own.place} · {words('closeness_place.far')}")
        self.after_step("plekken")
        self.hands.go_to_step(self.page, words("button.next"), self.step_title("steunkaart"))

    def map_step(self) -> None:
        expect_map_drawn(self.page, self)
        self.after_step("steunkaart")
        self.hands.go_to_step(self.page, self.words("button.next"), self.step_title("volgende-stap"))

    def next_step(self) -> None:
        words = self.words
        box = self.box(NEXT_STEP[0])
        self.hands.choose(box, self.option(NEXT_STEP))
        self.hands.choose(box, words("when.tomorrow"))
        self.hands.toggle(box, self.option(PERSON_PICKED))
        self.after_step("volgende-stap")
        self.hands.press(self.page, words("button.finish"))
        expect(heading(self.page, f"🎉 {words('end.heading')}", level=1)).to_be_visible()
        settled(self.page)

    def end(self) -> None:
        page, words = self.page, self.words
        expect(page.get_by_text(words("end.well_done_name", name=self.own.nickname))).to_be_visible()
        expect_map_drawn(page, self)
        in_words = map_in_words(page, words)
        expect(in_words).to_contain_text(self.option(NEXT_STEP))
        expect(in_words).to_contain_text(words("when.tomorrow").lower())
        self.after_step("klaar")

    def whole_conversation(self) -> None:
        self.start()
        self.welcome()
        self.myself()
        self.people()
        self.places()
        self.map_step()
        self.next_step()
        self.end()


def map_in_words(page: Page, words: Words) -> Locator:
    return page.get_by_role("region", name=words("map.in_words"))


def expect_map_drawn(page: Page, student: Student) -> None:
    """The map is drawn, with a short description for screen readers, and every source stands in the
    words beside it (its text alternative)."""
    chart = page.get_by_test_id("stPlotlyChart").filter(visible=True).first  # the drawing that fits
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(page.get_by_role("figure", name=student.words("map.figure_alt")).first).to_be_visible()
    in_words = map_in_words(page, student.words)
    expect(in_words).to_be_visible()
    for source in student.sources():
        expect(in_words).to_contain_text(source)
    expect(in_words).to_contain_text(student.words(
        "map.item_closeness", label=student.own.person, closeness=student.words("closeness.some").lower()))
