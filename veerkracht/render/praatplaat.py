"""The blank praatplaat: a sheet to fill in together with a pen, on A4 or A3.

In grey on purpose: each level has its own tint and pattern (plain, lines, dots) as well as its
shape, so a black-and-white copy still shows the three levels. The rings are wide enough to write
names in; below the map each level has five lines and the set's own questions as small prompts,
and there is room for three small steps with when and who.
"""

from __future__ import annotations

from fpdf import FPDF

from veerkracht.layout_map import WordLookup, layout, ring_names
from veerkracht.levels import LEVEL_STYLES, NEED_STYLE, Level
from veerkracht.model import QuestionSet
from veerkracht.render.fonts import FONT, drawable
from veerkracht.render.paper import (
    GREY,
    INK,
    PT_PER_MM,
    Paper,
    artifact,
    new_paper,
    put_text,
    rgb,
    shape,
    tagged,
    write_lines,
)
from veerkracht.render.pdf_map import PAPER_TINTS, centre_word, draw_map, frame_for
from veerkracht.text import resolve

PAGE_FORMATS = {"A4": 1.0, "A3": 420 / 297}  # text and lines grow with the sheet
LINES_PER_LEVEL = 5
STEPS = 3
NEEDS_LINES = 2  # for what the student still needs, under the three levels
PROMPT_TYPES = frozenset({"cards", "people", "places", "text"})  # questions that fill the map
MAX_PROMPTS = 4  # per level, so a long set still leaves room to write
LINE_GREY = (120, 120, 120)


def praatplaat_pdf(question_set: QuestionSet, words: WordLookup, lang: str | None = None,
                   page_format: str = "A4") -> bytes:
    """One sheet: name and date, the empty map, five lines per level with prompts, three steps."""
    lang = lang or question_set.default_language
    grow = PAGE_FORMATS.get(page_format, 1.0)
    prompts = level_prompts(question_set, lang)
    texts = [text for level_texts in prompts.values() for text in level_texts]
    own = getattr(words, "own", None)
    texts += list(own.values()) if isinstance(own, dict) else []
    pdf = new_paper(words("pdf.praatplaat_title"), lang, texts,
                    page_format if page_format in PAGE_FORMATS else "A4", getattr(words, "direction", "ltr"))
    pdf.set_auto_page_break(False)  # one sheet, always
    pdf.add_page()
    pdf.start_section(drawable(words("pdf.praatplaat_title")))
    pdf.set_font(FONT, "B", 20 * grow)
    with tagged(pdf, "H1"):
        write_lines(pdf, 0, 20 * grow / PT_PER_MM * 1.25, drawable(words("pdf.praatplaat_title")),
                       align=pdf.align, new_x="LMARGIN", new_y="NEXT")
    _name_and_date(pdf, words, grow)
    pdf.set_font(FONT, "", 10 * grow)
    pdf.set_text_color(*GREY)
    with tagged(pdf, "P"):
        write_lines(pdf, 0, 10 * grow / PT_PER_MM * 1.35, drawable(words("pdf.praatplaat_hint")),
                       align=pdf.align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)

    line_gap = 7.5 * grow
    columns_height = _columns_height(pdf, words, prompts, grow, line_gap)
    steps_height = (SUBHEADING_PT * grow / PT_PER_MM * 1.6) + STEPS * 10 * grow + NEEDS_LINES * 10 * grow
    map_top = pdf.get_y() + 1
    map_room = pdf.h - pdf.b_margin - map_top - columns_height - steps_height - 6 * grow
    empty = layout([], direction="rtl" if pdf.rtl else "ltr", ring_words=ring_names(words))
    frame = frame_for(empty, pdf.l_margin, map_top, pdf.epw, map_room)
    with tagged(pdf, "Figure", alt=drawable(words("pdf.praatplaat_alt"))):
        draw_map(pdf, frame, words, centre_word(words), on_paper=True, text_grow=grow)
    pdf.set_xy(pdf.l_margin, map_top + frame.height + 3 * grow)
    _level_columns(pdf, words, prompts, grow, line_gap, columns_height)
    pdf.set_xy(pdf.l_margin, pdf.get_y() + 3 * grow)
    _needs(pdf, words, grow)
    _steps(pdf, words, grow)
    return bytes(pdf.output())


SUBHEADING_PT = 13.0


def level_prompts(question_set: QuestionSet, lang: str) -> dict[Level, list[str]]:
    """Per level: the set's step title and its questions that fill the map, as the school wrote them."""
    found: dict[Level, list[str]] = {level: [] for level in Level}
    default = question_set.default_language
    for step in question_set.steps:
        level = step.kind.level
        if level is None:
            continue
        found[level].append(resolve(step.title, lang, default))
        found[level] += [resolve(q.text, lang, default) for q in step.questions
                         if getattr(q, "type", "") in PROMPT_TYPES and not q.need]
    return {level: [t for t in texts if drawable(t)][: MAX_PROMPTS + 1] for level, texts in found.items()}


def _name_and_date(pdf: Paper, words: WordLookup, grow: float) -> None:
    pdf.set_font(FONT, "", 11 * grow)
    y = pdf.get_y() + 7 * grow
    half = pdf.epw / 2
    for column, key in enumerate(("pdf.name_line", "pdf.date_line")):
        x = pdf.l_margin + column * half
        _labelled_line(pdf, drawable(words(key)), x, x + half - 6, y, grow)
    pdf.set_xy(pdf.l_margin, y + 2 * grow)


def _labelled_line(pdf: Paper, label: str, start: float, end: float, y: float, grow: float) -> None:
    """A label, then a line to write on up to `end`; on a right-to-left sheet mirrored."""
    if pdf.rtl:
        start, end = pdf.w - end, pdf.w - start
    width = pdf.get_string_width(label)
    with tagged(pdf, "P"):
        put_text(pdf, end if pdf.rtl else start, y - 0.8, label, pdf.align)
    if pdf.rtl:
        _write_line(pdf, start, end - width - 1.5 * grow, y)
    else:
        _write_line(pdf, start + width + 1.5 * grow, end, y)


def _write_line(pdf: FPDF, x0: float, x1: float, y: float) -> None:
    with artifact(pdf):
        pdf.set_draw_color(*LINE_GREY)
        pdf.set_line_width(0.3)
        pdf.line(x0, y, x1, y)


def _prompt_text(texts: list[str]) -> str:
    return "  ·  ".join(drawable(t) for t in texts)


def _column_width(pdf: FPDF, grow: float) -> float:
    return (pdf.epw - 2 * 4 * grow) / 3


def _columns_height(pdf: FPDF, words: WordLookup, prompts: dict[Level, list[str]], grow: float,
                    line_gap: float) -> float:
    width = _column_width(pdf, grow) - 6 * grow
    tallest = 0.0
    for level, texts in prompts.items():
        pdf.set_font(FONT, "B", 11 * grow)
        name_lines = len(pdf.multi_cell(width, 5 * grow, drawable(words(LEVEL_STYLES[level].word_key)),
                                        dry_run=True, output="LINES"))
        pdf.set_font(FONT, "", 8 * grow)
        prompt_lines = len(pdf.multi_cell(width + 6 * grow, 3.6 * grow, _prompt_text(texts),
                                          dry_run=True, output="LINES")) if texts else 0
        tallest = max(tallest, name_lines * 5 * grow + prompt_lines * 3.6 * grow)
    return tallest + LINES_PER_LEVEL * line_gap + 2 * grow


def _level_columns(pdf: Paper, words: WordLookup, prompts: dict[Level, list[str]], grow: float,
                   line_gap: float, height: float) -> None:
    """Per level: its shape and name, the set's questions small, then lines to write on."""
    top = pdf.get_y()
    width = _column_width(pdf, grow)
    for column, level in enumerate(Level):
        style = LEVEL_STYLES[level]
        left = pdf.l_margin + (2 - column if pdf.rtl else column) * (width + 4 * grow)
        pdf.set_fill_color(*PAPER_TINTS[level])
        with artifact(pdf):
            pdf.rect(left, top, width, height, style="F")
        shape_x = left + width - 3 * grow if pdf.rtl else left + 3 * grow
        with artifact(pdf):
            shape(pdf, style.marker, shape_x, top + 3 * grow, 2.1 * grow, fill=(255, 255, 255),
                  line=INK, width=0.4)
        pdf.set_xy(left if pdf.rtl else left + 6 * grow, top + 0.5 * grow)
        pdf.set_font(FONT, "B", 11 * grow)
        pdf.set_text_color(*INK)
        with tagged(pdf, "H2"):
            write_lines(pdf, width - 6 * grow, 5 * grow, drawable(words(style.word_key)), align=pdf.align,
                        new_x="LEFT", new_y="NEXT")
        texts = prompts[level]
        if texts:
            pdf.set_x(left + 1.5 * grow)
            pdf.set_font(FONT, "", 8 * grow)
            pdf.set_text_color(*GREY)
            with tagged(pdf, "P"):  # the set's own words, in their own direction
                write_lines(pdf, width - 3 * grow, 3.6 * grow, _prompt_text(texts), align=pdf.align,
                            new_x="LEFT", new_y="NEXT", own_direction=True)
            pdf.set_text_color(*INK)
        bottom = top + height - 1.5 * grow
        for number in range(LINES_PER_LEVEL):
            y = bottom - (LINES_PER_LEVEL - 1 - number) * line_gap
            _write_line(pdf, left + 2 * grow, left + width - 2 * grow, y)
    pdf.set_xy(pdf.l_margin, top + height)


def _needs(pdf: Paper, words: WordLookup, grow: float) -> None:
    """Lines for what the student still needs or wishes for: apart from the map, so a wish is never
    written in a ring as if it were there already."""
    pdf.set_font(FONT, "B", 11 * grow)
    pdf.set_text_color(*rgb(NEED_STYLE.colour))
    label = drawable(words(NEED_STYLE.word_key))
    pdf.start_section(label)
    for number in range(NEEDS_LINES):
        y = pdf.get_y() + 8 * grow
        if number:
            _write_line(pdf, pdf.l_margin, pdf.w - pdf.r_margin, y)
        else:
            _labelled_line(pdf, label, pdf.l_margin, pdf.w - pdf.r_margin, y, grow)
        pdf.set_xy(pdf.l_margin, y + 2 * grow)
    pdf.set_text_color(*INK)


def _steps(pdf: Paper, words: WordLookup, grow: float) -> None:
    """Three small steps, each with a line for what, for when and for who helps."""
    heading = drawable(words("pdf.praatplaat_step"))
    pdf.start_section(heading)
    pdf.set_font(FONT, "B", SUBHEADING_PT * grow)
    with tagged(pdf, "H2"):
        write_lines(pdf, 0, SUBHEADING_PT * grow / PT_PER_MM * 1.4, heading, align=pdf.align,
                    new_x="LMARGIN", new_y="NEXT")
    when, who = drawable(words("pdf.praatplaat_when")), drawable(words("pdf.praatplaat_who"))
    pdf.set_font(FONT, "", 10 * grow)
    right = pdf.w - pdf.r_margin
    for number in range(1, STEPS + 1):
        y = pdf.get_y() + 8 * grow
        x = pdf.l_margin
        label = f"{number}."
        parts = [(label, x, x + pdf.epw * 0.5 - 3 * grow),
                 (when, x + pdf.epw * 0.5, x + pdf.epw * 0.7 - 3 * grow),
                 (who, x + pdf.epw * 0.7, right)]
        for text, start, end in parts:
            _labelled_line(pdf, text, start, end, y, grow)
        pdf.set_xy(pdf.l_margin, y + 2 * grow)
