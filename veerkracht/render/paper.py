"""What every printed page shares: the fonts, tagged text in reading order, shapes, colours."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from html import escape

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import TextDirection
from fpdf.fonts import TTFFont
from fpdf.line_break import Fragment
from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFString

from veerkracht.render.fonts import EMOJI_PIECES, FONT, add_fonts, drawable
from veerkracht.render.textlayer import is_rtl, joined_runs, shaped_run

PT_PER_MM = 72 / 25.4
ZWJ = 0x200D
PAGE_MARGIN = 13.0  # mm, so a typical conversation fits on one sheet
INK = (31, 35, 40)
GREY = (90, 97, 107)  # dark enough to read on paper
RING_GREY = (140, 149, 159)
Colour = tuple[int, int, int]


class Element(StructElem):
    """A tagged part; /ActualText: its words in reading order, for a part with right-to-left text."""

    __slots__ = ("actual_text",)

    def __init__(self, kind: str, parent: StructElem, kids: list, page_number: int, alt: str | None) -> None:
        super().__init__(struct_type=kind, parent=parent, kids=kids, page_number=page_number, alt=alt)
        self.actual_text: PDFString | None = None


class StructureTree(StructureTreeBuilder):
    """fpdf2's structure tree, with parts inside parts: a list, its entries, their label and body."""

    def __init__(self, pdf: FPDF) -> None:
        super().__init__()
        self.pdf = pdf
        self.open: list[StructElem] = [self.doc_struct_elem]

    def add_marked_content(self, page_number: int, struct_type: str, mcid: int | None = None,
                           title: str | None = None, alt_text: str | None = None) -> tuple[Element, int]:
        spid = self.spid_per_page_number.setdefault(page_number, len(self.spid_per_page_number))
        parent = self.open[-1]
        element = Element(struct_type, parent, [] if mcid is None else [mcid], page_number, alt_text)
        element.pg = self.pdf.pages[page_number]  # a part deep in a list needs its own page too
        parent.k.append(element)
        if mcid is not None:  # the parent tree lists a page's parts in the order of their MCID
            self.struct_tree_root.parent_tree.nums[spid].append(element)
        return element, spid

    def next_mcid_for_page(self, page_number: int) -> int:
        spid = self.spid_per_page_number.get(page_number)
        return 0 if spid is None else len(self.struct_tree_root.parent_tree.nums[spid])

    def __iter__(self) -> Iterator:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        waiting = list(reversed(self.doc_struct_elem.k))
        while waiting:
            element = waiting.pop()
            yield element
            waiting += reversed([kid for kid in element.k if isinstance(kid, StructElem)])


class Paper(FPDF):
    """An FPDF whose pages after the first can carry a running head (name, page, level), with
    parts inside parts in its structure tree, XMP metadata for PDF/UA and a tag per font subset."""

    running_head: Callable[[Paper], None] | None = None
    rtl: bool = False  # right to left: text aligned right, shapes on the right

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.struct_builder = StructureTree(self)
        self.read_lines: list[tuple[str, bool]] | None = None  # the lines of the tagged part being written
        self._last_fallback: str | None = None

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

    def _render_styled_text_line(self, text_line, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        """fpdf2 2.8.9's own, with the text font set on the page first, and a line with
        right-to-left text written in reading order (textlayer.py).

        Otherwise a line that starts in a fallback font (Arabic, say) makes that font the page's
        font, and the Latin words of a later right-to-left line come out as other letters.
        """
        if self.current_font is not None and not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))
        fragments = text_line.fragments
        measuring = "_out" in self.__dict__  # fpdf2's dry runs write nowhere
        if self.read_lines is not None and not measuring:
            self.read_lines.append(("".join(f.string for f in fragments), any(is_rtl(f) for f in fragments)))
        if measuring or not (self.text_shaping and any(is_rtl(f) for f in fragments)
                             and all(f.is_ttf_font for f in fragments)):
            return super()._render_styled_text_line(text_line, *args, **kwargs)
        placed: dict[int, str] = {}
        marks = {id(fragment): f"\x00{number}\x00" for number, fragment in enumerate(fragments)}
        page_height, k = self.h, self.k

        def place(fragment: Fragment):  # noqa: ANN202
            def render(_ws: float, _current_ws: float, _word_spacing: float, x: float, y: float,
                       _h: float) -> str:
                placed[id(fragment)] = shaped_run(fragment, x, y, page_height, k)
                return marks[id(fragment)]
            return render

        for fragment in fragments:
            fragment.render_pdf_text = place(fragment)
        write = self._out

        def in_reading_order(line: str) -> None:
            """The pieces where the first of them stood, in the order they are read."""
            found = [line.index(mark) for mark in marks.values() if mark in line]
            if found:
                for mark in marks.values():
                    line = line.replace(mark, "")
                runs = " ".join(placed[id(f)] for f in fragments if id(f) in placed)
                line = f"{line[:min(found)]}{runs} {line[min(found):]}"
            write(line)

        self._out = in_reading_order
        try:
            return super()._render_styled_text_line(text_line, *args, **kwargs)
        finally:
            del self._out
            for fragment in fragments:
                del fragment.render_pdf_text

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        """fpdf2's, but a joiner or skin tone stays in the font of the character before it: after
        an emoji the sequence is shaped as one picture (👍🏿, 👩‍👩‍👧‍👦), in Devanagari a conjunct."""
        last = self._last_fallback
        if ord(char) in EMOJI_PIECES and last is not None and ord(char) in self.fonts[last].cmap:
            return last
        self._last_fallback = super().get_fallback_font(char, style)
        return self._last_fallback

    def output(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """fpdf2's, with XMP metadata that names PDF/UA, and each font subset its own tag."""
        if not self.xmp_metadata:
            self.set_xmp_metadata(xmp_metadata(*(getattr(self, key, None) or ""
                                                 for key in ("title", "lang", "creator", "producer"))))
        for font in self.fonts.values():
            if getattr(font, "color_font", None) is not None:
                _draw_each_picture_once(font.color_font)
        data = super().output(*args, **kwargs)
        return _tag_subsets(data, [font for font in self.fonts.values() if isinstance(font, TTFFont)])

    def _preload_bidirectional_text(self, text, markdown):  # noqa: ANN001, ANN202
        """fpdf2's, with an emoji sequence kept in one piece. fpdf2 cuts 👩‍👩‍👧‍👦 where the joiner
        starts (a script of its own), and its bidi gives a joiner the paragraph's direction."""
        pieces: list[Fragment] = []
        for fragment in super()._preload_bidirectional_text(text, markdown):
            previous = pieces[-1] if pieces else None
            if previous is not None and previous.font is fragment.font and (
                    ord(fragment.string[0]) in EMOJI_PIECES or ord(previous.string[-1]) == ZWJ):
                pieces[-1] = previous.clone(characters=previous.characters + fragment.characters)
            elif not set(map(ord, fragment.string)) <= EMOJI_PIECES:
                pieces.append(fragment)  # a joiner on its own joins nothing, and fpdf2 cannot shape it
        return tuple(pieces)

    def _preload_font_styles(self, text, markdown, _initial_emphasis=None):  # noqa: ANN001, ANN202
        """fpdf2's, with a right-to-left run kept in one piece (textlayer.joined_runs)."""
        fragments = super()._preload_font_styles(text, markdown, _initial_emphasis=_initial_emphasis)
        if self.text_shaping and self.text_shaping.get("fragment_direction") == TextDirection.RTL:
            return tuple(joined_runs(fragments))
        return fragments


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


def xmp_metadata(title: str, lang: str, creator: str, producer: str) -> str:
    """The document's XMP: PDF/UA part 1, its title and language, the same as its Info."""
    return "\n".join([
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
        "   <pdfuaid:part>1</pdfuaid:part>",
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>',
        f"   <dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>",
        *([f"   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>"] if creator else []),
        *([f"   <pdf:Producer>{escape(producer)}</pdf:Producer>"] if producer else []),
        "  </rdf:Description>",
        " </rdf:RDF>",
        "</x:xmpmeta>",
    ])


def _draw_each_picture_once(color_font) -> None:  # noqa: ANN001
    """fpdf2 2.8.9 reads an emoji's picture once per code; a picture used under two codes (a
    woman alone and in a family) fails the second time, so the first reading is kept."""
    read = color_font.load_glyph_image
    done: dict[str, tuple[str, int]] = {}

    def load(glyph) -> None:  # noqa: ANN001
        if glyph.glyph_name not in done:
            read(glyph)
            done[glyph.glyph_name] = (glyph.glyph, glyph.glyph_width)
        glyph.glyph, glyph.glyph_width = done[glyph.glyph_name]

    color_font.load_glyph_image = load


FPDF_SUBSET_TAG = b"MPDFAA"  # fpdf2 2.8.9 gives every subset this tag


def _tag_subsets(data: bytearray, fonts: list[TTFFont]) -> bytearray:
    """Each embedded subset its own six-letter tag, made from the glyphs it holds.

    Same length as fpdf2's tag, so no offset in the file moves.
    """
    taken: set[bytes] = set()
    for font in fonts:
        name = font.name.encode("latin-1", errors="replace")
        glyphs = sorted(f"{glyph.glyph_id}:{code}" for glyph, code in font.subset.items() if glyph)
        digest = hashlib.sha256(name + ",".join(glyphs).encode()).digest()
        tag = bytes(65 + b % 26 for b in digest[:6])
        while tag in taken:
            digest = hashlib.sha256(digest).digest()
            tag = bytes(65 + b % 26 for b in digest[:6])
        taken.add(tag)
        data = bytearray(re.sub(rb"/" + FPDF_SUBSET_TAG + rb"\+" + re.escape(name) + rb"(?=[\s/<>\[\]])",
                                b"/" + tag + b"+" + name.replace(b"\\", b"\\\\"), bytes(data)))
    return data


@contextmanager
def tagged(pdf: FPDF, kind: str, alt: str | None = None) -> Iterator[None]:
    """Marked content in the structure tree: read-aloud software reads the tags in this order.

    A part with right-to-left text gets its words in reading order as /ActualText; a figure
    keeps its /Alt, which says what it shows.
    """
    mcid = pdf.struct_builder.next_mcid_for_page(pdf.page)
    element = pdf._add_marked_content(struct_type=f"/{kind}", mcid=mcid, alt_text=alt)
    pdf._out(f"/{kind} <</MCID {mcid}>> BDC")
    outer, pdf.read_lines = getattr(pdf, "read_lines", None), []
    try:
        yield
    finally:
        pdf._out("EMC")
        lines, pdf.read_lines = pdf.read_lines, outer
        if isinstance(element, Element) and alt is None and any(rtl for _, rtl in lines):
            element.actual_text = PDFString(" ".join(text for text, _ in lines))
        if outer is not None:
            outer.extend(lines)


@contextmanager
def group(pdf: FPDF, kind: str) -> Iterator[None]:
    """A part that holds other parts, such as a list (L) or one of its entries (LI)."""
    element, _ = pdf.struct_builder.add_marked_content(page_number=pdf.page, struct_type=f"/{kind}")
    pdf.struct_builder.open.append(element)
    try:
        yield
    finally:
        pdf.struct_builder.open.pop()


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
