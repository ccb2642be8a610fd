"""The guides name real things: every command, setting, file, link, field and rule they mention exists.

When the app changes and a guide does not, one of these tests fails and says what to fix.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import streamlit.web.cli as streamlit_cli
import yaml
from streamlit import config as streamlit_config

from veerkracht.__main__ import build_parser
from veerkracht.contacts import Contact, HelpContacts
from veerkracht.content import load_question_set
from veerkracht.interface import load_words
from veerkracht.lint import RULES, lint_set
from veerkracht.model import QuestionSet, Step
from veerkracht.questions import QUESTION_TYPES, QuestionBase
from veerkracht.questions.base import Option
from veerkracht.questions.scale import ScaleStep
from veerkracht.settings import load_settings
from veerkracht.ui.preview import PAGE_PARAM, PAGE_VALUE

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDES = {name: DOCS / name for name in ("content-guide.md", "coach.md", "deploy.md")}
MARKDOWN = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]
CONTENT_GUIDE = GUIDES["content-guide.md"].read_text(encoding="utf-8")
DEPLOY_GUIDE = GUIDES["deploy.md"].read_text(encoding="utf-8")
COACH_GUIDE = GUIDES["coach.md"].read_text(encoding="utf-8")
# Files a guide tells the reader to make: they do not exist until then, but their folder does.
FILES_TO_MAKE = {"content/mijn-school.yaml", "content/interface/tr.yaml"}
# Labels the coach guide sends a coach looking for, by interface word.
COACH_LABELS = [
    "start.who", "start.mode_coach", "start.mode_self", "coach.panel", "help.button", "nav.jump",
    "button.back", "button.next", "start.continue", "end.compare", "map.download_pdf",
    "map.download_session", "map.download_praatplaat",
]
STREAMLIT_SECTIONS = ("server", "browser", "client", "runner", "logger", "theme")
CONFIG_KEY = re.compile(rf"(?<![\w/.])(?:{'|'.join(STREAMLIT_SECTIONS)})\.[a-z][A-Za-z]+\b")
ENV_VAR = re.compile(r"\b(?:VEERKRACHT|STREAMLIT)_[A-Z_]+\b")


def every_markdown_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in MARKDOWN)


def shell_lines(text: str) -> list[str]:
    """Lines of code blocks and inline code, where commands are written."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return [line.split(" #")[0].strip() for block in blocks for line in block.splitlines()] + inline


def test_every_veerkracht_command_in_the_guides_is_accepted_by_the_command_line():
    parser = build_parser()
    commands = {
        match.group(1).strip()
        for line in shell_lines(every_markdown_text())
        if (match := re.search(r"(?:python3? -m |^)veerkracht (\w[^|;&]*)", line))
    }
    assert {c.split()[0] for c in commands} >= {"check", "schema"}
    for command in sorted(commands):
        try:
            parser.parse_args(command.split())
        except SystemExit:
            pytest.fail(f"the guides name a command the app does not have: veerkracht {command}")


def test_every_make_target_in_the_guides_is_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    named = {m for line in shell_lines(every_markdown_text()) for m in re.findall(r"\bmake (\w[\w-]*)", line)}
    assert named >= {"run", "test", "check"}
    assert named <= targets, f"not in the Makefile: {sorted(named - targets)}"


def test_every_streamlit_command_in_the_guides_exists():
    named = {
        tuple(m.split())
        for line in shell_lines(every_markdown_text())
        for m in re.findall(r"\bstreamlit ((?:run|config|\w+)(?: show)?)\b", line)
    }
    assert ("run",) in named
    for words in named:
        group = streamlit_cli.main
        for word in words:
            assert word in group.commands, f"streamlit {' '.join(words)}"
            group = group.commands[word]


DOCUMENTED_SETTINGS = sorted(set(re.findall(r"\bVEERKRACHT_[A-Z_]+\b", every_markdown_text())))


SWITCHES = {"VEERKRACHT_TEST_PAGE": "aan"}  # settings that are on or off, not a number or a folder


@pytest.mark.parametrize("variable", DOCUMENTED_SETTINGS)
def test_every_veerkracht_setting_in_the_guides_changes_what_the_app_uses(variable):
    value = SWITCHES.get(variable, "7")
    assert load_settings({variable: value}) != load_settings({}), f"{variable} is not read by the app"


def test_the_deploy_guide_lists_every_setting_the_app_reads():
    read = set(re.findall(r"\bVEERKRACHT_[A-Z_]+\b", (ROOT / "veerkracht" / "settings.py").read_text()))
    assert read, "the app reads no settings at all?"
    missing = sorted(name for name in read if f"`{name}`" not in DEPLOY_GUIDE)
    assert not missing, f"docs/deploy.md does not explain: {missing}"


def test_every_streamlit_setting_in_the_docs_is_a_real_option():
    options = streamlit_config.get_config_options()
    env_vars = {option.env_var for option in options.values()}
    text = every_markdown_text()
    keys = set(CONFIG_KEY.findall(text))
    assert {"server.baseUrlPath", "server.maxUploadSize", "server.port"} <= keys
    assert not sorted(keys - set(options)), "unknown Streamlit options"
    named_vars = {v for v in ENV_VAR.findall(text) if v.startswith("STREAMLIT_")}
    assert not sorted(named_vars - env_vars), "unknown Streamlit environment variables"


def deploy_settings_rows() -> list[list[str]]:
    section = DEPLOY_GUIDE.split("## 4. Alle instellingen")[1].split("\n## ")[0]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and "`" in line
    ]


def test_each_settings_row_pairs_a_config_key_with_its_own_environment_variable():
    options = streamlit_config.get_config_options()
    rows = [row for row in deploy_settings_rows() if CONFIG_KEY.search(row[1])]
    assert len(rows) >= 4
    for _, key_cell, env_cell, _ in rows:
        key = CONFIG_KEY.search(key_cell).group(0)
        assert f"`{options[key].env_var}`" == env_cell, key


def test_the_defaults_in_the_settings_table_are_the_shipped_ones():
    shipped = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    checked = 0
    for _, key_cell, _, default_cell in deploy_settings_rows():
        match = CONFIG_KEY.search(key_cell)
        if not match:
            continue
        section, name = match.group(0).split(".")
        if name in shipped.get(section, {}):
            value = shipped[section][name]
            written = str(value).lower() if isinstance(value, bool) else str(value)
            assert default_cell.startswith(f"`{written}`"), f"{match.group(0)}: shipped {written}"
            checked += 1
    assert checked >= 5


def repo_paths(text: str) -> set[str]:
    found = set(re.findall(r"(?<![\w/.-])((?:content|docs|veerkracht|tests|\.streamlit)/[\w./-]*\w)", text))
    return {path for path in found if "<" not in path}


@pytest.mark.parametrize("path", sorted({p for doc in MARKDOWN for p in repo_paths(doc.read_text())}))
def test_every_file_the_docs_name_exists(path):
    if path in FILES_TO_MAKE:
        assert (ROOT / path).parent.is_dir(), path
    else:
        assert (ROOT / path).exists(), f"named in the docs but missing: {path}"


@pytest.mark.parametrize("doc", MARKDOWN, ids=lambda p: p.name)
def test_every_relative_link_in_the_docs_leads_to_a_file(doc):
    links = re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8"))
    local = [link.split("#")[0] for link in links if not re.match(r"^(https?:|mailto:|tel:|#)", link)]
    missing = [link for link in local if not (doc.parent / link).exists()]
    assert not missing, f"{doc.name} links to files that do not exist: {missing}"


def test_the_readme_links_all_three_guides_in_its_first_screen():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:15])
    for name in GUIDES:
        assert f"(docs/{name})" in first_screen, name


# --- The content guide: every field and every rule ---------------------------------------


def guide_table(heading: str) -> dict[str, str]:
    """Field name → 'ja'/'nee' from the table under a heading of the content guide."""
    section = CONTENT_GUIDE.split(f"\n### {heading}\n")[1].split("\n### ")[0].split("\n## ")[0]
    return dict(re.findall(r"^\| `(\w+)` \| (ja|nee) \|", section, re.M))


def own_fields(model: type) -> dict[str, bool]:
    return {name: info.is_required() for name, info in model.model_fields.items()}


SECTIONS = {
    "De hele set": own_fields(QuestionSet),
    "Een stap": own_fields(Step),
    "Elke vraag": own_fields(QuestionBase) | {"type": True},
    "Een keuze": own_fields(Option),
    "Een gezichtje": own_fields(ScaleStep),
    "Hulpcontacten: `content/help.yaml`": own_fields(HelpContacts),
    "Eén hulpcontact": own_fields(Contact),
} | {
    next(h for h in re.findall(r"^### (.+)$", CONTENT_GUIDE, re.M) if h.startswith(f"Vraagtype `{name}`")): {
        field: required
        for field, required in own_fields(model).items()
        if field not in QuestionBase.model_fields and field != "type"
    }
    for name, model in QUESTION_TYPES.items()
}


@pytest.mark.parametrize("heading", sorted(SECTIONS))
def test_the_content_guide_explains_every_field_and_whether_it_is_needed(heading):
    table = guide_table(heading)
    expected = {field: "ja" if required else "nee" for field, required in SECTIONS[heading].items()}
    assert table == expected


RULE_SET = """\
id: voorbeeld
version: "1"
title: {title}
description: {description}
audience: {audience}
minutes: 5
languages: {languages}
steps:
  - id: stap
    kind: individual
    title: {step}
    questions:
{question}"""


def rule_examples(rule: str) -> tuple[str, str]:
    section = CONTENT_GUIDE.split(f"\n### {rule}:")[1].split("\n### ")[0].split("\n---")[0]
    weaker = re.search(r"Zwakker:\s*```yaml\n(.*?)```", section, re.S)
    better = re.search(r"Beter:\s*```yaml\n(.*?)```", section, re.S)
    assert weaker and better, f"{rule} needs a weaker and a better example in the content guide"
    return weaker.group(1), better.group(1)


def lint_example(rule: str, question: str) -> list[str]:
    # Only the translation rule needs a second language; then the set's own texts have both.
    two = rule == "VK107"
    texts = {
        "title": "{nl: Voorbeeld, en: Example}" if two else "Voorbeeld",
        "description": "{nl: Om te proberen., en: To try.}" if two else "Om te proberen.",
        "audience": "{nl: mbo, en: mbo}" if two else "mbo",
        "step": "{nl: Ik zelf, en: Me}" if two else "Ik zelf",
        "languages": "[nl, en]" if two else "[nl]",
    }
    if question.startswith("minutes:"):  # VK110: the whole set after its first fields
        text = RULE_SET.format(question="", **texts).split("minutes: 5\n")[0] + question
    elif "\n  kind:" in question:  # VK108: a step
        text = RULE_SET.format(question="", **texts).split("steps:\n")[0] + "steps:\n" + "".join(
            f"  {line}\n" for line in question.splitlines()
        )
    else:
        indented = "".join(f"      {line}\n" for line in question.splitlines())
        text = RULE_SET.format(question=indented, **texts)
    loaded = load_question_set(text, "voorbeeld.yaml")
    assert loaded.question_set is not None, [str(p) for p in loaded.problems]
    found = [problem.rule for problem in lint_set(loaded)]
    # A single question or step is shorter than any set: only VK110's own example is about minutes.
    return found if rule == "VK110" else [r for r in found if r != "VK110"]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_has_a_weaker_question_that_it_warns_about_and_a_better_one_it_does_not(rule):
    weaker, better = rule_examples(rule)
    assert rule in lint_example(rule, weaker)
    assert lint_example(rule, better) == []


def test_the_yaml_quoting_example_in_the_content_guide_is_right():
    block = CONTENT_GUIDE.split("### Let op: soms zijn aanhalingstekens nodig")[1].split("```yaml\n")[1]
    parts = re.split(r"\n# [^\n]*\n", "\n" + block.split("```")[0])[1:]
    wrong, right, also_right = (part.strip() for part in parts)
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(wrong)
    assert yaml.safe_load(right) == yaml.safe_load(also_right) == {
        "text": {"nl": "Hoi, hoe gaat het?", "en": "How are you?"}
    }


def test_the_content_guide_shows_the_way_to_the_test_page_as_the_app_has_it():
    words = load_words(ROOT / "content", "nl")
    assert f"`?{PAGE_PARAM}={PAGE_VALUE}`" in CONTENT_GUIDE
    assert f"**{words('preview.title')}**" in CONTENT_GUIDE
    assert "`VEERKRACHT_TEST_PAGE=aan`" in CONTENT_GUIDE


@pytest.mark.parametrize("key", COACH_LABELS)
def test_the_coach_guide_uses_the_labels_the_coach_sees(key):
    assert f"**{load_words(ROOT / 'content', 'nl')(key)}**" in COACH_GUIDE
