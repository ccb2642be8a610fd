"""`choice`: pick one option."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from veerkracht.items import MapItem
from veerkracht.questions.base import Option, QuestionBase, WidgetContext, option_texts
from veerkracht.text import resolve
from veerkracht.ui.widgets import known, labeller, question_label


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"] = Field(description="Het soort vraag. The question type.")
    options: list[Option] = Field(
        min_length=2, max_length=12, description="De keuzes; de student kiest er één (2 tot 12)."
    )

    answer_type: ClassVar[Any] = str | None

    def option_lists(self):
        yield "options", self.options

    def texts(self):
        yield from super().texts()
        yield from option_texts("options", self.options)

    def chosen(self, value: str | None) -> Option | None:
        return next((o for o in self.options if o.id == value), None)

    def map_items(self, value, lang, default_lang) -> list[MapItem]:
        option = self.chosen(value)
        level = option and (option.level or self.level)
        if option is None or level is None:
            return []
        return [
            MapItem(
                key=f"{self.id}/{option.id}",
                level=level,
                label=resolve(option.label, lang, default_lang),
                icon=option.icon or self.icon or "",
                question_id=self.id,
            )
        ]

    def most_map_items(self) -> int:
        return 1 if any((option.level or self.level) is not None for option in self.options) else 0

    def describe(self, value, lang, default_lang) -> str:
        option = self.chosen(value)
        return resolve(option.label, lang, default_lang) if option else ""

    def widget(self, value: str | None, ctx: WidgetContext) -> str | None:
        ids = [o.id for o in self.options]
        return ctx.st.pills(
            question_label(self, ctx),
            ids,
            default=next(iter(known(value, ids)), None),
            format_func=labeller(self.options, ctx),
            label_visibility="collapsed",
            key=ctx.key,
        )
