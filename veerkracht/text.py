"""Texts a student or coach reads: plain text in the set's default language, or one per language."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

LocalText = Annotated[
    str | dict[str, str],
    Field(
        description=(
            "Tekst in de standaardtaal van de set, of per taal: {nl: 'Hoi', en: 'Hi'}. "
            "Text in the set's default language, or one text per language."
        ),
    ),
]


def resolve(text: str | dict[str, str] | None, lang: str, default_lang: str) -> str:
    """The text in `lang`, falling back to the default language, then to any language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(default_lang) or next(iter(text.values()), "")


def languages_in(text: str | dict[str, str] | None) -> set[str]:
    """The language codes a text is written in; plain text counts as no particular language."""
    if isinstance(text, dict):
        return set(text)
    return set()
