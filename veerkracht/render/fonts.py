"""The fonts of the PDFs: Noto for Latin, Greek and Cyrillic first, then a font for each other script.

Every font ships inside the package (veerkracht/fonts/, made by its build.py), so a school's
server prints the same as a laptop. fpdf2 picks the first font that has a character, shapes
the text with HarfBuzz (Arabic joined, Devanagari conjuncts) and puts right-to-left runs in
order. A character none of the fonts has becomes a visible placeholder, so a name never vanishes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

from veerkracht.text import clean_text

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "NotoSans"
EMOJI_FAMILY = "NotoColorEmoji"
# family -> {style: file}; the order is the order fpdf2 tries them in
FAMILIES: dict[str, dict[str, str]] = {
    FONT: {"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf"},
    "NotoSansArabic": {"": "NotoSansArabic-Regular.ttf", "B": "NotoSansArabic-Bold.ttf"},
    "NotoSansHebrew": {"": "NotoSansHebrew-Regular.ttf", "B": "NotoSansHebrew-Bold.ttf"},
    "NotoSansEthiopic": {"": "NotoSansEthiopic-Regular.ttf", "B": "NotoSansEthiopic-Bold.ttf"},
    "NotoSansDevanagari": {"": "NotoSansDevanagari-Regular.ttf", "B": "NotoSansDevanagari-Bold.ttf"},
    "NotoSansBengali": {"": "NotoSansBengali-Regular.ttf"},
    "NotoSansTamil": {"": "NotoSansTamil-Regular.ttf"},
    "NotoSansArmenian": {"": "NotoSansArmenian-Regular.ttf"},
    "NotoSansGeorgian": {"": "NotoSansGeorgian-Regular.ttf"},
    "NotoSansThai": {"": "NotoSansThai-Regular.ttf"},
    "NotoSansTifinagh": {"": "NotoSansTifinagh-Regular.ttf"},
    "NotoSansCJK": {"": "NotoSansCJKsc-Regular-common.otf"},
    EMOJI_FAMILY: {"": "NotoColorEmoji-single.ttf"},
}
PLACEHOLDER = "\ufffd"  # the question mark in a diamond: "a character this page cannot show"
# Emoji pieces that only join or colour the emoji next to them: shaped with it into one picture.
EMOJI_PIECES = frozenset({0x200D, 0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400),
                          *range(0xE0020, 0xE0080)})


@cache
def family_codepoints() -> dict[str, frozenset[int]]:
    """The characters each bundled family can draw."""
    found = {}
    for family, styles in FAMILIES.items():
        with TTFont(FONT_DIR / styles[""], lazy=True) as font:
            found[family] = frozenset(font.getBestCmap())
    return found


@cache
def codepoints() -> frozenset[int]:
    """Every character one of the bundled fonts can draw."""
    return frozenset().union(*family_codepoints().values())


def families_for(texts: Iterable[str]) -> list[str]:
    """The families these texts need, in fallback order: loading a font costs time, so only those."""
    covered = family_codepoints()
    needed = {FONT}
    for ch in set().union(*(set(text) for text in texts)) - covered[FONT]:
        family = next((f for f, chars in covered.items() if ord(ch) in chars), None)
        if family is not None:
            needed.add(family)
    return [family for family in FAMILIES if family in needed]


def add_fonts(pdf: FPDF, texts: Iterable[str]) -> None:
    """The text font, and as its fallbacks every bundled font that `texts` need; shaping on."""
    families = families_for(texts)
    for family in families:
        for style, file in FAMILIES[family].items():
            pdf.add_font(family, style, str(FONT_DIR / file))
    if len(families) > 1:
        pdf.set_fallback_fonts(families[1:], exact_match=False)
    if EMOJI_FAMILY in families:
        # A joiner or skin tone goes to the font of the emoji before it (paper.py), not the text font.
        pieces = EMOJI_PIECES & family_codepoints()[EMOJI_FAMILY]
        for style in FAMILIES[FONT]:
            font = pdf.fonts[f"{FONT.lower()}{style}"]
            font.cmap = {code: glyph for code, glyph in font.cmap.items() if code not in pieces}
    pdf.set_text_shaping(True)


def _is_emoji(ch: str) -> bool:
    return ord(ch) >= 0x2190 and unicodedata.category(ch) == "So"


def drawable(text: str) -> str:
    """Student text as the PDF can draw it: one plain line, each missing character a placeholder.

    A skin tone or joiner after an emoji stays, so the emoji font draws the sequence as one
    picture (👍🏿, 👩‍👩‍👧‍👦); anywhere else only a joiner stays, since some scripts need it.
    """
    known = codepoints()
    text = clean_text(text)
    kept: list[str] = []
    for ch in text:
        code = ord(ch)
        if code in EMOJI_PIECES:
            after_emoji = bool(kept) and (_is_emoji(kept[-1]) or ord(kept[-1]) in EMOJI_PIECES)
            if (after_emoji and code in known) or (code == 0x200D and not after_emoji):
                kept.append(ch)
        elif ch == " " or code in known:
            kept.append(ch)
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue  # a mark or format character no font has: the letter it belongs to still shows
        elif not kept or kept[-1] != PLACEHOLDER:
            kept.append(PLACEHOLDER)
    # A joiner at the edge of a word joins nothing.
    return " ".join(word.strip("\u200d") for word in "".join(kept).split() if word.strip("\u200d"))
