"""What every printed page shares: the fonts, tagged text in reading order, shapes, colours."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from fpdf import FPDF, ViewerPreferences

from veerkracht.render.fonts import FONT, add_fonts, drawable

PT_PER_MM = 72 / 25.4
PAGE_MARGIN = 13.0  # mm, so a typical conversation fits on one sheet
INK = (31, 35, 40)
GREY = (90, 97, 107)  # dark enough to read on paper
RING_GREY = (140, 149, 159)
Colour = tuple[int, int, int]


class Paper(FPDF):
    """An FPDF whose pages after the first can carry a running head (name, page, level)."""

    running_head: Callable[[Paper], None] | None = None
    rtl: bool = False  # right to left: text aligned right, shapes on the right

    @property
    def align(self) -> str:
        return "R" if self.rtl else "L"

    def get_string_width(self, s: str, normalized: bool = False, markdown: bool = False) -> float:
        """fpdf2's, remembered per text and font: with shaping, measuring is most of the work."""
        key = (s, self.font_family, self.font_style, self.font_size_pt, normalized, markdown,
               self.text_shaping["direction"] if self.text_shaping else None)
        widths = self.__dict__.setdefault("_widths", {})
        if key not in widths:
            widths[key] = super().get_string_width(s, normalized, markdown)
        return widths[key]

    def header(self) -> None:
        if self.running_head is not None and self.page > 1:
            with artifact(self):
                self.running_head(self)

    def _render_styled_text_line(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        """fpdf2 2.8.9's own, with the text font set on the page first.

        Otherwise a line that starts in a fallback font (Arabic, say) makes that font the page's
        font, and the Latin words of a later right-to-left line come out as other letters.
        """
        if self.current_font is not None and not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))
        return super()._render_styled_text_line(*args, **kwargs)


def new_paper(title: str, lang: str, texts: Iterable[str], page_format: str = "A4",
              direction: str = "ltr") -> Paper:
    """A page set-up with the fonts `texts` need, a title and language for read-aloud software.

    `direction` is the interface's: every line starts on that side, whatever script a name is in.
    """
    pdf = Paper(orientation="portrait", unit="mm", format=page_format)
    add_fonts(pdf, [title, *texts])
    pdf.rtl = direction == "rtl"
    pdf.set_text_shaping(True, direction="rtl" if pdf.rtl else "ltr")
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    pdf.set_auto_page_break(True, margin=PAGE_MARGIN)
    pdf.set_title(drawable(title))
    pdf.set_lang(lang)
    pdf.set_creator("Veerkracht")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*INK)
    return pdf


@contextmanager
def tagged(pdf: FPDF, kind: str, alt: str | None = None) -> Iterator[None]:
    """Marked content in the structure tree: read-aloud software reads the tags in this order."""
    mcid = pdf.struct_builder.next_mcid_for_page(pdf.page)
    pdf._add_marked_content(struct_type=f"/{kind}", mcid=mcid, alt_text=alt)
    pdf._out(f"/{kind} <</MCID {mcid}>> BDC")
    try:
        yield
    finally:
        pdf._out("EMC")


@contextmanager
def artifact(pdf: FPDF) -> Iterator[None]:
    """Decoration read-aloud software skips: running heads, lines to write on."""
    pdf._out("/Artifact BMC")
    try:
        yield
    finally:
        pdf._out("EMC")


def put_text(pdf: FPDF, x: float, baseline: float, text: str, align: str = "L",
             own_direction: bool = False) -> float:
    """One line of text with its baseline at `baseline`, from, around or up to `x`; returns its width.

    Through cell(), not text(), so fallback fonts and shaping apply (fpdf2's text() has neither).
    `own_direction`: a name on its own runs in the direction of its first letter, as <bdi> does.
    """
    if own_direction and pdf.text_shaping:
        page_direction, pdf.text_shaping["direction"] = pdf.text_shaping["direction"], None
        try:
            return put_text(pdf, x, baseline, text, align)
        finally:
            pdf.text_shaping["direction"] = page_direction
    width = pdf.get_string_width(text)
    if not text:
        return 0.0
    left = x if align == "L" else x - width if align == "R" else x - width / 2
    margin, pdf.c_margin = pdf.c_margin, 0
    height = pdf.font_size
    pdf.set_xy(left, baseline - 0.8 * height)
    pdf.cell(w=width + 0.01, h=height, text=text, align="L")
    pdf.c_margin = margin
    return width


def shape(pdf: FPDF, marker: str, x: float, y: float, radius: float, fill: Colour | None, line: Colour,
          width: float) -> None:
    """A level's shape, centred on (x, y): star, circle or square, with a dark edge."""
    pdf.set_draw_color(*line)
    pdf.set_line_width(width)
    style = "D"
    if fill is not None:
        pdf.set_fill_color(*fill)
        style = "DF"
    if marker == "star":
        points = [
            (x + r * math.sin(math.radians(36 * i)), y - r * math.cos(math.radians(36 * i)))
            for i, r in ((i, radius * 1.25 if i % 2 == 0 else radius * 0.55) for i in range(10))
        ]
        pdf.polygon(points, style=style)
    elif marker == "square":
        side = radius * 1.7
        pdf.rect(x - side / 2, y - side / 2, side, side, style=style)
    else:
        pdf.polygon([(x + radius * math.cos(math.radians(a)), y + radius * math.sin(math.radians(a)))
                     for a in range(0, 360, 10)], style=style)


def rgb(colour: str) -> Colour:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)



def write_lines(pdf: FPDF, w: float, h: float, text: str, align: str = "L", new_x: str = "LMARGIN",
                new_y: str = "NEXT", own_direction: bool = False) -> None:
    """multi_cell(), but a text that fits on one line goes through cell(): wrapping shapes it again
    for every character, which makes a page of names slow. `own_direction`: as in put_text."""
    if own_direction and pdf.text_shaping:
        page_direction, pdf.text_shaping["direction"] = pdf.text_shaping["direction"], None
        try:
            return write_lines(pdf, w, h, text, align, new_x, new_y)
        finally:
            pdf.text_shaping["direction"] = page_direction
    width = w or pdf.w - pdf.r_margin - pdf.x
    if pdf.get_string_width(text) <= width - 2 * pdf.c_margin - 0.01:
        pdf.cell(width, h, text, align=align, new_x=new_x, new_y=new_y)
    else:
        pdf.multi_cell(width, h, text, align=align, new_x=new_x, new_y=new_y)
