"""The support map as vectors on paper, drawn from the same layout as the screen.

Two looks: in colour for the student's own map, and in grey with a pattern per level for the
praatplaat, so a black-and-white printer still tells the three levels apart. Text has the same
size against the map as on screen (the layout measured it so), and no ring runs through a word.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fpdf import FPDF

from veerkracht.layout_map import (
    LINE_HEIGHT,
    PIXELS_PER_UNIT,
    RING_ARC,
    SECTORS,
    MapLayout,
    PlacedItem,
    WordLookup,
    marker_radius,
    ring_names,
)
from veerkracht.levels import LEVEL_STYLES, Level
from veerkracht.render.fonts import FONT, PLACEHOLDER, drawable
from veerkracht.render.paper import INK, PT_PER_MM, RING_GREY, Colour, put_text, rgb, shape

# Font sizes in map units, as the screen has them (render/figure.py: pixels at PIXELS_PER_UNIT).
LABEL_EM = 11 / PIXELS_PER_UNIT
ICON_EM = 17 / PIXELS_PER_UNIT
RING_EM = 10 / PIXELS_PER_UNIT
CENTRE_EM = 13 / PIXELS_PER_UNIT
LABEL_PT_MAX = 9.0
RING_PT_MAX = 9.0
CENTRE_PT_MAX = 13.0
TITLE_PT = 11.0
# The praatplaat in grey: a tint step per level, plus a pattern, so shape is not the only cue.
PAPER_TINTS: dict[Level, Colour] = {
    Level.INDIVIDUAL: (247, 247, 247),
    Level.RELATIONAL: (236, 236, 236),
    Level.CONTEXTUAL: (218, 218, 218),
}
PAPER_PATTERNS: dict[Level, str] = {Level.INDIVIDUAL: "plain", Level.RELATIONAL: "lines",
                                     Level.CONTEXTUAL: "dots"}
PATTERN_GREY = (150, 150, 150)
PATTERN_STEP = 4.0  # mm between hatch lines and dots
WORD_ROOM = 0.8  # mm kept clear of lines around every word on the map
Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class MapFrame:
    """Where a map sits on the page: map units to millimetres."""

    placed: MapLayout
    left: float
    top: float
    scale: float  # mm per map unit

    def at(self, x: float, y: float) -> Point:
        x0, _, _, y1 = self.placed.drawing_bounds
        return self.left + (x - x0) * self.scale, self.top + (y1 - y) * self.scale

    def on_ring(self, radius: float, degrees: float) -> Point:
        return self.at(*self.placed.point(radius, degrees))

    def box(self, box: Box) -> Box:
        """A box in map units (y up) as left, top, right, bottom in mm."""
        left, top = self.at(box[0], box[3])
        right, bottom = self.at(box[2], box[1])
        return left, top, right, bottom

    @property
    def width(self) -> float:
        x0, _, x1, _ = self.placed.drawing_bounds
        return (x1 - x0) * self.scale

    @property
    def height(self) -> float:
        _, y0, _, y1 = self.placed.drawing_bounds
        return (y1 - y0) * self.scale

    def pt(self, em: float, most: float) -> float:
        """A font size in points that keeps its size against the map, up to `most`."""
        return min(most, em * self.scale * PT_PER_MM)


def frame_for(placed: MapLayout, left: float, top: float, width: float, height: float) -> MapFrame:
    """The largest map that fits the box, centred in its width."""
    x0, y0, x1, y1 = placed.drawing_bounds
    scale = min(width / (x1 - x0), height / (y1 - y0))
    return MapFrame(placed, left + (width - (x1 - x0) * scale) / 2, top, scale)


def full_size_height(placed: MapLayout) -> float:
    """How tall the map is with its labels at full size."""
    _, y0, _, y1 = placed.drawing_bounds
    return (y1 - y0) * LABEL_PT_MAX / (LABEL_EM * PT_PER_MM)


def draw_map(pdf: FPDF, frame: MapFrame, words: WordLookup, centre: str, on_paper: bool = False,
             text_grow: float = 1.0) -> None:
    """Sectors, rings, ring names, level names, the centre, then every source.

    `centre`: the word for the middle when the layout holds no nickname ("" draws a person).
    `text_grow`: the names of levels and rings grow with a bigger sheet.
    """
    _sectors(pdf, frame, on_paper)
    _rings(pdf, frame, on_paper)
    _ring_words(pdf, frame, words, on_paper, text_grow)
    for level in Level:
        _level_title(pdf, frame, level, words, on_paper, text_grow)
    _centre(pdf, frame, centre, text_grow)
    for item in frame.placed:
        _item(pdf, frame, item)
    pdf.set_text_color(*INK)


def sector_tint(level: Level, on_paper: bool) -> Colour:
    return PAPER_TINTS[level] if on_paper else rgb(LEVEL_STYLES[level].light)


def _sector_polygon(frame: MapFrame, level: Level) -> list[Point]:
    start, end = SECTORS[level]
    outer = frame.placed.outer_radius
    return [frame.at(0, 0), *(frame.on_ring(outer, start + (end - start) * i / 48) for i in range(49))]


def _sectors(pdf: FPDF, frame: MapFrame, on_paper: bool) -> None:
    for level in SECTORS:
        polygon = _sector_polygon(frame, level)
        pdf.set_fill_color(*sector_tint(level, on_paper))
        pdf.polygon(polygon, style="F")
        if on_paper:
            _pattern(pdf, polygon, PAPER_PATTERNS[level])
    pdf.set_draw_color(*(INK if on_paper else (255, 255, 255)))
    pdf.set_line_width(0.5 if on_paper else 0.9)
    outer = frame.placed.outer_radius
    for start, _ in SECTORS.values():
        pdf.line(*frame.at(0, 0), *frame.on_ring(outer, start))
    if on_paper:
        pdf.polyline([frame.on_ring(outer, i * 2.5) for i in range(145)], style="D")


def _pattern(pdf: FPDF, polygon: list[Point], pattern: str) -> None:
    """Hatch lines or dots inside a convex polygon, light enough to write over."""
    if pattern == "plain":
        return
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    pdf.set_draw_color(*PATTERN_GREY)
    pdf.set_fill_color(*PATTERN_GREY)
    pdf.set_line_width(0.2)
    if pattern == "lines":  # diagonal, bottom left to top right
        rise = max(ys) - min(ys)
        start = min(xs) - rise
        while start < max(xs):
            clipped = _clip((start, max(ys)), (start + rise, min(ys)), polygon)
            if clipped is not None:
                pdf.line(*clipped[0], *clipped[1])
            start += PATTERN_STEP * math.sqrt(2)
        return
    y = min(ys) + PATTERN_STEP / 2
    row = 0
    while y < max(ys):
        x = min(xs) + (PATTERN_STEP / 2 if row % 2 else 0)
        while x < max(xs):
            if _inside_convex((x, y), polygon):
                pdf.circle(x, y, 0.35, style="F")
            x += PATTERN_STEP
        y += PATTERN_STEP * 0.87
        row += 1


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _orientation(polygon: list[Point]) -> float:
    return sum(_cross(polygon[0], polygon[i], polygon[i + 1]) for i in range(1, len(polygon) - 1))


def _inside_convex(point: Point, polygon: list[Point]) -> bool:
    sign = 1 if _orientation(polygon) > 0 else -1
    return all(sign * _cross(polygon[i], polygon[(i + 1) % len(polygon)], point) >= 0
               for i in range(len(polygon)))


def _clip(a: Point, b: Point, polygon: list[Point]) -> tuple[Point, Point] | None:
    """The part of the segment a-b inside a convex polygon (Cyrus-Beck), or None."""
    sign = 1 if _orientation(polygon) > 0 else -1
    low, high = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for i in range(len(polygon)):
        p, q = polygon[i], polygon[(i + 1) % len(polygon)]
        # inside when sign * cross(p, q, point) >= 0; cross is linear in t
        start = sign * _cross(p, q, a)
        change = sign * ((q[0] - p[0]) * dy - (q[1] - p[1]) * dx)
        if abs(change) < 1e-12:
            if start < 0:
                return None
            continue
        t = -start / change
        if change > 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (a[0] + low * dx, a[1] + low * dy), (a[0] + high * dx, a[1] + high * dy)


def _rings(pdf: FPDF, frame: MapFrame, on_paper: bool) -> None:
    """The rings, dashed, with a gap wherever a label or a ring's name sits: no line runs through words."""
    pdf.set_draw_color(*(INK if on_paper else RING_GREY))
    pdf.set_line_width(0.35 if on_paper else 0.3)
    pdf.set_dash_pattern(dash=1.2, gap=1.0)
    start, end = RING_ARC
    keep_out = _word_boxes(frame)
    outer = frame.placed.outer_radius
    radii = sorted({radius for ring in frame.placed.rings.values() for radius in ring})
    for radius in radii:
        if radius <= frame.placed.centre_radius * 1.5 or (on_paper and radius >= outer):
            continue  # the innermost edge hugs the centre; on paper the edge of the map is solid
        points = [frame.on_ring(radius, start + (end - start) * i / 360) for i in range(361)]
        for run in _runs_outside(points, keep_out):
            pdf.polyline(run, style="D")
    pdf.set_dash_pattern()


def _ring_word_boxes(frame: MapFrame) -> list[tuple[Box, float, float, str]]:
    """Each ring's name on both sides: its box in mm, where its text starts or ends, its baseline."""
    found = []
    for closeness in frame.placed.rings:
        spots = frame.placed.ring_word_spots(closeness)
        for box, (x, y, side) in zip(frame.placed.ring_word_boxes(closeness), spots, strict=True):
            px, py = frame.at(x, y)
            found.append((frame.box(box), px, py + LINE_HEIGHT * frame.scale * 0.75, side))
    return found


def _word_boxes(frame: MapFrame) -> list[Box]:
    """Every label and ring name on the map, in mm, with a little room around."""
    boxes = [frame.box(item.label_box) for item in frame.placed]
    boxes += [box for box, _, _, _ in _ring_word_boxes(frame)]
    return [(b[0] - WORD_ROOM, b[1] - WORD_ROOM, b[2] + WORD_ROOM, b[3] + WORD_ROOM) for b in boxes]


def _runs_outside(points: list[Point], boxes: list[Box]) -> list[list[Point]]:
    """The stretches of a polyline that stay clear of every box."""
    runs: list[list[Point]] = [[]]
    for x, y in points:
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((x, y))
    return [run for run in runs if len(run) > 1]


def _ring_words(pdf: FPDF, frame: MapFrame, words: WordLookup, on_paper: bool, grow: float) -> None:
    """Each ring's name on both sides, where the ring meets the edge of "ik zelf"."""
    pdf.set_font(FONT, "", frame.pt(RING_EM, RING_PT_MAX * grow))
    pdf.set_text_color(*INK)
    spots = iter(_ring_word_boxes(frame))
    names = ring_names(words)
    for closeness in frame.placed.rings:
        for name in names[closeness]:
            word = drawable(name)
            box, x, baseline, side = next(spots)
            if on_paper:  # the sector's pattern stops around the word
                pdf.set_fill_color(255, 255, 255)
                width = pdf.get_string_width(word)
                left = x - width if side == "right" else x
                pdf.rect(left - 0.6, baseline - pdf.font_size * 0.85, width + 1.2, pdf.font_size * 1.15,
                         style="F")
            put_text(pdf, x, baseline, word, "R" if side == "right" else "L")


def _level_title(pdf: FPDF, frame: MapFrame, level: Level, words: WordLookup, on_paper: bool,
                 grow: float) -> None:
    style = LEVEL_STYLES[level]
    x, y, align = frame.placed.title_anchor(level)
    name = drawable(words(style.word_key))
    pdf.set_font(FONT, "B", TITLE_PT * grow)
    pdf.set_text_color(*INK)
    width = pdf.get_string_width(name) + 5.5 * grow
    px, py = frame.at(x, y)
    start = px - width / 2 if align == "center" else px - width if align == "right" else px
    fill, line = (PAPER_TINTS[level], INK) if on_paper else (rgb(style.light), rgb(style.colour))
    shape(pdf, style.marker, start + 2 * grow, py, 2.0 * grow, fill=fill, line=line, width=0.4)
    put_text(pdf, start + 5.5 * grow, py + 1.4 * grow, name)


def centre_word(words: WordLookup) -> str:
    """"Ik" for the middle when there is no nickname, but never the same word as a level's name."""
    me = drawable(words("map.me"))
    if me.casefold() == drawable(words(LEVEL_STYLES[Level.INDIVIDUAL].word_key)).casefold():
        return ""  # a drawn person instead, so "Me" is not written twice
    return me


def _centre(pdf: FPDF, frame: MapFrame, word: str, grow: float) -> None:
    """The middle: the nickname the layout made room for, else the word for "Ik", else a person."""
    radius = frame.placed.centre_radius * frame.scale
    cx, cy = frame.at(0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.5)
    pdf.circle(cx, cy, radius, style="DF")
    lines = [drawable(line) for line in frame.placed.centre_lines if drawable(line)]
    lines = lines or ([word] if word else [])
    pdf.set_text_color(*INK)
    if lines:
        pdf.set_font(FONT, "B", frame.pt(CENTRE_EM, CENTRE_PT_MAX * grow))
        height = pdf.font_size * 1.15
        first = cy - height * (len(lines) - 1) / 2 + pdf.font_size * 0.35
        for number, line in enumerate(lines):
            put_text(pdf, cx, first + number * height, line, "C", own_direction=True)
        return
    pdf.set_fill_color(*INK)  # a person: head and shoulders
    pdf.circle(cx, cy - radius * 0.28, radius * 0.22, style="F")
    pdf.polygon([(cx + radius * 0.45 * math.cos(math.radians(a)), cy + radius * 0.42 - radius * 0.4
                  * math.sin(math.radians(a))) for a in range(0, 181, 15)], style="F")


def label_lines(placed: PlacedItem) -> list[str]:
    """The label as the layout placed it: one line, or the two lines it wrapped to."""
    lines = placed.lines or (placed.label,)
    return [drawable(line) for line in lines if drawable(line)]


def _item(pdf: FPDF, frame: MapFrame, placed: PlacedItem) -> None:
    """A source: its level's shape with its emoji inside, and its name beside or under it."""
    style = LEVEL_STYLES[placed.item.level]
    x, y = frame.at(placed.x, placed.y)
    radius = marker_radius(placed.item.level) * frame.scale * (0.79 if style.marker == "star" else 0.9)
    shape(pdf, style.marker, x, y, radius, fill=rgb(style.light), line=rgb(style.colour), width=0.5)
    icon = drawable(placed.item.icon or "")
    if icon and PLACEHOLDER not in icon:
        pdf.set_font(FONT, "", frame.pt(ICON_EM, 99.0) * (0.9 if style.marker == "star" else 1.0))
        put_text(pdf, x, y + pdf.font_size * 0.36, icon, "C")
    lines = label_lines(placed)
    if not lines:
        return
    pdf.set_font(FONT, "", frame.pt(LABEL_EM, LABEL_PT_MAX))
    pdf.set_text_color(*INK)
    left, top, right, bottom = frame.box(placed.label_box)
    line_height = (bottom - top) / len(lines)
    for number, line in enumerate(lines):
        baseline = top + line_height * (number + 0.5) + pdf.font_size * 0.35
        if placed.anchor == "right":
            put_text(pdf, left, baseline, line, "L", own_direction=True)
        elif placed.anchor == "left":
            put_text(pdf, right, baseline, line, "R", own_direction=True)
        else:
            put_text(pdf, x, baseline, line, "C", own_direction=True)
