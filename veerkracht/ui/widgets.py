"""Pieces several question widgets share. Streamlit comes in through the widget context."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from veerkracht.levels import CLOSENESS_ORDER, Closeness, Level, closeness_word_key
from veerkracht.text import LocalText
from veerkracht.ui.focus import back_to_row_script, focus_script
from veerkracht.ui.language import REFERENCE_LANGUAGE, isolated, local, reference_html, reference_text
from veerkracht.ui.presses import changed
from veerkracht.ui.safe import plain_html

if TYPE_CHECKING:
    from veerkracht.questions.base import Option, QuestionBase, WidgetContext

T = TypeVar("T")


def question_label(question: QuestionBase, ctx: WidgetContext) -> str:
    """The question as the student reads it, with its emoji."""
    text = local(question.text, ctx.lang, ctx.default_lang)
    return f"{question.icon} {text}" if question.icon else text


def option_label(option: Option, ctx: WidgetContext) -> str:
    return labelled(option.icon, option.label, ctx)


def labelled(icon: str | None, text: LocalText, ctx: WidgetContext) -> str:
    """An option as the student reads it: its emoji and text; in the view for the coach, the Dutch
    small beside it. A text that runs the other way than the page keeps its own direction."""
    label = local(text, ctx.lang, ctx.default_lang)
    if icon:
        label = f"{icon} {label}"
    dutch = reference_text(text, ctx.lang, ctx.default_lang) if ctx.reference else None
    if dutch:
        label += f" :small[{_directive_text(dutch)}]"
    return label


def interface_label(key: str, ctx: WidgetContext) -> str:
    """An interface word as a widget's label or choice; in the view for the coach, with the Dutch
    word small beside it (the interface words fall back to Dutch, so they hold it)."""
    return words_label(key, ctx.words, ctx.reference)


def words_label(key: str, words: Any, reference: bool) -> str:
    """interface_label for screens without a question: the start, the end and the help."""
    text = words(key)
    dutch = reference_word(key, words, reference)
    return f"{text} {small_dutch(dutch, getattr(words, 'lang', REFERENCE_LANGUAGE))}" if dutch else text


def small_dutch(dutch: str, page_lang: str) -> str:
    """Dutch as small Markdown beside the student's language; on an Arabic page it keeps its own
    direction, so its question mark and full stop stay at its end."""
    return f":small[{_directive_text(isolated(dutch, REFERENCE_LANGUAGE, page_lang))}]"


def reference_word(key: str, words: Any, reference: bool) -> str | None:
    """The Dutch of an interface word, when the coach asked for it and it differs."""
    dutch = getattr(words, "reference", {}).get(key) if reference else None
    return dutch if dutch and "{" not in dutch and dutch != words(key) else None


def dutch_beneath(container: Any, words: Any, reference: bool, *keys: str) -> None:
    """The Dutch of interface words as small lines beneath them, in one element; nothing if none."""
    lang = getattr(words, "lang", REFERENCE_LANGUAGE)
    lines = [reference_html(dutch, lang) for key in keys if (dutch := reference_word(key, words, reference))]
    if lines:
        container.html("".join(lines))


def _directive_text(text: str) -> str:
    """Text safe inside a Markdown directive such as :small[...]: a bracket cannot end it early."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def labeller(options: Iterable[Option], ctx: WidgetContext) -> Callable[[str], str]:
    """A format function from option id to what the student sees."""
    labels = {option.id: option_label(option, ctx) for option in options}
    return lambda option_id: labels.get(option_id, option_id)


def known(wanted: Iterable[T] | T | None, options: Sequence[T]) -> list[T]:
    """Keep only values that are still options: content may have changed since they were saved."""
    if wanted is None:
        return []
    values = wanted if isinstance(wanted, list | tuple) else [wanted]
    return [value for value in values if value in options]


def closeness_control(
    ctx: WidgetContext, key: str, default: Closeness, level: Level = Level.RELATIONAL,
    resettable: bool = False,
) -> Closeness:
    """Close, a bit, further away (for a place: how at home): words, never colour alone.

    `resettable`: a callback may put it back (an add section); its start then comes through
    session state, else as the widget's default (an edit form, drawn again wherever its row moves)."""
    label_key = "widget.at_home" if level == Level.CONTEXTUAL else "widget.closeness"
    if resettable:
        seed(ctx, key, default)
    chosen = ctx.st.segmented_control(
        interface_label(label_key, ctx),
        list(CLOSENESS_ORDER),
        default=None if resettable else default,
        format_func=lambda c: interface_label(closeness_word_key(c, level), ctx),
        required=True,
        key=key,
    )
    return Closeness(chosen) if chosen else default


# Widget key → the value the server last gave the browser for a widget a callback may put back.
TOLD_KEY = "widgets.told"
# A number that changes with every step gone to: a widget seen again on a step come back to.
VISIT_KEY = "widgets.visit"


def seed(ctx: WidgetContext, key: str, value: Any, echo: bool = True) -> None:
    """A widget's first value, through session state rather than a default: a callback can then
    reset it (after Toevoegen) without a default and a reset telling two stories.

    `echo`: a choice made after such a reset is given back to the browser in the run it causes. A
    chip tapped while Toevoegen was still being answered is in that run's state, but the browser
    then takes the reset that arrives after the tap and shows the chip empty; the echo arrives
    after the reset and puts the tap back, so what the student tapped is what is added. Not for
    text boxes: giving a text back could overwrite letters typed since."""
    state = ctx.st.session_state
    visit, seen_key = state.get(VISIT_KEY), f"{key}.visit"
    if key not in state:
        state[key] = value
        state[seen_key] = visit
        return
    if state.get(seen_key) != visit:  # back on its step: the browser drew it anew, empty
        state[seen_key] = visit
        state[key] = state[key]
        return
    told = state.get(TOLD_KEY)
    if echo and told is not None and key in told and state[key] != told[key]:
        told[key] = state[key]
        state[key] = state[key]  # set by the app: the browser takes this value


def widget_state(ctx: WidgetContext, key: str, default: Any = None) -> Any:
    """What a widget holds now; in a callback, what the student chose before pressing."""
    return ctx.st.session_state.get(key, default)


def reset_widgets(ctx: WidgetContext, values: dict[str, Any]) -> None:
    """In a callback, before the next draw: put these widgets back to these values."""
    state = ctx.st.session_state
    told = state.setdefault(TOLD_KEY, {})
    for key, value in values.items():
        state[key] = value
        told[key] = value


def add_choices(ctx: WidgetContext, key: str, draw: Callable[[], None], warning_key: str) -> None:
    """An add section's choices, drawn so that a tap on them reruns them alone (see
    WidgetContext.draw_alone). Beneath them, after a Toevoegen with nothing to add, a word says what
    is missing, until one of the choices changes: then it is no longer true."""

    def choices() -> None:
        draw()
        warned = ctx.st.session_state.get(f"{key}.warn")
        if warned is not None and warned == _section_values(ctx, key):
            ctx.st.warning(ctx.words(warning_key))

    ctx.draw_alone(key, choices)


def add_button(ctx: WidgetContext, key: str, on_add: Callable[[], str | None]) -> None:
    """Toevoegen: `on_add` runs in the button's callback, before the next run draws anything, and
    returns the words of what it added, or None when there was nothing to add (then add_choices says
    what is missing). What was added is said beneath the button: on a laptop the new row can be
    below the fold, and the section has just emptied itself."""
    state = ctx.st.session_state
    count_key, warn_key = f"{key}.added", f"{key}.warn"

    def pressed() -> None:
        changed(ctx.key)
        added = on_add()
        forget_said(ctx)
        if added is not None:
            state[count_key] = state.get(count_key, 0) + 1
            state.setdefault(SAID_KEY, {})[ctx.key] = added
            state.pop(warn_key, None)
        else:  # the choices as they are now: the word stays until one of them changes
            state[warn_key] = _section_values(ctx, key)

    ctx.st.button(ctx.words("button.add"), icon="➕", type="primary", key=f"{key}.submit", on_click=pressed)
    said = (state.get(SAID_KEY) or {}).get(ctx.key)
    # Then the focus goes to the section's first chip without moving the page (see ui/focus.py). What
    # was added is said in the same element as that script: every element costs each tap time.
    shown = f'<p class="vk-said">✅ {html.escape(ctx.words("widget.added", what=plain_html(said)))}</p>' \
        if said else ""
    script = focus_script(key, f"{key}.submit", state.get(count_key, 0))
    ctx.st.html(shown + script, unsafe_allow_javascript=True)


_SECTION_OWN = (".added", ".warn", ".submit")  # add_button's own keys, not choices


def _section_values(ctx: WidgetContext, key: str) -> dict[str, Any]:
    """What the add section's choices hold now (its widgets' keys start with the section's key)."""
    state, prefix = ctx.st.session_state, f"{key}."
    return {k: state[k] for k in list(state)
            if str(k).startswith(prefix) and not str(k).endswith(_SECTION_OWN)}


# Question key → what its Toevoegen added last, said beneath the button until the list changes
# otherwise (Wijzigen, Weghalen) or the step is left.
SAID_KEY = "widgets.said"


def forget_said(ctx: WidgetContext) -> None:
    (ctx.st.session_state.get(SAID_KEY) or {}).pop(ctx.key, None)


def entry_rows(
    ctx: WidgetContext,
    entries: list[Any],
    describe: Callable[[Any], str],
    edit: Callable[[Any], None],
    heading_key: str,
) -> None:
    """What was added, each with change and remove. Both act in their callbacks, so the rows drawn
    here are the answer as it is now: a second press never lands on a row that is already gone.

    Wijzigen opens the row's form in the row itself, one row at a time; the other rows draw no form,
    so a tap elsewhere on the page does not redraw every row's form (a run stays short)."""
    ctx.st.markdown(f"**{interface_label(heading_key, ctx)}**")
    if not entries:
        ctx.st.caption(interface_label("widget.nothing_yet", ctx))
    editing = ctx.st.session_state.get(editing_key(ctx.key))
    for entry in entries:
        described = describe(entry)
        # One container for the row: the words on their own line, the buttons beneath (style in
        # layout.py); a container inside it for the buttons would cost every tap an element more.
        row = ctx.st.container(border=True, key=f"{ctx.key}.{entry.id}.row", horizontal=True)
        with row:
            ctx.st.markdown(described)
            row.button(
                ctx.words("button.edit"),
                icon="✏️",
                key=f"{ctx.key}.{entry.id}.edit",
                on_click=toggle_editing,
                args=(ctx, entry.id),
            )
            row.button(
                ctx.words("button.remove"),
                icon="🗑️",
                key=f"{ctx.key}.{entry.id}.remove",
                help=described,
                on_click=remove_entry,
                args=(ctx, entry.id),
            )
            if editing == entry.id:
                edit(entry)
    closed = ctx.st.session_state.get(closed_key(ctx.key))
    if closed and any(entry.id == closed[0] for entry in entries):
        script = back_to_row_script(f"{ctx.key}.{closed[0]}.edit", closed[1])
        ctx.st.html(script, unsafe_allow_javascript=True)


def editing_key(question_key: str) -> str:
    """Session state: the id of the row whose form is open in this question, if any."""
    return f"{question_key}.editing"


def toggle_editing(ctx: WidgetContext, entry_id: str) -> None:
    """Wijzigen opens this row's form (closing another's); pressed again, it closes it."""
    changed(ctx.key)
    forget_said(ctx)
    key = editing_key(ctx.key)
    state = ctx.st.session_state
    state[key] = None if state.get(key) == entry_id else entry_id


def closed_key(question_key: str) -> str:
    """Session state: the row whose form was closed last (its id) and how many were closed."""
    return f"{question_key}.closed"


def stop_editing(ctx: WidgetContext) -> None:
    """Bewaren or Annuleren: the form closes, and the focus goes back to its row (ui/focus.py)."""
    changed(ctx.key)
    state = ctx.st.session_state
    key = editing_key(ctx.key)
    if state.get(key):
        count = (state.get(closed_key(ctx.key)) or (None, 0))[1]
        state[closed_key(ctx.key)] = (state[key], count + 1)
    state[key] = None


def edit_buttons(ctx: WidgetContext, key: str, save: Callable[[], None]) -> None:
    """Bewaren and Annuleren at the end of a row's form; both close the form in their callback."""
    def saved() -> None:
        save()
        stop_editing(ctx)

    row = ctx.st.container(horizontal=True)
    with row:
        ctx.st.form_submit_button(ctx.words("button.save"), icon="💾", type="primary", key=f"{key}.submit",
                                  on_click=saved)
        ctx.st.form_submit_button(ctx.words("button.cancel"), key=f"{key}.cancel",
                                  on_click=stop_editing, args=(ctx,))


def remove_entry(ctx: WidgetContext, entry_id: str) -> None:
    forget_said(ctx)
    if ctx.st.session_state.get(editing_key(ctx.key)) == entry_id:
        stop_editing(ctx)
    if ctx.change is not None:
        ctx.change(lambda entries: [e for e in entries or [] if e.id != entry_id])


def replace_entry(ctx: WidgetContext, entry_id: str, update: Callable[[Any], Any]) -> None:
    """In a callback: the entry with this id, changed by `update` (kept where it was in the list)."""
    if ctx.change is not None:
        ctx.change(lambda entries: [update(e) if e.id == entry_id else e for e in entries or []])


def append_entry(ctx: WidgetContext, entry: Any) -> None:
    if ctx.change is not None:
        ctx.change(lambda entries: [*(entries or []), entry])
