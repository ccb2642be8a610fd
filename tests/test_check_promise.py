"""What `check` approves, every student can use: each mistake a school can make is found and located.

Each test copies the shipped content (or a small content folder), makes one mistake a content
editor made, and looks for the located message; the app's own language choice agrees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EVERY_TYPE_SET, REPO, make_content

from veerkracht.__main__ import main
from veerkracht.checker import check_paths
from veerkracht.content import Problem, load_folder, load_question_set
from veerkracht.interface import load_words, ready_languages
from veerkracht.languages import offered_languages
from veerkracht.ui.library import load_content
from veerkracht.walk import walk_folder

CONTENT = REPO / "content"


def shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def edit(path: Path, old: str, new: str) -> int:
    """Replace one text in a file; returns the line it is on (1-based)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems_in(folder: Path, name: str, walk: bool = False) -> list[Problem]:
    report = check_paths([folder], walk=walk)
    return [p for p in report.problems if p.file.endswith(name)]


def test_a_wrong_placeholder_in_interface_words_is_a_located_error_and_the_language_is_not_offered(tmp_path):
    folder = shipped(tmp_path)
    words = folder / "interface" / "en.yaml"
    line = edit(words, 'step_of: "Step {n} of {total}"', 'step_of: "Step {n} of {toplam}"')

    [problem] = [p for p in problems_in(folder, "interface/en.yaml") if p.severity == "error"]

    assert (problem.line, problem.field) == (line, "nav.step_of")
    assert "{toplam}" in problem.message and "{total}" in problem.message
    assert "en" not in ready_languages(folder)
    content = load_content(folder)
    assert all("en" not in offered_languages(qs, content) for qs in content.library.sets.values())
    assert load_words(folder, "en")("nav.step_of", n=1, total=5)  # the app never crashes on it


def test_a_misspelt_key_is_an_error_that_suggests_the_key_meant(tmp_path):
    folder = shipped(tmp_path)
    line = edit(folder / "interface" / "en.yaml", "  tagline:", "  tagilne:")

    found = {(p.line, p.field): p.message for p in problems_in(folder, "interface/en.yaml")}

    assert "Bedoel je 'tagline'?" in found[(line, "app.tagilne")]
    assert any(field == "app.tagline" for _, field in found)


def test_a_missing_word_is_an_error_with_its_field_at_its_heading(tmp_path):
    folder = shipped(tmp_path)
    heading = (folder / "interface" / "en.yaml").read_text(encoding="utf-8").splitlines().index("help:") + 1
    edit(folder / "interface" / "en.yaml", "  call: Call\n", "")

    [problem] = problems_in(folder, "interface/en.yaml")

    assert (problem.line, problem.field, problem.severity) == (heading, "help.call", "error")


def test_words_copied_from_dutch_and_left_untranslated_are_one_warning_with_a_count(tmp_path):
    folder = shipped(tmp_path)
    shutil.copy(folder / "interface" / "nl.yaml", folder / "interface" / "fr.yaml")

    [problem] = problems_in(folder, "interface/fr.yaml")

    assert problem.severity == "warning" and problem.rule == "VK201"
    count = int(problem.message.split()[0])
    assert count > 100
    assert "nl.yaml" in problem.message


SET_WITH_TWO_LANGUAGES = """\
id: twee-talen
version: "1.0"
title: {nl: Proef, en: Trial}
description: {nl: Een set om te testen., en: A set to test.}
audience: {nl: mbo, en: mbo}
minutes: 2
languages: [nl, en]
steps:
  - id: stap
    kind: individual
    title: {nl: Ik zelf, en: Me}
    questions:
      - id: vraag
        type: cards
        text: {nl: "Waar ben je goed in?", en: "What are you good at?"}
        options:
          - {id: helpen, icon: 🤝, label: {nl: Anderen helpen, en: Helping others}}
          - {id: koken, icon: 🍳, label: {nl: Koken, en: Cooking}}
"""


def two_language_folder(tmp_path: Path, text: str = SET_WITH_TWO_LANGUAGES) -> Path:
    folder = make_content(tmp_path / "content")
    (folder / "twee-talen.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_language_with_a_text_missing_in_the_set_is_not_offered_and_check_says_why_once(tmp_path):
    folder = two_language_folder(
        tmp_path, SET_WITH_TWO_LANGUAGES.replace("label: {nl: Koken, en: Cooking}", "label: {nl: Koken}")
    )

    not_offered = [p for p in problems_in(folder, "twee-talen.yaml") if p.rule == "VK202"]
    content = load_content(folder)

    [problem] = not_offered
    assert (problem.line, problem.field) == (7, "languages[1]")
    assert "'en'" in problem.message and "1 tekst" in problem.message
    assert offered_languages(content.library.sets["twee-talen"], content) == ["nl"]


def test_a_language_missing_in_the_help_contacts_is_not_offered_and_help_yaml_says_so(tmp_path):
    folder = two_language_folder(tmp_path)
    line = edit(folder / "help.yaml", "  en: Are you in danger right now? Call 112.\n", "")

    [in_help] = [p for p in problems_in(folder, "help.yaml") if p.rule == "VK202"]
    [in_set] = [p for p in problems_in(folder, "twee-talen.yaml") if p.rule == "VK202"]
    content = load_content(folder)

    assert (in_help.line, in_help.field) == (line - 2, "urgent")
    assert "help.yaml" in in_set.message
    assert offered_languages(content.library.sets["twee-talen"], content) == ["nl"]


def test_a_complete_language_is_offered(tmp_path):
    folder = two_language_folder(tmp_path)
    content = load_content(folder)

    assert offered_languages(content.library.sets["twee-talen"], content) == ["nl", "en"]
    assert [p for p in problems_in(folder, "twee-talen.yaml") if p.rule == "VK202"] == []


def test_a_question_without_text_names_the_text_field():
    text = SET_WITH_TWO_LANGUAGES.replace(
        '        text: {nl: "Waar ben je goed in?", en: "What are you good at?"}\n', ""
    )

    [problem] = load_question_set(text, "set.yaml").problems

    assert (problem.field, problem.message) == ("steps[0].questions[0].text", "Dit veld ontbreekt.")


def test_a_version_stays_as_the_editor_wrote_it():
    loaded = load_question_set(SET_WITH_TWO_LANGUAGES.replace('version: "1.0"', "version: 1.10"), "set.yaml")

    assert loaded.question_set is not None and loaded.question_set.version == "1.10"


def test_warnings_are_shown_beside_the_errors_of_a_file(tmp_path):
    folder = two_language_folder(
        tmp_path,
        SET_WITH_TWO_LANGUAGES.replace("minutes: 2", "minutes: tien")
        .replace("Waar ben je goed in?", "Wat is je grootste zwakte?")
        .replace("{id: koken, icon: 🍳,", "{id: koken,"),
    )

    found = problems_in(folder, "twee-talen.yaml")

    assert [(p.field, p.severity) for p in found if p.severity == "error"] == [("minutes", "error")]
    assert {p.rule for p in found if p.severity == "warning"} >= {"VK105", "VK106"}


def test_warnings_in_a_valid_question_are_shown_when_another_question_has_an_error(tmp_path):
    broken = SET_WITH_TWO_LANGUAGES.replace("Waar ben je goed in?", "Wat is je zwakte?") + """\
      - id: kapot
        type: cards
        text: {nl: "Wat doe je graag?", en: "What do you like doing?"}
"""
    folder = two_language_folder(tmp_path, broken)

    found = problems_in(folder, "twee-talen.yaml")

    assert ("steps[0].questions[1].options", "error") in {(p.field, p.severity) for p in found}
    assert [p.field for p in found if p.rule == "VK105"] == ["steps[0].questions[0].text.nl"]


def test_two_sets_with_one_id_each_name_the_other_and_a_template_is_never_blamed(tmp_path):
    folder = two_language_folder(tmp_path)
    shutil.copy(folder / "twee-talen.yaml", folder / "kopie.yaml")
    (folder / "templates").mkdir()
    shutil.copy(CONTENT / "templates" / "sjabloon.yaml", folder / "templates" / "sjabloon.yaml")
    (folder / "van-sjabloon.yaml").write_text(
        (CONTENT / "templates" / "sjabloon.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )

    report = check_paths([folder], walk=False)
    by_file = {}
    for problem in report.problems:
        if problem.field == "id":
            by_file.setdefault(Path(problem.file).name, []).append(problem)

    assert "kopie.yaml" in by_file["twee-talen.yaml"][0].message
    assert "twee-talen.yaml" in by_file["kopie.yaml"][0].message
    assert [p.severity for p in by_file["van-sjabloon.yaml"]] == ["warning"]
    assert "sjabloon.yaml" not in by_file


def test_one_file_is_checked_against_its_folder(tmp_path, capsys):
    folder = two_language_folder(tmp_path)
    (folder / "andere.yaml").write_text(
        SET_WITH_TWO_LANGUAGES.replace("languages: [nl, en]", "languages: [nl, en, fr]"), encoding="utf-8"
    )

    code = main(["check", "--snel", str(folder / "andere.yaml")])
    lines = capsys.readouterr().out.splitlines()

    assert code == 1
    assert any("andere.yaml" in line and "twee-talen.yaml" in line and "id:" in line for line in lines)
    assert any("andere.yaml:7:" in line and "'fr' wordt niet aangeboden" in line for line in lines)
    assert all("twee-talen.yaml:" not in line.split(" ")[0] for line in lines)
    assert lines[-1].endswith("in 1 bestand")


# --- The render walk --------------------------------------------------------------------------


def broken_placeholder_fixture(tmp_path: Path) -> Path:
    """Dutch and English agree on a placeholder the app does not fill in."""
    folder = make_content(tmp_path / "content", EVERY_TYPE_SET)
    for path in (folder / "interface").glob("*.yaml"):
        if path.stem not in ("nl", "en"):
            path.unlink()
    words = folder / "interface"
    edit(words / "nl.yaml", 'step_of: "Stap {n} van {total}"', 'step_of: "Stap {nummer} van {total}"')
    edit(words / "en.yaml", 'step_of: "Step {n} of {total}"', 'step_of: "Step {nummer} of {total}"')
    return folder


def test_a_placeholder_the_app_does_not_fill_in_is_an_error_in_each_file_no_screen_fails(tmp_path, capsys):
    folder = broken_placeholder_fixture(tmp_path)

    code = main(["check", "--strict", str(folder)])
    lines = capsys.readouterr().out.splitlines()

    assert code == 1
    errors = [line for line in lines if "nav.step_of" in line]
    files = [line.split(":")[0] for line in errors]
    assert files == [f"{folder}/interface/en.yaml", f"{folder}/interface/nl.yaml"]
    assert all("{nummer}" in line for line in errors)
    assert not [line for line in lines if "Dit scherm geeft een fout" in line]  # students see the app's words
    assert load_words(folder, "en")("nav.step_of", n=1, total=3) == "Step 1 of 3"


def test_the_walk_passes_every_shipped_set_in_every_offered_language_and_both_modes():
    library = load_folder(CONTENT)
    sources = {qs.id: (f"content/{qs.id}", None) for qs in library.sets.values()}
    content = load_content(CONTENT)

    result = walk_folder(CONTENT, sources)

    assert result.problems == []
    expected = sum(2 * len(offered_languages(qs, content)) for qs in content.library.sets.values())
    assert result.walks == expected >= 2 * len(library.sets)
    # Per language: with the coach every step, a step back and forward again, the end screen, then
    # the session file beside the map, a new conversation and carrying on; alone the same without the file.
    assert result.screens == sum(
        len(offered_languages(qs, content)) * (2 * (len(qs.steps) + 3 + 2) + 3)
        for qs in content.library.sets.values()
    )


def _break(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make one thing the app does fail, as a mistake in the code or the content could."""
    from veerkracht.answers import Answers
    from veerkracht.ui import map_view, state

    def fail(*args, **kwargs):
        raise RuntimeError("kapot")

    if where == "back":
        going = Answers.go_to
        monkeypatch.setattr(Answers, "go_to", lambda self, step, qs: (
            fail() if step < self.step else going(self, step, qs)))
    elif where == "compare":
        monkeypatch.setattr(map_view, "compare_maps", fail)
    elif where == "continue":
        notice = state.add_notice
        monkeypatch.setattr(state, "add_notice", lambda key, **params: (
            fail() if key == "start.continued" else notice(key, **params)))
    elif where == "saved file":
        monkeypatch.setattr("veerkracht.session.dump_session", lambda answers, qs: b"{}")


@pytest.mark.parametrize(("where", "field", "screen", "modes"), [
    ("back", "steps[4]", "stap 5 (kaart), na een stap terug", ["samen met de coach", "zelf ingevuld"]),
    ("compare", "", "het eindscherm, met het bewaarde gesprek ernaast", ["samen met de coach"]),
    ("continue", "steps[5]", "stap 6 (stap), verder met het bewaarde gesprek", ["samen met de coach"]),
    ("saved file", "", "het eindscherm, met het bewaarde gesprek ernaast", ["samen met de coach"]),
])
def test_the_walk_also_goes_back_compares_and_carries_on_from_the_session_file(
    tmp_path, monkeypatch, where, field, screen, modes
):
    folder = make_content(tmp_path / "content", EVERY_TYPE_SET)
    loaded = load_folder(folder).files[0]
    _break(monkeypatch, where)

    result = walk_folder(folder, {"alle-vragen": ("content/alle-vragen.yaml", loaded.source)})

    [problem] = result.problems
    assert problem.field == field
    assert f"Dit scherm geeft een fout: {screen}" in problem.message
    for lang in ("nl", "en"):
        assert all(f"'{lang}' {mode}" in problem.message for mode in modes), problem.message
    assert ("zelf ingevuld" in problem.message) == (len(modes) == 2)
    if where == "saved file":
        assert "kan de app zelf niet teruglezen" in problem.message


@pytest.mark.parametrize("mode", ["coach", "self"])
def test_the_walk_reaches_the_end_screen_with_answers_on_the_map(tmp_path, mode):
    from streamlit.testing.v1 import AppTest

    from veerkracht.walk import APP_SCRIPT, OTHER_SCRIPT_NAMES, _begin, _choose, _walking

    folder = make_content(tmp_path / "content", EVERY_TYPE_SET)
    question_set = load_folder(folder).sets["alle-vragen"]
    with _walking(folder):
        at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60).run()
        _choose(at, question_set, "en", mode)
        _begin(at, question_set)
        for _ in question_set.steps:
            at.button(key="nav.next").click().run()

    assert not at.exception
    assert "Done!" in at.title[0].value
    shown = "\n".join(str(block.proto) for block in [*at.markdown, *at.get("html")])
    assert "Sam" in shown and "Buurthuis" in shown and "Grandma" in shown  # the role, in English
    assert all(name in shown for name in OTHER_SCRIPT_NAMES)  # names in other scripts, too


def test_check_walks_quietly_and_says_how_many_screens_it_tried(tmp_path):
    import subprocess
    import sys

    folder = make_content(tmp_path / "content", EVERY_TYPE_SET)

    done = subprocess.run(
        [sys.executable, "-m", "veerkracht", "check", str(folder)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )

    assert "Dit scherm geeft een fout" not in done.stdout
    assert done.stderr == ""
    walked = [line for line in done.stdout.splitlines() if line.startswith("Elk scherm geprobeerd:")]
    languages = len(load_folder(folder).sets["alle-vragen"].languages)
    assert walked and f"in {2 * languages} rondes" in walked[0]


def test_the_start_screen_offers_exactly_the_languages_check_approves(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    folder = two_language_folder(
        tmp_path, SET_WITH_TWO_LANGUAGES.replace("label: {nl: Koken, en: Cooking}", "label: {nl: Koken}")
    )
    complete = SET_WITH_TWO_LANGUAGES.replace("id: twee-talen", "id: compleet").replace(
        "title: {nl: Proef, en: Trial}", "title: {nl: Compleet, en: Complete}"
    )
    (folder / "compleet.yaml").write_text(complete, encoding="utf-8")
    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    content = load_content(folder)
    report = check_paths([folder], walk=False)
    warned = {Path(p.file).name for p in report.problems if p.rule == "VK202"}

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    shown = {}
    for set_id in ("twee-talen", "compleet"):
        at.radio(key="start.set").set_value(set_id).run()
        shown[set_id] = [c.options for c in at.segmented_control if c.key == "start.language"]

    assert warned == {"twee-talen.yaml"}
    assert offered_languages(content.library.sets["twee-talen"], content) == ["nl"]
    assert shown["twee-talen"] == []  # one language: no choice to make
    names = [load_words(folder, lang)("meta.name") for lang in ("nl", "en")]
    assert shown["compleet"] == [names]
