"""Where each source sits on Mijn steunkaart: rings, sectors, labels, in map units.

Pure Python on purpose: the Plotly figure and the PDF draw the same layout, and tests check it
without either. Map units: "Ik" at (0, 0), the rings at least 1.12 out. The sizes below assume an 11-pixel
label font where one unit is 126 pixels, so the map with up to about ten items is as wide as a
phone column; a drawing may scale the whole map, as long as text and markers scale with it. A
label is a marker's emoji and its name, wrapped over as many lines as it needs. A crowded ring
grows wider instead of letting labels collide; given a width to keep to, the map grows taller
instead of wider. What the student still needs is never in a ring: it has a block of its own below.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from veerkracht.items import MapItem
from veerkracht.levels import LEVEL_STYLES, Closeness, Level, closeness_word_key
from veerkracht.text import KEEP_FORMAT, clean_text

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Anchor = Literal["right", "left", "below"]
Side = Literal["left", "right"]
Stretch = tuple[float, float]  # how much taller a map grew than round: above the centre, and below
WordLookup = Callable[..., str]

PIXELS_PER_UNIT = 126  # the figure's full scale; the sizes below are measured against an 11-pixel label font
LABEL_CHARS = 18  # short_label: a one-line label for elsewhere; the map wraps to more lines instead
LINE_UNITS = 16.0  # one line of a label on the map holds this many average characters
LONG_WORD = 1.3  # a single word up to this many lines long stays whole on its own line
LABEL_LINES = 8  # room for the longest name a student can type, whole; a longer label from a set ends in "…"
CHAR_WIDTH = 0.051  # one average character of a map label, in map units
LINE_HEIGHT = 0.114  # one line of label text: Plotly puts lines 1.3 font sizes apart (11 px at 126 per unit)
MARKER_RADIUS = 0.115  # half the width of a marker, its edge included: room for an emoji to recognise
MARKER_RADIUS_BY_SHAPE = {"star": 0.15}  # a star's points are thin: it needs more room around its emoji
GAP = 0.02  # between a marker and its label, and around every box
CENTRE_RADIUS = 0.17  # the centre with "Ik"; a nickname makes it as large as it needs
CENTRE_LINE_UNITS = 12.0  # the nickname in the centre, per line
CENTRE_LINES = 2  # a longer nickname ends in "…" in the centre; it is whole in the title and the PDF
CENTRE_CHAR_WIDTH = 0.068  # one average character of the centre's bold 13-pixel text
CENTRE_LINE_HEIGHT = 0.13
CENTRE_PAD = 0.03
EDGE = 0.12  # how far labels may reach past the outer ring
RING_WORD_WIDTH = 0.62  # room for a ring's name where the ring meets "ik zelf"; a longer name takes more
RING_CHAR_WIDTH = CHAR_WIDTH * 10 / 11  # a ring's name is drawn at 10 pixels, a label at 11
RING_WORD_ANGLE = 30.0
TITLE_HEIGHT = 0.16  # room above and below the map for the level names
MIN_WIDTH = 2.3  # the narrowest map: every sector still holds a label of two full lines
BASE_RINGS: dict[Closeness, tuple[float, float]] = {
    Closeness.CLOSE: (0.2, 0.52),
    Closeness.SOME: (0.52, 0.83),
    Closeness.FAR: (0.83, 1.12),
}
RING_WIDENING = 0.12  # a crowded ring grows by at least this much, and the rings outside it move out
ROOM_MARGIN = 1.25  # a full ring grows to hold all its items and a quarter more: a full map needs few tries
PACKING = 1.0  # about the most of a full ring its items cover (labels may reach out of the ring)
MAX_WIDENINGS = 40
TOP_GROWTH = 2.0  # on a map kept to a width, "ik zelf" grows at most this much taller per try
# A map kept to a width stops growing taller here (about 8 phone screens) and is laid out round
# instead: each try costs about its height, so this bounds the work for any number of sources.
MAX_STRETCH = 32.0
TRACK_STEP = 0.12  # between two circles of marker places in a ring
MAX_TRACK_SQUEEZE = 2.5  # on a taller map, circles as close as this, so there are not too many to try
ARC_STEP = 0.08  # how far a cursor moves on along its circle when a place is taken
PER_CELL = 1 / 0.3  # the grid that finds nearby boxes: cells of 0.3 units
SHIFT = 10_000  # in cells: far past any map, so that every cell number is positive
ROW = 1 << 20  # cells in a column of the grid: more than SHIFT on either side
RINGLESS_LEVELS = frozenset({Level.INDIVIDUAL})  # "ik zelf" is the student: nothing is near or far
SECTORS: dict[Level, tuple[float, float]] = {  # degrees, counter-clockwise from the right
    Level.INDIVIDUAL: (30.0, 150.0),
    Level.RELATIONAL: (150.0, 270.0),
    Level.CONTEXTUAL: (270.0, 390.0),
}
RING_ARC = (SECTORS[Level.RELATIONAL][0], SECTORS[Level.CONTEXTUAL][1])  # rings run around these two
RING_SIDES = (Level.RELATIONAL, Level.CONTEXTUAL)  # the sectors left and right that name the rings
RingNames = dict[Closeness, tuple[str, str]]  # each ring's name on the left (people) and the right (places)
RingWidths = dict[Closeness, tuple[float, float]]
EMPTY_INVITATION_KEY = "map.empty_invitation"


# --- Text as the map draws it (cleaned in text.py) -------------------------------------------


def short_label(text: str, max_chars: int = LABEL_CHARS) -> str:
    text = clean_text(text)
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    while cut and (unicodedata.combining(cut[-1]) or cut[-1] in KEEP_FORMAT):
        cut = cut[:-1]
    return cut.rstrip() + "…"


def text_units(text: str) -> float:
    """Width in average characters: wide characters such as emoji count double, marks nothing."""
    if not text or max(text) < "\u0300":  # Latin letters with or without accents: one each
        return float(len(text))
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        width += 2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0
    return width


def label_width(text: str) -> float:
    return text_units(text) * CHAR_WIDTH


_JOINS_PREVIOUS = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}  # never a line break before these


def _breaks_before(text: str, index: int) -> bool:
    """Whether a line may end before text[index] without splitting a letter or an emoji."""
    ch = text[index]
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me") or ch in _JOINS_PREVIOUS:
        return False
    if 0x1F3FB <= ord(ch) <= 0x1F3FF or 0xE0020 <= ord(ch) <= 0xE007F:  # skin tones, flag tags
        return False
    return text[index - 1] != "\u200d"


def _fit(text: str, units: float) -> str:
    """The longest start of `text` at most `units` wide that ends between two whole characters."""
    width, end = 0.0, 0
    for index, ch in enumerate(text):
        if index and _breaks_before(text, index):
            end = index
        width += text_units(ch)
        if width > units:
            return text[:end]
    return text


def label_lines(text: str, line_units: float = LINE_UNITS, max_lines: int = LABEL_LINES) -> tuple[str, ...]:
    """A name wrapped at spaces into at most `max_lines` lines; a longer one ends in "…".

    A word a little longer than a line gets a line of its own; a much longer one is broken inside
    it (after a hyphen if it has one), never within a letter or an emoji.
    """
    lines: list[str] = []
    current, width = "", 0.0
    for word in clean_text(text).split(" "):
        while word:
            word_width = text_units(word)
            if width + (1 if current else 0) + word_width <= line_units:
                current = f"{current} {word}" if current else word
                width, word = text_units(current), ""
            elif current:
                lines.append(current)
                current, width = "", 0.0
            elif word_width <= line_units * LONG_WORD:
                lines.append(word)  # one long word on a line of its own rather than broken
                word = ""
            else:
                head = _fit(word, line_units) or word[0]
                if "-" in head[:-1] and len(head) < len(word):  # a hyphen is the best place to break
                    head = head[: head.rindex("-") + 1]
                lines.append(head)
                word = word[len(head):]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[: max_lines - 1] + [_fit(rest, line_units - 1).rstrip() + "…"]
    return tuple(lines)


# --- The layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedItem:
    item: MapItem
    x: float
    y: float
    anchor: Anchor  # where the label sits, seen from the marker
    label: str  # the label as drawn, its lines joined by a space
    marker_box: Box
    label_box: Box  # holds every line of the label
    lines: tuple[str, ...] = ()  # the label as drawn, one or two lines, top line first


@dataclass(frozen=True)
class MapLayout:
    """Placed items plus the rings they sit in; iterate it like a list of PlacedItem.

    `stretch` > 1 means the map grew taller instead of wider below "Ik" (it was given a width to
    keep to), `top_stretch` the same above; rings and sectors are then drawn through `point`. On a
    round map both are 1.
    """

    placed: tuple[PlacedItem, ...]
    rings: dict[Closeness, tuple[float, float]]  # inner and outer radius of each ring, across the map
    bounds: Box  # every marker and label lies inside; level names go just above and below
    stretch: float = 1.0  # how much taller than wide the rings are, below the centre
    centre_radius: float = CENTRE_RADIUS
    centre_lines: tuple[str, ...] = ()  # the nickname in the centre, wrapped; empty: the word for "Ik"
    direction: Literal["ltr", "rtl"] = "ltr"
    top_stretch: float = 1.0  # the same above the centre: only "ik zelf" with many strengths grows there
    ring_word_widths: RingWidths | None = None  # room kept for each ring's names, left and right

    def __iter__(self) -> Iterator[PlacedItem]:
        return iter(self.placed)

    def __len__(self) -> int:
        return len(self.placed)

    def __getitem__(self, index: int) -> PlacedItem:
        return self.placed[index]

    @property
    def outer_radius(self) -> float:
        return self.rings[Closeness.FAR][1]

    def point(self, radius: float, degrees: float) -> tuple[float, float]:
        """A point of a ring (or the map's edge) at an angle: `polar`, stretched like the map."""
        x, y = polar(radius, degrees)
        return x, _stretched(y, (self.top_stretch, self.stretch))

    def ring_word_spots(self, closeness: Closeness) -> tuple[tuple[float, float, Side], ...]:
        """Where a ring's name goes on both sides of the map, and the side its text is aligned to."""
        left, right = self.ring_word_boxes(closeness)
        return (left[2], left[3], "right"), (right[0], right[3], "left")

    def ring_word_boxes(self, closeness: Closeness) -> tuple[Box, Box]:
        """The room kept for a ring's name on the left and on the right; nothing else is placed there."""
        return _ring_word_boxes(self.rings[closeness], self.outer_radius, (self.top_stretch, self.stretch),
                                (self._ring_width(closeness, 0), self._ring_width(closeness, 1)))

    def _ring_width(self, closeness: Closeness, side: int) -> float:
        return self.ring_word_widths[closeness][side] if self.ring_word_widths else RING_WORD_WIDTH

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


def centre_label(nickname: str) -> tuple[tuple[str, ...], float]:
    """The nickname as the centre shows it, and the radius of a centre that holds it."""
    lines = label_lines(nickname, CENTRE_LINE_UNITS, CENTRE_LINES)
    if not any(lines):
        return (), CENTRE_RADIUS
    width = max(text_units(line) for line in lines) * CENTRE_CHAR_WIDTH
    height = len(lines) * CENTRE_LINE_HEIGHT
    return lines, max(CENTRE_RADIUS, math.hypot(width / 2, height / 2) + CENTRE_PAD)


def layout(
    items: Sequence[MapItem], *, centre: str = "", max_width: float | None = None,
    direction: Literal["ltr", "rtl"] = "ltr", ring_words: RingNames | None = None,
) -> MapLayout:
    """Place items in their level's sector and closeness ring, in the order given.

    Each item takes the first free spot, from the middle of its ring outwards, so adding an
    item at the end moves nothing. A full ring grows wider, which moves only what lies further out.
    `centre`: the nickname for the middle. `max_width` (map units, not below MIN_WIDTH): the map
    keeps to it and grows taller instead. `direction`: of the interface, for labels in a tie.
    `ring_words` (ring_names): the rings' names as drawn, so that each keeps the room it takes.
    Each try is linear in the items, and a full ring grows to the room its items need, so a few
    tries do: about O(n log n) in all.
    """
    chips = [_chip(item) for item in items]
    ring_widths: RingWidths = {
        c: (ring_word_width(ring_words[c][0]), ring_word_width(ring_words[c][1])) if ring_words
        else (RING_WORD_WIDTH, RING_WORD_WIDTH) for c in Closeness}
    centre_lines, centre_radius = centre_label(centre)
    inner = max(BASE_RINGS[Closeness.CLOSE][0], centre_radius + GAP)
    widths = {c: BASE_RINGS[c][1] - BASE_RINGS[c][0] for c in Closeness}
    half_width = None if max_width is None else max(max_width, MIN_WIDTH) / 2 - EDGE
    stretch: Stretch = (1.0, 1.0)
    placed: list[PlacedItem] = []
    rings = _rings(widths, inner)
    for _ in range(MAX_WIDENINGS):
        rings = _rings(widths, inner)
        if half_width is not None and rings[Closeness.FAR][1] > half_width > inner:
            shrink = (half_width - inner) / (rings[Closeness.FAR][1] - inner)
            widths = {c: w * shrink for c, w in widths.items()}
            stretch = (stretch[0], stretch[1] / shrink)  # the rings keep their room, in height instead
            rings = _rings(widths, inner)
        placed, crowded, room_needed, strengths = _place_all(chips, rings, stretch, centre_radius, direction,
                                                             ring_widths)
        if max(stretch) > MAX_STRETCH:  # taller than a phone should scroll: the round map, scrolled sideways
            return layout(items, centre=centre, direction=direction, ring_words=ring_words)
        if crowded is None:
            break
        if strengths and half_width is not None and rings[Closeness.FAR][1] >= half_width - 1e-9:
            stretch = (stretch[0] * min(room_needed, TOP_GROWTH), stretch[1])  # "ik zelf" grows upwards
        else:
            widths[crowded] = _widened(rings[crowded], room_needed)
    else:  # beyond any screen: what fits, never a failure
        placed, *_ = _place_all(chips, rings, stretch, centre_radius, direction, ring_widths,
                                keep_going=True)
    return MapLayout(tuple(placed), rings, _bounds(rings, stretch), stretch[1], centre_radius,
                     centre_lines, direction, stretch[0], ring_widths)


def _stretched(y: float, stretch: Stretch) -> float:
    """A height on the round map as it is on a map that grew taller: above and below the centre."""
    return y * (stretch[0] if y >= 0 else stretch[1])


@dataclass(frozen=True)
class _Chip:
    item: MapItem
    lines: tuple[str, ...]
    width: float
    height: float


def _chip(item: MapItem) -> _Chip:
    lines = label_lines(item.label)
    width = max((text_units(line) for line in lines), default=0.0) * CHAR_WIDTH
    return _Chip(item, lines, width, max(len(lines), 1) * LINE_HEIGHT)


def _widened(ring: tuple[float, float], room_needed: float) -> float:
    """The width of a ring with `room_needed` times the area it had, and at least a little wider."""
    inner, outer = ring
    grown = math.sqrt(inner * inner + (outer * outer - inner * inner) * room_needed) - inner
    return max(grown, outer - inner + RING_WIDENING)


def _chip_area(chip: _Chip) -> float:
    """The room one item takes: its marker and its label side by side, with a gap around."""
    return (chip.width + 2 * MARKER_RADIUS + 3 * GAP) * (max(chip.height, 2 * MARKER_RADIUS) + 2 * GAP)


def _rings(widths: dict[Closeness, float], inner: float) -> dict[Closeness, tuple[float, float]]:
    rings = {}
    for closeness in (Closeness.CLOSE, Closeness.SOME, Closeness.FAR):
        rings[closeness] = (inner, inner + widths[closeness])
        inner += widths[closeness]
    return rings


def _bounds(rings: dict[Closeness, tuple[float, float]], stretch: Stretch = (1.0, 1.0)) -> Box:
    outer = rings[Closeness.FAR][1]
    return (-outer - EDGE, -outer * stretch[1] - EDGE, outer + EDGE, outer * stretch[0] + EDGE)


def _place_all(
    chips: Sequence[_Chip], rings: dict[Closeness, tuple[float, float]], stretch: Stretch,
    centre_radius: float, direction: str, ring_widths: RingWidths, keep_going: bool = False,
) -> tuple[list[PlacedItem], Closeness | None, float, bool]:
    """Every item in its first free spot; stops at the first ring that is full, unless told not to.

    Then also says which ring to widen ("ik zelf" grows with the outer ring), and about how many
    times its area it needs (its items in all over those that found a spot, or the room all of
    them take, whichever is more); and whether it was "ik zelf" that was full.
    """
    bounds = _bounds(rings, stretch)
    taken = _Taken()
    taken.add((-centre_radius, -centre_radius, centre_radius, centre_radius))
    for closeness, ring in rings.items():
        for box in _ring_word_boxes(ring, rings[Closeness.FAR][1], stretch, ring_widths[closeness]):
            taken.add(box)
    groups: dict[tuple[Level, tuple[float, float]], _Spots] = {}
    placed: list[PlacedItem] = []
    for chip in chips:
        level = chip.item.level
        ring = _ring_for(chip.item, rings)
        spots = groups.get((level, ring))
        if spots is None:
            spots = groups[level, ring] = _Spots(level, ring, stretch, centre_radius)
        found = spots.first_free(chip, taken, bounds, direction)
        if found is None:
            if keep_going:
                continue
            crowded = Closeness.FAR if level in RINGLESS_LEVELS else chip.item.closeness
            group = [c for c in chips if c.item.level == level and _ring_for(c.item, rings) == ring]
            inner, outer = ring
            room = (math.radians(SECTORS[level][1] - SECTORS[level][0]) / 2 * (outer * outer - inner * inner)
                    * (stretch[0] if level in RINGLESS_LEVELS else stretch[1]))
            need = max(len(group) / max(spots.used, 1), sum(map(_chip_area, group)) / (room * PACKING), 1.0)
            need *= ROOM_MARGIN
            return placed, crowded, need, level in RINGLESS_LEVELS
        spots.used += 1
        placed.append(found)
        taken.add(found.marker_box)
        taken.add(found.label_box)
    return placed, None, 1.0, False


def ring_word_spot(ring: tuple[float, float]) -> tuple[float, float]:
    """Where a ring's name starts on the right: inside the ring, just under the edge of "ik zelf".

    Never in "ik zelf" itself, so the student's strengths stay put when the rings grow. On the
    left the name ends at the mirror image of this spot.
    """
    x, y = polar((ring[0] + ring[1]) / 2, RING_WORD_ANGLE)
    return x + GAP, y - GAP


def _ring_word_spot(ring: tuple[float, float], outer: float, stretch: Stretch,
                    width: float = RING_WORD_WIDTH) -> tuple[float, float]:
    """`ring_word_spot` on a map that may be stretched, and never so far out that the name is cut."""
    x, y = ring_word_spot(ring)
    return min(x, outer + EDGE - width), _stretched(y + GAP, stretch) - GAP


def _ring_word_boxes(ring: tuple[float, float], outer: float, stretch: Stretch,
                     widths: tuple[float, float]) -> tuple[Box, Box]:
    """The room for a ring's name on the left and on the right, each as wide as its name: the left
    one ends at the mirror image of where the right one starts, unless a longer name moves in."""
    left_x, y = _ring_word_spot(ring, outer, stretch, widths[0])
    right_x, _ = _ring_word_spot(ring, outer, stretch, widths[1])
    return ((-left_x - widths[0], y - LINE_HEIGHT, -left_x, y),
            (right_x, y - LINE_HEIGHT, right_x + widths[1], y))


def ring_word_width(name: str) -> float:
    """The room a ring's name takes: at least RING_WORD_WIDTH, so short names keep one place."""
    return max(RING_WORD_WIDTH, text_units(clean_text(name)) * RING_CHAR_WIDTH)


def ring_names(words: WordLookup) -> RingNames:
    """Each ring's name on the people side and on the places side of the map.

    The places side says how at home ("Helemaal thuis") when all three of those names fit beside
    "ik zelf" as the people's names do; otherwise both sides name the rings as for people, so a
    long name never reaches into "ik zelf".
    """
    people = {c: words(closeness_word_key(c, Level.RELATIONAL)) for c in Closeness}
    places = {c: words(closeness_word_key(c, Level.CONTEXTUAL)) for c in Closeness}
    if not all(_ring_name_fits(BASE_RINGS[c], places[c], people[c]) for c in Closeness):
        places = people
    return {c: (people[c], places[c]) for c in Closeness}


def _ring_name_fits(ring: tuple[float, float], name: str, other: str) -> bool:
    """Whether `name` starts no further into "ik zelf" than `other` does, or than the middle of
    its line reaches the edge of "ik zelf", on the smallest round map (rings only grow from there)."""
    outer = BASE_RINGS[Closeness.FAR][1]
    x, y = ring_word_spot(ring)
    edge = (y - LINE_HEIGHT / 2) / math.tan(math.radians(SECTORS[Level.INDIVIDUAL][0]))
    start = min(x, outer + EDGE - ring_word_width(name))
    return start >= min(x, outer + EDGE - ring_word_width(other), edge) - 1e-9




def _ring_for(item: MapItem, rings: dict[Closeness, tuple[float, float]]) -> tuple[float, float]:
    """Strengths of the student have no distance: they use the whole of their sector."""
    if item.level in RINGLESS_LEVELS:
        return rings[Closeness.CLOSE][0], rings[Closeness.FAR][1]
    return rings[item.closeness]


class _Track:
    """One circle of marker places in a sector's ring, filled from the sector's middle to both
    edges: two cursors, each at the angle (radians) where its next marker may go."""

    __slots__ = ("radius", "forward", "back", "forward_open", "back_open", "started")

    def __init__(self, radius: float, middle: float) -> None:
        self.radius = radius
        self.forward = self.back = middle  # counter-clockwise and clockwise from the middle
        self.forward_open = self.back_open = True
        self.started = False


class _Spots:
    """The marker places of one sector's ring: circles a label's height apart, each filled from
    the middle of the sector outwards, so each item costs a few look-ups however full the map.

    A ring fills from its middle circle; a sector without rings fills from "Ik" outwards, so that
    it does not move when the rings of the other sectors grow.
    """

    def __init__(self, level: Level, ring: tuple[float, float], stretch: Stretch,
                 centre_radius: float) -> None:
        self.level, self.stretch = level, stretch
        self.sector = _Sector(*SECTORS[level], stretch, centre_radius)
        self.start, self.end = (math.radians(a) for a in SECTORS[level])
        self.reach = marker_radius(level)
        middle = (self.start + self.end) / 2
        step = TRACK_STEP / min(max(stretch), MAX_TRACK_SQUEEZE)  # taller map: circles closer when round
        self.tracks = [_Track(r, middle)
                       for r in _radii(ring, self.reach, step, from_inside=level in RINGLESS_LEVELS)]
        self.used = 0  # items placed here

    def first_free(self, chip: _Chip, taken: _Taken, bounds: Box, direction: str) -> PlacedItem | None:
        """The first place on the first circle with room; full circles are forgotten as they fill."""
        middle = (self.start + self.end) / 2
        first_side = (True, False) if direction == "rtl" else (False, True)
        full = 0
        found = None
        for track in self.tracks:
            if not (track.forward_open or track.back_open):
                full += 1
                continue
            sides = first_side  # a started circle goes on with the side nearer its middle
            if track.started:
                sides = (True, False) if track.forward - middle < middle - track.back else (False, True)
            for forward in sides:
                found = self._along(track, forward, chip, taken, bounds, direction)
                if found is not None:
                    break
            if found is not None:
                break
        if full > 8:
            self.tracks = [t for t in self.tracks if t.forward_open or t.back_open]
        return found

    def _along(self, track: _Track, forward: bool, chip: _Chip, taken: _Taken, bounds: Box,
               direction: str) -> PlacedItem | None:
        """The first place on one side of a track where the item fits, moving that side's cursor.

        The loop runs for every place tried on the map, so it keeps what it reads in local names.
        """
        if not (track.forward_open if forward else track.back_open):
            return None
        radius, reach, sector = track.radius, self.reach, self.sector
        up, down = self.stretch
        step = ARC_STEP / (radius * max(up, down))
        if not forward:
            step = -step
        sx, sy, ex, ey = sector.sx, sector.sy, sector.ex, sector.ey
        start_room, end_room = reach * sector.start_reach, reach * sector.end_reach  # holds_marker
        hits, cos, sin = taken.hits, math.cos, math.sin
        angle = track.forward if forward else track.back
        blocker = None  # the box that took the last place tried: most often it takes the next one too
        while True:
            along = cos(angle)
            x, y = radius * along, radius * sin(angle)
            y *= up if y >= 0 else down
            if not (sx * y - sy * x >= start_room and x * ey - y * ex >= end_room):  # out of the sector
                if forward:
                    track.forward, track.forward_open = angle, False
                else:
                    track.back, track.back_open = angle, False
                return None
            marker = (x - reach, y - reach, x + reach, y + reach)
            # Still on the box that blocked the last place: the same test as taken.hits, on one box.
            if blocker is None or not (marker[0] - GAP < blocker[2] and blocker[0] < marker[2] + GAP
                                       and marker[1] - GAP < blocker[3] and blocker[1] < marker[3] + GAP):
                blocker = hits(marker)
                if blocker is None:
                    for anchor in _anchors(x, abs(along) < 0.5, direction):
                        box = _label_box(x, y, chip.width, chip.height, anchor, reach)
                        if _inside(box, bounds) and sector.holds(box) and not hits(box):
                            if forward:
                                track.forward = angle
                            else:
                                track.back = angle
                            self._passed(track, forward, marker)
                            return PlacedItem(chip.item, x, y, anchor, " ".join(chip.lines), marker, box,
                                              chip.lines)
            if not track.started:  # the middle is taken: both sides go on from there
                track.started = True
                track.forward = track.back = angle
            angle += step

    def _passed(self, track: _Track, forward: bool, box: Box) -> None:
        """Moves the cursors past the marker just placed, leaving room for the next marker; the
        grid of taken boxes keeps that one clear of labels."""
        angles = [math.atan2(y / (self.stretch[0] if y >= 0 else self.stretch[1]), x)
                  for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3]))]
        middle = (self.start + self.end) / 2
        angles = [a + 2 * math.pi if a < middle - math.pi else a - 2 * math.pi if a > middle + math.pi else a
                  for a in angles]
        room = (self.reach + GAP) / (track.radius * max(self.stretch))
        if not track.started:
            track.started = True
            track.forward, track.back = max(angles) + room, min(angles) - room
        elif forward:
            track.forward = max(track.forward, max(angles) + room)
        else:
            track.back = min(track.back, min(angles) - room)


def _radii(ring: tuple[float, float], reach: float, step: float, from_inside: bool = False) -> list[float]:
    """Radii to try, keeping most of each marker inside the ring (it is drawn over the ring's line):
    from its middle outwards, or from its inside."""
    low, high = ring[0] + reach / 2 + GAP, ring[1] - reach / 2 - GAP
    if from_inside:
        return [low + k * step for k in range(int((high - low) / step) + 1)]
    middle = (ring[0] + ring[1]) / 2
    found = [middle]
    k = 1
    while middle - k * step >= low or middle + k * step <= high:
        found += [r for r in (middle - k * step, middle + k * step) if low <= r <= high]
        k += 1
    return found


def _anchors(x: float, upright: bool, direction: str = "ltr") -> tuple[Anchor, ...]:
    """Labels point away from the centre; near the vertical they go below the marker.

    In the middle (x = 0) a label follows the reading direction: right in Dutch, left in Arabic.
    """
    if abs(x) < 1e-9:
        side: Anchor = "left" if direction == "rtl" else "right"
    else:
        side = "right" if x > 0 else "left"
    other: Anchor = "left" if side == "right" else "right"
    return ("below", side, other) if upright else (side, "below", other)


def _label_box(x: float, y: float, width: float, height: float, anchor: Anchor, reach: float) -> Box:
    if anchor == "right":
        left = x + reach + GAP
        return (left, y - height / 2, left + width, y + height / 2)
    if anchor == "left":
        right = x - reach - GAP
        return (right - width, y - height / 2, right, y + height / 2)
    top = y - reach - GAP / 2
    return (x - width / 2, top - height, x + width / 2, top)


class _Taken:
    """Boxes already on the map: the centre, the ring names, and each marker and label.

    Kept in a grid of cells, so a look-up meets only the few boxes nearby, however full the map.
    """

    def __init__(self) -> None:
        self.cells: dict[int, list[Box]] = {}  # by cell number: column * ROW + row

    @staticmethod
    def _span(low: float, high: float) -> range:
        # Shifted so that every coordinate on a map is positive and int() rounds down.
        return range(int((low - GAP) * PER_CELL + SHIFT), int((high + GAP) * PER_CELL + SHIFT) + 1)

    def add(self, box: Box) -> None:
        rows = self._span(box[1], box[3])
        for i in self._span(box[0], box[2]):
            for j in rows:
                self.cells.setdefault(i * ROW + j, []).append(box)

    def hits(self, box: Box) -> Box | None:
        """The first box taken that `box` touches (with a gap around), or None."""
        x0, y0, x1, y1 = box[0] - GAP, box[1] - GAP, box[2] + GAP, box[3] + GAP
        cells = self.cells
        low, high = int(y0 * PER_CELL + SHIFT), int(y1 * PER_CELL + SHIFT) + 1
        for i in range(int(x0 * PER_CELL + SHIFT) * ROW, (int(x1 * PER_CELL + SHIFT) + 1) * ROW, ROW):
            for cell in range(i + low, i + high):
                for other in cells.get(cell, ()):
                    if x0 < other[2] and other[0] < x1 and y0 < other[3] and other[1] < y1:
                        return other
        return None


def _inside(box: Box, bounds: Box) -> bool:
    return box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


class _Sector:
    """Whether a box lies in a sector: every corner away from the centre between its two edges.

    The edges are those of the round map, stretched like the map.
    """

    def __init__(self, start: float, end: float, stretch: Stretch, centre_radius: float) -> None:
        self.sx, self.sy = math.cos(math.radians(start)), _stretched(math.sin(math.radians(start)), stretch)
        self.ex, self.ey = math.cos(math.radians(end)), _stretched(math.sin(math.radians(end)), stretch)
        self.centre, self.centre_radius = centre_radius * centre_radius, centre_radius
        self.start_reach, self.end_reach = abs(self.sx) + abs(self.sy), abs(self.ex) + abs(self.ey)

    def holds_marker(self, x: float, y: float, reach: float) -> bool:
        """`holds` for a marker's square around (x, y): its nearest corner to each edge, at once."""
        return (self.sx * y - self.sy * x >= reach * self.start_reach
                and x * self.ey - y * self.ex >= reach * self.end_reach)

    def holds(self, box: Box) -> bool:
        sx, sy, ex, ey = self.sx, self.sy, self.ex, self.ey
        c = self.centre_radius
        if box[0] > c or box[2] < -c or box[1] > c or box[3] < -c:  # no corner in the centre: at once
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            half_x, half_y = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
            return (sx * y - sy * x >= abs(sx) * half_y + abs(sy) * half_x
                    and x * ey - y * ex >= abs(ey) * half_x + abs(ex) * half_y)
        for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
            if x * x + y * y <= self.centre:
                continue
            if sx * y - sy * x < 0 or x * ey - y * ex < 0:  # sectors are narrower than a half turn
                return False
        return True


def boxes_overlap(a: Box, b: Box) -> bool:
    """True when two boxes touch or overlap; used by tests and renderers to check the layout."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- What the student still needs: apart from the map, under it --------------------------------

NEED_HEADING_HEIGHT = 0.2  # the heading "Wat ik nog nodig heb" above the needs
NEED_PAD = 0.06  # inside the dashed frame around the needs
NEED_ROW_GAP = 0.04


@dataclass(frozen=True)
class NeedsBlock:
    """The needs in rows and columns in a frame of their own below the map, never in a ring."""

    placed: tuple[PlacedItem, ...]
    frame: Box  # the dashed frame around the heading and the needs
    heading: tuple[float, float]  # where the heading starts (its left end; its right end in "rtl")


def needs_block(needs: Sequence[MapItem], left: float, right: float, top: float,
                direction: Literal["ltr", "rtl"] = "ltr") -> NeedsBlock | None:
    """The needs under `top`, between `left` and `right`: one pass over them, each in the next cell.

    A label wraps as it does on the map; each marker is an empty circle (the need is not there yet).
    """
    if not needs:
        return None
    reach = MARKER_RADIUS
    chips = [_chip(item) for item in needs]
    cell = 2 * reach + GAP + LINE_UNITS * CHAR_WIDTH + 2 * GAP
    inner_left, inner_right = left + NEED_PAD, right - NEED_PAD
    columns = max(1, int((inner_right - inner_left + 2 * GAP) // cell))
    y = top - NEED_PAD - NEED_HEADING_HEIGHT
    placed: list[PlacedItem] = []
    for start in range(0, len(chips), columns):
        row = chips[start:start + columns]
        height = max(max(c.height for c in row), 2 * reach)
        for column, chip in enumerate(row):
            if direction == "rtl":
                x = inner_right - column * cell - reach
                anchor: Anchor = "left"
            else:
                x = inner_left + column * cell + reach
                anchor = "right"
            middle = y - height / 2
            marker = (x - reach, middle - reach, x + reach, middle + reach)
            label = _label_box(x, middle, chip.width, chip.height, anchor, reach)
            placed.append(PlacedItem(chip.item, x, middle, anchor, " ".join(chip.lines), marker, label,
                                     chip.lines))
        y -= height + NEED_ROW_GAP
    bottom = y + NEED_ROW_GAP - NEED_PAD
    heading_x = inner_right if direction == "rtl" else inner_left
    heading_y = top - NEED_PAD - NEED_HEADING_HEIGHT / 2
    return NeedsBlock(tuple(placed), (left, bottom, right, top), (heading_x, heading_y))
