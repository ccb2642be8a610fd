"""YAML → validated models. Every problem is reported with file, line, column and field path.

The loader never raises for bad content: it returns what is valid plus every problem found,
so a school's editor fixes a file in one pass and one broken file never hides the good ones.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from veerkracht.model import QuestionSet
from veerkracht.model_fields import field_names_at
from veerkracht.questions import QUESTION_TYPES
from veerkracht.questions.base import Path

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_NODES = 50_000
HELP_FILE = "help.yaml"  # help contacts live beside the question sets, under this name
SCHEMA_LINE = "# yaml-language-server: $schema=questionset.schema.json"

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str  # e.g. "steps[2].questions[0].options[3].icon"; "" for the whole file
    message: str
    severity: Severity = "error"
    rule: str = ""  # lint rule id for warnings, e.g. "VK101"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        tag = f" [{self.rule}]" if self.rule else ""
        kind = "waarschuwing: " if self.severity == "warning" else ""
        place = f"{self.field}: " if self.field else ""
        return f"{where}: {place}{kind}{self.message}{tag}"


@dataclass
class Located:
    """Parsed YAML plus the line and column of every field in it."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path) -> tuple[int, int]:
        """Line and column of a path, or of its nearest parent that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (1, 1)


@dataclass
class LoadedSet:
    file: str
    question_set: QuestionSet | None
    problems: list[Problem]
    source: Located | None = None


@dataclass
class ContentLibrary:
    sets: dict[str, QuestionSet]  # valid sets by id, in file order
    files: list[LoadedSet]
    problems: list[Problem]


class ContentError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def field_name(path: Path) -> str:
    """("steps", 2, "questions", 0) → "steps[2].questions[0]"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- YAML with positions ------------------------------------------------------------------


def parse_yaml(text: str | bytes, file: str, lang: str = "nl") -> Located:
    """Safely parse YAML into plain data with positions; raises ContentError on bad input."""
    size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if size > MAX_BYTES:
        raise ContentError(_problem(file, (1, 1), (), "too_big", lang, max_kb=MAX_BYTES // 1024))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ContentError(_problem(file, (1, 1), (), "not_utf8", lang)) from None
    if not text.strip():
        raise ContentError(_problem(file, (1, 1), (), "empty", lang))
    _check_shape(text, file, lang)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # the exact parser recurses per level; a safety net behind _check_shape
        raise ContentError(_problem(file, (1, 1), (), "too_deep", lang)) from None
    except yaml.MarkedYAMLError as error:
        raise ContentError(_syntax_problem(error, text, file, lang)) from None
    except yaml.YAMLError as error:
        detail = str(error).splitlines()[0]
        raise ContentError(_problem(file, (1, 1), (), "not_yaml", lang, detail=detail)) from None
    if node is None:
        raise ContentError(_problem(file, (1, 1), (), "empty", lang))
    located = Located(data=None)
    builder = _Builder(file, lang, located.marks)
    located.data = builder.build(node, (), 0)
    if builder.problems:
        raise ContentError(builder.problems[0])
    return located


class _Builder:
    """Turns a composed YAML node tree into plain data, remembering where each value stood."""

    def __init__(self, file: str, lang: str, marks: dict[Path, tuple[int, int]]):
        self.file, self.lang, self.marks = file, lang, marks
        self.nodes = 0
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.marks.setdefault(path, where)
        if depth > MAX_DEPTH:
            raise ContentError(_problem(self.file, where, path, "too_deep", self.lang))
        if self.nodes > MAX_NODES:
            raise ContentError(_problem(self.file, where, path, "too_many", self.lang))
        if id(node) in self.seen:  # an alias: the same node a second time
            raise ContentError(_problem(self.file, where, path, "anchor", self.lang))
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:  # e.g. !!python/object: refused, never constructed
            tag = node.tag.replace(_YAML_TAG_PREFIX, "!!")[:40]
            raise ContentError(_problem(self.file, where, path, "tag", self.lang, tag=tag))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if id(key_node) in self.seen:
                    raise ContentError(_problem(self.file, key_where, path, "anchor", self.lang))
                self.seen.add(id(key_node))
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                    raise ContentError(_problem(self.file, key_where, path, "bad_key", self.lang))
                key = str(key_node.value)
                if key in result:
                    raise ContentError(
                        _problem(self.file, key_where, path + (key,), "duplicate_key", self.lang)
                    )
                self.marks[path + (key,)] = key_where
                result[key] = self.build(value_node, path + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if node.tag == _BOOL_TAG and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.1 reads "yes", "no", "on" as booleans; editors mean words
        if node.tag in _TEXT_TAGS:
            return node.value
        if node.tag in (_INT_TAG, _FLOAT_TAG) and ":" in node.value:
            return node.value  # YAML 1.1 reads "1:30" as a number in base 60; editors mean text
        try:
            return self.scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):  # e.g. "!!int abc" or 5000 digits
            raise ContentError(_problem(self.file, where, path, "bad_value", self.lang)) from None


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_BOOL_TAG = _YAML_TAG_PREFIX + "bool"
_INT_TAG = _YAML_TAG_PREFIX + "int"
_FLOAT_TAG = _YAML_TAG_PREFIX + "float"
# Read as the text they are written as: dates, base64, and YAML 1.1's "<<", "=" and "!" markers.
_TEXT_TAGS = frozenset(_YAML_TAG_PREFIX + name for name in ("timestamp", "binary", "merge", "value", "yaml"))
_PLAIN_TAGS = _TEXT_TAGS | frozenset(
    _YAML_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
# libyaml when installed: it finds a too deep or too big file long before the exact parser would.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts


def _check_shape(text: str, file: str, lang: str) -> None:
    """Refuse too deep, too big or aliased YAML from the event stream, before any node is built."""
    open_blocks: list[list[Any]] = []  # per block: [path, is mapping, next is a key, next key or index]
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.CollectionEndEvent):
                open_blocks.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path, is_key = _event_path(open_blocks, event)
            where = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                raise ContentError(_problem(file, where, path, "anchor", lang))
            if len(open_blocks) > MAX_DEPTH:
                raise ContentError(_problem(file, where, path, "too_deep", lang))
            nodes += 0 if is_key else 1
            if nodes > MAX_NODES:
                raise ContentError(_problem(file, where, path, "too_many", lang))
            if isinstance(event, yaml.CollectionStartEvent):
                open_blocks.append([path, isinstance(event, yaml.MappingStartEvent), True, 0])
    except (yaml.YAMLError, UnicodeError):
        return  # syntax mistakes are reported by the exact parser, with its own positions


def _event_path(open_blocks: list[list[Any]], event: yaml.NodeEvent) -> tuple[Path, bool]:
    """The field path of the next node in the event stream, and whether it is a mapping key."""
    if not open_blocks:
        return (), False
    block = open_blocks[-1]
    parent, is_mapping, next_is_key, position = block
    if not is_mapping:
        block[3] = position + 1
        return parent + (position,), False
    block[2] = not next_is_key
    if next_is_key:
        block[3] = str(event.value) if isinstance(event, yaml.ScalarEvent) else "?"
        return parent + (block[3],), True
    return parent + (position,), False


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str, lang: str) -> Problem:
    """A YAML syntax mistake in plain words, placed where the editor has to change something."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return _problem(file, (1, 1), (), "not_yaml", lang, detail=problem)
    lines = _LINE_BREAK.split(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    before = line[: mark.column]
    column = mark.column
    params: dict[str, Any] = {}
    if "character '\\t'" in problem:
        key = "yaml_tab" if not before.strip() else "yaml_tab_inline"
    elif problem.startswith("mapping values are not allowed"):
        first_colon = re.search(r":\s+", line)
        if first_colon and first_colon.end() <= mark.column:  # a second colon: it is in a text
            key, column = "yaml_colon_text", first_colon.end()
            value = line[column:].split(" #")[0].strip()
            if value and value[0] not in "\"'" and '"' not in value:
                key, params = "yaml_colon_text_example", {"text": value}
        else:  # the line continues the value above it
            key, column = "yaml_indent", len(line) - len(line.lstrip())
    elif problem.startswith("could not find expected ':'") and error.context_mark:
        key, mark = "yaml_indent", error.context_mark  # the line that misses it, not the next
        column = mark.column
    elif problem.startswith("expected <block end>"):
        key = "yaml_after_quote" if before.rstrip().endswith(("\"", "'")) else "yaml_indent"
    elif "quoted scalar" in context and "end of stream" in problem and error.context_mark:
        key, mark = "yaml_quote", error.context_mark  # where the quote opens, not the file's end
        column = mark.column
    elif context.startswith("while parsing a flow mapping") and problem.endswith(("':'", "'?'")):
        key = "yaml_flow_text"
    elif context.startswith("found duplicate anchor") or problem.startswith("found undefined alias"):
        key = "anchor"
    else:
        detail = f"{context}, {problem}" if problem.startswith("but ") and context else problem
        key, params = "not_yaml", {"detail": detail}
    return _problem(file, (mark.line + 1, column + 1), _field_at(text, mark.line), key, lang, **params)


def _field_at(text: str, line: int) -> Path:
    """The field a syntax mistake on a line (0-based) stands in, when the parser got that far.

    Inside an open { } or [ ]: that field. Otherwise the key last read, if it is on that line.
    """
    open_blocks: list[list[Any]] = []
    flows: list[Path | None] = []  # per open collection: its path when written with { } or [ ]
    last_key: tuple[Path, int] | None = None
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                open_blocks.pop()
                flows.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path, is_key = _event_path(open_blocks, event)
            if is_key:
                last_key = (path, event.start_mark.line)
            if isinstance(event, yaml.CollectionStartEvent):
                open_blocks.append([path, isinstance(event, yaml.MappingStartEvent), True, 0])
                flows.append(path if event.flow_style else None)
    except (yaml.YAMLError, UnicodeError):
        pass
    flow = next((path for path in reversed(flows) if path is not None), None)
    if flow is not None:
        return flow
    return last_key[0] if last_key and last_key[1] == line else ()


# --- Validation into models ---------------------------------------------------------------


def validate_located(
    model: type[BaseModel], located: Located, file: str, lang: str = "nl"
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate parsed data against a model; every error located in the file, all at once."""
    if not isinstance(located.data, dict):
        kind = "list" if isinstance(located.data, list) else "scalar"
        return None, [_problem(file, (1, 1), (), f"top_is_{kind}", lang)]
    try:
        return model.model_validate(located.data), []
    except ValidationError as error:
        return None, _errors_to_problems(error, model, located, file, lang)


def load_question_set(text: str | bytes, file: str) -> LoadedSet:
    """One question set from YAML text: the set when valid, and every problem found."""
    lang = _guess_language(text)
    try:
        located = parse_yaml(text, file, lang)
    except ContentError as error:
        return LoadedSet(file, None, [error.problem])
    lang = _language_of(located.data, lang)
    question_set, problems = validate_located(QuestionSet, located, file, lang)
    if question_set is not None:
        for path, key, params in question_set.consistency_problems():
            problems.append(_problem(file, located.locate(path), path, key, lang, **params))
        if any(p.severity == "error" for p in problems):
            question_set = None
    elif isinstance(located.data, dict):
        for path, params in _raw_duplicate_ids(located.data):
            problems.append(_problem(file, located.locate(path), path, "duplicate_id", lang, **params))
    problems.sort(key=lambda p: (p.line, p.column))
    return LoadedSet(file, question_set, problems, located)


def _raw_duplicate_ids(data: dict) -> list[tuple[Path, dict]]:
    """Duplicate step, question and option ids, found even when other fields are wrong."""
    steps = data.get("steps") if isinstance(data.get("steps"), list) else []
    step_ids = [(("steps", s, "id"), _id_of(step)) for s, step in enumerate(steps)]
    groups: list[list[tuple[Path, Any]]] = [step_ids]
    questions: list[tuple[Path, Any]] = []
    for s, step in enumerate(steps):
        listed = step.get("questions") if isinstance(step, dict) else None
        for q, question in enumerate(listed if isinstance(listed, list) else []):
            path: Path = ("steps", s, "questions", q)
            questions.append((path + ("id",), _id_of(question)))
            for name in ("options", "suggestions", "helps_with"):
                options = question.get(name) if isinstance(question, dict) else None
                if isinstance(options, list):
                    groups.append([(path + (name, i, "id"), _id_of(o)) for i, o in enumerate(options)])
    groups.append(questions)
    found = []
    for group in groups:
        seen: set[str] = set()
        for path, value in group:
            if isinstance(value, str) and value in seen:
                found.append((path, {"id": value}))
            if isinstance(value, str):
                seen.add(value)
    return found


def _id_of(item: Any) -> Any:
    return item.get("id") if isinstance(item, dict) else None


def question_set_files(folder: FilePath) -> list[FilePath]:
    """The question sets in a content folder: every *.yaml except the help contacts."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != HELP_FILE)


def load_file(path: FilePath, display: str | None = None) -> LoadedSet:
    name = display or str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return LoadedSet(
                name, None, [_problem(name, (1, 1), (), "too_big", "nl", max_kb=MAX_BYTES // 1024)]
            )
        data = path.read_bytes()
    except OSError:
        return LoadedSet(name, None, [_problem(name, (1, 1), (), "unreadable", "nl")])
    return load_question_set(data, name)


def load_folder(folder: str | FilePath, files: list[FilePath] | None = None) -> ContentLibrary:
    """Every question set in a folder. Broken files are reported; good ones still load."""
    folder = FilePath(folder)
    paths = files if files is not None else question_set_files(folder)
    loaded = [load_file(p, _display(p, folder)) for p in paths]
    sets: dict[str, QuestionSet] = {}
    problems = [p for item in loaded for p in item.problems]
    for item in loaded:
        qs = item.question_set
        if qs is None:
            continue
        if qs.id in sets:
            where = item.source.locate(("id",)) if item.source else (1, 1)
            lang = qs.default_language
            problems.append(_problem(item.file, where, ("id",), "duplicate_set", lang, id=qs.id))
            item.question_set = None
            continue
        sets[qs.id] = qs
    return ContentLibrary(sets=sets, files=loaded, problems=problems)


def _display(path: FilePath, folder: FilePath) -> str:
    try:
        return str(path.relative_to(folder.parent)) if folder.parent != path else str(path)
    except ValueError:
        return str(path)


def _guess_language(text: str | bytes) -> str:
    head = text[:4000] if isinstance(text, str) else text[:4000].decode("utf-8", "ignore")
    for line in head.splitlines():
        stripped = line.replace(" ", "")
        if stripped.startswith("languages:[en") or stripped.startswith("languages:-en"):
            return "en"
    return "nl"


def _language_of(data: Any, fallback: str) -> str:
    if isinstance(data, dict):
        languages = data.get("languages")
        first = languages[0] if isinstance(languages, list) and languages else None
        if isinstance(first, str) and first in MESSAGES["missing"]:
            return first
    return fallback


# --- Plain messages for content editors ---------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "missing": {"nl": "Dit veld ontbreekt.", "en": "This field is missing."},
    "extra_forbidden": {
        "nl": "Dit veld bestaat niet. Is het een tikfout?",
        "en": "This field does not exist. Is it a typo?",
    },
    "extra_forbidden_close": {
        "nl": "Dit veld bestaat niet. Bedoel je '{name}'?",
        "en": "This field does not exist. Did you mean '{name}'?",
    },
    "text": {
        "nl": "Hier hoort tekst, of tekst per taal, zoals {{nl: Hoi, en: Hi}}.",
        "en": "This should be text, or text per language, like {{nl: Hoi, en: Hi}}.",
    },
    "string_type": {"nl": "Hier hoort tekst.", "en": "This should be text."},
    "int_type": {"nl": "Hier hoort een heel getal.", "en": "This should be a whole number."},
    "bool_type": {"nl": "Hier hoort true of false.", "en": "This should be true or false."},
    "list_type": {
        "nl": "Hier hoort een lijst: regels die met '- ' beginnen.",
        "en": "This should be a list: lines that start with '- '.",
    },
    "dict_type": {
        "nl": "Hier hoort een blok met velden (naam: waarde).",
        "en": "This should be a block of fields (name: value).",
    },
    "id_pattern": {
        "nl": "Gebruik alleen kleine letters, cijfers, - en _, zonder spaties.",
        "en": "Use only lower-case letters, digits, - and _, without spaces.",
    },
    "version_pattern": {
        "nl": "Schrijf de versie als getal, zoals 1 of 1.2.",
        "en": "Write the version as a number, like 1 or 1.2.",
    },
    "language_pattern": {
        "nl": "Gebruik een taalcode zoals nl, en, tr of ar.",
        "en": "Use a language code like nl, en, tr or ar.",
    },
    "pattern": {"nl": "Deze waarde heeft niet de goede vorm.", "en": "This value has the wrong form."},
    "string_too_short": {"nl": "Dit mag niet leeg zijn.", "en": "This must not be empty."},
    "string_too_long": {
        "nl": "Te lang: hoogstens {max_length} tekens.",
        "en": "Too long: at most {max_length} characters.",
    },
    "too_short": {
        "nl": "Te weinig: minstens {min_length}.",
        "en": "Too few: at least {min_length}.",
    },
    "too_long": {"nl": "Te veel: hoogstens {max_length}.", "en": "Too many: at most {max_length}."},
    "greater_than_equal": {"nl": "Moet minstens {ge} zijn.", "en": "Must be at least {ge}."},
    "less_than_equal": {"nl": "Mag hoogstens {le} zijn.", "en": "Must be at most {le}."},
    "choose": {"nl": "Kies uit: {expected}.", "en": "Choose from: {expected}."},
    "unknown_type": {
        "nl": "Onbekend vraagtype '{tag}'. Kies uit: {expected}.",
        "en": "Unknown question type '{tag}'. Choose from: {expected}.",
    },
    "no_type": {
        "nl": "Elke vraag heeft een 'type' nodig. Kies uit: {expected}.",
        "en": "Every question needs a 'type'. Choose from: {expected}.",
    },
    "invalid": {"nl": "Deze waarde klopt niet: {detail}", "en": "This value is not valid: {detail}"},
    "duplicate_id": {
        "nl": "De id '{id}' komt al eerder voor. Elke id moet anders zijn.",
        "en": "The id '{id}' is used before. Every id must be different.",
    },
    "duplicate_set": {
        "nl": "Er is al een vragenset met id '{id}'. Geef deze set een andere id.",
        "en": "Another question set already has id '{id}'. Give this set another id.",
    },
    "undeclared_language": {
        "nl": "De taal '{code}' staat niet bij 'languages'. Voeg hem toe of haal deze tekst weg.",
        "en": "The language '{code}' is not in 'languages'. Add it or remove this text.",
    },
    "unknown_source": {
        "nl": "'{id}' is geen eerdere vraag van het type people of places.",
        "en": "'{id}' is not an earlier question of type people or places.",
    },
    "plan_without_sources": {
        "nl": "Dit plan kan nergens naar verwijzen: zet eerst een vraag van het type people "
        "of places.",
        "en": "This plan can refer to nothing: put a people or places question before it.",
    },
    "empty": {"nl": "Het bestand is leeg.", "en": "The file is empty."},
    "unreadable": {
        "nl": "Het bestand kan niet gelezen worden.",
        "en": "The file cannot be read.",
    },
    "not_utf8": {
        "nl": "Het bestand is geen tekst (UTF-8). Sla het op als UTF-8.",
        "en": "The file is not text (UTF-8). Save it as UTF-8.",
    },
    "not_yaml": {
        "nl": "Dit is geen geldige YAML. Kijk naar inspringen en dubbele punten. (YAML: {detail})",
        "en": "This is not valid YAML. Check indentation and colons. (YAML: {detail})",
    },
    "yaml_tab": {
        "nl": "Gebruik spaties om in te springen, geen tab.",
        "en": "Use spaces to indent, not a tab.",
    },
    "yaml_tab_inline": {"nl": "Gebruik hier een spatie, geen tab.", "en": "Use a space here, not a tab."},
    "yaml_colon_text": {
        "nl": "Deze tekst heeft een dubbele punt. Zet de hele tekst tussen aanhalingstekens.",
        "en": "This text has a colon. Put the whole text between quotes.",
    },
    "yaml_colon_text_example": {
        "nl": 'Deze tekst heeft een dubbele punt. Zet de hele tekst tussen aanhalingstekens: "{text}".',
        "en": 'This text has a colon. Put the whole text between quotes: "{text}".',
    },
    "yaml_indent": {
        "nl": "Deze regel springt niet goed in, of er mist een dubbele punt na de veldnaam.",
        "en": "This line is not indented right, or a colon is missing after the field name.",
    },
    "yaml_quote": {
        "nl": "Dit aanhalingsteken wordt niet gesloten. Zet hetzelfde teken ook aan het eind van de tekst.",
        "en": "This quote is not closed. Put the same quote at the end of the text too.",
    },
    "yaml_after_quote": {
        "nl": "Na het aanhalingsteken staat nog tekst. Zet de aanhalingstekens om de hele tekst.",
        "en": "There is more text after the quote. Put the quotes around the whole text.",
    },
    "yaml_flow_text": {
        "nl": "Een tekst tussen {{ }} met een komma, dubbele punt of vraagteken moet tussen "
        "aanhalingstekens.",
        "en": "A text inside {{ }} with a comma, colon or question mark must be between quotes.",
    },
    "comma_in_text": {
        "nl": "Hier staat een komma in een tekst zonder aanhalingstekens. Zet de hele tekst tussen "
        "aanhalingstekens.",
        "en": "This text has a comma but no quotes. Put the whole text between quotes.",
    },
    "comma_in_text_example": {
        "nl": "Hier staat een komma in een tekst zonder aanhalingstekens. Zet de hele tekst tussen "
        'aanhalingstekens: "{text}".',
        "en": 'This text has a comma but no quotes. Put the whole text between quotes: "{text}".',
    },
    "top_is_list": {
        "nl": "Het bestand is een lijst; een vragenset begint met velden zoals 'id:' en 'title:'.",
        "en": "The file is a list; a question set starts with fields like 'id:' and 'title:'.",
    },
    "top_is_scalar": {
        "nl": "Het bestand bevat alleen een losse waarde; een vragenset begint met 'id:'.",
        "en": "The file holds a single value; a question set starts with 'id:'.",
    },
    "too_big": {
        "nl": "Het bestand is te groot (meer dan {max_kb} kB).",
        "en": "The file is too big (more than {max_kb} kB).",
    },
    "too_deep": {
        "nl": "Het bestand is te diep genest.",
        "en": "The file is nested too deeply.",
    },
    "too_many": {"nl": "Het bestand heeft te veel onderdelen.", "en": "The file has too many parts."},
    "anchor": {
        "nl": "Ankers (&) en verwijzingen (*) zijn niet toegestaan. Schrijf de tekst uit.",
        "en": "Anchors (&) and aliases (*) are not allowed. Write the text out.",
    },
    "duplicate_key": {
        "nl": "Dit veld staat er twee keer.",
        "en": "This field appears twice.",
    },
    "tag": {
        "nl": "Labels met ! (zoals {tag}) zijn niet toegestaan. Schrijf gewone tekst.",
        "en": "Tags with ! (like {tag}) are not allowed. Write plain text.",
    },
    "bad_key": {
        "nl": "Een veldnaam moet een gewoon woord zijn, zoals 'title'.",
        "en": "A field name must be a plain word, like 'title'.",
    },
    "bad_value": {
        "nl": "Deze waarde kan niet gelezen worden. Schrijf een gewoon getal of gewone tekst.",
        "en": "This value cannot be read. Write a plain number or plain text.",
    },
}

_TYPE_ERRORS = {
    "string_type": "string_type",
    "int_type": "int_type",
    "int_parsing": "int_type",
    "int_from_float": "int_type",
    "bool_type": "bool_type",
    "bool_parsing": "bool_type",
    "list_type": "list_type",
    "dict_type": "dict_type",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
}
_PASSTHROUGH = {
    "missing", "extra_forbidden", "string_too_short", "string_too_long", "too_short",
    "too_long", "greater_than_equal", "less_than_equal",
}


def message(key: str, lang: str, **params: Any) -> str:
    texts = MESSAGES[key]
    return texts.get(lang, texts["nl"]).format(**params)


def _problem(
    file: str, where: tuple[int, int], path: Path, key: str, lang: str, **params: Any
) -> Problem:
    return Problem(file, where[0], where[1], field_name(path), message(key, lang, **params))


def _strip_loc(loc: tuple, data: Any) -> tuple[Path, bool]:
    """Drop pydantic's union tags from a location so it walks the YAML data.

    Returns the path and whether it passed through a text field's str|dict union.
    """
    path: list[str | int] = []
    current = data
    through_text_union = False
    tagged = None
    for part in loc:
        if (
            isinstance(current, dict) and current is not tagged
            and part in QUESTION_TYPES and current.get("type") == part
        ):
            tagged = current  # the union's tag, once, even when it matches a field name (`text`)
            continue
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
        elif isinstance(part, str) and part in ("str", "dict[str,str]"):
            through_text_union = True
        elif isinstance(part, str) and part in QUESTION_TYPES:
            continue  # the discriminated union's tag
        elif isinstance(part, str) and part.startswith(("function-", "nullable", "list[")):
            continue
        else:
            path.append(part)
            current = None
    return tuple(path), through_text_union


def _errors_to_problems(
    error: ValidationError, model: type[BaseModel], located: Located, file: str, lang: str
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[Path] = set()
    items = [(item, *_strip_loc(item["loc"], located.data)) for item in error.errors(include_url=False)]
    split_texts: dict[Path, tuple[str | None, list[str]]] = {}  # by the mapping it stands in
    for item, path, text_union in items:
        if path and (item["type"] == "extra_forbidden" or text_union):
            known = field_names_at(model, item["loc"][:-1])
            split = _comma_split_text(located.data, path, known)
            if split[1]:
                split_texts.setdefault(path[:-1], split)
    split_reported: set[Path] = set()
    for item, path, text_union in items:
        parent = path[:-1]
        if parent in split_texts and path[-1] in split_texts[parent][1]:
            if parent not in split_reported:  # one message for the whole text, on its mapping
                split_reported.add(parent)
                problems.append(_comma_problem(file, located, parent, *split_texts[parent], lang))
            continue
        if path in seen or (text_union and path in split_texts):
            continue  # one message per field: a str|dict union reports twice
        seen.add(path)
        if item["type"] == "extra_forbidden":
            key, params = _unknown_field(model, item["loc"], located.data, path)
        else:
            key, params = _explain(item, path, text_union, lang)
        if item["type"] == "union_tag_invalid":
            path = path + ("type",)  # point the editor at the misspelt type, not the whole question
        problems.append(_problem(file, located.locate(path), path, key, lang, **params))
    return problems


def _comma_split_text(data: Any, path: Path, known: list[str]) -> tuple[str | None, list[str]]:
    """Keys that are pieces of one text a comma split up, as in `{label: Sport, spel of dans}`.

    YAML reads "spel of dans" as a key without a value. Returns the key before the pieces (it
    holds the start of the text) and the pieces; no pieces when none of them looks like text.
    """
    parent, key = _value_at(data, path[:-1]), path[-1]
    if not isinstance(parent, dict) or key not in parent or parent[key] is not None:
        return None, []
    keys = list(parent)

    def piece(name: str) -> bool:
        return parent[name] is None and name not in known

    start = end = keys.index(key)
    while start > 0 and piece(keys[start - 1]):
        start -= 1
    while end + 1 < len(keys) and piece(keys[end + 1]):
        end += 1
    pieces = keys[start : end + 1]
    if not any(" " in name for name in pieces):
        return None, []
    return (keys[start - 1] if start > 0 else None), pieces


def _comma_problem(
    file: str, located: Located, parent: Path, head: str | None, pieces: list[str], lang: str
) -> Problem:
    """One message for a text split at its commas, with the text quoted when it can be rebuilt."""
    mapping = _value_at(located.data, parent)
    where = located.locate(parent + (pieces[0],))
    if head is not None and isinstance(mapping[head], str):
        text = ", ".join([mapping[head], *pieces])
        same_line = located.locate(parent + (head,))[0] == where[0]
        if same_line and '"' not in text:
            return _problem(file, where, parent, "comma_in_text_example", lang, text=text)
    return _problem(file, where, parent, "comma_in_text", lang)


def _value_at(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _unknown_field(
    model: type[BaseModel], loc: tuple, data: Any, path: Path
) -> tuple[str, dict[str, Any]]:
    """Suggest the field the editor probably meant, unless it is already there."""
    present = _value_at(data, path[:-1])
    known = [n for n in field_names_at(model, loc[:-1]) if not isinstance(present, dict) or n not in present]
    close = difflib.get_close_matches(str(loc[-1]), known, n=1)
    return ("extra_forbidden_close", {"name": close[0]}) if close else ("extra_forbidden", {})


def _explain(
    item: dict, path: Path, text_union: bool, lang: str
) -> tuple[str, dict[str, Any]]:
    kind, ctx = item["type"], item.get("ctx") or {}
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    if text_union and kind in ("string_type", "dict_type"):
        return "text", {}
    if kind == "union_tag_invalid":
        return "unknown_type", {"tag": ctx.get("tag", "?"), "expected": _type_names()}
    if kind == "union_tag_not_found":
        return "no_type", {"expected": _type_names()}
    if kind in _TYPE_ERRORS:
        return _TYPE_ERRORS[kind], {}
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return "choose", {"expected": expected.replace(" or ", " of " if lang == "nl" else " or ")}
    if kind == "string_pattern_mismatch":
        if last == "version":
            return "version_pattern", {}
        if last == "languages" or (len(path) >= 2 and path[-2] == "languages"):
            return "language_pattern", {}
        return "id_pattern", {}
    if kind in _PASSTHROUGH:
        return kind, {k: ctx[k] for k in ("max_length", "min_length", "ge", "le") if k in ctx}
    detail = str(ctx.get("error", item.get("msg", ""))).removeprefix("Value error, ")
    return "invalid", {"detail": detail}


def _type_names() -> str:
    return ", ".join(QUESTION_TYPES)
