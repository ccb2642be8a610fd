"""`python -m veerkracht check|schema|bench`: the commands schools and maintainers run."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from veerkracht.bench import add_arguments as add_bench_arguments
from veerkracht.content import (
    ContentLibrary,
    Problem,
    load_folder,
    message,
    question_set_files,
)
from veerkracht.lint import lint_set
from veerkracht.model import QuestionSet

DEFAULT_CONTENT = Path("content")
SCHEMA_FILE = "questionset.schema.json"
TEMPLATES_DIR = "templates"
INTERFACE_DIR = "interface"
HELP_FILE = "help.yaml"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_TITLE = "Veerkracht vragenset"


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def summary(self) -> str:
        return (
            f"{_count(self.errors, 'fout', 'fouten')}, "
            f"{_count(self.warnings, 'waarschuwing', 'waarschuwingen')} in "
            f"{_count(self.files, 'bestand', 'bestanden')}"
        )


def check_paths(paths: list[Path]) -> CheckReport:
    """Check question sets, templates, interface words and help contacts under the given paths."""
    report = CheckReport()
    seen_ids: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            library = load_folder(path, content_files(path))
            report.files += len(library.files)
            report.problems += library.problems + _lint(library)
            report.problems += _folder_extras(path, library, report)
        elif path.is_file():
            library = load_folder(path.parent, [path])
            report.files += 1
            report.problems += library.problems + _lint(library)
        else:
            report.problems.append(Problem(str(path), 1, 1, "", "Deze map of dit bestand bestaat niet."))
            continue
        report.problems += _duplicates_across_paths(library, seen_ids)
    report.problems.sort(key=lambda p: (p.file, p.line, p.column, p.field))
    return report


def content_files(folder: Path) -> list[Path]:
    """The question sets in a content folder, then its templates."""
    return question_set_files(folder) + sorted((folder / TEMPLATES_DIR).glob("*.yaml"))


def _lint(library: ContentLibrary) -> list[Problem]:
    return [problem for loaded in library.files for problem in lint_set(loaded)]


def _folder_extras(folder: Path, library: ContentLibrary, report: CheckReport) -> list[Problem]:
    """Interface words and help contacts, for a folder that holds them."""
    from veerkracht.contacts import check_contacts
    from veerkracht.interface import check_interface

    problems: list[Problem] = []
    if (folder / INTERFACE_DIR).is_dir():
        declared = {lang for qs in library.sets.values() for lang in qs.languages}
        problems += check_interface(folder, declared)
        report.files += len(list((folder / INTERFACE_DIR).glob("*.yaml")))
    if (folder / HELP_FILE).exists() or (folder / INTERFACE_DIR).is_dir():
        problems += check_contacts(folder)
        report.files += 1
    return problems


def _duplicates_across_paths(library: ContentLibrary, seen_ids: dict[str, str]) -> list[Problem]:
    """Two sets with one id given as separate paths; within one folder the loader finds them."""
    problems = []
    for loaded in library.files:
        qs = loaded.question_set
        if qs is None:
            continue
        if qs.id in seen_ids and seen_ids[qs.id] != loaded.file:
            line, column = loaded.source.locate(("id",)) if loaded.source else (1, 1)
            text = message("duplicate_set", qs.default_language, id=qs.id)
            problems.append(Problem(loaded.file, line, column, "id", text))
        seen_ids.setdefault(qs.id, loaded.file)
    return problems


def schema_text() -> str:
    """The JSON Schema of a question set, as written to content/questionset.schema.json."""
    schema = {"$schema": JSON_SCHEMA_DIALECT, **QuestionSet.model_json_schema(), "title": SCHEMA_TITLE}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _run_check(args: argparse.Namespace) -> int:
    report = check_paths(args.paths or [DEFAULT_CONTENT])
    for problem in report.problems:
        print(problem)
    print(report.summary())
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    return 1 if failed else 0


def _run_schema(args: argparse.Namespace) -> int:
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(schema_text(), encoding="utf-8")
    print(f"Schema geschreven naar {output}")
    return 0


def _run_bench(args: argparse.Namespace) -> int:
    import veerkracht.bench

    return veerkracht.bench.run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="veerkracht", description="Controleer en beheer de vragensets van Veerkracht.",
        add_help=False,
    )
    _dutch_help(parser)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="opdracht", title="opdrachten"
    )

    check = commands.add_parser(
        "check",
        help="controleer vragensets en meld elke fout en waarschuwing",
        description="Controleer vragensets. Meldt elke fout en waarschuwing als "
        "bestand:regel:kolom: veld: melding.",
        add_help=False,
    )
    options = _dutch_help(check)
    options.add_argument(
        "paths", nargs="*", type=Path, metavar="PAD",
        help="een map of een .yaml-bestand (standaard: content/)",
    )
    options.add_argument("--strict", action="store_true", help="waarschuwingen tellen ook als fout")
    check.set_defaults(run=_run_check)

    schema = commands.add_parser(
        "schema",
        help="schrijf het JSON-schema voor editors",
        description="Schrijf het JSON-schema van een vragenset, zodat een editor velden aanvult.",
        add_help=False,
    )
    _dutch_help(schema).add_argument(
        "--output", type=Path, default=DEFAULT_CONTENT / SCHEMA_FILE, metavar="PAD",
        help=f"waar het schema komt (standaard: {DEFAULT_CONTENT / SCHEMA_FILE})",
    )
    schema.set_defaults(run=_run_schema)

    bench = commands.add_parser(
        "bench", help="meet de snelheid van de app", add_help=False,
        description="Meet de snelheid van de app naast een kale Streamlit-pagina (docs/performance.md).",
    )
    add_bench_arguments(_dutch_help(bench))
    bench.set_defaults(run=_run_bench)
    return parser


def _dutch_help(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """A Dutch -h/--help in a Dutch-titled group; argparse's own titles are English."""
    options = parser.add_argument_group("opties")
    options.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    return options


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
