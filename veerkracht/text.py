"""Texts a student or coach reads: plain text in the set's default language, or one per language.

Also text as a student types it, cleaned to one plain line for the screen, the map and the PDF
alike; and the characters that may not pass: the ones a browser cannot show, found while loading, and
the ones a terminal would obey, shown as escapes wherever a file's words are printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated

from pydantic import AfterValidator, Field

from veerkracht.model_fields import plain_school_text

LocalText = Annotated[
    str | dict[str, str],
    AfterValidator(plain_school_text),  # words only: no picture, HTML or link on a student's screen
    Field(
        description=(
            "Tekst in de standaardtaal van de set, of per taal: {nl: 'Hoi', en: 'Hi'}. "
            "Text in the set's default language, or one text per language."
        ),
    ),
]

# Control characters (tab and line breaks aside), lone surrogates and the two non-characters at
# the end of a plane: a browser cannot show them, and a lone surrogate cannot even be sent to it.
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What a terminal would act on or turn around: every control character, line and paragraph
# separators, and the marks that change the direction of text.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
KEEP_FORMAT = frozenset({"\u200d"})  # the zero-width joiner holds emoji sequences together


def resolve(text: str | dict[str, str] | None, lang: str, default_lang: str) -> str:
    """The text in `lang`, falling back to the default language, then to any language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(default_lang) or next(iter(text.values()), "")


def clean_text(text: str) -> str:
    """Plain, single-line text: no control or direction characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    kept = (
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
        or ch in KEEP_FORMAT
    )
    return " ".join("".join(kept).split())


def languages_in(text: str | dict[str, str] | None) -> set[str]:
    """The language codes a text is written in; plain text counts as no particular language."""
    if isinstance(text, dict):
        return set(text)
    return set()


def unshowable(text: str) -> Iterator[re.Match[str]]:
    """Every character in a text that cannot reach a browser, with its place."""
    return UNSHOWABLE.finditer(text)


def char_name(char: str) -> str:
    """A character as an editor can look it up: U+0000."""
    return f"U+{ord(char):04X}"


def escaped(text: str) -> str:
    """The text with every character a terminal would obey shown as an escape, such as \\n."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def lone_surrogates(text: str) -> Iterator[re.Match[str]]:
    """Halves of a character pair standing alone (JSON's "\\ud800"): nothing can encode them."""
    return _SURROGATE.finditer(text)


_SURROGATE = re.compile("[\ud800-\udfff]")
