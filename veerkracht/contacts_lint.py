"""Warnings about help contacts that may no longer be true, or that a student cannot reach.

A number that changed, a school contact without a room or hours, a line whose hours nobody checked
this year: the file is valid, yet a student in a hard moment gets the wrong help. Like the rules in
lint.py these are warnings (`check --strict` fails on them), each with a rule code and its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path as FilePath

from veerkracht.contacts import Contact, HelpContacts, help_display, load_contacts_located
from veerkracht.content import Located, Problem, field_name
from veerkracht.messages import message
from veerkracht.questions.base import Path
from veerkracht.text import resolve

MAX_MONTHS_SINCE_CHECK = 12

RULES: dict[str, str] = {
    "VK301": f"Elk hulpcontact is de laatste {MAX_MONTHS_SINCE_CHECK} maanden nagekeken: 'checked' "
    "heeft een datum van dit jaar.",
    "VK302": "Bij elk hulpcontact staat waar het is nagekeken ('source').",
    "VK303": "Een contact op school is te bereiken: het heeft een telefoonnummer, een lokaal ('room'), "
    "tijden ('when'), een website of een e-mailadres.",
    "VK304": "Een telefoonnummer is een nummer dat je kunt bellen: 112, 10 cijfers (010-1234567), "
    "0800 of 0900 met 4 tot 7 cijfers, of + en een landcode.",
    "VK305": "Een voorbeeldcontact (example: true) is vervangen door een echt contact van de school.",
    "VK306": "help.yaml heeft 'crisis': 112 en 113 staan bovenaan, groot om op te tikken.",
}

# Dutch numbers by how they start: the number of digits they have (after taking out - and spaces).
_FREE_OR_PAID = re.compile(r"^09(?:00|06|09)|^0800")
_MUNICIPALITY = re.compile(r"^14\d{3,4}$")


def phone_looks_right(phone: str) -> bool:
    """Whether a phone number has the length its kind of number has in the Netherlands."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+"):
        return len(digits) == 11 if digits.startswith("31") else 8 <= len(digits) <= 15
    if digits in ("112", "113"):
        return True
    if _FREE_OR_PAID.match(digits):
        return 8 <= len(digits) <= 11
    if _MUNICIPALITY.match(digits):
        return True
    return digits.startswith("0") and len(digits) == 10


def months_between(earlier: date, later: date) -> int:
    """Whole months from one date to a later one (a month ends on the same day number)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def check_help(content_dir: FilePath, today: date | None = None) -> list[Problem]:
    """Every error and warning in a content folder's help.yaml, as `check` reports them."""
    contacts, problems, located = load_contacts_located(content_dir)
    return problems + lint_contacts(contacts, located, help_display(content_dir), today)


def lint_contacts(
    contacts: HelpContacts | None, located: Located | None, file: str, today: date | None = None
) -> list[Problem]:
    """Every warning about the contacts in one help.yaml, by line."""
    if contacts is None or located is None:
        return []
    today = today or date.today()
    found: list[tuple[Path, str, str]] = []  # (where, rule, message)
    if not contacts.crisis:
        found.append((("urgent",), "VK306", message("VK306", "nl")))
    for path, contact in _contacts(contacts):
        name = resolve(contact.name, "nl", "nl")
        found += _dated(path, contact, name, today)
        if path[0] == "at_school" and not contact.reachable():
            found.append((path + ("name",), "VK303", message("VK303", "nl", name=name)))
        if contact.phone is not None and not phone_looks_right(contact.phone):
            found.append((path + ("phone",), "VK304", message("VK304", "nl", phone=contact.phone)))
        if contact.example:
            found.append((path + ("example",), "VK305", message("VK305", "nl", name=name)))
    problems = [
        Problem(file, *located.locate(path), field_name(path), text, severity="warning", rule=rule)
        for path, rule, text in found
    ]
    return sorted(problems, key=lambda p: (p.line, p.column, p.rule))


def _contacts(contacts: HelpContacts) -> Iterator[tuple[Path, Contact]]:
    for group, members in contacts.groups():
        for index, contact in enumerate(members):
            yield (group, index), contact


def _dated(path: Path, contact: Contact, name: str, today: date) -> list[tuple[Path, str, str]]:
    """VK301 and VK302: when and where a contact was last checked."""
    found: list[tuple[Path, str, str]] = []
    if contact.checked is None:
        found.append((path + ("name",), "VK301", message("VK301_never", "nl", name=name)))
    elif contact.checked > today:
        found.append((path + ("checked",), "VK301",
                      message("VK301_future", "nl", name=name, when=contact.checked.isoformat())))
    elif months_between(contact.checked, today) >= MAX_MONTHS_SINCE_CHECK:
        found.append((path + ("checked",), "VK301", message(
            "VK301", "nl", name=name, when=contact.checked.isoformat(),
            months=months_between(contact.checked, today))))
    if contact.source is None:
        found.append((path + ("name",), "VK302", message("VK302", "nl", name=name)))
    return found
