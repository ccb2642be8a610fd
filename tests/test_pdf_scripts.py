"""Any name in any script comes out on paper, and the PDF reads in a sensible order aloud."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from xml.etree import ElementTree

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level, When
from veerkracht.render import pdf_map
from veerkracht.render.fonts import FAMILIES, FONT, FONT_DIR, PLACEHOLDER, add_fonts, drawable, families_for
from veerkracht.render.paper import PAGE_MARGIN, new_paper
from veerkracht.render.pdf import blank_praatplaat_pdf, support_map_pdf
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import NextStep, SupportMap, build_support_map, layout

WORDS = load_words(REPO_DIR / "content", "nl")
NAMES = {
    "Latin with diacritics": "Ĳsbrand Şükrü",
    "Vietnamese": "Nguyễn Thị",
    "Arabic": "فاطمة الزهراء",
    "Cyrillic": "Олена Петренко",
    "Tigrinya": "ፍሬወይኒ ተስፋይ",
    "Amharic": "አበበ በቀለ",
    "Devanagari": "अर्जुन शर्मा",
    "Chinese": "王小明",
    "Hebrew": "נועה",
    "emoji": "Oma 👵",
}
PLACES = {"Arabic place": "مسجد النور", "Chinese place": "图书馆"}


def flat(text: str) -> str:
    """Extracted text without spaces and the control characters pypdf puts between some glyphs.

    Arabic yeh and alef maksura share one glyph in the middle of a word, so read back they may
    swap: both count as yeh.
    """
    kept = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cc")
    return kept.replace("\u0649", "\u064a")


def extracted(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def found(name: str, text: str) -> bool:
    """Every word of the name is there. pypdf gives right-to-left text in visual order at times:
    the words of a name swapped, or the letters of a word reversed; either counts."""
    text = flat(text)
    return all(flat(word) in text or flat(word)[::-1] in text for word in name.split())


def people(names: dict[str, str]) -> tuple[MapItem, ...]:
    closeness = list(Closeness)
    return tuple(MapItem(f"wie/{i}", Level.RELATIONAL, name, "🧑", closeness[i % 3])
                 for i, name in enumerate(names.values()))


def places(names: dict[str, str]) -> tuple[MapItem, ...]:
    return tuple(MapItem(f"waar/{i}", Level.CONTEXTUAL, name, "🕌", Closeness.CLOSE)
                 for i, name in enumerate(names.values()))


def mixed_map() -> SupportMap:
    items = people(NAMES) + places(PLACES) + (MapItem("sterk/a", Level.INDIVIDUAL, "Koken 🍳", "🍳"),)
    step = NextStep("plan/a", "Bellen met ليلى", When.TOMORROW, (items[2], items[7]))
    return SupportMap(items, (step,), nickname="ليلى")


@pytest.fixture(scope="module")
def mixed_pdf() -> bytes:
    return support_map_pdf(mixed_map(), WORDS, today=date(2025, 3, 14))


@pytest.mark.parametrize("script", [*NAMES, *PLACES])
def test_a_name_in_any_script_can_be_read_back_from_the_pdf(mixed_pdf, script):
    name = {**NAMES, **PLACES}[script]

    assert found(name, extracted(mixed_pdf)), f"{script} name {name!r} is missing"


def test_the_nickname_and_every_helper_of_the_step_are_printed(mixed_pdf):
    text = extracted(mixed_pdf)

    assert found("Steunkaart van ليلى", text)
    step = next(line for line in text.splitlines() if "hulp van:" in line)
    assert found("فاطمة الزهراء", step) and found("王小明", step)
    assert "hulp van: ," not in text and not step.rstrip().endswith(":")


def test_a_character_no_font_has_shows_a_placeholder_and_the_rest_stays():
    hieroglyph = "\U00013000"
    items = (MapItem("wie/a", Level.RELATIONAL, f"Sara {hieroglyph} Bakker", "🧑", Closeness.CLOSE),
             MapItem("wie/b", Level.RELATIONAL, hieroglyph, "🧑", Closeness.SOME))
    step = NextStep("plan/a", "Sara bellen", None, items)

    text = extracted(support_map_pdf(SupportMap(items, (step,)), WORDS))

    assert f"Sara {PLACEHOLDER} Bakker" in text
    assert f"– {PLACEHOLDER} · een beetje" in text or f"{PLACEHOLDER} · een beetje" in text
    assert f"hulp van: Sara {PLACEHOLDER} Bakker, {PLACEHOLDER}" in text


def test_the_fonts_come_with_the_package_and_a_dutch_page_loads_only_what_it_needs():
    for styles in FAMILIES.values():
        for file in styles.values():
            assert (FONT_DIR / file).is_file(), file
    assert (FONT_DIR / "OFL.txt").is_file()

    assert families_for(["Zoë en Ĳsbrand"]) == ["NotoSans"]
    assert families_for(["Zoë", "ليلى", "王", "👵"]) == ["NotoSans", "NotoSansArabic", "NotoSansCJK",
                                                       "NotoColorEmoji"]


def test_fonts_are_subset_into_the_pdf_so_it_stays_small(mixed_pdf):
    assert len(mixed_pdf) < 250_000


def test_the_outline_has_the_map_the_next_step_and_each_level():
    reader = PdfReader(io.BytesIO(support_map_pdf(mixed_map(), WORDS)))

    outline = reader.outline
    titles = [entry.title for entry in outline if not isinstance(entry, list)]
    assert titles == ["Mijn steunkaart", "Mijn volgende stap", "Wie en wat jou helpt"]
    levels = next(entry for entry in outline if isinstance(entry, list))
    assert [entry.title for entry in levels] == ["Ik zelf", "Mensen om mij heen", "Mijn plekken"]


def structure(data: bytes) -> list[tuple[str, str]]:
    """The tagged parts in reading order: their kind, and the alternative text of a figure."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    document = root["/StructTreeRoot"]["/K"]
    document = document[0].get_object() if isinstance(document, list) else document.get_object()
    return [(str(kid.get_object()["/S"]), str(kid.get_object().get("/Alt", "")))
            for kid in document["/K"]]


def test_the_map_is_one_figure_with_a_text_that_says_what_it_shows():
    figures = [alt for kind, alt in structure(support_map_pdf(mixed_map(), WORDS)) if kind == "/Figure"]

    assert len(figures) == 1
    assert "Plaatje van je steunkaart" in figures[0]
    assert "Mensen om mij heen: 10" in figures[0] and "Mijn plekken: 2" in figures[0]


def test_read_aloud_order_is_title_next_step_map_then_the_sources_by_level():
    kinds = [kind for kind, _ in structure(support_map_pdf(mixed_map(), WORDS))]

    assert kinds[0] == "/H1"
    headings = [i for i, kind in enumerate(kinds) if kind == "/H2"]
    assert headings[0] < kinds.index("/Figure") < headings[1]
    assert kinds.count("/H3") == 3 and kinds.index("/H3") > headings[1]


def test_english_writes_me_once_as_a_level_and_never_again_in_the_middle():
    words = load_words(REPO_DIR / "content", "en")
    items = (MapItem("sterk/a", Level.INDIVIDUAL, "Cooking", "🍳"),)

    text = extracted(support_map_pdf(SupportMap(items, language="en"), words))

    assert pdf_map.centre_word(words) != "Me"
    assert text.split().count("Me") == 2  # the map's level name and the heading in the list


def test_rings_leave_a_gap_for_every_label_at_the_most_items(monkeypatch):
    items = tuple(MapItem(f"wie/{i}", Level.RELATIONAL, f"Iemand met naam {i}", "🧑", list(Closeness)[i % 3])
                  for i in range(40))
    placed = layout(items)
    frame = pdf_map.frame_for(placed, 10, 10, 190, 200)
    drawn: list[list[tuple[float, float]]] = []
    pdf = FPDF(unit="mm")
    pdf.add_page()
    monkeypatch.setattr(pdf, "polyline", lambda points, style="D": drawn.append(list(points)))

    pdf_map._rings(pdf, frame, on_paper=False)

    assert drawn
    for item in placed:
        x0, y0, x1, y1 = frame.box(item.label_box)
        for run in drawn:
            for a, b in zip(run, run[1:], strict=False):
                middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
                for x, y in (a, b, middle):
                    assert not (x0 < x < x1 and y0 < y < y1), f"a ring crosses {item.label!r}"


def test_every_page_after_the_first_has_the_name_the_page_and_the_level_going_on():
    items = tuple(MapItem(f"wie/{i}", Level.RELATIONAL, f"Vriend {i}", "🧑", list(Closeness)[i % 3])
                  for i in range(45))
    reader = PdfReader(io.BytesIO(support_map_pdf(SupportMap(items, nickname="Zoë"), WORDS)))

    assert len(reader.pages) >= 2
    for number, page in enumerate(reader.pages[1:], start=2):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        assert "Steunkaart van Zoë" in lines[0] and f"Bladzijde {number}" in lines[0]
    second = [line.strip() for line in reader.pages[1].extract_text().splitlines() if line.strip()]
    assert second[1] == "Mensen om mij heen (vervolg)"


def test_an_arabic_page_runs_right_to_left_and_keeps_every_name():
    words = load_words(REPO_DIR / "content", "ar")
    if words.direction != "rtl":
        pytest.skip("no Arabic interface words in content/interface")

    text = extracted(support_map_pdf(mixed_map(), words))

    for name in NAMES.values():
        assert found(name, text), name


# --- Pictures for the docs ----------------------------------------------------------------

SAMPLE_SET = sample_question_set()
DOCS_PICTURES = REPO_DIR / "docs" / "screenshots"
DPI = 70
TODAY = date(2025, 3, 14)

PICTURES_WANTED = [
    pytest.mark.skipif(os.environ.get("UPDATE_DOCS_SCREENSHOTS") != "1",
                       reason="pictures for the docs only when UPDATE_DOCS_SCREENSHOTS=1"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"),
]


def pdfs() -> dict[str, bytes]:
    nl = load_words(REPO_DIR / "content", "nl")
    ar = load_words(REPO_DIR / "content", "ar")
    made = {
        f"pdf-{n}-items": support_map_pdf(build_support_map(SAMPLE_SET, sample_answers(SAMPLE_SET, n)), nl,
                                          today=TODAY)
        for n in (10, 40)
    }
    made["pdf-mixed-scripts"] = support_map_pdf(mixed_map(), nl, today=TODAY)
    arabic = mixed_map()
    made["pdf-arabic"] = support_map_pdf(type(arabic)(arabic.items, arabic.next_steps, arabic.nickname, "ar"),
                                         ar, today=TODAY)
    made["praatplaat-a4"] = blank_praatplaat_pdf(SAMPLE_SET, nl)
    made["praatplaat-a3"] = blank_praatplaat_pdf(SAMPLE_SET, nl, page_format="A3")
    return made


@PICTURES_WANTED[0]
@PICTURES_WANTED[1]
def test_pdf_pages_become_pictures_in_the_docs(tmp_path):
    for name, data in pdfs().items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(data)
        for old in DOCS_PICTURES.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(DOCS_PICTURES / name)], check=True)
        assert list(DOCS_PICTURES.glob(f"{name}-*.png")), name


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_next_step_stands_in_a_coloured_box_with_a_dark_edge(tmp_path):
    from PIL import Image

    from veerkracht.render.paper import PAGE_MARGIN
    from veerkracht.render.pdf import STEP_EDGE, STEP_FILL

    data = support_map_pdf(mixed_map(), WORDS)
    spots = []

    def heading_spot(text, cm, tm, font, size):  # noqa: ANN001, ANN202
        if "volgende stap" in text:
            spots.append(tm[4:6])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=heading_spot)
    (tmp_path / "map.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile",
                    str(tmp_path / "map.pdf"), str(tmp_path / "page")], check=True)
    picture = Image.open(tmp_path / "page.png").convert("RGB")

    x, y = spots[0]  # points from the bottom left; at 72 dpi one point is one pixel
    top = picture.height - y
    assert picture.getpixel((round(x) - 4, round(top) - 14)) == STEP_FILL  # the box around the heading
    edge = picture.getpixel((round(PAGE_MARGIN * 72 / 25.4) + 3, round(top) - 4))
    assert max(abs(a - b) for a, b in zip(edge, STEP_EDGE, strict=True)) < 40  # the thick edge on its side


# --- The text behind the letters: copying, searching, read-aloud --------------------------

BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
RTL_NAMES = {"Arabic with lam-alef": "علاء سلامة", "Arabic": "ليلى", "Hebrew": "נועה כהן"}


def rtl_map() -> SupportMap:
    items = (*people({**RTL_NAMES, "Latin": "Sara Bakker"}), *places({"Arabic place": "مسجد النور"}))
    step = NextStep("plan/a", "Bellen met ليلى", When.TOMORROW, (items[0],))
    return SupportMap(items, (step,), nickname="ليلى")


@pytest.fixture(scope="module")
def rtl_pdf() -> bytes:
    return support_map_pdf(rtl_map(), WORDS, today=date(2025, 3, 14))


def poppler_text(data: bytes, tmp_path) -> str:  # noqa: ANN001
    """What pdftotext (poppler) reads, without the direction marks it puts around runs."""
    (tmp_path / "map.pdf").write_bytes(data)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "map.pdf"), "-"],
                          capture_output=True, check=True, text=True)
    return done.stdout.translate(BIDI_MARKS)


def test_pypdf_reads_right_to_left_names_and_mixed_lines_in_reading_order(rtl_pdf):
    text = extracted(rtl_pdf)

    for name in RTL_NAMES.values():
        assert name in text, name  # letter for letter: not turned around, lam-alef whole
    assert "مسجد النور" in text
    assert "Steunkaart van ليلى" in text
    assert "Bellen met ليلى – morgen – hulp van: علاء سلامة" in text
    assert "ليىل" not in text and "لىلي" not in text  # how the lam-alef ligature used to come out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_reads_right_to_left_names_and_mixed_lines_in_reading_order(rtl_pdf, tmp_path):
    text = poppler_text(rtl_pdf, tmp_path)

    for name in [*RTL_NAMES.values(), "مسجد النور"]:
        assert name in text, name
    assert "ليىل" not in text
    step = next(line for line in text.splitlines() if "Bellen met" in line)
    assert step.index("Bellen met") < step.index("ليلى") < step.index("morgen")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_an_arabic_page_reads_in_order_in_both_readers(tmp_path):
    words = load_words(REPO_DIR / "content", "ar")
    support_map = rtl_map()
    data = support_map_pdf(SupportMap(support_map.items, support_map.next_steps, "ليلى", "ar"), words)
    title = drawable(words("pdf.of_name", name="ليلى"))

    for text in (extracted(data), poppler_text(data, tmp_path)):
        assert title in text
        for name in [*RTL_NAMES.values(), "مسجد النور", "Sara Bakker"]:
            assert name in text, name


def structure_tree(data: bytes) -> list[dict]:
    """Every tagged part, depth first, as a dict that also holds its kids' kinds."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    found = []

    def walk(element) -> None:  # noqa: ANN001
        element = element.get_object()
        kids = [kid.get_object() for kid in element.get("/K", []) if not isinstance(kid, int)]
        kids = [kid for kid in kids if "/S" in kid]
        found.append({"kind": str(element["/S"]), "kids": [str(kid["/S"]) for kid in kids],
                      "actual_text": str(element.get("/ActualText", "")), "page": "/Pg" in element})
        for kid in kids:
            walk(kid)

    walk(root["/StructTreeRoot"]["/K"][0])
    return found


def test_the_sources_are_tagged_as_lists_of_label_and_body(rtl_pdf):
    parts = structure_tree(rtl_pdf)

    lists = [part for part in parts if part["kind"] == "/L"]
    assert len(lists) == 4  # the next steps, and the sources of each level
    items = [part for part in parts if part["kind"] == "/LI"]
    assert all(item["kids"] in (["/Lbl", "/LBody"], ["/LBody"]) for item in items)
    assert sum(item["kids"] == ["/Lbl", "/LBody"] for item in items) == len(rtl_map().items)
    assert sum(item["kids"] == ["/LBody"] for item in items) == 2  # the step, and "Nog niets." in "Ik zelf"
    assert all(part["page"] for part in parts if part["kind"] not in ("/Document", "/L", "/LI"))
    assert not any(part["kind"] == "/P" and "· dichtbij" in part["actual_text"] for part in parts)


def test_a_tagged_part_with_right_to_left_text_carries_it_in_reading_order(rtl_pdf):
    spoken = [part["actual_text"] for part in structure_tree(rtl_pdf) if part["actual_text"]]

    assert "علاء سلامة · dichtbij" in spoken
    assert "נועה כהן · verder weg" in spoken
    assert "Steunkaart van ليلى · Gemaakt op 14-03-2025" in [" ".join(t.split()) for t in spoken]
    figure = next(part for part in structure_tree(rtl_pdf) if part["kind"] == "/Figure")
    assert figure["actual_text"] == ""  # the map is read by its description, not its labels


def test_each_embedded_font_subset_has_a_tag_of_its_own(mixed_pdf):
    names = set(re.findall(rb"/BaseFont /([A-Z]{6})\+([\w-]+)", mixed_pdf))

    tags = [tag for tag, _ in names]
    assert len({font for _, font in names}) >= 6  # Latin, Arabic, Ge'ez, Devanagari, CJK, Hebrew...
    assert len(set(tags)) == len({font for _, font in names})
    assert b"MPDFAA" not in tags


def test_xmp_metadata_names_pdf_ua_the_title_and_the_language(mixed_pdf):
    reader = PdfReader(io.BytesIO(mixed_pdf))
    root = reader.trailer["/Root"]
    xmp = ElementTree.fromstring(root["/Metadata"].get_object().get_data().split(b"?>", 1)[1]
                                 .rsplit(b"<?xpacket", 1)[0])
    namespaces = {"pdfuaid": "http://www.aiim.org/pdfua/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
                  "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}

    assert xmp.find(".//pdfuaid:part", namespaces).text == "1"
    assert xmp.find(".//dc:title//rdf:li", namespaces).text == "Mijn steunkaart" == reader.metadata.title
    assert xmp.find(".//dc:language//rdf:li", namespaces).text == "nl" == root["/Lang"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]  # viewers show the title, not the file name
    assert root["/MarkInfo"]["/Marked"]


# --- Emoji with a skin tone or joined by ZWJ: one picture -----------------------------------

EMOJI_SEQUENCES = {"skin tone": ("👍🏿", "👍"), "ZWJ family": ("👩‍👩‍👧‍👦", "👩"),
                   "ZWJ with skin tone": ("👩🏽‍💻", "👩")}


def ink_width(data: bytes, tmp_path) -> int:  # noqa: ANN001
    """How many pixel columns of the first page have something drawn on them."""
    from PIL import Image, ImageChops

    (tmp_path / "one.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(tmp_path / "one.pdf"),
                    str(tmp_path / "one")], check=True)
    picture = Image.open(tmp_path / "one.png").convert("RGB")
    box = ImageChops.difference(picture, Image.new("RGB", picture.size, "white")).getbbox()
    return box[2] - box[0] if box else 0


def one_line(text: str, direction: str = "ltr") -> bytes:
    pdf = new_paper("emoji", "nl", [text], direction=direction)
    pdf.add_page()
    pdf.cell(0, 10, drawable(text), align="L")
    return bytes(pdf.output())


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("kind", EMOJI_SEQUENCES)
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_an_emoji_sequence_prints_as_one_picture_as_wide_as_a_single_emoji(kind, direction, tmp_path):
    sequence, single = EMOJI_SEQUENCES[kind]

    wide = ink_width(one_line(sequence, direction), tmp_path)
    plain = ink_width(one_line(single, direction), tmp_path)

    assert plain > 0 and plain * 0.7 <= wide <= plain * 1.4, (wide, plain)  # in pieces: twice as wide
    text = extracted(one_line(f"Opa {sequence} ليلى", direction))
    assert sequence in text


def test_emoji_sequences_in_a_name_keep_every_piece_in_the_text():
    items = (MapItem("wie/a", Level.RELATIONAL, "Opa 👍🏿 en ons gezin 👩‍👩‍👧‍👦", "👩🏽‍💻", Closeness.CLOSE),)

    text = " ".join(extracted(support_map_pdf(SupportMap(items, nickname="ليلى"), WORDS)).split())

    assert "👩🏽‍💻 Opa 👍🏿 en ons gezin 👩‍👩‍👧‍👦 · dichtbij" in text


ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآ"
HEBREW_LETTERS = "אבגדהוזחטיכלמנסעפצקרשתךםןףץ"
rtl_words = st.lists(st.one_of(st.text(ARABIC_LETTERS, min_size=1, max_size=8),
                               st.text(HEBREW_LETTERS, min_size=1, max_size=8)), min_size=1, max_size=3)
PIECES = [*"لاىي אב aZ9 .-()王", "\u0651", "\u064e", "\u200d", "\u200c", "\ufe0f", "\u202e", "\x00", "\ud800",
          "👍", "🏿", "👩", "👧", "💻"]
anything = st.text(st.sampled_from(PIECES), max_size=30)


def one_name_pdf(name: str) -> bytes:
    items = (MapItem("wie/a", Level.RELATIONAL, name, "🧑", Closeness.CLOSE),)
    return support_map_pdf(SupportMap(items, nickname=name), WORDS, today=date(2025, 3, 14))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rtl_words)
def test_any_right_to_left_name_reads_back_letter_for_letter(words):
    name = " ".join(words)

    assert f"Steunkaart van {name}" in extracted(one_name_pdf(name))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_any_mix_of_scripts_joiners_and_marks_makes_a_pdf_with_every_letter(name):
    text = extracted(one_name_pdf(name))

    for letter in set(drawable(name)) & set(ARABIC_LETTERS + HEBREW_LETTERS):
        assert text.count(letter) >= 2 * drawable(name).count(letter)  # the title, the list, maybe the map


def test_a_long_right_to_left_step_wraps_and_every_word_is_printed_once(tmp_path):
    step = NextStep("plan/a", "اتصل بخالتي سلمى " * 12, When.TOMORROW, ())
    data = support_map_pdf(SupportMap((), (step,), nickname="ليلى"), WORDS)

    for text in (extracted(data), *([poppler_text(data, tmp_path)] if shutil.which("pdftotext") else [])):
        assert text.count("بخالتي") == 12 and text.count("سلمى") == 12
    spoken = [part["actual_text"] for part in structure_tree(data) if part["kind"] == "/LBody"]
    assert spoken[0].split() == ["1.", *("اتصل بخالتي سلمى " * 12).split(), "–", "morgen"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("text", ["لا سلام", "ليلى", "Bellen met ليلى", "נועה כהן"])
def test_the_text_layer_leaves_the_printed_letters_as_fpdf_draws_them(text, tmp_path):
    """The letters a ligature carries ride on blank glyphs: the page looks as fpdf2 alone draws it."""
    from PIL import Image, ImageChops

    def picture(pdf: FPDF) -> Image.Image:
        pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN)
        pdf.set_font(FONT, "", 11)
        pdf.add_page()
        pdf.cell(0, 10, text)
        (tmp_path / "x.pdf").write_bytes(bytes(pdf.output()))
        subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(tmp_path / "x.pdf"),
                        str(tmp_path / "x")], check=True)
        return Image.open(tmp_path / "x.png").convert("L")

    plain = FPDF(unit="mm")
    add_fonts(plain, [text])
    plain.set_text_shaping(True, direction="rtl")
    ours = picture(new_paper("x", "ar", [text], direction="rtl"))

    difference = ImageChops.difference(ours, picture(plain))
    assert sum(1 for value in difference.get_flattened_data() if value > 100) <= 4
