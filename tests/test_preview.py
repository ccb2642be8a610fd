"""'Vragenset testen': a school pastes or uploads a set, sees every problem by line, and tries it.

An editor's tool: off unless the school turns it on, never linked for students, and bounded (one
walk at a time per server, inputs as the loader's)."""

from __future__ import annotations

import html
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import EVERY_TYPE_SET, REPO, make_content
from streamlit.testing.v1 import AppTest

from veerkracht import limits
from veerkracht.__main__ import check_paths
from veerkracht.content import load_question_set
from veerkracht.interface import load_words
from veerkracht.text import resolve
from veerkracht.ui import preview, state
from veerkracht.ui.preview import ANSWERS_KEY, CHECKED_KEY, SOURCE_KEY, WalkGate, problem_line
from veerkracht.walk import walk_text

TEMPLATE = REPO / "content" / "templates" / "sjabloon.yaml"
TEMPLATE_TEXT = TEMPLATE.read_text(encoding="utf-8")
BROKEN = """\
id: kapot
version: "1"
title: Proef
description: Een set om te testen.
audience: mbo
minutes: tien
steps:
  - id: stap
    kind: individual
    titel: Ik zelf
    questions:
      - id: vraag
        type: cards
        text: Wat is je grootste probleem op school?
        options:
          - {id: helpen, icon: 🤝, label: Anderen helpen}
          - {id: koken, label: Koken}
"""


@pytest.fixture(autouse=True)
def test_page_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The school turned the test page on (VEERKRACHT_TEST_PAGE=aan) for these tests."""
    monkeypatch.setenv("VEERKRACHT_TEST_PAGE", "aan")


def open_page(app: AppTest) -> AppTest:
    """The editor types the page's address: there is no link to it."""
    app.query_params["pagina"] = "testen"
    return app.run()


def paste(app: AppTest, text: str) -> AppTest:
    return app.text_area(key="preview.editor").input(text).run()


def code_blocks(app: AppTest) -> list[str]:
    return [block.value for block in app.code]


def page_text(app: AppTest) -> str:
    parts = [str(getattr(node, "value", "")) for node in app.main]
    parts += [html.unescape(str(node.proto)) for node in app.get("html")]
    parts += [str(getattr(node, "value", "")) for node in app.get("markdown")]
    return "\n".join(parts)


def headers(app: AppTest) -> list[str]:
    return [header.value for header in app.header]


def test_the_test_page_stands_on_its_own_address_and_back_leads_to_the_start(app):
    assert not [b for b in app.button if b.key and b.key.startswith("preview.")], "no link for students"

    open_page(app)
    assert app.title[0].value == "🧪 Vragenset testen"
    assert app.query_params.get("pagina") == "testen"
    assert not app.button(key="preview.back").disabled

    app.button(key="preview.back").click().run()
    assert app.title[0].value == "🧭 Mijn steunkaart"
    assert "pagina" not in app.query_params


@pytest.mark.parametrize("setting", [None, "uit", "misschien"])
def test_without_the_schools_setting_the_address_opens_the_start_screen(content_dir, monkeypatch, setting):
    if setting is None:
        monkeypatch.delenv("VEERKRACHT_TEST_PAGE")
    else:
        monkeypatch.setenv("VEERKRACHT_TEST_PAGE", setting)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.query_params["pagina"] = "testen"
    app.run()

    assert not app.exception
    assert app.title[0].value == "🧭 Mijn steunkaart"
    assert not app.text_area, "no editor, no upload, no walk"
    assert "pagina" not in app.query_params


def test_an_upload_beyond_the_loaders_limit_is_refused_before_it_is_read(app):
    big = b"id: groot\n" + b"# " + b"x" * limits.CONTENT_BYTES + b"\n"
    open_page(app)
    app.get("file_uploader")[0].upload("groot.yaml", big, "application/x-yaml").run()

    assert not app.exception
    assert app.text_area(key="preview.editor").value == "", "the text never reaches the editor"
    assert f"{limits.CONTENT_BYTES // 1024} kB" in code_blocks(app)[0]


def test_the_pasted_text_stops_at_the_loaders_limit(app):
    open_page(app)
    assert app.text_area(key="preview.editor").max_chars == limits.CONTENT_BYTES


def test_a_broken_pasted_set_shows_every_problem_with_its_line_field_and_message(app):
    paste(open_page(app), BROKEN)

    assert not app.exception
    assert "Fouten: 3" in app.error[0].value
    problems = code_blocks(app)[0].splitlines()
    assert [line for line in problems if line.startswith("❌")] == [
        "❌ regel 6, kolom 1 · minutes: Hier hoort een heel getal. [VK004]",
        "❌ regel 8, kolom 5 · steps[0].title: Dit veld ontbreekt. [VK003]",
        "❌ regel 10, kolom 5 · steps[0].titel: Dit veld bestaat niet. Bedoel je 'title'? [VK003]",
    ]
    # the warnings of the question, which is valid, stand beside the errors
    assert [line.rsplit(" ", 1)[-1] for line in problems if line.startswith("⚠️")] == ["[VK105]", "[VK106]"]
    assert not [b for b in app.button if b.key == "preview.start"], "a broken set cannot be tried"


def test_the_problems_stand_under_their_own_line_in_the_numbered_text(app):
    paste(open_page(app), BROKEN)

    listing = code_blocks(app)[-1].splitlines()
    line_six = listing.index(" 6 │ minutes: tien")
    assert listing[line_six + 1] == "   │ ^ ❌ minutes: Hier hoort een heel getal."
    line_ten = listing.index("10 │     titel: Ik zelf")
    assert listing[line_ten + 1].startswith("   │     ^ ❌ steps[0].titel: Dit veld bestaat niet.")


def test_each_problem_shows_its_own_line_with_the_lines_around_it(app):
    paste(open_page(app), BROKEN)

    first = code_blocks(app)[1].splitlines()
    assert first == [
        "❌ regel 6, kolom 1",
        " 4 │ description: Een set om te testen.",
        " 5 │ audience: mbo",
        "▶6 │ minutes: tien",
        "   │ ^",
        " 7 │ steps:",
        " 8 │   - id: stap",
    ]
    assert all(block.proto.wrap_lines for block in app.code)
    shown = "\n".join(code_blocks(app)[:-1])  # the numbered text below carries every message again
    assert shown.count("Hier hoort een heel getal.") == 1, "each message once, in the list"


def test_a_set_with_only_warnings_can_be_tried_and_each_warning_names_its_rule(app):
    paste(open_page(app), BROKEN.replace("minutes: tien", "minutes: 2").replace("titel:", "title:"))

    assert app.warning[0].value.startswith("Waarschuwingen: 2.")
    problems = code_blocks(app)[0]
    assert "⚠️ regel 14, kolom 9 · steps[0].questions[0].text: 'probleem' begint bij" in problems
    assert problems.splitlines()[0].endswith("[VK105]")
    assert "steps[0].questions[0].options[1].icon: Deze keuze heeft geen plaatje." in problems
    assert app.button(key="preview.start").label == "Probeer als student"


def test_an_uploaded_file_shows_exactly_what_check_prints_for_it(app, tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    report = check_paths([path])
    words = load_words(REPO / "content", "nl")

    open_page(app)
    app.get("file_uploader")[0].upload("kapot.yaml", BROKEN.encode("utf-8"), "application/x-yaml").run()

    assert app.text_area(key="preview.editor").value == BROKEN
    assert len(report.problems) == 5  # errors, and the warnings of the part that is valid
    assert code_blocks(app)[0].splitlines() == [problem_line(p, words) for p in report.problems]


def test_a_file_that_is_not_text_is_refused_in_plain_words(app):
    open_page(app)
    app.get("file_uploader")[0].upload("plaatje.yaml", b"\xff\xd8\xff\xe0 not text", "image/jpeg").run()

    assert not app.exception
    assert "Het bestand is geen tekst (UTF-8). Sla het op als UTF-8." in code_blocks(app)[0]
    assert app.text_area(key="preview.editor").value == ""


@pytest.mark.parametrize("mode", ["coach", "self"])
def test_a_valid_pasted_set_runs_from_the_first_step_to_the_end(app, mode):
    question_set = load_question_set(TEMPLATE_TEXT, "sjabloon.yaml").question_set
    titles = [resolve(step.title, "nl", "nl") for step in question_set.steps]
    paste(open_page(app), TEMPLATE_TEXT)
    assert app.success[0].value == "Geen fouten en geen waarschuwingen. De set is klaar."
    app.segmented_control(key="preview.mode").set_value(mode).run()
    app.button(key="preview.start").click().run()

    seen, coach_panels = [], []
    for _ in titles:
        seen += headers(app)
        coach_panels.append(any(e.label == "Voor de coach" for e in app.expander))
        if headers(app) == ["Ik zelf"]:
            app.pills(key="q.sterke-kanten").set_value(["doorzetten"]).run()
        app.button(key="nav.next").click().run()

    assert not app.exception
    assert seen == titles
    assert coach_panels == [mode == "coach"] * len(titles)
    assert headers(app) == ["🎉 Klaar!"]
    assert "Doorzetten" in page_text(app)
    assert state.ANSWERS_KEY not in app.session_state, "the trial never becomes a real conversation"
    assert set(app.query_params) == {"pagina"}


def test_the_trial_switches_language_halfway_and_keeps_the_answers(app):
    paste(open_page(app), EVERY_TYPE_SET.read_text(encoding="utf-8"))
    app.button(key="preview.start").click().run()
    app.pills(key="q.vrije-tijd").set_value("muziek").run()

    app.segmented_control(key="preview.language").set_value("en").run()

    assert headers(app) == ["Welcome"]
    assert app.button(key="nav.next").label == "Next"
    assert app.pills(key="q.vrije-tijd").value == "muziek"


def test_starting_again_forgets_the_earlier_try(app):
    paste(open_page(app), TEMPLATE_TEXT)
    app.button(key="preview.start").click().run()
    app.segmented_control(key="q.gevoel").set_value(1).run()
    app.button(key="nav.next").click().run()
    app.pills(key="q.sterke-kanten").set_value(["helpen"]).run()
    app.button(key="nav.jump.0").click().run()

    app.button(key="preview.restart").click().run()

    assert headers(app) == ["Welkom"]
    assert app.segmented_control(key="q.gevoel").value is None
    app.button(key="nav.next").click().run()
    assert app.pills(key="q.sterke-kanten").value == []


def test_back_to_the_text_keeps_the_pasted_set(app):
    paste(open_page(app), TEMPLATE_TEXT)
    app.button(key="preview.start").click().run()

    app.button(key="preview.edit").click().run()

    assert app.title[0].value == "🧪 Vragenset testen"
    assert app.text_area(key="preview.editor").value == TEMPLATE_TEXT


def test_leaving_the_page_forgets_the_set_and_the_trial(app):
    paste(open_page(app), TEMPLATE_TEXT)
    app.button(key="preview.start").click().run()
    app.button(key="preview.edit").click().run()
    app.button(key="preview.back").click().run()

    for key in (SOURCE_KEY, CHECKED_KEY, ANSWERS_KEY):
        assert key not in app.session_state
    open_page(app)
    assert app.text_area(key="preview.editor").value == ""


def test_a_set_whose_screens_fail_is_reported_by_the_walk_and_cannot_be_tried(tmp_path, monkeypatch):
    from veerkracht.content import Problem
    from veerkracht.ui import preview

    # No content makes a screen fail any more (a broken word shows the app's own): a walk that found one.
    failed = Problem("geplakt.yaml", 10, 5, "steps[0]", "Dit scherm geeft een fout: stap 1 (welkom), in "
                     "taal 'nl' zelf ingevuld. (Fout: het woord nav.step_of (nl) past niet)", rule="VK006")
    monkeypatch.setattr(preview, "walk_text", lambda text, file, folder: [failed])
    folder = make_content(tmp_path / "content", EVERY_TYPE_SET)
    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()

    pasted = EVERY_TYPE_SET.read_text(encoding="utf-8").replace("id: alle-vragen", "id: geplakt")
    paste(open_page(app), pasted)

    assert not app.exception
    walk_errors = [line for line in code_blocks(app)[0].splitlines() if "Dit scherm geeft een fout" in line]
    assert walk_errors and all("nav.step_of" in line for line in walk_errors)
    assert walk_errors[0].startswith("❌ regel 10, kolom 5 · steps[0]:")
    assert not [b for b in app.button if b.key == "preview.start"]


# --- Three editors at once: one walk at a time ---------------------------------------------


def walks_running() -> int:
    """Walk processes this test process has running now (read from /proc)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = next((line.split()[1] for line in status.splitlines() if line.startswith("PPid:")), "")
        count += parent == str(os.getpid()) and b"veerkracht.walk" in command
    return count


def test_three_editors_at_once_walk_one_after_another_and_each_gets_the_whole_report(content_dir):
    gate = WalkGate()
    sets = [TEMPLATE_TEXT.replace("id: sjabloon", f"id: proef-{n}") for n in range(3)]
    reports: dict[int, list] = {}
    places: dict[int, list[int]] = {n: [] for n in range(3)}
    most, done = 0, threading.Event()

    def watch() -> None:
        nonlocal most
        while not done.is_set():
            most = max(most, walks_running())
            time.sleep(0.02)  # a sampling interval, not a wait for a result

    def editor(n: int) -> None:
        reports[n] = gate.run(lambda: walk_text(sets[n], f"proef-{n}.yaml", content_dir), places[n].append)

    watcher = threading.Thread(target=watch)
    watcher.start()
    editors = [threading.Thread(target=editor, args=(n,)) for n in range(3)]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join()
    done.set()
    watcher.join()

    assert most == 1 and gate.most_walking == 1, "never more than one walk process at a time"
    assert sorted(reports) == [0, 1, 2] and all(report is not None for report in reports.values())
    assert all(report == reports[0] for report in reports.values()), "each got the whole walk"
    waited = [n for n in range(3) if places[n]]
    assert len(waited) == 2, "two of them saw their place in line"
    assert walks_running() == 0


def test_an_editor_beyond_the_line_is_asked_to_come_back_and_one_who_waits_too_long_too():
    gate = WalkGate(waiting_max=1, wait_seconds=30)
    walking, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def long_walk() -> list:
        walking.set()
        release.wait(timeout=60)
        return []

    first = threading.Thread(target=lambda: results.update(first=gate.run(long_walk)))
    first.start()
    walking.wait(timeout=60)
    second = threading.Thread(target=lambda: results.update(second=gate.run(lambda: [])))
    second.start()
    while len(gate._turns) < 2:  # the second is in line
        time.sleep(0.01)

    assert gate.run(lambda: []) is None, "a third, beyond the line, is asked to come back"
    impatient = WalkGate(waiting_max=3, wait_seconds=0.2)
    impatient._turns.append(object())  # someone else's walk that does not end
    assert impatient.run(lambda: []) is None, "waiting longer than the limit ends the wait"

    release.set()
    first.join()
    second.join()
    assert results == {"first": [], "second": []}


def test_the_page_says_when_the_line_is_full(app, monkeypatch):
    full = WalkGate(waiting_max=0)
    full._turns.append(object())  # an editor elsewhere is walking
    monkeypatch.setattr(preview, "GATE", full)

    paste(open_page(app), TEMPLATE_TEXT)

    assert any("druk op deze pagina" in warning.value for warning in app.warning)
    assert not [b for b in app.button if b.key == "preview.start"], "nothing claims the set is fine"


def test_the_editor_sees_which_file_in_the_folder_is_broken_and_where(app, content_dir):
    (content_dir / "kapot.yaml").write_text("id: kapot\ntitle: [kapot\n", encoding="utf-8")
    open_page(app)

    assert any("kapot.yaml" in warning.value for warning in app.warning)
    assert any("kapot.yaml:" in block for block in code_blocks(app))
