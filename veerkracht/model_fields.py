"""Which fields a question set's models allow at a place in the data: for "Bedoel je ...?"."""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel


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
