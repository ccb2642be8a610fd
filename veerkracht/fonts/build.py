"""Make the bundled fonts from the Noto fonts of a Debian machine, small enough for the repository.

    apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
    .venv/bin/python veerkracht/fonts/build.py TRUETYPE_NOTO OPENTYPE_NOTO

TRUETYPE_NOTO and OPENTYPE_NOTO are the folders those packages fill: truetype/noto and
opentype/noto in the system's font folder (`fc-list | grep NotoSansArabic` shows where).

Run it only to change the bundle; the app and its tests use the files made here, never the
system's fonts. The same packages give the same files, byte for byte. What it does to each font:

- every script font: hinting removed (a PDF does not need it), every character kept;
- Chinese, Japanese and Korean: only the common characters: level 1 of GB 2312 (the 3755 most
  used hanzi), kana, and the 2350 hangul syllables of KS X 1001, from Noto Sans CJK SC;
- colour emoji: every emoji that is one character, every emoji with a skin tone, every ZWJ
  sequence (👍🏿, 👩‍👩‍👧‍👦, 👩🏽‍💻) and flag, with the rules that join each into one picture;
  each picture scaled down to EMOJI_PPEM pixels, which is sharp at the size emoji are printed.
  A sequence newer than the font (a family with skin tones) shows as its people side by side.
fpdf2 subsets each font again into each PDF, so a PDF holds only the characters it uses.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

NOTO = Path("truetype/noto")  # set from the command line
CJK = Path("opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FACE = "Noto Sans CJK SC"
OUT = Path(__file__).resolve().parent
SCRIPT_FONTS = [
    "NotoSansArabic-Regular", "NotoSansArabic-Bold",
    "NotoSansHebrew-Regular", "NotoSansHebrew-Bold",
    "NotoSansEthiopic-Regular", "NotoSansEthiopic-Bold",
    "NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold",
    "NotoSansArmenian-Regular", "NotoSansGeorgian-Regular", "NotoSansThai-Regular",
    "NotoSansTifinagh-Regular", "NotoSansBengali-Regular", "NotoSansTamil-Regular",
]
EMOJI_PPEM = 48
EMOJI_COLOURS = 48  # a palette, as in the original pictures


def _options(**extra: object) -> subset.Options:
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    for key, value in extra.items():
        setattr(options, key, value)
    return options


def _subset(font: TTFont, codepoints: set[int] | None, options: subset.Options) -> TTFont:
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints if codepoints is not None else font.getBestCmap())
    subsetter.subset(font)
    return font


def script_fonts() -> None:
    for name in SCRIPT_FONTS:
        font = _subset(TTFont(NOTO / f"{name}.ttf", recalcTimestamp=False), None, _options())
        font.save(OUT / f"{name}.ttf")


def _codec_characters(codec: str, leads: range, trails: range) -> set[int]:
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(ord(bytes([lead, trail]).decode(codec)))
            except UnicodeDecodeError:
                continue
    return found


def cjk_characters() -> set[int]:
    chars = _codec_characters("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))  # level 1: the 3755 most used
    chars |= _codec_characters("euc-kr", range(0xB0, 0xC9), range(0xA1, 0xFF))  # hangul syllables
    chars |= set(range(0x3040, 0x3100))  # hiragana and katakana
    chars |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F))  # CJK punctuation, full-width forms
    return chars


def cjk_font() -> None:
    collection = TTCollection(CJK)
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == CJK_FACE)
    font.recalcTimestamp = False
    buffer = io.BytesIO()
    font.save(buffer)
    font = TTFont(io.BytesIO(buffer.getvalue()), recalcTimestamp=False)
    _subset(font, cjk_characters() & set(font.getBestCmap()), _options(layout_features=[]))
    font.save(OUT / "NotoSansCJKsc-Regular-common.otf")


def emoji_font() -> None:
    from PIL import Image

    font = TTFont(NOTO / "NotoColorEmoji.ttf", recalcTimestamp=False)
    characters = {cp for cp in font.getBestCmap() if cp > 0x7F}
    # ccmp joins a skin tone, a ZWJ sequence or a flag into one picture; its pictures come along.
    _subset(font, characters, _options(layout_features=["ccmp"], notdef_outline=False))
    strike = font["CBLC"].strikes[0]
    old_ppem = strike.bitmapSizeTable.ppemX
    scale = EMOJI_PPEM / old_ppem
    for glyph in font["CBDT"].strikeData[0].values():
        image = Image.open(io.BytesIO(glyph.imageData))
        metrics = glyph.metrics
        width, height = max(1, round(metrics.width * scale)), max(1, round(metrics.height * scale))
        small = image.convert("RGBA").resize((width, height), Image.LANCZOS)
        small = small.quantize(colors=EMOJI_COLOURS, method=Image.Quantize.FASTOCTREE)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        glyph.imageData = out.getvalue()
        metrics.width, metrics.height = width, height
        metrics.BearingX = round(metrics.BearingX * scale)
        metrics.BearingY = round(metrics.BearingY * scale)
        metrics.Advance = round(metrics.Advance * scale)
    size = strike.bitmapSizeTable
    size.ppemX = size.ppemY = EMOJI_PPEM
    for line in (size.hori, size.vert):
        for field in ("ascender", "descender", "widthMax", "maxBeforeBL", "minAfterBL"):
            setattr(line, field, round(getattr(line, field) * scale))
    font.save(OUT / "NotoColorEmoji-single.ttf")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    NOTO, CJK = Path(sys.argv[1]), Path(sys.argv[2]) / "NotoSansCJK-Regular.ttc"
    if not (NOTO / "NotoColorEmoji.ttf").is_file() or not CJK.is_file():
        sys.exit("No Noto fonts there: install fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji")
    script_fonts()
    cjk_font()
    emoji_font()
    for path in sorted(OUT.glob("*.[to]tf")):
        print(f"{path.stat().st_size // 1024:6d} KB  {path.name}")
