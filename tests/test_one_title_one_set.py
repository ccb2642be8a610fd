"""One title, one set: check refuses two sets a student reads under one title, and the start screen
starts the set that was chosen, by its id, even when two titles are the same."""

from __future__ import annotations

from conftest import EVERY_TYPE_SET, REPO, answers
from streamlit.testing.v1 import AppTest

from veerkracht.checker import check_paths


def copy_with_new_id(folder, new_id: str):
    """A school copies a set and changes only its id."""
    text = EVERY_TYPE_SET.read_text(encoding="utf-8").replace("id: alle-vragen", f"id: {new_id}", 1)
    path = folder / f"{new_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_two_sets_with_one_title_are_an_error_in_each_file_naming_the_other(content_dir):
    copy_with_new_id(content_dir, "kopie")

    problems = [p for p in check_paths([content_dir], walk=False).problems if p.field == "title"]

    assert sorted((p.file.rsplit("/", 1)[-1], p.severity, p.rule) for p in problems) == [
        ("alle-vragen.yaml", "error", "VK005"), ("kopie.yaml", "error", "VK005"),
    ]
    assert all("dezelfde titel" in p.message for p in problems)
    assert any("kopie.yaml" in p.message for p in problems if p.file.endswith("alle-vragen.yaml"))


def test_a_title_the_same_in_one_language_only_is_refused_too(content_dir):
    path = copy_with_new_id(content_dir, "kopie")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nl: Alle soorten vragen", "nl: Elke soort vraag", 1), encoding="utf-8")

    [problem, _] = [p for p in check_paths([content_dir], walk=False).problems if p.field == "title"]
    assert "every kind of question" in problem.message  # the English titles are the same


def test_the_start_screen_starts_the_chosen_set_when_two_have_one_title(content_dir):
    copy_with_new_id(content_dir, "kopie")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()

    radio = at.radio(key="start.set")
    assert len(set(radio.options)) == 2  # each choice names one set
    radio.set_value("kopie").run()
    at.button(key="start.begin").click().run()

    assert not at.exception
    assert answers(at).set_id == "kopie"
