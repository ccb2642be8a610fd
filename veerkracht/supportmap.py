"""Mijn steunkaart: the sources of support from the answers, and where each one sits on the map.

Pure Python on purpose: the Plotly figure and the PDF draw the same layout, and tests check it
without either. Map units: "Ik" at (0, 0), the rings 1.2 out. The sizes below assume a label
font where one unit is 126 pixels, so the map with up to about ten items is as wide as a phone
column; a drawing may scale the whole map, as long as text and markers scale with it. A crowded
ring grows wider instead of letting labels collide.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from veerkracht.answers import Answers
from veerkracht.items import MapItem
from veerkracht.levels import CLOSENESS_WORD_KEYS, LEVEL_STYLES, WHEN_WORD_KEYS, Closeness, Level, When
from veerkracht.model import QuestionSet
from veerkracht.questions.plan import PlanQuestion
from veerkracht.text import resolve

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Anchor = Literal["right", "left", "below"]
WordLookup = Callable[..., str]

PIXELS_PER_UNIT = 126  # the figure's full scale; the sizes below are measured against a 10-pixel label font
LABEL_CHARS = 18  # longer labels are cut with "…"; the full text is in the hover and the words
CHAR_WIDTH = 0.046  # one average character of a map label, in map units
LINE_HEIGHT = 0.11  # one line of label text, its ascent and descent included
MARKER_RADIUS = 0.1  # half the width of a marker, its edge included
MARKER_RADIUS_BY_SHAPE = {"star": 0.14}  # a star's points are thin: it needs more room to hold its emoji
GAP = 0.02  # between a marker and its label, and around every box
CENTRE_RADIUS = 0.17
EDGE = 0.12  # how far labels may reach past the outer ring
RING_WORD_WIDTH = 0.5  # room for a ring's name, where the ring meets the edge of "ik zelf"
RING_WORD_ANGLE = 30.0
TITLE_HEIGHT = 0.16  # room above and below the map for the level names
BASE_RINGS: dict[Closeness, tuple[float, float]] = {
    Closeness.CLOSE: (0.2, 0.55),
    Closeness.SOME: (0.55, 0.88),
    Closeness.FAR: (0.88, 1.2),
}
RING_WIDENING = 0.12  # a crowded ring grows by this much, and the rings outside it move out
MAX_WIDENINGS = 60
RADIAL_STEP = 0.05
ARC_STEP = 0.03
RINGLESS_LEVELS = frozenset({Level.INDIVIDUAL})  # "ik zelf" is the student: nothing is near or far
SECTORS: dict[Level, tuple[float, float]] = {  # degrees, counter-clockwise from the right
    Level.INDIVIDUAL: (30.0, 150.0),
    Level.RELATIONAL: (150.0, 270.0),
    Level.CONTEXTUAL: (270.0, 390.0),
}
RING_ARC = (SECTORS[Level.RELATIONAL][0], SECTORS[Level.CONTEXTUAL][1])  # rings run around these two
EMPTY_INVITATION_KEY = "map.empty_invitation"


@dataclass(frozen=True)
class NextStep:
    """One small step the student plans, with when and who or what helps."""

    key: str
    what: str
    when: When | None = None
    helpers: tuple[MapItem, ...] = ()


@dataclass(frozen=True)
class SupportMap:
    """Everything the map, its words and its PDF show; built from the answers, never stored."""

    items: tuple[MapItem, ...]
    next_steps: tuple[NextStep, ...] = ()
    nickname: str = ""
    language: str = "nl"
    title: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.items

    def by_level(self) -> dict[Level, list[MapItem]]:
        """The items per level, in level order and answer order."""
        return {level: [i for i in self.items if i.level == level] for level in Level}


def build_support_map(question_set: QuestionSet, answers: Answers) -> SupportMap:
    lang, default = answers.language, question_set.default_language
    items = tuple(_cleaned(item) for item in answers.map_items(question_set))
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
        items=items,
        next_steps=tuple(steps),
        nickname=clean_text(answers.nickname),
        language=lang,
        title=resolve(question_set.title, lang, default),
    )


def _cleaned(item: MapItem) -> MapItem:
    return replace(
        item,
        label=clean_text(item.label),
        helps_with=tuple(clean_text(h) for h in item.helps_with),
    )


# --- Text as students type it ---------------------------------------------------------------

_KEEP_FORMAT = {"\u200d"}  # the zero-width joiner holds emoji sequences together


def clean_text(text: str) -> str:
    """Plain, single-line text: no control or direction characters, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    kept = (
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
        or ch in _KEEP_FORMAT
    )
    return " ".join("".join(kept).split())


def short_label(text: str, max_chars: int = LABEL_CHARS) -> str:
    text = clean_text(text)
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    while cut and (unicodedata.combining(cut[-1]) or cut[-1] in _KEEP_FORMAT):
        cut = cut[:-1]
    return cut.rstrip() + "…"


def text_units(text: str) -> float:
    """Width in average characters: wide characters such as emoji count double, marks nothing."""
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        width += 2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0
    return width


def label_width(text: str) -> float:
    return text_units(text) * CHAR_WIDTH


# --- The layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedItem:
    item: MapItem
    x: float
    y: float
    anchor: Anchor  # where the label sits, seen from the marker
    label: str  # the short label as drawn
    marker_box: Box
    label_box: Box


@dataclass(frozen=True)
class MapLayout:
    """Placed items plus the rings they sit in; iterate it like a list of PlacedItem."""

    placed: tuple[PlacedItem, ...]
    rings: dict[Closeness, tuple[float, float]]  # inner and outer radius of each ring
    bounds: Box  # every marker and label lies inside; level names go just above and below

    def __iter__(self) -> Iterator[PlacedItem]:
        return iter(self.placed)

    def __len__(self) -> int:
        return len(self.placed)

    def __getitem__(self, index: int) -> PlacedItem:
        return self.placed[index]

    @property
    def outer_radius(self) -> float:
        return self.rings[Closeness.FAR][1]

    def title_anchor(self, level: Level) -> tuple[float, float, Literal["left", "center", "right"]]:
        """Where a level's name goes: the top one centred above, the other two in the bottom corners."""
        x0, y0, x1, y1 = self.bounds
        if level == Level.INDIVIDUAL:
            return 0.0, y1 + TITLE_HEIGHT / 2, "center"
        if level == Level.RELATIONAL:
            return x0, y0 - TITLE_HEIGHT / 2, "left"
        return x1, y0 - TITLE_HEIGHT / 2, "right"

    @property
    def drawing_bounds(self) -> Box:
        """The bounds with room for the level names."""
        x0, y0, x1, y1 = self.bounds
        return x0, y0 - TITLE_HEIGHT, x1, y1 + TITLE_HEIGHT


def marker_radius(level: Level) -> float:
    """How far a level's marker reaches from its centre, in map units; drawings keep inside it."""
    return MARKER_RADIUS_BY_SHAPE.get(LEVEL_STYLES[level].marker, MARKER_RADIUS)


def polar(radius: float, degrees: float) -> tuple[float, float]:
    return radius * math.cos(math.radians(degrees)), radius * math.sin(math.radians(degrees))


def layout(items: Sequence[MapItem], label_chars: int = LABEL_CHARS) -> MapLayout:
    """Place items in their level's sector and closeness ring, in the order given.

    Each item takes the first free spot, from the middle of its ring outwards, so adding an
    item at the end moves nothing. A full ring grows wider, which moves only what lies further out.
    """
    widths = {c: BASE_RINGS[c][1] - BASE_RINGS[c][0] for c in Closeness}
    for _ in range(MAX_WIDENINGS):
        rings = _rings(widths)
        placed, crowded = _place_all(items, rings, label_chars)
        if crowded is None:
            return MapLayout(tuple(placed), rings, _bounds(rings))
        widths[crowded] += RING_WIDENING
    placed, _ = _place_all(items, rings, label_chars, keep_going=True)
    return MapLayout(tuple(placed), rings, _bounds(rings))  # beyond any screen: what fits, never a failure


def _rings(widths: dict[Closeness, float]) -> dict[Closeness, tuple[float, float]]:
    rings, inner = {}, BASE_RINGS[Closeness.CLOSE][0]
    for closeness in (Closeness.CLOSE, Closeness.SOME, Closeness.FAR):
        rings[closeness] = (inner, inner + widths[closeness])
        inner += widths[closeness]
    return rings


def _bounds(rings: dict[Closeness, tuple[float, float]]) -> Box:
    edge = rings[Closeness.FAR][1] + EDGE
    return (-edge, -edge, edge, edge)


def _place_all(
    items: Sequence[MapItem], rings: dict[Closeness, tuple[float, float]], label_chars: int,
    keep_going: bool = False,
) -> tuple[list[PlacedItem], Closeness | None]:
    """Every item in its first free spot; stops at the first ring that is full, unless told not to."""
    bounds = _bounds(rings)
    taken = _Taken()
    taken.add((-CENTRE_RADIUS, -CENTRE_RADIUS, CENTRE_RADIUS, CENTRE_RADIUS))
    for ring in rings.values():
        taken.add(ring_word_box(ring))
    spots: dict[tuple[Level, tuple[float, float]], list[_Spot]] = {}
    placed: list[PlacedItem] = []
    for item in items:
        label = short_label(item.label, label_chars)
        ring = _ring_for(item, rings)
        if (item.level, ring) not in spots:
            spots[item.level, ring] = _spots(item.level, ring)
        spot = _first_free_spot(item.level, spots[item.level, ring], label, taken, bounds)
        if spot is None:
            if keep_going:
                continue
            return placed, item.closeness
        placed.append(PlacedItem(item, *spot))
        taken.add(spot[-2])
        taken.add(spot[-1])
    return placed, None


def ring_word_spot(ring: tuple[float, float]) -> tuple[float, float]:
    """Where a ring's name starts: inside the ring, just under the edge of "ik zelf".

    Never in "ik zelf" itself, so the student's strengths stay put when the rings grow.
    """
    x, y = polar((ring[0] + ring[1]) / 2, RING_WORD_ANGLE)
    return x + GAP, y - GAP


def ring_word_box(ring: tuple[float, float]) -> Box:
    x, y = ring_word_spot(ring)
    return (x, y - LINE_HEIGHT, x + RING_WORD_WIDTH, y)


def _ring_for(item: MapItem, rings: dict[Closeness, tuple[float, float]]) -> tuple[float, float]:
    """Strengths of the student have no distance: they use the whole of their sector."""
    if item.level in RINGLESS_LEVELS:
        return rings[Closeness.CLOSE][0], rings[Closeness.FAR][1]
    return rings[item.closeness]


@dataclass
class _Spot:
    x: float
    y: float
    angle: float
    marker: Box
    free: bool = True  # boxes are only ever added, so a taken marker spot stays taken


def _spots(level: Level, ring: tuple[float, float]) -> list[_Spot]:
    """Every marker position in a sector's ring, in the order they are tried.

    A ring fills from its middle; a sector without rings fills from "Ik" outwards, so that it
    does not move when the rings of the other sectors grow.
    """
    start, end = SECTORS[level]
    reach = marker_radius(level)
    found = []
    for radius in _radii(ring, reach, from_inside=level in RINGLESS_LEVELS):
        for angle in _angles(start, end, radius):
            x, y = radius * math.cos(angle), radius * math.sin(angle)
            marker = (x - reach, y - reach, x + reach, y + reach)
            if _in_sector(marker, start, end):
                found.append(_Spot(x, y, angle, marker))
    return found


def _first_free_spot(
    level: Level, spots: list[_Spot], label: str, taken: _Taken, bounds: Box
) -> tuple[float, float, Anchor, str, Box, Box] | None:
    start, end = SECTORS[level]
    width, reach = label_width(label), marker_radius(level)
    for spot in spots:
        if not spot.free:
            continue
        if taken.hits(spot.marker):
            spot.free = False
            continue
        for anchor in _anchors(spot.x, spot.angle):
            box = _label_box(spot.x, spot.y, width, anchor, reach)
            if _inside(box, bounds) and _in_sector(box, start, end) and not taken.hits(box):
                return spot.x, spot.y, anchor, label, spot.marker, box
    return None


def _radii(ring: tuple[float, float], reach: float, from_inside: bool = False) -> list[float]:
    """Radii to try, keeping markers inside the ring: from its middle outwards, or from its inside."""
    low, high = ring[0] + reach + GAP, ring[1] - reach - GAP
    if from_inside:
        return [low + k * RADIAL_STEP for k in range(int((high - low) / RADIAL_STEP) + 1)]
    middle = (ring[0] + ring[1]) / 2
    found = [middle]
    k = 1
    while middle - k * RADIAL_STEP >= low or middle + k * RADIAL_STEP <= high:
        found += [r for r in (middle - k * RADIAL_STEP, middle + k * RADIAL_STEP) if low <= r <= high]
        k += 1
    return found


def _angles(start: float, end: float, radius: float) -> Iterator[float]:
    """From the middle of the sector outwards, alternating sides, in radians."""
    middle = math.radians((start + end) / 2)
    half = math.radians(end - start) / 2
    step = ARC_STEP / radius
    yield middle
    k = 1
    while k * step <= half:
        yield middle + k * step
        yield middle - k * step
        k += 1


def _anchors(x: float, angle: float) -> tuple[Anchor, ...]:
    """Labels point away from the centre; near the vertical they go below the marker."""
    upright = abs(math.cos(angle)) < 0.5
    side: Anchor = "right" if x >= 0 else "left"
    other: Anchor = "left" if side == "right" else "right"
    return ("below", side, other) if upright else (side, "below", other)


def _label_box(x: float, y: float, width: float, anchor: Anchor, reach: float) -> Box:
    if anchor == "right":
        left = x + reach + GAP
        return (left, y - LINE_HEIGHT / 2, left + width, y + LINE_HEIGHT / 2)
    if anchor == "left":
        right = x - reach - GAP
        return (right - width, y - LINE_HEIGHT / 2, right, y + LINE_HEIGHT / 2)
    top = y - reach - GAP / 2
    return (x - width / 2, top - LINE_HEIGHT, x + width / 2, top)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] + GAP and b[0] < a[2] + GAP and a[1] < b[3] + GAP and b[1] < a[3] + GAP


class _Taken:
    """Boxes already on the map: the centre, the ring names, and each marker and label."""

    def __init__(self) -> None:
        self.boxes: list[Box] = []

    def add(self, box: Box) -> None:
        self.boxes.append(box)

    def hits(self, box: Box) -> bool:
        return any(_overlap(box, other) for other in self.boxes)


def _inside(box: Box, bounds: Box) -> bool:
    return box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


def _in_sector(box: Box, start: float, end: float) -> bool:
    """Every corner of the box away from the centre lies between the sector's two edges."""
    sx, sy = math.cos(math.radians(start)), math.sin(math.radians(start))
    ex, ey = math.cos(math.radians(end)), math.sin(math.radians(end))
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        if x * x + y * y <= CENTRE_RADIUS * CENTRE_RADIUS:
            continue
        if sx * y - sy * x < 0 or x * ey - y * ex < 0:  # sectors are narrower than a half turn
            return False
    return True


def boxes_overlap(a: Box, b: Box) -> bool:
    """True when two boxes touch or overlap; used by tests and renderers to check the layout."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- The map in words -----------------------------------------------------------------------


def item_line(item: MapItem, words: WordLookup) -> str:
    """One source in words: its name, how close (for people and places) and what it helps with."""
    line = item.label
    if item.level != Level.INDIVIDUAL:
        line = words("map.item_closeness", label=item.label,
                     closeness=words(CLOSENESS_WORD_KEYS[item.closeness]).lower())
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
