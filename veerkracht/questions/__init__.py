"""The question types. Adding one: write its module, then add one line to QUESTION_TYPES."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Annotated

from pydantic import Field

from veerkracht.questions.base import Option, QuestionBase, WidgetContext
from veerkracht.questions.cards import CardsQuestion
from veerkracht.questions.choice import ChoiceQuestion
from veerkracht.questions.people import PeopleQuestion
from veerkracht.questions.places import PlacesQuestion
from veerkracht.questions.plan import PlanQuestion
from veerkracht.questions.scale import ScaleQuestion
from veerkracht.questions.text import TextQuestion

QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "choice": ChoiceQuestion,
    "cards": CardsQuestion,
    "scale": ScaleQuestion,
    "text": TextQuestion,
    "people": PeopleQuestion,
    "places": PlacesQuestion,
    "plan": PlanQuestion,
}

# The union pydantic validates against, built from the registry so that one line adds a type.
Question = Annotated[reduce(operator.or_, QUESTION_TYPES.values()), Field(discriminator="type")]

__all__ = ["QUESTION_TYPES", "Option", "Question", "QuestionBase", "WidgetContext"]
