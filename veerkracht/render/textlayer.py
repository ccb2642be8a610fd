"""The text behind the printed letters: what copying, searching and read-aloud software get.

fpdf2 draws right-to-left text in visual order and gives a ligature (lam-alef) all its letters at
once, so a reader that turns the glyphs back into text gets ليلى as ليىل. Here a line with
right-to-left text is written differently, and looks the same:

- each right-to-left run is one piece in one font, the spaces between its words included;
- every glyph of a run stands for one letter, in visual order; a ligature's other letters ride on
  blank glyphs right after it, so a reader that turns the run around gets every letter back
  in order (pypdf and pdftotext both do);
- the pieces of a line are written in reading order, each placed where it stands on the line;
- the tagged part (paragraph, list entry) that holds right-to-left text carries its words in
  reading order as /ActualText, which read-aloud software reads instead of the glyphs.

Not as marked content around the run in the page itself: pdftotext (poppler 22) turns such a
text around once more, as if it were in visual order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf.enums import TextDirection
from fpdf.line_break import Fragment

ZWJ = 0x200D
BLANK = (0x200B, 0x034F, 0x2060, 0x0020)  # zero width space, grapheme joiner, word joiner, space


def is_rtl(fragment: Fragment) -> bool:
    return fragment.fragment_direction == TextDirection.RTL


def joined_runs(fragments: Sequence[Fragment]) -> list[Fragment]:
    """The pieces of one right-to-left run with the spaces between them in a font of the run.

    fpdf2 gives a space to the text font, which cuts "فاطمة الزهراء" into three pieces in two
    fonts; a reader then gets the words in the order they stand on the page, right to left.
    Spaces between two words in one font join them; spaces before a word in another font
    (Arabic, then Hebrew) go with that word, where a reader puts them back in front of it.
    """
    pieces = list(fragments)
    joined: list[Fragment] = []
    for index, fragment in enumerate(pieces):
        previous = joined[-1] if joined else None
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if previous is not None and _alike(previous, fragment) and fragment.font is previous.font:
            joined[-1] = previous.clone(characters=previous.characters + fragment.characters)
        elif _spaces(fragment) and following is not None and _takes_spaces(following, fragment) and not (
                previous is not None and previous.font is following.font):
            pieces[index + 1] = following.clone(characters=fragment.characters + following.characters)
        elif _spaces(fragment) and previous is not None and _takes_spaces(previous, fragment):
            joined[-1] = previous.clone(characters=previous.characters + fragment.characters)
        else:
            joined.append(fragment)
    return joined


def _spaces(fragment: Fragment) -> bool:
    return not fragment.string.strip(" ")


def _takes_spaces(word: Fragment, spaces: Fragment) -> bool:
    return _alike(word, spaces) and ord(" ") in word.font.cmap


def _alike(one: Fragment, other: Fragment) -> bool:
    """Both drawn alike but for the font: size, style, colour."""
    return one.is_ttf_font and other.is_ttf_font and (one.font_size_pt, one.font_style, one.text_color) == (
        other.font_size_pt, other.font_style, other.text_color)


def shaped_run(fragment: Fragment, x: float, baseline: float, page_height: float, k: float) -> str:
    """A piece of text as PDF operators, its left end at `x` mm and its baseline `baseline` mm
    from the top of the page."""
    font = fragment.font
    size = fragment.font_size_pt
    text = fragment.string
    infos, positions = font.perform_harfbuzz_shaping(text, size, fragment.text_shaping_parameters)
    if not infos:
        return ""
    clusters = _clusters(font, text, infos, positions, is_rtl(fragment))
    parts: list[str] = [f"/F{font.i} {size:.2f} Tf 1 0 0 1 {x * k:.2f} {(page_height - baseline) * k:.2f} Tm"]
    items: list[str] = []
    pen = rise = 0.0
    for glyph_x, glyph_rise, code, width in _in_stream_order(clusters, is_rtl(fragment)):
        wanted_rise = glyph_rise * size / 1000
        if abs(wanted_rise - rise) > 0.005:
            if items:
                parts.append(f"[{' '.join(items)}] TJ")
                items.clear()
            parts.append(f"{wanted_rise:.2f} Ts")
            rise = wanted_rise
        if abs(glyph_x - pen) > 0.05:
            items.append(f"{pen - glyph_x:.1f}")
        items.append(f"({font.escape_text(chr(code))})")
        pen = glyph_x + width
    if items:
        parts.append(f"[{' '.join(items)}] TJ")
    if rise:
        parts.append("0 Ts")
    return " ".join(parts)


Placed = tuple[float, float, int, float]  # x and rise in thousandths of the font size, code, width


def _clusters(font, text: str, infos, positions, rtl: bool) -> list[tuple[str, list[Placed]]]:  # noqa: ANN001
    """The glyphs of each cluster left to right, placed, with the letters each stands for, and
    the kind of the cluster: "rtl" (Arabic, Hebrew), "neutral" (spaces, punctuation) or "ltr"."""
    scale = font.scale  # font units to thousandths of the font size
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    carrier = _blank_glyph(font) if rtl else None
    clusters: list[tuple[str, list[Placed]]] = []
    pen = 0.0
    index = 0
    while index < len(infos):
        cluster = infos[index].cluster
        last = index
        while last + 1 < len(infos) and infos[last + 1].cluster == cluster:
            last += 1
        letters = text[cluster:ends[cluster]]
        kind = _kind(letters)
        codes = _letters_per_glyph([ord(ch) for ch in letters], last - index + 1,
                                   rtl and kind == "rtl", carrier is not None)
        placed: list[Placed] = []
        for offset in range(last - index + 1):
            info, position = infos[index + offset], positions[index + offset]
            # Turned around, the glyphs of an emoji sequence in a right-to-left run stand in order.
            letters_here = codes[last - index - offset] if rtl and kind != "rtl" else codes[offset]
            code, width = _code(font, info.codepoint, letters_here)
            if code is not None:
                placed.append((pen + position.x_offset * scale, position.y_offset * scale, code, width))
            pen += position.x_advance * scale
        if rtl and kind != "rtl":
            placed.reverse()
        for letters_left in codes[last - index + 1:]:  # what a ligature drew, on blank glyphs
            code, width = _code(font, carrier, letters_left)
            if code is not None:
                placed.append((pen, 0.0, code, width))
        clusters.append((kind, placed))
        index = last + 1
    return clusters


def _kind(letters: str) -> str:
    classes = {unicodedata.bidirectional(ch) for ch in letters}
    if classes & {"R", "AL"} or any("\u0590" <= ch <= "\u08ff" for ch in letters):
        return "rtl"
    if classes <= {"WS", "ON", "CS", "ES", "ET", "B", "S"} and not any(
            unicodedata.category(ch) == "So" for ch in letters):
        return "neutral"
    return "ltr"


def _in_stream_order(clusters: list[tuple[str, list[Placed]]], rtl: bool) -> list[Placed]:
    """Left to right, but emoji and other left-to-right clusters inside a right-to-left run in
    their own order: a reader turns the right-to-left letters around, and only those."""
    if not rtl:
        return [glyph for _, placed in clusters for glyph in placed]
    ordered: list[Placed] = []
    waiting: list[list[Placed]] = []
    for kind, placed in clusters:
        if kind == "ltr":
            waiting.append(placed)
            continue
        for held in reversed(waiting):
            ordered += held
        waiting.clear()
        ordered += placed
    for held in reversed(waiting):
        ordered += held
    return ordered


def _letters_per_glyph(letters: list[int], glyphs: int, rtl: bool,
                       has_carrier: bool) -> list[tuple[int, ...]]:
    """Which letters each glyph of a cluster stands for, then those left for blank glyphs.

    Left to right, the first glyph stands for the whole cluster, as fpdf2 does. Right to left, the
    glyphs stand for the letters backwards, one each: reversed again, they read in order.
    """
    if not rtl or not has_carrier:
        people = _split_after(letters, ZWJ)
        if glyphs > 1 and len(people) == glyphs:  # a sequence the font has no picture for: each part
            return people
        return [tuple(letters), *([()] * (glyphs - 1))]
    backwards = [(letter,) for letter in reversed(letters)]
    if len(backwards) <= glyphs:
        return backwards + [()] * (glyphs - len(backwards))
    return backwards


def _split_after(letters: list[int], joiner: int) -> list[tuple[int, ...]]:
    parts: list[tuple[int, ...]] = []
    current: list[int] = []
    for letter in letters:
        current.append(letter)
        if letter == joiner:
            parts.append(tuple(current))
            current = []
    return [*parts, tuple(current)] if current else parts


def _code(font, glyph_id: int, letters: tuple[int, ...]) -> tuple[int | None, float]:  # noqa: ANN001
    """The code of a glyph standing for `letters` in the PDF's subset of `font`, and its width."""
    name = font.ttfont.getGlyphName(glyph_id)
    width = round(font.scale * font.ttfont["hmtx"].metrics[name][0])
    glyph = font.subset.get_glyph(glyph=glyph_id, unicode=letters, glyph_name=name, glyph_width=width)
    if glyph is None:
        return None, 0.0
    return font.subset.pick_glyph(glyph), width


def _blank_glyph(font) -> int | None:  # noqa: ANN001
    """A glyph of `font` that draws nothing, to carry a ligature's other letters: one without
    width if the font has it (Noto draws ZWJ as a visible sign), else the space."""
    cmap = font.ttfont.getBestCmap() or {}
    outlines = font.ttfont.get("glyf")
    for char in BLANK:
        name = cmap.get(char)
        if name is not None and outlines is not None and outlines[name].numberOfContours == 0:
            return font.ttfont.getGlyphID(name)
    return None
