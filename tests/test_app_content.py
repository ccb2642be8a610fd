"""Content a school edits: a broken file is named kindly, the good sets keep working, edits show on reload."""

from __future__ import annotations

import os

from conftest import REPO, answers, begin, press_next
from streamlit.testing.v1 import AppTest

BROKEN = "id: kapot\ntitle: Kapot\nsteps:\n  - id: een\n    kind: start\n   title: verkeerd ingesprongen\n"


def _run(content_dir) -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()


def test_a_broken_file_is_named_in_a_friendly_message_and_the_good_set_still_works(content_dir):
    (content_dir / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    at = _run(content_dir)

    assert not at.exception
    warning = at.warning[0].value
    assert "kapot.yaml" in warning
    assert "De andere vragen werken gewoon" in warning
    assert "Traceback" not in warning
    assert at.radio(key="start.set").options == ["Alle soorten vragen"]

    begin(at)
    at.pills(key="q.vrije-tijd").set_value("muziek").run()
    press_next(at)
    assert not at.exception
    assert answers(at).responses == {"vrije-tijd": "muziek"}


def test_a_coach_sees_where_in_the_broken_file_the_problem_is(content_dir):
    (content_dir / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    at = _run(content_dir)
    details = [e for e in at.expander if e.label == "Voor de school: wat er mis is"]
    assert details
    assert "kapot.yaml:6:" in at.code[0].value


def test_an_edited_question_set_shows_on_the_next_run_without_a_restart(content_dir):
    at = _run(content_dir)
    assert at.radio(key="start.set").options == ["Alle soorten vragen"]
    path = content_dir / "alle-vragen.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Alle soorten vragen", "Elke soort vraag", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    at.run()
    assert at.radio(key="start.set").options == ["Elke soort vraag"]


def test_without_help_contacts_the_help_button_still_says_whom_to_turn_to(content_dir):
    (content_dir / "help.yaml").unlink()
    at = _run(content_dir)
    texts = " ".join(m.value for m in at.markdown)
    assert "Praat met je mentor of met iemand die je vertrouwt." in texts
    assert any('href="tel:112"' in html.proto.body for html in at.get("html")), "112 to tap and call"


def test_with_no_usable_sets_the_start_screen_says_so_kindly(content_dir):
    (content_dir / "alle-vragen.yaml").write_text(BROKEN, encoding="utf-8")
    at = _run(content_dir)
    assert not at.exception
    assert "Vraag het aan je school" in at.info[0].value
    assert not [b for b in at.button if b.key == "start.begin"]
