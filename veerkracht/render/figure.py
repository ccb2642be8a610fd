"""The support map as a Plotly figure: the layout drawn at a fixed scale, so labels never collide."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from veerkracht.levels import CLOSENESS_WORD_KEYS, LEVEL_STYLES, Level
from veerkracht.supportmap import (
    CENTRE_RADIUS,
    EMPTY_INVITATION_KEY,
    PIXELS_PER_UNIT,
    RING_ARC,
    SECTORS,
    MapLayout,
    PlacedItem,
    SupportMap,
    WordLookup,
    clean_text,
    layout,
    polar,
    ring_word_spot,
)

LABEL_FONT_PX = 10  # the layout's label sizes assume this
ICON_FONT_PX = 12
MARKER_PX = 24
MARKER_PX_BY_SHAPE = {"star": 28}  # a star's points are thin: a larger star holds its emoji as well
INVITATION_CHARS = 34
FIGURE_MARGIN_PX = 4
TITLE_FONT_PX = 13
RING_FONT_PX = 9
FONT_FAMILY = "Noto Sans, Arial, sans-serif"
INK = "#1F2328"
RING_LINE = "#8C959F"
TEXT_POSITIONS = {"right": "middle right", "left": "middle left", "below": "bottom center"}
FIGURE_CONFIG = {"displayModeBar": False, "staticPlot": False, "scrollZoom": False, "responsive": True}


def escape(text: str) -> str:
    """Student text as plain text: Plotly reads <b>, <br> and <a> in labels and hover as markup."""
    return html.escape(clean_text(text), quote=False)


def support_map_figure(support_map: SupportMap, words: WordLookup) -> go.Figure:
    placed = layout(support_map.items)
    shapes: list[dict] = []
    annotations: list[dict] = []
    _draw_background(shapes, annotations, placed, words)
    if support_map.is_empty:
        annotations.append(_invitation(words))
    traces = []
    for level in Level:
        level_items = [p for p in placed if p.item.level == level]
        if level_items:
            traces += [_item_trace(level, level_items, words), _icon_trace(level_items)]
    x0, y0, x1, y1 = placed.drawing_bounds
    return go.Figure(
        data=traces,
        layout={
            "height": round((y1 - y0) * PIXELS_PER_UNIT) + FIGURE_MARGIN_PX * 2,
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
            "meta": {"alt": words("map.figure_alt")},
        },
    )


def figure_pixel_width(figure: go.Figure) -> int:
    """The width at which the map has the scale its layout assumes: narrower, labels would crowd."""
    x0, x1 = figure.layout.xaxis.range
    return round((x1 - x0) * PIXELS_PER_UNIT) + FIGURE_MARGIN_PX * 2


def _item_trace(level: Level, placed: list[PlacedItem], words: WordLookup) -> dict:
    style = LEVEL_STYLES[level]
    return {
        "type": "scatter",
        "x": [p.x for p in placed],
        "y": [p.y for p in placed],
        "mode": "markers+text",
        "name": escape(words(style.word_key)),
        "text": [escape(p.label) for p in placed],
        "textposition": [TEXT_POSITIONS[p.anchor] for p in placed],
        "textfont": {"size": LABEL_FONT_PX, "color": INK},
        "marker": {
            "symbol": style.marker,
            "size": MARKER_PX_BY_SHAPE.get(style.marker, MARKER_PX),
            "color": style.light,
            "line": {"color": style.colour, "width": 2},
        },
        "hovertext": [_hover(p, words) for p in placed],
        "hoverinfo": "text",
        "meta": {"level": level.value},
    }


def _icon_trace(placed: list[PlacedItem]) -> dict:
    return {
        "type": "scatter",
        "x": [p.x for p in placed],
        "y": [p.y for p in placed],
        "mode": "text",
        "text": [escape(p.item.icon) or escape(LEVEL_STYLES[p.item.level].icon) for p in placed],
        "textposition": "middle center",
        "textfont": {"size": ICON_FONT_PX},
        "hoverinfo": "skip",
        "meta": {"icons": True},
    }


def _hover(placed: PlacedItem, words: WordLookup) -> str:
    item = placed.item
    lines = [f"<b>{escape(item.label)}</b>", escape(words(LEVEL_STYLES[item.level].word_key))]
    if item.level != Level.INDIVIDUAL:
        lines.append(escape(words(CLOSENESS_WORD_KEYS[item.closeness])))
    if item.helps_with:
        lines.append(escape(words("map.helps_with", what=", ".join(h.lower() for h in item.helps_with))))
    return "<br>".join(lines)


def _draw_background(shapes: list[dict], annotations: list[dict], placed: MapLayout,
                     words: WordLookup) -> None:
    outer = placed.outer_radius
    for level, (start, end) in SECTORS.items():
        style = LEVEL_STYLES[level]
        shapes.append({"type": "path", "path": _wedge(placed, start, end), "fillcolor": style.light,
                       "line": {"width": 0}, "layer": "below"})
        x, y, align = placed.title_anchor(level)
        annotations.append({
            "x": x, "y": y, "text": f"{style.icon} <b>{escape(words(style.word_key))}</b>",
            "showarrow": False, "xanchor": align, "yanchor": "middle",
            "font": {"size": TITLE_FONT_PX, "color": style.colour},
        })
    for _, outer_edge in placed.rings.values():
        shapes.append({"type": "path", "path": _arc(outer_edge, *RING_ARC), "layer": "below",
                       "line": {"color": RING_LINE, "width": 1, "dash": "dot"}})
    for start, _ in SECTORS.values():
        x, y = polar(outer, start)
        shapes.append({"type": "line", "x0": 0, "y0": 0, "x1": x, "y1": y, "layer": "below",
                       "line": {"color": "white", "width": 3}})
    for closeness, ring in placed.rings.items():
        x, y = ring_word_spot(ring)
        annotations.append({
            "x": x, "y": y, "xanchor": "left", "yanchor": "top", "showarrow": False,
            "text": escape(words(CLOSENESS_WORD_KEYS[closeness])),
            "font": {"size": RING_FONT_PX, "color": "#57606A"},
        })
    shapes.append({"type": "circle", "x0": -CENTRE_RADIUS, "y0": -CENTRE_RADIUS, "x1": CENTRE_RADIUS,
                   "y1": CENTRE_RADIUS, "fillcolor": "white", "line": {"color": INK, "width": 2}})
    annotations.append({"x": 0, "y": 0, "text": f"<b>{escape(words('map.me'))}</b>", "showarrow": False,
                        "font": {"size": 14, "color": INK}})


def _invitation(words: WordLookup) -> dict:
    return {
        "x": 0, "y": 0.86, "showarrow": False,
        "text": "<br>".join(textwrap.wrap(escape(words(EMPTY_INVITATION_KEY)), INVITATION_CHARS)),
        "font": {"size": 12, "color": INK}, "bgcolor": "rgba(255,255,255,0.92)",
        "bordercolor": RING_LINE, "borderwidth": 1, "borderpad": 6,
    }


def _wedge(placed: MapLayout, start: float, end: float) -> str:
    """A sector as an SVG path: from "Ik" out along one edge, around the outer ring, and back."""
    return "M 0 0 L" + _arc(placed.outer_radius, start, end)[1:] + " Z"


def _arc(radius: float, start: float, end: float, steps: int = 64) -> str:
    points = [polar(radius, start + (end - start) * i / steps) for i in range(steps + 1)]
    return "M " + " L ".join(f"{x:.4f} {y:.4f}" for x, y in points)
