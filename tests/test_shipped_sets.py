"""The question sets the tool ships with: complete, translated, pictured and in the right order."""

from pathlib import Path

import pytest
import regex
import yaml

from veerkracht.answers import Answers
from veerkracht.content import SCHEMA_LINE, load_file, load_folder, question_set_files
from veerkracht.levels import Level
from veerkracht.lint import conversation_minutes, estimate_minutes
from veerkracht.model import StepKind
from veerkracht.questions import QUESTION_TYPES
from veerkracht.questions.cards import CardsQuestion
from veerkracht.questions.people import PeopleQuestion
from veerkracht.questions.places import PlacesQuestion
from veerkracht.questions.plan import PlanQuestion
from veerkracht.text import resolve

CONTENT = Path(__file__).resolve().parent.parent / "content"
SHIPPED_IDS = ["mbo-standaard", "mbo-kort", "terugkeer"]
SHIPPED_LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk"]
TEMPLATE = CONTENT / "templates" / "sjabloon.yaml"
STEP_ORDER = [
    StepKind.START, StepKind.INDIVIDUAL, StepKind.RELATIONAL,
    StepKind.CONTEXTUAL, StepKind.MAP, StepKind.NEXT_STEP,
]


@pytest.fixture(scope="module")
def library():
    return load_folder(CONTENT)


@pytest.fixture(scope="module")
def standaard(library):
    return library.sets["mbo-standaard"]


def test_the_three_sets_load_without_problems(library):
    assert library.problems == []
    assert list(library.sets) == sorted(SHIPPED_IDS)


def test_the_template_loads_but_is_not_offered_to_students():
    loaded = load_file(TEMPLATE)

    assert loaded.problems == []
    assert TEMPLATE not in question_set_files(CONTENT)
    assert "SJABLOON" in TEMPLATE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", question_set_files(CONTENT) + [TEMPLATE], ids=lambda p: p.name)
def test_every_shipped_file_points_editors_at_the_schema(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    expected = SCHEMA_LINE if path.parent == CONTENT else SCHEMA_LINE.replace("=", "=../")

    assert first_line == expected


def test_the_standard_set_uses_every_question_type(standaard):
    used = {question.type for _, question in standaard.questions()}

    assert used == set(QUESTION_TYPES)
    assert any(isinstance(q, CardsQuestion) and q.other for _, q in standaard.questions())


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_each_set_walks_the_three_levels_to_the_map_and_one_step(library, set_id):
    order = STEP_ORDER[1:] if set_id == "mbo-kort" else STEP_ORDER  # kort opens with ik zelf
    assert [step.kind for step in library.sets[set_id].steps] == order


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_every_text_of_every_set_is_there_in_all_six_languages(library, set_id):
    question_set = library.sets[set_id]
    missing = [
        (path, lang) for path, text in question_set.texts() for lang in SHIPPED_LANGUAGES
        if not (isinstance(text, dict) and (text.get(lang) or "").strip())
    ]

    assert question_set.languages == SHIPPED_LANGUAGES
    assert missing == []


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_every_translation_says_honestly_that_it_is_a_draft_and_who_checked_it(library, set_id):
    review = library.sets[set_id].review

    assert sorted(review) == sorted(SHIPPED_LANGUAGES[1:])
    assert {(r.state, r.by) for r in review.values()} == {("draft", "vertaler, concept")}


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_every_option_has_a_picture(library, set_id):
    without = [
        (path, name, option.id)
        for path, question in library.sets[set_id].questions()
        for name, options in question.option_lists()
        for option in options
        if not option.icon
    ]

    assert without == []


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_every_step_has_coach_tips(library, set_id):
    assert [step.id for step in library.sets[set_id].steps if not step.coach_tips] == []


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_people_places_and_plans_offer_quick_choices(library, set_id):
    questions = [q for _, q in library.sets[set_id].questions()]
    people = [q for q in questions if isinstance(q, PeopleQuestion)]
    places = [q for q in questions if isinstance(q, PlacesQuestion)]
    plans = [q for q in questions if isinstance(q, PlanQuestion)]

    short = set_id == "mbo-kort"  # the lighter forms: no 'helps with' choices, fewer places
    assert people and all(len(q.suggestions) >= 6 for q in people)
    assert all((not q.helps_with) if short else len(q.helps_with) >= 4 for q in people)
    assert places and all(len(q.options) >= (6 if short else 8) for q in places)
    assert len(plans) == 1 and len(plans[0].suggestions) >= 3


def test_the_standard_set_offers_the_everyday_roles_and_places(standaard):
    labels = {
        resolve(option.label, "nl", "nl").lower()
        for _, question in standaard.questions()
        for _, options in question.option_lists()
        for option in options
    }

    for role in ("moeder", "vader", "oma, opa of andere familie", "trainer", "collega op stage of werk",
                 "mentor of slb'er", "docent", "partner", "stiefouder, pleegouder of voogd",
                 "begeleider (wonen, jeugdhulp)", "jongerenwerker", "luisteren", "praktische hulp",
                 "advies", "samen leuke dingen doen"):
        assert role in labels
    for strength in ("meer talen spreken", "samenwerken", "doorzetten", "met vrienden afspreken",
                     "series of filmpjes kijken", "bidden of stil zijn"):
        assert strength in labels
    for place in ("sportclub of sportschool", "werk, stage of bijbaan", "buurthuis of jongerenwerk",
                  "bij vrienden of familie thuis", "buiten met vrienden", "mijn kamer of eigen plekje",
                  "online groep of game"):
        assert place in labels


def test_an_a2_reader_chooses_strengths_from_about_twelve_cards_that_do_not_overlap(standaard):
    strengths = standaard.question("sterke-kanten")
    labels = {resolve(option.label, "nl", "nl").lower() for option in strengths.options}

    assert len(strengths.options) <= 12
    assert not {"anderen helpen", "zorgen voor anderen"} <= labels
    assert not {"hard werken", "doorzetten"} <= labels


@pytest.mark.parametrize("set_id", SHIPPED_IDS + ["sjabloon"])
def test_a_room_of_their_own_is_not_asked_of_a_student_who_shares_a_room(library, set_id):
    question_set = load_file(TEMPLATE).question_set if set_id == "sjabloon" else library.sets[set_id]
    labels = [resolve(option.label, "nl", "nl").lower()
              for _, question in question_set.questions() for _, options in question.option_lists()
              for option in options]

    assert "mijn eigen kamer" not in labels


@pytest.mark.parametrize(("set_id", "roles"), [
    ("mbo-kort", ("oma of opa", "klasgenoot", "begeleider", "ouder of verzorger", "partner",
                  "collega op stage of werk")),
    ("terugkeer", ("broer of zus", "vriend of vriendin", "jongerenwerker", "begeleider", "partner",
                   "collega op stage of werk")),
])
def test_the_shorter_sets_leave_out_no_everyday_role(library, set_id, roles):
    people = next(q for _, q in library.sets[set_id].questions() if isinstance(q, PeopleQuestion))
    labels = {resolve(option.label, "nl", "nl").lower() for option in people.suggestions}

    assert set(roles) <= labels


def test_the_short_set_offers_work_a_placement_and_something_online(library):
    places = next(q for _, q in library.sets["mbo-kort"].questions() if isinstance(q, PlacesQuestion))
    labels = {resolve(option.label, "nl", "nl").lower() for option in places.options}

    assert {"werk, stage of bijbaan", "online groep of game"} <= labels


@pytest.mark.parametrize(("set_id", "low", "high"), [
    ("mbo-standaard", 18, 20), ("mbo-kort", 12, 15), ("terugkeer", 18, 22),
])
def test_each_set_promises_a_fitting_length(library, set_id, low, high):
    assert low <= library.sets[set_id].minutes <= high


def test_the_whole_conversation_fits_a_twenty_minute_slot_with_start_check_in_and_downloads(standaard):
    assert conversation_minutes(standaard) <= 20.5
    assert standaard.minutes == 20


@pytest.mark.parametrize("set_id", SHIPPED_IDS + ["sjabloon"])
def test_the_stated_minutes_are_the_whole_conversation(library, set_id):
    question_set = load_file(TEMPLATE).question_set if set_id == "sjabloon" else library.sets[set_id]

    whole = conversation_minutes(question_set)

    assert whole > estimate_minutes(question_set)  # the start and the downloads take time too
    assert abs(question_set.minutes - whole) <= 0.05 * whole, (question_set.minutes, whole)


def test_the_short_set_is_much_shorter_than_the_standard_set(library):
    assert estimate_minutes(library.sets["mbo-kort"]) <= 0.6 * estimate_minutes(
        library.sets["mbo-standaard"]
    )


def test_the_short_set_asks_one_question_on_each_screen(library):
    short = library.sets["mbo-kort"]

    assert [len(step.questions) for step in short.steps] == [1, 1, 1, 0, 1]


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_every_feeling_scale_has_a_low_end_and_no_two_steps_alike(library, set_id):
    scales = [q for _, q in library.sets[set_id].questions() if q.type == "scale"]

    assert scales or set_id == "mbo-kort"  # the short set starts at once with the student's strengths
    for scale in scales:
        words = [resolve(step.label, "nl", "nl") for step in scale.steps]
        assert scale.steps[0].icon == "😞" and words[0] == "Zwaar"
        assert not {"Gaat wel", "Oké"} <= set(words)
        assert "Oké" in words  # the same face, the same word, in every set


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_the_plan_asks_what_the_student_wants_to_do_without_a_figure_of_speech(library, set_id):
    plan = next(q for _, q in library.sets[set_id].questions() if isinstance(q, PlanQuestion))
    texts = [resolve(text, "nl", "nl").lower() for _, text in plan.texts()]

    assert all("stap" not in text for text in texts)
    assert all("op tijd" not in text for text in texts)  # ideas start from what the student likes


def test_talking_to_someone_and_meeting_friends_land_with_the_people(standaard):
    hard_day = standaard.question("wat-helpt-mij")
    answer = hard_day.parse_answer({"selected": ["praten", "afspreken", "naar-buiten"]})

    levels = {item.label: item.level for item in hard_day.map_items(answer, "nl", "nl")}

    assert levels == {"Praten met iemand": Level.RELATIONAL, "Met vrienden afspreken": Level.RELATIONAL,
                      "Naar buiten gaan": Level.INDIVIDUAL}


def test_the_short_set_asks_fewer_questions_than_the_standard_set(library):
    def count(set_id: str) -> int:
        return len(list(library.sets[set_id].questions()))

    assert count("mbo-kort") < count("mbo-standaard")


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_student_who_answers_a_little_sees_all_three_levels_on_the_map(library, set_id, lang):
    question_set = library.sets[set_id]
    answers = Answers.start(question_set, language=lang)
    for _, question in question_set.questions():
        if isinstance(question, CardsQuestion) and question.level == Level.INDIVIDUAL:
            answers.set(question.id, question.parse_answer({"selected": [question.options[0].id]}))
        elif isinstance(question, PeopleQuestion):
            answers.set(question.id, question.parse_answer([{"name": "Sam", "helps_with": ["luisteren"]}]))
        elif isinstance(question, PlacesQuestion):
            answers.set(question.id, question.parse_answer([{"option": question.options[0].id}]))

    items = answers.map_items(question_set)

    assert {item.level for item in items} == set(Level)
    person = next(item for item in items if item.label == "Sam")
    people = next(q for _, q in question_set.questions() if isinstance(q, PeopleQuestion))
    listening = ("Luisteren" if lang == "nl" else "Listening",)
    assert person.helps_with == (listening if people.helps_with else ())
    assert all(item.icon for item in items)


def icon_problems(icon: str, on_buttons: bool = True) -> list[str]:
    """What keeps an icon from showing as a colour emoji. An emoji that is a black text sign unless
    told otherwise (such as 🏟) needs U+FE0F after it. On buttons, after an emoji that is already
    in colour (such as ⚽) U+FE0F does harm: Streamlit then puts the icon in the words, not beside them."""
    problems = []
    for at, char in enumerate(icon):
        if not regex.match(r"\p{Emoji}", char) or regex.match(r"\p{Emoji_Component}", char):
            continue
        in_colour, told = regex.match(r"\p{Emoji_Presentation}", char), icon[at + 1:at + 2] == "\ufe0f"
        if not in_colour and not told:
            problems.append(f"{char} needs U+FE0F after it")
        if in_colour and told and on_buttons:
            problems.append(f"{char} needs no U+FE0F after it")
    return problems


def icons_in(node: object, path: str = "") -> list[tuple[str, str]]:
    """Every `icon` in a YAML file, with where it is."""
    if isinstance(node, dict):
        return [found for key, value in node.items()
                for found in ([(f"{path}.{key}", value)] if key == "icon" and isinstance(value, str)
                              else icons_in(value, f"{path}.{key}"))]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in icons_in(value, f"{path}[{index}]")]
    return []


def test_icons_that_would_not_show_as_a_colour_emoji_are_found():
    assert icon_problems("🏟") == ["🏟 needs U+FE0F after it"]
    assert icon_problems("⚽\ufe0f") == ["⚽ needs no U+FE0F after it"]
    assert icon_problems("⚽\ufe0f", on_buttons=False) == []
    assert icon_problems("🏘\ufe0f") == icon_problems("⚽") == icon_problems("👩\u200d🏫") == []


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_icon_shows_as_a_colour_emoji(path):
    on_buttons = path.name != "help.yaml"  # help contacts stand in a line of text, not on a button
    icons = icons_in(yaml.safe_load(path.read_text(encoding="utf-8")))
    problems = [(where, icon, icon_problems(icon, on_buttons)) for where, icon in icons
                if icon_problems(icon, on_buttons)]

    assert problems == []


def test_the_plan_can_pick_the_people_and_places_named_earlier(standaard):
    plan = next(q for _, q in standaard.questions() if isinstance(q, PlanQuestion))
    answers = Answers.start(standaard)
    people, places = standaard.question("wie-steunt"), standaard.question("mijn-plekken")
    answers.set(people.id, people.parse_answer([{"name": "Oma, opa of andere familie"}]))
    answers.set(places.id, places.parse_answer([{"option": "buurthuis"}]))

    earlier = answers.items_before(standaard, plan.id)

    assert [item.label for item in earlier] == ["Oma, opa of andere familie", "Buurthuis of jongerenwerk"]
    assert earlier[0].icon == "👵"


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_every_coach_tip_reads_at_a_glance(library, set_id):
    long_tips = [
        value
        for step in library.sets[set_id].steps
        for tip in step.coach_tips
        for value in (tip.values() if isinstance(tip, dict) else [tip])
        if len(value.split()) > 13
    ]

    assert long_tips == []


@pytest.mark.parametrize("set_id", SHIPPED_IDS)
def test_the_coach_has_tips_for_the_lowest_face_referral_and_what_is_passed_on(library, set_id):
    tips = " ".join(
        resolve(tip, "nl", "nl").lower() for step in library.sets[set_id].steps for tip in step.coach_tips
    )

    has_faces = any(q.type == "scale" for _, q in library.sets[set_id].questions())
    assert ("laagste gezicht" in tips) == has_faces  # no tip about a face the student never sees
    assert "verwijs" in tips
    assert "doorvertelt" in tips


def test_one_emoji_means_one_thing_across_every_shipped_set_and_the_template(library):
    """A student who meets 🧭 as a support worker in one set should not meet it as an SLB'er in the next."""
    meanings: dict[str, set[str]] = {}
    sets = [*library.sets.values(), load_file(TEMPLATE).question_set]
    for question_set in sets:
        for _, question in question_set.questions():
            for _, options in question.option_lists():
                for option in options:
                    icon = (option.icon or "").replace("\ufe0f", "")
                    meanings.setdefault(icon, set()).add(resolve(option.label, "nl", "nl").lower())
    # The same thing named shorter or longer, or the same face on another scale, is one meaning.
    same = [{"oma of opa", "oma", "oma, opa of andere familie"},
            {"mentor", "mentor of slb'er"},
            {"werk, stage of bijbaan", "bijbaan"},
            {"sportclub", "sportclub of sportschool"},
            {"buurthuis", "buurthuis of jongerenwerk"},
            {"begeleider", "begeleider (wonen, jeugdhulp)"},
            {"iemand een berichtje sturen", "mijn mentor een bericht sturen"},
            {"sporten of bewegen", "een keer sporten of wandelen"},
            {"hulp bij school", "hulp bij wat ik gemist heb"}]
    shared = {icon: labels for icon, labels in meanings.items()
              if len(labels) > 1 and not any(labels <= group for group in same)}

    assert shared == {}


@pytest.mark.parametrize("emoji", ["🦉", "🙌", "👪", "💑", "🧭"])
def test_pictures_that_read_two_ways_are_gone_from_the_sets(library, emoji):
    sets = [*library.sets.values(), load_file(TEMPLATE).question_set]
    used = [option.icon for question_set in sets for _, question in question_set.questions()
            for _, options in question.option_lists() for option in options]

    assert emoji not in used


@pytest.mark.parametrize(("set_id", "stalls"), [
    ("mbo-standaard", ("'niks' bij trots", "nog niemand", "bijna lege kaart", "gestuurd")),
    ("mbo-kort", ("nog niemand", "bijna lege kaart", "gestuurd")),
    ("terugkeer", ("nog niemand", "bijna lege kaart", "gestuurd")),
])
def test_the_coach_has_a_tip_where_students_often_stall(library, set_id, stalls):
    steps = library.sets[set_id].steps
    tips = [resolve(tip, "nl", "nl").lower() for step in steps for tip in step.coach_tips]

    for stall in stalls:
        assert any(stall in tip for tip in tips), stall


def test_the_standard_set_tells_the_coach_how_to_split_it_over_two_conversations(standaard):
    tips = " ".join(resolve(tip, "nl", "nl").lower() for step in standaard.steps for tip in step.coach_tips)

    assert "bewaar daar het gesprek" in tips
