"""The support map as a Plotly figure: the layout drawn to scale, so markers and labels never collide.

Plotly sizes text and markers in pixels, not in map units, so every pixel size here is worked out
from the layout's sizes at its full scale; each label is placed in its own box, not beside a
marker. Given a width, the map keeps to it and grows taller: its text never shrinks.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Collection

import plotly.graph_objects as go

from veerkracht.layout_map import (
    EMPTY_INVITATION_KEY,
    PIXELS_PER_UNIT,
    RING_ARC,
    RING_SIDES,
    SECTORS,
    Box,
    MapLayout,
    NeedsBlock,
    PlacedItem,
    RingNames,
    WordLookup,
    layout,
    marker_radius,
    needs_block,
    ring_names,
)
from veerkracht.levels import LEVEL_STYLES, NEED_STYLE, Level, closeness_word_key
from veerkracht.supportmap import SupportMap
from veerkracht.text import clean_text

LABEL_FONT_PX = 11  # the layout's label sizes assume this
ICON_FONT_PX = 17  # an emoji to recognise at arm's length, inside its marker
MARKER_LINE_PX = 2
# How far Plotly draws a symbol from its centre: times half its size, plus times its line width
# (a star's sharp points stretch its line: half the width / sin 18°).
SYMBOL_REACH = {"circle": (1.0, 0.5), "square": (1.0, 0.5), "star": (1.4, 1.62)}
HALO = 1.2  # the tint behind a star's emoji, times the emoji's size
NEEDS_GAP = 0.08  # between the map (its level names) and the frame of what the student still needs
INVITATION_CHARS = 34
FIGURE_MARGIN_PX = 4
TITLE_FONT_PX = 13
RING_FONT_PX = 10
CENTRE_FONT_PX = 13  # the layout's centre sizes assume this
FONT_FAMILY = "Noto Sans, Noto Sans Arabic, Arial, sans-serif"
# Icons are only emoji: a colour emoji font first, before a text font draws some as black signs.
EMOJI_FONT_FAMILY = "Noto Color Emoji, Apple Color Emoji, Segoe UI Emoji, sans-serif"
INK = "#1F2328"
RING_LINE = "#8C959F"
RING_WORD = "#57606A"
TEXT_POSITIONS = {"right": "middle right", "left": "middle left", "below": "middle center"}
# Plotly puts a label's baseline a quarter of the font size under its point, which leaves the line
# (ascent above, descent below) about this much too high in its box.
LABEL_DROP_PX = 1.5
# Each line of a label keeps its own direction (an Arabic name in a Dutch map and the other way
# round): a first-strong isolate, as dir="auto" does in HTML.
ISOLATE, END_ISOLATE = "\u2068", "\u2069"
Point = tuple[float, float]
FIGURE_CONFIG = {"displayModeBar": False, "staticPlot": False, "scrollZoom": False, "responsive": True}


def escape(text: str) -> str:
    """Student text as plain text: Plotly reads <b>, <br> and <a> in labels and hover as markup."""
    return html.escape(clean_text(text), quote=False)


def drawn_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Lines of text as Plotly draws them, each in its own direction."""
    return "<br>".join(f"{ISOLATE}{escape(line)}{END_ISOLATE}" for line in lines)


def support_map_figure(
    support_map: SupportMap, words: WordLookup, fit_width_px: int | None = None, scale: float = 1.0,
    placed: MapLayout | None = None, shown: Collection[str] | None = None,
) -> go.Figure:
    """The map at full scale; given `fit_width_px`, no wider than that: then it grows taller.

    `scale`: every size times this (a laptop's map at 16-pixel names is 16 / 11). `placed`: a
    layout made elsewhere (a comparison lays out both maps at once), of which only the items with
    a key in `shown` are drawn. What the student still needs goes in its own frame below the map.
    """
    ppu = PIXELS_PER_UNIT * scale
    max_width = None if fit_width_px is None else (fit_width_px - FIGURE_MARGIN_PX * 2) / ppu
    direction = "rtl" if getattr(words, "direction", "ltr") == "rtl" else "ltr"
    rings = ring_names(words)
    if placed is None:
        placed = layout(support_map.items, centre=support_map.nickname, max_width=max_width,
                        direction=direction, ring_words=rings)
    drawn = [p for p in placed if shown is None or p.item.key in shown]
    x0, y0, x1, y1 = placed.drawing_bounds
    shapes: list[dict] = []
    annotations: list[dict] = []
    _draw_background(shapes, annotations, placed, words, rings, scale)
    if support_map.is_empty:
        annotations.append(_invitation(words, scale))
    traces = []
    for level in Level:
        level_items = [p for p in drawn if p.item.level == level]
        if level_items:
            grounds = (_label_ground(p, placed) for p in level_items if p.lines)
            shapes += [ground for ground in grounds if ground is not None]
            traces.append(_item_trace(level, level_items, words, scale))
            if LEVEL_STYLES[level].marker == "star":
                traces.append(_halo_trace(level, level_items, scale))
            traces += [_icon_trace(level_items, scale), _label_trace(level_items, scale)]
    needs = needs_block(support_map.needs, x0, x1, y0 - NEEDS_GAP, direction)
    if needs is not None:
        y0 = needs.frame[1]
        traces += _draw_needs(shapes, annotations, needs, words, scale)
    return go.Figure(
        data=traces,
        layout={
            "height": round((y1 - y0) * ppu) + FIGURE_MARGIN_PX * 2,
            "margin": {side: FIGURE_MARGIN_PX for side in "lrtb"},
            "showlegend": False,
            "plot_bgcolor": "white",
            "paper_bgcolor": "white",
            "dragmode": False,
            "hovermode": "closest",
            "font": {"family": FONT_FAMILY, "color": INK},
            "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}, "bgcolor": "white"},
            "xaxis": {"range": [x0, x1], "visible": False, "fixedrange": True},
            "yaxis": {"range": [y0, y1], "visible": False, "fixedrange": True,
                      "scaleanchor": "x", "scaleratio": 1},
            "shapes": shapes,
            "annotations": annotations,
            "meta": {"alt": words("map.figure_alt"), "pixels_per_unit": ppu,
                     "direction": direction, "label_px": LABEL_FONT_PX * scale},
        },
    )


def figure_pixel_width(figure: go.Figure) -> int:
    """The width at which the map has the scale it was drawn for: narrower, labels would crowd."""
    x0, x1 = figure.layout.xaxis.range
    return round((x1 - x0) * figure.layout.meta["pixels_per_unit"]) + FIGURE_MARGIN_PX * 2


def marker_size_px(level: Level, scale: float = 1.0) -> float:
    """Plotly's marker size at which the marker, its line included, fills the layout's marker box."""
    half_size, line = SYMBOL_REACH[LEVEL_STYLES[level].marker]
    reach_px = marker_radius(level) * PIXELS_PER_UNIT * scale
    return 2 * (reach_px - line * MARKER_LINE_PX * scale) / half_size


def _halo_trace(level: Level, placed: list[PlacedItem], scale: float) -> dict:
    """A disc of the level's tint behind the emoji: a star's thin points never run over it."""
    return {
        "type": "scatter", "x": [p.x for p in placed], "y": [p.y for p in placed], "mode": "markers",
        "marker": {"symbol": "circle", "size": ICON_FONT_PX * HALO * scale,
                   "color": LEVEL_STYLES[level].light, "line": {"width": 0}},
        "hoverinfo": "skip", "meta": {"halo": level.value},
    }


def _item_trace(level: Level, placed: list[PlacedItem], words: WordLookup, scale: float = 1.0) -> dict:
    style = LEVEL_STYLES[level]
    return {
        "type": "scatter",
        "x": [p.x for p in placed],
        "y": [p.y for p in placed],
        "mode": "markers",
        "name": escape(words(style.word_key)),
        "marker": {
            "symbol": style.marker,
            "size": marker_size_px(level, scale),
            "color": style.light,
            "line": {"color": style.colour, "width": MARKER_LINE_PX * scale},
        },
        "hovertext": [_hover(p, words) for p in placed],
        "hoverinfo": "text",
        "meta": {"level": level.value},
    }


def _label_trace(placed: list[PlacedItem], scale: float = 1.0) -> dict:
    """Each label drawn from the edge of its box that faces the marker, so it fills that box."""
    points = [_label_point(p) for p in placed]
    return {
        "type": "scatter",
        "x": [x for x, _ in points],
        "y": [y for _, y in points],
        "mode": "text",
        "text": [drawn_lines(p.lines) for p in placed],
        "textposition": [TEXT_POSITIONS[p.anchor] for p in placed],
        "textfont": {"size": LABEL_FONT_PX * scale, "color": INK},
        "hoverinfo": "skip",
        "meta": {"labels": placed[0].item.level.value},
    }


def _label_point(placed: PlacedItem) -> tuple[float, float]:
    x0, y0, x1, y1 = placed.label_box
    middle = (y0 + y1) / 2 - LABEL_DROP_PX / PIXELS_PER_UNIT
    return {"right": x0, "left": x1, "below": placed.x}[placed.anchor], middle


def _label_ground(placed: PlacedItem, map_layout: MapLayout) -> dict | None:
    """The sector's own tint under a label, so a ring's line never runs through its words."""
    return _ground(placed.label_box, placed.item.level, map_layout, "label-ground")


def _ground(box: Box, level: Level, map_layout: MapLayout, name: str) -> dict | None:
    """A patch of the sector's tint under words, cut to the sector: no tinted corner shows past the
    map's edge or on a neighbour's colour."""
    x0, y0, x1, y1 = box
    start, end = SECTORS[level]
    steps = 32
    sector = [(0.0, 0.0)] + [map_layout.point(map_layout.outer_radius, start + (end - start) * i / steps)
                             for i in range(steps + 1)]
    patch = _clipped([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], sector)
    if len(patch) < 3:
        return None
    path = "M " + " L ".join(f"{x:.4f} {y:.4f}" for x, y in patch) + " Z"
    return {"type": "path", "path": path, "layer": "below", "name": name,
            "fillcolor": LEVEL_STYLES[level].light, "line": {"width": 0}}


def _clipped(polygon: list[Point], convex: list[Point]) -> list[Point]:
    """The part of `polygon` inside `convex` (its corners counter-clockwise): Sutherland-Hodgman."""
    for edge_start, edge_end in zip(convex, convex[1:] + convex[:1], strict=True):
        kept: list[Point] = []
        for here, after in zip(polygon, polygon[1:] + polygon[:1], strict=True):
            here_side, after_side = _side(edge_start, edge_end, here), _side(edge_start, edge_end, after)
            if here_side >= 0:
                kept.append(here)
            if (here_side >= 0) != (after_side >= 0):
                share = here_side / (here_side - after_side)
                kept.append((here[0] + (after[0] - here[0]) * share, here[1] + (after[1] - here[1]) * share))
        polygon = kept
        if not polygon:
            break
    return polygon


def _side(start: Point, end: Point, point: Point) -> float:
    """Above zero when `point` lies left of the line from `start` to `end`."""
    return (end[0] - start[0]) * (point[1] - start[1]) - (end[1] - start[1]) * (point[0] - start[0])


def _icon_trace(placed: list[PlacedItem], scale: float = 1.0) -> dict:
    return {
        "type": "scatter",
        "x": [p.x for p in placed],
        "y": [p.y for p in placed],
        "mode": "text",
        "text": [escape(p.item.icon) or escape(LEVEL_STYLES[p.item.level].icon) for p in placed],
        "textposition": "middle center",
        "textfont": {"size": ICON_FONT_PX * scale, "family": EMOJI_FONT_FAMILY},
        "hoverinfo": "skip",
        "meta": {"icons": True},
    }


def _hover(placed: PlacedItem, words: WordLookup) -> str:
    item = placed.item
    lines = [f"<b>{escape(item.label)}</b>", escape(words(LEVEL_STYLES[item.level].word_key))]
    if item.level != Level.INDIVIDUAL:
        lines.append(escape(words(closeness_word_key(item.closeness, item.level))))
    if item.helps_with:
        lines.append(escape(words("map.helps_with", what=", ".join(h.lower() for h in item.helps_with))))
    return "<br>".join(lines)


def _draw_background(shapes: list[dict], annotations: list[dict], placed: MapLayout,
                     words: WordLookup, rings: RingNames, scale: float = 1.0) -> None:
    outer = placed.outer_radius
    for level, (start, end) in SECTORS.items():
        style = LEVEL_STYLES[level]
        shapes.append({"type": "path", "path": _wedge(placed, start, end), "fillcolor": style.light,
                       "line": {"width": 0}, "layer": "below"})
        x, y, align = placed.title_anchor(level)
        annotations.append({
            "x": x, "y": y, "text": f"{style.icon} <b>{drawn_lines([words(style.word_key)])}</b>",
            "showarrow": False, "xanchor": align, "yanchor": "middle",
            "font": {"size": TITLE_FONT_PX * scale, "color": style.colour},
        })
    for _, outer_edge in placed.rings.values():
        shapes.append({"type": "path", "path": _arc(placed, outer_edge, *RING_ARC), "layer": "below",
                       "line": {"color": RING_LINE, "width": scale, "dash": "dot"}})
    for closeness in placed.rings:  # on the sector's own tint, so no ring's line runs through a name
        for box, level in zip(placed.ring_word_boxes(closeness), RING_SIDES, strict=True):
            ground = _ground(box, level, placed, "ring-ground")
            if ground is not None:
                shapes.append(ground)
    for start, _ in SECTORS.values():
        x, y = placed.point(outer, start)
        shapes.append({"type": "line", "x0": 0, "y0": 0, "x1": x, "y1": y, "layer": "below",
                       "line": {"color": "white", "width": 3 * scale}})
    for closeness in placed.rings:
        spots = placed.ring_word_spots(closeness)
        for (x, y, align), name in zip(spots, rings[closeness], strict=True):
            annotations.append({
                "x": x, "y": y, "xanchor": align, "yanchor": "top", "showarrow": False,
                "text": drawn_lines([name]), "borderpad": 0,
                "font": {"size": RING_FONT_PX * scale, "color": RING_WORD}, "name": f"ring:{closeness.value}",
            })
    radius = placed.centre_radius
    shapes.append({"type": "circle", "x0": -radius, "y0": -radius, "x1": radius, "y1": radius,
                   "fillcolor": "white", "line": {"color": INK, "width": 2 * scale}})
    centre = placed.centre_lines or (words("map.me"),)
    annotations.append({"x": 0, "y": 0, "text": f"<b>{drawn_lines(centre)}</b>", "showarrow": False,
                        "font": {"size": CENTRE_FONT_PX * scale, "color": INK}, "name": "centre"})


def _draw_needs(shapes: list[dict], annotations: list[dict], needs: NeedsBlock, words: WordLookup,
                scale: float) -> list[dict]:
    """What the student still needs, in a dashed frame of its own colour: empty dashed circles, so
    nothing there reads as support the student already has."""
    x0, y0, x1, y1 = needs.frame
    shapes.append({"type": "rect", "x0": x0, "y0": y0, "x1": x1, "y1": y1, "name": "needs-frame",
                   "line": {"color": NEED_STYLE.colour, "width": 2 * scale, "dash": "dash"},
                   "fillcolor": NEED_STYLE.light, "layer": "below"})
    x, y = needs.heading
    annotations.append({
        "x": x, "y": y, "xanchor": "right" if x > (x0 + x1) / 2 else "left", "yanchor": "middle",
        "showarrow": False, "name": "needs-heading",
        "text": f"{NEED_STYLE.icon} <b>{drawn_lines([words(NEED_STYLE.word_key)])}</b>",
        "font": {"size": TITLE_FONT_PX * scale, "color": NEED_STYLE.colour},
    })
    for p in needs.placed:
        m0, n0, m1, n1 = p.marker_box
        shapes.append({"type": "circle", "x0": m0, "y0": n0, "x1": m1, "y1": n1, "name": "need-marker",
                       "layer": "below", "fillcolor": "white",
                       "line": {"color": NEED_STYLE.colour, "width": 2 * scale, "dash": "dot"}})
    placed = list(needs.placed)
    labels = _label_trace(placed, scale)
    labels["meta"] = {"needs": True}
    hover = {"type": "scatter", "x": [p.x for p in placed], "y": [p.y for p in placed], "mode": "markers",
             "marker": {"size": marker_size_px(Level.RELATIONAL, scale), "opacity": 0},
             "hovertext": [f"<b>{escape(p.item.label)}</b><br>{escape(words(NEED_STYLE.word_key))}"
                           for p in placed], "hoverinfo": "text", "meta": {"need_markers": True}}
    return [hover, _icon_trace(placed, scale), labels]


def _invitation(words: WordLookup, scale: float = 1.0) -> dict:
    return {
        "x": 0, "y": 0.86, "showarrow": False,
        "text": "<br>".join(textwrap.wrap(escape(words(EMPTY_INVITATION_KEY)), INVITATION_CHARS)),
        "font": {"size": 12 * scale, "color": INK}, "bgcolor": "rgba(255,255,255,0.92)",
        "bordercolor": RING_LINE, "borderwidth": 1, "borderpad": 6,
    }


def _wedge(placed: MapLayout, start: float, end: float) -> str:
    """A sector as an SVG path: from "Ik" out along one edge, around the outer ring, and back."""
    return "M 0 0 L" + _arc(placed, placed.outer_radius, start, end)[1:] + " Z"


def _arc(placed: MapLayout, radius: float, start: float, end: float, steps: int = 64) -> str:
    points = [placed.point(radius, start + (end - start) * i / steps) for i in range(steps + 1)]
    return "M " + " L ".join(f"{x:.4f} {y:.4f}" for x, y in points)

