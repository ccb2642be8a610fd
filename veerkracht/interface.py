"""Interface words (buttons, headings, messages) per language, from content/interface/<lang>.yaml.

The Dutch words the app ships are the model: every key they have, every language of a school has
too, with the same {placeholders}, the school's own nl.yaml included. So a mistake in a school's
nl.yaml is reported in nl.yaml, and a word the school's files lack (a file written for an earlier
release, or a broken one) falls back to the word the app ships for that language, else to Dutch:
never to a raw key. A word is data: only its own {names} are filled in (fill), never str.format.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from veerkracht import formats
from veerkracht.content import (
    ContentError,
    Located,
    Problem,
    field_name,
    parse_yaml,
    validate_located,
)
from veerkracht.messages import counted, message, rule_of
from veerkracht.model_fields import inert_markdown, plain_school_text
from veerkracht.settings import DEFAULT_CONTENT_DIR

INTERFACE_DIR = "interface"
REFERENCE_LANGUAGE = "nl"
REFERENCE_FILE = f"{REFERENCE_LANGUAGE}.yaml"
SCHEMA_FILE = "interface.schema.json"  # beside the question set schema, in content/
UNTRANSLATED_RULE = "VK201"
# A text counts as "left untranslated" only when it has this many words; shorter texts, names
# and emoji are often the same in two languages.
MIN_WORDS_TO_COMPARE = 2
_WORD = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_FORMATTER = string.Formatter()
_SLOT = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")  # {{, }} or one {slot}; one pass, linear in the text
SHIPPED_CONTENT = DEFAULT_CONTENT_DIR  # the words the app ships, in every language it ships
_LOG = logging.getLogger("veerkracht.interface")


class WordError(LookupError):
    """A word the app cannot show; raised only during the render walk, else the app falls back."""


class _StrictWords:
    """Set by the render walk: there a word that would fall back or show its key is an error."""

    on = False


strict_words = _StrictWords()


@dataclass(frozen=True)
class Words:
    """Interface words in one language, falling back to the reference language, then the key."""

    lang: str
    own: dict[str, str]
    reference: dict[str, str]

    def __call__(self, key: str, **params: object) -> str:
        for text in (self.own.get(key), self.reference.get(key)):
            if not text:
                continue
            if not params:
                return text
            try:
                return fill(text, params)
            except KeyError as error:  # a placeholder `check` refuses
                if strict_words.on:
                    detail = message("word_unfit", "nl", key=key, lang=self.lang, error=repr(error))
                    raise WordError(detail) from None
                continue
        if strict_words.on:
            raise WordError(message("word_unknown", "nl", key=key, lang=self.lang))
        return key

    @property
    def direction(self) -> str:
        return self.own.get("meta.direction", "ltr")


def fill(text: str, params: Mapping[str, object]) -> str:
    """The text with each {name} replaced by its value and {{ }} by single braces.

    Anything else between braces (an attribute, an index, a width) is no name: KeyError, as for a
    name that is not given. No lookup, no format spec, so a word can neither reach into the app
    nor make it build a huge text.
    """

    def one(found: re.Match[str]) -> str:
        slot = found.group()
        if slot in ("{{", "}}"):
            return slot[0]
        name = found.group(1)
        if name not in params:
            raise KeyError(name[:40])
        return str(params[name])

    return _SLOT.sub(one, text)


def flatten(data: object, prefix: str = "") -> dict[str, str]:
    """{"level": {"individual": "Ik zelf"}} → {"level.individual": "Ik zelf"}."""
    if isinstance(data, dict):
        flat: dict[str, str] = {}
        for key, value in data.items():
            flat.update(flatten(value, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): "" if data is None else str(data)}


def placeholders(text: str) -> tuple[set[str], bool]:
    """The {names} in a text, and whether every brace is a plain {name} or a doubled {{ }}."""
    names: set[str] = set()
    try:
        for _, name, spec, conversion in _FORMATTER.parse(text):
            if name is None:
                continue
            if not name.isidentifier() or spec or conversion:
                return names, False
            names.add(name)
    except ValueError:  # a lone { or }
        return names, False
    return names, True


# --- The model, built from the Dutch file ----------------------------------------------------


class _WordsModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _shown(allowed: frozenset[str]) -> str:
    names = ["{" + name + "}" for name in sorted(allowed)]
    if len(names) > 1:
        return message("and", "nl", first=", ".join(names[:-1]), last=names[-1])
    return "".join(names)


def _placeholder_rule(allowed: frozenset[str]):
    shown = _shown(allowed)

    def check(value: str) -> str:
        found, plain = placeholders(value)
        if not plain:
            raise ValueError(message("placeholder_form_names", "nl", shown=shown) if allowed
                             else message("placeholder_form", "nl"))
        unknown = sorted(found - allowed)
        if unknown:
            wrong = ", ".join("{" + name + "}" for name in unknown)
            raise ValueError(message("placeholder_unknown", "nl", wrong=wrong, shown=shown,
                                     reference=REFERENCE_FILE) if allowed
                             else message("placeholder_none", "nl", wrong=wrong))
        missing = sorted(allowed - found)
        if missing:
            lost = ", ".join("{" + name + "}" for name in missing)
            raise ValueError(message("placeholder_missing", "nl", lost=lost, shown=shown,
                                     reference=REFERENCE_FILE))
        return value

    return check


def _allowed_pattern(allowed: frozenset[str]) -> str:
    """A regular expression for editors: text with exactly these {placeholders} (each at least once)
    and no other braces than {{ }}: what check asks too."""
    names = "|".join(re.escape(name) for name in sorted(allowed))
    braces = r"|\{(?:" + names + r")\}" if names else ""
    each = "".join(r"(?=[\s\S]*\{" + re.escape(name) + r"\})" for name in sorted(allowed))
    return r"^" + each + r"(?:[^{}]|\{\{|\}\}" + braces + r")+$"


def _leaf(key: str, text: str) -> Any:
    if key == "meta.direction":
        return Annotated[
            Literal["ltr", "rtl"],
            Field(description="ltr: van links naar rechts. rtl: van rechts naar links (Arabisch)."),
        ]
    allowed = frozenset(placeholders(text)[0])
    return Annotated[
        str,
        AfterValidator(_placeholder_rule(allowed)),
        AfterValidator(plain_school_text),
        Field(
            min_length=1,
            description=f"Nederlands: {text}",
            json_schema_extra={
                "pattern": _allowed_pattern(allowed),
                "patternErrorMessage": message("invalid", "nl", detail=(
                    message("placeholder_form_names", "nl", shown=_shown(allowed))
                    if allowed else message("placeholder_form", "nl"))),
            },
        ),
    ]


def _build(data: dict, prefix: str) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            fields[key] = (_build(value, f"{path}."), ...)
        elif isinstance(value, str):
            fields[key] = (_leaf(path, value), ...)
    name = "Words" + "".join(part.title().replace("_", "") for part in prefix.split(".") if part)
    return create_model(name, __base__=_WordsModel, **fields)


@lru_cache(maxsize=8)
def _model_from_text(text: str) -> type[BaseModel]:
    try:
        located = parse_yaml(text, REFERENCE_LANGUAGE)
    except ContentError:
        return create_model("Words", __base__=_WordsModel)
    return _build(located.data if isinstance(located.data, dict) else {}, "")


def words_model(content_dir: str | FilePath | None = None) -> type[BaseModel]:
    """The model every interface file is checked against: the Dutch words the app ships.

    The code asks for these words with these {placeholders}, so they are the truth for every file,
    a school's own nl.yaml included. (`content_dir` is read only when the app's own file is not.)
    """
    for folder in (SHIPPED_CONTENT, content_dir):
        if folder is None:
            continue
        try:
            text = (FilePath(folder) / INTERFACE_DIR / REFERENCE_FILE).read_text(encoding="utf-8")
            model = _model_from_text(text)
        except (OSError, UnicodeDecodeError):
            continue
        if model.model_fields:
            return model
    return create_model("Words", __base__=_WordsModel)


@lru_cache(maxsize=1)
def _slots_from_text(text: str) -> dict[str, frozenset[str]]:
    try:
        located = parse_yaml(text, REFERENCE_LANGUAGE)
    except ContentError:
        return {}
    return {key: frozenset(placeholders(value)[0]) for key, value in flatten(located.data).items()}


def reference_slots() -> dict[str, frozenset[str]]:
    """Each word the app ships, with the {placeholders} the code fills in for it."""
    path = SHIPPED_CONTENT / INTERFACE_DIR / REFERENCE_FILE
    try:
        return _slots_of_file(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


@lru_cache(maxsize=2)
def _slots_of_file(path: str, changed: int) -> dict[str, frozenset[str]]:
    try:
        return _slots_from_text(FilePath(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def fits(key: str, text: object) -> bool:
    """Whether a text can stand for this word: plain {names}, exactly the ones the code fills in."""
    if key == "meta.direction":
        return text in ("ltr", "rtl")
    slots = reference_slots()
    if key not in slots or not isinstance(text, str) or not text:
        return False
    found, plain = placeholders(text)
    return plain and found == slots[key]


# --- Loading -----------------------------------------------------------------------------------


def _parse(path: FilePath, display: str) -> tuple[Located | None, list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError:
        return None, [Problem(display, 1, 1, "", message("unreadable", "nl"), rule=rule_of("unreadable"))]
    return _parse_bytes(data, display)


# `check` reads nl.yaml once for each language it compares; the same bytes are parsed once.
@lru_cache(maxsize=32)
def _parse_bytes(data: bytes, display: str) -> tuple[Located | None, list[Problem]]:
    try:
        located = parse_yaml(data, display)
    except ContentError as error:
        return None, list(error.problems)
    if not isinstance(located.data, dict):
        text = message("words_not_fields", "nl")
        return None, [Problem(display, 1, 1, "", text, rule=rule_of("words_not_fields"))]
    return located, []


def load_language(path: FilePath, display: str | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The words in one file, flat; and the problems that stop it from being read at all."""
    located, problems = _parse(path, display or str(path))
    # Unchecked words cannot fetch a picture or plant a link: their markup shows as text.
    return ({key: inert_markdown(text) for key, text in flatten(located.data).items()} if located
            else {}), problems


def available_languages(content_dir: FilePath) -> list[str]:
    return sorted(p.stem for p in (FilePath(content_dir) / INTERFACE_DIR).glob("*.yaml"))


def usable_words(path: FilePath) -> tuple[dict[str, str], list[str]]:
    """The words of one file the app can show, read as the current format: each a word the app
    asks for, with its own {placeholders}; and why others are left out (for the server's log)."""
    if not path.exists():
        return {}, []
    located, problems = _parse(path, str(path))
    if located is None:
        return {}, [problems[0].message if problems else message("unreadable", "nl")]
    data, _ = formats.migrate(located.data, _declared(path), "interface", fits)
    words, unfit = {}, []
    for key, text in flatten(data).items():
        if fits(key, text):
            words[key] = inert_markdown(text)  # unchecked words cannot fetch a picture or plant a link
        else:
            unfit.append(key)
    return words, ([message("words_unfit_logged", "nl", count=len(unfit), first=unfit[0])] if unfit else [])


def _declared(path: FilePath) -> int:
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            head = "".join(file.readline() for _ in range(8))
    except OSError:
        return formats.PREVIOUS
    return formats.declared_format(head).number


def _shipped(lang: str) -> dict[str, str]:
    path = SHIPPED_CONTENT / INTERFACE_DIR / f"{lang}.yaml"
    try:
        return _shipped_words(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


@lru_cache(maxsize=16)
def _shipped_words(path: str, changed: int) -> dict[str, str]:
    return usable_words(FilePath(path))[0]


def load_words(content_dir: str | FilePath, lang: str) -> Words:
    """The words for `lang`: the school's, then the app's own in that language, then Dutch (the
    school's, then the app's). A broken or old file never leaves a raw key on a screen; the server's
    log says which file lacks what."""
    folder = FilePath(content_dir) / INTERFACE_DIR
    school_reference, why = usable_words(folder / REFERENCE_FILE)
    _log_unusable(folder / REFERENCE_FILE, why)
    reference = {**_shipped(REFERENCE_LANGUAGE), **school_reference}
    if lang == REFERENCE_LANGUAGE:
        return Words(lang=lang, own=reference, reference=reference)
    school_own, why = usable_words(folder / f"{lang}.yaml")
    _log_unusable(folder / f"{lang}.yaml", why)
    return Words(lang=lang, own={**_shipped(lang), **school_own}, reference=reference)


def _log_unusable(path: FilePath, why: list[str]) -> None:
    for reason in why:
        _LOG.warning(message("words_fallback_logged", "nl", file=str(path), reason=reason))


# --- Checking -----------------------------------------------------------------------------------


def check_language(content_dir: str | FilePath, lang: str) -> list[Problem]:
    """Every problem in one language's file: against the app's Dutch words (which words, which
    {placeholders}), what changed since the format it was written for, and left untranslated
    (only when the school's nl.yaml itself is valid, so its mistakes stay in nl.yaml)."""
    folder = FilePath(content_dir) / INTERFACE_DIR
    path = folder / f"{lang}.yaml"
    display = display_name(path, content_dir)
    if not path.exists():
        text = message("words_file_missing", "nl", lang=lang, reference=REFERENCE_FILE)
        return [Problem(display, 1, 1, "", text, rule=rule_of("words_file_missing"))]
    located, problems = _parse(path, display)
    if located is None:
        return problems
    model = words_model(content_dir)
    if not model.model_fields:
        return []
    declared = formats.declared_format(path.read_text(encoding="utf-8", errors="replace"))
    if declared.written is not None:
        text = message("format_unknown", "nl", written=declared.written, known=formats.known_formats())
        return [Problem(display, declared.line, 1, "", text, rule=FORMAT_RULES["unknown"])]
    data, notes = formats.migrate(located.data, declared.number, "interface", fits)
    marks = dict(located.marks)  # the parsed file is shared (cached): its marks stay as they are
    for note in notes:
        if note.what == "renamed":
            marks[tuple(note.new.split("."))] = located.locate(tuple(note.key.split(".")))
    migrated = Located(data=data, marks=marks, explicit_keys=located.explicit_keys)
    _, problems = validate_located(model, migrated, display)
    problems = _new_words_fall_back(problems, declared.number, lang, display)
    problems = _missing_together(problems)
    problems += [_format_note(note, located, display) for note in notes]
    if lang != REFERENCE_LANGUAGE:
        reference = _valid_reference(content_dir)
        if reference is not None:
            problems += _untranslated(flatten(data), reference, located, display)
    return sorted(problems, key=lambda p: (p.line, p.column, p.field))


FORMAT_RULES = {
    "unknown": "VK401", "renamed": "VK402", "replaced": "VK402", "removed": "VK403", "added": "VK404",
}


def _format_note(note: formats.Note, located: Located, display: str) -> Problem:
    path = tuple(note.key.split("."))
    line, column = located.locate(path)
    text = message(f"format_{note.what}", "nl", key=note.key, new=note.new)
    return Problem(display, line, column, note.key, text, severity="warning", rule=FORMAT_RULES[note.what])


def _new_words_fall_back(problems: list[Problem], number: int, lang: str, display: str) -> list[Problem]:
    """Words that are new since the file's format and missing from it: one warning, not an error,
    since the app shows its own word there (in this language if it ships it, else in Dutch)."""
    added = formats.added_since(number, "interface")
    missing = message("missing", "nl")
    new, others = [], []
    slots = reference_slots()
    for problem in problems:
        under = [key for key in slots if key == problem.field or key.startswith(problem.field + ".")]
        if problem.message == missing and under and all(key in added for key in under):
            new.append((problem, under))
        else:
            others.append(problem)
    if not new:
        return problems
    names = [key for _, group in new for key in group]
    shipped = "nl" if not _shipped(lang) else lang
    first = new[0][0]
    text = counted("format_added", "nl", len(names), names=", ".join(names), lang=shipped)
    return others + [Problem(display, first.line, first.column, first.field, text, severity="warning",
                             rule=FORMAT_RULES["added"])]


def _valid_reference(content_dir: str | FilePath) -> dict[str, str] | None:
    """The school's Dutch words, when nl.yaml has no errors; else None (its problems are its own)."""
    try:
        data = (FilePath(content_dir) / INTERFACE_DIR / REFERENCE_FILE).read_bytes()
    except OSError:
        return None
    return _reference_if_valid(str(content_dir), data)


# Each language is compared with nl.yaml: it is checked once per version of its bytes, not per language.
@lru_cache(maxsize=4)
def _reference_if_valid(content_dir: str, data: bytes) -> dict[str, str] | None:
    if any(p.severity == "error" for p in check_language(content_dir, REFERENCE_LANGUAGE)):
        return None
    return usable_words(FilePath(content_dir) / INTERFACE_DIR / REFERENCE_FILE)[0]


def _missing_together(problems: list[Problem]) -> list[Problem]:
    """Words missing under one heading (such as `map:`) as one line that names them all."""
    missing = message("missing", "nl")
    groups: dict[str, list[Problem]] = {}
    others = []
    for problem in problems:
        if problem.message == missing and "." in problem.field:
            groups.setdefault(problem.field.rsplit(".", 1)[0], []).append(problem)
        else:
            others.append(problem)
    for parent, group in groups.items():
        if len(group) == 1:
            others.append(group[0])
            continue
        names = ", ".join(p.field.rsplit(".", 1)[1] for p in group)
        text = message("words_missing_together", "nl", count=len(group), names=names)
        first = group[0]
        others.append(Problem(first.file, first.line, first.column, parent, text, rule=rule_of("missing")))
    return sorted(others, key=lambda p: (p.line, p.column, p.field))


def _untranslated(
    own: dict[str, str], reference: dict[str, str], located: Located, display: str
) -> list[Problem]:
    same = [
        key for key, text in own.items()
        if reference.get(key) == text
        and len(_WORD.findall(_PLACEHOLDER.sub("", text))) >= MIN_WORDS_TO_COMPARE
    ]
    if not same:
        return []
    path = tuple(same[0].split("."))
    line, column = located.locate(path)
    text = counted("untranslated", "nl", len(same), reference=REFERENCE_FILE, first=same[0])
    return [Problem(display, line, column, field_name(path), text, severity="warning",
                    rule=UNTRANSLATED_RULE)]


def check_interface(
    content_dir: str | FilePath, languages: set[str] | None = None
) -> list[Problem]:
    """Problems in the interface files: the Dutch reference, then every other file (or those asked)."""
    present = set(available_languages(FilePath(content_dir)))
    wanted = present if languages is None else (languages & present)
    problems = check_language(content_dir, REFERENCE_LANGUAGE)
    for lang in sorted(wanted - {REFERENCE_LANGUAGE}):
        problems += check_language(content_dir, lang)
    return problems


def ready_languages(content_dir: str | FilePath) -> frozenset[str]:
    """Languages whose interface words are complete and correct: the ones the app may offer."""
    return frozenset(
        lang for lang in available_languages(FilePath(content_dir))
        if not any(p.severity == "error" for p in check_language(content_dir, lang))
    )


def schema(content_dir: str | FilePath) -> dict[str, Any]:
    """The JSON Schema of an interface file, from the Dutch file in this content folder."""
    return words_model(content_dir).model_json_schema()


def display_name(path: FilePath, content_dir: str | FilePath) -> str:
    base = FilePath(content_dir)
    try:
        return str(path.relative_to(base.parent))
    except ValueError:
        return str(path)
