"""`people`: the student names people, each with a closeness and what they help with."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, model_validator

from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level
from veerkracht.limits import ENTRIES as MAX_ENTRIES
from veerkracht.limits import ID_CHARS, NAME_CHARS
from veerkracht.questions.base import Icon, Option, QuestionBase, WidgetContext, option_texts
from veerkracht.text import LocalText, resolve
from veerkracht.ui.safe import plain
from veerkracht.ui.widgets import (
    add_button,
    add_choices,
    append_entry,
    closeness_control,
    dutch_beneath,
    edit_buttons,
    entry_rows,
    interface_label,
    known,
    labeller,
    replace_entry,
    reset_widgets,
    seed,
    widget_state,
)


def new_entry_id() -> str:
    return secrets.token_hex(4)


class PersonEntry(BaseModel):
    """Someone who helps: a role (one of the question's suggestions), a name, or both."""

    id: str = Field(default_factory=new_entry_id, max_length=ID_CHARS)
    role: str | None = Field(default=None, max_length=ID_CHARS)  # a suggestion, by id
    name: str = Field(default="", max_length=NAME_CHARS)  # the student's own words, if any
    closeness: Closeness = Closeness.CLOSE
    helps_with: list[str] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _names_someone(self) -> PersonEntry:
        if not self.role and not self.name.strip():
            raise ValueError("a person needs a role or a name")
        return self


class PeopleQuestion(QuestionBase):
    type: Literal["people"] = Field(description="Het soort vraag. The question type.")
    level: Level | None = Level.RELATIONAL
    icon: Icon | None = "🧑"
    suggestions: list[Option] = Field(
        default_factory=list,
        max_length=16,
        description="Snelle keuzes zoals oma, trainer, collega op stage. Quick picks (roles).",
    )
    helps_with: list[Option] = Field(
        default_factory=list,
        max_length=12,
        description="Waarmee iemand helpt: luisteren, praktische hulp, advies, ... Help tags.",
    )

    answer_type: ClassVar[Any] = list[PersonEntry] | None
    names_sources: ClassVar[bool] = True

    def option_lists(self):
        yield "suggestions", self.suggestions
        yield "helps_with", self.helps_with

    def texts(self):
        yield from super().texts()
        yield from option_texts("suggestions", self.suggestions)
        yield from option_texts("helps_with", self.helps_with)

    def parse_answer(self, raw: Any) -> list[PersonEntry] | None:
        """Files from before roles were kept name a role by its words: that person gets the role."""
        value = super().parse_answer(raw)
        return [self._with_role_from_name(entry) for entry in value] if value else value

    def _with_role_from_name(self, entry: PersonEntry) -> PersonEntry:
        if entry.role is not None:
            return entry
        typed = entry.name.strip().casefold()
        for option in self.suggestions:
            if typed in {label.strip().casefold() for label in all_labels(option.label)}:
                return entry.model_copy(update={"role": option.id, "name": ""})
        return entry

    def role_of(self, entry: PersonEntry) -> Option | None:
        return next((o for o in self.suggestions if o.id == entry.role), None)

    def icon_for(self, entry: PersonEntry) -> str:
        """The role's emoji when the person has one, else the question's."""
        role = self.role_of(entry)
        return (role.icon if role and role.icon else self.icon) or ""

    def label_for(self, entry: PersonEntry, lang: str, default_lang: str) -> str:
        """"Amira (broer of zus)": the name with the role's word; either alone when only one is given."""
        role = self.role_of(entry)
        word = resolve(role.label, lang, default_lang) if role else (entry.role or "")
        name = entry.name.strip()
        if name and word:
            return f"{name} ({lower_first(word)})"
        return name or word

    def tag_labels(self, tag_ids: list[str], lang: str, default_lang: str) -> tuple[str, ...]:
        return tuple(
            resolve(tag.label, lang, default_lang) for tag in self.helps_with if tag.id in tag_ids
        )

    def map_items(self, value: list[PersonEntry] | None, lang, default_lang) -> list[MapItem]:
        if not value or self.level is None:
            return []
        return [
            MapItem(
                key=f"{self.id}/{entry.id}",
                level=self.level,
                label=self.label_for(entry, lang, default_lang),
                icon=self.icon_for(entry),
                closeness=entry.closeness,
                helps_with=self.tag_labels(entry.helps_with, lang, default_lang),
                question_id=self.id,
            )
            for entry in value
        ]

    def widget(self, value: list[PersonEntry] | None, ctx: WidgetContext) -> list[PersonEntry] | None:
        entries = list(value or [])
        if len(entries) < MAX_ENTRIES:
            self._add_section(ctx)
        entry_rows(ctx, entries, lambda e: self._describe_entry(e, ctx),
                   lambda e: self._edit_form(e, ctx), "widget.people_added")
        return entries or None

    def _describe_entry(self, entry: PersonEntry, ctx: WidgetContext) -> str:
        icon = self.icon_for(entry)
        tags = ", ".join(self.tag_labels(entry.helps_with, ctx.lang, ctx.default_lang))
        closeness = ctx.words(f"closeness.{entry.closeness.value}")
        label = plain(self.label_for(entry, ctx.lang, ctx.default_lang))
        return f"{icon} **{label}** · {closeness}" + (f" · {tags}" if tags else "")

    def _add_section(self, ctx: WidgetContext) -> None:
        """Plain widgets, no form: a chip tapped while Toevoegen is being answered is sent on its
        own and kept; Toevoegen adds in its callback and then empties the section."""
        st, key = ctx.st, f"{ctx.key}.add"
        with st.container(border=True, key=key):
            st.markdown(f"**{interface_label('widget.add_person', ctx)}**")
            add_choices(ctx, key, lambda: self._choices(ctx, key), "widget.need_name")
            add_button(ctx, key, lambda: self.add_unsaved(ctx))

    def _choices(self, ctx: WidgetContext, key: str) -> None:
        """Who, the name, how close and what they help with: nothing is added until Toevoegen."""
        st = ctx.st
        if self.suggestions:
            seed(ctx, f"{key}.suggestion", None)
            st.pills(
                interface_label("widget.quick_pick", ctx),
                [o.id for o in self.suggestions],
                format_func=labeller(self.suggestions, ctx),
                key=f"{key}.suggestion",
            )
        name_key = "widget.name_or_role" if self.suggestions else "widget.name"
        seed(ctx, f"{key}.name", "", echo=False)
        st.text_input(ctx.words(name_key), max_chars=NAME_CHARS, key=f"{key}.name")
        dutch_beneath(st, ctx.words, ctx.reference, name_key)
        closeness_control(ctx, f"{key}.closeness", Closeness.CLOSE, resettable=True)
        self._tags_control(ctx, f"{key}.helps_with", [], resettable=True)

    def add_unsaved(self, ctx: WidgetContext) -> str | None:
        """Toevoegen (in its callback), and what was left in the add section when the step is left."""
        st, key = ctx.st, f"{ctx.key}.add"
        fields = {f"{key}.suggestion": None, f"{key}.name": "", f"{key}.closeness": Closeness.CLOSE,
                  f"{key}.helps_with": []}
        picked = widget_state(ctx, f"{key}.suggestion")
        role = picked if any(o.id == picked for o in self.suggestions) else None
        name = (widget_state(ctx, f"{key}.name") or "").strip()[:NAME_CHARS]
        if not role and not name:
            return None
        entry = PersonEntry(
            role=role, name=name,
            closeness=Closeness(widget_state(ctx, f"{key}.closeness") or Closeness.CLOSE),
            helps_with=self._known_tags(widget_state(ctx, f"{key}.helps_with")),
        )
        append_entry(ctx, entry)
        reset_widgets(ctx, {k: v for k, v in fields.items() if k in st.session_state})
        return self.label_for(entry, ctx.lang, ctx.default_lang)

    def _edit_form(self, entry: PersonEntry, ctx: WidgetContext) -> None:
        """A form in the row, open after Wijzigen; Bewaren changes the entry in its callback."""
        st, key = ctx.st, f"{ctx.key}.{entry.id}.form"
        with st.form(key, border=False):
            if self.suggestions:
                ids = [o.id for o in self.suggestions]
                st.pills(interface_label("widget.role", ctx), ids,
                         default=entry.role if entry.role in ids else None,
                         format_func=labeller(self.suggestions, ctx), key=f"{key}.role")
            st.text_input(ctx.words("widget.name"), value=entry.name, max_chars=NAME_CHARS, key=f"{key}.name")
            dutch_beneath(st, ctx.words, ctx.reference, "widget.name")
            closeness_control(ctx, f"{key}.closeness", entry.closeness)
            self._tags_control(ctx, f"{key}.helps_with", entry.helps_with)

            def save() -> None:
                role = widget_state(ctx, f"{key}.role", entry.role) if self.suggestions else entry.role
                name = (widget_state(ctx, f"{key}.name", entry.name) or "").strip()[:NAME_CHARS]
                if not role and not name:
                    role, name = entry.role, entry.name  # nothing left to name them by: keep what was
                replace_entry(ctx, entry.id, lambda e: e.model_copy(update={
                    "role": role, "name": name,
                    "closeness": Closeness(widget_state(ctx, f"{key}.closeness") or e.closeness),
                    "helps_with": self._known_tags(widget_state(ctx, f"{key}.helps_with", e.helps_with)),
                }))

            edit_buttons(ctx, key, save)

    def _known_tags(self, chosen: Any) -> list[str]:
        ids = [o.id for o in self.helps_with]
        return known(list(chosen or []), ids)

    def _tags_control(self, ctx: WidgetContext, key: str, default: list[str], resettable: bool = False,
                      ) -> None:
        if not self.helps_with:
            return
        ids = [o.id for o in self.helps_with]
        if resettable:
            seed(ctx, key, known(default, ids))
        ctx.st.pills(
            interface_label("widget.helps_with", ctx),
            ids,
            selection_mode="multi",
            default=None if resettable else known(default, ids),
            format_func=labeller(self.helps_with, ctx),
            key=key,
        )


def all_labels(text: LocalText) -> list[str]:
    """A text in every language it is written in."""
    return list(text.values()) if isinstance(text, dict) else [text]


def lower_first(word: str) -> str:
    """'Broer of zus' → 'broer of zus' inside brackets; an abbreviation ('SLB'er') stays as it is."""
    if len(word) > 1 and word[0].isupper() and word[1].islower():
        return word[0].lower() + word[1:]
    return word
