"""`veerkracht check`: every problem in a content folder at once, and the proof that every screen works.

Question sets (errors and lint warnings together, even in a file with errors), templates,
interface words, help contacts, which languages are offered, and then the render walk:
every set through the real app in every language it offers and both modes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from veerkracht import formats
from veerkracht.contacts import HelpContacts, help_display, load_contacts_located
from veerkracht.contacts_lint import check_help, lint_contacts
from veerkracht.content import (
    HELP_FILE,
    LoadedSet,
    Located,
    Problem,
    field_name,
    load_folder,
    load_question_set,
    question_set_files,
)
from veerkracht.interface import (
    INTERFACE_DIR,
    REFERENCE_LANGUAGE,
    SCHEMA_FILE,
    check_interface,
    check_language,
    fits,
    ready_languages,
    reference_slots,
    usable_words,
)
from veerkracht.languages import language_problems
from veerkracht.limits import SET_STEPS, STEP_QUESTIONS
from veerkracht.lint import lint_set
from veerkracht.messages import counted, message, rule_of
from veerkracht.model import QuestionSet, Step
from veerkracht.questions import Question
from veerkracht.review import draft_notes
from veerkracht.schemas import QUESTION_SET_SCHEMA, schema_texts
from veerkracht.walk import WalkResult, walk_folder

TEMPLATES_DIR = "templates"

@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    walks: list[WalkResult] = field(default_factory=list)
    walked_only: list[str] = field(default_factory=list)  # `check FILE`: the sets that file touches

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def notes(self) -> int:
        return sum(1 for p in self.problems if p.severity == "note")

    def summary(self) -> str:
        """'0 fouten, 4 waarschuwingen in 11 bestanden'; notes (drafts to have read) counted if any."""
        counts = {"errors": counted("errors", "nl", self.errors),
                  "warnings": counted("warnings", "nl", self.warnings),
                  "files": counted("files", "nl", self.files)}
        if self.notes:
            return message("summary_notes", "nl", notes=counted("notes", "nl", self.notes), **counts)
        return message("summary", "nl", **counts)

    def walk_summary(self) -> str | None:
        """'Elk scherm geprobeerd: 108 schermen in 12 rondes (...), 2,1 s', when the walk ran."""
        if not self.walks:
            return None
        walks = sum(w.walks for w in self.walks)
        screens = sum(w.screens for w in self.walks)
        seconds = f"{sum(w.seconds for w in self.walks):.1f}".replace(".", ",")
        said = message("walk_summary", "nl", screens=counted("screens", "nl", screens),
                       walks=counted("walks", "nl", walks), seconds=seconds)
        if self.walked_only:
            said += " " + message("walk_scope", "nl", sets=", ".join(self.walked_only))
        return said


def check_paths(paths: list[Path], walk: bool = True) -> CheckReport:
    """Check content folders and single files; a single file is checked against its folder.

    Every problem names its file as a path from the working directory, as the paths were given,
    so an editor or CI opens it from there."""
    report = CheckReport()
    seen_ids: dict[str, str] = {}
    for path in paths:
        before = len(report.problems)
        if path.is_dir():
            checked = _check_folder(path, None, walk, report)
        elif path.is_file():
            checked = _check_file(path, walk, report)
        else:
            report.problems.append(Problem(str(path), 1, 1, "", message("missing_path", "nl"),
                                           rule=rule_of("missing_path")))
            continue
        base = content_folder_of(path).parent
        report.problems[before:] = [
            replace(p, file=_from_here(p.file, base)) for p in report.problems[before:]
        ]
        report.problems += [replace(p, file=_from_here(p.file, base))
                            for p in _duplicates_across_paths(checked, seen_ids)]
    report.problems.sort(key=lambda p: (p.file, p.line, p.column, p.field))
    return report


def content_folder_of(path: Path) -> Path:
    """The content folder a path is (a folder) or lies in (a set, a template, interface words)."""
    if path.is_dir():
        return path
    folder = path.parent
    if folder.name in (INTERFACE_DIR, TEMPLATES_DIR) and is_content_folder(folder.parent):
        return folder.parent
    return folder


def _from_here(file: str, base: Path) -> str:
    """A file named from its content folder's parent, named from the working directory instead."""
    return str(base / file) if file and not Path(file).is_absolute() else file


def content_files(folder: Path) -> list[Path]:
    """The question sets in a content folder, then its templates."""
    return question_set_files(folder) + sorted((folder / TEMPLATES_DIR).glob("*.yaml"))


def is_content_folder(folder: Path) -> bool:
    """A folder the app can run with: it has the reference interface words."""
    return (folder / INTERFACE_DIR / f"{REFERENCE_LANGUAGE}.yaml").is_file()


def _check_file(path: Path, walk: bool, report: CheckReport) -> list[LoadedSet]:
    report.files += 1
    folder = path.parent
    if folder.name == INTERFACE_DIR and is_content_folder(folder.parent):
        report.problems += check_language(folder.parent, path.stem) + _head_problems(folder.parent, path)
        if walk:  # the words of one language show only in that language
            _walk_touched(folder.parent, lambda qs: path.stem in qs.languages, report, {path.stem})
        return []
    if path.name == HELP_FILE and is_content_folder(folder):
        report.problems += check_help(folder) + _head_problems(folder, path)
        if walk:
            _walk_touched(folder, lambda qs: True, report)
        return []
    if folder.name == TEMPLATES_DIR and is_content_folder(folder.parent):
        folder = folder.parent
    return _check_folder(folder, path, walk, report)


def _walk_touched(
    folder: Path, touched: Callable[[QuestionSet], bool], report: CheckReport,
    languages: set[str] | None = None,
) -> None:
    """`check FILE` for words or help: the walk of only the sets (and languages) that file shows up in."""
    library = load_folder(folder)
    sources = {qs.id: (item.file, item.source) for item in library.files
               if (qs := item.question_set) is not None and touched(qs)}
    if sources:
        result = walk_folder(folder, sources, list(sources), languages)
        report.problems += result.problems
        report.walks.append(result)
        report.walked_only += [f"{set_id} ({', '.join(sorted(languages))})" if languages else set_id
                               for set_id in sources]


def _check_folder(folder: Path, only: Path | None, walk: bool, report: CheckReport) -> list[LoadedSet]:
    """Everything in a folder, or one file of it (`only`) checked against the rest.

    Returns the question sets that were checked (not the templates: those are no sets in the app)."""
    set_paths = question_set_files(folder)
    template_paths = sorted((folder / TEMPLATES_DIR).glob("*.yaml"))
    if only is not None and only not in set_paths + template_paths:
        set_paths = set_paths + [only]  # a set beside others that are not in a content folder
    library = load_folder(folder, set_paths + template_paths)
    templates = {str(p) for p in template_paths}
    by_path = dict(zip([str(p) for p in set_paths + template_paths], library.files, strict=True))
    wanted = [loaded for path, loaded in by_path.items() if only is None or path == str(only)]
    app_sets = [loaded for path, loaded in by_path.items() if path not in templates]
    template_sets = [loaded for path, loaded in by_path.items() if path in templates]
    report.files += len(wanted) if only is None else 0

    for loaded in wanted:
        report.problems += [p for p in loaded.problems if not _is_loader_duplicate(p, loaded)]
        report.problems += lint_anyway(loaded)
    report.problems += draft_notes(wanted)
    wanted_files = {loaded.file for loaded in wanted}
    template_files = {loaded.file for loaded in template_sets}
    duplicates = _duplicate_ids(app_sets) + _duplicate_ids(template_sets)
    duplicates += _template_ids(app_sets, template_sets)
    report.problems += [p for p in duplicates if p.file in wanted_files]

    checked_sets = [loaded for loaded in wanted if loaded.file not in template_files]
    if not is_content_folder(folder):
        return checked_sets
    valid = [(loaded.file, loaded.question_set, loaded.source) for loaded in app_sets
             if loaded.question_set is not None and loaded.file in wanted_files]
    contacts, contact_problems, contacts_source = load_contacts_located(folder)
    if only is None:
        report.problems += check_interface(folder) + contact_problems
        report.problems += lint_contacts(contacts, contacts_source, help_display(folder))
        report.files += len(list((folder / INTERFACE_DIR).glob("*.yaml"))) + 1
    else:
        languages = {lang for _, qs, _ in valid for lang in qs.languages}
        report.problems += check_interface(folder, languages)
    view = FolderView(
        folder=folder, sets=valid, all_sets=[item for item in app_sets if item.question_set is not None],
        ready=ready_languages(folder), contacts=contacts, contacts_source=contacts_source,
        only=only, wanted_files=wanted_files,
    )
    report.problems += folder_warnings(view)
    if walk and valid:
        sources = {qs.id: (file, source) for file, qs, source in valid}
        result = walk_folder(folder, sources, list(sources))
        report.problems += result.problems
        report.walks.append(result)
        if only is not None:
            report.walked_only += list(sources)
    return checked_sets


# --- Checks over a whole folder: one registry, built-in and new checks alike ----------------------


@dataclass(frozen=True)
class FolderView:
    """What a folder check sees: the folder, its valid sets (those asked for, and all), help contacts."""

    folder: Path
    sets: list[tuple[str, QuestionSet, Located | None]]  # the valid sets being checked
    all_sets: list[LoadedSet]  # every valid set of the folder (not the templates)
    ready: frozenset[str]  # languages whose interface words are complete and correct
    contacts: HelpContacts | None
    contacts_source: Located | None
    only: Path | None  # `check FILE`: the one file asked for
    wanted_files: set[str]


FolderCheck = Callable[[FolderView], list[Problem]]


def _languages(view: FolderView) -> list[Problem]:
    return language_problems(view.folder, view.sets, view.ready, view.contacts, view.contacts_source)


def _titles(view: FolderView) -> list[Problem]:
    return duplicate_titles(view.all_sets)


def _heads(view: FolderView) -> list[Problem]:
    """The schema line and format line of every content file of the folder (or the one asked for)."""
    files = [view.only] if view.only is not None else _all_content_files(view.folder)
    return [p for path in files for p in _head_problems(view.folder, path)]


# Every check over a folder, in one place: a new warning is one function and one line here.
# Problems are kept only for the files asked for (`check FILE`).
FOLDER_CHECKS: list[FolderCheck] = [_languages, _titles, _heads]


def folder_warnings(view: FolderView) -> list[Problem]:
    problems = [problem for check in FOLDER_CHECKS for problem in check(view)]
    if view.only is not None:
        problems = [p for p in problems if p.file in view.wanted_files]
    return problems


def _all_content_files(folder: Path) -> list[Path]:
    return content_files(folder) + [folder / HELP_FILE] + sorted((folder / INTERFACE_DIR).glob("*.yaml"))


_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server\s*:\s*\$schema=(\S+)\s*$")


def _kind(folder: Path, path: Path) -> str:
    if path.parent.name == INTERFACE_DIR:
        return "interface"
    return "help" if path.name == HELP_FILE and path.parent == folder else "set"


def expected_schema_line(folder: Path, path: Path) -> str:
    """The first line a content file needs for an editor to find its schema."""
    names = {"interface": SCHEMA_FILE, "help": "help.schema.json", "set": QUESTION_SET_SCHEMA}
    name = names[_kind(folder, path)]
    up = "../" if path.parent != folder else ""
    return f"# yaml-language-server: $schema={up}{name}"


def _head_problems(folder: Path, path: Path) -> list[Problem]:
    """A schema line that points nowhere (an editor then checks nothing) and a format this app
    does not know: both errors, on their line."""
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            head = [file.readline() for _ in range(8)]
    except OSError:
        return []
    display = _display_in(folder, path)
    problems = []
    for number, line in enumerate(head, start=1):
        found = _SCHEMA_LINE.match(line.rstrip("\n"))
        if not found:
            continue
        target = found.group(1)
        if "://" not in target and not (path.parent / target).is_file():
            expected = expected_schema_line(folder, path)
            text = message("schema_line_nowhere", "nl", target=target, expected=expected)
            problems.append(Problem(display, number, 1, "", text, rule=rule_of("schema_line_nowhere")))
    declared = formats.declared_format("".join(head))
    if declared.written is not None and _kind(folder, path) != "interface":  # interface: check_language
        text = message("format_unknown", "nl", written=declared.written, known=formats.known_formats())
        problems.append(Problem(display, declared.line, 1, "", text, rule="VK401"))
    return problems


def _display_in(folder: Path, path: Path) -> str:
    try:
        return str(path.relative_to(folder.parent))
    except ValueError:
        return str(path)


def _title_texts(question_set: QuestionSet) -> set[tuple[str, str]]:
    """The set's title as a student reads it in each of its languages, without case or extra spaces."""
    title = question_set.title
    shown = set()
    for lang in question_set.languages:
        if isinstance(title, dict):
            text = title.get(lang) or title.get(question_set.default_language, "")
        else:
            text = title
        shown.add((lang, " ".join(str(text).split()).casefold()))
    return shown


def duplicate_titles(sets: list[LoadedSet]) -> list[Problem]:
    """Two sets in one folder that a student reads under one title: each file names the other."""
    seen: dict[tuple[str, str], list[LoadedSet]] = {}
    for loaded in sets:
        for shown in _title_texts(loaded.question_set):  # type: ignore[arg-type]
            seen.setdefault(shown, []).append(loaded)
    problems, said = [], set()
    for (_, text), group in seen.items():
        for loaded in group:
            others = [other.file for other in group if other is not loaded]
            if not others or loaded.file in said:
                continue
            said.add(loaded.file)
            where = loaded.source.locate(("title",)) if loaded.source else (1, 1)
            body = message("duplicate_title", _language(loaded), others=", ".join(others), title=text)
            problems.append(Problem(loaded.file, *where, "title", body, rule=rule_of("duplicate_title")))
    return problems


# --- Writing a school's files up to the current format ----------------------------------------------


@dataclass
class Upgraded:
    file: str
    said: list[str]
    left: list[str]


def upgrade_folder(folder: Path, write: bool = True) -> list[Upgraded]:
    """Every content file of a folder rewritten to the current format, line by line (comments and
    order kept), and the schemas beside them written anew; what changed, per file."""
    done: list[Upgraded] = []
    order = list(reference_slots())
    for path in _all_content_files(folder):
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            done.append(Upgraded(str(path), [], [message("unreadable", "nl")]))
            continue
        kind = _kind(folder, path)
        new_words = _new_words(folder, path.stem) if kind == "interface" else None
        result = formats.upgrade_text(text, kind, fits, new_words, order)
        if result.changed and write:
            path.write_text(result.text, encoding="utf-8")
        if result.changed or result.left:
            done.append(Upgraded(str(path), result.said, result.left))
    for name, text in schema_texts(folder).items():
        path = folder / name
        if path.is_file() and path.read_text(encoding="utf-8") != text:
            if write:
                path.write_text(text, encoding="utf-8")
            done.append(Upgraded(str(path), [message("schema_rewritten", "nl")], []))
    return done


def _new_words(folder: Path, lang: str) -> dict[str, str]:
    """The words a file of this language gets when it lacks one: the app's own in that language,
    else the school's Dutch, else the app's Dutch."""
    from veerkracht.interface import SHIPPED_CONTENT

    shipped_nl = usable_words(SHIPPED_CONTENT / INTERFACE_DIR / f"{REFERENCE_LANGUAGE}.yaml")[0]
    school_nl = usable_words(folder / INTERFACE_DIR / f"{REFERENCE_LANGUAGE}.yaml")[0]
    own = usable_words(SHIPPED_CONTENT / INTERFACE_DIR / f"{lang}.yaml")[0]
    return {**shipped_nl, **school_nl, **own} if lang != REFERENCE_LANGUAGE else shipped_nl


def check_set_text(text: str | bytes, file: str, folder: Path) -> tuple[LoadedSet, list[Problem]]:
    """One set as text, as `check` sees it beside a content folder (the test page), without the walk."""
    loaded = load_question_set(text, file)
    problems = loaded.problems + lint_anyway(loaded)
    if loaded.question_set is not None and is_content_folder(folder):
        contacts, _, contacts_source = load_contacts_located(folder)
        problems += language_problems(
            folder, [(file, loaded.question_set, loaded.source)], ready_languages(folder), contacts,
            contacts_source,
        )
        problems = [p for p in problems if p.file == file]
    return loaded, sorted(problems, key=lambda p: (p.line, p.column, p.field))


# --- Warnings even where a file has errors --------------------------------------------------

_QUESTION = TypeAdapter(Question)
_FILLERS: dict[str, Any] = {
    "id": "vk-set", "version": "1", "title": "-", "description": "-", "audience": "-",
    "minutes": 10, "languages": ["nl"],
}


def lint_anyway(loaded: LoadedSet) -> list[Problem]:
    """The lint warnings of a set, also when it has errors: every part that is valid is linted."""
    if loaded.question_set is not None or loaded.source is None:
        return lint_set(loaded)
    if not isinstance(loaded.source.data, dict):
        return []
    question_set, replaced = _repaired(loaded.source.data)
    if question_set is None:
        return []
    found = lint_set(LoadedSet(loaded.file, question_set, [], loaded.source))
    return [p for p in found if not any(_inside(p.field, part) for part in replaced)]


def _repaired(data: dict) -> tuple[QuestionSet | None, list[str]]:
    """The set with every part that is not valid replaced by a stand-in, and where those are."""
    try:
        return QuestionSet.model_validate(data), []  # only ids, languages or plans are wrong
    except ValidationError:
        pass
    replaced: list[str] = []
    raw_steps = data.get("steps") if isinstance(data.get("steps"), list) else []
    steps = []
    for s, step in enumerate(raw_steps[:SET_STEPS]):
        raw_questions = step.get("questions") if isinstance(step, dict) else None
        if not isinstance(raw_questions, list):
            raw_questions = []
        questions = []
        for q, question in enumerate(raw_questions[:STEP_QUESTIONS]):
            try:
                _QUESTION.validate_python(question)
                questions.append(question)
            except ValidationError:
                questions.append({"id": f"vk-vraag-{s}-{q}", "type": "text", "text": "-"})
                replaced.append(field_name(("steps", s, "questions", q)))
        candidate = {**step, "questions": questions} if isinstance(step, dict) else {}
        try:
            Step.model_validate(candidate)
        except ValidationError:
            candidate = {"id": f"vk-stap-{s}", "kind": "individual", "title": "-", "questions": questions}
            replaced += [field_name(("steps", s, name)) for name in ("id", "kind", "title", "intro")]
            replaced.append(field_name(("steps", s, "coach_tips")))
        steps.append(candidate)
    # Only the fields a set has: unknown ones are reported already, and there may be thousands.
    top = {name: data[name] for name in QuestionSet.model_fields if name in data}
    top["steps"] = steps or [{"id": "vk-stap", "kind": "individual", "title": "-"}]
    for _ in range(3):
        try:
            return QuestionSet.model_validate(top), replaced
        except ValidationError as error:
            for name in {str(e["loc"][0]) for e in error.errors() if e["loc"]}:
                if name in _FILLERS:
                    top[name] = _FILLERS[name]
                    replaced.append(name)
                else:
                    top.pop(name, None)
    return None, replaced


def _inside(field_path: str, part: str) -> bool:
    return field_path == part or field_path.startswith((part + ".", part + "["))


# --- Ids that two files share ----------------------------------------------------------------


def _set_id(loaded: LoadedSet) -> str | None:
    data = loaded.source.data if loaded.source is not None else None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _language(loaded: LoadedSet) -> str:
    if loaded.question_set is not None and loaded.question_set.default_language == "en":
        return "en"
    return "nl"


def _where(loaded: LoadedSet) -> tuple[int, int]:
    return loaded.source.locate(("id",)) if loaded.source is not None else (1, 1)


def _duplicate_ids(files: list[LoadedSet]) -> list[Problem]:
    """Sets in one folder that share an id: each file names the other ones."""
    by_id: dict[str, list[LoadedSet]] = {}
    for loaded in files:
        set_id = _set_id(loaded)
        if set_id is not None:
            by_id.setdefault(set_id, []).append(loaded)
    problems = []
    for set_id, group in by_id.items():
        if len(group) < 2:
            continue
        for loaded in group:
            others = ", ".join(other.file for other in group if other is not loaded)
            text = message("duplicate_set_files", _language(loaded), id=set_id, others=others)
            problems.append(
                Problem(loaded.file, *_where(loaded), "id", text, rule=rule_of("duplicate_set_files"))
            )
    return problems


def _template_ids(app_sets: list[LoadedSet], templates: list[LoadedSet]) -> list[Problem]:
    """A set copied from a template that kept its id: a warning on the copy, never on the template."""
    template_ids = {_set_id(t): t.file for t in templates if _set_id(t)}
    problems = []
    for loaded in app_sets:
        set_id = _set_id(loaded)
        if set_id in template_ids:
            text = message("template_id", _language(loaded), others=template_ids[set_id])
            problems.append(Problem(loaded.file, *_where(loaded), "id", text, severity="warning",
                                    rule=rule_of("template_id")))
    return problems


def _is_loader_duplicate(problem: Problem, loaded: LoadedSet) -> bool:
    """The loader's own note on a second set with an id; `check` names both files instead."""
    set_id = _set_id(loaded)
    return problem.field == "id" and set_id is not None and problem.message in (
        message("duplicate_set", lang, id=set_id) for lang in ("nl", "en")
    )


def _duplicates_across_paths(files: list[LoadedSet], seen_ids: dict[str, str]) -> list[Problem]:
    """Two sets with one id given as separate paths; within one folder they are found above."""
    problems = []
    own: dict[str, str] = {}
    for loaded in files:
        set_id = _set_id(loaded)
        if set_id is None:
            continue
        if set_id in seen_ids and seen_ids[set_id] != loaded.file:
            text = message("duplicate_set_files", _language(loaded), id=set_id, others=seen_ids[set_id])
            problems.append(
                Problem(loaded.file, *_where(loaded), "id", text, rule=rule_of("duplicate_set_files"))
            )
        own.setdefault(set_id, loaded.file)
    for set_id, file in own.items():
        seen_ids.setdefault(set_id, file)
    return problems
