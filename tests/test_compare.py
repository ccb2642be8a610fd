"""Two conversations side by side: what is new on the map, what stayed, what is gone."""

from veerkracht.bench.sample import sample_answers, sample_question_set
from veerkracht.compare import compare_maps, moved_line
from veerkracht.interface import load_words
from veerkracht.items import MapItem
from veerkracht.levels import Closeness, Level
from veerkracht.questions.people import PersonEntry
from veerkracht.session import dump_session, load_session
from veerkracht.settings import REPO_DIR
from veerkracht.supportmap import SupportMap, build_support_map


def item(key: str, level: Level, label: str, closeness: Closeness = Closeness.CLOSE) -> MapItem:
    return MapItem(key, level, label, "", closeness)


def labels(items) -> list[str]:
    return [i.label for i in items]


def test_new_stayed_and_gone_are_found_by_name_and_level():
    earlier = SupportMap((
        item("wie/1", Level.RELATIONAL, "Oma"),
        item("wie/2", Level.RELATIONAL, "Trainer Kees"),
        item("waar/1", Level.CONTEXTUAL, "Sportclub"),
    ))
    current = SupportMap((
        item("wie/9", Level.RELATIONAL, "  oma "),
        item("waar/7", Level.CONTEXTUAL, "Buurthuis"),
        item("waar/8", Level.CONTEXTUAL, "sport club"),
    ))

    comparison = compare_maps(earlier, current)

    assert labels(comparison.new) == ["Buurthuis"]
    assert labels(comparison.stayed) == ["  oma ", "sport club"]
    assert labels(comparison.gone) == ["Trainer Kees"]
    assert not comparison.unchanged


def test_the_same_name_on_another_level_is_not_the_same_source():
    earlier = SupportMap((item("sterk/koken", Level.INDIVIDUAL, "Koken"),))
    current = SupportMap((item("waar/1", Level.CONTEXTUAL, "Koken"),))

    comparison = compare_maps(earlier, current)

    assert labels(comparison.new) == ["Koken"]
    assert labels(comparison.gone) == ["Koken"]
    assert comparison.stayed == []


def test_someone_who_came_closer_is_reported():
    earlier = SupportMap((item("wie/1", Level.RELATIONAL, "Mentor", Closeness.FAR),))
    current = SupportMap((item("wie/5", Level.RELATIONAL, "Mentor", Closeness.CLOSE),))

    comparison = compare_maps(earlier, current)

    assert labels(comparison.stayed) == ["Mentor"]
    [change] = comparison.moved
    assert (change.before, change.after) == (Closeness.FAR, Closeness.CLOSE)


def test_a_move_is_told_in_the_words_of_people_and_of_places():
    words = load_words(REPO_DIR / "content", "nl")
    earlier = SupportMap((item("wie/1", Level.RELATIONAL, "Mentor", Closeness.FAR),
                          item("waar/1", Level.CONTEXTUAL, "Sportclub", Closeness.SOME)))
    current = SupportMap((item("wie/5", Level.RELATIONAL, "Mentor", Closeness.CLOSE),
                          item("waar/2", Level.CONTEXTUAL, "Sportclub", Closeness.CLOSE)))

    lines = [moved_line(change, words) for change in compare_maps(earlier, current).moved]

    assert lines == ["Mentor: eerst verder weg, nu dichtbij",
                     "Sportclub: eerst een beetje thuis, nu helemaal thuis"]


def test_two_people_with_the_same_name_are_counted_as_two():
    earlier = SupportMap((item("wie/1", Level.RELATIONAL, "Sam"), item("wie/2", Level.RELATIONAL, "Sam")))
    current = SupportMap((item("wie/3", Level.RELATIONAL, "Sam"),))

    comparison = compare_maps(earlier, current)

    assert labels(comparison.stayed) == ["Sam"]
    assert labels(comparison.gone) == ["Sam"]


def test_the_same_map_twice_has_nothing_new_and_nothing_gone():
    question_set = sample_question_set()
    support_map = build_support_map(question_set, sample_answers(question_set, 40))

    comparison = compare_maps(support_map, support_map)

    assert comparison.unchanged
    assert len(comparison.stayed) == 40


def test_an_earlier_session_file_compared_with_today():
    question_set = sample_question_set()
    earlier_answers = sample_answers(question_set, 10)
    file = dump_session(earlier_answers, question_set)
    today = sample_answers(question_set, 10)
    people = [p for p in today.get("wie") if p.name != "Zoë"]
    people.append(PersonEntry(id="fresh", name="Coach Jürgen", closeness=Closeness.CLOSE))
    people.append(PersonEntry(id="new", name="Buurvrouw Anna", closeness=Closeness.SOME))
    today.set("wie", people)

    earlier = load_session(file, {question_set.id: question_set}).answers
    comparison = compare_maps(
        build_support_map(question_set, earlier), build_support_map(question_set, today)
    )

    assert labels(comparison.new) == ["Coach Jürgen", "Buurvrouw Anna"]  # Jürgen was there once already
    assert labels(comparison.gone) == ["Zoë"]
    assert "Oma Fatma" in labels(comparison.stayed)
