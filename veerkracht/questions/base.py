"""What every question type shares: identity, texts, where its answers land on the map."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from veerkracht.items import MapItem
from veerkracht.levels import Level
from veerkracht.limits import ANSWER_BYTES, ENTRIES, ENTRY_BYTES, ID_CHARS
from veerkracht.text import LocalText, resolve

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=ID_CHARS,
        description="Korte naam zonder spaties, bijvoorbeeld 'sport' of 'wie-helpt'. Short id.",
    ),
]
Icon = Annotated[
    str,
    Field(max_length=16, description="Eén emoji, bijvoorbeeld ⚽. One emoji."),
]

# A path into a question set, e.g. ("steps", 2, "questions", 0, "options", 3, "icon").
Path = tuple[str | int, ...]


class StrictModel(BaseModel):
    """Unknown fields are mistakes (often a typo) and are reported, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(StrictModel):
    id: Id
    label: LocalText = Field(description="Wat de student ziet. What the student sees.")
    icon: Icon | None = Field(default=None, description="Emoji bij de keuze. Emoji.")
    level: Level | None = Field(
        default=None,
        description=(
            "Op welk niveau deze keuze op de steunkaart komt (individual, relational, "
            "contextual). Leeg: het niveau van de vraag."
        ),
    )


@dataclass
class WidgetContext:
    """What a widget needs from the UI layer; the UI hands in Streamlit itself as `st`."""

    st: Any
    lang: str
    default_lang: str
    words: Callable[[str], str]  # interface word by key, in the session language
    key: str  # prefix for widget keys, unique per question
    earlier_items: list[MapItem] = field(default_factory=list)  # what `plan` can refer to
    reference: bool = False  # the Dutch small beside each option too, for a coach who reads Dutch
    # Applies a change to this question's answer at once: what a button's callback calls, so the
    # change is made before anything showing the answer is drawn (old answer → new answer).
    change: Callable[[Callable[[Any], Any]], None] | None = None
    # Draws an add section's choices (what does not change the answer until Toevoegen) so that a
    # tap on them reruns them alone: the UI hands in a fragment; without it, drawn in place.
    alone: Callable[[str, Callable[[], None]], None] | None = None

    def draw_alone(self, name: str, draw: Callable[[], None]) -> None:
        if self.alone is None:
            draw()
        else:
            self.alone(name, draw)

    def t(self, text: LocalText | None) -> str:
        return resolve(text, self.lang, self.default_lang)


class QuestionBase(StrictModel):
    """Fields and behaviour every question type has. A type is one module in this package."""

    id: Id
    text: LocalText = Field(description="De vraag: kort, één idee. The question: short.")
    help: LocalText | None = Field(default=None, description="Eén regel uitleg. One-line help.")
    icon: Icon | None = Field(default=None, description="Emoji bij de vraag. Emoji for the question.")
    level: Level | None = Field(
        default=None,
        description=(
            "Op welk niveau de antwoorden op de steunkaart komen. Leeg: niet op de kaart. "
            "Where answers land on the support map; empty: not on the map."
        ),
    )
    need: bool = Field(
        default=False,
        description=(
            "De antwoorden zijn wat de student nog wil of nodig heeft, geen steun die er al is. "
            "Ze komen dan apart bij 'Wat ik nog nodig heb', nooit in een ring van de kaart. "
            "Answers are wishes or needs, not support the student has: shown apart, never on a ring."
        ),
    )

    # The answer's type; session files are validated against it.
    answer_type: ClassVar[Any] = None
    # Question types whose answers a `plan` can pick as helpers.
    names_sources: ClassVar[bool] = False

    def parse_answer(self, raw: Any) -> Any:
        """Validate a stored answer; raises pydantic.ValidationError when it does not fit."""
        return _adapter(self.answer_type).validate_python(raw)

    def dump_answer(self, value: Any) -> Any:
        return _adapter(self.answer_type).dump_python(value, mode="json")

    def is_empty(self, value: Any) -> bool:
        return value in (None, "", [], {})

    def map_items(self, value: Any, lang: str, default_lang: str) -> list[MapItem]:
        """The sources of support this answer puts on the map."""
        return []

    def most_map_items(self) -> int:
        """The most sources an answer can put on the map: for people and places, every entry."""
        return ENTRIES if self.names_sources and self.level is not None else 0

    def most_answer_bytes(self) -> int:
        """The most an answer can take in a session file, written by the widgets at their limits."""
        return ENTRIES * ENTRY_BYTES if self.names_sources else ANSWER_BYTES

    def describe(self, value: Any, lang: str, default_lang: str) -> str:
        """The answer in words, for the text beside the map and the PDF."""
        return ", ".join(i.label for i in self.map_items(value, lang, default_lang))

    def texts(self) -> Iterator[tuple[Path, Any]]:
        """Every readable text in this question, with its path; for translation and lint checks."""
        yield ("text",), self.text
        if self.help is not None:
            yield ("help",), self.help

    def option_lists(self) -> Iterator[tuple[str, list[Option]]]:
        """Each list of options this question has, by field name (for id and icon checks)."""
        return iter(())

    def widget(self, value: Any, ctx: WidgetContext) -> Any:
        """Draw the question and return the (possibly changed) answer."""
        raise NotImplementedError(f"no widget for question type {type(self).__name__}")

    def add_unsaved(self, ctx: WidgetContext) -> str | None:
        """When the step is left: what the question's add section holds (a chip chosen, a name
        typed) but Toevoegen never added, added now, as the student expects. Returns its words,
        or None when nothing was waiting (or the question has no add section)."""
        return None

    def readable_options(self, lang: str, default_lang: str) -> list[str]:
        """Labels to read aloud after the question."""
        return [
            resolve(o.label, lang, default_lang)
            for _, options in self.option_lists()
            for o in options
        ]


def option_texts(name: str, options: list[Option]) -> Iterator[tuple[Path, Any]]:
    for index, option in enumerate(options):
        yield (name, index, "label"), option.label


_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(kind: Any) -> TypeAdapter:
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]
