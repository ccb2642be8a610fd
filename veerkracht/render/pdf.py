"""Mijn steunkaart on A4 with fpdf2: the map as vectors from the same layout, and the words.

The font ships with the package, so accents always render. Characters the font cannot draw
(most emoji) are left out of the text; every source is marked by its level's shape instead, so
the page also reads in black and white.
"""

from __future__ import annotations

import math
from datetime import date
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

from veerkracht.levels import CLOSENESS_WORD_KEYS, LEVEL_STYLES, Level
from veerkracht.model import QuestionSet
from veerkracht.supportmap import (
    CENTRE_RADIUS,
    CHAR_WIDTH,
    LINE_HEIGHT,
    MARKER_RADIUS,
    RING_ARC,
    SECTORS,
    MapLayout,
    PlacedItem,
    SupportMap,
    WordLookup,
    clean_text,
    item_line,
    layout,
    polar,
    ring_word_spot,
    step_line,
)
from veerkracht.text import resolve

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILES = {"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf"}
FONT = "NotoSans"
PAGE_MARGIN = 13.0  # mm, so a typical conversation fits on one sheet
MAP_MAX_HEIGHT = 150.0  # mm; a crowded map stops growing here and its labels shrink instead
PRAATPLAAT_MAP_HEIGHT = 128.0
PT_PER_MM = 72 / 25.4
LABEL_PT_MAX = 9.0
LIST_PT = 10.5  # sources and next steps in words
LIST_LINE = 5.0  # mm
LIST_INDENT = 8.0  # mm, room for a level's shape
LEVEL_NAME_LINE = 12 / PT_PER_MM * 1.3  # mm, for the level names at 12 pt
SUBHEADING_LINE = 6.5
SUBHEADING_GAP = 2.5
LEVEL_GAP = 1.5
FOOTER_GAP = 2.5
AVERAGE_CHAR_EM = 0.6  # the layout's character estimate, as a share of the font size
INK = (31, 35, 40)
GREY = (110, 118, 129)
RING_GREY = (140, 149, 159)


@cache
def font_codepoints() -> frozenset[int]:
    """Every character the shipped regular font can draw."""
    with TTFont(FONT_DIR / FONT_FILES[""], lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawable(text: str) -> str:
    """Student text as the font can draw it: plain, one line, without characters it lacks."""
    known = font_codepoints()
    kept = "".join(ch if ord(ch) in known else " " for ch in clean_text(text))
    return " ".join(kept.split())


def support_map_pdf(support_map: SupportMap, words: WordLookup, today: date | None = None) -> bytes:
    """The student's support map on A4: name, date, the map, the next steps, then the sources in words.

    The next steps come straight after the map: they are what the student takes away, so they are
    always on the first page. A long list of sources may go on to a second page.
    """
    pdf = _new_pdf(words("map.title"), support_map.language)
    pdf.add_page()
    _heading(pdf, words("map.title"), 22)
    details = []
    if drawable(support_map.nickname):
        details.append(words("pdf.of_name", name=drawable(support_map.nickname)))
    details.append(words("pdf.date", date=(today or date.today()).strftime("%d-%m-%Y")))
    _paragraph(pdf, "   ·   ".join(details), 11, GREY)
    pdf.ln(1)
    placed = layout(support_map.items)
    _draw_map(pdf, placed, words, _map_height(placed))
    if support_map.is_empty:
        _paragraph(pdf, words("map.empty_invitation"), 11)
    _next_steps_in_words(pdf, support_map, words)
    footer = words("pdf.footer")
    _sources_in_words(pdf, support_map, words, keep_last_with=FOOTER_GAP + _paragraph_height(pdf, footer, 9))
    pdf.ln(FOOTER_GAP)
    _paragraph(pdf, footer, 9, GREY)
    return bytes(pdf.output())


def blank_praatplaat_pdf(question_set: QuestionSet, words: WordLookup, lang: str | None = None) -> bytes:
    """A sheet to work on paper: "Ik" in the middle, the three levels, the rings, and prompts."""
    lang = lang or question_set.default_language
    pdf = _new_pdf(words("pdf.praatplaat_title"), lang)
    pdf.add_page()
    _heading(pdf, words("pdf.praatplaat_title"), 20)
    _write_lines(pdf, [words("pdf.name_line"), words("pdf.date_line")], columns=2)
    _paragraph(pdf, words("pdf.praatplaat_hint"), 10, GREY)
    _draw_map(pdf, layout([]), words, PRAATPLAAT_MAP_HEIGHT)
    prompts: list[tuple[Level, str]] = [
        (step.kind.level, drawable(resolve(step.title, lang, question_set.default_language)))
        for step in question_set.steps
        if step.kind.level is not None
    ]
    if prompts:
        _subheading(pdf, words("pdf.praatplaat_prompts"))
        _write_lines(pdf, [entry for prompt in prompts for entry in (prompt, "")])
    _subheading(pdf, words("pdf.praatplaat_step"))
    _write_lines(pdf, ["", words("pdf.praatplaat_when"), words("pdf.praatplaat_who")])
    return bytes(pdf.output())


# --- Page set-up and text --------------------------------------------------------------------


def _new_pdf(title: str, lang: str) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    for style, file in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / file))
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    pdf.set_auto_page_break(True, margin=PAGE_MARGIN)
    pdf.set_title(drawable(title))
    pdf.set_lang(lang)
    pdf.set_creator("Veerkracht")
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*INK)
    return pdf


def _heading(pdf: FPDF, text: str, size: float) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size / PT_PER_MM * 1.3, drawable(text), align="L", new_x="LMARGIN", new_y="NEXT")


def _keep_on_page(pdf: FPDF, height: float) -> None:
    """Start a new page unless the next `height` mm fit on this one."""
    if pdf.will_page_break(height):
        pdf.add_page()


def _text_height(pdf: FPDF, text: str, width: float, line_height: float, style: str, size: float) -> float:
    pdf.set_font(FONT, style, size)
    lines = pdf.multi_cell(width, line_height, text, dry_run=True, output="LINES")
    return line_height * max(len(lines), 1)


def _subheading(pdf: FPDF, text: str, keep_with: float = 13.0) -> None:
    """A heading on the same page as the first `keep_with` mm it introduces (default: a line to write on)."""
    pdf.ln(SUBHEADING_GAP)
    _keep_on_page(pdf, _text_height(pdf, drawable(text), pdf.epw, SUBHEADING_LINE, "B", 14) + keep_with)
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, SUBHEADING_LINE, drawable(text), align="L", new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: FPDF, text: str, size: float, colour: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size / PT_PER_MM * 1.4, drawable(text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _paragraph_height(pdf: FPDF, text: str, size: float) -> float:
    return _text_height(pdf, drawable(text), pdf.epw, size / PT_PER_MM * 1.4, "", size)


def _level_name(pdf: FPDF, level: Level, text: str, keep_with: float) -> None:
    """A level's name after its shape (the shape carries the level, not the colour), never last on a page."""
    _keep_on_page(pdf, _level_name_height(pdf, text) + keep_with)
    style = LEVEL_STYLES[level]
    _shape(pdf, style.marker, pdf.l_margin + 2.6, pdf.get_y() + LEVEL_NAME_LINE / 2, 2.2,
           fill=_rgb(style.light), line=_rgb(style.colour), width=0.4)
    pdf.set_font(FONT, "B", 12)
    pdf.set_x(pdf.l_margin + LIST_INDENT)
    pdf.multi_cell(pdf.epw - LIST_INDENT, LEVEL_NAME_LINE, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _level_name_height(pdf: FPDF, text: str) -> float:
    return _text_height(pdf, text, pdf.epw - LIST_INDENT, LEVEL_NAME_LINE, "B", 12)


def _entry(pdf: FPDF, text: str, indent: float = 0.0, keep_with: float = 0.0) -> None:
    """One entry of a list, never split over two pages, on the same page as the next `keep_with` mm."""
    _keep_on_page(pdf, _entry_height(pdf, text, indent) + keep_with)
    pdf.set_font(FONT, "", LIST_PT)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, LIST_LINE, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _entry_height(pdf: FPDF, text: str, indent: float = 0.0) -> float:
    return _text_height(pdf, text, pdf.epw - indent, LIST_LINE, "", LIST_PT)


def _write_lines(pdf: FPDF, prompts: list[str | tuple[Level, str]], columns: int = 1) -> None:
    """Prompts, each after its level's shape if it has one, with a line to write on."""
    pdf.set_font(FONT, "", 11)
    width = pdf.epw / columns
    for start in range(0, len(prompts), columns):
        if pdf.will_page_break(10):
            pdf.add_page()
        y = pdf.get_y() + 8
        for column, prompt in enumerate(prompts[start:start + columns]):
            x = pdf.l_margin + column * width
            level, text = prompt if isinstance(prompt, tuple) else (None, prompt)
            if level is not None:
                style = LEVEL_STYLES[level]
                _shape(pdf, style.marker, x + 2.6, y - 2, 2.2, fill=_rgb(style.light),
                       line=_rgb(style.colour), width=0.4)
                x += 8
            label = drawable(text)
            pdf.set_text_color(*INK)
            pdf.text(x, y - 0.8, label)
            pdf.set_draw_color(*RING_GREY)
            pdf.set_line_width(0.3)
            start_x = x + (pdf.get_string_width(label) + 2 if label else 0)
            pdf.line(start_x, y, pdf.l_margin + (column + 1) * width - 6, y)
        pdf.set_xy(pdf.l_margin, y + 1.5)


def _next_steps_in_words(pdf: FPDF, support_map: SupportMap, words: WordLookup) -> None:
    steps = [f"{number}.  {drawable(step_line(step, words))}"
             for number, step in enumerate(support_map.next_steps, start=1)]
    lines = steps or [drawable(words("map.no_next_step"))]
    _subheading(pdf, words("map.next_steps_heading"), keep_with=_entry_height(pdf, lines[0]))
    for line in lines:
        _entry(pdf, line)


def _sources_in_words(pdf: FPDF, support_map: SupportMap, words: WordLookup, keep_last_with: float) -> None:
    """Each level's name with its sources below it; the last source stays with `keep_last_with` mm."""
    blocks = [
        (drawable(words(LEVEL_STYLES[level].word_key)), level,
         [f"–  {drawable(item_line(item, words))}" for item in items] or [drawable(words("map.level_empty"))])
        for level, items in support_map.by_level().items()
    ]
    first_name, _, first_lines = blocks[0]
    _subheading(pdf, words("map.sources_heading"), keep_with=_level_name_height(pdf, first_name)
                + _entry_height(pdf, first_lines[0], LIST_INDENT))
    for index, (name, level, lines) in enumerate(blocks):
        if index:
            pdf.ln(LEVEL_GAP)
        _level_name(pdf, level, name, keep_with=_entry_height(pdf, lines[0], LIST_INDENT))
        for number, line in enumerate(lines, start=1):
            last = index == len(blocks) - 1 and number == len(lines)
            _entry(pdf, line, LIST_INDENT, keep_with=keep_last_with if last else 0.0)


def _map_height(placed: MapLayout) -> float:
    """Tall enough to print the labels at full size, no taller: the words then fit below it."""
    full_size_scale = LABEL_PT_MAX * AVERAGE_CHAR_EM / (CHAR_WIDTH * PT_PER_MM)
    _, y0, _, y1 = placed.drawing_bounds
    return min(MAP_MAX_HEIGHT, (y1 - y0) * full_size_scale)


# --- The map as vectors ----------------------------------------------------------------------


def _draw_map(pdf: FPDF, placed: MapLayout, words: WordLookup, max_height: float) -> None:
    x0, y0, x1, y1 = placed.drawing_bounds
    scale = min(pdf.epw / (x1 - x0), max_height / (y1 - y0))
    left = pdf.l_margin + (pdf.epw - (x1 - x0) * scale) / 2
    top = pdf.get_y()
    if top + (y1 - y0) * scale > pdf.h - pdf.b_margin:
        pdf.add_page()
        top = pdf.get_y()

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - x0) * scale, top + (y1 - y) * scale

    outer = placed.outer_radius
    for level, (start, end) in SECTORS.items():
        pdf.set_fill_color(*_rgb(LEVEL_STYLES[level].light))
        arc = [at(*polar(outer, start + (end - start) * i / 48)) for i in range(49)]
        pdf.polygon([at(0, 0), *arc], style="F")
    pdf.set_draw_color(*RING_GREY)
    pdf.set_line_width(0.3)
    pdf.set_dash_pattern(dash=1.2, gap=1.0)
    start, end = RING_ARC
    for _, radius in placed.rings.values():
        pdf.polyline([at(*polar(radius, start + (end - start) * i / 64)) for i in range(65)], style="D")
    pdf.set_dash_pattern()
    pdf.set_draw_color(255, 255, 255)
    pdf.set_line_width(0.9)
    for start, _ in SECTORS.values():
        pdf.line(*at(0, 0), *at(*polar(outer, start)))
    _ring_words(pdf, placed, words, at, scale)
    for level in Level:
        _level_title(pdf, placed, level, words, at)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.5)
    pdf.polygon([at(*polar(CENTRE_RADIUS, i * 5)) for i in range(72)], style="DF")
    pdf.set_font(FONT, "B", 12)
    me = drawable(words("map.me"))
    cx, cy = at(0, 0)
    pdf.text(cx - pdf.get_string_width(me) / 2, cy + 1.5, me)
    label_pt = min(LABEL_PT_MAX, CHAR_WIDTH * scale / AVERAGE_CHAR_EM * PT_PER_MM)
    for item in placed:
        _draw_item(pdf, item, at, scale, label_pt)
    pdf.set_text_color(*INK)
    pdf.set_xy(pdf.l_margin, top + (y1 - y0) * scale + 1)


def _ring_words(pdf: FPDF, placed: MapLayout, words: WordLookup, at, scale: float) -> None:
    """Each ring's name where the ring meets the edge of "ik zelf", as on the screen."""
    pdf.set_font(FONT, "", min(8.0, LINE_HEIGHT * scale * PT_PER_MM * 0.8))
    pdf.set_text_color(*GREY)
    for closeness, ring in placed.rings.items():
        word = drawable(words(CLOSENESS_WORD_KEYS[closeness]))
        x, y = at(*ring_word_spot(ring))
        pdf.text(x, y + LINE_HEIGHT * scale * 0.75, word)


def _level_title(pdf: FPDF, placed: MapLayout, level: Level, words: WordLookup, at) -> None:
    style = LEVEL_STYLES[level]
    x, y, align = placed.title_anchor(level)
    name = drawable(words(style.word_key))
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*INK)
    width = pdf.get_string_width(name) + 5.5
    px, py = at(x, y)
    start = px - width / 2 if align == "center" else px - width if align == "right" else px
    _shape(pdf, style.marker, start + 2, py, 2.0, fill=_rgb(style.light), line=_rgb(style.colour), width=0.4)
    pdf.text(start + 5.5, py + 1.4, name)


def _draw_item(pdf: FPDF, placed: PlacedItem, at, scale: float, label_pt: float) -> None:
    style = LEVEL_STYLES[placed.item.level]
    x, y = at(placed.x, placed.y)
    radius = MARKER_RADIUS * scale * 0.9
    _shape(pdf, style.marker, x, y, radius, fill=_rgb(style.light), line=_rgb(style.colour), width=0.5)
    label = drawable(placed.label)
    if not label:
        return
    pdf.set_font(FONT, "", label_pt)
    pdf.set_text_color(*INK)
    box_x0, box_y0 = at(placed.label_box[0], placed.label_box[3])
    box_x1, box_y1 = at(placed.label_box[2], placed.label_box[1])
    width = pdf.get_string_width(label)
    baseline = (box_y0 + box_y1) / 2 + label_pt / PT_PER_MM * 0.35
    if placed.anchor == "right":
        pdf.text(box_x0, baseline, label)
    elif placed.anchor == "left":
        pdf.text(box_x1 - width, baseline, label)
    else:
        pdf.text(x - width / 2, baseline, label)


def _shape(pdf: FPDF, marker: str, x: float, y: float, radius: float, fill, line, width: float) -> None:
    """A level's shape, centred on (x, y): star, circle or square, filled light with a dark edge."""
    pdf.set_fill_color(*fill)
    pdf.set_draw_color(*line)
    pdf.set_line_width(width)
    if marker == "star":
        points = [
            (x + r * math.sin(math.radians(36 * i)), y - r * math.cos(math.radians(36 * i)))
            for i, r in ((i, radius * 1.25 if i % 2 == 0 else radius * 0.55) for i in range(10))
        ]
        pdf.polygon(points, style="DF")
    elif marker == "square":
        side = radius * 1.7
        pdf.rect(x - side / 2, y - side / 2, side, side, style="DF")
    else:
        pdf.polygon([(x + radius * math.cos(math.radians(a)), y + radius * math.sin(math.radians(a)))
                     for a in range(0, 360, 10)], style="DF")


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
