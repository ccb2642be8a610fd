"""The interface words: every word the code asks for is in nl.yaml, the model every language follows."""

from __future__ import annotations

import re

from conftest import REPO

from veerkracht.interface import Words, check_language, load_language, placeholders, strict_words

CONTENT = REPO / "content"
WORD_CALL = re.compile(r"""words\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")


def test_every_word_the_code_asks_for_is_in_the_dutch_file():
    reference, problems = load_language(CONTENT / "interface" / "nl.yaml")
    asked = {
        (match[1], str(path.relative_to(REPO)))
        for path in (REPO / "veerkracht").rglob("*.py")
        for match in WORD_CALL.finditer(path.read_text(encoding="utf-8"))
    }

    assert problems == []
    assert len(asked) > 50
    assert sorted((key, file) for key, file in asked if key not in reference) == []


# Any text in the code that looks like a key, and the start of a key the code completes itself
# (f"closeness.{value}"): a word in nl.yaml that neither names is one no screen shows.
KEY_TEXT = re.compile(r"""["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")
KEY_START = re.compile(r"""f["']([a-z_]+\.[a-z_0-9]*)\{""")


def test_every_word_in_the_dutch_file_is_one_the_code_asks_for():
    reference, _ = load_language(CONTENT / "interface" / "nl.yaml")
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "veerkracht").rglob("*.py"))
    named = set(KEY_TEXT.findall(code))
    started = tuple(set(KEY_START.findall(code)))

    assert {"closeness.", "session."} <= set(started)
    assert sorted(key for key in reference if key not in named and not key.startswith(started)) == []


def test_the_dutch_file_is_its_own_model_without_problems():
    assert check_language(CONTENT, "nl") == []


def test_a_word_that_cannot_be_filled_in_falls_back_in_the_app_and_is_an_error_in_the_walk():
    words = Words("en", own={"nav.step_of": "Step {n} of {toplam}"},
                  reference={"nav.step_of": "Stap {n} van {total}"})

    assert words("nav.step_of", n=1, total=3) == "Stap 1 van 3"
    assert words("nav.unknown") == "nav.unknown"
    strict_words.on = True
    try:
        for key, params in (("nav.step_of", {"n": 1, "total": 3}), ("nav.unknown", {})):
            try:
                words(key, **params)
            except LookupError as error:
                assert key in str(error)
            else:
                raise AssertionError(f"{key} did not fail in the walk")
    finally:
        strict_words.on = False


def test_placeholders_are_plain_names_in_braces():
    assert placeholders("Stap {n} van {total}") == ({"n", "total"}, True)
    assert placeholders("Een tekst tussen {{ }}") == (set(), True)
    assert placeholders("Stap {n:>3}")[1] is False
    assert placeholders("Stap {0}")[1] is False
    assert placeholders("Stap {n")[1] is False



def test_every_control_character_in_an_interface_file_is_reported_at_its_own_line(tmp_path):
    folder = tmp_path / "content"
    (folder / "interface").mkdir(parents=True)
    dutch = (CONTENT / "interface" / "nl.yaml").read_text(encoding="utf-8")
    (folder / "interface" / "nl.yaml").write_text(dutch, encoding="utf-8")
    lines = (CONTENT / "interface" / "en.yaml").read_text(encoding="utf-8").splitlines()
    texts = [i for i, line in enumerate(lines) if re.match(r"^\s+[a-z_]+: [A-Z]", line)][:3]
    for i in texts:
        lines[i] += "\x01"
    (folder / "interface" / "en.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems = check_language(folder, "en")

    assert [p.line for p in problems] == [i + 1 for i in texts]
    assert all("U+0001" in p.message for p in problems)
