"""What a school's fields may hold, and which fields a model allows at a place (for "Bedoel je ...?").

A school's text is shown as Markdown on every student's screen. Markdown can make the browser
fetch a picture from any server, or send the student elsewhere with one tap. So a text holds
words (bold and italics are fine), never a picture, HTML, a link or a web or e-mail address:
links live only in the fields meant for them (a help contact's `website` and `email`), checked
as addresses. `check` refuses the rest with its place; the app makes what is left inert anyway.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from veerkracht.messages import message

# What Markdown or HTML would turn into a fetch, a link or a page element, with the message key.
_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]\n]*\]?(?:\([^)\n]*\)?|\[[^\]\n]*\]?)?"), "markup_image"),
    (re.compile(r"<\s*[A-Za-z][A-Za-z0-9+.-]{0,30}:[^<>\s]*>"), "markup_link"),  # <https://…> autolink
    (re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|<!--"), "markup_html"),
    (re.compile(r"\][(\[]|^[ \t]{0,3}\[[^\]\n]*\]:", re.MULTILINE), "markup_link"),
    (re.compile(r"(?i)(?<![\w+.-])(?:[a-z][a-z0-9+.-]{0,30}://|www\.)[^\s<>]{0,40}"), "markup_address"),
    (re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"), "markup_address"),
)
# Each pattern stops at the next "<" or line, or after a bounded run: linear in the text's length.
ZERO_WIDTH_SPACE = "\u200b"
# Between "!" and "[", or after "]" before "(", "[" or ":": no image, link or definition can form.
_SPLIT = tuple((pair, pair[0] + ZERO_WIDTH_SPACE + pair[1]) for pair in ("![", "](", "][", "]:"))


def markup_problem(text: str) -> str | None:
    """Why a school's text may not be shown as it is (a plain Dutch message), or None."""
    for pattern, key in _MARKUP:
        found = pattern.search(text)
        if found:
            return message(key, "nl", found=found.group(0).strip()[:40])
    return None


def plain_school_text(value: str | dict[str, str]) -> str | dict[str, str]:
    """A validator for every text a school writes: words only, no picture, HTML, link or address."""
    for lang, text in value.items() if isinstance(value, dict) else [("", value)]:
        problem = markup_problem(text) if isinstance(text, str) else None
        if problem:
            raise ValueError(message("markup_in_language", "nl", lang=lang, problem=problem) if lang
                             else problem)
    return value


def inert_markdown(text: str) -> str:
    """A school's text that Markdown cannot turn into a picture, link or link definition.

    An invisible zero-width space splits "![" and "](", so a file nobody checked shows its
    markup as text; words without markup come back unchanged."""
    for pair, split in _SPLIT:
        text = text.replace(pair, split)
    return text


def field_names_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names (and aliases) of the model a validation error's location points into."""
    current: Any = model
    for part in loc:
        current = _inner_type(current, part)
        if current is None:
            return []
    current = _plain_type(current)[0]
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return list(current.model_fields) + [info.alias for info in current.model_fields.values() if info.alias]


def _inner_type(annotation: Any, part: str | int) -> Any:
    """The type one step into an annotation, following a part of a pydantic error location."""
    annotation, discriminator = _plain_type(annotation)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(annotation) if m is not type(None)]
        for member in members:
            if part in (_union_tag(member, discriminator), getattr(member, "__name__", None)):
                return member
        return _inner_type(members[0], part) if len(members) == 1 else None
    if isinstance(part, str) and part.startswith("function-"):
        return annotation  # a validator's wrapper, not a place in the data
    if origin in (list, tuple, set, frozenset) and isinstance(part, int):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
    return None


def _plain_type(annotation: Any) -> tuple[Any, str | None]:
    """An annotation without Annotated[...], and the discriminator field it named, if any."""
    discriminator = None
    while get_origin(annotation) is Annotated:
        annotation, *extras = get_args(annotation)
        for extra in extras:
            found = getattr(extra, "discriminator", None)
            discriminator = found if isinstance(found, str) else discriminator
    return annotation, discriminator


def _union_tag(member: Any, discriminator: str | None) -> Any:
    """The tag pydantic puts in an error location for one member of a discriminated union."""
    if discriminator and isinstance(member, type) and issubclass(member, BaseModel):
        info = member.model_fields.get(discriminator)
        tags = get_args(info.annotation) if info is not None else ()
        return tags[0] if tags else None
    return None
