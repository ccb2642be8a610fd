"""The start screen in a real browser, with the shipped sets: a language picked before the set stays
when the set offers it, the chosen set stays marked in every language, and a tap anywhere on a set
(its description and minutes too) chooses it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.text import resolve
from veerkracht.ui.language import FSI, PDI

from .app_page import CONTENT, Screenshots, choose, open_app, open_expander, rerun

pytestmark = pytest.mark.browser
SETS = load_folder(CONTENT).sets
SHORT, BACK_AT_SCHOOL = SETS["mbo-kort"], SETS["terugkeer"]


def title(set_id: str, lang: str) -> str:
    question_set = SETS[set_id]
    return resolve(question_set.title, lang, question_set.default_language)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_a_language_picked_first_stays_when_the_student_then_picks_a_set_that_offers_it(
    page: Page, shots: Screenshots, lang: str
) -> None:
    words = load_words(CONTENT, lang)
    assert lang in BACK_AT_SCHOOL.languages
    open_app(page)

    choose(page, words("meta.name"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    # The set chosen before the switch still looks chosen, now under its title in this language.
    expect(page.get_by_role("radio", name=title("mbo-kort", lang), exact=True)).to_be_checked()
    shots(page, f"{lang}-language-first")

    choose(page, title("terugkeer", lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("radio", name=words("meta.name"), exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name=title("mbo-kort", lang), exact=True)).not_to_be_checked()
    expect(page.get_by_role("button", name=words("button.begin"))).to_be_visible()
    if lang == "ar":  # the file type in the continue box keeps its dot in front: "(.json)"
        label = open_expander(page, words("start.continue")).get_by_test_id("stWidgetLabel")
        expect(label).to_contain_text(f"{FSI}.json{PDI}")
    shots(page, f"{lang}-then-set")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_tap_on_a_set_s_description_chooses_that_set(page: Page, shots: Screenshots) -> None:
    open_app(page)
    option = page.get_by_role("radio", name=title("terugkeer", "nl"), exact=True)
    expect(option).not_to_be_checked()
    captions = page.get_by_test_id("stRadioCaption")
    minutes = captions.nth(list(SETS).index("terugkeer"))  # the set's own line: two sets may take as long
    box = minutes.bounding_box()
    assert box is not None

    with rerun(page):  # where the finger lands: the minutes line under the description
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4)

    expect(option).to_be_checked()
    expect(page.get_by_role("radio", name=title("mbo-kort", "nl"), exact=True)).not_to_be_checked()
    shots(page, "description-tapped")
