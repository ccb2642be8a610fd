"""Content lint: each rule warns on an example of what it is about, and the shipped sets are clean."""

import re
from pathlib import Path

import pytest

from veerkracht import lint
from veerkracht.content import load_file, load_question_set
from veerkracht.lint import MIN_READING_EASE, RULES, estimate_minutes, lint_set, reading_ease

CONTENT = Path(__file__).resolve().parent.parent / "content"
SHIPPED = sorted(CONTENT.glob("*.yaml")) + sorted((CONTENT / "templates").glob("*.yaml"))
SHIPPED = [p for p in SHIPPED if p.name != "help.yaml"]

CLEAN_SET = """\
id: proef
version: "1"
title: Proef
description: Een set om te testen.
audience: mbo
minutes: {minutes}
languages: [{languages}]
steps:
  - id: stap
    kind: individual
    title: Ik zelf
    intro: {intro}
    questions:
      - id: vraag
        type: cards
        text: {question}
        options:
          - {{id: helpen, icon: 🤝, label: Anderen helpen}}
          - {{id: koken, icon: {icon}, label: Koken}}
"""

# Per rule: a set that breaks it, the field the warning is on, and words from its advice.
EXAMPLES = {
    "VK101": (
        {"question": "Met wie praat je het liefst als je na een lange dag thuiskomt van school?"},
        "steps[0].questions[0].text",
        "hoogstens 12 woorden",
    ),
    "VK102": (
        {"question": "Waar ben je goed in? Kies er een paar."},
        "steps[0].questions[0].text",
        "één zin",
    ),
    "VK103": (
        {"question": "Welke persoonlijkheidskenmerken beschouw je als beschermende factoren?"},
        "steps[0].questions[0].text",
        "kortere, gewone woorden",
    ),
    "VK104": (
        {"question": "Wat wil je later worden?"},
        "steps[0].questions[0].text",
        "Wat wil je morgen bereiken?",
    ),
    "VK105": (
        {"question": "Waar ben je slecht in?"},
        "steps[0].questions[0].text",
        "Waar ben je goed in?",
    ),
    "VK106": ({"icon": "''"}, "steps[0].questions[0].options[1].icon", "emoji"),
    "VK107": ({"languages": "nl, en"}, "title", "en"),
    "VK108": ({"intro": "Wat kun jij goed?"}, "steps[0].intro", "gewone zin"),
    "VK109": ({"icon": "🤝"}, "steps[0].questions[0].options[1].icon", "'Anderen helpen'"),
    "VK110": ({"minutes": "20"}, "minutes", "Zet 'minutes' op 2"),
}


def make_set(**changes: str) -> str:
    fields = {"languages": "nl", "question": "Waar ben je goed in?", "icon": "🍳", "minutes": "2",
              "intro": "We beginnen bij wat jij goed kunt."} | changes
    return CLEAN_SET.format(**fields)


def warnings_of(text: str) -> list:
    loaded = load_question_set(text, "proef.yaml")
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return lint_set(loaded)


def test_every_rule_has_an_example_and_a_dutch_description():
    assert set(EXAMPLES) == set(RULES)
    assert all(description.endswith(".") for description in RULES.values())


def test_the_clean_example_has_no_warnings():
    assert warnings_of(make_set()) == []


@pytest.mark.parametrize("rule", list(EXAMPLES))
def test_each_rule_warns_on_its_example_with_advice(rule):
    changes, field, advice = EXAMPLES[rule]

    warnings = warnings_of(make_set(**changes))

    found = [w for w in warnings if w.rule == rule]
    assert found, f"{rule} gave no warning; got {[w.rule for w in warnings]}"
    assert found[0].field == field
    assert found[0].severity == "warning"
    assert advice in found[0].message
    assert f"[{rule}]" in str(found[0])


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_sets_give_no_warnings(path):
    loaded = load_file(path)

    assert loaded.problems == []
    assert [str(w) for w in lint_set(loaded)] == []


def test_a_warning_points_at_the_line_of_the_text():
    text = make_set(question="Waar ben je slecht in?")

    [warning] = warnings_of(text)

    assert warning.line == text.splitlines().index("        text: Waar ben je slecht in?") + 1


def test_an_english_set_gets_english_advice_about_english_wording():
    text = make_set(languages="en", question="What is your dream job?")

    [warning] = warnings_of(text)

    assert warning.rule == "VK104"
    assert "tomorrow" in warning.message
    assert "dream job" in warning.message


def test_each_language_of_a_translated_question_is_checked_on_its_own():
    question = "{nl: 'Waar ben je goed in?', en: 'What is your biggest weakness?'}"
    text = make_set(languages="nl, en", question=question)

    warnings = [w for w in warnings_of(text) if w.rule == "VK105"]

    assert [w.field for w in warnings] == ["steps[0].questions[0].text.en"]


def test_a_translation_missing_for_one_language_names_that_language():
    text = make_set(languages="nl, en, tr").replace(
        "title: Proef", "title: {nl: Proef, en: Trial}"
    )

    titles = [w for w in warnings_of(text) if w.field == "title"]

    assert len(titles) == 1
    assert titles[0].message.startswith("De vertaling ontbreekt voor: tr.")


@pytest.mark.parametrize(
    "phrase",
    ["Welke droombaan heb je?", "Waar woon je over tien jaar?", "Wat doe je in de toekomst?",
     "Wat wil je later graag worden?", "Waar sta je over vijf jaar?"],
)
def test_far_future_wording_is_noticed_in_its_common_forms(phrase):
    assert [w.rule for w in warnings_of(make_set(question=phrase))] == ["VK104"]


@pytest.mark.parametrize(
    "phrase",
    ["Wat is jouw grootste probleem?", "Wat lukt niet op school?", "Wat is je zwakte?",
     "Welke fouten maak je vaak?"],
)
def test_deficit_wording_is_noticed_in_its_common_forms(phrase):
    assert "VK105" in [w.rule for w in warnings_of(make_set(question=phrase))]


def test_near_future_and_strengths_questions_pass():
    for phrase in ["Wat wil je morgen bereiken?", "Welke kleine stap zet je deze week?",
                   "Wat helpt jou op een zware dag?"]:
        assert warnings_of(make_set(question=phrase)) == [], phrase


def test_the_readability_target_separates_plain_questions_from_officialese():
    plain = ["Wie helpt jou met huiswerk?", "Op welke plekken voel je je prettig?",
             "Welke mensen zijn belangrijk voor jou?", "Welke plekken geven jou energie?"]
    official = ["In hoeverre ervaart u ondersteuning vanuit uw sociale omgeving?",
                "Welke institutionele voorzieningen ondersteunen uw studievoortgang?"]

    assert all(reading_ease(q) >= MIN_READING_EASE for q in plain)
    assert all(reading_ease(q) < MIN_READING_EASE for q in official)


def test_coach_tips_may_talk_about_problems():
    text = make_set().replace(
        "    intro: We beginnen bij wat jij goed kunt.\n",
        "    intro: We beginnen bij wat jij goed kunt.\n"
        "    coach_tips:\n      - Praat niet over problemen.\n",
    )

    assert warnings_of(text) == []


def test_a_set_that_did_not_load_gets_no_lint():
    loaded = load_question_set("id: [", "kapot.yaml")

    assert lint_set(loaded) == []


def test_an_intro_in_any_script_that_asks_a_question_is_noticed():
    text = make_set(languages="nl, ar", intro="{nl: Wij beginnen bij jou., ar: ماذا تجيد؟}").replace(
        "title: Proef", "title: {nl: Proef, ar: تجربة}"
    )

    warnings = [w for w in warnings_of(text) if w.rule == "VK108"]

    assert [w.field for w in warnings] == ["steps[0].intro.ar"]


def test_the_same_emoji_for_the_same_meaning_in_two_questions_is_fine():
    text = make_set().replace(
        "          - {id: koken, icon: 🍳, label: Koken}\n",
        "          - {id: koken, icon: 🍳, label: Koken}\n"
        "      - id: nog-een\n        type: cards\n        text: Wat doe je graag?\n"
        "        options:\n          - {id: koken, icon: 🍳, label: Koken}\n"
        "          - {id: lezen, icon: \"🍳\\uFE0F\", label: Lezen}\n",
    )

    warnings = [w for w in warnings_of(text) if w.rule == "VK109"]

    assert [w.field for w in warnings] == ["steps[0].questions[1].options[1].icon"]
    assert "'Koken'" in warnings[0].message


@pytest.mark.parametrize(("minutes", "warned"), [("1", True), ("2", False), ("3", True), ("20", True)])
def test_stated_minutes_may_be_off_by_about_a_third(minutes, warned):
    # The clean example is estimated at 1.7 minutes: one screen, one question, two choices.
    assert estimate_minutes(load_question_set(make_set(), "proef.yaml").question_set) == pytest.approx(1.7)

    warnings = [w for w in warnings_of(make_set(minutes=minutes)) if w.rule == "VK110"]

    assert bool(warnings) == warned


def test_the_minutes_estimate_grows_with_screens_questions_and_choices():
    small = load_question_set(make_set(), "proef.yaml").question_set
    bigger = load_question_set(make_set().replace(
        "          - {id: koken, icon: 🍳, label: Koken}\n",
        "          - {id: koken, icon: 🍳, label: Koken}\n          - {id: lezen, icon: 📖, label: Lezen}\n",
    ), "proef.yaml").question_set

    assert estimate_minutes(bigger) == pytest.approx(estimate_minutes(small) + 0.1)


def test_the_content_guide_shows_the_numbers_the_estimate_uses():
    guide = (CONTENT.parent / "docs" / "content-guide.md").read_text(encoding="utf-8")
    section = guide.split("### VK110:")[1].split("\n### ")[0]
    numbers = [float(n.replace(",", ".")) for n in re.findall(r"\| ([\d,]+)(?: extra)? \|", section)]

    assert numbers == [lint.MINUTES_PER_SCREEN, lint.MINUTES_FOR_THE_MAP, lint.MINUTES_PER_QUESTION,
                       lint.MINUTES_PER_FORM, lint.MINUTES_PER_OPTION]
