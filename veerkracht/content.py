"""YAML → validated models. Every problem is reported with file, line, column and field path.

The loader never raises for bad content: it returns what is valid plus every problem found,
so a school's editor fixes a file in one pass and one broken file never hides the good ones.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from veerkracht import limits
from veerkracht.messages import MESSAGES, message, rule_of, rule_of_text
from veerkracht.model import QuestionSet
from veerkracht.model_fields import field_names_at
from veerkracht.questions import QUESTION_TYPES
from veerkracht.questions.base import Path
from veerkracht.text import UNSHOWABLE, char_name, escaped, unshowable

MAX_BYTES = limits.CONTENT_BYTES
MAX_DEPTH = limits.CONTENT_DEPTH
MAX_NODES = limits.CONTENT_NODES
MAX_PROBLEMS = 100  # per file; past these, one line says how many more there are
HELP_FILE = "help.yaml"  # help contacts live beside the question sets, under this name
SCHEMA_LINE = "# yaml-language-server: $schema=questionset.schema.json"

Severity = Literal["error", "warning", "note"]  # a note (such as VK203) never fails a check


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str  # e.g. "steps[2].questions[0].options[3].icon"; "" for the whole file
    message: str
    severity: Severity = "error"
    rule: str = ""  # rule code, e.g. "VK004" for a wrong value, "VK101" for a long question

    def __post_init__(self) -> None:
        if not self.rule:  # made elsewhere from a plain message: its code comes with its words
            object.__setattr__(self, "rule", rule_of_text(self.message))

    def __str__(self) -> str:
        """One line, always: what the file holds is shown escaped, so it cannot steer a terminal."""
        where = f"{escaped(self.file)}:{self.line}:{self.column}"
        tag = f" [{self.rule}]" if self.rule else ""
        kind = {"warning": "waarschuwing: ", "note": "let op: "}.get(self.severity, "")
        place = f"{escaped(self.field)}: " if self.field else ""
        return f"{where}: {place}{kind}{escaped(self.message)}{tag}"


@dataclass
class Located:
    """Parsed YAML plus the line and column of every field in it."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    explicit_keys: set[Path] = field(default_factory=set)  # fields written as "? name"

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
    """A file that cannot be read as data; `problems` has every problem found, `problem` the first."""

    def __init__(self, problem: Problem, *more: Problem):
        super().__init__(str(problem))
        self.problem = problem
        self.problems = [problem, *more]


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
    _refuse_unshowable(text, file, lang)
    _check_shape(text, file, lang)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # the exact parser recurses per level; a safety net behind _check_shape
        raise ContentError(_problem(file, (1, 1), (), "too_deep", lang)) from None
    except yaml.MarkedYAMLError as error:
        raise ContentError(_syntax_problem(error, text, file, lang)) from None
    except yaml.YAMLError:
        raise ContentError(_problem(file, (1, 1), (), "not_yaml", lang)) from None
    if node is None:
        raise ContentError(_problem(file, (1, 1), (), "empty", lang))
    located = Located(data=None)
    builder = _Builder(text, file, lang, located)
    located.data = builder.build(node, (), 0)
    if builder.problems:
        raise ContentError(*builder.problems)
    return located


def _refuse_unshowable(text: str, file: str, lang: str) -> None:
    """Control characters and lone surrogates, each placed at its line, column and field.

    Found before YAML reads the file (PyYAML and libyaml would each stop at the first with words
    of their own); the fields are then read from the file with those characters made harmless.
    """
    found = []
    for match in unshowable(text):
        found.append((match.start(), match.group()))
        if len(found) > MAX_PROBLEMS:
            break
    if not found:
        return
    harmless = unshowable_replaced(text)
    places = _places(harmless, [index for index, _ in found])
    paths = _paths_at(harmless, places)
    problems = [
        _problem(file, (line + 1, column + 1), path, _char_key(char), lang, char=char_name(char))
        for (_, char), (line, column), path in zip(found, places, paths, strict=True)
    ]
    raise ContentError(*_capped(problems, file, lang))


def unshowable_replaced(text: str) -> str:
    """The text with every character no screen can show turned into U+FFFD, one for one."""
    return UNSHOWABLE.sub("\ufffd", text)


def _char_key(char: str) -> str:
    return "surrogate" if "\ud800" <= char <= "\udfff" else "unshowable"


def _places(text: str, indexes: list[int]) -> list[tuple[int, int]]:
    """(line, column) from 0 of each character index (in order), counting breaks as YAML does."""
    places, line, line_start, breaks = [], 0, 0, _LINE_BREAK.finditer(text)
    upcoming = next(breaks, None)
    for index in indexes:
        while upcoming is not None and upcoming.end() <= index:
            line, line_start = line + 1, upcoming.end()
            upcoming = next(breaks, None)
        places.append((line, index - line_start))
    return places


def _paths_at(text: str, places: list[tuple[int, int]]) -> list[Path]:
    """The field each place (line, column from 0, in order) stands in: the text or field name it is
    part of, else a value on the same line; () when the parser gets no further or nothing is there.
    """
    paths: list[Path] = [() for _ in places]
    next_place = 0
    last_scalar: tuple[int, Path] | None = None  # the line a scalar ended on, and its path

    def settle_before(start: tuple[int, int]) -> None:
        nonlocal next_place
        while next_place < len(places) and places[next_place] < start:
            if last_scalar and last_scalar[0] == places[next_place][0]:
                paths[next_place] = last_scalar[1]
            next_place += 1

    open_blocks: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                open_blocks.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path, _ = _event_path(open_blocks, event)
            start = (event.start_mark.line, event.start_mark.column)
            settle_before(start)
            if isinstance(event, yaml.ScalarEvent):
                end = (event.end_mark.line, event.end_mark.column)
                while next_place < len(places) and places[next_place] <= end:
                    paths[next_place] = path
                    next_place += 1
                last_scalar = (end[0], path)
            if isinstance(event, yaml.CollectionStartEvent):
                open_blocks.append([path, isinstance(event, yaml.MappingStartEvent), True, 0])
    except yaml.YAMLError:
        pass
    settle_before((len(text) + 1, 0))
    return paths


def _capped(problems: list[Problem], file: str, lang: str) -> list[Problem]:
    """At most MAX_PROBLEMS problems, then one that says how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = problems[MAX_PROBLEMS]
    more = _problem(file, (rest.line, rest.column), (), "too_many_problems", lang,
                    count=len(problems) - MAX_PROBLEMS)
    return problems[:MAX_PROBLEMS] + [more]


class _Builder:
    """Turns a composed YAML node tree into plain data, remembering where each value stood."""

    def __init__(self, text: str, file: str, lang: str, located: Located):
        self.text, self.file, self.lang = text, file, lang
        self.marks, self.explicit_keys = located.marks, located.explicit_keys
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
                if key_node.tag == _MERGE_TAG:
                    raise ContentError(_problem(self.file, key_where, path, "merge_key", self.lang))
                key = self._text(key_node, None, key_where, path)
                if self._explicit(key_node):
                    self.explicit_keys.add(path + (key,))
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
        if node.tag in _TEXT_TAGS or node.tag == _STR_TAG:
            return self._text(node, path, where)
        if node.tag in (_INT_TAG, _FLOAT_TAG) and ":" in node.value:
            return node.value  # YAML 1.1 reads "1:30" as a number in base 60; editors mean text
        if node.tag == _FLOAT_TAG and path == ("version",):
            return node.value  # a set's version stays as written: 1.10 is not 1.1
        try:
            value = self.scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):  # e.g. "!!int abc" or 5000 digits
            raise ContentError(_problem(self.file, where, path, "bad_value", self.lang)) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ContentError(_problem(self.file, where, path, "not_finite", self.lang))
        return value

    def _text(
        self, node: yaml.ScalarNode, path: Path | None, where: tuple[int, int], mapping: Path = ()
    ) -> str:
        """A scalar's text (a field name when path is None, placed in `mapping`); an escape such
        as "\\x01" or a lone "\\ud83d" is a problem here, since the raw file held neither."""
        value = str(node.value)
        if _SURROGATE_HALF.search(value):
            value = _pairs_joined(value)  # JSON-style "\\ud83d\\ude00" is one emoji
        bad = next(unshowable(value), None)
        if bad is not None:
            char = bad.group()
            place = mapping + (value,) if path is None else path
            self.problems.append(
                _problem(self.file, where, place, _char_key(char), self.lang, char=char_name(char))
            )
        return value

    def _explicit(self, key_node: yaml.ScalarNode) -> bool:
        """Whether a field name was written after "? ", YAML's long form for a field."""
        index = key_node.start_mark.index
        before = self.text[max(0, index - 80) : index].rstrip(" ")
        if not before.endswith("?"):
            return False
        ahead = before[:-1]
        return not ahead or ahead[-1] in " \t\n\r{,["


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_BOOL_TAG = _YAML_TAG_PREFIX + "bool"
_INT_TAG = _YAML_TAG_PREFIX + "int"
_FLOAT_TAG = _YAML_TAG_PREFIX + "float"
_STR_TAG = _YAML_TAG_PREFIX + "str"
_MERGE_TAG = _YAML_TAG_PREFIX + "merge"
# Read as the text they are written as: dates, base64, and YAML 1.1's "<<", "=" and "!" markers.
_TEXT_TAGS = frozenset(_YAML_TAG_PREFIX + name for name in ("timestamp", "binary", "merge", "value", "yaml"))
_PLAIN_TAGS = _TEXT_TAGS | frozenset(
    _YAML_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts
_SURROGATE_HALF = re.compile("[\ud800-\udfff]")


def _pairs_joined(value: str) -> str:
    """Surrogate pairs joined into the characters they stand for; a lone half stays alone."""
    return re.sub(
        "[\ud800-\udbff][\udc00-\udfff]",
        lambda pair: pair.group().encode("utf-16", "surrogatepass").decode("utf-16"),
        value,
    )


def _check_shape(text: str, file: str, lang: str) -> None:
    """Refuse too deep, too big or aliased YAML from the event stream, before any node is built.

    libyaml first when installed: it reads a good file many times faster. It gives up on its own
    at 1,000 levels of [ or {, looking ahead, and it reads some broken files further or less far
    than the exact parser; so whenever it finds anything, the exact parser walks the events
    again, and the message is the same with or without libyaml.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            _Walk(file, lang).run(text, fast)
            return  # libyaml read every event and found nothing wrong
        except (ContentError, yaml.YAMLError, UnicodeError):
            pass  # confirmed below by the exact parser, which reports what it meets first
    walk = _Walk(file, lang)
    try:
        walk.run(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:  # the same mistake the exact parser meets composing
        raise ContentError(_syntax_problem(error, text, file, lang, walk)) from None
    except (yaml.YAMLError, UnicodeError):
        return


class _Walk:
    """One pass over YAML's events: the field path of each node, checked against the limits.

    It remembers what a syntax mistake needs to name its field: the open { } or [ ] and the key
    last read, so the file is read once more at most, however it breaks.
    """

    def __init__(self, file: str, lang: str, check: bool = True):
        self.file, self.lang, self.check = file, lang, check
        self.open_blocks: list[list[Any]] = []  # per block: [path, is mapping, next is a key, key/index]
        self.flows: list[Path | None] = []  # per open block: its path when written with { } or [ ]
        self.last_key: tuple[Path, int] | None = None  # the key last read, and its line (from 0)
        self.nodes = 0

    def run(self, text: str, loader: type) -> None:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionEndEvent):
                self.open_blocks.pop()
                self.flows.pop()
            elif isinstance(event, yaml.NodeEvent):
                self._node(event)

    def _node(self, event: yaml.NodeEvent) -> None:
        path, is_key = _event_path(self.open_blocks, event)
        if is_key:
            self.last_key = (path, event.start_mark.line)
        if self.check:
            where = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                raise ContentError(_problem(self.file, where, path, "anchor", self.lang))
            if len(self.open_blocks) > MAX_DEPTH:
                raise ContentError(_problem(self.file, where, path, "too_deep", self.lang))
            self.nodes += 0 if is_key else 1
            if self.nodes > MAX_NODES:
                raise ContentError(_problem(self.file, where, path, "too_many", self.lang))
        if isinstance(event, yaml.CollectionStartEvent):
            self.open_blocks.append([path, isinstance(event, yaml.MappingStartEvent), True, 0])
            self.flows.append(path if event.flow_style else None)

    def field_at(self, line: int) -> Path:
        """The field a syntax mistake on a line (from 0) stands in, as far as the walk got.

        Inside an open { } or [ ]: that field. Otherwise the key last read, if it is on that line.
        """
        flow = next((path for path in reversed(self.flows) if path is not None), None)
        if flow is not None:
            return flow
        return self.last_key[0] if self.last_key and self.last_key[1] == line else ()


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


def _syntax_problem(
    error: yaml.MarkedYAMLError, text: str, file: str, lang: str, walk: _Walk | None = None
) -> Problem:
    """A YAML syntax mistake in plain words, placed where the editor has to change something."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return _problem(file, (1, 1), (), "not_yaml", lang)
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
        if _colon_after(lines, mark, limits.KEY_CHARS):  # YAML stops looking for it after 1,024
            key, params = "key_too_long", {"max": limits.KEY_CHARS}
    elif problem.startswith("expected <block end>"):
        key = "yaml_after_quote" if before.rstrip().endswith(("\"", "'")) else "yaml_indent"
    elif "quoted scalar" in context and "end of stream" in problem and error.context_mark:
        key, mark = "yaml_quote", error.context_mark  # where the quote opens, not the file's end
        column = mark.column
    elif context.startswith("while parsing a flow mapping") and problem.endswith(("':'", "'?'")):
        key = "yaml_flow_text"
        start = max(before.rfind("{"), before.rfind(","))
        if problem.endswith("':'") and mark.column - start > limits.KEY_CHARS:
            key, params = "key_too_long", {"max": limits.KEY_CHARS}
    elif context.startswith("while parsing a flow mapping"):
        key = "yaml_flow_map"
    elif context.startswith("while parsing a flow sequence"):
        key = "yaml_flow_list"
    elif context.startswith("found duplicate anchor") or problem.startswith("found undefined alias"):
        key = "anchor"
    elif problem.startswith("found character") and "cannot start any token" in problem:
        key, params = "yaml_indicator", {"char": line[mark.column : mark.column + 1]}
    elif context.startswith(("while scanning an alias", "while scanning an anchor")):
        key, mark = "yaml_indicator", error.context_mark or mark
        column = mark.column
        params = {"char": "*" if "alias" in context else "&"}
    elif problem.startswith("found unknown escape character"):
        key = "yaml_escape"
    elif context.startswith("expected a single document"):
        key = "yaml_two_documents"
    elif problem.startswith("found undefined tag handle"):
        key, params = "tag", {"tag": problem.removeprefix("found undefined tag handle").strip(" '")[:40]}
    elif problem.startswith(("block sequence entries are not allowed", "expected <block end>")):
        key = "yaml_indent"
    else:
        key = "not_yaml"
    if walk is None:  # read the file once more, as far as it goes, to find the field
        walk = _Walk(file, lang, check=False)
        with contextlib.suppress(yaml.YAMLError, UnicodeError):
            walk.run(text, yaml.SafeLoader)
    return _problem(file, (mark.line + 1, column + 1), walk.field_at(mark.line), key, lang, **params)


def _colon_after(lines: list[str], mark: yaml.Mark, distance: int) -> bool:
    """Whether the line of a mark has a field's colon only further than `distance` after it."""
    rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
    colon = re.search(r":(\s|$)", rest)
    return colon is not None and colon.start() >= distance


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
        return LoadedSet(file, None, error.problems)
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
    return LoadedSet(file, question_set, _capped(problems, file, lang), located)


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
    "float_type": "number_type",
    "float_parsing": "number_type",
    "finite_number": "not_finite",
}
_PASSTHROUGH = {
    "missing", "extra_forbidden", "string_too_short", "string_too_long", "too_short",
    "too_long", "greater_than_equal", "less_than_equal",
}


def _problem(
    file: str, where: tuple[int, int], path: Path, key: str, lang: str, **params: Any
) -> Problem:
    text = message(key, lang, **params)
    return Problem(file, where[0], where[1], field_name(path), text, rule=rule_of(key))


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
        elif isinstance(part, str) and part in QUESTION_TYPES and current is not tagged:
            continue  # the discriminated union's tag; after it, `text` is the question's field
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
    known: dict[Path, list[str]] = {}  # the fields a mapping may have, found once per mapping
    runs: dict[Path, dict[str, _Run]] = {}  # per mapping: each piece of a split text → its run
    for item, path, text_union in items:
        if path and (item["type"] == "extra_forbidden" or text_union) and path[:-1] not in runs:
            parent = path[:-1]
            known[parent] = field_names_at(model, item["loc"][:-1])
            runs[parent] = _comma_runs(located, parent, set(known[parent]))
    split_parents = {parent for parent, found in runs.items() if found}
    reported: set[int] = set()
    for item, path, text_union in items:
        parent = path[:-1]
        run = runs.get(parent, {}).get(path[-1]) if path else None
        if run is not None:
            if id(run) not in reported:  # one message for the whole text, on its mapping
                reported.add(id(run))
                problems.append(_comma_problem(file, located, parent, run, lang))
            continue
        if path in seen or (text_union and path in split_parents):
            continue  # one message per field: a str|dict union reports twice
        seen.add(path)
        if item["type"] == "extra_forbidden" and path in located.explicit_keys:
            key, params = "explicit_key", {}
        elif item["type"] == "extra_forbidden":
            fields = known.get(parent) or field_names_at(model, item["loc"][:-1])
            key, params = _unknown_field(fields, item["loc"], located.data, path)
        else:
            key, params = _explain(item, path, text_union, lang)
        if item["type"] == "union_tag_invalid":
            path = path + ("type",)  # point the editor at the misspelt type, not the whole question
        problems.append(_problem(file, located.locate(path), path, key, lang, **params))
    return problems


@dataclass(frozen=True, eq=False)
class _Run:
    """Keys that are pieces of one text a comma split up, and the key before them (if any)."""

    head: str | None
    pieces: tuple[str, ...]


def _comma_runs(located: Located, parent: Path, known: set[str]) -> dict[str, _Run]:
    """Pieces of texts a comma split up, as in `{label: Sport, spel of dans}`, in one mapping.

    YAML reads "spel of dans" as a key without a value. A run of such keys is one text when one
    of them has a space; the key before the run holds the start of the text. One pass over the
    mapping, so a file of thousands of unknown fields is read in linear time.
    """
    mapping = _value_at(located.data, parent)
    if not isinstance(mapping, dict):
        return {}
    keys = list(mapping)

    def piece(name: str) -> bool:
        return mapping[name] is None and name not in known and parent + (name,) not in located.explicit_keys

    found: dict[str, _Run] = {}
    start = 0
    while start < len(keys):
        if not piece(keys[start]):
            start += 1
            continue
        end = start
        while end + 1 < len(keys) and piece(keys[end + 1]):
            end += 1
        pieces = tuple(keys[start : end + 1])
        if any(" " in name for name in pieces):
            run = _Run(keys[start - 1] if start > 0 else None, pieces)
            found.update(dict.fromkeys(pieces, run))
        start = end + 1
    return found


def _comma_problem(file: str, located: Located, parent: Path, run: _Run, lang: str) -> Problem:
    """One message for a text split at its commas, with the text quoted when it can be rebuilt."""
    mapping = _value_at(located.data, parent)
    where = located.locate(parent + (run.pieces[0],))
    if run.head is not None and isinstance(mapping[run.head], str):
        text = ", ".join([mapping[run.head], *run.pieces])
        same_line = located.locate(parent + (run.head,))[0] == where[0]
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
    fields: list[str], loc: tuple, data: Any, path: Path
) -> tuple[str, dict[str, Any]]:
    """Suggest the field the editor probably meant, unless it is already there."""
    present = _value_at(data, path[:-1])
    known = [n for n in fields if not isinstance(present, dict) or n not in present]
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
    if kind == "value_error":  # raised by the models' own validators, in plain Dutch words
        return "invalid", {"detail": str(ctx.get("error", ""))}
    return "invalid_plain", {}  # pydantic's own words are English and for programmers


def _type_names() -> str:
    return ", ".join(QUESTION_TYPES)
