"""The session file: the student's own copy of a conversation, as JSON. The server keeps nothing.

Loading is strict about the frame (format, version, set) and forgiving about answers: an answer
that no longer fits the question set is handed back as an orphan, never silently dropped.
A file that holds more than any student could type (see limits.py) is refused as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from veerkracht import limits
from veerkracht.answers import Answers
from veerkracht.interface import load_words
from veerkracht.model import QuestionSet
from veerkracht.settings import load_settings
from veerkracht.supportmap import WordLookup
from veerkracht.text import lone_surrogates

SESSION_FORMAT = "veerkracht-session"
SESSION_VERSION = 1
MAX_SESSION_BYTES = limits.SESSION_BYTES
MAX_SESSION_DEPTH = limits.SESSION_DEPTH
NICKNAME_CHARS = limits.NICKNAME_CHARS
FIELDS = frozenset({
    "format", "format_version", "saved_at", "question_set", "language", "mode", "nickname",
    "step", "furthest_step", "answers", "show_reference",
})
MODES = ("coach", "self")


class SessionError(ValueError):
    """A file that cannot be loaded as a session; str() is a message the student can read."""

    def __init__(self, key: str, words: WordLookup | None = None):
        self.key = f"session.{key}"
        lookup = words or _reference_words()
        super().__init__(lookup(self.key))


@dataclass
class LoadedSession:
    answers: Answers
    question_set: QuestionSet
    orphans: dict[str, Any] = field(default_factory=dict)  # question id → answer as saved
    saved_version: str = ""  # the version of the question set the file was made with
    saved_at: date | None = None


def dump_session(answers: Answers, question_set: QuestionSet, today: date | None = None) -> bytes:
    """The session as JSON bytes, to download; answers are stored in each question's own format."""
    stored: dict[str, Any] = {}
    for _, question in question_set.questions():
        value = answers.get(question.id)
        if value is not None and not question.is_empty(value):
            stored[question.id] = question.dump_answer(value)
    document = {
        "format": SESSION_FORMAT,
        "format_version": SESSION_VERSION,
        "saved_at": (today or date.today()).isoformat(),
        "question_set": {"id": question_set.id, "version": question_set.version},
        "language": answers.language,
        "mode": answers.mode,
        "nickname": answers.nickname,
        "step": answers.step,
        "furthest_step": answers.furthest_step,
        "answers": stored,
    }
    if answers.show_reference:  # written only when on, so files stay as they were for everyone else
        document["show_reference"] = True
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def load_session(
    data: bytes, sets: Mapping[str, QuestionSet], words: WordLookup | None = None
) -> LoadedSession:
    """A session file back into answers for the current question set; raises SessionError only."""
    try:
        return _load(data, sets, words)
    except SessionError:
        raise
    except Exception:  # a file that passed every check yet breaks something is still just damaged
        raise SessionError("damaged", words) from None


def _load(data: bytes, sets: Mapping[str, QuestionSet], words: WordLookup | None) -> LoadedSession:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise SessionError("not_session", words)
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError("too_big", words)
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError("not_utf8", words) from None
    document = _parse_json(text, words)
    if not isinstance(document, dict):
        raise SessionError("not_session", words)
    if document.get("format") != SESSION_FORMAT:
        raise SessionError("not_session", words)
    version = document.get("format_version")
    if not _is_int(version) or version < 1:
        raise SessionError("damaged", words)
    if version > SESSION_VERSION:
        raise SessionError("future_version", words)
    if set(document) - FIELDS:
        raise SessionError("damaged", words)
    beyond = _beyond_limits(document, 0)
    if beyond:
        raise SessionError(beyond, words)
    reference = document.get("question_set")
    if not isinstance(reference, dict) or not isinstance(reference.get("id"), str):
        raise SessionError("damaged", words)
    question_set = sets.get(reference["id"])
    if question_set is None:
        raise SessionError("unknown_set", words)
    saved_version = reference.get("version", "")
    stored = document.get("answers", {})
    if not isinstance(stored, dict) or not isinstance(saved_version, str):
        raise SessionError("damaged", words)
    answers = Answers.start(
        question_set,
        language=_language(document.get("language"), question_set),
        mode=_choice(document.get("mode"), MODES, "coach", words),
        nickname=_text(document.get("nickname"), words),
        show_reference=document.get("show_reference") is True,
    )
    orphans: dict[str, Any] = {}
    for question_id, raw in stored.items():
        question = question_set.question(question_id)
        if question is None:
            orphans[question_id] = raw
            continue
        if isinstance(raw, list) and len(raw) > _MOST_ENTRIES.get(question.type, limits.ENTRIES):
            raise SessionError("too_much", words)
        if _longer_than_its_question_allows(question, raw):
            orphans[question_id] = raw  # the set allows less now: shown, never cut short
            continue
        try:
            value = question.parse_answer(raw)
        except Exception:  # pydantic, range or type errors alike: the answer no longer fits
            orphans[question_id] = raw
            continue
        if value is not None:
            answers.set(question_id, value)
    last = len(question_set.steps) - 1
    answers.step = _step(document.get("step"), last, words)
    answers.furthest_step = max(answers.step, _step(document.get("furthest_step"), last, words))
    return LoadedSession(answers, question_set, orphans, saved_version, _date(document.get("saved_at")))


def _parse_json(text: str, words: WordLookup | None) -> Any:
    if not text.strip():
        raise SessionError("not_json", words)
    if _nesting(text) > MAX_SESSION_DEPTH:
        raise SessionError("damaged", words)
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_fields)
    except json.JSONDecodeError as error:
        ends_early = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        raise SessionError("truncated" if ends_early else "not_json", words) from None
    except _DuplicateField:
        raise SessionError("damaged", words) from None
    except (ValueError, RecursionError):
        raise SessionError("not_json", words) from None


# Lists shorter than limits.ENTRIES, by question type: a plan has at most three steps.
_MOST_ENTRIES = {"plan": limits.PLAN_STEPS}


def _longer_than_its_question_allows(question: Any, raw: Any) -> bool:
    """A text longer than its box, or more steps than its plan: what the widget would not take."""
    most_chars = getattr(question, "max_length", None)  # text questions
    if isinstance(most_chars, int) and isinstance(raw, str) and len(raw) > most_chars:
        return True
    most_steps = getattr(question, "max_steps", None)  # plan questions
    return isinstance(most_steps, int) and isinstance(raw, list) and len(raw) > most_steps


class _DuplicateField(ValueError):
    """A field written twice: JSON would keep the last, so the file says two things at once."""


def _unique_fields(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _DuplicateField()
    return document


def _beyond_limits(value: Any, depth: int) -> str | None:
    """Why no student could have made this file: a text, list or block too long, or a character
    no browser can show; None when every part is within what the widgets allow."""
    if isinstance(value, str):
        if len(value) > limits.SESSION_TEXT:
            return "too_much"
        return "damaged" if next(lone_surrogates(value), None) else None
    if isinstance(value, list):
        if len(value) > limits.SESSION_LIST:
            return "too_much"
        return next(filter(None, (_beyond_limits(v, depth + 1) for v in value)), None)
    if isinstance(value, dict):
        nickname = value.get("nickname") if depth == 0 else None
        if len(value) > limits.SESSION_ANSWERS or (
            isinstance(nickname, str) and len(nickname) > NICKNAME_CHARS
        ):
            return "too_much"
        for key, v in value.items():
            found = "too_much" if len(key) > limits.SESSION_KEY_CHARS else _beyond_limits(key, depth + 1)
            found = found or _beyond_limits(v, depth + 1)
            if found:
                return found
    return None


def _nesting(text: str) -> int:
    """The deepest nesting of [ and { outside strings, counted before parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a session file")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _language(value: Any, question_set: QuestionSet) -> str:
    known = isinstance(value, str) and value in question_set.languages
    return value if known else question_set.default_language


def _choice(value: Any, allowed: tuple[str, ...], default: str, words: WordLookup | None) -> Any:
    if value is None:
        return default
    if value not in allowed:
        raise SessionError("damaged", words)
    return value


def _text(value: Any, words: WordLookup | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SessionError("damaged", words)
    return value


def _step(value: Any, last: int, words: WordLookup | None) -> int:
    if value is None:
        return 0
    if not _is_int(value):
        raise SessionError("damaged", words)
    return max(0, min(value, last))


def _date(value: Any) -> date | None:
    """The day the file was saved, if it says so plainly; anything else is no date at all."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _reference_words() -> WordLookup:
    return load_words(load_settings().content_dir, "nl")


READABLE_FIELDS = ("name", "what", "other")


def orphan_words(orphans: Mapping[str, Any], limit: int = 20) -> list[str]:
    """What the student wrote in answers that no longer fit: names and own words, to list them."""
    found: list[str] = []

    def walk(value: Any, depth: int) -> None:
        if len(found) >= limit or depth > MAX_SESSION_DEPTH:
            return
        if isinstance(value, str) and value.strip():
            found.append(" ".join(value.split())[:60])
        elif isinstance(value, list):
            for entry in value:
                walk(entry, depth + 1)
        elif isinstance(value, dict):
            for name in READABLE_FIELDS:
                walk(value.get(name), depth + 1)

    for raw in orphans.values():
        walk(raw, 0)
    return found
