"""The blank praatplaat for paper (A4 and A3) and the map in words as a web page."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level
from veerkracht.render import pdf_map
from veerkracht.render.paper import new_paper
from veerkracht.render.pdf import blank_praatplaat_pdf, support_map_html
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import SupportMap, build_support_map, layout

QUESTION_SET = sample_question_set()
WORDS = load_words(REPO_DIR / "content", "nl")
SHEETS = {"A4": (595, 842), "A3": (842, 1191)}


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.mark.parametrize("sheet", SHEETS)
def test_the_praatplaat_is_one_sheet_of_a4_or_a3(sheet):
    reader = PdfReader(io.BytesIO(blank_praatplaat_pdf(QUESTION_SET, WORDS, page_format=sheet)))

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == SHEETS[sheet]


def test_the_praatplaat_prints_the_sets_own_questions_beside_each_level():
    text = text_of(blank_praatplaat_pdf(QUESTION_SET, WORDS))

    for question in ("Waar ben je goed in?", "Waar ben je trots op?", "Wie staat naast jou?",
                     "Waar kom je graag?"):
        assert question in text
    assert "Hoeveel zin heb je in morgen?" not in text  # a scale puts nothing on the map


@pytest.mark.parametrize("sheet", SHEETS)
def test_the_praatplaat_names_the_rings_for_people_and_how_at_home_for_places(sheet):
    text = text_of(blank_praatplaat_pdf(QUESTION_SET, WORDS, page_format=sheet))

    for people, places in (("Dichtbij", "Helemaal thuis"), ("Een beetje", "Een beetje thuis"),
                           ("Verder weg", "Soms thuis")):
        assert people in text and places in text


def test_the_map_in_words_says_how_at_home_for_places_and_how_close_for_people():
    support_map = build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, 10))

    text = html.unescape(support_map_html(support_map, WORDS, today=date(2025, 3, 14)).decode("utf-8"))

    assert "Oma Fatma · dichtbij" in text
    assert re.search(r"Sportclub · (helemaal|een beetje|soms) thuis", text)


def test_the_praatplaat_has_three_steps_each_with_when_and_who():
    text = text_of(blank_praatplaat_pdf(QUESTION_SET, WORDS))

    for number in ("1.", "2.", "3."):
        assert number in text
    assert text.count("Wanneer?") == 3
    assert text.count("Wie of wat helpt mij?") == 3


def test_the_praatplaat_has_five_lines_to_write_on_per_level(monkeypatch):
    drawn: list[tuple[float, float, float, float]] = []
    from veerkracht.render import praatplaat

    original = praatplaat._write_line

    def counting(pdf, x0, x1, y):
        drawn.append((x0, x1, y, pdf.w))
        original(pdf, x0, x1, y)

    monkeypatch.setattr(praatplaat, "_write_line", counting)
    blank_praatplaat_pdf(QUESTION_SET, WORDS)

    name_and_date, needs, steps = 2, praatplaat.NEEDS_LINES, 3 * 3
    assert len(drawn) == name_and_date + 3 * praatplaat.LINES_PER_LEVEL + needs + steps
    widths = [x1 - x0 for x0, x1, _, _ in drawn[name_and_date:name_and_date + 15]]
    assert min(widths) > 45  # mm: room for a name


def grey_at(picture: Path, x: int, y: int) -> int:
    """The grey value of one pixel of a PGM file made by pdftoppm -gray."""
    data = picture.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None
    width = int(header.group(1))
    return data[header.end() + y * width + x]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_three_levels_differ_in_grey_when_printed_in_black_and_white(tmp_path):
    pdf = new_paper("t", "nl", [])
    pdf.add_page()
    frame = pdf_map.frame_for(layout([]), 10, 10, 190, 190)
    pdf_map.draw_map(pdf, frame, WORDS, "Ik", on_paper=True)
    (tmp_path / "map.pdf").write_bytes(bytes(pdf.output()))
    dpi = 30
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-singlefile", str(tmp_path / "map.pdf"),
                    str(tmp_path / "map")], check=True)
    picture = tmp_path / "map.pgm"

    greys = []
    for start, end in pdf_map.SECTORS.values():
        samples = []
        for radius in (0.45, 0.65, 0.85, 1.05):  # a stretch of each sector, patterns included
            x_mm, y_mm = frame.on_ring(radius, (start + end) / 2)
            x, y = round(x_mm * dpi / 25.4), round(y_mm * dpi / 25.4)
            samples += [grey_at(picture, x + dx, y + dy) for dx in range(-4, 5) for dy in range(-4, 5)]
        greys.append(sum(samples) / len(samples))
    steps = [abs(a - b) for a, b in ((greys[0], greys[1]), (greys[1], greys[2]), (greys[0], greys[2]))]
    assert min(steps) > 6, greys


def test_the_map_in_words_has_the_same_content_as_the_pdf_in_reading_order():
    support_map = build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, 10))

    page = support_map_html(support_map, WORDS, today=date(2025, 3, 14)).decode("utf-8")

    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl" dir="ltr">' in page
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    order = [text.index(part) for part in ("Mijn steunkaart", "Mijn volgende stap", "Wie en wat jou helpt",
                                           "Ik zelf", "Mensen om mij heen", "Mijn plekken")]
    assert order == sorted(order)
    for item in support_map.items:
        assert item.label in text
    assert "Oma bellen over mijn stage – morgen – hulp van: Oma Fatma, Sportclub" in " ".join(text.split())
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_the_map_in_words_escapes_what_a_student_typed_and_isolates_names():
    items = (MapItem("wie/a", Level.RELATIONAL, "<b>Bram</b> & ليلى", "🧑", Closeness.CLOSE),)

    page = support_map_html(SupportMap(items, nickname="<i>Zoë</i>"), WORDS).decode("utf-8")

    assert "<b>Bram</b>" not in page and "&lt;b&gt;Bram&lt;/b&gt; &amp; ليلى" in page
    assert "<bdi>&lt;i&gt;Zoë&lt;/i&gt;</bdi>" in page
    assert '<bdi dir="auto">' in page


def test_the_map_in_words_follows_a_right_to_left_interface():
    words = load_words(REPO_DIR / "content", "ar")
    if words.direction != "rtl":
        pytest.skip("no Arabic interface words in content/interface")

    page = support_map_html(SupportMap((), language="ar"), words).decode("utf-8")

    assert '<html lang="ar" dir="rtl">' in page
