"""`plan`: up to three small next steps, each with when and who or what helps."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from veerkracht.levels import WHEN_WORD_KEYS, When
from veerkracht.limits import ANSWER_BYTES, CHAR_BYTES, ID_CHARS, PLAN_WHAT_CHARS
from veerkracht.limits import PLAN_STEPS as MAX_STEPS
from veerkracht.questions.base import Id, Option, QuestionBase, WidgetContext, option_texts
from veerkracht.questions.people import new_entry_id
from veerkracht.text import resolve
from veerkracht.ui.safe import plain
from veerkracht.ui.widgets import interface_label, known, labeller


class PlanStep(BaseModel):
    id: str = Field(default_factory=new_entry_id, max_length=ID_CHARS)
    suggestion: str | None = Field(default=None, max_length=ID_CHARS)  # a listed idea, by id
    what: str = Field(default="", max_length=PLAN_WHAT_CHARS)  # the student's own words
    when: When | None = None
    helpers: list[str] = Field(default_factory=list, max_length=10)  # map item keys

    @model_validator(mode="after")
    def _says_something(self) -> PlanStep:
        if not self.suggestion and not self.what.strip():
            raise ValueError("a step needs a suggestion or own words")
        return self


class PlanQuestion(QuestionBase):
    type: Literal["plan"] = Field(description="Het soort vraag. The question type.")
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
    max_steps: int = Field(
        default=MAX_STEPS, ge=1, le=MAX_STEPS,
        description=f"Hoeveel stappen de student mag plannen (1 tot {MAX_STEPS}).",
    )

    answer_type: ClassVar[Any] = list[PlanStep] | None

    def most_answer_bytes(self) -> int:
        helper = 2 * ID_CHARS + 8  # "<question id>/<entry id>"
        return MAX_STEPS * (CHAR_BYTES * PLAN_WHAT_CHARS + 10 * helper + 2 * ID_CHARS + ANSWER_BYTES)

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

    def widget(self, value: list[PlanStep] | None, ctx: WidgetContext) -> list[PlanStep] | None:
        seeds = list(value or [])
        steps: list[PlanStep] = []
        for slot in range(self.max_steps):
            seed = seeds[slot] if slot < len(seeds) else None
            if slot == 0:
                box = ctx.st.container(border=True)
                box.markdown(f"**{ctx.words('widget.plan_step', n=1)}**")
            else:
                box = ctx.st.expander(ctx.words("widget.plan_more", n=slot + 1), expanded=seed is not None)
            with box:
                step = self._step_controls(seed, slot, ctx)
            if step is not None:
                steps.append(step)
        return steps or None

    def _step_controls(self, seed: PlanStep | None, slot: int, ctx: WidgetContext) -> PlanStep | None:
        st, key = ctx.st, f"{ctx.key}.{slot}"
        picked = None
        if self.suggestions:
            ids = [o.id for o in self.suggestions]
            picked = st.pills(
                ctx.words("widget.plan_pick"),
                ids,
                default=next(iter(known(seed.suggestion if seed else None, ids)), None),
                format_func=labeller(self.suggestions, ctx),
                key=f"{key}.suggestion",
            )
        what = st.text_input(ctx.words("widget.plan_own"), value=seed.what if seed else "",
                             max_chars=PLAN_WHAT_CHARS, key=f"{key}.what")
        when = st.segmented_control(
            interface_label("widget.plan_when", ctx),
            list(When),
            default=seed.when if seed else None,
            format_func=lambda w: interface_label(WHEN_WORD_KEYS[w], ctx),
            key=f"{key}.when",
        )
        helpers: list[str] = []
        if ctx.earlier_items:
            keys = [item.key for item in ctx.earlier_items]
            labels = {item.key: f"{item.icon} {plain(item.label)}".strip() for item in ctx.earlier_items}
            helpers = st.pills(
                ctx.words("widget.plan_helpers"),
                keys,
                selection_mode="multi",
                default=known(seed.helpers if seed else None, keys),
                format_func=lambda k: labels.get(k, k),
                key=f"{key}.helpers",
            )
        else:
            st.caption(ctx.words("widget.plan_no_helpers"))
        what = (what or "").strip()
        if not picked and not what:
            return None
        fields = {
            "suggestion": picked,
            "what": what,
            "when": When(when) if when else None,
            "helpers": helpers,
        }
        return seed.model_copy(update=fields) if seed else PlanStep(id=f"{self.id}-{slot + 1}", **fields)
