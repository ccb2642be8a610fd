"""`places`: places and groups the student belongs to, each with a closeness."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from veerkracht.items import MapItem
from veerkracht.levels import PLACE_CLOSENESS_WORD_KEYS, Closeness, Level
from veerkracht.limits import ENTRIES as MAX_ENTRIES
from veerkracht.limits import ID_CHARS, NAME_CHARS
from veerkracht.questions.base import Icon, Option, QuestionBase, WidgetContext, option_texts
from veerkracht.questions.people import new_entry_id
from veerkracht.text import resolve
from veerkracht.ui.safe import plain
from veerkracht.ui.widgets import (
    add_button,
    add_choices,
    closeness_control,
    dutch_beneath,
    edit_buttons,
    entry_rows,
    interface_label,
    labeller,
    replace_entry,
    reset_widgets,
    seed,
    widget_state,
)


class PlaceEntry(BaseModel):
    id: str = Field(default_factory=new_entry_id, max_length=ID_CHARS)
    option: str | None = Field(default=None, max_length=ID_CHARS)  # a listed place, by id
    name: str = Field(default="", max_length=NAME_CHARS)  # the student's own words
    closeness: Closeness = Closeness.CLOSE

    @model_validator(mode="after")
    def _names_something(self) -> PlaceEntry:
        if not self.option and not self.name.strip():
            raise ValueError("a place needs an option or a name")
        return self


class PlacesQuestion(QuestionBase):
    type: Literal["places"] = Field(description="Het soort vraag. The question type.")
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

    def widget(self, value: list[PlaceEntry] | None, ctx: WidgetContext) -> list[PlaceEntry] | None:
        entries = list(value or [])
        if len(entries) < MAX_ENTRIES:  # the session loader refuses a file with more
            self._add_section(entries, ctx)
        entry_rows(ctx, entries, lambda e: self._describe_entry(e, ctx),
                   lambda e: self._edit_form(e, ctx), "widget.places_added")
        return entries or None

    def _describe_entry(self, entry: PlaceEntry, ctx: WidgetContext) -> str:
        option = self.option_for(entry)
        icon = (option.icon if option and option.icon else self.icon) or ""
        at_home = ctx.words(PLACE_CLOSENESS_WORD_KEYS[entry.closeness])
        return f"{icon} **{plain(self.label_for(entry, ctx.lang, ctx.default_lang))}** · {at_home}"

    def _add_section(self, entries: list[PlaceEntry], ctx: WidgetContext) -> None:
        """One place at a time, each with its own 'how at home'; a typed name may name a listed place.

        Plain widgets, no form (see PeopleQuestion._add_section): Toevoegen adds in its callback."""
        st, key = ctx.st, f"{ctx.key}.add"
        already = {e.option for e in entries}
        free = [o for o in self.options if o.id not in already]
        with st.container(border=True, key=key):
            st.markdown(f"**{interface_label('widget.add_place', ctx)}**")
            add_choices(ctx, key, lambda: self._choices(ctx, key, free), "widget.need_place")
            add_button(ctx, key, lambda: self.add_unsaved(ctx))

    def _choices(self, ctx: WidgetContext, key: str, free: list[Option]) -> None:
        """Which place, its own name and how at home: nothing is added until Toevoegen."""
        st = ctx.st
        if free:
            seed(ctx, f"{key}.option", None)
            st.pills(
                interface_label("widget.pick_place", ctx),
                [o.id for o in free],
                format_func=labeller(free, ctx),
                key=f"{key}.option",
            )
        if self.other:
            seed(ctx, f"{key}.name", "", echo=False)
            st.text_input(ctx.words("widget.own_place"), max_chars=NAME_CHARS, key=f"{key}.name")
            dutch_beneath(st, ctx.words, ctx.reference, "widget.own_place")
        closeness_control(ctx, f"{key}.closeness", Closeness.CLOSE, Level.CONTEXTUAL, resettable=True)

    def add_unsaved(self, ctx: WidgetContext) -> str | None:
        """Toevoegen (in its callback), and what was left in the add section when the step is left."""
        st, key = ctx.st, f"{ctx.key}.add"
        fields = {f"{key}.option": None, f"{key}.name": "", f"{key}.closeness": Closeness.CLOSE}
        picked = widget_state(ctx, f"{key}.option")
        picked = picked if any(o.id == picked for o in self.options) else None
        typed = (widget_state(ctx, f"{key}.name") or "").strip()[:NAME_CHARS] if self.other else ""
        if not picked and not typed:
            return None
        closeness = Closeness(widget_state(ctx, f"{key}.closeness") or Closeness.CLOSE)
        place = PlaceEntry(option=picked, name=typed, closeness=closeness)
        if ctx.change is not None:  # a listed place is there once, however often it is added
            ctx.change(lambda now: now if not typed and picked in {e.option for e in now or []}
                       else [*(now or []), place])
        reset_widgets(ctx, {k: v for k, v in fields.items() if k in st.session_state})
        return self.label_for(place, ctx.lang, ctx.default_lang)

    def _edit_form(self, entry: PlaceEntry, ctx: WidgetContext) -> None:
        """A form in the row, open after Wijzigen; Bewaren changes the entry in its callback."""
        st, key = ctx.st, f"{ctx.key}.{entry.id}.form"
        label = self.label_for(entry, ctx.lang, ctx.default_lang)
        with st.form(key, border=False):
            st.text_input(ctx.words("widget.place_name"), value=label, max_chars=NAME_CHARS,
                          key=f"{key}.name")
            dutch_beneath(st, ctx.words, ctx.reference, "widget.place_name")
            closeness_control(ctx, f"{key}.closeness", entry.closeness, Level.CONTEXTUAL)

            def save() -> None:
                name = (widget_state(ctx, f"{key}.name", label) or "").strip()[:NAME_CHARS]
                own = "" if name == label and entry.option else name
                if not own and not entry.option:
                    own = entry.name
                replace_entry(ctx, entry.id, lambda e: e.model_copy(update={
                    "name": own, "closeness": Closeness(widget_state(ctx, f"{key}.closeness") or e.closeness),
                }))

            edit_buttons(ctx, key, save)
