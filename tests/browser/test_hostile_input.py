"""Hostile words typed in the browser show as plain text everywhere, and nothing in them runs.

HTML, a script, Markdown, a right-to-left override and names as long as a field allows go into every
box a student types in. They show as typed (minus the direction mark) in the lists, the words beside
the map, the map's labels and hover, and the PDF; no dialog opens, no image or link appears and no
request leaves for the addresses in them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect
from pypdf import PdfReader

from veerkracht.supportmap import clean_text, label_lines

from .app_page import Screenshots, download, press, type_text
from .student import OwnWords, Student, map_in_words

pytestmark = pytest.mark.browser

HOSTILE = OwnWords(
    nickname="<img src=x onerror=alert(1)>",
    strength="**vet** [link](https://example.org)",
    proud="<script>alert(1)</script>",
    person="<b>Bram</b> & :red[co]",
    place="[klik](https://example.org) _schuin_",
)
BACKWARDS = "\u202eDak van de flat"  # a right-to-left override, as a name
LONGEST = "Heel" + "lang" * 14  # 60 characters without a space: the most a name box takes
EXTRA_PLACES = [BACKWARDS, LONGEST]
# What the typed marks would make if they were read as markup.
INJECTED = ["img[src='x']", "a[href*='example.org']", "strong:text-is('vet')", "b:text-is('Bram')",
            "em:text-is('schuin')"]


def add_own_place(student: Student, name: str) -> None:
    box, words = student.box("mijn-plekken"), student.words
    type_text(box, words("widget.own_place"), name)
    press(box, words("button.add"))
    expect(box).to_contain_text(f"{clean_text(name)} · {words('closeness_place.close')}")


def expect_nothing_made_of_them(page: Page) -> None:
    for selector in INJECTED:
        expect(page.locator(selector)).to_have_count(0)


def wider_than_the_screen(page: Page) -> bool:
    """Whether the page scrolls sideways (the map may, inside its own box)."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"], html')]
        .some(e => e.scrollWidth > e.clientWidth)""")


def map_labels_and_hover(page: Page) -> tuple[str, str]:
    """The words drawn on the map, and what shows when the pointer rests on each marker in turn."""
    chart = page.get_by_test_id("stPlotlyChart").filter(visible=True).first  # the drawing that fits
    labels = " | ".join(chart.locator("svg text").all_text_contents())
    hovers = []
    hover = chart.locator(".hoverlayer .hovertext")
    for point in chart.locator(".scatterlayer path.point").all():
        page.mouse.move(0, 0)
        expect(hover).to_have_count(0)
        point.hover(force=True)
        expect(hover).to_be_visible()
        hovers.append(hover.text_content() or "")
    return labels, " | ".join(hovers)


def squeezed(text: str) -> str:
    """Text without any white space, as lines in a PDF may break anywhere."""
    return "".join(text.split())


def test_hostile_words_show_as_text_and_nothing_in_them_runs(page: Page, shots: Screenshots) -> None:
    dialogs: list[str] = []
    requests: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: requests.append(request.url))

    def after_step(step: str) -> None:
        shots(page, step)
        expect_nothing_made_of_them(page)
        assert not wider_than_the_screen(page), step

    student = Student(page, "nl", after_step=after_step, own=HOSTILE)
    student.start()
    student.welcome()
    student.myself()
    student.people()
    for name in EXTRA_PLACES:
        add_own_place(student, name)
    student.places()
    student.map_step()
    student.next_step()
    student.end()

    typed = [*student.sources(), *EXTRA_PLACES]
    in_words = map_in_words(page, student.words)
    for name in EXTRA_PLACES:
        expect(in_words).to_contain_text(clean_text(name))
    labels, hovers = map_labels_and_hover(page)
    for name in typed:
        assert all(line in labels for line in label_lines(name)), name  # as the map wraps it
        assert clean_text(name) in hovers, name
    assert "\u202e" not in labels + hovers + (in_words.text_content() or "")
    pdf = squeezed("".join(p.extract_text() for p in PdfReader(
        download(page, student.words("map.download_pdf"), "hostile-steunkaart.pdf")).pages))
    for name in [*typed, HOSTILE.nickname]:
        assert squeezed(clean_text(name)) in pdf, name

    assert dialogs == []
    assert not [url for url in requests if "example.org" in url or url.rstrip("/").endswith("/x")]
