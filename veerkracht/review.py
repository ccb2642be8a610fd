"""How far each translation of a set is: a draft, or checked by someone who speaks the language.

A set records it per language under `review:` (state, the role of who checked it, and when).
`check` names every language that is still a draft, so a school knows to have a native speaker
read it before students see it. That is a note, not a fault in the file: a draft still works,
and `--strict` does not fail on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field

from veerkracht.messages import message
from veerkracht.questions.base import StrictModel

if TYPE_CHECKING:
    from veerkracht.content import LoadedSet, Problem

DRAFT_RULE = "VK203"
NOTE = "note"  # a severity beside error and warning: reported, never counted as a fault


def _is_day(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(message("review_date", "nl")) from None
    return value


class Review(StrictModel):
    """The review state of one language of a set."""

    state: Literal["draft", "reviewed"] = Field(
        description="draft: een concept, nog niet nagekeken door iemand met deze taal als moedertaal. "
        "reviewed: nagekeken en goed bevonden."
    )
    by: str = Field(
        min_length=1, max_length=80,
        description="Wie het nakeek, als rol (geen naam), zoals 'docent Arabisch, moedertaal'.",
    )
    date: Annotated[str, AfterValidator(_is_day)] = Field(
        description="Wanneer, als jaar-maand-dag: 2026-12-07.", json_schema_extra={"format": "date"},
    )


def draft_notes(loaded_sets: Iterable[LoadedSet]) -> list[Problem]:
    """One note per loaded set that has languages still in draft, naming them all."""
    from veerkracht.content import Problem, field_name  # the loader imports the model, and so this

    notes = []
    for loaded in loaded_sets:
        file, question_set, source = loaded.file, loaded.question_set, loaded.source
        if question_set is None:
            continue
        reviews = question_set.review
        drafts = [lang for lang in question_set.languages if lang in reviews
                  and reviews[lang].state == "draft"]
        if not drafts:
            continue
        first = reviews[drafts[0]]
        path = ("review", drafts[0])
        line, column = source.locate(path) if source is not None else (1, 1)
        text = message("review_draft", "nl", langs=", ".join(drafts), by=first.by, date=first.date)
        notes.append(Problem(file, line, column, field_name(path), text, severity=NOTE,
                             rule=DRAFT_RULE))
    return notes
