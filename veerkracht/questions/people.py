"""`people`: the student names people, each with a closeness and what they help with."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level
from veerkracht.questions.base import Icon, Option, QuestionBase, option_texts
from veerkracht.text import resolve

MAX_ENTRIES = 40


def new_entry_id() -> str:
    return secrets.token_hex(4)


class PersonEntry(BaseModel):
    id: str = Field(default_factory=new_entry_id, max_length=40)
    name: str = Field(min_length=1, max_length=60)
    closeness: Closeness = Closeness.CLOSE
    helps_with: list[str] = Field(default_factory=list, max_length=20)


class PeopleQuestion(QuestionBase):
    type: Literal["people"]
    level: Level | None = Level.RELATIONAL
    icon: Icon | None = "🧑"
    suggestions: list[Option] = Field(
        default_factory=list,
        max_length=16,
        description="Snelle keuzes zoals oma, trainer, collega op stage. Quick picks (roles).",
    )
    helps_with: list[Option] = Field(
        default_factory=list,
        max_length=12,
        description="Waarmee iemand helpt: luisteren, praktische hulp, advies, ... Help tags.",
    )

    answer_type: ClassVar[Any] = list[PersonEntry] | None
    names_sources: ClassVar[bool] = True

    def option_lists(self):
        yield "suggestions", self.suggestions
        yield "helps_with", self.helps_with

    def texts(self):
        yield from super().texts()
        yield from option_texts("suggestions", self.suggestions)
        yield from option_texts("helps_with", self.helps_with)

    def icon_for(self, name: str, lang: str, default_lang: str) -> str:
        """A suggestion's emoji when the name is that suggestion, else the question's."""
        for option in self.suggestions:
            if resolve(option.label, lang, default_lang).casefold() == name.casefold():
                return option.icon or self.icon or ""
        return self.icon or ""

    def tag_labels(self, tag_ids: list[str], lang: str, default_lang: str) -> tuple[str, ...]:
        return tuple(
            resolve(tag.label, lang, default_lang) for tag in self.helps_with if tag.id in tag_ids
        )

    def map_items(self, value: list[PersonEntry] | None, lang, default_lang) -> list[MapItem]:
        if not value or self.level is None:
            return []
        return [
            MapItem(
                key=f"{self.id}/{entry.id}",
                level=self.level,
                label=entry.name,
                icon=self.icon_for(entry.name, lang, default_lang),
                closeness=entry.closeness,
                helps_with=self.tag_labels(entry.helps_with, lang, default_lang),
                question_id=self.id,
            )
            for entry in value
        ]
