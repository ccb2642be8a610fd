"""The help panel in the app: crisis lines first, then school, then the rest; the language note.

What a person sees on a phone is in tests/browser/test_help_panel.py; here the order and the words.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, begin
from streamlit.testing.v1 import AppTest

from veerkracht.interface import load_words

WORDS = {lang: load_words(REPO / "content", lang) for lang in ("nl", "ar")}


def _app(content_dir: Path, help_text: str | None = None) -> AppTest:
    shutil.copy(REPO / "content" / "mbo-kort.yaml", content_dir / "mbo-kort.yaml")
    if help_text is not None:
        (content_dir / "help.yaml").write_text(help_text, encoding="utf-8")
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()


def _calls(at: AppTest) -> list[str]:
    """Every tel: link in the help panel, in the order of the page."""
    bodies = [html.proto.body for html in at.get("html")] + [m.value for m in at.markdown]
    return [number for body in bodies for number in re.findall(r'tel:(\+?\d+)', body)]


def test_the_panel_opens_with_112_and_113_before_any_other_number(content_dir):
    at = _app(content_dir)
    calls = _calls(at)
    assert calls[:2] == ["112", "08000113"], calls
    assert calls.count("08000113") == 1 and len(calls) > 5


def test_in_arabic_the_panel_says_the_lines_speak_dutch_and_how_to_get_help(content_dir):
    at = begin(_app(content_dir), "mbo-kort", language="ar")
    texts = " ".join(m.value for m in at.markdown)
    words = WORDS["ar"]
    assert words("help.language_dutch_all") in texts and words("help.language_tip") in texts


def test_in_dutch_there_is_no_language_note(content_dir):
    at = begin(_app(content_dir), "mbo-kort", language="nl")
    texts = " ".join(m.value for m in at.markdown)
    assert WORDS["nl"]("help.language_tip") not in texts


def test_an_older_help_file_without_crisis_lines_still_shows_112_first(content_dir):
    older = """\
urgent: Bel 112 bij direct gevaar.
at_school:
  - name: Je mentor
    about: Altijd welkom.
outside_school:
  - name: 113 Zelfmoordpreventie
    about: Praat erover.
    phone: 0800-0113
    website: https://www.113.nl
"""
    at = _app(content_dir, older)
    assert not at.exception
    assert _calls(at)[0] == "112"
    assert "08000113" in _calls(at)
