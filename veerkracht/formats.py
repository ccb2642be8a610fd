"""Content formats: what changed between releases in the files a school writes, and the way up.

Every content file names the format it was written for, on one of its first comment lines:

    # veerkracht-format: 2

A file without that line is taken as the previous release's format. `check` reads every format
in FORMATS (kept for at least a year of releases) and warns about each change it finds; the app
reads an old file as the new format would have it; `veerkracht upgrade` (or `check --fix`)
rewrites the files, line by line, so comments and order stay as the school wrote them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

Kind = Literal["set", "interface", "help"]
CURRENT = 2
PREVIOUS = CURRENT - 1  # what a file without a format line was written for
DECLARATION = "# veerkracht-format: {number}"
_DECLARED = re.compile(r"^#\s*veerkracht-format\s*:\s*(.*?)\s*$")
_HEAD_LINES = 5  # the format line stands among the first comment lines of a file


@dataclass(frozen=True)
class Change:
    """What one format changed in one kind of file; keys are dotted paths such as `widget.pick_place`."""

    renamed: Mapping[str, str] = field(default_factory=dict)  # old key → the key that replaces it
    removed: tuple[str, ...] = ()  # words the app no longer uses
    added: tuple[str, ...] = ()  # words that are new; a file without them falls back to the app's


@dataclass(frozen=True)
class Format:
    number: int
    released: str  # year and month of the first release that writes it
    changes: Mapping[str, Change] = field(default_factory=dict)  # per kind of file


FORMATS: tuple[Format, ...] = (
    Format(1, "2026-11"),  # the first release with sets, interface words and help contacts
    Format(2, "2026-12", {
        "interface": Change(
            renamed={"widget.pick_places": "widget.pick_place", "pdf.continued": "pdf.level_continued"},
            removed=("help.website", "map.scroll_hint", "end.your_sources", "pdf.praatplaat_prompts",
                     "map.pdf_file", "map.session_file", "map.words_file"),
            added=(
                "map.download_praatplaat_a3", "map.download_words", "map.praatplaat_a3_file",
                "map.words_hint", "nav.skip_to_content", "notice.conversation_lost",
                "pdf.level_continued", "pdf.map_alt", "pdf.map_alt_level", "pdf.page",
                "pdf.praatplaat_alt", "read_aloud.no_voice", "start.also_reference",
                "start.also_reference_help", "widget.pick_place",
                "closeness_place.close", "closeness_place.some", "closeness_place.far", "widget.at_home",
                "compare.mark_closer", "compare.mark_further", "compare.mark_gone", "compare.mark_new",
                "compare.needs_gone", "compare.needs_new", "help.emergency", "help.language_dutch",
                "help.language_dutch_all", "help.language_english", "help.language_tip", "idle.ask",
                "idle.explain", "idle.go_on", "map.file_name", "map.needs_heading", "map.needs_hint",
                "map.together", "map.together_back", "notice.conversation_closed", "preview.busy",
                "preview.waiting", "read_aloud.no_voices", "read_aloud.to_words", "start.broken_calm",
                "widget.role",
                "button.cancel",
                "widget.added",
            ),
        ),
    }),
)
OLDEST = FORMATS[0].number


# --- Which format a file declares -------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    number: int  # the format the file is read as
    line: int  # where the declaration stands (1-based); 0 when the file has none
    written: str | None = None  # what the file says, when it is no format this app knows


def declared_format(text: str) -> Declared:
    """The format a file names on its first lines; the previous release's when it names none."""
    for index, line in enumerate(text.splitlines()[:_HEAD_LINES]):
        if not line.startswith("#"):
            break
        found = _DECLARED.match(line)
        if found:
            value = found.group(1)
            if value.isdigit() and OLDEST <= int(value) <= CURRENT:
                return Declared(int(value), index + 1)
            return Declared(CURRENT, index + 1, value[:20])
    return Declared(PREVIOUS, 0)


def known_formats() -> str:
    return f"{OLDEST} tot en met {CURRENT}"


# --- Reading an old file as the current format --------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One change a file needs: `renamed` (old → new), `replaced` (old dropped, new already there or
    the text does not fit the new word), `removed`, or `added` (the file lacks a new word)."""

    what: Literal["renamed", "replaced", "removed", "added"]
    key: str
    new: str = ""


def changes_since(number: int, kind: str) -> list[Change]:
    return [f.changes[kind] for f in FORMATS if f.number > number and kind in f.changes]


def added_since(number: int, kind: str) -> set[str]:
    return {key for change in changes_since(number, kind) for key in change.added}


def migrate(
    data: Any, number: int, kind: str, fits: Callable[[str, Any], bool] = lambda key, value: True
) -> tuple[Any, list[Note]]:
    """The data of a file written for format `number` as the current format reads it, and what moved.

    `fits(new_key, value)` says whether an old text can stand under its new key (its {placeholders}).
    """
    if not isinstance(data, dict):
        return data, []
    notes: list[Note] = []
    data = _copy(data)
    for change in changes_since(number, kind):
        for old, new in change.renamed.items():
            if not _has(data, old):
                continue
            value = _pop(data, old)
            if _has(data, new) or not fits(new, value):
                notes.append(Note("replaced", old, new))
            else:
                _put(data, new, value)
                notes.append(Note("renamed", old, new))
        for old in change.removed:
            if _has(data, old):
                _pop(data, old)
                notes.append(Note("removed", old))
    return data, notes


def _copy(data: Any) -> Any:
    return {key: _copy(value) for key, value in data.items()} if isinstance(data, dict) else data


def _parts(key: str) -> list[str]:
    return key.split(".")


def _has(data: dict, key: str) -> bool:
    for part in _parts(key):
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


def _pop(data: dict, key: str) -> Any:
    *parents, last = _parts(key)
    for part in parents:
        data = data[part]
    return data.pop(last)


def _put(data: dict, key: str, value: Any) -> None:
    *parents, last = _parts(key)
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


# --- Writing a file up to the current format, line by line ----------------------------------------


@dataclass
class Upgrade:
    text: str  # the new text of the file
    said: list[str]  # what changed, one line each, in Dutch
    left: list[str]  # what could not be changed by line and is left for the editor

    @property
    def changed(self) -> bool:
        return bool(self.said)


def upgrade_text(
    text: str,
    kind: str,
    fits: Callable[[str, Any], bool] = lambda key, value: True,
    new_words: Mapping[str, str] | None = None,
    order: Iterable[str] = (),
) -> Upgrade:
    """The file rewritten to the current format: renamed keys renamed where they stand, removed keys
    taken out, new words (`new_words`, key → text) put in after the key before them in `order`, and
    the format line. Every other line, comments included, stays as it was."""
    declared = declared_format(text)
    lines = text.splitlines(keepends=True)
    said: list[str] = []
    left: list[str] = []
    if declared.written is not None or declared.number == CURRENT and declared.line:
        if declared.written is not None:
            left.append(f"regel {declared.line}: onbekend formaat '{declared.written}'")
        return Upgrade(text, said, left)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return Upgrade(text, said, ["het bestand is geen geldige YAML; los eerst die fout op (check)"])
    keys = _key_nodes(root)
    data = _plain(root)
    _, notes = migrate(data, declared.number, kind, fits)
    deleted: set[int] = set()
    in_place: set[str] = set()  # renamed where they stand
    edits: dict[int, str] = {}  # line index → its new text
    inserts: dict[int, list[str]] = {}  # before line index → lines
    for note in notes:
        key_node, value_node, flow = keys.get(note.key, (None, None, True))
        if key_node is None or flow:
            left.append(f"{note.key}: pas dit zelf aan ({_said(note)})")
            continue
        if note.what == "renamed" and note.new.rsplit(".", 1)[0] == note.key.rsplit(".", 1)[0]:
            index = key_node.start_mark.line
            line = edits.get(index, lines[index])
            start, end = key_node.start_mark.column, key_node.end_mark.column
            edits[index] = line[:start] + note.new.rsplit(".", 1)[-1] + line[end:]
            in_place.add(note.new)
            said.append(_said(note))
            continue
        deleted.update(_node_lines(key_node, value_node, lines))
        said.append(_said(note))
        if note.what == "renamed":  # to another heading: taken out here, put in below
            new_words = {**(new_words or {}), note.new: data and _value(data, note.key)}
    if new_words and isinstance(root, yaml.MappingNode):
        have = set(keys) | in_place
        order = list(order)
        new_headings: dict[str, list[str]] = {}
        for key in order:
            if key not in new_words or key in have:
                continue
            heading = key.rsplit(".", 1)[0] if "." in key else ""
            if heading in keys and not keys[heading][2]:
                index, line = _insertion(key, order, keys, lines, new_words[key])
                inserts.setdefault(index, []).append(line)
            else:
                new_headings.setdefault(heading, []).append(key)
            said.append(f"{key}: nieuw woord erbij, uit de woorden van de app; kijk het na")
        for heading, group in new_headings.items():
            index = _heading_insertion(heading, order, keys, lines)
            block = [f"{heading}:\n"] if heading else []
            indent = "  " if heading else ""
            block += [f"{indent}{_parts(key)[-1]}: {_shown(new_words[key])}\n" for key in group]
            inserts.setdefault(index, []).extend(block)
    declaration = DECLARATION.format(number=CURRENT) + "\n"
    if declared.line:
        edits[declared.line - 1] = declaration
    else:
        at = 1 if lines and "yaml-language-server" in lines[0] else 0
        inserts.setdefault(at, []).insert(0, declaration)
    said.append(f"formaat {declared.number} → {CURRENT}")
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # the file's own line ends
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline  # something may come after the last line
    out: list[str] = []
    for index in range(len(lines) + 1):
        out += [line[:-1] + newline for line in inserts.get(index, [])]
        if index < len(lines) and index not in deleted:
            out.append(edits.get(index, lines[index]))
    return Upgrade("".join(out), said, left)


def _said(note: Note) -> str:
    if note.what == "renamed":
        return f"{note.key} heet nu {note.new}"
    if note.what == "replaced":
        return f"{note.key} weggehaald: {note.new} staat ervoor in de plaats"
    return f"{note.key} weggehaald: de app gebruikt dit woord niet meer"


def _value(data: Any, key: str) -> Any:
    for part in _parts(key):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _plain(node: Any) -> Any:
    """Nested mappings as dicts and every other value as its text: enough to see what moved."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _key_nodes(root: Any) -> dict[str, tuple[yaml.Node, yaml.Node, bool]]:
    """Every key of nested mappings by dotted path: its key node, value node, and whether it is
    written inside { } (where a line-based edit cannot go)."""
    found: dict[str, tuple[yaml.Node, yaml.Node, bool]] = {}

    def walk(node: Any, prefix: str, flow: bool) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        inside = flow or bool(node.flow_style)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            path = f"{prefix}{key_node.value}"
            found[path] = (key_node, value_node, inside)
            walk(value_node, path + ".", inside)

    walk(root, "", False)
    return found


def _node_lines(key_node: yaml.Node, value_node: yaml.Node, lines: list[str]) -> range:
    """The lines a `key: value` stands on, its value's further lines included."""
    end = value_node.end_mark.line
    if value_node.end_mark.column == 0 and end > key_node.start_mark.line:
        end -= 1  # a block ends at the start of the line after it
    return range(key_node.start_mark.line, min(end, len(lines) - 1) + 1)


def _shown(value: Any) -> str:
    """A text as YAML reads it back exactly: JSON's double-quoted strings are YAML too."""
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _insertion(
    key: str, order: list[str], keys: dict[str, tuple[yaml.Node, yaml.Node, bool]], lines: list[str],
    value: Any,
) -> tuple[int, str]:
    """Where a new word goes under a heading the file has: after the word before it in the app's
    order, or first under the heading; and its line."""
    heading, last = key.rsplit(".", 1)
    before = [k for k in order[: order.index(key)] if k in keys and k.rsplit(".", 1)[0] == heading]
    if before:
        key_node, value_node, _ = keys[before[-1]]
        indent = " " * key_node.start_mark.column
        return _node_lines(key_node, value_node, lines).stop, f"{indent}{last}: {_shown(value)}\n"
    key_node, value_node, _ = keys[heading]
    first = value_node.value[0][0] if isinstance(value_node, yaml.MappingNode) and value_node.value else None
    indent = " " * (first.start_mark.column if first else key_node.start_mark.column + 2)
    return key_node.start_mark.line + 1, f"{indent}{last}: {_shown(value)}\n"


def _heading_insertion(
    heading: str, order: list[str], keys: dict[str, tuple[yaml.Node, yaml.Node, bool]], lines: list[str]
) -> int:
    """A heading the file lacks goes after the last heading before it in the app's order."""
    tops = [k for k in dict.fromkeys(k.split(".")[0] for k in order) if k in keys]
    headings = list(dict.fromkeys(k.split(".")[0] for k in order))
    place = headings.index(heading) if heading in headings else len(headings)
    earlier = [k for k in tops if headings.index(k) < place]
    if not earlier:
        return len(lines)
    key_node, value_node, _ = keys[earlier[-1]]
    return _node_lines(key_node, value_node, lines).stop
