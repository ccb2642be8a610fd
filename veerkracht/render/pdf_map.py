"""The support map as vectors on paper, drawn from the same layout as the screen.

Two looks: in colour for the student's own map, and in grey with a pattern per level for the
praatplaat, so a black-and-white printer still tells the three levels apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fpdf import FPDF

from veerkracht.levels import CLOSENESS_WORD_KEYS, LEVEL_STYLES, Level
from veerkracht.render.fonts import FONT, PLACEHOLDER, drawable
from veerkracht.render.paper import INK, PT_PER_MM, RING_GREY, Colour, put_text, rgb, shape
from veerkracht.supportmap import (
    CENTRE_RADIUS,
    CHAR_WIDTH,
    LINE_HEIGHT,
    RING_ARC,
    SECTORS,
    MapLayout,
    PlacedItem,
    WordLookup,
    marker_radius,
    polar,
    ring_word_box,
    ring_word_spot,
)

LABEL_PT_MAX = 9.0
AVERAGE_CHAR_EM = 0.6  # the layout's character estimate, as a share of the font size
CENTRE_PT = 12.0
CENTRE_PT_MIN = 7.0
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
Point = tuple[float, float]
WORD_ROOM = 0.8  # mm kept clear of lines around every word on the map


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

    @property
    def width(self) -> float:
        x0, _, x1, _ = self.placed.drawing_bounds
        return (x1 - x0) * self.scale

    @property
    def height(self) -> float:
        _, y0, _, y1 = self.placed.drawing_bounds
        return (y1 - y0) * self.scale

    @property
    def label_pt(self) -> float:
        return min(LABEL_PT_MAX, CHAR_WIDTH * self.scale / AVERAGE_CHAR_EM * PT_PER_MM)


def frame_for(placed: MapLayout, left: float, top: float, width: float, height: float) -> MapFrame:
    """The largest map that fits the box, centred in its width."""
    x0, y0, x1, y1 = placed.drawing_bounds
    scale = min(width / (x1 - x0), height / (y1 - y0))
    return MapFrame(placed, left + (width - (x1 - x0) * scale) / 2, top, scale)


def full_size_height(placed: MapLayout) -> float:
    """How tall the map is with its labels at full size."""
    _, y0, _, y1 = placed.drawing_bounds
    return (y1 - y0) * LABEL_PT_MAX * AVERAGE_CHAR_EM / (CHAR_WIDTH * PT_PER_MM)


def draw_map(pdf: FPDF, frame: MapFrame, words: WordLookup, centre: str, on_paper: bool = False,
             text_grow: float = 1.0) -> None:
    """Sectors, rings, ring names, level names, "Ik" in the middle, then every source.

    `text_grow`: the names of levels and rings grow with a bigger sheet.
    """
    _sectors(pdf, frame, on_paper)
    _rings(pdf, frame, on_paper)
    _ring_words(pdf, frame, words, both_sides=on_paper, grow=text_grow)
    for level in Level:
        _level_title(pdf, frame, level, words, on_paper, text_grow)
    _centre(pdf, frame, centre, words, text_grow)
    for item in frame.placed:
        _item(pdf, frame, item)
    pdf.set_text_color(*INK)


def sector_tint(level: Level, on_paper: bool) -> Colour:
    return PAPER_TINTS[level] if on_paper else rgb(LEVEL_STYLES[level].light)


def _sector_polygon(frame: MapFrame, level: Level) -> list[Point]:
    start, end = SECTORS[level]
    outer = frame.placed.outer_radius
    return [frame.at(0, 0), *(frame.at(*polar(outer, start + (end - start) * i / 48)) for i in range(49))]


def _sectors(pdf: FPDF, frame: MapFrame, on_paper: bool) -> None:
    for level in SECTORS:
        polygon = _sector_polygon(frame, level)
        pdf.set_fill_color(*sector_tint(level, on_paper))
        pdf.polygon(polygon, style="F")
        if on_paper:
            _pattern(pdf, polygon, PAPER_PATTERNS[level])
    pdf.set_draw_color(*(INK if on_paper else (255, 255, 255)))
    pdf.set_line_width(0.5 if on_paper else 0.9)
    for start, _ in SECTORS.values():
        pdf.line(*frame.at(0, 0), *frame.at(*polar(frame.placed.outer_radius, start)))
    if on_paper:
        outer = frame.placed.outer_radius
        pdf.polyline([frame.at(*polar(outer, i * 2.5)) for i in range(145)], style="D")


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
    for inner, outer in frame.placed.rings.values():
        for radius in (inner, outer) if on_paper else (outer,):
            if on_paper and (radius >= frame.placed.outer_radius or radius <= CENTRE_RADIUS * 1.5):
                continue
            points = [frame.at(*polar(radius, start + (end - start) * i / 360)) for i in range(361)]
            for run in _runs_outside(points, keep_out):
                pdf.polyline(run, style="D")
    pdf.set_dash_pattern()


def _word_boxes(frame: MapFrame) -> list[tuple[float, float, float, float]]:
    """Every label and ring name on the page, in mm, with a little room around."""
    boxes = [item.label_box for item in frame.placed]
    boxes += [ring_word_box(ring) for ring in frame.placed.rings.values()]
    found = []
    for x0, y0, x1, y1 in boxes:
        left, top = frame.at(x0, y1)
        right, bottom = frame.at(x1, y0)
        found.append((left - WORD_ROOM, top - WORD_ROOM, right + WORD_ROOM, bottom + WORD_ROOM))
    return found


def _runs_outside(points: list[Point], boxes: list[tuple[float, float, float, float]]) -> list[list[Point]]:
    """The stretches of a polyline that stay clear of every box."""
    runs: list[list[Point]] = [[]]
    for x, y in points:
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((x, y))
    return [run for run in runs if len(run) > 1]


def _ring_words(pdf: FPDF, frame: MapFrame, words: WordLookup, both_sides: bool, grow: float) -> None:
    """Each ring's name where the ring meets the edge of "ik zelf"; on paper on both edges."""
    size = min(9.0 * grow, LINE_HEIGHT * frame.scale * PT_PER_MM * 0.8)
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*INK)
    for closeness, ring in frame.placed.rings.items():
        word = drawable(words(CLOSENESS_WORD_KEYS[closeness]))
        x, y = frame.at(*ring_word_spot(ring))
        baseline = y + LINE_HEIGHT * frame.scale * 0.75
        _backed_text(pdf, x, baseline, word, "L", (255, 255, 255) if both_sides else None)
        if both_sides:  # mirrored, right-aligned against the other edge of "ik zelf"
            spot_x, spot_y = ring_word_spot(ring)
            _backed_text(pdf, frame.at(-spot_x, spot_y)[0], baseline, word, "R", (255, 255, 255))


def _backed_text(pdf: FPDF, x: float, baseline: float, text: str, align: str, back: Colour | None) -> None:
    if back is not None:
        width = pdf.get_string_width(text)
        left = x if align == "L" else x - width
        pdf.set_fill_color(*back)
        pdf.rect(left - 0.6, baseline - pdf.font_size * 0.85, width + 1.2, pdf.font_size * 1.15, style="F")
    put_text(pdf, x, baseline, text, align)


def _level_title(pdf: FPDF, frame: MapFrame, level: Level, words: WordLookup, on_paper: bool,
                 grow: float) -> None:
    style = LEVEL_STYLES[level]
    x, y, align = frame.placed.title_anchor(level)
    name = drawable(words(style.word_key))
    pdf.set_font(FONT, "B", 11 * grow)
    pdf.set_text_color(*INK)
    width = pdf.get_string_width(name) + 5.5 * grow
    px, py = frame.at(x, y)
    start = px - width / 2 if align == "center" else px - width if align == "right" else px
    fill, line = (PAPER_TINTS[level], INK) if on_paper else (rgb(style.light), rgb(style.colour))
    shape(pdf, style.marker, start + 2 * grow, py, 2.0 * grow, fill=fill, line=line, width=0.4)
    put_text(pdf, start + 5.5 * grow, py + 1.4 * grow, name)


def centre_word(nickname: str, words: WordLookup) -> str:
    """The student's nickname in the middle, else "Ik"; never the same word as a level's name."""
    name = drawable(nickname)
    if name and PLACEHOLDER not in name:
        return name
    me = drawable(words("map.me"))
    if me.casefold() == drawable(words(LEVEL_STYLES[Level.INDIVIDUAL].word_key)).casefold():
        return ""  # a drawn person instead, so "Me" is not written twice
    return me


def _centre(pdf: FPDF, frame: MapFrame, centre: str, words: WordLookup, grow: float) -> None:
    radius = CENTRE_RADIUS * frame.scale
    cx, cy = frame.at(0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.5)
    pdf.circle(cx, cy, radius, style="DF")
    size = CENTRE_PT * grow
    pdf.set_font(FONT, "B", size)
    while centre and pdf.get_string_width(centre) > radius * 1.8 and size > CENTRE_PT_MIN:
        size -= 0.5
        pdf.set_font(FONT, "B", size)
    if centre and pdf.get_string_width(centre) > radius * 1.8:
        centre = centre_word("", words)
        pdf.set_font(FONT, "B", CENTRE_PT)
    if centre:
        pdf.set_text_color(*INK)
        put_text(pdf, cx, cy + pdf.font_size * 0.35, centre, "C")
        return
    pdf.set_fill_color(*INK)  # a person: head and shoulders
    pdf.circle(cx, cy - radius * 0.28, radius * 0.22, style="F")
    pdf.polygon([(cx + radius * 0.45 * math.cos(math.radians(a)), cy + radius * 0.42 - radius * 0.4
                  * math.sin(math.radians(a))) for a in range(0, 181, 15)], style="F")


def label_lines(placed: PlacedItem) -> list[str]:
    """The label as the layout placed it: one line, or the lines it wrapped to."""
    lines = getattr(placed, "lines", None) or placed.label.split("\n")
    return [drawable(line) for line in lines if drawable(line)]


def _item(pdf: FPDF, frame: MapFrame, placed: PlacedItem) -> None:
    style = LEVEL_STYLES[placed.item.level]
    x, y = frame.at(placed.x, placed.y)
    radius = marker_radius(placed.item.level) * frame.scale * (0.72 if style.marker == "star" else 0.9)
    shape(pdf, style.marker, x, y, radius, fill=rgb(style.light), line=rgb(style.colour), width=0.5)
    icon = drawable(placed.item.icon or "")
    if icon and PLACEHOLDER not in icon:
        pdf.set_font(FONT, "", radius * 1.15 * PT_PER_MM)
        put_text(pdf, x, y + pdf.font_size * 0.36, icon, "C")
    lines = label_lines(placed)
    if not lines:
        return
    size = frame.label_pt
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*INK)
    box_x0, box_y0 = frame.at(placed.label_box[0], placed.label_box[3])
    box_x1, box_y1 = frame.at(placed.label_box[2], placed.label_box[1])
    line_height = (box_y1 - box_y0) / len(lines)
    for number, line in enumerate(lines):
        baseline = box_y0 + line_height * (number + 0.5) + size / PT_PER_MM * 0.35
        if placed.anchor == "right":
            put_text(pdf, box_x0, baseline, line, "L")
        elif placed.anchor == "left":
            put_text(pdf, box_x1, baseline, line, "R")
        else:
            put_text(pdf, x, baseline, line, "C")

