"""A school's words are data: only their own {names} are filled in, and a broken nl.yaml never
reaches a student: the app shows its own words, and check and the server's log say why."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from conftest import EVERY_TYPE_SET, REPO, begin, make_content
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from veerkracht.checker import check_paths
from veerkracht.interface import fill, load_words

SHIPPED = load_words(REPO / "content", "nl")


def school(tmp_path: Path) -> Path:
    return make_content(tmp_path / "content", EVERY_TYPE_SET)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("name", ["n.__init__.__globals__", "n[0]", "n!r", "name:>20000000", "0", ""])
def test_only_a_plain_name_is_filled_in(name):
    with pytest.raises(KeyError):
        fill("Stap {" + name + "} van {total}", {"n": 1, "total": 3, "name": "x"})
    assert fill("Stap {n} van {total}, {{zo}}", {"n": 1, "total": 3}) == "Stap 1 van 3, {zo}"


@given(st.text(max_size=200), st.dictionaries(st.sampled_from(["n", "total"]), st.text(max_size=20)))
def test_filling_in_never_grows_a_text_past_its_values(text, params):
    try:
        out = fill(text, params)
    except KeyError:
        return
    assert len(out) <= len(text) + text.count("{") * 20


PLANTED = ['"Stap {n.__init__.__globals__} van {total}"', '"Stap {name:>20000000}"']


@pytest.mark.parametrize("planted", PLANTED)
def test_a_planted_format_in_nl_yaml_shows_students_the_apps_own_words_and_is_an_error_in_nl_yaml_only(
    tmp_path, monkeypatch, planted
):
    folder = school(tmp_path)
    replace_in(folder / "interface" / "nl.yaml", 'step_of: "Stap {n} van {total}"', f"step_of: {planted}")

    words = load_words(folder, "nl")
    assert words("nav.step_of", n=1, total=3) == SHIPPED("nav.step_of", n=1, total=3) == "Stap 1 van 3"
    errors = [p for p in check_paths([folder], walk=False).problems if p.severity == "error"]
    assert [(p.file.split("content/")[-1], p.field) for p in errors] == [("interface/nl.yaml", "nav.step_of")]

    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    begin(at)
    assert not at.exception
    [bar] = at.get("progress")
    assert bar.proto.text.startswith("Stap 1 van ")
    assert "__globals__" not in bar.proto.text and len(bar.proto.text) < 40


DEEP = "a:\n  b: " + "{c: " * 60 + "}" * 60


@pytest.mark.parametrize("broken", ["", "- een lijst\n", "meta: [\n", DEEP])
def test_a_broken_nl_yaml_leaves_no_raw_key_and_the_log_says_why(tmp_path, monkeypatch, caplog, broken):
    folder = school(tmp_path)
    (folder / "interface" / "nl.yaml").write_text(broken, encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="veerkracht.interface"):
        words = load_words(folder, "nl")
    assert words("app.title") == SHIPPED("app.title") != "app.title"
    assert any("nl.yaml" in record.getMessage() for record in caplog.records)
    problems = check_paths([folder], walk=False).problems
    assert any(p.file.endswith("interface/nl.yaml") and p.severity == "error" for p in problems)
    assert not [p for p in problems if p.severity == "error" and not p.file.endswith("nl.yaml")]

    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value.endswith(SHIPPED("app.title"))
    assert at.button(key="start.begin").label == SHIPPED("button.begin")


def test_a_typo_in_nl_yaml_is_reported_in_nl_yaml_and_not_in_the_translations(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(REPO / "content", folder)
    replace_in(folder / "interface" / "nl.yaml", "  close: Dichtbij", "  clos: Dichtbij")

    problems = check_paths([folder], walk=False).problems

    errors = [(p.file.split("content/")[-1], p.field) for p in problems if p.severity == "error"]
    assert errors and all(file == "interface/nl.yaml" for file, _ in errors)
    assert any("Bedoel je 'close'?" in p.message for p in problems)
