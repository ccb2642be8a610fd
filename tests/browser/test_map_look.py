"""The support map as it is drawn: markers and labels apart on a phone and a laptop, never wider
than the screen, in Dutch and in Arabic, and two maps side by side to compare on a laptop.

A session file with any number of sources brings the sample set's map on screen at once. With
UPDATE_DOCS_SCREENSHOTS=1 the maps of 3, 12 and 40 sources are saved in docs/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from veerkracht.bench.sample import SAMPLE_SET_YAML, sample_answers, sample_question_set
from veerkracht.interface import Words, load_words
from veerkracht.levels import Closeness
from veerkracht.model import StepKind
from veerkracht.session import dump_session
from veerkracht.supportmap import ring_names
from veerkracht.text import resolve

from .app_page import (
    ARTIFACTS,
    CONTENT,
    DOCS_PICTURES,
    WHOLE_PAGE,
    Screenshots,
    docs_wanted,
    heading,
    open_app,
    open_expander,
    press,
    settled,
    upload,
)

pytestmark = pytest.mark.browser

SAMPLE_SET = sample_question_set()
WORDS = load_words(CONTENT, "nl")
ARABIC = load_words(CONTENT, "ar")
# The sample set, also offered in Arabic: its own words stay Dutch, the app speaks Arabic.
SAMPLE_SET_YAML_AR = SAMPLE_SET_YAML.replace("languages: [nl, en]", "languages: [nl, en, ar]")
SAMPLE_SET_AR = sample_question_set(SAMPLE_SET_YAML_AR)
# People as an Arabic-speaking student names them, one in three scripts at once.
ARABIC_NAMES = ("جدتي فاطمة", "خالي يوسف", "ليلى", "مدرب كرة القدم", "صديقتي مريم من المدرسة",
                "Leyla ليلى Олена", "أختي الكبيرة", "جاري أحمد")
MAP_STEP = next(i for i, step in enumerate(SAMPLE_SET.steps) if step.kind == StepKind.MAP)
LAST_STEP = len(SAMPLE_SET.steps) - 1
COMPARED_ITEMS = 12

# Where each marker (its line included) and each label is drawn, in pixels of the page.
DRAWN = """chart => {
  const box = (e, grow = 0) => {
    const r = e.getBoundingClientRect();
    return [r.left - grow, r.top - grow, r.right + grow, r.bottom + grow];
  };
  const drawn = {markers: [], labels: [], picture: box(chart.querySelector('svg.main-svg'))};
  for (const trace of chart.querySelectorAll('.scatterlayer .trace')) {
    const meta = trace.__data__[0].trace.meta || {};
    for (const point of meta.level ? trace.querySelectorAll('path.point') : []) {
      drawn.markers.push(box(point, parseFloat(getComputedStyle(point).strokeWidth) / 2));
    }
    for (const label of meta.labels ? trace.querySelectorAll('text') : []) {
      drawn.labels.push([label.textContent, ...box(label)]);
    }
  }
  return drawn;
}"""

# Marks the text of the icons on the map, so the browser can say which font drew them.
MARK_MAP_ICONS = """chart => {
  for (const trace of chart.querySelectorAll('.scatterlayer .trace')) {
    if ((trace.__data__[0].trace.meta || {}).icons) trace.setAttribute('data-icons', '');
  }
}"""

# The size a map was drawn for, and the size it shows at on the page.
DRAWN_SIZE = """chart => {
  const svg = chart.querySelector('svg.main-svg'), r = svg.getBoundingClientRect();
  return [[+svg.getAttribute('width'), +svg.getAttribute('height')], [r.width, r.height]];
}"""
PHONE_MAP_WIDTH = 343

# Whether the map, or the page around it, can be scrolled sideways (a box that clips cannot).
SCROLLS_SIDEWAYS = """chart => {
  for (let e = chart; e; e = e.parentElement) {
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'clip') return true;
  }
  return false;
}"""


@pytest.fixture(scope="module")
def sample_url(another_app, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with only the sample set, whose answers can put any number of sources on the map."""
    content = tmp_path_factory.mktemp("content")
    shutil.copytree(CONTENT / "interface", content / "interface")
    shutil.copy(CONTENT / "help.yaml", content / "help.yaml")
    (content / "voorbeeld.yaml").write_text(SAMPLE_SET_YAML_AR, encoding="utf-8")
    with another_app(ARTIFACTS / "streamlit-sample-set.log", {"VEERKRACHT_CONTENT": str(content)}) as url:
        yield url


def session_file(folder: Path, n_items: int, step: int, language: str = "nl") -> Path:
    answers = sample_answers(SAMPLE_SET_AR, n_items, language=language,
                             nickname="ليلى" if language == "ar" else "Zoë 🌟")
    if language == "ar":
        people = answers.get("wie") or []
        for index, person in enumerate(people):
            person.name = ARABIC_NAMES[index % len(ARABIC_NAMES)]
    answers.go_to(step, SAMPLE_SET_AR)
    path = folder / f"gesprek-{n_items}-{language}.json"
    path.write_bytes(dump_session(answers, SAMPLE_SET_AR))
    return path


def go_on_from(page: Page, url: str, session: Path, words: Words = WORDS) -> None:
    """Continue from a session file; the app then speaks the session's language."""
    open_app(page, url)
    upload(open_expander(page, WORDS("start.continue")), WORDS("start.continue_file"), session)
    expect(page.get_by_text(words("start.continued"))).to_be_visible()


def maps(scope: Page | Locator) -> Locator:
    """The maps the student sees (of a map drawn for a laptop and for a phone, the one that fits)."""
    charts = scope.get_by_test_id("stPlotlyChart").filter(visible=True)
    expect(charts.first.locator("svg.main-svg").first).to_be_visible(timeout=20_000)  # a full map: a while
    return charts


def expect_markers_and_labels_apart(chart: Locator, slack: float = 0) -> None:
    """`slack`: pixels each box may give up, for a map shown smaller (scaled text rounds its box up)."""
    drawn = chart.evaluate(DRAWN)
    markers = [(f"marker at {box[0]:.0f},{box[1]:.0f}", box) for box in drawn["markers"]]
    labels = [(text, box) for text, *box in drawn["labels"]]
    if slack:
        markers, labels = ([(name, [box[0] + slack, box[1] + slack, box[2] - slack, box[3] - slack])
                            for name, box in boxes] for boxes in (markers, labels))
    touching = [
        (name_a, name_b)
        for (name_a, a), (name_b, b) in combinations(markers + labels, 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert touching == []
    left, top, right, bottom = drawn["picture"]
    cut = [text for text, (x0, y0, x1, y1) in labels if x0 < left or x1 > right or y0 < top or y1 > bottom]
    assert cut == []


def fonts_of(page: Page, selector: str) -> list[tuple[str, list[str]]]:
    """Each element's text and the fonts Chromium drew it with."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = devtools.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    texts = page.eval_on_selector_all(selector, "elements => elements.map(e => e.textContent)")
    fonts = [devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"] for node in nodes]
    devtools.detach()
    return [(text, [font["familyName"] for font in used]) for text, used in zip(texts, fonts, strict=True)]


def expect_icons_in_colour(page: Page, chart: Locator) -> None:
    """Icons on the map and beside the words come from a colour emoji font, never a black text sign."""
    chart.evaluate(MARK_MAP_ICONS)
    drawn = fonts_of(page, "[data-icons] text") + fonts_of(page, ".vk-icon")
    assert len(drawn) > 2
    in_black = [(icon, fonts) for icon, fonts in drawn if not all("Emoji" in font for font in fonts)]
    assert in_black == []


def scrolls_sideways(chart: Locator) -> bool:
    return chart.evaluate(SCROLLS_SIDEWAYS)


# Each label's lines as drawn, and the box of each line, to check that every name is whole.
DRAWN_LINES = """chart => [...chart.querySelectorAll('.scatterlayer .trace')]
  .filter(trace => (trace.__data__[0].trace.meta || {}).labels)
  .flatMap(trace => [...trace.querySelectorAll('text')])
  .map(text => [...text.querySelectorAll('tspan.line')].map(line => line.textContent)
                 .filter(line => line).join('\\n') || text.textContent)"""


def drawn_names(chart: Locator) -> list[str]:
    return [name.replace("\u2068", "").replace("\u2069", "") for name in chart.evaluate(DRAWN_LINES)]


NO_TOP_BAND = "[data-testid='stLayoutWrapper']:has(> .st-key-top) { display: none; }"


def map_picture(page: Page, chart: Locator, name: str) -> None:
    """The map alone, for docs/screenshots (only with UPDATE_DOCS_SCREENSHOTS=1)."""
    if docs_wanted():
        DOCS_PICTURES.mkdir(parents=True, exist_ok=True)
        page.mouse.move(0, 0)
        chart.screenshot(path=DOCS_PICTURES / f"{name}.png", animations="disabled",
                         style=WHOLE_PAGE + NO_TOP_BAND)


@pytest.mark.parametrize("language", ["nl", "ar"])
@pytest.mark.parametrize("n_items", [3, 12, 40])
def test_each_source_stands_apart_whole_and_in_colour_and_the_map_never_scrolls_sideways(
    page: Page, shots: Screenshots, sample_url: str, tmp_path: Path, viewport: str, n_items: int,
    language: str,
) -> None:
    words = ARABIC if language == "ar" else WORDS
    go_on_from(page, sample_url, session_file(tmp_path, n_items, MAP_STEP, language), words)
    title = resolve(SAMPLE_SET.steps[MAP_STEP].title, "nl", "nl")  # in Arabic kept apart by isolates
    expect(page.get_by_role("main").get_by_role("heading", name=re.compile(title), level=2)).to_be_visible()
    chart = maps(page).first
    expect(maps(page)).to_have_count(1)  # of the two drawings, only the one that fits shows
    settled(page)
    shots(page, f"kaart-{n_items}")
    map_picture(page, chart, f"kaart-{n_items}-{language}-{viewport}")

    expect_markers_and_labels_apart(chart)
    expect_icons_in_colour(page, chart)
    assert not scrolls_sideways(chart)
    shown = drawn_names(chart)
    assert len(shown) == n_items
    assert all("…" not in name for name in shown if len(name) < 30)  # short names are never cut
    if language == "ar":
        assert any("جدتي فاطمة" in name for name in shown)
        labels_side = chart.evaluate("c => getComputedStyle(c).direction")
        assert labels_side == "ltr"  # the picture is placed left to right; each label keeps its own
    centre = chart.locator(".annotation-text").filter(has_text="ليلى" if language == "ar" else "Zoë")
    expect(centre.first).to_be_visible()
    far = ring_names(words)[Closeness.FAR]  # each ring is named on both sides, for people and places
    for name in set(far):
        expect(chart.locator(".annotation-text").filter(has_text=name)).to_have_count(far.count(name))


def test_two_maps_to_compare_fit_side_by_side_on_a_laptop_and_one_under_the_other_on_a_phone(
    page: Page, shots: Screenshots, sample_url: str, tmp_path: Path, viewport: str
) -> None:
    session = session_file(tmp_path, COMPARED_ITEMS, LAST_STEP)
    go_on_from(page, sample_url, session)
    press(page, WORDS("button.finish"))
    expect(heading(page, f"🎉 {WORDS('end.heading')}", level=1)).to_be_visible()
    compare = open_expander(page, WORDS("end.compare"))
    upload(compare, WORDS("compare.upload"), session)
    earlier, now = maps(compare).all()
    settled(page)
    shots(page, "vergelijk")

    main_map_size, _ = maps(page).first.evaluate(DRAWN_SIZE)
    for chart in (earlier, now):
        expect_markers_and_labels_apart(chart, slack=1.5)
        assert not scrolls_sideways(chart)
        # drawn as the map on a phone is, and only shown smaller: never squashed out of shape
        drawn_size, shown = chart.evaluate(DRAWN_SIZE)
        assert drawn_size[0] <= PHONE_MAP_WIDTH
        assert shown[0] <= drawn_size[0] and abs(shown[1] / shown[0] - drawn_size[1] / drawn_size[0]) < 0.01
        if viewport == "phone":  # the very map the student saw above, everyone in the same place
            assert drawn_size == main_map_size
    first, second = earlier.bounding_box(), now.bounding_box()
    assert first and second
    if viewport == "laptop":
        assert second["y"] == first["y"] and second["x"] >= first["x"] + first["width"]
    else:
        assert second["y"] >= first["y"] + first["height"]
