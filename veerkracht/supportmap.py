"""Mijn steunkaart: the sources of support from the answers, the needs apart, and the map in words.

Pure Python, no Streamlit, no Plotly. Where each source sits on the map is layout_map.py.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from veerkracht.answers import Answers
from veerkracht.items import MapItem
from veerkracht.layout_map import (  # noqa: F401  the layout's names, where they were before it had a module
    EMPTY_INVITATION_KEY,
    PIXELS_PER_UNIT,
    RING_ARC,
    RING_SIDES,
    SECTORS,
    Anchor,
    Box,
    MapLayout,
    PlacedItem,
    RingNames,
    WordLookup,
    boxes_overlap,
    label_lines,
    label_width,
    layout,
    marker_radius,
    ring_names,
    short_label,
    text_units,
)
from veerkracht.levels import WHEN_WORD_KEYS, Level, When, closeness_word_key
from veerkracht.limits import NICKNAME_CHARS
from veerkracht.model import QuestionSet
from veerkracht.questions.plan import PlanQuestion
from veerkracht.text import clean_text, resolve


@dataclass(frozen=True)
class NextStep:
    """One small step the student plans, with when and who or what helps."""

    key: str
    what: str
    when: When | None = None
    helpers: tuple[MapItem, ...] = ()


@dataclass(frozen=True)
class SupportMap:
    """Everything the map, its words and its PDF show; built from the answers, never stored.

    `items` is the support the student has, drawn in the rings; `needs` is what they still wish
    for or need (answers to a question with `need: true`), always shown apart, never in a ring.
    """

    items: tuple[MapItem, ...]
    next_steps: tuple[NextStep, ...] = ()
    nickname: str = ""
    language: str = "nl"
    title: str = ""
    needs: tuple[MapItem, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.items

    def by_level(self) -> dict[Level, list[MapItem]]:
        """The items per level, in level order and answer order."""
        return {level: [i for i in self.items if i.level == level] for level in Level}


def build_support_map(question_set: QuestionSet, answers: Answers) -> SupportMap:
    lang, default = answers.language, question_set.default_language
    items: list[MapItem] = []
    needs: list[MapItem] = []
    for _, question in question_set.questions():
        found = question.map_items(answers.get(question.id), lang, default)
        (needs if question.need else items).extend(_cleaned(item) for item in found)
    steps: list[NextStep] = []
    for _, question in question_set.questions():
        if not isinstance(question, PlanQuestion):
            continue
        value = answers.get(question.id) or []
        earlier = {item.key: item for item in answers.items_before(question_set, question.id)}
        for step in value:
            what = clean_text(question.what_of(step, lang, default))
            if not what:
                continue
            helpers = tuple(_cleaned(earlier[k]) for k in step.helpers if k in earlier)
            steps.append(NextStep(f"{question.id}/{step.id}", what, step.when, helpers))
    return SupportMap(
        items=tuple(items),
        next_steps=tuple(steps),
        nickname=clean_text(answers.nickname),
        language=lang,
        title=resolve(question_set.title, lang, default),
        needs=tuple(needs),
    )


def _cleaned(item: MapItem) -> MapItem:
    return replace(
        item,
        label=clean_text(item.label),
        helps_with=tuple(clean_text(h) for h in item.helps_with),
    )


# --- The map in words -----------------------------------------------------------------------


def item_line(item: MapItem, words: WordLookup) -> str:
    """One source in words: its name, how close (people) or how at home (places), what it helps with."""
    line = item.label
    if item.level != Level.INDIVIDUAL:
        line = words("map.item_closeness", label=item.label,
                     closeness=words(closeness_word_key(item.closeness, item.level)).lower())
    if item.helps_with:
        line += " – " + words("map.helps_with", what=", ".join(h.lower() for h in item.helps_with))
    return line


def step_line(step: NextStep, words: WordLookup) -> str:
    """A next step in words: what, when, and who or what helps."""
    parts = [step.what]
    if step.when is not None:
        parts.append(words(WHEN_WORD_KEYS[step.when]).lower())
    if step.helpers:
        parts.append(words("map.step_helpers", who=", ".join(h.label for h in step.helpers)))
    return " – ".join(parts)


def download_name(base: str, nickname: str, extension: str, today: date | None = None) -> str:
    """`steunkaart-<nickname>-<date>.<extension>`: whose and when, so files never pile up as (1), (2).

    Base and nickname keep only letters and digits (in any script), the rest becomes one "-", the
    nickname at most NICKNAME_CHARS; without a nickname the name is the base and the date.
    """
    when = (today or date.today()).isoformat()
    parts = (_file_safe(base) or "steunkaart", _file_safe(nickname)[:NICKNAME_CHARS].strip("-"), when)
    return "-".join(part for part in parts if part) + f".{extension}"


def _file_safe(text: str) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in unicodedata.normalize("NFC", clean_text(text)))
    return "-".join(part for part in kept.split("-") if part)
