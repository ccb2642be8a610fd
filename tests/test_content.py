"""Loading question sets: every question type, and a plain located message for every mistake."""

from pathlib import Path

import pytest
from conftest import SET_HEAD

from veerkracht.content import MAX_BYTES, MAX_DEPTH, load_file, load_folder, load_question_set
from veerkracht.questions import QUESTION_TYPES

QUESTION_EXAMPLES = {
    "choice": """\
      - id: vraag
        type: choice
        text: Hoe wil je dit doen?
        options:
          - {id: praten, icon: 🗣️, label: Samen praten}
          - {id: zelf, icon: ✍️, label: Zelf kiezen}
""",
    "cards": """\
      - id: vraag
        type: cards
        level: individual
        text: Waar ben je goed in?
        other: true
        options:
          - {id: helpen, icon: 🤝, label: Anderen helpen}
          - {id: koken, icon: 🍳, label: Koken}
""",
    "scale": """\
      - id: vraag
        type: scale
        text: Hoe gaat het?
        steps:
          - {icon: 😞, label: Zwaar}
          - {icon: 😐, label: Oké}
          - {icon: 🙂, label: Goed}
""",
    "text": """\
      - id: vraag
        type: text
        text: Waar ben je trots op?
        max_length: 80
""",
    "people": """\
      - id: vraag
        type: people
        text: Wie helpt jou?
        suggestions:
          - {id: oma, icon: 👵, label: Oma}
        helps_with:
          - {id: luisteren, icon: 👂, label: Luisteren}
""",
    "places": """\
      - id: vraag
        type: places
        text: Waar voel je je thuis?
        options:
          - {id: sportclub, icon: ⚽, label: Sportclub}
""",
    "plan": """\
      - id: wie
        type: people
        text: Wie helpt jou?
      - id: vraag
        type: plan
        text: Welke kleine stap zet je deze week?
        sources: [wie]
        suggestions:
          - {id: bericht, icon: 📱, label: Iemand een berichtje sturen}
""",
}

# One mistake per type, with the field it is reported on and words from the message.
BAD_QUESTIONS = {
    "choice": (
        ("          - {id: zelf, icon: ✍️, label: Zelf kiezen}\n", ""),
        "steps[0].questions[0].options",
        "minstens 2",
    ),
    "cards": (("other: true", "other: misschien"), "steps[0].questions[0].other", "true of false"),
    "scale": (("{icon: 😐, label: Oké}", "{label: Oké}"), "steps[0].questions[0].steps[1].icon", "ontbreekt"),
    "text": (("max_length: 80", "max_length: 5"), "steps[0].questions[0].max_length", "minstens 10"),
    "people": (
        ("helps_with:\n          - {id: luisteren, icon: 👂, label: Luisteren}", "helps_with: luisteren"),
        "steps[0].questions[0].helps_with",
        "lijst",
    ),
    "places": (
        ("options:\n          - {id: sportclub, icon: ⚽, label: Sportclub}", "options: []"),
        "steps[0].questions[0].options",
        "minstens 1",
    ),
    "plan": (("sources: [wie]", "sources: [niemand]"), "steps[0].questions[1].sources[0]", "niemand"),
}


def one_question_set(kind: str) -> str:
    return SET_HEAD + QUESTION_EXAMPLES[kind]


def problems_of(text: str, file: str = "proef.yaml") -> list:
    return load_question_set(text, file).problems


def test_the_examples_cover_every_question_type():
    assert set(QUESTION_EXAMPLES) == set(QUESTION_TYPES) == set(BAD_QUESTIONS)


@pytest.mark.parametrize("kind", list(QUESTION_EXAMPLES))
def test_each_question_type_loads_from_yaml(kind):
    loaded = load_question_set(one_question_set(kind), "proef.yaml")

    assert loaded.problems == []
    question = loaded.question_set.question("vraag")
    assert question.type == kind
    assert isinstance(question, QUESTION_TYPES[kind])


@pytest.mark.parametrize("kind", list(BAD_QUESTIONS))
def test_each_question_type_rejects_a_mistake_with_a_plain_message(kind):
    (old, new), field, words = BAD_QUESTIONS[kind]
    text = one_question_set(kind)
    assert old in text
    loaded = load_question_set(text.replace(old, new), "proef.yaml")

    assert loaded.question_set is None
    assert [p.field for p in loaded.problems] == [field]
    assert words in loaded.problems[0].message


def test_a_message_names_file_line_column_and_field_path():
    text = one_question_set("choice").replace("icon: ✍️", "icon: ✍️, kleur: rood")

    column = text.splitlines()[16].index("kleur") + 1

    [problem] = problems_of(text, "content/mijn-set.yaml")

    assert str(problem) == (
        f"content/mijn-set.yaml:17:{column}: steps[0].questions[0].options[1].kleur: "
        "Dit veld bestaat niet. Is het een tikfout? [VK003]"
    )


def test_every_problem_in_a_file_is_reported_at_once_in_line_order():
    text = (
        one_question_set("choice")
        .replace("minutes: 10", "minutes: tien")
        .replace("kind: individual", "kind: persoonlijk")
        .replace("id: zelf", "id: Zelf Kiezen")
    )

    problems = problems_of(text)

    assert [(p.line, p.field) for p in problems] == [
        (6, "minutes"),
        (9, "steps[0].kind"),
        (17, "steps[0].questions[0].options[1].id"),
    ]


def test_a_broken_file_does_not_hide_the_good_ones(tmp_path):
    (tmp_path / "a-goed.yaml").write_text(one_question_set("cards"), encoding="utf-8")
    (tmp_path / "b-kapot.yaml").write_text("id: [niet af\n", encoding="utf-8")
    (tmp_path / "c-goed.yaml").write_text(
        one_question_set("places").replace("id: proef", "id: tweede"), encoding="utf-8"
    )

    library = load_folder(tmp_path)

    assert list(library.sets) == ["proef", "tweede"]
    assert [Path(p.file).name for p in library.problems] == ["b-kapot.yaml"]


def test_the_help_contacts_file_is_not_read_as_a_question_set(tmp_path):
    (tmp_path / "set.yaml").write_text(one_question_set("text"), encoding="utf-8")
    (tmp_path / "help.yaml").write_text("contacts: []\n", encoding="utf-8")

    library = load_folder(tmp_path)

    assert list(library.sets) == ["proef"]
    assert library.problems == []


# --- every bad input from the issue gets its own message ------------------------------------


def test_a_missing_file_is_reported_as_unreadable(tmp_path):
    loaded = load_file(tmp_path / "weg.yaml")

    assert loaded.question_set is None
    assert "kan niet gelezen worden" in loaded.problems[0].message


@pytest.mark.parametrize("text", ["", "   \n\n", "# alleen uitleg\n"])
def test_an_empty_file_says_it_is_empty(text):
    [problem] = problems_of(text)
    assert problem.message == "Het bestand is leeg."


def test_text_that_is_not_yaml_says_where_and_what_to_check():
    [problem] = problems_of("id: proef\ntitle: [niet af\nminutes: 3\n")

    assert problem.line > 1
    assert problem.message.startswith("Deze lijst tussen [ ] is niet goed gesloten.")


def test_a_file_that_is_not_text_asks_for_utf8():
    [problem] = problems_of(b"id: \xff\xfe proef\n")
    assert "UTF-8" in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [("- id: proef\n- title: Proef\n", "is een lijst"), ("gewoon een zin\n", "losse waarde")],
)
def test_a_file_that_is_a_list_or_a_single_value_explains_how_a_set_starts(text, words):
    [problem] = problems_of(text)
    assert words in problem.message
    assert "id:" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("minutes: 10", "minutes: tien", "minutes", "Hier hoort een heel getal."),
        ("title: Proef", "title: [Proef]", "title", "Hier hoort tekst, of tekst per taal"),
        ("version: \"1.0\"", "version: een", "version", "Schrijf de versie als getal"),
        ("id: proef", "id: Mijn Set", "id", "kleine letters"),
    ],
)
def test_a_wrong_type_gets_a_message_about_what_belongs_there(old, new, field, message):
    text = one_question_set("text").replace(old, new)

    problems = problems_of(text)

    assert [p.field for p in problems] == [field]
    assert message in problems[0].message


def test_questions_that_are_not_a_list_ask_for_a_list():
    [problem] = problems_of(SET_HEAD.replace("    questions:\n", "    questions: veel\n"))

    assert problem.field == "steps[0].questions"
    assert "Hier hoort een lijst" in problem.message


def test_an_unknown_question_type_lists_the_types_there_are():
    [problem] = problems_of(one_question_set("choice").replace("type: choice", "type: schuifje"))

    assert problem.field == "steps[0].questions[0].type"
    assert problem.line == 13
    assert "'schuifje'" in problem.message
    assert all(kind in problem.message for kind in QUESTION_TYPES)


def test_an_unknown_step_kind_lists_the_kinds_there_are():
    [problem] = problems_of(one_question_set("text").replace("kind: individual", "kind: begin"))

    assert problem.field == "steps[0].kind"
    assert problem.message == "Kies uit: start, individual, relational, contextual, map of next_step."


def test_an_english_set_gets_english_messages():
    text = one_question_set("text").replace("minutes: 10", "minutes: ten\nlanguages: [en]")

    [problem] = problems_of(text)

    assert problem.message == "This should be a whole number."


def test_a_duplicate_question_id_within_a_set_is_reported_at_the_second_one():
    text = one_question_set("plan").replace("id: wie", "id: vraag").replace("sources: [wie]", "")

    problems = problems_of(text)

    assert any(
        p.field == "steps[0].questions[1].id" and "'vraag' komt al eerder voor" in p.message
        for p in problems
    )


def test_a_duplicate_option_id_is_reported_even_when_another_field_is_wrong():
    text = (
        one_question_set("choice")
        .replace("id: zelf", "id: praten")
        .replace("minutes: 10", "minutes: tien")
    )

    problems = problems_of(text)

    assert [p.field for p in problems] == ["minutes", "steps[0].questions[0].options[1].id"]
    assert "'praten' komt al eerder voor" in problems[1].message


def test_two_sets_with_one_id_keep_the_first_and_report_the_second(tmp_path):
    (tmp_path / "a.yaml").write_text(one_question_set("text"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(one_question_set("cards"), encoding="utf-8")

    library = load_folder(tmp_path)

    assert library.sets["proef"].question("vraag").type == "text"
    [problem] = library.problems
    assert Path(problem.file).name == "b.yaml"
    assert problem.field == "id"
    assert "andere id" in problem.message


def test_a_language_used_but_not_declared_is_reported():
    text = one_question_set("text").replace("title: Proef", "title: {nl: Proef, tr: Deneme}")

    [problem] = problems_of(text)

    assert problem.field == "title.tr"
    assert "'tr'" in problem.message and "languages" in problem.message


def test_a_plan_with_nothing_before_it_to_refer_to_is_reported():
    text = SET_HEAD + QUESTION_EXAMPLES["plan"].split("      - id: vraag\n")[0].replace(
        "id: wie\n        type: people\n        text: Wie helpt jou?",
        "id: stap-plan\n        type: plan\n        text: Welke kleine stap zet je?",
    )

    [problem] = problems_of(text)

    assert problem.field == "steps[0].questions[0]"
    assert "kan nergens naar verwijzen" in problem.message


def test_a_file_over_the_size_limit_is_refused_before_reading_it(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_text(one_question_set("text") + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")

    [problem] = load_file(path).problems

    assert "te groot" in problem.message
    assert problems_of(path.read_text(encoding="utf-8"))[0].message == problem.message


def test_anchors_and_aliases_are_refused():
    text = one_question_set("text").replace("title: Proef", "title: &naam Proef").replace(
        "description: Een set om te testen.", "description: *naam"
    )

    [problem] = problems_of(text)

    assert problem.field == "description"
    assert "Ankers" in problem.message


def test_deep_nesting_is_refused():
    text = one_question_set("text") + "extra: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"

    [problem] = problems_of(text)

    assert "te diep genest" in problem.message


def test_a_field_written_twice_is_reported():
    text = one_question_set("text").replace("minutes: 10", "minutes: 10\nminutes: 12")

    [problem] = problems_of(text)

    assert (problem.line, problem.field) == (7, "minutes")
    assert "twee keer" in problem.message


def test_yes_and_no_stay_words_not_booleans():
    text = one_question_set("choice").replace("label: Samen praten", "label: yes")

    loaded = load_question_set(text, "proef.yaml")

    assert loaded.question_set.question("vraag").options[0].label == "yes"
