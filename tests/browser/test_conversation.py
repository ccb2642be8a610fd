"""A whole `mbo-standaard` conversation in coach mode, as a student and coach click and type it,
in Dutch and in English, on a laptop and on a phone. A screenshot of every step is kept.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page

from .app_page import Screenshots, docs_picture, heading
from .student import Student

pytestmark = pytest.mark.browser


def docs_pictures(student: Student, viewport: str, step: str) -> tuple[str, Locator | None] | None:
    """With UPDATE_DOCS_SCREENSHOTS=1, these steps of the Dutch walk become the README's pictures:
    the picture's name and what goes at the top of the screen (None: the top of the page)."""
    return {
        ("laptop", "start-filled"): ("start", None),
        ("laptop", "ik-zelf"): ("question", None),
        ("phone", "mensen"): ("question-phone", student.box("wie-steunt")),
        ("laptop", "klaar"): ("map", heading(student.page, f"🎉 {student.words('end.heading')}", level=1)),
    }.get((viewport, step))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_whole_conversation_ends_with_the_map(
    page: Page, shots: Screenshots, lang: str, viewport: str
) -> None:
    def after_step(step: str) -> None:
        shots(page, step)
        picture = docs_pictures(student, viewport, step)
        if lang == "nl" and picture is not None:
            docs_picture(page, *picture)

    student = Student(page, lang, after_step=after_step)
    student.whole_conversation()
