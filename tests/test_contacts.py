"""The help contacts a school keeps in content/help.yaml, and what `check` says about mistakes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO

from veerkracht.contacts import check_contacts, load_contacts, load_contacts_located
from veerkracht.contacts_lint import check_help, lint_contacts, phone_looks_right
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


def test_the_shipped_help_file_has_no_errors_and_reaches_crisis_school_and_outside_help():
    contacts, problems = load_contacts(REPO / "content")
    assert problems == []
    assert contacts is not None and contacts.at_school and contacts.outside_school
    assert [c.phone for c in contacts.crisis] == ["112", "0800-0113"], "crisis lines first: 112, then 113"
    callable_services = [c for c in contacts.outside_school if c.phone]
    assert len(callable_services) >= 5
    assert all(c.website for c in callable_services)


def test_the_shipped_lines_carry_the_facts_checked_in_december_2026():
    contacts, _ = load_contacts(REPO / "content")
    by_name = {resolve(c.name, "nl", "nl"): c for c in contacts.crisis + contacts.outside_school}
    assert "Sensoor" not in by_name, "Sensoor was renamed De Luisterlijn in 2018"
    assert all("sensoor" not in (c.website or "") for c in by_name.values())
    luisterlijn = by_name["De Luisterlijn"]
    assert (luisterlijn.phone, luisterlijn.website) == ("088 0767 000", "https://www.deluisterlijn.nl")
    kindertelefoon = by_name["De Kindertelefoon"]
    assert "8 en 18" in resolve(kindertelefoon.about, "nl", "nl")
    assert "11.00–21.00" in resolve(kindertelefoon.when, "nl", "nl")
    assert "18 en 24" in resolve(by_name["Alles Oké? Supportlijn"].about, "nl", "nl")
    assert "website" in resolve(by_name["Alles Oké? Supportlijn"].when, "nl", "nl"), "no invented hours"
    assert by_name["Fier"].phone == "088 20 80 000" and by_name["Fier"].website == "https://www.fier.nl"
    assert by_name["Centrum Seksueel Geweld"].phone == "0800-0188"
    assert all(c.languages and "nl" in c.languages for c in by_name.values() if c.phone)


def test_every_shipped_contact_is_dated_and_sourced_and_school_contacts_can_be_reached():
    contacts, _ = load_contacts(REPO / "content")
    for _, group in contacts.groups():
        for contact in group:
            assert contact.checked is not None and contact.source, resolve(contact.name, "nl", "nl")
    assert all(contact.reachable() for contact in contacts.at_school)


def test_the_shipped_file_warns_only_that_its_school_contacts_are_examples_to_replace():
    contacts, _, located = load_contacts_located(REPO / "content")
    warnings = lint_contacts(contacts, located, "content/help.yaml", today=date(2026, 12, 7))
    assert [(p.rule, p.field, p.severity) for p in warnings] == [
        ("VK305", f"at_school[{i}].example", "warning") for i in range(len(contacts.at_school))
    ]
    assert "eigen school" in warnings[0].message


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


def test_the_shipped_file_copied_elsewhere_still_checks_without_errors(tmp_path):
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


# --- Warnings: contacts that may no longer be true, or cannot be reached ------------------------

DATED = """\
urgent: {nl: Bel 112., en: Call 112.}
crisis:
  - name: "112"
    about: Direct gevaar.
    phone: "112"
    checked: 2026-11-01
    source: https://www.112.nl
at_school:
  - name: Je mentor
    about: Altijd welkom.
    room: Lokaal B1.12
    checked: 2026-11-01
    source: Navraag bij de mentoren
outside_school:
  - name: 113 Zelfmoordpreventie
    about: Praat erover.
    phone: 0800-0113
    website: https://www.113.nl
    checked: 2026-11-01
    source: https://www.113.nl
"""
TODAY = date(2026, 12, 7)


def _warnings(tmp_path: Path, text: str, today: date = TODAY) -> list:
    return check_help(_folder(tmp_path, text), today=today)


def test_a_dated_reachable_file_gives_no_warning(tmp_path):
    assert _warnings(tmp_path, DATED) == []


def test_a_contact_checked_more_than_a_year_ago_is_a_warning_on_its_date(tmp_path):
    text = DATED.replace("    checked: 2026-11-01\n    source: https://www.113.nl",
                         "    checked: 2025-11-30\n    source: https://www.113.nl")
    [old] = _warnings(tmp_path, text)
    assert (old.rule, old.field, old.line) == ("VK301", "outside_school[0].checked", 19)
    assert old.severity == "warning"
    assert "113 Zelfmoordpreventie" in old.message and "2025-11-30" in old.message
    assert "12 maanden" in old.message


def test_eleven_months_is_still_fresh_and_twelve_is_not(tmp_path):
    folder = _folder(tmp_path, DATED)
    assert check_help(folder, today=date(2027, 10, 31)) == []
    assert {p.rule for p in check_help(folder, today=date(2027, 11, 1))} == {"VK301"}


def test_a_school_contact_without_phone_room_hours_or_link_is_a_warning(tmp_path):
    [unreachable] = _warnings(tmp_path, DATED.replace("    room: Lokaal B1.12\n", ""))
    assert (unreachable.rule, unreachable.field, unreachable.line) == ("VK303", "at_school[0].name", 9)
    assert "Je mentor" in unreachable.message and "niet te bereiken" in unreachable.message


@pytest.mark.parametrize("reach", ["phone: 010-1234567", "when: Elke ochtend", "email: zorg@example.nl",
                                   "website: https://www.example.nl/zorg"])
def test_any_one_way_to_reach_a_school_contact_is_enough(tmp_path, reach):
    assert _warnings(tmp_path, DATED.replace("room: Lokaal B1.12", reach)) == []


def test_a_number_that_cannot_be_dialled_is_a_warning_on_its_line(tmp_path):
    [bad] = _warnings(tmp_path, DATED.replace("phone: 0800-0113", "phone: 0800-011"))
    assert (bad.rule, bad.field, bad.line) == ("VK304", "outside_school[0].phone", 17)
    assert "0800-011" in bad.message


@pytest.mark.parametrize("number", ["112", "0800-0113", "088 0767 000", "088 20 80 000", "0900-1450",
                                    "010-1234567", "+31 10 123 4567", "14 020"])
def test_real_dutch_numbers_look_right(number):
    assert phone_looks_right(number)


@pytest.mark.parametrize("number", ["0800-011", "010-123456", "12345", "+31 10 123 45", "0800-01134567890"])
def test_numbers_with_digits_missing_or_too_many_do_not(number):
    assert not phone_looks_right(number)


def test_an_older_help_file_without_dates_still_loads_and_says_what_to_add(tmp_path):
    folder = _folder(tmp_path, GOOD)
    contacts, problems = load_contacts(folder)
    assert problems == [] and contacts is not None, "a file from an earlier release keeps working"
    rules = [(p.rule, p.field) for p in check_help(folder, today=TODAY)]
    assert ("VK306", "urgent") in rules, "no crisis lines: the app shows 112 large by itself"
    assert ("VK301", "at_school[0].name") in rules and ("VK302", "outside_school[0].name") in rules
    assert all(p.severity == "warning" for p in check_help(folder, today=TODAY))


def test_a_date_that_is_no_date_is_an_error_in_plain_words(tmp_path):
    [problem] = check_contacts(_folder(tmp_path, DATED.replace("2026-11-01", "november", 1)))
    assert (problem.field, problem.line, problem.severity) == ("crisis[0].checked", 6, "error")
    assert "2026-12-07" in problem.message


# --- Nothing in help.yaml loads from elsewhere or links where it should not ---------------------

SMUGGLED = "https://a.nl/x)![t](http://192.0.2.1/p.png"


def test_a_picture_smuggled_into_a_website_is_refused_at_its_line(tmp_path):
    [problem] = check_contacts(_folder(tmp_path, DATED.replace("website: https://www.113.nl",
                                                                f"website: {SMUGGLED}")))
    assert (problem.field, problem.line, problem.severity) == ("outside_school[0].website", 18, "error")
    assert "haakjes" in problem.message


@pytest.mark.parametrize("about", [
    "Kijk ![hier](http://192.0.2.1/p.png)",
    "Bel ons <img src=http://192.0.2.1/p.png>",
    "Lees [dit](https://example.org) eerst",
    "Zie https://example.org",
    "Mail ons op zorg@example.nl",
])
def test_a_picture_html_or_link_in_a_contact_text_is_refused_with_its_language(tmp_path, about):
    text = DATED.replace("about: Altijd welkom.", f"about: {{nl: Altijd welkom., en: '{about}'}}")
    [problem] = check_contacts(_folder(tmp_path, text))
    assert (problem.field, problem.line) == ("at_school[0].about", 10)
    assert "'en'" in problem.message


def test_email_and_website_are_the_fields_for_addresses(tmp_path):
    text = DATED.replace("room: Lokaal B1.12", "email: zorg@example.nl")
    contacts, problems = load_contacts(_folder(tmp_path, text))
    assert problems == [] and contacts.at_school[0].email == "zorg@example.nl"
    (tmp_path / "content" / "help.yaml").write_text(text.replace("zorg@example.nl", "zorg at school"))
    [problem] = check_contacts(tmp_path / "content")
    assert problem.field == "at_school[0].email"
