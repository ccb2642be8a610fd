"""The map on screen: one marker per source, a shape per level, student text shown as text."""

import json

import pytest

from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import LEVEL_STYLES, Closeness, Level
from veerkracht.render.figure import FIGURE_CONFIG, figure_pixel_width, support_map_figure
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import SupportMap, build_support_map

QUESTION_SET = sample_question_set()
WORDS = load_words(REPO_DIR / "content", "nl")


def figure_for(n_items: int):
    return support_map_figure(build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, n_items)), WORDS)


def item_traces(figure):
    return [t for t in figure.data if t.meta and "level" in t.meta]


def everything_shown(figure) -> str:
    """Every string the browser will draw or show on hover."""
    parts = []
    for trace in figure.data:
        parts += list(trace.text or []) if not isinstance(trace.text, str) else [trace.text]
        parts += list(trace.hovertext or []) if not isinstance(trace.hovertext, str) else [trace.hovertext]
    parts += [a.text for a in figure.layout.annotations]
    return "\n".join(parts)


@pytest.mark.parametrize("n_items", [1, 10, 40])
def test_each_source_gets_exactly_one_marker(n_items):
    figure = figure_for(n_items)

    assert sum(len(t.x) for t in item_traces(figure)) == n_items


def test_each_level_has_its_own_shape_and_colour():
    traces = {Level(t.meta["level"]): t for t in item_traces(figure_for(10))}

    assert set(traces) == set(Level)
    assert len({t.marker.symbol for t in traces.values()}) == 3
    for level, trace in traces.items():
        assert trace.marker.symbol == LEVEL_STYLES[level].marker
        assert trace.marker.line.color == LEVEL_STYLES[level].colour


def test_what_a_student_typed_is_shown_as_text_never_as_markup():
    items = (
        MapItem("wie/a", Level.RELATIONAL, "<b>Bram</b> & <a href='x'>co</a>", "🧑", Closeness.CLOSE,
                ("<br>luisteren",)),
    )
    figure = support_map_figure(SupportMap(items), WORDS)
    shown = everything_shown(figure)

    assert "&lt;b&gt;Bram" in shown
    assert "&amp;" in shown
    assert "<b>Bram" not in shown
    assert "<a href" not in shown
    assert "<br>luisteren" not in shown


def test_hover_tells_how_close_and_what_someone_helps_with():
    figure = figure_for(10)
    hovers = "\n".join(h for t in item_traces(figure) for h in t.hovertext)

    assert "Oma Fatma" in hovers
    assert "Dichtbij" in hovers
    assert "helpt met: luisteren" in hovers


def test_long_names_are_shortened_on_the_map_and_whole_on_hover():
    figure = figure_for(40)
    labels = [label for t in item_traces(figure) for label in t.text]
    hovers = "\n".join(h for t in item_traces(figure) for h in t.hovertext)

    assert any(label.endswith("…") for label in labels)
    assert "Mijn allerbeste vriendin van de basisschool" in hovers


def test_an_empty_map_invites_the_student_instead_of_showing_a_blank_chart():
    figure = support_map_figure(SupportMap(()), WORDS)
    shown = everything_shown(figure)

    assert not item_traces(figure)
    assert "Hier komt jouw kaart" in shown
    assert "Ik zelf" in shown and "Mensen om mij heen" in shown and "Mijn plekken" in shown
    assert "Dichtbij" in shown and "Verder weg" in shown
    assert len(figure.layout.shapes) > 3  # sectors and rings are drawn


def test_the_map_cannot_be_zoomed_or_dragged_out_of_shape():
    figure = figure_for(10)

    assert figure.layout.xaxis.fixedrange and figure.layout.yaxis.fixedrange
    assert figure.layout.yaxis.scaleanchor == "x"
    assert figure.layout.dragmode is False
    assert FIGURE_CONFIG["displayModeBar"] is False


def test_a_small_map_fits_a_phone_and_a_crowded_one_asks_for_more_room():
    assert figure_pixel_width(figure_for(10)) <= 343
    assert figure_pixel_width(figure_for(40)) > figure_pixel_width(figure_for(10))


def test_the_figure_speaks_the_interface_language():
    words = load_words(REPO_DIR / "content", "en")
    answers = sample_answers(QUESTION_SET, 10, language="en")
    shown = everything_shown(support_map_figure(build_support_map(QUESTION_SET, answers), words))

    assert "People around me" in shown
    assert "Sports" in shown


def test_the_figure_can_be_sent_to_the_browser():
    data = json.loads(figure_for(40).to_json())

    assert data["layout"]["meta"]["alt"]
