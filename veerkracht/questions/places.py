"""`places`: places and groups the student belongs to, each with a closeness."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level
from veerkracht.questions.base import Icon, Option, QuestionBase, option_texts
from veerkracht.questions.people import new_entry_id
from veerkracht.text import resolve


class PlaceEntry(BaseModel):
    id: str = Field(default_factory=new_entry_id, max_length=40)
    option: str | None = Field(default=None, max_length=40)  # a listed place, by id
    name: str = Field(default="", max_length=60)  # the student's own words
    closeness: Closeness = Closeness.CLOSE

    @model_validator(mode="after")
    def _names_something(self) -> PlaceEntry:
        if not self.option and not self.name.strip():
            raise ValueError("a place needs an option or a name")
        return self


class PlacesQuestion(QuestionBase):
    type: Literal["places"]
    level: Level | None = Level.CONTEXTUAL
    icon: Icon | None = "📍"
    options: list[Option] = Field(
        min_length=1,
        max_length=30,
        description="Plekken en groepen: sportclub, bijbaan, stage, buurthuis, ... Places.",
    )
    other: bool = Field(default=True, description="Mag de student een eigen plek toevoegen?")

    answer_type: ClassVar[Any] = list[PlaceEntry] | None
    names_sources: ClassVar[bool] = True

    def option_lists(self):
        yield "options", self.options

    def texts(self):
        yield from super().texts()
        yield from option_texts("options", self.options)

    def option_for(self, entry: PlaceEntry) -> Option | None:
        return next((o for o in self.options if o.id == entry.option), None)

    def label_for(self, entry: PlaceEntry, lang: str, default_lang: str) -> str:
        if entry.name.strip():
            return entry.name.strip()
        option = self.option_for(entry)
        return resolve(option.label, lang, default_lang) if option else entry.option or ""

    def map_items(self, value: list[PlaceEntry] | None, lang, default_lang) -> list[MapItem]:
        if not value or self.level is None:
            return []
        items = []
        for entry in value:
            option = self.option_for(entry)
            items.append(
                MapItem(
                    key=f"{self.id}/{entry.id}",
                    level=(option.level if option and option.level else self.level),
                    label=self.label_for(entry, lang, default_lang),
                    icon=(option.icon if option and option.icon else self.icon) or "",
                    closeness=entry.closeness,
                    question_id=self.id,
                )
            )
        return items
