"""The help contacts a school keeps in content/help.yaml, and what `check` says about mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO

from veerkracht.contacts import check_contacts, load_contacts
from veerkracht.text import resolve


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "help.yaml").write_text(text, encoding="utf-8")
    return folder


GOOD = """\
urgent: {nl: Bel 112., en: Call 112.}
at_school:
  - name: Je mentor
    about: Altijd welkom.
outside_school:
  - name: 113 Zelfmoordpreventie
    about: Praat erover.
    phone: 0800-0113
    website: https://www.113.nl
"""


def test_the_shipped_help_file_has_no_problems_and_reaches_school_and_outside_help():
    contacts, problems = load_contacts(REPO / "content")
    assert problems == []
    assert contacts is not None and contacts.at_school and contacts.outside_school
    callable_services = [c for c in contacts.outside_school if c.phone]
    assert len(callable_services) >= 5
    assert all(c.website for c in callable_services)
    phones = {c.phone for c in contacts.outside_school}
    assert {"0800-0113", "0800-0432"} <= phones


def test_every_shipped_contact_reads_in_dutch_and_english():
    contacts, _ = load_contacts(REPO / "content")
    for contact in contacts.at_school + contacts.outside_school:
        for lang in ("nl", "en"):
            assert resolve(contact.about, lang, "nl").strip()
    assert resolve(contacts.urgent, "en", "nl") != resolve(contacts.urgent, "nl", "nl")


def test_a_good_file_loads(tmp_path):
    contacts, problems = load_contacts(_folder(tmp_path, GOOD))
    assert problems == []
    assert contacts.outside_school[0].phone == "0800-0113"


def test_a_wrong_phone_and_website_are_reported_with_line_field_and_plain_words_at_once(tmp_path):
    text = GOOD.replace("0800-0113", "bel ons").replace("https://www.113.nl", "www.113.nl")
    problems = check_contacts(_folder(tmp_path, text))
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"outside_school[0].phone", "outside_school[0].website"}
    assert by_field["outside_school[0].phone"].line == 8
    assert "0800-0113" in by_field["outside_school[0].phone"].message
    assert "https://" in by_field["outside_school[0].website"].message
    assert all(p.file == "content/help.yaml" for p in problems)


def test_a_missing_urgent_line_and_a_typo_in_a_field_name_are_both_reported(tmp_path):
    text = GOOD.replace("urgent: {nl: Bel 112., en: Call 112.}\n", "")
    text = text.replace("about: Altijd", "abut: Altijd")
    problems = check_contacts(_folder(tmp_path, text))
    fields = {p.field for p in problems}
    assert "urgent" in fields
    assert "at_school[0].abut" in fields


def test_a_missing_help_file_is_reported(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    contacts, problems = load_contacts(folder)
    assert contacts is None
    assert len(problems) == 1 and problems[0].file.endswith("help.yaml")


def test_broken_yaml_in_the_help_file_is_reported_not_raised(tmp_path):
    problems = check_contacts(_folder(tmp_path, "urgent: [niet dicht\n"))
    assert len(problems) == 1
    assert problems[0].file == "content/help.yaml"


def test_the_shipped_file_copied_elsewhere_still_checks_clean(tmp_path):
    folder = tmp_path / "school"
    folder.mkdir()
    shutil.copy(REPO / "content" / "help.yaml", folder / "help.yaml")
    assert check_contacts(folder) == []


def test_every_control_character_in_the_help_file_is_reported_at_its_own_line(tmp_path):
    text = GOOD.replace("Bel 112.", "Bel\x01 112.").replace("Altijd", "Altijd\x02")
    text = text.replace("Praat erover.", "Praat\x07 erover.")
    problems = check_contacts(_folder(tmp_path, text))

    assert [(p.line, p.field) for p in problems] == [
        (1, "urgent.nl"), (4, "at_school[0].about"), (7, "outside_school[0].about"),
    ]
    assert ["U+0001" in problems[0].message, "U+0002" in problems[1].message,
            "U+0007" in problems[2].message] == [True, True, True]
