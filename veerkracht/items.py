"""What a question contributes to the support map: one item per source of support."""

from __future__ import annotations

from dataclasses import dataclass

from veerkracht.levels import Closeness, Level


@dataclass(frozen=True)
class MapItem:
    key: str  # stable within a session: "<question id>/<option or entry id>"
    level: Level
    label: str
    icon: str
    closeness: Closeness = Closeness.CLOSE
    helps_with: tuple[str, ...] = ()  # readable words, in the session language
    question_id: str = ""
