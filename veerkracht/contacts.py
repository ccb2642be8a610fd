"""Where a student can turn for help: contacts a school keeps in content/help.yaml.

"Hulp nodig?" shows them on every screen, whatever the student answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

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
# https, a host name with a dot, then only characters that cannot end a Markdown link or start
# another one: a website can never smuggle a picture or a second address onto the page.
WEBSITE = re.compile(
    r"^https://(?=[^/?#]{4,253}(?:[/?#]|$))[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}"
    r"(?:[/?#][A-Za-z0-9\-._~/%?=&#+]*)?$"
)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*"
                   r"\.[A-Za-z]{2,63}$")
LANGUAGE = r"^[a-z]{2,3}$"


def _phone(value: str) -> str:
    if not PHONE.match(value):
        raise ValueError(message("phone_form", "nl"))
    return value


def _website(value: str) -> str:
    if not value.startswith("https://") or not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        raise ValueError(message("website_form", "nl"))
    if not WEBSITE.match(value):
        raise ValueError(message("website_chars", "nl"))
    return value


def _email(value: str) -> str:
    if not EMAIL.match(value):
        raise ValueError(message("email_form", "nl"))
    return value


def _checked(value: object) -> object:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(message("checked_form", "nl")) from None
    if isinstance(value, date):
        return value
    raise ValueError(message("checked_form", "nl"))


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
Email = Annotated[
    str,
    AfterValidator(_email),
    Field(max_length=120, description="E-mailadres, zoals zorg@school.nl. E-mail address.",
          json_schema_extra={"pattern": EMAIL.pattern}),
]
Checked = Annotated[
    date,
    BeforeValidator(_checked),
    Field(description="Wanneer je dit contact voor het laatst hebt nagekeken: 2026-12-07. "
                      "The date this contact was last checked."),
]


class Contact(StrictModel):
    name: LocalText = Field(description="Wie of wat: 'Je mentor' of '113 Zelfmoordpreventie'.")
    about: LocalText = Field(description="Eén regel: waarvoor kun je hier terecht? One line.")
    icon: Icon | None = None
    phone: Phone | None = None
    website: Website | None = None
    email: Email | None = None
    room: LocalText | None = Field(default=None, description="Waar op school: 'Lokaal B0.14'. Room.")
    when: LocalText | None = Field(default=None, description="Wanneer bereikbaar. When to reach.")
    cost: LocalText | None = Field(default=None, description="Gratis, of wat het kost. Cost.")
    languages: list[Annotated[str, Field(pattern=LANGUAGE)]] | None = Field(
        default=None, max_length=12,
        description="In welke talen je hier terechtkunt, zoals [nl, en]. Languages it answers in.",
    )
    checked: Checked | None = None
    source: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="Waar je het nakeek: de website van de dienst, of bij wie op school. Source.",
    )
    example: bool = Field(
        default=False,
        description="true: een voorbeeld dat de school nog moet vervangen; check waarschuwt. "
                    "An example the school must replace.",
    )

    def reachable(self) -> bool:
        """Whether a student knows how to reach this contact: a number, room, hours or link."""
        ways = (self.phone, self.room, self.when, self.website, self.email)
        return any(way is not None for way in ways)


class HelpContacts(StrictModel):
    """The whole help.yaml: the urgent line and the crisis lines, then help at school and outside it."""

    urgent: LocalText = Field(description="Wat te doen bij direct gevaar (112). In danger: 112.")
    crisis: list[Contact] = Field(
        default_factory=list, max_length=3,
        description="Bovenaan, groot om op te tikken: 112 en 113. The crisis lines, first and large.",
    )
    at_school: list[Contact] = Field(min_length=1, max_length=12)
    outside_school: list[Contact] = Field(default_factory=list, max_length=16)

    def groups(self) -> Iterator[tuple[str, list[Contact]]]:
        """Each list of contacts by field name, in the order the panel shows them."""
        yield "crisis", self.crisis
        yield "at_school", self.at_school
        yield "outside_school", self.outside_school


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
    display = help_display(content_dir)
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
    """Errors in content/help.yaml (the warnings are in contacts_lint.check_help)."""
    return load_contacts(content_dir)[1]


def help_display(content_dir: FilePath) -> str:
    """help.yaml as `check` names it: content/help.yaml."""
    path, folder = help_file(content_dir), FilePath(content_dir)
    try:
        return str(path.relative_to(folder.parent))
    except ValueError:
        return str(path)
