"""A question set: ordered steps of questions. The pydantic models are the schema."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from veerkracht.levels import Level
from veerkracht.limits import MAP_SOURCES, SESSION_BYTES, SESSION_HEAD_BYTES, SET_STEPS, STEP_QUESTIONS
from veerkracht.questions import Question, QuestionBase
from veerkracht.questions.base import Id, Path, StrictModel
from veerkracht.questions.plan import PlanQuestion
from veerkracht.review import Review
from veerkracht.text import LocalText, languages_in

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_PATTERN)]


class StepKind(StrEnum):
    START = "start"
    INDIVIDUAL = "individual"
    RELATIONAL = "relational"
    CONTEXTUAL = "contextual"
    MAP = "map"
    NEXT_STEP = "next_step"

    @property
    def level(self) -> Level | None:
        return Level(self.value) if self.value in Level.__members__.values() else None


class Step(StrictModel):
    id: Id
    kind: StepKind = Field(
        description="start, individual, relational, contextual, map of next_step."
    )
    title: LocalText
    intro: LocalText | None = Field(default=None, description="Eén regel uitleg bij de stap.")
    coach_tips: list[LocalText] = Field(
        default_factory=list,
        max_length=8,
        description="Tips die alleen de coach ziet. Tips shown only to the coach.",
    )
    questions: list[Question] = Field(
        default_factory=list, max_length=STEP_QUESTIONS, description="De vragen van deze stap, in volgorde."
    )


class QuestionSet(StrictModel):
    id: Id
    version: str = Field(pattern=r"^\d+(\.\d+){0,2}$", description="Bijvoorbeeld 1 of 1.2.")
    title: LocalText
    description: LocalText = Field(description="Eén regel: voor wie en waarvoor.")
    audience: LocalText = Field(description="Bijvoorbeeld 'mbo niveau 2-3'.")
    minutes: int = Field(ge=1, le=120, description="Hoeveel minuten duurt het ongeveer?")
    languages: list[LanguageCode] = Field(
        default=["nl"],
        min_length=1,
        description="Talen van de set; de eerste is de standaardtaal. First is the default.",
    )
    steps: list[Step] = Field(
        min_length=1, max_length=SET_STEPS, description="De stappen van het gesprek, één scherm per stap."
    )
    review: dict[LanguageCode, Review] = Field(
        default_factory=dict,
        description="Per taal: is de vertaling een concept (draft) of nagekeken (reviewed), door wie "
        "(een rol) en wanneer. `check` noemt elke taal die nog een concept is (VK203).",
    )

    @field_validator("version", mode="before")
    @classmethod
    def _version_may_be_a_number(cls, value: object) -> object:
        # `version: 1.2` reads as a number in YAML; editors mean the text "1.2".
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def questions(self) -> Iterator[tuple[Path, QuestionBase]]:
        for s, step in enumerate(self.steps):
            for q, question in enumerate(step.questions):
                yield ("steps", s, "questions", q), question

    def question(self, question_id: str) -> QuestionBase | None:
        return next((q for _, q in self.questions() if q.id == question_id), None)

    def texts(self) -> Iterator[tuple[Path, object]]:
        """Every readable text in the set, with its path."""
        for name in ("title", "description", "audience"):
            yield (name,), getattr(self, name)
        for s, step in enumerate(self.steps):
            yield ("steps", s, "title"), step.title
            if step.intro is not None:
                yield ("steps", s, "intro"), step.intro
            for t, tip in enumerate(step.coach_tips):
                yield ("steps", s, "coach_tips", t), tip
        for path, question in self.questions():
            for sub, text in question.texts():
                yield path + sub, text

    def consistency_problems(self) -> list[tuple[Path, str, dict]]:
        """What types cannot say: unique ids, declared languages, plans with sources.

        Returns (path, message key, parameters); the loader turns them into located messages.
        """
        found: list[tuple[Path, str, dict]] = []
        found += _duplicates(
            [(("steps", s, "id"), step.id) for s, step in enumerate(self.steps)], "step"
        )
        found += _duplicates([(path + ("id",), q.id) for path, q in self.questions()], "question")
        for path, question in self.questions():
            for name, options in question.option_lists():
                found += _duplicates(
                    [(path + (name, i, "id"), o.id) for i, o in enumerate(options)], "option"
                )
        found += _duplicates([(("languages", i), c) for i, c in enumerate(self.languages)], "lang")
        declared = set(self.languages)
        for path, text in self.texts():
            for code in sorted(languages_in(text) - declared):
                found.append((path + (code,), "undeclared_language", {"code": code}))
        found += self._plan_problems()
        for path, question in self.questions():
            if question.need and question.most_map_items() == 0:  # a wish that would show nowhere
                found.append((path + ("need",), "need_shows_nowhere", {}))
        most = sum(question.most_map_items() for _, question in self.questions())
        if most > MAP_SOURCES:  # a map that no screen can draw in time
            found.append((("steps",), "too_many_sources", {"most": most, "limit": MAP_SOURCES}))
        fullest = SESSION_HEAD_BYTES + sum(len(q.id) + q.most_answer_bytes() for _, q in self.questions())
        if fullest > SESSION_BYTES:  # a student's own file would not load again
            sizes = {"kb": fullest // 1024, "limit": SESSION_BYTES // 1024}
            found.append((("steps",), "too_much_to_keep", sizes))
        return found

    def _plan_problems(self) -> list[tuple[Path, str, dict]]:
        found = []
        earlier: dict[str, QuestionBase] = {}
        for path, question in self.questions():
            if isinstance(question, PlanQuestion):
                for i, source in enumerate(question.sources):
                    if source not in earlier:
                        found.append((path + ("sources", i), "unknown_source", {"id": source}))
                if not earlier:
                    found.append((path, "plan_without_sources", {}))
            elif question.names_sources:
                earlier[question.id] = question
        return found


def _duplicates(pairs: list[tuple[Path, str]], what: str) -> list[tuple[Path, str, dict]]:
    seen: set[str] = set()
    found = []
    for path, value in pairs:
        if value in seen:
            found.append((path, "duplicate_id", {"id": value, "what": what}))
        seen.add(value)
    return found
