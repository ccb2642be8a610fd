"""Interface words (buttons, headings, messages) per language, from content/interface/<lang>.yaml.

The Dutch file is the reference and the model: every key it has, every other language has too,
with the same {placeholders}. The model is built from the Dutch file, so a word added there is
checked everywhere without a change in the code.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from veerkracht.content import (
    ContentError,
    Located,
    Problem,
    field_name,
    parse_yaml,
    validate_located,
)
from veerkracht.messages import counted, message
from veerkracht.model_fields import inert_markdown, plain_school_text

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
                return text.format(**params)
            except (KeyError, IndexError, ValueError) as error:  # a placeholder `check` refuses
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


def _placeholder_rule(allowed: frozenset[str]):
    names = ["{" + name + "}" for name in sorted(allowed)]
    shown = "".join(names)
    if len(names) > 1:
        shown = message("and", "nl", first=", ".join(names[:-1]), last=names[-1])

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
    """A regular expression for editors: text with only these {placeholders} (and {{ }})."""
    names = "|".join(re.escape(name) for name in sorted(allowed))
    braces = r"|\{(?:" + names + r")\}" if names else ""
    return r"^(?:[^{}]|\{\{|\}\}" + braces + r")+$"


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
            json_schema_extra={"pattern": _allowed_pattern(allowed)},
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


def words_model(content_dir: str | FilePath) -> type[BaseModel]:
    """The model every interface file is checked against, built from the Dutch file."""
    path = FilePath(content_dir) / INTERFACE_DIR / REFERENCE_FILE
    try:
        return _model_from_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return create_model("Words", __base__=_WordsModel)


# --- Loading -----------------------------------------------------------------------------------


def _parse(path: FilePath, display: str) -> tuple[Located | None, list[Problem]]:
    try:
        located = parse_yaml(path.read_bytes(), display)
    except ContentError as error:
        return None, list(error.problems)
    except OSError:
        return None, [Problem(display, 1, 1, "", message("unreadable", "nl"))]
    if not isinstance(located.data, dict):
        return None, [Problem(display, 1, 1, "", message("words_not_fields", "nl"))]
    return located, []


def load_language(path: FilePath, display: str | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The words in one file, flat; and the problems that stop it from being read at all."""
    located, problems = _parse(path, display or str(path))
    # Unchecked words cannot fetch a picture or plant a link: their markup shows as text.
    return ({key: inert_markdown(text) for key, text in flatten(located.data).items()} if located
            else {}), problems


def available_languages(content_dir: FilePath) -> list[str]:
    return sorted(p.stem for p in (FilePath(content_dir) / INTERFACE_DIR).glob("*.yaml"))


def load_words(content_dir: str | FilePath, lang: str) -> Words:
    """The words for `lang`; a missing or broken file falls back to the reference language."""
    folder = FilePath(content_dir) / INTERFACE_DIR
    reference, _ = load_language(folder / f"{REFERENCE_LANGUAGE}.yaml")
    own = reference if lang == REFERENCE_LANGUAGE else load_language(folder / f"{lang}.yaml")[0]
    return Words(lang=lang, own=own, reference=reference)


# --- Checking -----------------------------------------------------------------------------------


def check_language(content_dir: str | FilePath, lang: str) -> list[Problem]:
    """Every problem in one language's file: against the Dutch model, and left untranslated."""
    folder = FilePath(content_dir) / INTERFACE_DIR
    path = folder / f"{lang}.yaml"
    display = display_name(path, content_dir)
    if not path.exists():
        text = message("words_file_missing", "nl", lang=lang, reference=REFERENCE_FILE)
        return [Problem(display, 1, 1, "", text)]
    located, problems = _parse(path, display)
    if located is None:
        return problems
    model = words_model(content_dir)
    if not model.model_fields:  # the Dutch file itself cannot be read: its own problems say why
        return []
    _, problems = validate_located(model, located, display)
    problems = _missing_together(problems)
    if lang != REFERENCE_LANGUAGE:
        reference, _ = load_language(folder / f"{REFERENCE_LANGUAGE}.yaml")
        problems += _untranslated(flatten(located.data), reference, located, display)
    return problems


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
        others.append(Problem(first.file, first.line, first.column, parent, text))
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
