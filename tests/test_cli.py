"""`python -m veerkracht check` and `schema`: what a school's editor sees and what CI relies on."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from veerkracht.__main__ import main
from veerkracht.interface import UNTRANSLATED_RULE
from veerkracht.languages import NOT_OFFERED_RULE
from veerkracht.lint import RULES
from veerkracht.schemas import SCHEMAS

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>\S+): (?P<message>.+) \[(?P<rule>VK\d{3})\]$"
)

GOOD_SET = """\
id: {id}
version: "1"
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
        text: {question}
        options:
          - {{id: helpen, icon: 🤝, label: Anderen helpen}}
          - {{id: koken, icon: 🍳, label: Koken}}
"""


def write_set(folder: Path, name: str, set_id: str = "proef", question: str = "Waar ben je goed in?") -> Path:
    path = folder / name
    path.write_text(GOOD_SET.format(id=set_id, question=question), encoding="utf-8")
    return path


def run_check(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", *args])
    return code, capsys.readouterr().out.splitlines()


def test_a_clean_folder_passes_with_a_dutch_summary(tmp_path, capsys):
    write_set(tmp_path, "a.yaml")
    write_set(tmp_path, "b.yaml", set_id="tweede")

    code, lines = run_check(capsys, str(tmp_path))

    assert code == 0
    assert lines == ["0 fouten, 0 waarschuwingen in 2 bestanden"]


def test_errors_are_printed_as_file_line_column_field_message_and_fail(tmp_path, capsys):
    write_set(tmp_path, "goed.yaml")
    broken = write_set(tmp_path, "kapot.yaml", set_id="kapot")
    broken.write_text(broken.read_text().replace("minutes: 2", "minutes: tien"), encoding="utf-8")

    code, lines = run_check(capsys, str(tmp_path))

    assert code == 1
    problem = LINE.match(lines[0])
    assert problem, lines[0]
    assert problem["file"].endswith("kapot.yaml")
    assert (problem["line"], problem["column"], problem["field"]) == ("6", "1", "minutes")
    assert problem["message"] == "Hier hoort een heel getal."
    assert lines[-1] == "1 fout, 0 waarschuwingen in 2 bestanden"


def test_problems_are_sorted_by_file_then_line(tmp_path, capsys):
    for name in ("b.yaml", "a.yaml"):
        path = write_set(tmp_path, name, set_id=name[0])
        text = path.read_text().replace("minutes: 2", "minutes: tien").replace("kind: individual", "kind: x")
        path.write_text(text, encoding="utf-8")

    _, lines = run_check(capsys, str(tmp_path))

    located = [LINE.match(line) for line in lines[:-1]]
    assert [(Path(m["file"]).name, int(m["line"])) for m in located] == [
        ("a.yaml", 6), ("a.yaml", 9), ("b.yaml", 6), ("b.yaml", 9)
    ]


def test_warnings_pass_unless_strict(tmp_path, capsys):
    write_set(tmp_path, "set.yaml", question="Wat wil je later worden?")

    code, lines = run_check(capsys, str(tmp_path))
    strict_code, strict_lines = run_check(capsys, "--strict", str(tmp_path))

    assert code == 0
    assert strict_code == 1
    assert lines == strict_lines
    assert "waarschuwing:" in lines[0] and lines[0].endswith("[VK104]")
    assert lines[-1] == "0 fouten, 1 waarschuwing in 1 bestand"


def test_a_single_file_can_be_checked(tmp_path, capsys):
    path = write_set(tmp_path, "los.yaml", question="Wat is je zwakte?")

    code, lines = run_check(capsys, str(path))

    assert code == 0
    assert "[VK105]" in lines[0]
    assert lines[-1] == "0 fouten, 1 waarschuwing in 1 bestand"


def test_a_path_that_does_not_exist_is_an_error(tmp_path, capsys):
    code, lines = run_check(capsys, str(tmp_path / "weg"))

    assert code == 1
    assert "bestaat niet" in lines[0]


def test_two_sets_with_one_id_in_a_folder_are_an_error(tmp_path, capsys):
    write_set(tmp_path, "a.yaml")
    write_set(tmp_path, "b.yaml")

    code, lines = run_check(capsys, str(tmp_path))

    assert code == 1
    assert lines[0].endswith("a.yaml:1:1: id: De id 'proef' heeft ook de set in "
                             f"{tmp_path.name}/b.yaml. Geef elke set een eigen id. [VK005]")
    assert lines[1].endswith("b.yaml:1:1: id: De id 'proef' heeft ook de set in "
                             f"{tmp_path.name}/a.yaml. Geef elke set een eigen id. [VK005]")


def test_two_sets_with_one_id_given_as_separate_files_are_an_error(tmp_path, capsys):
    (tmp_path / "een").mkdir()
    (tmp_path / "twee").mkdir()
    first = write_set(tmp_path / "een", "set.yaml")
    second = write_set(tmp_path / "twee", "set.yaml")

    code, lines = run_check(capsys, str(first), str(second))

    assert code == 1
    assert "twee" in lines[0] and "'proef'" in lines[0]


def test_templates_in_a_folder_are_checked_too(tmp_path, capsys):
    write_set(tmp_path, "set.yaml")
    (tmp_path / "templates").mkdir()
    write_set(tmp_path / "templates", "sjabloon.yaml", set_id="sjabloon", question="Wat is je probleem?")

    _, lines = run_check(capsys, str(tmp_path))

    assert "templates/sjabloon.yaml" in lines[0] and "[VK105]" in lines[0]
    assert lines[-1].endswith("in 2 bestanden")


def test_the_shipped_content_passes_the_strict_check_but_for_its_example_school_contacts(capsys):
    code, lines = run_check(capsys, "--strict", str(CONTENT))

    warnings = [line for line in lines if ": waarschuwing: " in line]
    assert lines[-1].startswith(f"0 fouten, {len(warnings)} waarschuwingen"), "\n".join(lines)
    assert warnings and all("content/help.yaml:" in w and w.endswith("[VK305]") for w in warnings)
    assert code == 1, "a school sees it must fill in its own contacts before it goes live"


def test_check_without_a_path_checks_the_content_folder(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)

    code, lines = run_check(capsys)

    assert code == 0
    count = int(lines[-1].rsplit(" in ", 1)[1].split()[0])
    assert count >= len(list(CONTENT.glob("*.yaml")))


def test_the_module_runs_as_a_command(tmp_path):
    path = write_set(tmp_path, "set.yaml", question="Wat wil je later worden?")

    result = subprocess.run(
        [sys.executable, "-m", "veerkracht", "check", "--strict", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )

    assert result.returncode == 1
    assert "VK104" in result.stdout
    assert result.stderr == ""


def test_an_unknown_command_gets_dutch_help(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["controleer"])

    assert stopped.value.code == 2
    assert "check" in capsys.readouterr().err


def test_the_committed_schemas_are_up_to_date(tmp_path, capsys):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT / "interface", folder / "interface")

    assert main(["schema", "--map", str(folder)]) == 0

    for name in SCHEMAS:
        committed = (CONTENT / name).read_text(encoding="utf-8")
        assert (folder / name).read_text(encoding="utf-8") == committed, (
            f"content/{name} is out of date: run `.venv/bin/python -m veerkracht schema`"
        )


def test_the_schema_describes_question_types_for_editors(tmp_path, capsys):
    main(["schema", "--map", str(tmp_path)])
    schema = json.loads((tmp_path / "questionset.schema.json").read_text(encoding="utf-8"))

    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "Veerkracht vragenset"
    assert {"id", "version", "title", "steps"} <= set(schema["required"])
    assert {"ChoiceQuestion", "PlanQuestion", "PeopleQuestion"} <= set(schema["$defs"])


def test_every_lint_rule_is_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    rules = [*RULES, UNTRANSLATED_RULE, NOT_OFFERED_RULE]
    assert [rule for rule in rules if f"| {rule} |" not in readme] == []


def test_an_editor_using_the_schema_accepts_the_shipped_sets_and_underlines_a_typo():
    schema = json.loads((CONTENT / "questionset.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    shipped = [p for p in CONTENT.glob("*.yaml") if p.name != "help.yaml"]
    shipped += list((CONTENT / "templates").glob("*.yaml"))

    for path in shipped:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name

    data["steps"][0]["titel"] = "Welkom"
    assert list(validator.iter_errors(data)) != []
