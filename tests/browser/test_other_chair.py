"""A map for two people at one screen: readable from the other chair on a laptop, "Samen bekijken"
shows the map alone on the whole screen (on a phone too), and the coach's tips never push the
question down.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from veerkracht.bench.map_layout import long_text
from veerkracht.bench.sample import sample_answers
from veerkracht.limits import NAME_CHARS
from veerkracht.session import dump_session
from veerkracht.supportmap import build_support_map

from .app_page import Screenshots
from .student import STRENGTHS, Student
from .test_map_look import (
    MAP_STEP,
    SAMPLE_SET_AR,
    WORDS,
    drawn_names,
    expect_markers_and_labels_apart,
    go_on_from,
    maps,
    session_file,
)
from .test_map_look import sample_url as sample_set_app

sample_url = sample_set_app  # the app with only the sample set, for these tests too

pytestmark = pytest.mark.browser

MOST_SOURCES = 76  # the sample set's map with the most people a student can add (40)

# Each label's font size as drawn, in CSS pixels.
LABEL_SIZES = """chart => [...chart.querySelectorAll('.scatterlayer .trace')]
  .filter(trace => (trace.__data__[0].trace.meta || {}).labels)
  .flatMap(trace => [...trace.querySelectorAll('text')])
  .map(text => parseFloat(getComputedStyle(text).fontSize))"""


def fullest_session(folder: Path) -> tuple[Path, list[str]]:
    """The most sources, every third person with a name as long as a student can type."""
    answers = sample_answers(SAMPLE_SET_AR, MOST_SOURCES)
    for index, person in enumerate(answers.get("wie")):
        if index % 3 == 0:
            person.name = long_text(NAME_CHARS, index)
    answers.go_to(MAP_STEP, SAMPLE_SET_AR)
    path = folder / "gesprek-vol.json"
    path.write_bytes(dump_session(answers, SAMPLE_SET_AR))
    return path, [item.label for item in build_support_map(SAMPLE_SET_AR, answers).items]


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_from_the_other_chair_every_name_is_16_pixels_and_whole_at_the_most_sources(
    page: Page, shots: Screenshots, sample_url: str, tmp_path: Path
) -> None:
    session, labels = fullest_session(tmp_path)
    go_on_from(page, sample_url, session)
    chart = maps(page).first
    shots(page, "vol")

    sizes = chart.evaluate(LABEL_SIZES)
    assert len(sizes) == len(labels) == MOST_SOURCES
    assert min(sizes) >= 16
    shown = sorted(" ".join(name.split("\n")) for name in drawn_names(chart))
    assert shown == sorted(" ".join(label.split()) for label in labels)  # whole: wrapped, never cut
    expect_markers_and_labels_apart(chart)


@pytest.mark.parametrize("viewport", ["laptop", "phone"], indirect=True)
def test_samen_bekijken_fills_the_screen_with_the_map_and_one_press_brings_the_page_back(
    page: Page, shots: Screenshots, sample_url: str, tmp_path: Path, viewport: str
) -> None:
    go_on_from(page, sample_url, session_file(tmp_path, 12, MAP_STEP))
    chart = maps(page).first.locator("svg.main-svg").first  # the drawing, as large as it is shown
    before = chart.bounding_box()
    assert before
    page.get_by_role("button", name=WORDS("map.together")).click()
    back = page.get_by_role("button", name=WORDS("map.together_back"))
    expect(back).to_be_focused()
    shots(page, "samen")

    size = page.viewport_size
    assert size
    box = page.locator("[class*='st-key-vk-map-map-figure']").first.bounding_box()
    assert box and box["x"] <= 1 and box["y"] <= 1
    assert box["width"] >= size["width"] - 1 and box["height"] >= size["height"] - 1
    middle = page.evaluate("() => !!document.elementFromPoint(innerWidth / 2, innerHeight / 2)"
                           ".closest(\"[class*='st-key-vk-map-map-figure']\")")
    assert middle  # the map alone: nothing of the page shows through
    shown = chart.bounding_box()
    assert shown
    if viewport == "laptop":
        assert shown["height"] > before["height"]  # larger than on the page, as large as the screen holds
        # Whole, down to the level names at its foot: nothing of the drawing is cut off.
        foot = [shown["x"] + shown["width"] / 2, shown["y"] + shown["height"] - 4]
        assert shown["y"] + shown["height"] <= size["height"]
        assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.svg-container')", foot)
    assert shown["width"] <= size["width"] + 1

    back.click()
    expect(back).to_have_count(0)
    expect(page.get_by_role("button", name=WORDS("map.together"))).to_be_focused()
    again = chart.bounding_box()
    assert again and abs(again["height"] - before["height"]) < 1


@pytest.mark.parametrize("viewport", ["laptop"], indirect=True)
def test_open_coach_tips_stand_beside_the_question_and_never_push_it_below_the_fold(
    page: Page, shots: Screenshots
) -> None:
    student = Student(page, "nl")
    student.start()
    student.welcome()  # opens "Voor de coach"
    tips = page.locator(".st-key-coach")
    expect(tips.locator("details")).to_have_attribute("open", "")
    question = student.box(STRENGTHS[0][0])
    expect(question).to_be_in_viewport()
    shots(page, "coach-ernaast")

    size = page.viewport_size
    column = page.locator(".block-container").bounding_box()
    beside, asked = tips.bounding_box(), question.bounding_box()
    assert size and column and beside and asked
    assert asked["y"] < size["height"] - 100  # the question starts well above the fold
    assert beside["x"] >= column["x"] + column["width"] - 1  # beside the column, not above the question
    assert beside["y"] + beside["height"] <= size["height"]


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_downloads_are_named_for_the_student_and_the_day(page: Page, sample_url: str, tmp_path: Path) -> None:
    go_on_from(page, sample_url, session_file(tmp_path, 3, MAP_STEP))  # nickname "Zoë 🌟"
    today = date.today().isoformat()
    for button, extension in (("map.download_pdf", "pdf"), ("map.download_session", "json"),
                              ("map.download_words", "html")):
        with page.expect_download() as started:
            page.get_by_role("button", name=WORDS(button), exact=True).click()
        assert started.value.suggested_filename == f"steunkaart-Zoë-{today}.{extension}"
