"""The map goes home as a PDF and as a session file; on a later visit the file brings it back."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from veerkracht.session import load_session
from veerkracht.supportmap import build_support_map

from .app_page import (
    DOCS_PICTURES,
    Screenshots,
    choose,
    docs_wanted,
    download,
    go_to_step,
    heading,
    open_app,
    open_expander,
    press,
    settled,
    upload,
)
from .student import NEXT_STEP, SETS, Student, expect_map_drawn

pytestmark = pytest.mark.browser

EXTRA_PLACE = ("mijn-plekken", "buurthuis")
PDF_PICTURE_DPI = 80
A3_POINTS = (842, 1191)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def picture_of_first_page(pdf: Path, picture: Path) -> None:
    """The PDF's first page as a PNG, made with poppler's pdftoppm when it is there."""
    if shutil.which("pdftoppm") is None:
        return
    subprocess.run(["pdftoppm", "-png", "-r", str(PDF_PICTURE_DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(picture.with_suffix(""))], check=True)
    if docs_wanted():
        DOCS_PICTURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(picture, DOCS_PICTURES / "pdf.png")


def list_under(scope: Locator, title: str) -> Locator:
    """The list right under a heading of the comparison."""
    return scope.get_by_role("heading", name=title, exact=True).locator("xpath=following-sibling::*[1]")


def test_the_map_goes_home_and_a_later_visit_goes_on_from_it(
    page: Page, later_visit: Page, shots: Screenshots, viewport: str
) -> None:
    student = Student(page, "nl")
    words = student.words
    student.whole_conversation()
    shots(page, "klaar")

    pdf = download(page, words("map.download_pdf"), f"{viewport}-{words('map.pdf_file')}.pdf")
    text = pdf_text(pdf)
    for source in [*student.sources(), student.option(NEXT_STEP)]:
        assert source in text, f"{source!r} is not in the PDF"
    if viewport == "laptop":
        picture_of_first_page(pdf, shots.next_path("pdf-page-1"))
        in_words = download(page, words("map.download_words"), f"{words('map.words_file')}.html")
        page_text = in_words.read_text(encoding="utf-8")
        assert '<html lang="nl" dir="ltr">' in page_text
        for source in [*student.sources(), student.option(NEXT_STEP)]:
            assert html.escape(source) in page_text, f"{source!r} is not in the map in words"
        large = download(page, words("map.download_praatplaat_a3"), f"{words('map.praatplaat_a3_file')}.pdf")
        sheet = PdfReader(large).pages[0].mediabox
        assert (round(sheet.width), round(sheet.height)) == A3_POINTS

    session = download(page, words("map.download_session"), f"{viewport}-{words('map.session_file')}.json")
    loaded = load_session(session.read_bytes(), SETS)
    assert loaded.answers.nickname == student.own.nickname
    on_the_map = {item.label for item in build_support_map(loaded.question_set, loaded.answers).items}
    assert on_the_map == set(student.sources())

    # Another day, another browser: the file brings the conversation back where it was.
    later = Student(later_visit, "nl")
    open_app(later_visit)
    upload(open_expander(later_visit, words("start.continue")), words("start.continue_file"), session)
    expect(later_visit.get_by_text(words("start.continued"))).to_be_visible()
    expect(heading(later_visit, later.step_title("volgende-stap"))).to_be_visible()
    next_step = later.box(NEXT_STEP[0]).get_by_role("radio", name=later.option(NEXT_STEP), exact=True)
    expect(next_step).to_be_checked()
    shots(later_visit, "later-verder")

    open_expander(later_visit, words("nav.jump"))
    go_to_step(later_visit, f"4. {later.step_title('plekken')}", later.step_title("plekken"))
    places = later.box(EXTRA_PLACE[0])
    choose(places, later.option(EXTRA_PLACE))
    press(places, words("button.add"))
    expect(places).to_contain_text(f"{later.option(EXTRA_PLACE)} · {words('closeness_place.close')}")
    shots(later_visit, "later-plek-erbij")
    go_to_step(later_visit, words("button.next"), later.step_title("steunkaart"))
    expect_map_drawn(later_visit, later)
    go_to_step(later_visit, words("button.next"), later.step_title("volgende-stap"))
    press(later_visit, words("button.finish"))
    expect(heading(later_visit, f"🎉 {words('end.heading')}", level=1)).to_be_visible()

    compare = open_expander(later_visit, words("end.compare"))
    upload(compare, words("compare.upload"), session)
    expect(compare.get_by_test_id("stPlotlyChart")).to_have_count(2)
    expect(compare.locator("svg.main-svg").first).to_be_visible()
    new = list_under(compare, f"{words('compare.new')} (1)")
    expect(new.get_by_role("listitem")).to_have_count(1)
    expect(new).to_contain_text(later.option(EXTRA_PLACE))
    stayed = list_under(compare, f"{words('compare.stayed')} ({len(student.sources())})")
    for source in student.sources():
        expect(stayed).to_contain_text(source)
    expect(list_under(compare, f"{words('compare.gone')} (0)")).to_have_text(words("compare.nothing"))
    settled(later_visit)
    shots(later_visit, "later-vergelijk")
