"""`people`: the student names people, each with a closeness and what they help with."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level
from veerkracht.limits import ENTRIES as MAX_ENTRIES
from veerkracht.limits import ID_CHARS, NAME_CHARS
from veerkracht.questions.base import Icon, Option, QuestionBase, WidgetContext, option_texts
from veerkracht.text import resolve
from veerkracht.ui.safe import plain
from veerkracht.ui.widgets import (
    closeness_control,
    dutch_beneath,
    entry_rows,
    interface_label,
    known,
    labeller,
)


def new_entry_id() -> str:
    return secrets.token_hex(4)


# Enter in a text box of an add form moves on to the next choice in that form (how close), as Tab
# does; it never sends the form. Only the Toevoegen button adds. Installed once per page.
ENTER_MOVES_ON = """<span class="vk-enter-moves-on" hidden></span><script>(() => {
  if (window.vkEnterMovesOn) return;
  window.vkEnterMovesOn = true;
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || event.isComposing || !(field instanceof HTMLInputElement)) return;
    const form = field.closest('[data-testid="stForm"]');
    if (!form || !form.querySelector(".vk-enter-moves-on")) return;
    const later = (element) => field.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING;
    const group = Array.from(form.querySelectorAll('[data-testid="stButtonGroup"]')).find(later);
    if (!group) return;
    event.preventDefault();
    const chosen = group.querySelector('button[aria-checked="true"], button[aria-pressed="true"]');
    const target = chosen || group.querySelector("button");
    setTimeout(() => target && target.focus(), 0);
  }, true);
})();</script>"""


def enter_moves_on(ctx: WidgetContext) -> None:
    """Call inside an add form: Enter in its text box goes to the next choice, not to Toevoegen."""
    ctx.st.html(ENTER_MOVES_ON, unsafe_allow_javascript=True)


class PersonEntry(BaseModel):
    id: str = Field(default_factory=new_entry_id, max_length=ID_CHARS)
    name: str = Field(min_length=1, max_length=NAME_CHARS)
    closeness: Closeness = Closeness.CLOSE
    helps_with: list[str] = Field(default_factory=list, max_length=20)


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

    def icon_for(self, name: str, lang: str, default_lang: str) -> str:
        """A suggestion's emoji when the name is that suggestion, else the question's."""
        for option in self.suggestions:
            if resolve(option.label, lang, default_lang).casefold() == name.casefold():
                return option.icon or self.icon or ""
        return self.icon or ""

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
                label=entry.name,
                icon=self.icon_for(entry.name, lang, default_lang),
                closeness=entry.closeness,
                helps_with=self.tag_labels(entry.helps_with, lang, default_lang),
                question_id=self.id,
            )
            for entry in value
        ]

    def widget(self, value: list[PersonEntry] | None, ctx: WidgetContext) -> list[PersonEntry] | None:
        entries = list(value or [])
        added = self._add_form(ctx) if len(entries) < MAX_ENTRIES else None
        if added is not None:
            entries.append(added)
        entries = entry_rows(ctx, entries, lambda e: self._describe_entry(e, ctx),
                             lambda e: self._edit_form(e, ctx), "widget.people_added")
        return entries or None

    def _describe_entry(self, entry: PersonEntry, ctx: WidgetContext) -> str:
        icon = self.icon_for(entry.name, ctx.lang, ctx.default_lang)
        tags = ", ".join(self.tag_labels(entry.helps_with, ctx.lang, ctx.default_lang))
        closeness = ctx.words(f"closeness.{entry.closeness.value}")
        return f"{icon} **{plain(entry.name)}** · {closeness}" + (f" · {tags}" if tags else "")

    def _add_form(self, ctx: WidgetContext) -> PersonEntry | None:
        st, key = ctx.st, f"{ctx.key}.add"
        with st.form(key, clear_on_submit=True, enter_to_submit=False):
            enter_moves_on(ctx)
            st.markdown(f"**{interface_label('widget.add_person', ctx)}**")
            picked = None
            if self.suggestions:
                picked = st.pills(
                    interface_label("widget.quick_pick", ctx),
                    [o.id for o in self.suggestions],
                    format_func=labeller(self.suggestions, ctx),
                    key=f"{key}.suggestion",
                )
            name_key = "widget.name_or_role" if self.suggestions else "widget.name"
            typed = st.text_input(ctx.words(name_key), max_chars=NAME_CHARS, key=f"{key}.name")
            dutch_beneath(st, ctx.words, ctx.reference, name_key)
            closeness = closeness_control(ctx, f"{key}.closeness", Closeness.CLOSE)
            tags = self._tags_control(ctx, f"{key}.helps_with", [])
            submitted = st.form_submit_button(
                ctx.words("button.add"), icon="➕", type="primary", key=f"{key}.submit"
            )
        if not submitted:
            return None
        suggestion = next((o for o in self.suggestions if o.id == picked), None)
        name = (typed or "").strip() or (ctx.t(suggestion.label) if suggestion else "")
        if not name:
            st.warning(ctx.words("widget.need_name"))
            return None
        return PersonEntry(name=name, closeness=closeness, helps_with=tags)

    def _edit_form(self, entry: PersonEntry, ctx: WidgetContext) -> PersonEntry | None:
        st, key = ctx.st, f"{ctx.key}.{entry.id}.form"
        with st.form(key, border=False):
            name = st.text_input(ctx.words("widget.name"), value=entry.name, max_chars=NAME_CHARS,
                                 key=f"{key}.name")
            dutch_beneath(st, ctx.words, ctx.reference, "widget.name")
            closeness = closeness_control(ctx, f"{key}.closeness", entry.closeness)
            tags = self._tags_control(ctx, f"{key}.helps_with", entry.helps_with)
            saved = st.form_submit_button(ctx.words("button.save"), icon="💾", key=f"{key}.submit")
        if not saved:
            return None
        return entry.model_copy(
            update={"name": (name or "").strip() or entry.name, "closeness": closeness, "helps_with": tags}
        )

    def _tags_control(self, ctx: WidgetContext, key: str, default: list[str]) -> list[str]:
        if not self.helps_with:
            return []
        ids = [o.id for o in self.helps_with]
        return ctx.st.pills(
            interface_label("widget.helps_with", ctx),
            ids,
            selection_mode="multi",
            default=known(default, ids),
            format_func=labeller(self.helps_with, ctx),
            key=key,
        )
