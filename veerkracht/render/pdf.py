"""Mijn steunkaart on A4 with fpdf2: the map as vectors from the same layout, and the words.

Read-aloud software follows the tags, in this order: the title, the next step, the map (one
picture with a text that says what it shows), then every source by level. Every page after the
first starts with the student's name, the page number and the level that goes on. The blank
praatplaat is in praatplaat.py, the same content as a web page in words.py.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import date

from fpdf import FPDF

from veerkracht.levels import LEVEL_STYLES, NEED_STYLE, Level
from veerkracht.model import QuestionSet
from veerkracht.render.fonts import FONT, PLACEHOLDER, drawable
from veerkracht.render.paper import (
    GREY,
    INK,
    PT_PER_MM,
    Paper,
    artifact,
    group,
    new_paper,
    rgb,
    shape,
    tagged,
    write_lines,
)
from veerkracht.render.pdf_map import centre_word, draw_map, frame_for, full_size_height
from veerkracht.render.praatplaat import praatplaat_pdf
from veerkracht.render.words import support_map_html
from veerkracht.supportmap import NextStep, SupportMap, WordLookup, item_line, layout, ring_names, step_line

__all__ = ["blank_praatplaat_pdf", "support_map_html", "support_map_pdf"]  # what the app asks for

LIST_PT = 10.5  # sources in words
LIST_LINE = 5.0  # mm
LIST_INDENT = 8.0  # mm, room for a level's shape
STEP_PT = 11.5
STEP_LINE = 5.6
STEP_PAD = 3.5  # mm inside the next step's box
STEP_FILL = (255, 243, 199)  # warm and light: it stands out in colour and stays light in grey
STEP_EDGE = (138, 98, 0)
LEVEL_NAME_LINE = 12 / PT_PER_MM * 1.3  # mm, for the level names at 12 pt
SUBHEADING_LINE = 6.5
SUBHEADING_GAP = 2.5
LEVEL_GAP = 1.5
FOOTER_GAP = 2.5
MAP_GAP = 2.0
RUNNING_HEAD_PT = 9.0
ONE_PAGE_MAP_SHARE = 0.8  # a map may shrink to this share of its full size to keep everything on one page


def support_map_pdf(support_map: SupportMap, words: WordLookup, today: date | None = None) -> bytes:
    """The student's support map: name, date, the map with the next step right under it, the sources.

    A usual conversation fits one page; a long list of sources goes on to the next.
    """
    pdf = new_paper(words("map.title"), support_map.language, _texts(support_map, words),
                    direction=getattr(words, "direction", "ltr"))
    name = drawable(support_map.nickname)
    going_on: dict[str, tuple[Level, str] | None] = {"level": None}
    pdf.running_head = lambda page: _running_head(page, words, name, going_on["level"])
    pdf.add_page()
    pdf.start_section(drawable(words("map.title")))
    with tagged(pdf, "H1"):
        _heading(pdf, words("map.title"), 22)
    details = []
    if name:
        details.append(words("pdf.of_name", name=name))
    details.append(words("pdf.date", date=(today or date.today()).strftime("%d-%m-%Y")))
    with tagged(pdf, "P"):
        _paragraph(pdf, "   ·   ".join(details), 11, GREY)
    pdf.ln(1)

    direction = "rtl" if pdf.rtl else "ltr"
    placed = layout(support_map.items, centre=drawable(support_map.nickname), direction=direction,
                    ring_words=ring_names(words))
    steps = _step_lines(support_map, words)
    blocks = _source_blocks(support_map, words)
    footer = words("pdf.footer")
    box_height = _step_box_height(pdf, words, steps)
    map_top = pdf.get_y()
    room = pdf.h - pdf.b_margin - map_top - MAP_GAP - box_height - MAP_GAP
    height = min(full_size_height(placed), room)
    # A map a little smaller keeps a usual conversation on one sheet; a long list goes on anyway.
    rest = _sources_height(pdf, words, blocks) + FOOTER_GAP + _paragraph_height(pdf, footer, 9)
    if room - height < rest <= room - height * ONE_PAGE_MAP_SHARE:
        height = room - rest - 1.0
    frame = frame_for(placed, pdf.l_margin, map_top, pdf.epw, height)
    # The next step is written before the map, so it is read first; on the page it stands below it.
    pdf.set_y(map_top + frame.height + MAP_GAP)
    _next_step_box(pdf, words, steps, box_height)
    after_steps = pdf.get_y()
    with tagged(pdf, "Figure", alt=map_alt_text(support_map, words)):
        draw_map(pdf, frame, words, centre_word(words))
    pdf.set_xy(pdf.l_margin, after_steps)
    if support_map.is_empty:
        with tagged(pdf, "P"):
            _paragraph(pdf, words("map.empty_invitation"), 11)
    _sources_in_words(pdf, blocks, words, going_on,
                      keep_last_with=FOOTER_GAP + _paragraph_height(pdf, footer, 9))
    _needs_in_words(pdf, support_map, words)
    pdf.ln(FOOTER_GAP)
    with tagged(pdf, "P"):
        _paragraph(pdf, footer, 9, GREY)
    return bytes(pdf.output())


def blank_praatplaat_pdf(question_set: QuestionSet, words: WordLookup, lang: str | None = None,
                         page_format: str = "A4") -> bytes:
    """The blank praatplaat (praatplaat.py), here too so the app has one module to ask."""
    return praatplaat_pdf(question_set, words, lang, page_format)


def map_alt_text(support_map: SupportMap, words: WordLookup) -> str:
    """What the picture shows, in a few words: read-aloud software reads this, not the scattered labels."""
    levels = support_map.by_level()
    counts = [words("pdf.map_alt_level", level=words(LEVEL_STYLES[level].word_key), count=len(items))
              for level, items in levels.items()]
    return drawable(words("pdf.map_alt", levels="; ".join(counts)))


def _texts(support_map: SupportMap, words: WordLookup) -> list[str]:
    """Every text the page may show, to pick the fonts it needs."""
    texts = [support_map.nickname, support_map.title]
    for item in (*support_map.items, *support_map.needs):
        texts += [item.label, item.icon or "", *item.helps_with]
    texts += [step.what for step in support_map.next_steps]
    own = getattr(words, "own", None)
    texts += list(own.values()) if isinstance(own, dict) else []
    return texts


# --- Page parts ------------------------------------------------------------------------------


def _running_head(pdf: Paper, words: WordLookup, name: str, level: tuple[Level, str] | None) -> None:
    """Name and page number at the top of every page after the first, and the level that goes on."""
    head = words("pdf.of_name", name=name) if name else drawable(words("map.title"))
    pdf.set_font(FONT, "", RUNNING_HEAD_PT)
    pdf.set_text_color(*GREY)
    pdf.set_xy(pdf.l_margin, pdf.t_margin - 5)
    first, second = drawable(head), drawable(words("pdf.page", page=pdf.page))
    if pdf.rtl:
        first, second = second, first
    pdf.cell(pdf.epw / 2, 5, first, align="L")
    pdf.cell(pdf.epw / 2, 5, second, align="R")
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.t_margin + 0.5, pdf.w - pdf.r_margin, pdf.t_margin + 0.5)
    pdf.set_text_color(*INK)
    pdf.set_xy(pdf.l_margin, pdf.t_margin + 2.5)
    if level is not None:
        _level_name(pdf, level[0], words("pdf.level_continued", level=level[1]))


def _heading(pdf: Paper, text: str, size: float) -> None:
    pdf.set_font(FONT, "B", size)
    write_lines(pdf, 0, size / PT_PER_MM * 1.3, drawable(text), align=pdf.align)


def _keep_on_page(pdf: FPDF, height: float) -> None:
    """Start a new page unless the next `height` mm fit on this one."""
    if pdf.will_page_break(height):
        pdf.add_page()


def _text_height(pdf: FPDF, text: str, width: float, line_height: float, style: str, size: float) -> float:
    """How tall `text` is when wrapped to `width`; a line that fits is not wrapped to find out."""
    pdf.set_font(FONT, style, size)
    if pdf.get_string_width(text) <= width - 2 * pdf.c_margin - 0.01:
        return line_height
    lines = pdf.multi_cell(width, line_height, text, dry_run=True, output="LINES")
    return line_height * max(len(lines), 1)


def _subheading(pdf: Paper, text: str, keep_with: float) -> None:
    """A heading in the outline, on the same page as the first `keep_with` mm it introduces."""
    pdf.ln(SUBHEADING_GAP)
    _keep_on_page(pdf, _text_height(pdf, drawable(text), pdf.epw, SUBHEADING_LINE, "B", 14) + keep_with)
    pdf.start_section(drawable(text))
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*INK)
    with tagged(pdf, "H2"):
        write_lines(pdf, 0, SUBHEADING_LINE, drawable(text), align=pdf.align, new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: Paper, text: str, size: float, colour: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*colour)
    write_lines(pdf, 0, size / PT_PER_MM * 1.4, drawable(text), align=pdf.align)
    pdf.set_text_color(*INK)


def _paragraph_height(pdf: FPDF, text: str, size: float) -> float:
    return _text_height(pdf, drawable(text), pdf.epw, size / PT_PER_MM * 1.4, "", size)


def _level_name(pdf: Paper, level: Level, text: str, tag: str | None = None) -> None:
    """A level's name after its shape (the shape carries the level, not the colour); `tag`: its kind."""
    style = LEVEL_STYLES[level]
    shape_x = pdf.w - pdf.r_margin - 2.6 if pdf.rtl else pdf.l_margin + 2.6
    with artifact(pdf):
        shape(pdf, style.marker, shape_x, pdf.get_y() + LEVEL_NAME_LINE / 2, 2.2,
              fill=rgb(style.light), line=rgb(style.colour), width=0.4)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(*INK)
    _indent(pdf, LIST_INDENT)
    if tag is None:
        write_lines(pdf, pdf.epw - LIST_INDENT, LEVEL_NAME_LINE, drawable(text), align=pdf.align)
        return
    with tagged(pdf, tag):
        write_lines(pdf, pdf.epw - LIST_INDENT, LEVEL_NAME_LINE, drawable(text), align=pdf.align)


def _indent(pdf: Paper, indent: float) -> None:
    """Start a line `indent` mm in from the side text starts on."""
    pdf.set_x(pdf.l_margin if pdf.rtl else pdf.l_margin + indent)


def _level_name_height(pdf: FPDF, text: str) -> float:
    return _text_height(pdf, drawable(text), pdf.epw - LIST_INDENT, LEVEL_NAME_LINE, "B", 12)


def _entry(pdf: Paper, text: str, indent: float = 0.0, keep_with: float = 0.0) -> None:
    """One entry of a list, never split over two pages, on the same page as the next `keep_with` mm.

    Tagged as a list item: its mark (the part before two spaces, as _entry_text writes it) as the
    label, the rest as the body, which wraps under itself.
    """
    _keep_on_page(pdf, _entry_height(pdf, text, indent) + keep_with)
    pdf.set_font(FONT, "", LIST_PT)
    label, body = _label_and_body(text)
    label_width = _label_width(pdf, label)
    body_width = pdf.epw - indent - label_width
    with group(pdf, "LI"):
        if label:
            top = pdf.get_y()
            pdf.set_x(pdf.w - pdf.r_margin - indent - label_width - pdf.c_margin if pdf.rtl
                      else pdf.l_margin + indent)
            with tagged(pdf, "Lbl"):
                pdf.cell(label_width + pdf.c_margin, LIST_LINE, f"{label}  ", align=pdf.align)
            pdf.set_y(top)
        pdf.set_x(pdf.l_margin if pdf.rtl else pdf.l_margin + indent + label_width)
        with tagged(pdf, "LBody"):
            write_lines(pdf, body_width, LIST_LINE, body, align=pdf.align, new_x="LMARGIN", new_y="NEXT")


def _label_and_body(text: str) -> tuple[str, str]:
    label, gap, body = text.partition("  ")
    return (label, body) if gap and label and body else ("", text)


def _label_width(pdf: FPDF, label: str) -> float:
    """The room a list item's mark takes, the gap to its words included."""
    return pdf.get_string_width(f"{label}  ") if label else 0.0


def _entry_height(pdf: FPDF, text: str, indent: float = 0.0) -> float:
    pdf.set_font(FONT, "", LIST_PT)
    label, body = _label_and_body(text)
    return _text_height(pdf, body, pdf.epw - indent - _label_width(pdf, label), LIST_LINE, "", LIST_PT)


def _step_lines(support_map: SupportMap, words: WordLookup) -> list[str]:
    lines = [f"{number}.  {drawable(step_line(_drawable_step(step), words))}"
             for number, step in enumerate(support_map.next_steps, start=1)]
    return lines or [drawable(words("map.no_next_step"))]


def _drawable_step(step: NextStep) -> NextStep:
    """Helpers as the page can draw them; one whose name has nothing to draw is left out, not shown empty."""
    helpers = tuple(replace(h, label=drawable(h.label)) for h in step.helpers if drawable(h.label))
    return replace(step, what=drawable(step.what) or PLACEHOLDER, helpers=helpers)


def _step_box_height(pdf: FPDF, words: WordLookup, lines: list[str]) -> float:
    width = pdf.epw - 2 * STEP_PAD - 2
    body = sum(_text_height(pdf, line, width, STEP_LINE, "", STEP_PT) for line in lines)
    heading = _text_height(pdf, drawable(words("map.next_steps_heading")), width, SUBHEADING_LINE, "B", 14)
    return STEP_PAD + heading + 1 + body + STEP_PAD


def _next_step_box(pdf: Paper, words: WordLookup, lines: list[str], height: float) -> None:
    """"Mijn volgende stap" in a box of its own, with a thick edge that also shows in black and white."""
    top = pdf.get_y()
    with artifact(pdf):
        pdf.set_fill_color(*STEP_FILL)
        pdf.set_draw_color(*STEP_EDGE)
        pdf.set_line_width(0.8)
        pdf.rect(pdf.l_margin, top, pdf.epw, height, style="DF", round_corners=True, corner_radius=2.5)
        pdf.set_fill_color(*STEP_EDGE)
        pdf.rect(pdf.w - pdf.r_margin - 2.0 if pdf.rtl else pdf.l_margin, top, 2.0, height, style="F")
    width = pdf.epw - 2 * STEP_PAD - 2
    inner_left = pdf.l_margin + STEP_PAD + (0 if pdf.rtl else 2)
    pdf.set_xy(inner_left, top + STEP_PAD)
    heading = drawable(words("map.next_steps_heading"))
    pdf.start_section(heading)
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*INK)
    with tagged(pdf, "H2"):
        write_lines(pdf, width, SUBHEADING_LINE, heading, align=pdf.align, new_x="LEFT", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(FONT, "", STEP_PT)
    steps = lines != [drawable(words("map.no_next_step"))]
    with group(pdf, "L") if steps else nullcontext():
        for line in lines:
            pdf.set_x(inner_left)
            with group(pdf, "LI") if steps else nullcontext(), tagged(pdf, "LBody" if steps else "P"):
                write_lines(pdf, width, STEP_LINE, line, align=pdf.align, new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, top + height)


def _entry_text(item_text: str, icon: str) -> str:
    shown = drawable(icon)
    mark = shown if shown and PLACEHOLDER not in shown else "–"
    return f"{mark}  {drawable(item_text) or PLACEHOLDER}"


Block = tuple[str, Level, list[str]]  # a level's name, the level, its entries


def _source_blocks(support_map: SupportMap, words: WordLookup) -> list[Block]:
    return [
        (drawable(words(LEVEL_STYLES[level].word_key)), level,
         [_entry_text(item_line(item, words), item.icon or "") for item in items]
         or [drawable(words("map.level_empty"))])
        for level, items in support_map.by_level().items()
    ]


def _needs_in_words(pdf: Paper, support_map: SupportMap, words: WordLookup) -> None:
    """What the student still needs, under a heading of its own and in its own colour, after the
    sources: never among them, never on the map's rings."""
    if not support_map.needs:
        return
    lines = [_entry_text(need.label, need.icon or "") for need in support_map.needs]
    _subheading(pdf, words(NEED_STYLE.word_key), keep_with=_entry_height(pdf, lines[0], LIST_INDENT))
    with tagged(pdf, "P"):
        _paragraph(pdf, words("map.needs_hint"), 10, GREY)
    for line in lines:
        _entry(pdf, line, LIST_INDENT)


def _sources_height(pdf: Paper, words: WordLookup, blocks: list[Block]) -> float:
    """How tall the sources in words are, headings and gaps included."""
    height = SUBHEADING_GAP + _text_height(pdf, drawable(words("map.sources_heading")), pdf.epw,
                                           SUBHEADING_LINE, "B", 14)
    for index, (name, _, lines) in enumerate(blocks):
        height += (LEVEL_GAP if index else 0) + _level_name_height(pdf, name)
        height += sum(_entry_height(pdf, line, LIST_INDENT) for line in lines)
    return height


def _sources_in_words(pdf: Paper, blocks: list[Block], words: WordLookup,
                      going_on: dict[str, tuple[Level, str] | None], keep_last_with: float) -> None:
    """Each level's name with its sources below it; the last source stays with `keep_last_with` mm."""
    first_name, _, first_lines = blocks[0]
    _subheading(pdf, words("map.sources_heading"), keep_with=_level_name_height(pdf, first_name)
                + _entry_height(pdf, first_lines[0], LIST_INDENT))
    for index, (name, level, lines) in enumerate(blocks):
        if index:
            pdf.ln(LEVEL_GAP)
        _keep_on_page(pdf, _level_name_height(pdf, name) + _entry_height(pdf, lines[0], LIST_INDENT))
        pdf.start_section(name, level=1)
        _level_name(pdf, level, name, tag="H3")
        going_on["level"] = (level, name)
        with group(pdf, "L"):
            for number, line in enumerate(lines, start=1):
                last = index == len(blocks) - 1 and number == len(lines)
                _entry(pdf, line, LIST_INDENT, keep_with=keep_last_with if last else 0.0)
        going_on["level"] = None
