"""`scale`: 3 to 5 steps shown as faces, each with a word."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from veerkracht.questions.base import Icon, QuestionBase, StrictModel, WidgetContext
from veerkracht.text import LocalText, resolve
from veerkracht.ui.widgets import labelled, question_label


class ScaleStep(StrictModel):
    icon: Icon = Field(description="Een gezichtje, bijvoorbeeld 🙂. A face emoji.")
    label: LocalText = Field(description="Eén woord bij het gezichtje. One word.")


class ScaleQuestion(QuestionBase):
    type: Literal["scale"] = Field(description="Het soort vraag. The question type.")
    steps: list[ScaleStep] = Field(
        min_length=3, max_length=5, description="3 tot 5 gezichtjes, van links naar rechts."
    )

    # The position of the chosen step, 0 for the first.
    answer_type: ClassVar[Any] = int | None

    def texts(self):
        yield from super().texts()
        for index, step in enumerate(self.steps):
            yield ("steps", index, "label"), step.label

    def parse_answer(self, raw: Any) -> int | None:
        value = super().parse_answer(raw)
        if value is not None and not 0 <= value < len(self.steps):
            raise ValueError(f"scale answer {value} is outside 0..{len(self.steps) - 1}")
        return value

    def describe(self, value: int | None, lang, default_lang) -> str:
        if value is None:
            return ""
        step = self.steps[value]
        return f"{step.icon} {resolve(step.label, lang, default_lang)}"

    def readable_options(self, lang, default_lang) -> list[str]:
        return [resolve(s.label, lang, default_lang) for s in self.steps]

    def widget(self, value: int | None, ctx: WidgetContext) -> int | None:
        positions = list(range(len(self.steps)))
        return ctx.st.segmented_control(
            question_label(self, ctx),
            positions,
            default=value if value in positions else None,
            format_func=lambda i: labelled(self.steps[i].icon, self.steps[i].label, ctx),
            label_visibility="collapsed",
            key=ctx.key,
        )
