"""The map step on screen: the map, the same map in words, and the take-home buttons."""

from streamlit.testing.v1 import AppTest


def map_page(n_items: int, compare: bool = False) -> None:
    from veerkracht.bench.sample import sample_answers, sample_question_set
    from veerkracht.interface import load_words
    from veerkracht.settings import REPO_DIR
    from veerkracht.ui.map_view import show_compare, show_map_step

    question_set = sample_question_set()
    answers = sample_answers(question_set, n_items)
    words = load_words(REPO_DIR / "content", "nl")
    show_map_step(question_set, answers, words)
    if compare:
        show_compare(question_set, answers, words, {question_set.id: question_set})


def run(n_items: int, compare: bool = False) -> AppTest:
    app = AppTest.from_function(map_page, kwargs={"n_items": n_items, "compare": compare}, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def page_text(app: AppTest) -> str:
    parts = [element.value for element in app.markdown] + [element.value for element in app.caption]
    parts += [str(getattr(node, "proto", "")) for node in app.get("html")]
    return "\n".join(str(p) for p in parts)


def test_the_map_step_shows_the_sources_in_words_beside_the_map():
    text = page_text(run(10))

    assert "Wie en wat jou helpt" in text
    assert "Oma Fatma · dichtbij – helpt met: luisteren" in text
    assert "Oma bellen over mijn stage" in text


def test_student_text_in_the_words_is_escaped():
    text = page_text(run(40))

    assert "&lt;b&gt;Bram&lt;/b&gt;" in text
    assert "<b>Bram</b>" not in text


def test_an_empty_map_still_shows_every_level_and_says_nothing_is_there_yet():
    text = page_text(run(0))

    assert text.count("Nog niets.") == 3
    assert "Je hebt nog geen stap gekozen" in text


def test_there_is_one_button_for_each_thing_to_take_home():
    app = run(10)
    labels = [str(node.proto.label) for node in app.get("download_button")]

    assert labels == [
        "Download mijn steunkaart (PDF)", "Mijn steunkaart in woorden (webpagina)",
        "Bewaar mijn gesprek (bestand)", "Lege praatplaat (PDF)", "Grote praatplaat (A3, PDF)",
    ]


def charts(app: AppTest) -> list:
    return app.get("plotly_chart")


def test_the_map_is_drawn_for_a_laptop_and_again_for_a_phone():
    # Names at 16 pixels for two people at a laptop make even a small map wider than a phone's column.
    assert [c.key for c in charts(run(3))] == ["map.figure", "map.figure.phone"]
    assert [c.key for c in charts(run(12))] == ["map.figure", "map.figure.phone"]


def test_the_map_box_chooses_the_drawing_that_fits_and_reads_left_to_right():
    app = run(12)
    style = "\n".join(str(node.proto) for node in app.get("html") if "container-type" in str(node.proto))

    assert "direction: ltr" in style
    assert "@container (min-width:" in style and ".st-key-vk-map-map-figure-phone { display: none; }" in style
    assert ".st-key-vk-map-map-figure-wide { display: none; }" in style


def test_compare_waits_for_an_earlier_file_without_changing_anything():
    text = page_text(run(10, compare=True))

    assert "Kies het bestand van een eerder gesprek" in text
    assert "Nieuw op je kaart" not in text
