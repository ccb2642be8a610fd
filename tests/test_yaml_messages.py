"""What a content editor reads for the usual YAML slips: plain words, the place, and the fix."""

from __future__ import annotations

import pytest
from conftest import SET_HEAD

from veerkracht.content import load_question_set

FILE = "content/tweede.yaml"
SET = SET_HEAD + """\
      - id: wie
        type: people
        text: Wie helpt jou?
        suggestions:
          - {id: oma, icon: 👵, label: Oma}
      - id: vraag
        type: text
        text: Waar ben je trots op?
        max_length: 80
"""
ENGLISH = SET.replace("minutes: 10", "minutes: 10\nlanguages: [en]")


def only_problem(text: str):
    loaded = load_question_set(text, FILE)
    assert loaded.question_set is None
    assert len(loaded.problems) == 1, [str(p) for p in loaded.problems]
    return loaded.problems[0]


def place(text: str, fragment: str) -> tuple[int, int]:
    """Line and column (from 1) where a fragment starts in the text."""
    before = text[: text.index(fragment)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def changed(old: str, new: str, base: str = SET) -> str:
    assert old in base
    return base.replace(old, new)


# --- YAML syntax ------------------------------------------------------------------------------


def test_a_tab_used_to_indent_asks_for_spaces_and_names_no_field():
    text = changed("    kind: individual", "\tkind: individual")

    problem = only_problem(text)

    assert str(problem) == f"{FILE}:9:1: Gebruik spaties om in te springen, geen tab. [VK002]"
    assert problem.field == ""


def test_a_tab_in_an_english_set_asks_for_spaces_in_english():
    problem = only_problem(changed("    kind: individual", "\tkind: individual", ENGLISH))

    assert problem.message == "Use spaces to indent, not a tab."


def test_a_text_with_a_colon_shows_the_text_between_quotes():
    text = changed("text: Waar ben je trots op?", "text: Let op: dit is belangrijk")

    problem = only_problem(text)

    assert problem.message == (
        "Deze tekst heeft een dubbele punt. Zet de hele tekst tussen aanhalingstekens: "
        '"Let op: dit is belangrijk".'
    )
    assert (problem.line, problem.column) == place(text, "Let op")
    assert problem.field == "steps[0].questions[1].text"


def test_a_text_with_a_colon_in_an_english_set_gets_the_english_fix():
    text = changed("text: Waar ben je trots op?", "text: Note: this matters", ENGLISH)

    problem = only_problem(text)

    assert problem.message == (
        'This text has a colon. Put the whole text between quotes: "Note: this matters".'
    )
    assert problem.field == "steps[0].questions[1].text"


def test_a_field_name_without_its_colon_is_pointed_at():
    text = changed("    title: Ik zelf", "    title Ik zelf")

    problem = only_problem(text)

    assert problem.message == "Deze regel springt niet goed in, of er mist een dubbele punt na de veldnaam."
    assert (problem.line, problem.column) == place(text, "title Ik zelf")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("    title: Ik zelf", "     title: Ik zelf", "title: Ik zelf"),
        ("        max_length: 80", "        max_length: 80\n   icon: x", "icon: x"),
    ],
)
def test_a_line_indented_wrongly_is_pointed_at(old, new, fragment):
    text = changed(old, new)

    problem = only_problem(text)

    assert problem.message == "Deze regel springt niet goed in, of er mist een dubbele punt na de veldnaam."
    assert (problem.line, problem.column) == place(text, fragment)
    assert problem.field == ""


def test_a_quote_that_is_not_closed_is_reported_where_it_opens():
    text = changed("text: Waar ben je trots op?", 'text: "Waar ben je trots op?')

    problem = only_problem(text)

    assert problem.message == (
        "Dit aanhalingsteken wordt niet gesloten. Zet hetzelfde teken ook aan het eind van de tekst."
    )
    assert (problem.line, problem.column) == place(text, '"Waar')
    assert problem.field == "steps[0].questions[1].text"


def test_text_after_a_closing_quote_asks_for_quotes_around_all_of_it():
    problem = only_problem(changed("text: Waar ben je trots op?", 'text: "Waar" ben je trots op?'))

    assert problem.message == (
        "Na het aanhalingsteken staat nog tekst. Zet de aanhalingstekens om de hele tekst."
    )


def test_a_question_mark_in_a_text_between_braces_asks_for_quotes():
    text = changed("text: Waar ben je trots op?", "text: {nl: Hoi, hoe gaat het?, en: How are you?}")

    problem = only_problem(text)

    assert problem.message == (
        "Een tekst tussen { } met een komma, dubbele punt of vraagteken moet tussen aanhalingstekens."
    )
    assert problem.field == "steps[0].questions[1].text"


def test_a_list_between_brackets_that_is_not_closed_asks_for_the_bracket_and_commas():
    problem = only_problem("id: proef\ntitle: [niet af\nminutes: 3\n")

    assert problem.message == (
        "Deze lijst tussen [ ] is niet goed gesloten. Zet een komma tussen de onderdelen, een ] aan "
        "het eind, en tekst met een dubbele punt tussen aanhalingstekens."
    )
    assert (problem.line, problem.field) == (3, "title")


def test_a_rare_mistake_gets_plain_words_and_none_of_the_parser_s_english():
    problem = only_problem("id: proef\ntitle: |x\n  Hallo\n")

    assert problem.message == (
        "Dit is geen geldige YAML. Kijk op deze regel naar inspringen, dubbele punten en aanhalingstekens."
    )
    assert problem.line == 2


def test_an_anchor_written_twice_gets_the_anchor_message():
    problem = only_problem("id: proef\ntitle: &naam Proef\naudience: &naam mbo\n")

    assert problem.message == "Ankers (&) en verwijzingen (*) zijn niet toegestaan. Schrijf de tekst uit."
    assert problem.line == 3


# --- a comma in a text without quotes ---------------------------------------------------------


def test_a_comma_in_a_label_between_braces_shows_the_whole_text_between_quotes():
    text = changed("{id: oma, icon: 👵, label: Oma}", "{id: sport, label: Sporten, wandelen of fietsen}")

    problem = only_problem(text)

    assert problem.message == (
        "Hier staat een komma in een tekst zonder aanhalingstekens. Zet de hele tekst tussen "
        'aanhalingstekens: "Sporten, wandelen of fietsen".'
    )
    assert (problem.line, problem.column) == place(text, "wandelen of fietsen")
    assert problem.field == "steps[0].questions[0].suggestions[0]"


def test_a_label_with_two_commas_gets_one_message_with_all_of_the_text():
    text = changed("{id: oma, icon: 👵, label: Oma}", "{id: sport, label: Sport, spel, wandelen of fietsen}")

    problem = only_problem(text)

    assert problem.message.endswith('aanhalingstekens: "Sport, spel, wandelen of fietsen".')
    assert (problem.line, problem.column) == place(text, "spel,")


def test_a_comma_in_a_label_of_an_english_set_gets_the_english_fix():
    text = changed(
        "{id: oma, icon: 👵, label: Oma}", "{id: sport, label: Sports, walking or cycling}", ENGLISH
    )

    problem = only_problem(text)

    assert problem.message == (
        "This text has a comma but no quotes. "
        'Put the whole text between quotes: "Sports, walking or cycling".'
    )


def test_a_comma_in_a_text_per_language_shows_that_text_between_quotes():
    text = changed(
        "text: Waar ben je trots op?", "text: {nl: Hoi, hoe gaat het met jou, en: How are you}"
    ).replace("minutes: 10", "minutes: 10\nlanguages: [nl, en]")

    problem = only_problem(text)

    assert problem.message.endswith('aanhalingstekens: "Hoi, hoe gaat het met jou".')
    assert problem.field == "steps[0].questions[1].text"


def test_a_piece_of_text_on_its_own_line_gets_the_general_advice():
    text = changed(
        "{id: oma, icon: 👵, label: Oma}",
        "id: sport\n            label: Sporten\n            wandelen of fietsen:",
    )

    problem = only_problem(text)

    assert problem.message == (
        "Hier staat een komma in een tekst zonder aanhalingstekens. "
        "Zet de hele tekst tussen aanhalingstekens."
    )
    assert problem.line == place(text, "wandelen of fietsen")[0]


# --- a misspelt field name --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "meant"),
    [
        ("label: Oma", "lable: Oma", "steps[0].questions[0].suggestions[0].lable", "label"),
        ("    title: Ik zelf", "    titel: Ik zelf", "steps[0].titel", "title"),
        ("minutes: 10", "minuten: 10", "minuten", "minutes"),
        ("max_length: 80", "max_lenght: 80", "steps[0].questions[1].max_lenght", "max_length"),
    ],
)
def test_a_misspelt_field_name_suggests_the_field_that_was_meant(old, new, field, meant):
    text = changed(old, new)

    problems = load_question_set(text, FILE).problems

    unknown = next(p for p in problems if p.field == field)
    assert unknown.message == f"Dit veld bestaat niet. Bedoel je '{meant}'?"
    assert (unknown.line, unknown.column) == place(text, new.strip())


def test_a_misspelt_field_name_in_an_english_set_suggests_it_in_english():
    problems = load_question_set(changed("label: Oma", "lable: Oma", ENGLISH), FILE).problems

    assert "This field does not exist. Did you mean 'label'?" in [p.message for p in problems]


@pytest.mark.parametrize(
    "new",
    ["{id: oma, icon: 👵, label: Oma, kleur: rood}", "{id: oma, icon: 👵, label: Oma, lable: Opa}"],
)
def test_an_unknown_field_with_no_other_field_like_it_asks_if_it_is_a_typo(new):
    problem = only_problem(changed("{id: oma, icon: 👵, label: Oma}", new))

    assert problem.message == "Dit veld bestaat niet. Is het een tikfout?"


# --- The catalogue ------------------------------------------------------------------------------


def test_every_message_for_editors_is_in_dutch_and_english_with_the_same_placeholders():
    import string

    from veerkracht.messages import MESSAGES

    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert len(MESSAGES) > 100
    uneven = {key: texts for key, texts in MESSAGES.items()
              if set(texts) != {"nl", "en"} or names(texts["nl"]) != names(texts["en"])}
    assert uneven == {}
    one_without_many = sorted(key for key in MESSAGES
                              if key.endswith("_one") and key.removesuffix("_one") + "_many" not in MESSAGES)
    assert one_without_many == []


def test_a_count_of_one_and_of_several_each_get_their_own_words():
    from veerkracht.messages import counted

    assert counted("errors", "nl", 1) == "1 fout"
    assert counted("errors", "nl", 0) == "0 fouten"
    assert counted("warnings", "en", 2) == "2 warnings"
    assert counted("not_offered_help_texts", "nl", 1, file="content/help.yaml", lang="tr") == (
        "1 tekst in content/help.yaml heeft geen 'tr'")
