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
MARKER_PX_BY_SHAPE = {"star": 30}  # a star's points are thin: a larger star holds its emoji as well
INVITATION_CHARS = 34
TITLE_FONT_PX = 13
RING_FONT_PX = 9
FONT_FAMILY = "Atkinson Hyperlegible, Noto Sans, Arial, sans-serif"
INK = "#1F2328"
RING_LINE = "#8C959F"
TEXT_POSITIONS = {"right": "middle right", "left": "middle left", "below": "bottom center"}
FIGURE_CONFIG = {"displayModeBar": False, "staticPlot": False, "scrollZoom": False, "responsive": False}


def escape(text: str) -> str:
    """Student text as plain text: Plotly reads <b>, <br> and <a> in labels and hover as markup."""
    return html.escape(clean_text(text), quote=False)


def support_map_figure(support_map: SupportMap, words: WordLookup) -> go.Figure:
    placed = layout(support_map.items)
    figure = go.Figure()
    _draw_background(figure, placed, words)
    for level in Level:
        level_items = [p for p in placed if p.item.level == level]
        if level_items:
            figure.add_trace(_item_trace(level, level_items, words))
            figure.add_trace(_icon_trace(level_items))
    if support_map.is_empty:
        _draw_invitation(figure, words)
    x0, y0, x1, y1 = placed.drawing_bounds
    figure.update_layout(
        height=round((y1 - y0) * PIXELS_PER_UNIT) + 8,
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        showlegend=False,
        plot_bgcolor="white",
        paper_bgcolor="white",
        dragmode=False,
        hovermode="closest",
        font={"family": FONT_FAMILY, "color": INK},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "bgcolor": "white"},
        xaxis={"range": [x0, x1], "visible": False, "fixedrange": True},
        yaxis={"range": [y0, y1], "visible": False, "fixedrange": True,
               "scaleanchor": "x", "scaleratio": 1},
        meta={"alt": words("map.figure_alt")},
    )
    return figure


def _item_trace(level: Level, placed: list[PlacedItem], words: WordLookup) -> go.Scatter:
    style = LEVEL_STYLES[level]
    return go.Scatter(
        x=[p.x for p in placed],
        y=[p.y for p in placed],
        mode="markers+text",
        name=words(style.word_key),
        text=[escape(p.label) for p in placed],
        textposition=[TEXT_POSITIONS[p.anchor] for p in placed],
        textfont={"size": LABEL_FONT_PX, "color": INK},
        marker={
            "symbol": style.marker,
            "size": MARKER_PX_BY_SHAPE.get(style.marker, MARKER_PX),
            "color": style.light,
            "line": {"color": style.colour, "width": 2},
        },
        hovertext=[_hover(p, words) for p in placed],
        hoverinfo="text",
        meta={"level": level.value},
    )


def _icon_trace(placed: list[PlacedItem]) -> go.Scatter:
    return go.Scatter(
        x=[p.x for p in placed],
        y=[p.y for p in placed],
        mode="text",
        text=[escape(p.item.icon) or escape(LEVEL_STYLES[p.item.level].icon) for p in placed],
        textposition="middle center",
        textfont={"size": ICON_FONT_PX},
        hoverinfo="skip",
        meta={"icons": True},
    )


def _hover(placed: PlacedItem, words: WordLookup) -> str:
    item = placed.item
    lines = [f"<b>{escape(item.label)}</b>", escape(words(LEVEL_STYLES[item.level].word_key))]
    if item.level != Level.INDIVIDUAL:
        lines.append(escape(words(CLOSENESS_WORD_KEYS[item.closeness])))
    if item.helps_with:
        lines.append(escape(words("map.helps_with", what=", ".join(h.lower() for h in item.helps_with))))
    return "<br>".join(lines)


def _draw_background(figure: go.Figure, placed: MapLayout, words: WordLookup) -> None:
    outer = placed.outer_radius
    for level, (start, end) in SECTORS.items():
        style = LEVEL_STYLES[level]
        figure.add_shape(type="path", path=_wedge(placed, start, end), fillcolor=style.light,
                         line={"width": 0}, layer="below")
        x, y, align = placed.title_anchor(level)
        figure.add_annotation(
            x=x, y=y, text=f"{style.icon} <b>{escape(words(style.word_key))}</b>", showarrow=False,
            xanchor=align, yanchor="middle", font={"size": TITLE_FONT_PX, "color": style.colour},
        )
    for _, outer_edge in placed.rings.values():
        figure.add_shape(type="path", path=_arc(outer_edge, *RING_ARC), line={"color": RING_LINE, "width": 1,
                         "dash": "dot"}, layer="below")
    for start, _ in SECTORS.values():
        x, y = polar(outer, start)
        figure.add_shape(type="line", x0=0, y0=0, x1=x, y1=y, line={"color": "white", "width": 3},
                         layer="below")
    for closeness, ring in placed.rings.items():
        x, y = ring_word_spot(ring)
        figure.add_annotation(
            x=x, y=y, xanchor="right", yanchor="bottom", text=escape(words(CLOSENESS_WORD_KEYS[closeness])),
            showarrow=False, font={"size": RING_FONT_PX, "color": "#57606A"},
        )
    figure.add_shape(type="circle", x0=-CENTRE_RADIUS, y0=-CENTRE_RADIUS, x1=CENTRE_RADIUS,
                     y1=CENTRE_RADIUS, fillcolor="white", line={"color": INK, "width": 2})
    figure.add_annotation(x=0, y=0, text=f"<b>{escape(words('map.me'))}</b>", showarrow=False,
                          font={"size": 14, "color": INK})


def _draw_invitation(figure: go.Figure, words: WordLookup) -> None:
    figure.add_annotation(
        x=0, y=0.86, text="<br>".join(textwrap.wrap(escape(words(EMPTY_INVITATION_KEY)), INVITATION_CHARS)),
        showarrow=False, font={"size": 12, "color": INK}, bgcolor="rgba(255,255,255,0.92)",
        bordercolor=RING_LINE, borderwidth=1, borderpad=6,
    )


def _wedge(placed: MapLayout, start: float, end: float) -> str:
    """A sector as an SVG path: from "Ik" out along one edge, around the outer ring, and back."""
    return "M 0 0 L" + _arc(placed.outer_radius, start, end)[1:] + " Z"


def _arc(radius: float, start: float, end: float, steps: int = 64) -> str:
    points = [polar(radius, start + (end - start) * i / steps) for i in range(steps + 1)]
    return "M " + " L ".join(f"{x:.4f} {y:.4f}" for x, y in points)
