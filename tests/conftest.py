"""Shared fixtures: a temporary content folder, a driver for the app in AppTest, a local server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from veerkracht.answers import Answers
from veerkracht.bench.server import LocalServer, ServerError
from veerkracht.ui import library
from veerkracht.ui.start import CONTINUE_KEY, UPLOAD_KEY
from veerkracht.ui.state import ANSWERS_KEY

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVERY_TYPE_SET = FIXTURES / "alle-vragen.yaml"
# The start of a small valid set; a test adds its questions.
SET_HEAD = """\
id: proef
version: "1.0"
title: Proef
description: Een set om te testen.
audience: mbo
minutes: 10
steps:
  - id: stap
    kind: individual
    title: Ik zelf
    questions:
"""


def serve(script: Path, start_timeout: float):
    """A local Streamlit server running `script`, for a module fixture; skips if none can start."""
    server = LocalServer(script, start_timeout=start_timeout)
    try:
        server.start()
    except (ServerError, OSError) as error:
        pytest.skip(f"A local Streamlit server could not start: {error}")
    yield server
    server.stop()


def make_content(folder: Path, *question_sets: Path) -> Path:
    """A content folder with the shipped interface words and help contacts, and these sets."""
    shutil.copytree(REPO / "content" / "interface", folder / "interface")
    shutil.copy(REPO / "content" / "help.yaml", folder / "help.yaml")
    for schema in (REPO / "content").glob("*.schema.json"):  # the files the schema lines point to
        shutil.copy(schema, folder / schema.name)
    for path in question_sets:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = make_content(tmp_path / "content", EVERY_TYPE_SET)
    monkeypatch.setenv("VEERKRACHT_CONTENT", str(folder))
    return folder


class FolderClock:
    """The clock the app looks at the content folder by: a second passes when a test says so."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def pass_a_second(self) -> None:
        self.now += 1.0


@pytest.fixture(autouse=True)
def folder_looked_at_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests change a content file between two runs within the second the server would wait before
    looking again; here it looks every run. That second is tested with `folder_clock`."""
    monkeypatch.setattr(library, "FRESH_S", 0.0)


@pytest.fixture
def folder_clock(monkeypatch: pytest.MonkeyPatch) -> FolderClock:
    """The server's second between looks at the content folder, on a clock the test moves on."""
    clock = FolderClock()
    monkeypatch.setattr(library, "FRESH_S", 1.0)
    monkeypatch.setattr(library, "_clock", clock)
    monkeypatch.setattr(library, "_LOOKED", {})
    return clock


@pytest.fixture
def app(content_dir: Path) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    return at.run()


def begin(
    at: AppTest, set_id: str = "alle-vragen", mode: str = "coach", language: str | None = None
) -> AppTest:
    """Fill in the start screen and press Beginnen."""
    at.radio(key="start.set").set_value(set_id).run()
    if language is not None:
        at.segmented_control(key="start.language").set_value(language).run()
    at.segmented_control(key="start.mode").set_value(mode).run()
    return at.button(key="start.begin").click().run()


def upload_session(at: AppTest, data: bytes, name: str = "gesprek.json") -> AppTest:
    """Open "Verder met een eerder gesprek" (its file box is drawn only then) and choose a file."""
    at.session_state[CONTINUE_KEY] = True  # what a tap on the fold-out does
    at.run()
    return at.file_uploader(key=UPLOAD_KEY).upload(name, data, "application/json").run()


def answers(at: AppTest) -> Answers:
    return at.session_state[ANSWERS_KEY]


def press_next(at: AppTest) -> AppTest:
    return at.button(key="nav.next").click().run()


def popover_labels(at: AppTest) -> list[str]:
    """Labels of every popover on the page (the help button is one)."""
    found, todo = [], [at.main]
    while todo:
        node = todo.pop()
        if getattr(node, "type", None) == "popover":
            found.append(node.proto.popover.label)
        todo.extend(getattr(node, "children", {}).values())
    return found
