"""The support map: what the answers put on it, and where each source of support is placed."""

import math
import unicodedata
from itertools import combinations

import pytest

from veerkracht.bench.map_layout import fullest_items
from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.layout_map import (
    CENTRE_RADIUS,
    CHAR_WIDTH,
    LABEL_CHARS,
    LABEL_LINES,
    LINE_HEIGHT,
    LINE_UNITS,
    MIN_WIDTH,
    RING_WORD_WIDTH,
    RINGLESS_LEVELS,
    SECTORS,
    _anchors,
    boxes_overlap,
    label_lines,
    layout,
    ring_names,
    short_label,
    text_units,
)
from veerkracht.levels import Closeness, Level, When
from veerkracht.limits import ENTRIES, NAME_CHARS
from veerkracht.questions.people import PersonEntry
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import build_support_map, item_line, step_line
from veerkracht.text import clean_text

QUESTION_SET = sample_question_set()


def support_map(n_items: int, **kwargs):
    return build_support_map(QUESTION_SET, sample_answers(QUESTION_SET, n_items, **kwargs))


def all_boxes(placed):
    return [box for p in placed for box in (p.marker_box, p.label_box)]


def person(index: int, closeness: Closeness, name: str = "") -> MapItem:
    return MapItem(f"wie/{index}", Level.RELATIONAL, name or f"Persoon {index}", "🧑", closeness)


# --- What goes on the map --------------------------------------------------------------------


def test_every_named_source_is_on_the_map_with_its_level():
    built = support_map(10)

    assert len(built.items) == 10
    by_level = built.by_level()
    assert [i.label for i in by_level[Level.INDIVIDUAL]] == ["Sporten", "Dingen maken"]
    assert "Oma Fatma" in [i.label for i in by_level[Level.RELATIONAL]]
    assert "Bijbaan" in [i.label for i in by_level[Level.CONTEXTUAL]]


def test_labels_lose_direction_marks_and_control_characters_but_keep_accents_and_emoji():
    assert clean_text("\u200fYasmin\u202e\n  de\tGroot") == "Yasmin de Groot"
    assert clean_text("Zoë 🎮") == "Zoë 🎮"
    assert clean_text("Ze\u0301nobie") == "Zénobie"  # combined into one letter
    labels = [i.label for i in support_map(40).items]
    assert "Yasmin" in labels
    assert not any("\u200f" in label for label in labels)


def test_the_next_steps_say_what_when_and_who_helps():
    built = support_map(10)

    first, second = built.next_steps
    assert first.what == "Oma bellen over mijn stage"
    assert first.when == When.TOMORROW
    assert [h.label for h in first.helpers] == ["Oma Fatma", "Sportclub"]
    assert second.what == "Gaan sporten"  # a suggestion, in the set's words
    assert second.helpers == ()


def test_a_helper_who_was_removed_later_is_left_out_of_the_step():
    answers = sample_answers(QUESTION_SET, 10)
    answers.set("wie", answers.get("wie")[1:])  # Oma Fatma is gone

    first = build_support_map(QUESTION_SET, answers).next_steps[0]

    assert [h.label for h in first.helpers] == ["Sportclub"]


def test_the_map_speaks_the_session_language():
    built = support_map(10, language="en")

    assert built.items[0].label == "Sports"
    assert built.title == "Sample set"


def test_the_map_in_words_names_closeness_for_people_and_not_for_own_strengths():
    words = load_words(REPO_DIR / "content", "nl")
    built = support_map(10)
    oma = next(i for i in built.items if i.label == "Oma Fatma")
    strength = built.items[0]

    assert item_line(oma, words) == "Oma Fatma · dichtbij – helpt met: luisteren"
    assert item_line(strength, words) == "Sporten"
    assert step_line(built.next_steps[0], words) == (
        "Oma bellen over mijn stage – morgen – hulp van: Oma Fatma, Sportclub"
    )


def test_the_map_in_words_says_how_at_home_a_student_feels_at_a_place():
    words = load_words(REPO_DIR / "content", "nl")
    place = MapItem("waar/a", Level.CONTEXTUAL, "Sportclub", "🏟", Closeness.CLOSE)
    person_close = MapItem("wie/a", Level.RELATIONAL, "Oma", "👵", Closeness.CLOSE)

    assert item_line(place, words) == "Sportclub · helemaal thuis"
    assert item_line(person_close, words) == "Oma · dichtbij"


def test_long_labels_are_cut_with_an_ellipsis_and_short_ones_stay_whole():
    assert short_label("Oma") == "Oma"
    assert short_label("Naar buiten gaan") == "Naar buiten gaan"
    assert short_label("Mijn eerste week op stage") == "Mijn eerste week…"
    cut = short_label("Mijn allerbeste vriendin van de basisschool")
    assert cut.endswith("…")
    assert len(cut) == LABEL_CHARS


# --- Where things go -------------------------------------------------------------------------


@pytest.mark.parametrize("n_items", [0, 1, 2, 5, 10, 17, 25, 33, 40])
def test_markers_and_labels_stay_inside_the_map(n_items):
    placed = layout(support_map(n_items).items)
    x0, y0, x1, y1 = placed.bounds

    assert len(placed) == n_items
    for box in all_boxes(placed):
        assert x0 <= box[0] < box[2] <= x1
        assert y0 <= box[1] < box[3] <= y1


@pytest.mark.parametrize("n_items", [1, 2, 5, 10, 17, 25, 33, 40])
def test_no_two_markers_or_labels_overlap(n_items):
    placed = layout(support_map(n_items).items)

    for a, b in combinations(all_boxes(placed), 2):
        assert not boxes_overlap(a, b), (a, b)


@pytest.mark.parametrize("n_items", [10, 40])
def test_each_label_has_room_for_its_text(n_items):
    for p in layout(support_map(n_items).items):
        width, height = p.label_box[2] - p.label_box[0], p.label_box[3] - p.label_box[1]
        assert 1 <= len(p.lines) <= LABEL_LINES
        assert height >= len(p.lines) * LINE_HEIGHT - 1e-9, p.lines
        for line in p.lines:
            assert width >= text_units(line) * CHAR_WIDTH - 1e-9, line


def test_a_long_name_wraps_to_two_lines_instead_of_being_cut():
    assert label_lines("Oma") == ("Oma",)
    assert label_lines("Mensen laten lachen") == ("Mensen laten", "lachen")
    assert label_lines("Het Stageloket van de gemeente") == ("Het Stageloket", "van de gemeente")
    assert label_lines("Vrijwilligerswerk") == ("Vrijwilligerswerk",)  # a long word is never split
    for line in label_lines("Mijn allerbeste vriendin van de basisschool"):
        assert text_units(line) <= LINE_UNITS


def test_a_name_as_long_as_a_student_can_type_is_whole_and_only_a_longer_text_ends_in_an_ellipsis():
    for name in ("Mijn allerbeste vriendin van de basisschool in Utrecht",
                 "Kerk, moskee of andere geloofsgemeenschap", "aaaaaaaa " * 7, "李" * NAME_CHARS, "Ab " * 20):
        name = name[:NAME_CHARS].strip()
        lines = label_lines(name)
        assert not lines[-1].endswith("…") and "".join(" ".join(lines).split()) == "".join(name.split()), name
    longer = label_lines("Mijn allerbeste vriendin van de basisschool in Utrecht " * 4)
    assert len(longer) == LABEL_LINES and longer[-1].endswith("…")


def test_a_word_longer_than_a_line_is_broken_but_never_inside_a_letter_or_an_emoji():
    lines = label_lines("Ze\u0301nobie" * 4)
    assert all(not unicodedata.combining(line[0]) for line in lines)
    family = "👩\u200d👩\u200d👧\u200d👦"
    for line in label_lines(family * 9):
        assert not line.startswith("\u200d") and "\u200d…" not in line
        assert line.rstrip("…").endswith("👦")


def test_forty_people_all_close_by_still_get_their_own_readable_spot():
    items = [person(i, Closeness.CLOSE, f"Vriend met een lange naam {i}") for i in range(40)]

    placed = layout(items)

    assert len(placed) == 40
    for a, b in combinations(all_boxes(placed), 2):
        assert not boxes_overlap(a, b)


def test_a_star_gets_more_room_than_a_circle_or_a_square_for_its_points():
    placed = layout(support_map(10).items)
    widths = {p.item.level: round(p.marker_box[2] - p.marker_box[0], 9) for p in placed}

    assert widths[Level.INDIVIDUAL] > widths[Level.RELATIONAL] == widths[Level.CONTEXTUAL]


@pytest.mark.parametrize("n_items", [10, 40])
def test_every_item_sits_in_its_level_sector_and_its_closeness_ring(n_items):
    placed = layout(support_map(n_items).items)

    for p in placed:
        start, end = SECTORS[p.item.level]
        angle = math.degrees(math.atan2(p.y, p.x)) % 360
        assert start <= angle <= end or start <= angle + 360 <= end
        if p.item.level not in RINGLESS_LEVELS:
            inner, outer = placed.rings[p.item.closeness]
            assert inner < math.hypot(p.x, p.y) < outer


def test_the_same_answers_give_the_same_map():
    first = layout(support_map(40).items)
    second = layout(support_map(40).items)

    assert [(p.item.key, p.x, p.y, p.anchor) for p in first] == [
        (p.item.key, p.x, p.y, p.anchor) for p in second
    ]


def positions(placed):
    return {p.item.key: (p.x, p.y) for p in placed}


@pytest.mark.parametrize("n_items", [3, 10, 25, 39])
def test_naming_one_more_place_moves_nothing_already_on_the_map(n_items):
    items = list(support_map(n_items).items)
    extra = MapItem("waar/new", Level.CONTEXTUAL, "Buurthuis", "🏠", Closeness.SOME)

    before, after = positions(layout(items)), positions(layout(items + [extra]))

    displacement = [math.dist(before[k], after[k]) for k in before]
    assert sum(displacement) / len(displacement) == 0


def test_when_a_ring_fills_up_only_what_lies_further_out_moves():
    strengths = [MapItem(f"sterk/{i}", Level.INDIVIDUAL, f"Kracht {i}", "⭐") for i in range(3)]
    outer = [person(100 + i, Closeness.FAR) for i in range(3)]
    close = [person(i, Closeness.CLOSE) for i in range(3)]
    items = strengths + outer + close
    before = layout(items)
    for extra in range(1, 30):
        grown = layout(items + [person(10 + i, Closeness.CLOSE) for i in range(extra)])
        if grown.rings != before.rings:
            break
    assert grown.rings[Closeness.CLOSE][1] > before.rings[Closeness.CLOSE][1]

    old, new = positions(before), positions(grown)
    for item in strengths:
        assert old[item.key] == new[item.key]  # "ik zelf" has no rings to grow
    for item in outer:
        assert math.hypot(*new[item.key]) > math.hypot(*old[item.key])  # pushed outwards


def test_an_empty_map_still_has_its_rings_and_sectors():
    placed = layout([])

    assert len(placed) == 0
    assert set(placed.rings) == set(Closeness)
    assert support_map(0).is_empty
    assert placed.bounds[2] > placed.outer_radius


def test_a_crowded_map_grows_instead_of_squeezing():
    few = layout(support_map(5).items)
    many = layout(support_map(40).items)

    assert many.outer_radius > few.outer_radius


def test_a_person_typed_with_only_emoji_or_markup_is_still_placed():
    items = [person(1, Closeness.SOME, "🙂🙂"), person(2, Closeness.SOME, "<script>x</script>"),
             person(3, Closeness.FAR, "\u202e\u200f")]

    placed = layout(items)

    assert len(placed) == 3


def test_people_entered_through_answers_land_in_the_ring_they_chose():
    answers = sample_answers(QUESTION_SET, 0)
    answers.set("wie", [PersonEntry(id="a", name="Tante Ria", closeness=Closeness.FAR)])

    placed = layout(build_support_map(QUESTION_SET, answers).items)

    inner, outer = placed.rings[Closeness.FAR]
    assert inner < math.hypot(placed[0].x, placed[0].y) < outer


# --- The fullest map a student can make ------------------------------------------------------

FULLEST = fullest_items()
PHONE_WIDTH = 340 / 126


def test_the_fullest_map_holds_every_person_and_place_a_student_can_enter():
    levels = [item.level for item in FULLEST]

    assert levels.count(Level.RELATIONAL) >= ENTRIES and levels.count(Level.CONTEXTUAL) >= ENTRIES
    assert levels.count(Level.INDIVIDUAL) > 10


@pytest.mark.parametrize("max_width", [None, PHONE_WIDTH], ids=["laptop", "phone"])
def test_at_the_most_a_student_can_enter_no_label_is_cut_and_none_overlaps(max_width):
    placed = layout(FULLEST, centre="Zoë", max_width=max_width)

    assert [p.item.key for p in placed] == [item.key for item in FULLEST]  # every one is on the map
    for p in placed:
        shown = " ".join(p.lines)
        if shown.endswith("…"):  # a name longer than two lines: both are full, the rest in the words
            assert len(p.lines) == LABEL_LINES
            assert p.item.label.startswith(shown[:-1].rstrip())
            assert text_units(p.lines[-1]) > LINE_UNITS / 2
        else:
            assert shown.split() == p.item.label.split() or "".join(shown.split()) == "".join(
                p.item.label.split())  # a very long word may be broken over the two lines
    boxes = all_boxes(placed)
    for a, b in combinations(boxes, 2):
        assert not boxes_overlap(a, b), (a, b)
    x0, y0, x1, y1 = placed.bounds
    for box in boxes:
        assert x0 <= box[0] < box[2] <= x1 and y0 <= box[1] < box[3] <= y1


def test_a_map_given_a_width_keeps_to_it_and_grows_taller_instead():
    placed = layout(FULLEST, max_width=PHONE_WIDTH)
    x0, y0, x1, y1 = placed.drawing_bounds

    assert x1 - x0 <= PHONE_WIDTH + 1e-9
    assert y1 - y0 > x1 - x0
    assert placed.stretch > 1


def test_on_a_taller_map_only_what_is_crowded_grows():
    people = [person(i, Closeness.CLOSE) for i in range(30)]
    placed = layout(people + [MapItem("sterk/a", Level.INDIVIDUAL, "Koken", "🍳")], max_width=PHONE_WIDTH)

    assert placed.stretch > 2 and placed.top_stretch == 1  # "ik zelf" with one strength stays round
    assert layout(support_map(3).items, max_width=10).stretch == 1  # it fits: it stays round


def test_every_item_of_a_taller_map_sits_in_its_own_sector_and_ring():
    placed = layout(support_map(40).items, max_width=PHONE_WIDTH)

    for p in placed:
        x, y = p.x, p.y / (placed.top_stretch if p.y >= 0 else placed.stretch)  # back on the round map
        start, end = SECTORS[p.item.level]
        angle = math.degrees(math.atan2(y, x)) % 360
        assert start <= angle <= end or start <= angle + 360 <= end
        if p.item.level not in RINGLESS_LEVELS:
            inner, outer = placed.rings[p.item.closeness]
            assert inner < math.hypot(x, y) < outer


def test_the_nickname_is_in_the_centre_and_the_centre_grows_to_hold_it():
    plain, named = layout(support_map(10).items), layout(support_map(10).items, centre="Anne-Sophie")

    assert plain.centre_lines == () and plain.centre_radius == CENTRE_RADIUS
    assert named.centre_lines == ("Anne-Sophie",)
    assert layout([], centre="Zoë 🌟").centre_lines == ("Zoë 🌟",)
    assert named.centre_radius > CENTRE_RADIUS
    centre = (-named.centre_radius, -named.centre_radius, named.centre_radius, named.centre_radius)
    assert not any(boxes_overlap(centre, box) for box in all_boxes(named))


def test_a_long_nickname_still_fits_in_two_lines():
    lines = layout([], centre="Mohammed-Amine van den Berg-Oudshoorn").centre_lines

    assert lines[0] == "Mohammed-Amine" and len(lines) == 2 and lines[1].endswith("…")


@pytest.mark.parametrize("max_width", [None, PHONE_WIDTH])
def test_each_ring_is_named_on_both_sides_and_nothing_covers_its_name(max_width):
    rings = ring_names(load_words(REPO_DIR / "content", "nl"))
    placed = layout(FULLEST, max_width=max_width, ring_words=rings)

    for closeness in Closeness:
        (left_x, left_y, left_align), (right_x, right_y, right_align) = placed.ring_word_spots(closeness)
        assert left_x < 0 < right_x and left_y == right_y
        assert (left_align, right_align) == ("right", "left")  # each reads away from "ik zelf"
        left, right = placed.ring_word_boxes(closeness)
        assert (left[2], left[3]) == (left_x, left_y) and (right[0], right[3]) == (right_x, right_y)
        for box in (left, right):
            assert box[2] - box[0] >= RING_WORD_WIDTH - 1e-9 and box[3] - box[1] == pytest.approx(LINE_HEIGHT)
            assert not any(boxes_overlap(box, other) for other in all_boxes(placed))


def test_the_places_side_names_its_rings_in_at_home_words_when_they_fit():
    dutch = ring_names(load_words(REPO_DIR / "content", "nl"))
    english = ring_names(load_words(REPO_DIR / "content", "en"))

    assert dutch[Closeness.CLOSE] == ("Dichtbij", "Helemaal thuis")
    assert dutch[Closeness.FAR] == ("Verder weg", "Soms thuis")
    # "Sometimes at home" would reach far into "ik zelf": both sides keep one set of words
    assert all(left == right for left, right in english.values())


def test_a_longer_ring_name_keeps_the_room_it_takes_and_stays_on_the_map():
    rings = {c: ("Dichtbij", "Een heel erg lange naam") for c in Closeness}
    placed = layout([], ring_words=rings)

    for closeness in Closeness:
        left, right = placed.ring_word_boxes(closeness)
        assert left[2] - left[0] == pytest.approx(RING_WORD_WIDTH)
        assert right[2] - right[0] > RING_WORD_WIDTH and right[2] <= placed.bounds[2] + 1e-9


def test_a_label_in_the_middle_reads_the_way_the_page_does():
    person = [MapItem("wie/a", Level.RELATIONAL, "Oma", "👵")]

    assert [p.anchor for p in layout(person)] == [p.anchor for p in layout(person, direction="rtl")]
    assert _anchors(0.0, False, "ltr")[0] == "right" and _anchors(0.0, False, "rtl")[0] == "left"


def test_twice_the_items_take_about_twice_the_work_not_four_times(monkeypatch):
    """The layout is about O(n log n): counted in look-ups of taken places, not in time."""
    import veerkracht.layout_map as supportmap

    counted = {"look-ups": 0}
    original = supportmap._Taken.hits

    def hits(self, box):
        counted["look-ups"] += 1
        return original(self, box)

    monkeypatch.setattr(supportmap._Taken, "hits", hits)
    work = {}
    for n in (20, 40, 80):
        counted["look-ups"] = 0
        layout(support_map(n).items)
        work[n] = counted["look-ups"]

    assert work[80] / work[40] < 3.2 and work[40] / work[20] < 3.2


def test_even_the_narrowest_map_holds_every_source_and_a_long_nickname():
    placed = layout(FULLEST, centre="Mohammed-Amine van den Berg", max_width=0.5)

    assert len(placed) == len(FULLEST)
    x0, _, x1, _ = placed.bounds
    # As narrow as a map gets, or, past the height a phone should scroll, the round map.
    assert x1 - x0 == pytest.approx(MIN_WIDTH) or (placed.stretch, placed.top_stretch) == (1.0, 1.0)
