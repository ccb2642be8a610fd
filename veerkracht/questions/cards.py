"""`cards`: pick any number of options, optionally with an own entry ("iets anders")."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from veerkracht.items import MapItem
from veerkracht.limits import ANSWER_BYTES, CHAR_BYTES, OTHER_CHARS
from veerkracht.questions.base import Option, QuestionBase, WidgetContext, option_texts
from veerkracht.text import LocalText, resolve
from veerkracht.ui.widgets import known, labeller, question_label

MAX_CARDS = 24  # cards in one question, so also the most a student can pick


class CardsAnswer(BaseModel):
    selected: list[str] = Field(default_factory=list, max_length=50)
    other: str = Field(default="", max_length=OTHER_CHARS)


class CardsQuestion(QuestionBase):
    type: Literal["cards"] = Field(description="Het soort vraag. The question type.")
    options: list[Option] = Field(
        min_length=2, max_length=MAX_CARDS, description=f"De kaartjes om uit te kiezen (2 tot {MAX_CARDS})."
    )
    other: bool = Field(
        default=False, description="Mag de student zelf iets toevoegen ('iets anders')?"
    )
    other_label: LocalText | None = Field(
        default=None, description="Tekst bij het eigen antwoord. Leeg: 'Iets anders'."
    )
    max_selected: int | None = Field(
        default=None, ge=1, le=MAX_CARDS, description="Hoeveel kaartjes mag je hoogstens kiezen? Leeg: alle."
    )

    answer_type: ClassVar[Any] = CardsAnswer | None

    def option_lists(self):
        yield "options", self.options

    def texts(self):
        yield from super().texts()
        yield from option_texts("options", self.options)
        if self.other_label is not None:
            yield ("other_label",), self.other_label

    def is_empty(self, value: CardsAnswer | None) -> bool:
        return value is None or (not value.selected and not value.other.strip())

    def map_items(self, value: CardsAnswer | None, lang, default_lang) -> list[MapItem]:
        if value is None:
            return []
        items = []
        for option in self.options:
            level = option.level or self.level
            if option.id in value.selected and level is not None:
                items.append(
                    MapItem(
                        key=f"{self.id}/{option.id}",
                        level=level,
                        label=resolve(option.label, lang, default_lang),
                        icon=option.icon or self.icon or "",
                        question_id=self.id,
                    )
                )
        if self.other and value.other.strip() and self.level is not None:
            items.append(
                MapItem(
                    key=f"{self.id}/other",
                    level=self.level,
                    label=value.other.strip(),
                    icon=self.icon or "",
                    question_id=self.id,
                )
            )
        return items

    def most_answer_bytes(self) -> int:
        return sum(len(option.id) + 8 for option in self.options) + CHAR_BYTES * OTHER_CHARS + ANSWER_BYTES

    def most_map_items(self) -> int:
        picked = sum(1 for option in self.options if (option.level or self.level) is not None)
        picked = min(picked, self.max_selected or picked)
        return picked + (1 if self.other and self.level is not None else 0)

    def describe(self, value: CardsAnswer | None, lang, default_lang) -> str:
        if value is None:
            return ""
        words = [
            resolve(o.label, lang, default_lang) for o in self.options if o.id in value.selected
        ]
        if value.other.strip():
            words.append(value.other.strip())
        return ", ".join(words)

    def widget(self, value: CardsAnswer | None, ctx: WidgetContext) -> CardsAnswer | None:
        ids = [o.id for o in self.options]
        selected = ctx.st.pills(
            question_label(self, ctx),
            ids,
            selection_mode="multi",
            default=known(value.selected if value else None, ids),
            format_func=labeller(self.options, ctx),
            label_visibility="collapsed",
            key=ctx.key,
        )
        if self.max_selected is not None and len(selected) > self.max_selected:
            ctx.st.caption(ctx.words("widget.max_selected", n=self.max_selected))
            selected = selected[: self.max_selected]
        other = ""
        if self.other:
            other = ctx.st.text_input(
                ctx.t(self.other_label) if self.other_label else ctx.words("widget.other"),
                value=value.other if value else "",
                max_chars=OTHER_CHARS,
                placeholder=ctx.words("widget.other_help"),
                key=f"{ctx.key}.other",
            )
        answer = CardsAnswer(selected=selected, other=(other or "").strip())
        return None if self.is_empty(answer) else answer
