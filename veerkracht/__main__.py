"""`python -m veerkracht check|upgrade|schema|bench`: the commands schools and maintainers run."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import NoReturn

from veerkracht.bench import add_arguments as add_bench_arguments
from veerkracht.checker import CheckReport, check_paths, content_files, content_folder_of, upgrade_folder
from veerkracht.content import Problem
from veerkracht.schemas import SCHEMAS, write_schemas
from veerkracht.text import escaped

__all__ = ["CheckReport", "check_paths", "content_files", "main"]

DEFAULT_CONTENT = Path("content")
OUTPUT_FORMATS = ("text", "github", "json")


def _run_check(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_CONTENT]
    if args.fix:
        _upgrade(paths, quiet=args.quiet)
    report = check_paths(paths, walk=not args.quick)
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    shown = [p for p in report.problems
             if not args.quiet or p.severity == "error" or args.strict]
    if args.output == "json":
        print(json.dumps(_as_json(report, shown), ensure_ascii=False, indent=2))
        return 1 if failed else 0
    for problem in shown:
        print(github_line(problem, args.strict) if args.output == "github" else problem)
    if not args.quiet:
        walked = report.walk_summary()
        if walked:
            print(walked)
        print(report.summary())
    return 1 if failed else 0


def _as_json(report: CheckReport, shown: list[Problem]) -> dict:
    return {
        "problems": [asdict(p) for p in shown],
        "errors": report.errors,
        "warnings": report.warnings,
        "notes": report.notes,
        "files": report.files,
        "walk": report.walk_summary(),
        "summary": report.summary(),
    }


def _escape(text: str, property_value: bool = False) -> str:
    """GitHub's workflow commands: %, CR and LF escaped; in a property also : and ,."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def github_line(problem: Problem, strict: bool = False) -> str:
    """One problem as a GitHub Actions annotation, shown on the line in the pull request."""
    level = {"error": "error", "warning": "error" if strict else "warning"}.get(problem.severity, "notice")
    place = f"{escaped(problem.field)}: " if problem.field else ""
    props = f"file={_escape(escaped(problem.file), True)},line={problem.line},col={problem.column}"
    props += f",title={_escape(problem.rule or 'veerkracht', True)}"
    return f"::{level} {props}::{_escape(place + escaped(problem.message))}"


def _run_upgrade(args: argparse.Namespace) -> int:
    return _upgrade(args.paths or [DEFAULT_CONTENT], quiet=False, write=not args.dry_run)


def _upgrade(paths: list[Path], quiet: bool, write: bool = True) -> int:
    """Each content folder's files rewritten to the current format; one line per change."""
    left = 0
    folders = list(dict.fromkeys(content_folder_of(path) for path in paths if path.exists()))
    for folder in folders:
        done = upgrade_folder(folder, write=write)
        for item in done:
            left += len(item.left)
            for line in item.said:
                if not quiet:
                    print(f"{item.file}: {line}")
            for line in item.left:
                print(f"{item.file}: niet veranderd: {line}")
        if not done and not quiet:
            print(f"{folder}: alles staat al in het formaat van deze versie")
    return 1 if left else 0


def _run_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(args.folder):
        print(f"Schema geschreven naar {path}")
    return 0


def _run_bench(args: argparse.Namespace) -> int:
    import veerkracht.bench

    return veerkracht.bench.run(args)


# argparse's own messages, in Dutch (its words are English and come through gettext).
_DUTCH_ERRORS = (
    (r"^unrecognized arguments: (.*)$", r"onbekende opties: \1"),
    (r"^the following arguments are required: (.*)$", r"dit moet erbij: \1"),
    (r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$",
     r"bij \1: onbekende keuze \2 (kies uit \3)"),
    (r"^argument (.*?): expected one argument$", r"bij \1: hier hoort één waarde achter"),
    (r"^argument (.*?): invalid (\w+) value: (.*)$", r"bij \1: \3 is hier geen goede waarde"),
    (r"^argument (.*?): not allowed with argument (.*)$", r"bij \1: kan niet samen met \2"),
    (r"^argument (.*?): ignored explicit argument (.*)$", r"bij \1: hier hoort geen waarde achter: \2"),
    (r"^ambiguous option: (.*?) could match (.*)$", r"onduidelijke optie: \1 kan zijn: \2"),
)


def dutch_error(text: str) -> str:
    for pattern, dutch in _DUTCH_ERRORS:
        if re.match(pattern, text):
            return re.sub(pattern, dutch, text)
    return text


class DutchParser(argparse.ArgumentParser):
    """argparse with its usage line and its errors in Dutch, as every other word of the commands."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "gebruik:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "gebruik:", 1)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch_error(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(
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
    options.add_argument(
        "--snel", dest="quick", action="store_true",
        help="sla het proberen van elk scherm over (alleen voor even tussendoor)",
    )
    options.add_argument(
        "--format", dest="output", choices=OUTPUT_FORMATS, default="text", metavar="VORM",
        help="text (standaard), github (meldingen bij de regel in een pull request) of json",
    )
    options.add_argument(
        "--quiet", "--stil", dest="quiet", action="store_true",
        help="toon alleen wat de controle laat falen, zonder samenvatting",
    )
    options.add_argument(
        "--fix", action="store_true",
        help="zet eerst de bestanden in het formaat van deze versie (zoals 'upgrade'), controleer dan",
    )
    check.set_defaults(run=_run_check)

    upgrade = commands.add_parser(
        "upgrade",
        help="zet de bestanden van een school in het formaat van deze versie",
        description="Zet vragensets, woorden van de app en hulp in het formaat van deze versie. "
        "Commentaar en volgorde blijven staan; elke verandering staat op een eigen regel.",
        add_help=False,
    )
    upgrade_options = _dutch_help(upgrade)
    upgrade_options.add_argument(
        "paths", nargs="*", type=Path, metavar="PAD", help="een map met inhoud (standaard: content/)",
    )
    upgrade_options.add_argument(
        "--proef", dest="dry_run", action="store_true", help="zeg wat er zou veranderen, verander niets",
    )
    upgrade.set_defaults(run=_run_upgrade)

    schema = commands.add_parser(
        "schema",
        help="schrijf de JSON-schema's voor editors",
        description="Schrijf de JSON-schema's van vragensets, woorden van de app en hulp, zodat "
        "een editor velden aanvult en fouten onderstreept.",
        add_help=False,
    )
    names = ", ".join(SCHEMAS)
    _dutch_help(schema).add_argument(
        "--map", dest="folder", type=Path, default=DEFAULT_CONTENT, metavar="MAP",
        help=f"de map met de inhoud; daar komen {names} (standaard: {DEFAULT_CONTENT}/)",
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
