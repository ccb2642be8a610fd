"""The three levels of the support map and the closeness rings: defined once, used everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    INDIVIDUAL = "individual"
    RELATIONAL = "relational"
    CONTEXTUAL = "contextual"


class Closeness(StrEnum):
    CLOSE = "close"
    SOME = "some"
    FAR = "far"


class When(StrEnum):
    TODAY = "today"
    TOMORROW = "tomorrow"
    THIS_WEEK = "this_week"


@dataclass(frozen=True)
class LevelStyle:
    colour: str  # Okabe-Ito: safe for the common kinds of colour blindness
    light: str  # a pale tint for backgrounds
    icon: str
    marker: str  # plotly marker symbol, so colour is never the only cue
    word_key: str  # interface word for the level's name


LEVEL_STYLES: dict[Level, LevelStyle] = {
    Level.INDIVIDUAL: LevelStyle("#0072B2", "#E3F0F8", "⭐", "star", "level.individual"),
    Level.RELATIONAL: LevelStyle("#C44E00", "#FBEBE0", "👥", "circle", "level.relational"),
    Level.CONTEXTUAL: LevelStyle("#007A5A", "#E0F3EC", "📍", "square", "level.contextual"),
}

CLOSENESS_ORDER: tuple[Closeness, ...] = (Closeness.CLOSE, Closeness.SOME, Closeness.FAR)
CLOSENESS_WORD_KEYS: dict[Closeness, str] = {c: f"closeness.{c.value}" for c in Closeness}
# Places have their own words, "how at home do you feel there", on the same three rings.
PLACE_CLOSENESS_WORD_KEYS: dict[Closeness, str] = {c: f"closeness_place.{c.value}" for c in Closeness}


def closeness_word_key(closeness: Closeness, level: Level | None = None) -> str:
    """The interface word for a closeness: at-home words for places, close-by words for the rest."""
    keys = PLACE_CLOSENESS_WORD_KEYS if level == Level.CONTEXTUAL else CLOSENESS_WORD_KEYS
    return keys[closeness]
WHEN_WORD_KEYS: dict[When, str] = {w: f"when.{w.value}" for w in When}
# What the student still needs (a question with `need: true`): never a level, never in a ring.
NEED_STYLE = LevelStyle("#8E3A80", "#F8EEF6", "🌱", "circle-open", "map.needs_heading")
