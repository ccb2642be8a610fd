"""Two support maps side by side: what is new, what stayed, what is gone.

Items match on level and name (ignoring case and spaces), never on their keys: keys belong to
one session, and the same grandmother typed twice is still the same grandmother.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level, closeness_word_key
from veerkracht.supportmap import SupportMap, WordLookup
from veerkracht.text import clean_text


@dataclass(frozen=True)
class ClosenessChange:
    item: MapItem  # as it is now
    before: Closeness
    after: Closeness


@dataclass
class Comparison:
    new: list[MapItem] = field(default_factory=list)  # only on the current map
    stayed: list[MapItem] = field(default_factory=list)  # on both; as they are now
    gone: list[MapItem] = field(default_factory=list)  # only on the earlier map
    moved: list[ClosenessChange] = field(default_factory=list)  # stayed, at another closeness

    @property
    def unchanged(self) -> bool:
        return not (self.new or self.gone or self.moved)


def match_key(item: MapItem) -> tuple[Level, str]:
    name = unicodedata.normalize("NFKC", clean_text(item.label)).casefold()
    return item.level, "".join(name.split())


def compare_maps(earlier: SupportMap, current: SupportMap) -> Comparison:
    """Pair items in order of appearance; an item named twice pairs twice before it counts as new."""
    waiting: dict[tuple[Level, str], list[MapItem]] = defaultdict(list)
    for item in earlier.items:
        waiting[match_key(item)].append(item)
    comparison = Comparison()
    for item in current.items:
        matches = waiting.get(match_key(item))
        if not matches:
            comparison.new.append(item)
            continue
        before = matches.pop(0)
        comparison.stayed.append(item)
        if before.closeness != item.closeness:
            comparison.moved.append(ClosenessChange(item, before.closeness, item.closeness))
    left = {id(item) for items in waiting.values() for item in items}
    comparison.gone = [item for item in earlier.items if id(item) in left]
    return comparison


def moved_line(change: ClosenessChange, words: WordLookup) -> str:
    """A source at another closeness, in words: how close for people, how at home for places."""
    level = change.item.level
    return words("compare.moved_line", label=change.item.label,
                 before=words(closeness_word_key(change.before, level)).lower(),
                 after=words(closeness_word_key(change.after, level)).lower())
