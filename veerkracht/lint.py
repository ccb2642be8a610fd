"""Content rules for editors: short, plain, near-future, strengths-first questions with pictures.

Rules give warnings, never errors: a set with warnings still works; `check --strict` makes them fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from veerkracht.content import LoadedSet, Problem, field_name, load_question_set
from veerkracht.messages import message
from veerkracht.model import QuestionSet
from veerkracht.questions.base import Path
from veerkracht.text import resolve

MAX_QUESTION_WORDS = 12
# Measured on example questions: plain B1 questions scored 63 to 125, officialese 29 and lower.
MIN_READING_EASE = 60
MIN_WORDS_FOR_READING_EASE = 3  # the formula says little about a phrase of one or two words

# How long a conversation takes, in minutes: counted from what a student reads and does on screen.
# Fitted on the shipped sets as they were walked with a stopwatch in mind (screens, taps, words).
MINUTES_PER_SCREEN = 0.5  # read the title and intro, go on
MINUTES_FOR_THE_MAP = 1.0  # look at the map together and talk about it
MINUTES_PER_QUESTION = 1.0  # read, think, answer, a few words with the coach
MINUTES_PER_FORM = 0.5  # people, places and plans: adding several entries one by one
MINUTES_PER_OPTION = 0.1  # read one choice (six seconds)
# Around the screens, in a conversation with a coach: the start screen (questions, who, language,
# name), a check-in when the set has no start step of its own (a start step is the check-in), and
# the downloads at the end. A set's `minutes` may count them: VK110 leaves room for it.
MINUTES_START_SCREEN = 0.5
MINUTES_CHECK_IN = 1.0
MINUTES_TAKE_HOME = 0.5
FORM_TYPES = frozenset({"people", "places", "plan"})
MINUTES_TOLERANCE = 1 / 3  # stated minutes within a third of the estimate
QUESTION_MARKS = ("?", "؟", "？")  # the Latin, Arabic and full-width question marks

RULES: dict[str, str] = {
    "VK101": f"Een vraag heeft hoogstens {MAX_QUESTION_WORDS} woorden.",
    "VK102": "Een vraag is één zin.",
    "VK103": (
        f"Vragen, uitleg en intro's in het Nederlands zijn makkelijk te lezen: Flesch-Douma "
        f"{MIN_READING_EASE} of hoger (gewone B1-vragen scoren 63 tot 125, ambtelijke vragen 30 of lager)."
    ),
    "VK104": "Vraag naar de nabije toekomst (morgen, deze week), niet naar later, een droombaan of "
    "over tien jaar.",
    "VK105": "Begin bij wat goed gaat: geen woorden als probleem, zwakte, fout, 'slecht in' of "
    "'wat lukt niet'.",
    "VK106": "Elke keuze heeft een plaatje (emoji).",
    "VK107": "Elke tekst staat er in alle talen die de set noemt bij 'languages'.",
    "VK108": "Een intro is een gewone zin die het onderwerp aankondigt, geen vraag.",
    "VK109": "Elk plaatje betekent in een set één ding: verschillende keuzes hebben verschillende emoji.",
    "VK110": "De minuten bij 'minutes' kloppen ongeveer (tot een derde ernaast) met een schatting "
    "uit de schermen, vragen en keuzes.",
}

FAR_FUTURE: dict[str, list[str]] = {
    "nl": [
        r"\blater\s+(?:\w+\s+){0,2}worden\b",
        r"\bals\s+je\s+(?:later\s+)?groot\s+bent\b",
        r"\bover\s+(?:\d+|een\s+paar|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig)\s+jaar\b",
        r"\bdroom(?:baan|banen|beroep)\w*",
        r"\bin\s+de\s+toekomst\b",
        r"\btoekomstdroom\w*",
    ],
    "en": [
        r"\bwhen\s+you\s+grow\s+up\b",
        r"\bin\s+(?:\d+|a\s+few|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+years\b",
        r"\bdream\s+(?:job|career)s?\b",
        r"\bin\s+the\s+future\b",
        r"\bbe(?:come)?\s+later\b",
        r"\blater\s+in\s+life\b",
    ],
}

DEFICIT: dict[str, list[str]] = {
    "nl": [
        r"\bprobleem\w*",
        r"\bproblemen\b",
        r"\bslecht\s+in\b",
        r"\b(?:wat\s+)?lukt\s+(?:\w+\s+)?niet\b",
        r"\bzwakte\w*",
        r"\bzwakke\s+punt\w*",
        r"\bfout(?:e|en)?\b",
        r"\btekortkoming\w*",
        r"\bmislukt\w*",
        r"\bfalen\b",
        r"\bniet\s+goed\s+in\b",
    ],
    "en": [
        r"\bproblems?\b",
        r"\bweakness\w*",
        r"\bweak\s+points?\b",
        r"\bbad\s+at\b",
        r"\bnot\s+good\s+at\b",
        r"\bwhat\s+(?:doesn't|does\s+not|don't|do\s+not)\s+work\b",
        r"\bfail\w*",
        r"\bmistakes?\b",
        r"\bshortcomings?\b",
        r"\bdeficits?\b",
        r"\bwrong\b",
    ],
}

_FAR_FUTURE = {lang: [re.compile(p, re.IGNORECASE) for p in ps] for lang, ps in FAR_FUTURE.items()}
_DEFICIT = {lang: [re.compile(p, re.IGNORECASE) for p in ps] for lang, ps in DEFICIT.items()}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w", re.UNICODE)


def check_text(text: str | bytes, file: str) -> tuple[LoadedSet, list[Problem]]:
    """One question set as `check` sees it: the loaded set, then its errors and warnings by line.

    The test page in the app calls this too, so a school sees the same problems in both places.
    """
    loaded = load_question_set(text, file)
    problems = loaded.problems + lint_set(loaded)
    return loaded, sorted(problems, key=lambda p: (p.line, p.column, p.field))


def lint_set(loaded: LoadedSet) -> list[Problem]:
    """Every lint warning for one loaded question set; nothing when the set did not load."""
    question_set, source = loaded.question_set, loaded.source
    if question_set is None or source is None:
        return []
    lang = "en" if question_set.default_language == "en" else "nl"
    found: list[tuple[Path, str, dict]] = []
    found += _question_shape(question_set)
    found += _readability(question_set)
    found += _wording(question_set)
    found += _missing_icons(question_set)
    found += _missing_translations(question_set)
    found += _intro_questions(question_set)
    found += _shared_icons(question_set)
    found += _stated_minutes(question_set)
    problems = []
    for path, rule, params in found:
        line, column = source.locate(path)
        text = message(rule, lang, **params)
        problems.append(
            Problem(loaded.file, line, column, field_name(path), text, severity="warning", rule=rule)
        )
    return sorted(problems, key=lambda p: (p.line, p.column, p.rule))


def reading_ease(text: str) -> float:
    """Flesch-Douma reading ease of a Dutch text: higher is easier."""
    return float(_dutch_statistics().flesch_reading_ease(text))


@cache
def _dutch_statistics() -> Any:
    # Imported on first use: textstat pulls in nltk, which takes half a second to load.
    from textstat.textstat import textstatistics

    statistics = textstatistics()
    statistics.set_lang("nl")  # an own instance, so textstat's shared language stays untouched
    return statistics


def count_words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


def count_sentences(text: str) -> int:
    return sum(1 for part in _SENTENCE_END.split(text.strip()) if _WORD.search(part))


def _per_language(text: object, default_lang: str) -> Iterator[tuple[Path, str, str]]:
    """(sub-path, language, text) for a plain text or each language of a translated one."""
    if isinstance(text, str):
        yield (), default_lang, text
    elif isinstance(text, dict):
        for lang, value in text.items():
            yield (lang,), lang, value


def _question_shape(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    found = []
    for path, question in question_set.questions():
        for sub, _, text in _per_language(question.text, question_set.default_language):
            words = count_words(text)
            if words > MAX_QUESTION_WORDS:
                found.append((path + ("text",) + sub, "VK101", {"count": words, "max": MAX_QUESTION_WORDS}))
            sentences = count_sentences(text)
            if sentences > 1:
                found.append((path + ("text",) + sub, "VK102", {"count": sentences}))
    return found


def _readable_texts(question_set: QuestionSet) -> Iterator[tuple[Path, object]]:
    """The sentences a student reads: step intros, questions and their help."""
    for s, step in enumerate(question_set.steps):
        if step.intro is not None:
            yield ("steps", s, "intro"), step.intro
    for path, question in question_set.questions():
        yield path + ("text",), question.text
        if question.help is not None:
            yield path + ("help",), question.help


def _readability(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    found = []
    for path, text in _readable_texts(question_set):
        for sub, lang, value in _per_language(text, question_set.default_language):
            if lang != "nl" or count_words(value) < MIN_WORDS_FOR_READING_EASE:
                continue
            score = reading_ease(value)
            if score < MIN_READING_EASE:
                found.append((path + sub, "VK103", {"score": round(score), "target": MIN_READING_EASE}))
    return found


def _wording(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    found = []
    for path, text in question_set.texts():
        if "coach_tips" in path:
            continue  # tips speak to the coach about the conversation, not to the student
        for sub, lang, value in _per_language(text, question_set.default_language):
            for rule, patterns in (("VK104", _FAR_FUTURE), ("VK105", _DEFICIT)):
                match = next((m for p in patterns.get(lang, []) if (m := p.search(value))), None)
                if match:
                    found.append((path + sub, rule, {"found": match.group(0)}))
    return found


def _missing_icons(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    found = []
    for path, question in question_set.questions():
        for name, options in question.option_lists():
            for index, option in enumerate(options):
                if not (option.icon or "").strip():
                    found.append((path + (name, index, "icon"), "VK106", {}))
    return found


def _missing_translations(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    declared = question_set.languages
    if len(declared) < 2:
        return []
    found = []
    for path, text in question_set.texts():
        if isinstance(text, str):
            missing = declared[1:]
        elif isinstance(text, dict):
            missing = [lang for lang in declared if not (text.get(lang) or "").strip()]
        else:
            continue
        if missing:
            found.append((path, "VK107", {"missing": ", ".join(missing)}))
    return found


def _intro_questions(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    found = []
    for s, step in enumerate(question_set.steps):
        for sub, _, text in _per_language(step.intro, question_set.default_language):
            if any(mark in text for mark in QUESTION_MARKS):
                found.append((("steps", s, "intro") + sub, "VK108", {}))
    return found


def _shared_icons(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    """An emoji first seen with one meaning (label) and later with another."""
    lang = question_set.default_language
    first: dict[str, tuple[str, str]] = {}  # emoji → (label, where)
    found = []
    for path, question in question_set.questions():
        for name, options in question.option_lists():
            for index, option in enumerate(options):
                icon = (option.icon or "").replace("\ufe0f", "").strip()
                if not icon:
                    continue
                label = resolve(option.label, lang, lang).strip()
                if icon not in first:
                    first[icon] = (label, question.id)
                elif first[icon][0].casefold() != label.casefold():
                    other, where = first[icon]
                    found.append((path + (name, index, "icon"), "VK109",
                                  {"icon": option.icon, "other": other, "where": where}))
    return found


def estimate_minutes(question_set: QuestionSet) -> float:
    """About how many minutes a conversation with this set takes, from what is on its screens."""
    lang = question_set.default_language
    questions = [question for _, question in question_set.questions()]
    options = sum(len(question.readable_options(lang, lang)) for question in questions)
    return (
        MINUTES_PER_SCREEN * len(question_set.steps)
        + MINUTES_FOR_THE_MAP * sum(1 for step in question_set.steps if step.kind == "map")
        + MINUTES_PER_QUESTION * len(questions)
        + MINUTES_PER_FORM * sum(1 for question in questions if question.type in FORM_TYPES)
        + MINUTES_PER_OPTION * options
    )


def conversation_minutes(question_set: QuestionSet) -> float:
    """The whole conversation: the screens, with the start, a check-in and the downloads."""
    has_start = any(step.kind == "start" for step in question_set.steps)
    around = MINUTES_START_SCREEN + (0 if has_start else MINUTES_CHECK_IN) + MINUTES_TAKE_HOME
    return estimate_minutes(question_set) + around


def _stated_minutes(question_set: QuestionSet) -> list[tuple[Path, str, dict]]:
    estimate = estimate_minutes(question_set)
    if abs(question_set.minutes - estimate) <= estimate * MINUTES_TOLERANCE:
        return []
    lang = question_set.default_language
    questions = [question for _, question in question_set.questions()]
    return [(("minutes",), "VK110", {
        "stated": question_set.minutes,
        "estimate": round(estimate),
        "screens": len(question_set.steps),
        "questions": len(questions),
        "options": sum(len(question.readable_options(lang, lang)) for question in questions),
    })]
