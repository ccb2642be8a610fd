"""The JSON Schemas an editor uses say what `check` says: same files accepted, same mistakes underlined.

Data is read as a YAML 1.2 editor reads it (`yes` is text, `1.2` a number): with the project's
own parser, which keeps `yes` and `1:30` as text too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO

from veerkracht.content import load_question_set, parse_yaml
from veerkracht.limits import SET_STEPS, STEP_QUESTIONS
from veerkracht.questions import QUESTION_TYPES

CONTENT = REPO / "content"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def shipped_files() -> list[Path]:
    files = sorted(CONTENT.glob("*.yaml")) + sorted((CONTENT / "templates").glob("*.yaml"))
    return files + sorted((CONTENT / "interface").glob("*.yaml"))


def validator_for(path: Path) -> jsonschema.Draft202012Validator:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path.name} does not name its schema on the first line"
    schema = json.loads((path.parent / match[1]).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def editor_errors(validator: jsonschema.Draft202012Validator, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_each_shipped_content_file_validates_against_the_schema_it_names(path):
    data = parse_yaml(path.read_bytes(), path.name).data

    assert editor_errors(validator_for(path), data) == []


def test_an_editor_underlines_a_typo_in_interface_words_and_in_help():
    words = validator_for(CONTENT / "interface" / "en.yaml")
    data = parse_yaml((CONTENT / "interface" / "en.yaml").read_bytes(), "en.yaml").data
    data["app"]["tagilne"] = data["app"].pop("tagline")
    data["nav"]["step_of"] = "Step {n} of {toplam}"
    errors = editor_errors(words, data)
    assert any(e.startswith("app:") and "tagilne" in e for e in errors)
    assert any(e.startswith("app:") and "tagline" in e for e in errors)
    assert any(e.startswith("nav/step_of:") for e in errors)

    contacts = validator_for(CONTENT / "help.yaml")
    data = parse_yaml((CONTENT / "help.yaml").read_bytes(), "help.yaml").data
    data["at_school"][0]["fone"] = "0800-0113"
    assert any("fone" in e for e in editor_errors(contacts, data))


def test_hovering_over_a_question_type_lists_all_seven_types():
    schema = json.loads((CONTENT / "questionset.schema.json").read_text(encoding="utf-8"))
    questions = schema["$defs"]["Step"]["properties"]["questions"]["items"]
    described = questions["properties"]["type"]["description"]

    assert questions["properties"]["type"]["enum"] == list(QUESTION_TYPES)
    assert all(f"- {name}:" in described for name in QUESTION_TYPES)
    assert "discriminator" not in json.dumps(schema)


def test_a_mistake_inside_a_question_is_named_by_that_question_type_only():
    validator = jsonschema.Draft202012Validator(
        json.loads((CONTENT / "questionset.schema.json").read_text(encoding="utf-8"))
    )
    data = parse_yaml(SET, "set.yaml").data
    del data["steps"][0]["questions"][0]["options"]

    errors = list(validator.iter_errors(data))

    assert [e.message for e in errors] == ["'options' is a required property"]
    assert "then" in list(errors[0].schema_path)


SET = """\
id: proef
version: "1.0"
title: Proef
description: Een set om te testen.
audience: mbo
minutes: 2
steps:
  - id: stap
    kind: individual
    title: Ik zelf
    questions:
      - id: vraag
        type: cards
        text: Waar ben je goed in?
        options:
          - {id: helpen, icon: 🤝, label: Anderen helpen}
          - {id: koken, icon: 🍳, label: Koken}
"""
OPTIONS = "        options:\n"

# One change to the set each: the loader and the editor's schema accept it, or both refuse it.
AGREE = {
    "version as a number": ('version: "1.0"', "version: 1.2"),
    "version 1.10": ('version: "1.0"', "version: 1.10"),
    "version not a number": ('version: "1.0"', "version: een"),
    "minutes as text": ("minutes: 2", 'minutes: "2"'),
    "minutes with a fraction": ("minutes: 2", "minutes: 2.5"),
    "minutes zero": ("minutes: 2", "minutes: 0"),
    "other: yes": (OPTIONS, "        other: yes\n" + OPTIONS),
    "other: misschien": (OPTIONS, "        other: misschien\n" + OPTIONS),
    "a misspelt field": (OPTIONS, "        txet: Hoi\n" + OPTIONS),
    "a misspelt type": ("type: cards", "type: kaartjes"),
    "an unknown level": (OPTIONS, "        level: ergens\n" + OPTIONS),
    "a question without text": ("        text: Waar ben je goed in?\n", ""),
    "a language twice": ("minutes: 2", "minutes: 2\nlanguages: [nl, nl]"),
    "a language code in capitals": ("title: Proef", "title: {NL: Proef}"),
    "a language code that is no code": ("minutes: 2", "minutes: 2\nlanguages: [nederlands]"),
    "a text that is a number": (OPTIONS, "        help: 12\n" + OPTIONS),
    "an empty text per language": ("title: Proef", "title: {}"),
}


@pytest.mark.parametrize("name", list(AGREE))
def test_the_editor_and_check_agree(name):
    validator = jsonschema.Draft202012Validator(
        json.loads((CONTENT / "questionset.schema.json").read_text(encoding="utf-8"))
    )
    old, new = AGREE[name]
    assert SET.count(old) == 1
    text = SET.replace(old, new)

    loaded = load_question_set(text, "set.yaml")
    editor = editor_errors(validator, parse_yaml(text, "set.yaml").data)

    assert (loaded.question_set is not None) == (editor == []), (loaded.problems, editor)


@pytest.mark.parametrize(
    "extra",
    [
        "          - {id: helpen, icon: 🎨, label: Tekenen}\n",  # two options with one id
        "title: {nl: Proef, fr: Essai}\n",  # a language the set does not declare
    ],
    ids=["duplicate option id", "undeclared language"],
)
def test_what_json_schema_cannot_say_only_check_refuses(extra):
    text = SET
    if extra.startswith("title"):
        text = text.replace("title: Proef\n", extra)
    else:
        text += extra

    assert load_question_set(text, "set.yaml").question_set is None


@pytest.mark.parametrize(("what", "most"), [("steps", SET_STEPS), ("questions", STEP_QUESTIONS)])
def test_the_editor_and_check_stop_at_the_same_number_of_steps_and_questions(what, most):
    validator = jsonschema.Draft202012Validator(
        json.loads((CONTENT / "questionset.schema.json").read_text(encoding="utf-8"))
    )
    for count, allowed in ((most, True), (most + 1, False)):
        data = parse_yaml(SET, "set.yaml").data
        step = data["steps"][0]
        if what == "steps":
            data["steps"] = [{**step, "id": f"stap-{i}", "questions": []} for i in range(count)]
        else:
            question = step["questions"][0]
            step["questions"] = [{**question, "id": f"vraag-{i}"} for i in range(count)]
        loaded = load_question_set(json.dumps(data, ensure_ascii=False), "set.yaml")  # JSON is YAML

        assert (loaded.question_set is not None) == allowed, (count, loaded.problems)
        assert (editor_errors(validator, data) == []) == allowed, count


def test_a_version_keeps_the_digits_the_editor_wrote():
    loaded = load_question_set(SET.replace('version: "1.0"', "version: 1.10"), "set.yaml")

    assert loaded.question_set.version == "1.10"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("phone: 0800-0113", "phone: bel de mentor"),
        ("website: https://www.113.nl", "website: www.113.nl"),
        ("icon: 💬", "icon: [💬]"),
    ],
)
def test_the_editor_and_check_agree_on_help_contacts(tmp_path, old, new):
    from veerkracht.contacts import load_contacts

    text = (CONTENT / "help.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "help.yaml").write_text(text.replace(old, new), encoding="utf-8")

    _, problems = load_contacts(folder)
    editor = editor_errors(validator_for(CONTENT / "help.yaml"), parse_yaml(text.replace(old, new), "h").data)

    assert problems != [] and editor != []
