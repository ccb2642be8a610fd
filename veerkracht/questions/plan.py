"""`plan`: up to three small next steps, each with when and who or what helps."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from veerkracht.levels import When
from veerkracht.questions.base import Id, Option, QuestionBase, option_texts
from veerkracht.questions.people import new_entry_id
from veerkracht.text import resolve

MAX_STEPS = 3


class PlanStep(BaseModel):
    id: str = Field(default_factory=new_entry_id, max_length=40)
    suggestion: str | None = Field(default=None, max_length=40)  # a listed idea, by id
    what: str = Field(default="", max_length=120)  # the student's own words
    when: When | None = None
    helpers: list[str] = Field(default_factory=list, max_length=10)  # map item keys

    @model_validator(mode="after")
    def _says_something(self) -> PlanStep:
        if not self.suggestion and not self.what.strip():
            raise ValueError("a step needs a suggestion or own words")
        return self


class PlanQuestion(QuestionBase):
    type: Literal["plan"]
    suggestions: list[Option] = Field(
        default_factory=list,
        max_length=12,
        description="Ideeën voor een kleine stap, om uit te kiezen. Ideas for a small step.",
    )
    sources: list[Id] = Field(
        default_factory=list,
        description=(
            "Uit welke eerdere vragen (people of places) de helpers komen. Leeg: alle eerdere. "
            "Which earlier people/places questions helpers come from; empty: all earlier ones."
        ),
    )
    max_steps: int = Field(default=MAX_STEPS, ge=1, le=MAX_STEPS)

    answer_type: ClassVar[Any] = list[PlanStep] | None

    def option_lists(self):
        yield "suggestions", self.suggestions

    def texts(self):
        yield from super().texts()
        yield from option_texts("suggestions", self.suggestions)

    def what_of(self, step: PlanStep, lang: str, default_lang: str) -> str:
        if step.what.strip():
            return step.what.strip()
        option = next((o for o in self.suggestions if o.id == step.suggestion), None)
        return resolve(option.label, lang, default_lang) if option else step.suggestion or ""

    def parse_answer(self, raw: Any) -> list[PlanStep] | None:
        value = super().parse_answer(raw)
        return value[: self.max_steps] if value else value
