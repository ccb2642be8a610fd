"""`text`: short free text with a maximum length."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from veerkracht.items import MapItem
from veerkracht.limits import ANSWER_BYTES, CHAR_BYTES, TEXT_CHARS
from veerkracht.questions.base import QuestionBase, WidgetContext
from veerkracht.text import LocalText
from veerkracht.ui.widgets import question_label

# Up to this many characters fit on one line; longer answers get a text area.
SHORT_TEXT = 120


class TextQuestion(QuestionBase):
    type: Literal["text"] = Field(description="Het soort vraag. The question type.")
    max_length: int = Field(default=120, ge=10, le=TEXT_CHARS, description="Hoeveel tekens mag het zijn?")
    placeholder: LocalText | None = Field(default=None, description="Voorbeeld in het lege vak.")

    answer_type: ClassVar[Any] = str | None

    def texts(self):
        yield from super().texts()
        if self.placeholder is not None:
            yield ("placeholder",), self.placeholder

    def parse_answer(self, raw: Any) -> str | None:
        value = super().parse_answer(raw)
        return value[: self.max_length] if value else value

    def map_items(self, value: str | None, lang, default_lang) -> list[MapItem]:
        if not value or not value.strip() or self.level is None:
            return []
        return [
            MapItem(
                key=f"{self.id}/text",
                level=self.level,
                label=value.strip(),
                icon=self.icon or "",
                question_id=self.id,
            )
        ]

    def most_answer_bytes(self) -> int:
        return CHAR_BYTES * self.max_length + ANSWER_BYTES

    def most_map_items(self) -> int:
        return 0 if self.level is None else 1

    def describe(self, value: str | None, lang, default_lang) -> str:
        return (value or "").strip()

    def widget(self, value: str | None, ctx: WidgetContext) -> str | None:
        field = ctx.st.text_input if self.max_length <= SHORT_TEXT else ctx.st.text_area
        typed = field(
            question_label(self, ctx),
            value=value or "",
            max_chars=self.max_length,
            placeholder=ctx.t(self.placeholder) or None,
            label_visibility="collapsed",
            key=ctx.key,
        )
        ctx.st.caption(ctx.words("widget.max_chars", n=self.max_length))
        return typed if typed and typed.strip() else None
