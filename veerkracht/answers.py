"""The student's answers: a plain object, apart from widget state, to save, restore and draw."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from veerkracht.items import MapItem
from veerkracht.limits import NICKNAME_CHARS
from veerkracht.model import QuestionSet

Mode = Literal["coach", "self"]


class Answers(BaseModel):
    """Everything a student entered in one conversation, and where they are in it."""

    set_id: str
    set_version: str
    language: str
    mode: Mode = "coach"
    nickname: str = Field(default="", max_length=NICKNAME_CHARS)
    show_reference: bool = False  # "Ook in het Nederlands": the Dutch small beneath, for the coach
    responses: dict[str, Any] = Field(default_factory=dict)  # question id → typed answer
    step: int = 0  # the step on screen
    furthest_step: int = 0  # the furthest step seen, so the student can jump back to any of them

    @classmethod
    def start(cls, question_set: QuestionSet, language: str | None = None, **fields: Any) -> Answers:
        return cls(
            set_id=question_set.id,
            set_version=question_set.version,
            language=language or question_set.default_language,
            **fields,
        )

    def get(self, question_id: str) -> Any:
        return self.responses.get(question_id)

    def set(self, question_id: str, value: Any) -> None:
        if value is None:
            self.responses.pop(question_id, None)
        else:
            self.responses[question_id] = value

    def go_to(self, step: int, question_set: QuestionSet) -> None:
        self.step = max(0, min(step, len(question_set.steps) - 1))
        self.furthest_step = max(self.furthest_step, self.step)

    def map_items(self, question_set: QuestionSet) -> list[MapItem]:
        """Every source of support the answers put on the map, in question order."""
        lang, default = self.language, question_set.default_language
        return [
            item
            for _, question in question_set.questions()
            for item in question.map_items(self.get(question.id), lang, default)
        ]

    def items_before(self, question_set: QuestionSet, question_id: str) -> list[MapItem]:
        """The people and places named before a question: what a plan can pick as helpers."""
        lang, default = self.language, question_set.default_language
        found = []
        for _, question in question_set.questions():
            if question.id == question_id:
                break
            if question.names_sources:
                found += question.map_items(self.get(question.id), lang, default)
        return found
