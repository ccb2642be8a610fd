"""The map on screen: one marker per source, a shape per level, student text shown as text."""

import html
import json
import math

import pytest

from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import Words, load_words
from veerkracht.items import MapItem
from veerkracht.levels import LEVEL_STYLES, Closeness, Level, closeness_word_key
from veerkracht.render.figure import (
    END_ISOLATE,
    FIGURE_CONFIG,
    ICON_FONT_PX,
    ISOLATE,
    LABEL_FONT_PX,
    figure_pixel_width,
    support_map_figure,
)
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import SECTORS, SupportMap, build_support_map, layout, marker_radius, ring_names

QUESTION_SET = sample_question_set()
WORDS = load_words(REPO_DIR / "content", "nl")
PHONE_PX = 343  # the column of a 375-pixel-wide phone


def shown_text(drawn: str) -> str:
    """A label or annotation as the browser shows it: without markup and direction isolates."""
    plain = drawn.replace("<br>", "\n").replace("<b>", "").replace("</b>", "")
    return html.unescape(plain.replace(ISOLATE, "").replace(END_ISOLATE, ""))


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


def test_hover_on_a_place_tells_how_at_home_the_student_feels_there():
    figure = figure_for(10)
    [places] = [t for t in item_traces(figure) if t.meta["level"] == Level.CONTEXTUAL.value]
    place_words = {WORDS(closeness_word_key(c, Level.CONTEXTUAL)) for c in Closeness}

    person_words = {WORDS(closeness_word_key(c)) for c in Closeness}

    for hover in places.hovertext:
        lines = set(hover.split("<br>"))
        assert lines & place_words and not lines & person_words, hover


def test_long_names_wrap_on_the_map_and_are_whole_on_hover():
    figure = figure_for(40)
    labels = [shown_text(label) for t in label_traces(figure) for label in t.text]
    hovers = "\n".join(h for t in item_traces(figure) for h in t.hovertext)

    assert "Mijn allerbeste\nvriendin van de\nbasisschool" in labels  # whole, never cut
    assert "Nguyễn Thị Ngọc" in labels  # whole: it fits one line
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


@pytest.mark.parametrize("n_items", [3, 12, 40])
def test_a_map_made_for_a_phone_is_never_wider_than_its_column(n_items):
    figure = figure_for(n_items, fit_width_px=PHONE_PX)

    assert figure_pixel_width(figure) <= PHONE_PX
    assert label_traces(figure)[0].textfont.size == LABEL_FONT_PX  # never smaller to fit


def test_a_crowded_map_on_a_phone_grows_taller_instead_of_wider():
    few, many = figure_for(3, fit_width_px=PHONE_PX), figure_for(40, fit_width_px=PHONE_PX)

    assert many.layout.height > few.layout.height
    assert figure_pixel_width(many) <= PHONE_PX


def test_five_strengths_and_five_people_and_places_fit_a_phone_as_a_round_map():
    strengths = [MapItem(f"sterk/{i}", Level.INDIVIDUAL, label, "💪") for i, label in enumerate(
        ["Doorzetten", "Koken", "Fietsen maken", "Naar buiten gaan", "Mijn eerste week op stage"])]
    others = [MapItem("wie/1", Level.RELATIONAL, "Oma", "👵", Closeness.CLOSE),
              MapItem("wie/2", Level.RELATIONAL, "Sanne", "🧑", Closeness.SOME),
              MapItem("waar/1", Level.CONTEXTUAL, "Sportclub", "⚽", Closeness.CLOSE),
              MapItem("waar/2", Level.CONTEXTUAL, "Bijbaan", "💼", Closeness.CLOSE),
              MapItem("waar/3", Level.CONTEXTUAL, "Bij mijn neef", "📍", Closeness.FAR)]
    figure = support_map_figure(SupportMap(tuple(strengths + others)), WORDS, fit_width_px=PHONE_PX)

    assert figure_pixel_width(figure) <= PHONE_PX
    assert figure.layout.height < 2.5 * PHONE_PX


def test_emoji_are_drawn_large_enough_to_recognise_and_fit_their_marker():
    figure = figure_for(12)
    icons = next(t for t in figure.data if t.meta and t.meta.get("icons"))

    assert icons.textfont.size == ICON_FONT_PX >= 16
    for trace in item_traces(figure):
        assert drawn_reach_px(trace) * 2 >= ICON_FONT_PX + 8  # a ring of colour around the emoji


@pytest.mark.parametrize("fit_width_px", [None, 290])
def test_every_marker_is_drawn_inside_the_room_the_layout_keeps_for_it(fit_width_px):
    figure = figure_for(40, fit_width_px)
    pixels_per_unit = figure.layout.meta["pixels_per_unit"]

    for trace in item_traces(figure):
        room_px = marker_radius(Level(trace.meta["level"])) * pixels_per_unit
        assert 0.9 * room_px <= drawn_reach_px(trace) <= room_px + 1e-9, trace.meta


def test_each_label_is_drawn_from_the_side_of_its_box_that_faces_its_marker():
    figure = figure_for(40)
    placed = layout(build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, 40)).items, centre="Zoë 🌟")

    for trace in label_traces(figure):
        level = [p for p in placed if p.item.level == trace.meta["labels"]]
        assert trace.textfont.size == LABEL_FONT_PX
        drawn = zip(level, trace.x, trace.y, trace.text, trace.textposition, strict=True)
        for p, x, y, text, position in drawn:
            assert shown_text(text) == "\n".join(p.lines)
            x0, y0, x1, y1 = p.label_box
            assert y0 < y < y1
            assert x == {"right": x0, "left": x1, "below": p.x}[p.anchor]
            assert position.endswith({"right": "right", "left": "left", "below": "center"}[p.anchor])


def test_a_map_that_fits_already_keeps_its_full_size():
    assert figure_pixel_width(figure_for(5, fit_width_px=900)) == figure_pixel_width(figure_for(5))


def test_the_nickname_stands_in_the_centre_and_otherwise_the_word_for_me():
    named = figure_for(10)  # the sample student is called "Zoë 🌟"
    nameless = support_map_figure(SupportMap(()), WORDS)

    def centre(figure):
        return next(shown_text(a.text) for a in figure.layout.annotations if a.name == "centre")

    assert centre(named) == "Zoë 🌟"
    assert centre(nameless) == "Ik"


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "tr", "pl", "uk"])
def test_the_centre_never_repeats_the_name_of_the_level_above_it(lang):
    words = load_words(REPO_DIR / "content", lang)

    assert words("map.me").casefold() != words("level.individual").casefold()


def test_each_ring_is_named_on_both_sides_of_the_map():
    figure = figure_for(12)
    names = [a for a in figure.layout.annotations if (a.name or "").startswith("ring:")]

    assert len(names) == 6
    for closeness in Closeness:
        left, right = sorted((a for a in names if a.name == f"ring:{closeness.value}"), key=lambda a: a.x)
        assert left.x < 0 < right.x and left.xanchor == "right" and right.xanchor == "left"
        assert shown_text(left.text) == WORDS(closeness_word_key(closeness, Level.RELATIONAL))
        assert shown_text(right.text) == WORDS(closeness_word_key(closeness, Level.CONTEXTUAL))  # places
    # on the tint of its own sector, so a ring's dotted line never runs through the name
    grounds = [s for s in figure.layout.shapes if s.name == "ring-ground"]
    assert sorted(g.fillcolor for g in grounds) == sorted([LEVEL_STYLES[Level.RELATIONAL].light,
                                                           LEVEL_STYLES[Level.CONTEXTUAL].light] * 3)
    rings = [i for i, s in enumerate(figure.layout.shapes) if s.line.dash == "dot"]
    assert max(rings) < min(i for i, s in enumerate(figure.layout.shapes) if s.name == "ring-ground")


def test_no_ring_line_runs_through_a_label():
    figure = figure_for(40)
    grounds = [s for s in figure.layout.shapes if s.name == "label-ground"]
    placed = layout(build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, 40)).items, centre="Zoë 🌟")

    assert len(grounds) == len(placed)  # each label on its own patch of its sector's colour, over the rings
    rings = [i for i, s in enumerate(figure.layout.shapes) if s.line.dash == "dot"]
    assert max(rings) < min(i for i, s in enumerate(figure.layout.shapes) if s.name == "label-ground")


@pytest.mark.parametrize("n_items", [3, 12, 40])
@pytest.mark.parametrize("fit_width_px", [None, 343])
def test_no_tinted_patch_under_a_label_shows_past_the_edge_of_its_sector(n_items: int,
                                                                         fit_width_px: int | None):
    support_map = build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, n_items))
    figure = support_map_figure(support_map, WORDS, fit_width_px)
    max_width = None if fit_width_px is None else (fit_width_px - 8) / 126
    drawn = layout(support_map.items, centre=support_map.nickname, max_width=max_width,
                   ring_words=ring_names(WORDS))
    sector_of = {LEVEL_STYLES[level].light: SECTORS[level] for level in Level}
    grounds = [s for s in figure.layout.shapes if s.name in ("label-ground", "ring-ground")]

    assert grounds
    for ground in grounds:
        start, end = sector_of[ground.fillcolor]
        for corner in ground.path[2:-2].split(" L "):
            x, y = map(float, corner.split())
            round_y = y / (drawn.top_stretch if y > 0 else drawn.stretch)
            assert math.hypot(x, round_y) <= drawn.outer_radius + 1e-3  # not past the map's edge
            if math.hypot(x, round_y) > 1e-3:  # nor on a neighbour's colour
                angle = math.degrees(math.atan2(round_y, x)) % 360
                assert any(start - 0.05 <= a <= end + 0.05 for a in (angle, angle + 360))  # path rounds


def test_labels_keep_their_own_direction_and_an_arabic_map_says_it_reads_right_to_left():
    arabic = Words("ar", {"meta.direction": "rtl"}, WORDS.own)
    items = (MapItem("wie/a", Level.RELATIONAL, "ليلى Leyla", "🧑", Closeness.CLOSE),)
    figure = support_map_figure(SupportMap(items, nickname="ليلى"), arabic)
    label = label_traces(figure)[0].text[0]

    assert label == f"{ISOLATE}ليلى Leyla{END_ISOLATE}"
    assert figure.layout.meta["direction"] == "rtl"
    assert support_map_figure(SupportMap(items), WORDS).layout.meta["direction"] == "ltr"


def test_the_figure_speaks_the_interface_language():
    words = load_words(REPO_DIR / "content", "en")
    answers = sample_answers(QUESTION_SET, 10, language="en")
    shown = everything_shown(support_map_figure(build_support_map(QUESTION_SET, answers), words))

    assert "People around me" in shown
    assert "Sports" in shown


def test_the_figure_can_be_sent_to_the_browser():
    data = json.loads(figure_for(40).to_json())

    assert data["layout"]["meta"]["alt"]
