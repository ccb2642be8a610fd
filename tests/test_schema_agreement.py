"""One truth for the editor and `check`: each probe is accepted by both or refused by both, through
jsonschema and through the patterns as JavaScript (the YAML language server) reads them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import jsonschema
import pytest
from conftest import REPO

from veerkracht.checker import check_paths
from veerkracht.content import load_question_set, parse_yaml

CONTENT = REPO / "content"
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
ICON = "icon: 🤝"
# One change each; both must accept it or both refuse it.
SET_PROBES = {
    "an emoji of eleven code points": (ICON, "icon: 👩🏽‍👩🏽‍👧🏽‍👦🏽"),
    "a flag": (ICON, "icon: 🇳🇱"),
    "a keycap": (ICON, "icon: 1️⃣"),
    "an icon of seventeen letters": (ICON, "icon: abcdefghijklmnopq"),
    "an icon of sixteen emoji": (ICON, "icon: " + "🤝" * 16),
    "an icon of seventeen emoji": (ICON, "icon: " + "🤝" * 17),
    "an id with a capital": ("id: proef", "id: Proef"),
    "a version as text": ('version: "1.0"', 'version: "1.2.3"'),
    "a version with words": ('version: "1.0"', "version: een"),
    "minutes as words": ("minutes: 2", "minutes: twee"),
    "a language code": ("minutes: 2", "minutes: 2\nlanguages: [NL]"),
    "a misspelt field": ("audience: mbo", "audiense: mbo"),
}


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((CONTENT / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", list(SET_PROBES))
def test_the_editor_and_check_agree_on_each_probe(name):
    old, new = SET_PROBES[name]
    text = SET.replace(old, new, 1)
    assert text != SET

    refused_by_check = load_question_set(text, "set.yaml").question_set is None
    editor = list(validator("questionset.schema.json").iter_errors(parse_yaml(text, "set.yaml").data))

    assert refused_by_check == bool(editor), (name, [e.message for e in editor])


WORD_PROBES = {
    "the placeholders of nl.yaml": ("Stap {n} van {total}", True),
    "one placeholder left out": ("Stap {n} van {n}", False),
    "a placeholder of another name": ("Stap {n} van {toplam}", False),
    "an attribute": ("Stap {n.__class__} van {total}", False),
    "a width": ("Stap {n:>99} van {total}", False),
    "a brace written twice": ("Stap {n} van {total} {{ok}}", True),
    "a lone brace": ("Stap {n} van {total} {", False),
}


@pytest.mark.parametrize("name", list(WORD_PROBES))
def test_the_editor_and_check_agree_on_placeholders_in_interface_words(tmp_path, name):
    text, fine = WORD_PROBES[name]
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    path = folder / "interface" / "en.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace('step_of: "Step {n} of {total}"', f"step_of: {json.dumps(text)}"),
                    encoding="utf-8")

    errors = [p for p in check_paths([path], walk=False).problems if p.severity == "error"]
    editor = list(validator("interface.schema.json").iter_errors(parse_yaml(path.read_bytes(), "en").data))

    assert (errors == []) == (editor == []) == fine, (errors, [e.message for e in editor])


def patterns() -> list[tuple[str, str]]:
    found = []
    for name in ("questionset.schema.json", "interface.schema.json", "help.schema.json"):
        text = (CONTENT / name).read_text(encoding="utf-8")
        found += [(name, p) for p in sorted(set(re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', text)))]
    return [(name, json.loads(p)) for name, p in found]


SAMPLES = ["👩🏽‍👩🏽‍👧🏽‍👦🏽", "🤝" * 16, "🤝" * 17, "abc", "Stap {n} van {total}", "Stap {n} van {n}",
           "proef-1", "Proef", "1.2", "nl", "https://www.113.nl", "0800-0113", " 10 ", "{{ }}", ""]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_pattern_means_the_same_in_javascript_as_in_check():
    """The YAML language server runs patterns as JavaScript regular expressions (with or without
    their u flag); each must accept exactly what Python's re accepts."""
    cases = [(pattern, sample) for _, pattern in patterns() for sample in SAMPLES]
    script = """
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const out = cases.map(([p, s]) => [new RegExp(p).test(s), new RegExp(p, 'u').test(s)]);
    process.stdout.write(JSON.stringify(out));
    """
    done = subprocess.run(["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True,
                          timeout=120, check=True)
    javascript = json.loads(done.stdout)

    wrong = [(p, s, js) for (p, s), js in zip(cases, javascript, strict=True)
             if js != [bool(re.search(p, s))] * 2]
    assert wrong == []


@pytest.mark.parametrize("name", ["questionset.schema.json", "interface.schema.json", "help.schema.json"])
def test_no_pattern_is_shown_raw_in_the_editor(name):
    schema = json.loads((CONTENT / name).read_text(encoding="utf-8"))
    nodes, todo = [], [schema]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            nodes.append(node)
            todo += node.values()
        elif isinstance(node, list):
            todo += node
    with_pattern = [node for node in nodes if "pattern" in node and isinstance(node["pattern"], str)]
    assert with_pattern
    assert [n["pattern"] for n in with_pattern if not n.get("patternErrorMessage")] == []
