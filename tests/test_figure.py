"""The map on screen: one marker per source, a shape per level, student text shown as text."""

import html
import json
import math

import pytest

from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import LEVEL_STYLES, Closeness, Level
from veerkracht.render.figure import (
    FIGURE_CONFIG,
    LABEL_FONT_PX,
    MARKER_LINE_PX,
    figure_pixel_width,
    support_map_figure,
)
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import SupportMap, build_support_map, layout, marker_radius

QUESTION_SET = sample_question_set()
WORDS = load_words(REPO_DIR / "content", "nl")


def figure_for(n_items: int, fit_width_px: int | None = None):
    support_map = build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, n_items))
    return support_map_figure(support_map, WORDS, fit_width_px)


def item_traces(figure):
    return [t for t in figure.data if t.meta and "level" in t.meta]


def label_traces(figure):
    return [t for t in figure.data if t.meta and "labels" in t.meta]


def drawn_reach_px(trace) -> float:
    """How far Plotly draws a marker from its centre, its line included: a star's top point lies
    1.4 × half its size out, and its line sticks out past that sharp point by half the width / sin 18°."""
    half, line = trace.marker.size / 2, trace.marker.line.width / 2
    if trace.marker.symbol == "star":
        return 1.4 * half + line / math.sin(math.radians(18))
    return half + line


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
    labels = [label for t in label_traces(figure) for label in t.text]
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


def test_five_strengths_and_five_people_and_places_fit_a_phone():
    strengths = [MapItem(f"sterk/{i}", Level.INDIVIDUAL, label, "💪") for i, label in enumerate(
        ["Doorzetten", "Koken", "Fietsen maken", "Naar buiten gaan", "Mijn eerste week op stage"])]
    others = [MapItem("wie/1", Level.RELATIONAL, "Oma", "👵", Closeness.CLOSE),
              MapItem("wie/2", Level.RELATIONAL, "Sanne", "🧑", Closeness.SOME),
              MapItem("waar/1", Level.CONTEXTUAL, "Sportclub", "⚽", Closeness.CLOSE),
              MapItem("waar/2", Level.CONTEXTUAL, "Bijbaan", "💼", Closeness.CLOSE),
              MapItem("waar/3", Level.CONTEXTUAL, "Bij mijn neef", "📍", Closeness.FAR)]

    assert figure_pixel_width(support_map_figure(SupportMap(tuple(strengths + others)), WORDS)) <= 343


@pytest.mark.parametrize("fit_width_px", [None, 290])
def test_every_marker_is_drawn_inside_the_room_the_layout_keeps_for_it(fit_width_px):
    figure = figure_for(40, fit_width_px)
    pixels_per_unit = figure.layout.meta["pixels_per_unit"]

    for trace in item_traces(figure):
        room_px = marker_radius(Level(trace.meta["level"])) * pixels_per_unit
        assert 0.9 * room_px <= drawn_reach_px(trace) <= room_px + 1e-9, trace.meta


def test_each_label_is_drawn_from_the_side_of_its_box_that_faces_its_marker():
    figure = figure_for(40)
    placed = layout(build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, 40)).items)

    for trace in label_traces(figure):
        level = [p for p in placed if p.item.level == trace.meta["labels"]]
        assert trace.textfont.size == LABEL_FONT_PX
        drawn = zip(level, trace.x, trace.y, trace.text, trace.textposition, strict=True)
        for p, x, y, text, position in drawn:
            assert html.unescape(text) == p.label
            x0, y0, x1, y1 = p.label_box
            assert y0 < y < y1
            assert x == {"right": x0, "left": x1, "below": p.x}[p.anchor]
            assert position.endswith({"right": "right", "left": "left", "below": "center"}[p.anchor])


def test_a_map_made_to_fit_a_narrow_column_shrinks_as_a_whole():
    full, fitted = figure_for(20), figure_for(20, fit_width_px=340)
    shrink = fitted.layout.meta["pixels_per_unit"] / full.layout.meta["pixels_per_unit"]

    assert figure_pixel_width(full) > 340 >= figure_pixel_width(fitted)
    assert label_traces(fitted)[0].textfont.size == pytest.approx(LABEL_FONT_PX * shrink)
    for before, after in zip(item_traces(full), item_traces(fitted), strict=True):
        assert after.marker.size == pytest.approx(before.marker.size * shrink)
        assert after.marker.line.width == pytest.approx(MARKER_LINE_PX * shrink)


def test_a_map_is_not_shrunk_until_its_words_are_too_small_to_read():
    fitted = figure_for(40, fit_width_px=200)

    assert figure_pixel_width(fitted) > 200
    assert label_traces(fitted)[0].textfont.size >= 7


def test_a_map_that_fits_already_keeps_its_full_size():
    assert figure_pixel_width(figure_for(5, fit_width_px=600)) == figure_pixel_width(figure_for(5))


def test_the_figure_speaks_the_interface_language():
    words = load_words(REPO_DIR / "content", "en")
    answers = sample_answers(QUESTION_SET, 10, language="en")
    shown = everything_shown(support_map_figure(build_support_map(QUESTION_SET, answers), words))

    assert "People around me" in shown
    assert "Sports" in shown


def test_the_figure_can_be_sent_to_the_browser():
    data = json.loads(figure_for(40).to_json())

    assert data["layout"]["meta"]["alt"]
