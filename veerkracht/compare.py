"""Two support maps side by side: what is new, what stayed, what is gone.

Items match on level and name (ignoring case and spaces), never on their keys: keys belong to
one session, and the same grandmother typed twice is still the same grandmother.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from veerkracht.items import MapItem
from veerkracht.levels import CLOSENESS_ORDER, Closeness, Level, closeness_word_key
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
    before: dict[str, MapItem] = field(default_factory=dict)  # a stayed item's key: it on the earlier map

    @property
    def unchanged(self) -> bool:
        return not (self.new or self.gone or self.moved)


def match_key(item: MapItem) -> tuple[Level, str]:
    name = unicodedata.normalize("NFKC", clean_text(item.label)).casefold()
    return item.level, "".join(name.split())


def compare_maps(earlier: SupportMap, current: SupportMap) -> Comparison:
    """Pair items in order of appearance; an item named twice pairs twice before it counts as new."""
    return compare_items(earlier.items, current.items)


def compare_needs(earlier: SupportMap, current: SupportMap) -> Comparison:
    """What the student needed then and needs now, paired as the sources are."""
    return compare_items(earlier.needs, current.needs)


def compare_items(earlier: Sequence[MapItem], current: Sequence[MapItem]) -> Comparison:
    waiting: dict[tuple[Level, str], list[MapItem]] = defaultdict(list)
    for item in earlier:
        waiting[match_key(item)].append(item)
    comparison = Comparison()
    for item in current:
        matches = waiting.get(match_key(item))
        if not matches:
            comparison.new.append(item)
            continue
        before = matches.pop(0)
        comparison.stayed.append(item)
        comparison.before[item.key] = before
        if before.closeness != item.closeness:
            comparison.moved.append(ClosenessChange(item, before.closeness, item.closeness))
    left = {id(item) for items in waiting.values() for item in items}
    comparison.gone = [item for item in earlier if id(item) in left]
    return comparison


@dataclass(frozen=True)
class SharedLayout:
    """Both maps' sources as one list to lay out once, so a source sits in the same place on both.

    An unchanged source is in it once, a source at another closeness twice (once in each ring);
    `earlier` and `current` are the keys each map draws. A label carries its change ("nieuw",
    "nu weg", "dichterbij", "verder weg") as the words beside the maps do.
    """

    items: tuple[MapItem, ...]
    earlier: frozenset[str]
    current: frozenset[str]


def shared_layout(comparison: Comparison, words: WordLookup) -> SharedLayout:
    moved = {change.item.key: change for change in comparison.moved}
    items: list[MapItem] = []
    earlier: set[str] = set()
    current: set[str] = set()
    for item in comparison.stayed:
        change = moved.get(item.key)
        if change is None:
            items.append(replace(item, key=f"both:{item.key}"))
            earlier.add(f"both:{item.key}")
            current.add(f"both:{item.key}")
            continue
        before = comparison.before[item.key]
        closer = CLOSENESS_ORDER.index(change.after) < CLOSENESS_ORDER.index(change.before)
        mark = words("compare.mark_closer" if closer else "compare.mark_further")
        items += [replace(before, key=f"then:{before.key}"), _marked(item, f"now:{item.key}", mark)]
        earlier.add(f"then:{before.key}")
        current.add(f"now:{item.key}")
    for item in comparison.gone:
        items.append(_marked(item, f"then:{item.key}", words("compare.mark_gone")))
        earlier.add(f"then:{item.key}")
    for item in comparison.new:
        items.append(_marked(item, f"now:{item.key}", words("compare.mark_new")))
        current.add(f"now:{item.key}")
    return SharedLayout(tuple(items), frozenset(earlier), frozenset(current))


def _marked(item: MapItem, key: str, mark: str) -> MapItem:
    return replace(item, key=key, label=f"{item.label} · {mark}")


def moved_line(change: ClosenessChange, words: WordLookup) -> str:
    """A source at another closeness, in words: how close for people, how at home for places."""
    level = change.item.level
    return words("compare.moved_line", label=change.item.label,
                 before=words(closeness_word_key(change.before, level)).lower(),
                 after=words(closeness_word_key(change.after, level)).lower())
