"""Where a student can turn for help: contacts a school keeps in content/help.yaml.

"Hulp nodig?" shows them on every screen, whatever the student answers.
"""

from __future__ import annotations

import re
from pathlib import Path as FilePath
from typing import Annotated

from pydantic import AfterValidator, Field

from veerkracht.content import (
    HELP_FILE,
    ContentError,
    Located,
    Problem,
    parse_yaml,
    validate_located,
)
from veerkracht.messages import message
from veerkracht.questions.base import Icon, StrictModel
from veerkracht.text import LocalText

SCHEMA_FILE = "help.schema.json"

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{1,18}[0-9]$")
WEBSITE = re.compile(r"^https://[^\s/]+\.[^\s]+$")


def _phone(value: str) -> str:
    if not PHONE.match(value):
        raise ValueError(message("phone_form", "nl"))
    return value


def _website(value: str) -> str:
    if not WEBSITE.match(value):
        raise ValueError(message("website_form", "nl"))
    return value


Phone = Annotated[
    str,
    AfterValidator(_phone),
    Field(description="Telefoonnummer, bijvoorbeeld 0800-0113. Phone number.",
          json_schema_extra={"pattern": PHONE.pattern}),
]
Website = Annotated[
    str,
    AfterValidator(_website),
    Field(max_length=200, description="Website, beginnend met https://. Website.",
          json_schema_extra={"pattern": WEBSITE.pattern}),
]


class Contact(StrictModel):
    name: LocalText = Field(description="Wie of wat: 'Je mentor' of '113 Zelfmoordpreventie'.")
    about: LocalText = Field(description="Eén regel: waarvoor kun je hier terecht? One line.")
    icon: Icon | None = None
    phone: Phone | None = None
    website: Website | None = None
    when: LocalText | None = Field(default=None, description="Wanneer bereikbaar. When to reach.")
    cost: LocalText | None = Field(default=None, description="Gratis, of wat het kost. Cost.")


class HelpContacts(StrictModel):
    """The whole help.yaml: an urgent line, then contacts at school and outside school."""

    urgent: LocalText = Field(description="Wat te doen bij direct gevaar (112). In danger: 112.")
    at_school: list[Contact] = Field(min_length=1, max_length=12)
    outside_school: list[Contact] = Field(default_factory=list, max_length=16)


def help_file(content_dir: FilePath) -> FilePath:
    return FilePath(content_dir) / HELP_FILE


def load_contacts(content_dir: FilePath) -> tuple[HelpContacts | None, list[Problem]]:
    """The help contacts in a content folder, and every problem in the file."""
    contacts, problems, _ = load_contacts_located(content_dir)
    return contacts, problems


def load_contacts_located(
    content_dir: FilePath,
) -> tuple[HelpContacts | None, list[Problem], Located | None]:
    """As load_contacts, with the positions of the fields in the file (for `check`)."""
    path = help_file(content_dir)
    display = _display(path, FilePath(content_dir))
    if not path.exists():
        return None, [Problem(display, 1, 1, "", message("help_missing", "nl"))], None
    try:
        located = parse_yaml(path.read_bytes(), display)
    except ContentError as error:
        return None, list(error.problems), None
    except OSError:
        return None, [Problem(display, 1, 1, "", message("unreadable", "nl"))], None
    contacts, problems = validate_located(HelpContacts, located, display)
    return contacts, problems, located  # type: ignore[return-value]


def schema() -> dict:
    """The JSON Schema of help.yaml, for editors."""
    return HelpContacts.model_json_schema()


def check_contacts(content_dir: FilePath) -> list[Problem]:
    """Problems in content/help.yaml, for `veerkracht check`."""
    return load_contacts(content_dir)[1]


def _display(path: FilePath, content_dir: FilePath) -> str:
    try:
        return str(path.relative_to(content_dir.parent))
    except ValueError:
        return str(path)
