"""A small question set with every question type, and answers with any number of map items.

Tests and benchmarks share it, so it lives in the package; it never reads content/.
"""

from __future__ import annotations

from veerkracht.answers import Answers
from veerkracht.content import load_question_set
from veerkracht.levels import Closeness, When
from veerkracht.model import QuestionSet
from veerkracht.questions.cards import CardsAnswer
from veerkracht.questions.people import PersonEntry
from veerkracht.questions.places import PlaceEntry
from veerkracht.questions.plan import PlanStep

SAMPLE_SET_ID = "voorbeeld"

SAMPLE_SET_YAML = """\
id: voorbeeld
version: "2"
title: {nl: Voorbeeldset, en: Sample set}
description: Een korte set om mee te testen.
audience: mbo niveau 2
minutes: 20
languages: [nl, en]
steps:
  - id: begin
    kind: start
    title: {nl: Hallo, en: Hello}
    questions:
      - id: gevoel
        type: choice
        text: Hoe gaat het nu?
        options:
          - {id: goed, label: Goed, icon: "🙂"}
          - {id: gaat-wel, label: Gaat wel, icon: "😐"}
  - id: zelf
    kind: individual
    title: {nl: "Wat kun jij?", en: "What can you do?"}
    questions:
      - id: sterk
        type: cards
        text: {nl: "Waar ben je goed in?", en: "What are you good at?"}
        level: individual
        other: true
        options:
          - {id: sport, label: {nl: Sporten, en: Sports}, icon: "⚽"}
          - {id: maken, label: {nl: Dingen maken, en: Making things}, icon: "🔧"}
          - {id: muziek, label: Muziek, icon: "🎵"}
          - {id: helpen, label: {nl: Anderen helpen, en: Helping others}, icon: "🤝"}
          - {id: grappig, label: Grappig zijn, icon: "😄"}
          - {id: koken, label: Koken, icon: "🍳"}
          - {id: tekenen, label: Tekenen, icon: "🎨"}
          - {id: gamen, label: Gamen, icon: "🎮"}
      - id: energie
        type: scale
        text: Hoeveel zin heb je in morgen?
        steps:
          - {icon: "😟", label: Weinig}
          - {icon: "😐", label: Gewoon}
          - {icon: "😀", label: Veel}
      - id: trots
        type: text
        text: Waar ben je trots op?
        level: individual
        icon: "🏅"
  - id: mensen
    kind: relational
    title: {nl: "Wie helpt jou?", en: "Who helps you?"}
    questions:
      - id: wie
        type: people
        text: Wie staat naast jou?
        suggestions:
          - {id: oma, label: Oma, icon: "👵"}
          - {id: trainer, label: Trainer, icon: "🧢"}
        helps_with:
          - {id: luisteren, label: {nl: Luisteren, en: Listening}}
          - {id: doen, label: {nl: Praktische hulp, en: Practical help}}
          - {id: advies, label: Advies}
  - id: plekken
    kind: contextual
    title: {nl: "Waar voel jij je goed?", en: "Where do you feel good?"}
    questions:
      - id: waar
        type: places
        text: Waar kom je graag?
        options:
          - {id: club, label: Sportclub, icon: "🏟"}
          - {id: werk, label: Bijbaan, icon: "💼"}
          - {id: buurthuis, label: Buurthuis, icon: "🏠"}
          - {id: school, label: School, icon: "🏫"}
  - id: kaart
    kind: map
    title: {nl: Mijn steunkaart, en: My support map}
  - id: stap
    kind: next_step
    title: {nl: "Wat doe je morgen?", en: "What will you do tomorrow?"}
    questions:
      - id: plan
        type: plan
        text: Welke kleine stap zet je?
        sources: [wie, waar]
        suggestions:
          - {id: vragen, label: Iemand iets vragen, icon: "💬"}
          - {id: sporten, label: Gaan sporten, icon: "🏃"}
"""

# Names as students type them: accents, emoji, markup, right-to-left marks, long words.
SAMPLE_NAMES = (
    "Oma Fatma",
    "Zoë",
    "Sébastien",
    "Mevrouw Çelik",
    "Coach Jürgen",
    "Neef Daan 🎮",
    "<b>Bram</b> & co",
    "\u200fYasmin",
    "Şükrü",
    "Nguyễn Thị Ngọc",
    "Ĳsbrand",
    "Mijn allerbeste vriendin van de basisschool",
)
SAMPLE_PLACES = ("Het café van Ömer", "Voetbal 🏆", "Bibliotheek", "Kerk", "<i>Stage</i>")
SAMPLE_STRENGTH_IDS = ("sport", "maken", "muziek", "helpen", "grappig", "koken", "tekenen", "gamen")
SAMPLE_PLACE_IDS = ("club", "werk", "buurthuis", "school")
CLOSENESS_CYCLE = (Closeness.CLOSE, Closeness.SOME, Closeness.FAR)


def sample_question_set(yaml_text: str = SAMPLE_SET_YAML) -> QuestionSet:
    loaded = load_question_set(yaml_text, "voorbeeld.yaml")
    if loaded.question_set is None:
        raise ValueError("\n".join(str(p) for p in loaded.problems))
    return loaded.question_set


def split_count(n_items: int) -> tuple[int, int, int]:
    """How many strengths, people and places make `n_items`: about 2 : 5 : 3."""
    strengths = min(n_items // 5 + (1 if n_items % 5 >= 3 else 0), len(SAMPLE_STRENGTH_IDS) + 2)
    places = (n_items - strengths) * 2 // 5
    return strengths, n_items - strengths - places, places


def sample_answers(
    question_set: QuestionSet, n_items: int, language: str = "nl", nickname: str = "Zoë 🌟"
) -> Answers:
    """Answers that put exactly `n_items` sources on the map, with a next step when there are people."""
    answers = Answers.start(question_set, language=language, nickname=nickname)
    n_strengths, n_people, n_places = split_count(n_items)
    answers.set("gevoel", "goed")
    answers.set("energie", 2)
    picked = list(SAMPLE_STRENGTH_IDS[: min(n_strengths, len(SAMPLE_STRENGTH_IDS))])
    extra = n_strengths - len(picked)
    if picked or extra:
        answers.set("sterk", CardsAnswer(selected=picked, other="Goed luisteren" if extra >= 1 else ""))
    if extra >= 2:
        answers.set("trots", "Mijn diploma 🎓 van <script>")
    people = [
        PersonEntry(
            id=f"p{i}",
            name=_numbered(SAMPLE_NAMES, i),
            closeness=CLOSENESS_CYCLE[i % 3],
            helps_with=[["luisteren"], ["doen", "advies"], []][i % 3],
        )
        for i in range(n_people)
    ]
    if people:
        answers.set("wie", people)
    places = [_place(i) for i in range(n_places)]
    if places:
        answers.set("waar", places)
    if people:
        helpers = [f"wie/{people[0].id}"] + ([f"waar/{places[0].id}"] if places else [])
        answers.set(
            "plan",
            [
                PlanStep(id="s1", what="Oma bellen over mijn stage", when=When.TOMORROW, helpers=helpers),
                PlanStep(id="s2", suggestion="sporten", when=When.THIS_WEEK),
            ],
        )
    return answers


def _numbered(names: tuple[str, ...], index: int) -> str:
    name = names[index % len(names)]
    return name if index < len(names) else f"{name} {index // len(names) + 1}"


def _place(index: int) -> PlaceEntry:
    closeness = CLOSENESS_CYCLE[(index + 1) % 3]
    if index % 2 == 0 and index // 2 < len(SAMPLE_PLACE_IDS):
        return PlaceEntry(id=f"w{index}", option=SAMPLE_PLACE_IDS[index // 2], closeness=closeness)
    return PlaceEntry(id=f"w{index}", name=_numbered(SAMPLE_PLACES, index), closeness=closeness)
