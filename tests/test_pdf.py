"""What the student takes home on paper: the steunkaart PDF and the blank praatplaat."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from veerkracht.answers import Answers
from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import LEVEL_STYLES, Closeness, Level, When
from veerkracht.questions.cards import CardsAnswer
from veerkracht.questions.people import PersonEntry
from veerkracht.questions.places import PlaceEntry
from veerkracht.questions.plan import PlanStep
from veerkracht.render.fonts import drawable
from veerkracht.render.pdf import blank_praatplaat_pdf, support_map_pdf
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import NextStep, SupportMap, build_support_map

QUESTION_SET = sample_question_set()
WORDS = load_words(REPO_DIR / "content", "nl")
A4_POINTS = (595, 842)
STANDARD_SET = load_folder(REPO_DIR / "content").sets["mbo-standaard"]
HEADINGS = {WORDS("map.sources_heading"), WORDS("map.next_steps_heading")} | {
    WORDS(style.word_key) for style in LEVEL_STYLES.values()
}


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def page_lines(data: bytes) -> list[list[str]]:
    """Each page's lines, in the order they are printed."""
    pages = PdfReader(io.BytesIO(data)).pages
    return [[" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
            for page in pages]


def pdf_for(n_items: int, **kwargs) -> bytes:
    answers = sample_answers(QUESTION_SET, n_items, **kwargs)
    return support_map_pdf(build_support_map(QUESTION_SET, answers), WORDS, today=date(2025, 3, 14))


def standard_conversation_pdf(strengths: int, helpers: int, people: int, places: int, steps: int) -> bytes:
    """A conversation with the shipped mbo-standaard set: "Ik zelf" cards, people, places and steps."""
    answers = Answers.start(STANDARD_SET, language="nl", nickname="Zoë")
    answers.set("sterke-kanten", CardsAnswer(selected=["helpen", "doorzetten", "sport"][:strengths]))
    answers.set("wat-helpt-mij", CardsAnswer(selected=["bewegen", "praten", "gamen"][:helpers]))
    answers.set("wie-steunt", [
        PersonEntry(id="p1", name="Oma", closeness=Closeness.CLOSE, helps_with=["luisteren", "troost"]),
        PersonEntry(id="p2", name="Mentor Jan", closeness=Closeness.SOME, helps_with=["school"]),
        PersonEntry(id="p3", name="Buurvrouw Els", closeness=Closeness.FAR, helps_with=["praktisch"]),
    ][:people])
    answers.set("mijn-plekken", [
        PlaceEntry(id="w1", option="thuis", closeness=Closeness.CLOSE),
        PlaceEntry(id="w2", option="sportclub", closeness=Closeness.SOME),
        PlaceEntry(id="w3", option="buurthuis", closeness=Closeness.FAR),
    ][:places])
    answers.set("mijn-stap", [
        PlanStep(id="s1", suggestion="hulp-vragen", when=When.THIS_WEEK,
                 helpers=["wie-steunt/p1", "mijn-plekken/w1"]),
        PlanStep(id="s2", what="Mijn mentor mailen over de stage", when=When.TOMORROW,
                 helpers=["wie-steunt/p2"]),
        PlanStep(id="s3", suggestion="slapen", when=When.THIS_WEEK),
    ][:steps])
    return support_map_pdf(build_support_map(STANDARD_SET, answers), WORDS, today=date(2025, 3, 14))


@pytest.mark.parametrize("n_items", [0, 1, 40])
def test_the_pdf_is_a_valid_a4_document_for_any_number_of_sources(n_items):
    reader, text = read(pdf_for(n_items))

    assert len(reader.pages) >= 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == A4_POINTS
    assert "Mijn steunkaart" in text
    assert "Wie en wat jou helpt" in text


def test_the_pdf_has_the_name_the_date_the_sources_and_the_next_step():
    _, text = read(pdf_for(10))

    assert "Steunkaart van Zoë" in text
    assert "14-03-2025" in text
    for name in ("Sporten", "Oma Fatma", "Sébastien", "Mevrouw Çelik", "Bijbaan"):
        assert name in text
    assert "Oma bellen over mijn stage – morgen – hulp van: Oma Fatma, Sportclub" in text
    assert "Gaan sporten" in text


def test_names_with_accents_from_many_languages_can_be_read_back():
    _, text = read(pdf_for(40))

    for name in ("Şükrü", "Nguyễn Thị Ngọc", "Ĳsbrand", "Zoë", "Het café van Ömer"):
        assert name in text


def test_emoji_are_drawn_and_a_name_of_only_emoji_is_still_a_name():
    items = (
        MapItem("wie/a", Level.RELATIONAL, "Neef Daan 🎮", "🧑", Closeness.CLOSE),
        MapItem("wie/b", Level.RELATIONAL, "🙂🙂🙂", "🧑", Closeness.SOME),
        MapItem("sterk/c", Level.INDIVIDUAL, "Koken 🍳 met opa", "🍳"),
    )
    reader, text = read(support_map_pdf(SupportMap(items, nickname="🌟"), WORDS))

    assert "Neef Daan 🎮" in text
    assert "Koken 🍳 met opa" in text
    assert "🙂🙂🙂" in text.replace(" ", "")
    assert "Steunkaart van 🌟" in text


def test_drawable_text_keeps_every_letter_and_marks_only_what_no_font_has():
    assert drawable("Zoë 🎮 Ĳsbrand") == "Zoë 🎮 Ĳsbrand"
    assert drawable("\u202eevil\u200f") == "evil"
    assert drawable("Sara \U00013000\U00013001 Bakker") == "Sara \ufffd Bakker"
    assert drawable("👩🏽‍💻 👍🏿") == "👩🏽‍💻 👍🏿"  # skin tones and joiners stay with their emoji
    assert drawable("Sara🏽") == "Sara"  # a skin tone without an emoji has nothing to colour


def test_student_text_is_printed_as_it_was_typed_not_as_markup():
    items = (MapItem("wie/a", Level.RELATIONAL, "<b>Bram</b> & **co**", "🧑", Closeness.CLOSE),)

    _, text = read(support_map_pdf(SupportMap(items), WORDS))

    assert "<b>Bram</b> & **co**" in text


def test_very_long_text_wraps_instead_of_running_off_the_page():
    long_step = NextStep("plan/a", "Elke dag " * 40, None, ())
    items = tuple(
        MapItem(f"wie/{i}", Level.RELATIONAL, "Iemand met een heel lange naam " * 2, "🧑", Closeness.FAR)
        for i in range(40)
    )

    reader, text = read(support_map_pdf(SupportMap(items, (long_step,)), WORDS))

    assert len(reader.pages) >= 2
    assert text.count("Elke dag") == 40


def test_an_empty_map_says_how_to_start():
    _, text = read(pdf_for(0))

    assert "Hier komt jouw kaart" in text
    assert "Nog niets." in text
    assert "Je hebt nog geen stap gekozen" in text


def test_the_pdf_follows_the_interface_language():
    words = load_words(REPO_DIR / "content", "en")
    answers = sample_answers(QUESTION_SET, 10, language="en")

    _, text = read(support_map_pdf(build_support_map(QUESTION_SET, answers), words))

    assert "My support map" in text
    assert "Who and what helps you" in text
    assert "Sports" in text


def test_the_blank_praatplaat_has_the_three_levels_the_rings_and_the_set_prompts():
    reader, text = read(blank_praatplaat_pdf(QUESTION_SET, WORDS))

    assert len(reader.pages) == 1
    for word in ("Praatplaat", "Ik zelf", "Mensen om mij heen", "Mijn plekken", "Ik",
                 "Dichtbij", "Een beetje", "Verder weg", "Wat kun jij?", "Wie helpt jou?",
                 "Mijn volgende kleine stap"):
        assert word in text


def test_the_praatplaat_can_be_printed_in_another_language_of_the_set():
    words = load_words(REPO_DIR / "content", "en")

    _, text = read(blank_praatplaat_pdf(QUESTION_SET, words, lang="en"))

    assert "What can you do?" in text
    assert "People around me" in text


@pytest.mark.parametrize(
    "answered",  # "Ik zelf" strengths and helpers, people, places, steps
    [(3, 2, 2, 3, 1), (3, 3, 3, 3, 3)],
    ids=["10 sources and one step", "12 sources and three steps"],
)
def test_a_typical_conversation_fits_on_one_sheet_with_the_next_step(answered):
    pages = page_lines(standard_conversation_pdf(*answered))

    assert len(pages) == 1
    text = " ".join(pages[0])
    assert "Mijn volgende stap 1. " in text
    assert "hulp vragen bij één ding – deze week – hulp van: Oma, Thuis" in text
    assert "Buurthuis of jongerenwerk · soms thuis" in text  # a place says how at home, not how far
    assert pages[0][-1] == "Deze kaart is van jou. Jij kiest met wie je hem deelt."


def test_the_next_step_comes_right_after_the_map_when_the_sources_need_a_second_page():
    pages = page_lines(pdf_for(40))

    assert len(pages) == 2
    first_page = " ".join(pages[0])
    step = "Mijn volgende stap 1. Oma bellen over mijn stage – morgen – hulp van: Oma Fatma, Sportclub"
    assert step in first_page
    assert first_page.index(step) < first_page.index("Wie en wat jou helpt")


@pytest.mark.parametrize("n_items", [*range(13, 21), 40])
def test_no_page_ends_with_a_heading_or_holds_only_the_closing_line(n_items):
    pages = page_lines(pdf_for(n_items))

    for lines in pages:
        assert lines[-1] not in HEADINGS
        assert lines != ["Deze kaart is van jou. Jij kiest met wie je hem deelt."]
