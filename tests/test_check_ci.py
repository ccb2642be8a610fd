"""`check` fits an editor's habits and CI: annotations for GitHub, JSON, a quiet mode, rule codes on
every problem, paths that open from the working directory, Dutch usage errors, a pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EVERY_TYPE_SET, REPO, make_content

from veerkracht.__main__ import main
from veerkracht.checker import check_paths


def school(tmp_path: Path) -> Path:
    """A school's repository: schools/roc/content with one set that has an error and a warning."""
    folder = make_content(tmp_path / "schools" / "roc" / "content", EVERY_TYPE_SET)
    path = folder / "alle-vragen.yaml"
    text = path.read_text(encoding="utf-8").replace("minutes: 5", "minutes: vijf", 1)
    path.write_text(text, encoding="utf-8")
    return folder


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", "--snel", *args])
    return code, capsys.readouterr().out.splitlines()


def test_paths_open_from_the_working_directory(tmp_path, capsys, monkeypatch):
    school(tmp_path)
    monkeypatch.chdir(tmp_path)

    code, lines = run(capsys, "schools/roc/content")

    assert code == 1
    first = lines[0].split(":")[0]
    assert first == "schools/roc/content/alle-vragen.yaml"
    assert (tmp_path / first).is_file()


def test_github_format_puts_each_problem_on_its_line_in_the_pull_request(tmp_path, capsys, monkeypatch):
    school(tmp_path)
    monkeypatch.chdir(tmp_path)

    code, lines = run(capsys, "--format", "github", "schools/roc/content")

    assert code == 1
    [error] = [line for line in lines if line.startswith("::error ")]
    assert re.match(r"^::error file=schools/roc/content/alle-vragen\.yaml,line=\d+,col=\d+,title=VK004::"
                    r"minutes: Hier hoort een heel getal\.$", error), error
    assert lines[-1].endswith("in 8 bestanden") or "fout" in lines[-1]


def test_a_newline_in_a_message_cannot_start_a_second_annotation(tmp_path, capsys):
    from veerkracht.__main__ import github_line
    from veerkracht.content import Problem

    line = github_line(Problem("a,b:c.yaml", 1, 1, "x", "een\n::error::nep 100%", rule="VK004"))

    assert "\n" not in line and line.startswith("::error file=")
    assert "file=a%2Cb%3Ac.yaml" in line and "nep 100%25" in line


def test_json_format_is_one_document_with_every_problem_and_the_counts(tmp_path, capsys):
    folder = school(tmp_path)

    code, lines = run(capsys, "--format", "json", str(folder))

    found = json.loads("\n".join(lines))
    assert code == 1 and found["errors"] == 1
    [problem] = [p for p in found["problems"] if p["severity"] == "error"]
    assert (problem["field"], problem["rule"]) == ("minutes", "VK004")
    assert problem["file"] == f"{folder}/alle-vragen.yaml"


def test_quiet_shows_only_what_fails_and_no_summary(tmp_path, capsys):
    folder = school(tmp_path)
    clean = make_content(tmp_path / "clean", EVERY_TYPE_SET)

    code, lines = run(capsys, "--quiet", str(folder))
    assert code == 1 and len(lines) == 1 and "VK004" in lines[0]

    code, lines = run(capsys, "--quiet", str(clean))
    assert (code, lines) == (0, [])


def test_every_problem_has_a_rule_code(tmp_path):
    folder = school(tmp_path)
    (folder / "kapot.yaml").write_text("id: kapot\n\ttitle: x\n", encoding="utf-8")
    (folder / "interface" / "en.yaml").write_text("meta: [\n", encoding="utf-8")
    (folder / "help.yaml").unlink()

    problems = check_paths([folder, tmp_path / "nergens"], walk=False).problems

    assert len(problems) >= 5
    assert [str(p) for p in problems if not re.fullmatch(r"VK\d{3}", p.rule)] == []


@pytest.mark.parametrize(
    ("argv", "dutch"),
    [
        (["check", "--onbekend"], "onbekende opties: --onbekend"),
        (["check", "--format", "xml"], "bij --format: onbekende keuze 'xml'"),
        (["controleer"], "onbekende keuze 'controleer'"),
        ([], "dit moet erbij: opdracht"),
    ],
)
def test_usage_errors_are_in_dutch(capsys, argv, dutch):
    with pytest.raises(SystemExit) as stopped:
        main(argv)

    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert dutch in err and "gebruik:" in err
    assert "usage" not in err and "invalid" not in err and "unrecognized" not in err


def test_a_schema_line_that_points_nowhere_is_an_error_that_gives_the_right_line(tmp_path):
    folder = school(tmp_path)
    copy = folder / "kopie.yaml"
    text = (REPO / "content" / "templates" / "sjabloon.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("id: ", "id: kopie-", 1), encoding="utf-8")  # copied, schema line not fixed

    [problem] = [p for p in check_paths([copy], walk=False).problems if p.rule == "VK007"]

    assert (problem.line, problem.severity) == (1, "error")
    assert "../questionset.schema.json" in problem.message
    assert "# yaml-language-server: $schema=questionset.schema.json" in problem.message


def test_the_pre_commit_hook_checks_the_files_of_a_commit(tmp_path):
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    folder = school(tmp_path)
    files = [path for path in sorted(folder.rglob("*")) if re.search(hook["files"], path.name)]
    files = [path for path in files if not re.search(hook["exclude"], str(path.relative_to(tmp_path)))]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = shlex.split(hook["entry"])
    assert shutil.which(command[0], path=env["PATH"])

    broken = subprocess.run([*command, *map(str, files)], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=240, check=False)
    clean = shutil.copy(REPO / "content" / "terugkeer.yaml", folder / "terugkeer.yaml")
    fixed = subprocess.run([*command, str(clean)], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=240, check=False)

    assert broken.returncode == 1 and "alle-vragen.yaml" in broken.stdout and "VK004" in broken.stdout
    assert fixed.returncode == 0, fixed.stdout


def test_every_rule_code_is_listed_in_the_readme():
    from veerkracht.interface import FORMAT_RULES
    from veerkracht.messages import RULE_KEYS

    readme = (REPO / "README.md").read_text(encoding="utf-8")

    assert [rule for rule in [*RULE_KEYS, *FORMAT_RULES.values()] if f"| {rule} |" not in readme] == []
