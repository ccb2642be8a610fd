"""`python -m veerkracht check|schema|bench`: the commands schools and maintainers run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from veerkracht.bench import add_arguments as add_bench_arguments
from veerkracht.checker import CheckReport, check_paths, content_files
from veerkracht.schemas import SCHEMAS, write_schemas

__all__ = ["CheckReport", "check_paths", "content_files", "main"]

DEFAULT_CONTENT = Path("content")


def _run_check(args: argparse.Namespace) -> int:
    report = check_paths(args.paths or [DEFAULT_CONTENT], walk=not args.quick)
    for problem in report.problems:
        print(problem)
    walked = report.walk_summary()
    if walked:
        print(walked)
    print(report.summary())
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    return 1 if failed else 0


def _run_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(args.folder):
        print(f"Schema geschreven naar {path}")
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
    options.add_argument(
        "--snel", dest="quick", action="store_true",
        help="sla het proberen van elk scherm over (alleen voor even tussendoor)",
    )
    check.set_defaults(run=_run_check)

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
