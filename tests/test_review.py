"""A translation records how far it is; `check` names every draft without failing on it."""

from pathlib import Path

from veerkracht.__main__ import main
from veerkracht.content import load_question_set
from veerkracht.review import DRAFT_RULE

SET = """\
id: proef
version: "1"
title: {{nl: Proef, en: Trial}}
description: {{nl: "Een set om te testen.", en: "A set to test."}}
audience: {{nl: mbo, en: mbo}}
minutes: 2
languages: [nl, en]
{review}
steps:
  - id: stap
    kind: individual
    title: {{nl: Ik zelf, en: Me}}
    questions:
      - id: vraag
        type: cards
        text: {{nl: "Waar ben je goed in?", en: "What are you good at?"}}
        options:
          - {{id: helpen, icon: 🤝, label: {{nl: Anderen helpen, en: Helping others}}}}
          - {{id: koken, icon: 🍳, label: {{nl: Koken, en: Cooking}}}}
"""
DRAFT = 'review:\n  en: {state: draft, by: "vertaler, concept", date: "2026-12-07"}'
REVIEWED = 'review:\n  en: {state: reviewed, by: "docent Engels, moedertaal", date: "2026-12-07"}'


def check(capsys, folder: Path, *flags: str) -> tuple[int, list[str]]:
    code = main(["check", "--snel", *flags, str(folder)])
    return code, capsys.readouterr().out.splitlines()


def test_a_draft_translation_is_named_with_its_rule_and_who_checked_it(tmp_path, capsys):
    (tmp_path / "proef.yaml").write_text(SET.format(review=DRAFT), encoding="utf-8")

    code, lines = check(capsys, tmp_path, "--strict")

    notes = [line for line in lines if f"[{DRAFT_RULE}]" in line]
    assert len(notes) == 1
    assert f"{tmp_path.name}/proef.yaml:9:3: review.en: let op: " in notes[0]
    assert "en" in notes[0] and "vertaler, concept" in notes[0] and "moedertaal" in notes[0]
    assert code == 0  # a draft still works: strict does not fail on it
    assert lines[-1] == "0 fouten, 0 waarschuwingen, 1 opmerking (let op) in 1 bestand"  # counted too


def test_a_reviewed_translation_and_a_set_without_review_say_nothing(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(SET.format(review=REVIEWED), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SET.format(review="").replace("id: proef", "id: tweede"),
                                     encoding="utf-8")

    code, lines = check(capsys, tmp_path, "--strict")

    assert [line for line in lines if DRAFT_RULE in line] == []
    assert code == 0


def test_a_wrong_state_or_date_is_an_error_in_plain_words():
    wrong = 'review:\n  en: {state: klaar, by: "vertaler", date: "7 december"}'

    loaded = load_question_set(SET.format(review=wrong), "proef.yaml")

    found = {p.field: p.message for p in loaded.problems}
    assert loaded.question_set is None
    assert "draft" in found["review.en.state"] and "reviewed" in found["review.en.state"]
    assert "jaar-maand-dag" in found["review.en.date"]


def test_the_readme_lists_the_rule_beside_the_others():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

    assert f"| {DRAFT_RULE} |" in readme
