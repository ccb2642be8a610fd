"""Content a school edits: a broken file is named kindly, the good sets keep working, edits show on reload."""

from __future__ import annotations

import logging
import os

from conftest import REPO, answers, begin, press_next
from streamlit.testing.v1 import AppTest

from veerkracht.__main__ import check_paths

BROKEN = "id: kapot\ntitle: Kapot\nsteps:\n  - id: een\n    kind: start\n   title: verkeerd ingesprongen\n"


def _run(content_dir) -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()


def test_a_broken_file_gets_a_calm_word_without_a_path_and_the_good_set_still_works(content_dir):
    (content_dir / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    at = _run(content_dir)

    assert not at.exception
    calm = at.info[0].value
    assert "De andere vragen werken gewoon" in calm
    shown = " ".join(str(getattr(node, "value", "")) for node in at.main)
    for secret in ("kapot.yaml", str(content_dir), "Traceback", ":6:"):
        assert secret not in shown
    assert not at.expander or all("mis is" not in e.label for e in at.expander)
    assert at.radio(key="start.set").options == ["Alle soorten vragen"]

    begin(at)
    at.pills(key="q.vrije-tijd").set_value("muziek").run()
    press_next(at)
    assert not at.exception
    assert answers(at).responses == {"vrije-tijd": "muziek"}


def test_the_schools_log_and_check_say_exactly_what_is_wrong(content_dir, caplog):
    caplog.set_level(logging.WARNING, logger="veerkracht.content")
    (content_dir / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    _run(content_dir)

    logged = [record.getMessage() for record in caplog.records if record.name == "veerkracht.content"]
    assert any("kapot.yaml'" in line and "veerkracht check" in line for line in logged), logged
    assert any(line.startswith("content: content/kapot.yaml:6:4: ") for line in logged), logged
    assert [str(p) for p in check_paths([content_dir / "kapot.yaml"]).problems if ":6:" in str(p)]


def test_an_edited_question_set_shows_within_a_second_without_a_restart(content_dir, folder_clock):
    at = _run(content_dir)
    assert at.radio(key="start.set").options == ["Alle soorten vragen"]
    path = content_dir / "alle-vragen.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Alle soorten vragen", "Elke soort vraag", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    at.run()  # the folder was looked at less than a second ago: not again for every tap
    assert at.radio(key="start.set").options == ["Alle soorten vragen"]
    folder_clock.pass_a_second()
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
