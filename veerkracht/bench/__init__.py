"""Benchmarks: `python -m veerkracht bench` prints a table of numbers. Nothing here asserts speed.

Each section measures one part of the app and returns rows; a section is added by appending it
to SECTIONS. A row may name a floor (what the same work costs without the app, e.g. Streamlit's
own page) and the ratio of the value to it.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


class Row(NamedTuple):
    name: str
    value: float
    unit: str
    floor: float | None = None
    ratio: float | None = None


@dataclass(frozen=True)
class Section:
    name: str
    description: str
    target: str  # "module:function", imported only when the section runs

    def run(self, args: argparse.Namespace) -> list[Row]:
        module, function = self.target.split(":")
        measure: Callable[[argparse.Namespace], list[Row]] = getattr(
            importlib.import_module(module), function
        )
        return measure(args)


SECTIONS: list[Section] = [
    Section("script", "script time per interaction, walking mbo-standaard in AppTest",
            "veerkracht.bench.script:run"),
    Section("browser", "first question usable in headless Chromium", "veerkracht.bench.browser:run"),
    Section("exports", "map layout, figure, PDF, session file save and load", "veerkracht.bench.exports:run"),
    Section("layout", "map layout at 10 to 80 items and the most a student can enter",
            "veerkracht.bench.map_layout:run"),
    Section("loaders", "check and session loading: worst cases up to the size limits, per kB",
            "veerkracht.bench.loaders:run"),
    Section("check", "check on the shipped content: static checks, then every screen tried",
            "veerkracht.bench.proof:run"),
    Section("class", "a whole class at once against the real server", "veerkracht.bench.classroom:run"),
    Section("human", "human pace: students tapping every 0.5-2 s through people and places, beside the floor",
            "veerkracht.bench.human_pace:run"),
    Section("scale", "the class through HAProxy with 1, 2 and 3 processes; first load direct and proxied",
            "veerkracht.bench.scale:run"),
    Section("first-visit", "Lighthouse on a phone: app and floor behind the shipped proxies; a second visit",
            "veerkracht.bench.first_visit:run"),
    Section("main-thread", "the start page's main-thread work in Chromium, unthrottled, beside the floor",
            "veerkracht.bench.main_thread:run"),
]


def section_name(name: str) -> str:
    known = [s.name for s in SECTIONS]
    if name not in known:
        raise argparse.ArgumentTypeError(f"onbekend onderdeel {name!r}; kies uit {', '.join(known)}")
    return name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The bench's options; `python -m veerkracht bench` uses them too, so there is one list."""
    parser.add_argument("sections", nargs="*", metavar="ONDERDEEL", type=section_name,
                        help="welke onderdelen (standaard alle): " + ", ".join(s.name for s in SECTIONS))
    parser.add_argument("--repeats", type=int, default=7, metavar="N",
                        help="herhalingen per meting van kaart, pdf en bestand (standaard 7)")
    parser.add_argument("--quick", action="store_true",
                        help="kort: minder rondes, een klas van 10 die elke ~2 s klikt")
    parser.add_argument("--students", type=int, metavar="N", help="studenten in de klas (standaard 30)")
    parser.add_argument("--think", type=float, metavar="S",
                        help="seconden tussen de klikken van een student (standaard 5)")
    parser.add_argument("--skip-browser", action="store_true", help="zonder Chromium")
    parser.add_argument("--skip-class", action="store_true", help="zonder de klas")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="veerkracht bench", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Measure the chosen sections, then print the machine, the table and the targets."""
    chosen = [s for s in SECTIONS if not args.sections or s.name in args.sections]
    from veerkracht.bench import machine, targets

    print(f"machine: {machine.describe()}")
    rows: list[Row] = []
    for section in chosen:
        print(f"measuring {section.name}: {section.description} ...", flush=True)
        rows += section.run(args)
    print()
    print(format_rows(rows))
    print("\ntargets:")
    print("\n".join(targets.check(rows)))
    return 0


def format_rows(rows: list[Row]) -> str:
    header = ("measurement", "value", "unit", "floor", "ratio")
    lines = [header] + [
        (r.name, f"{r.value:.2f}", r.unit, "" if r.floor is None else f"{r.floor:.2f}",
         "" if r.ratio is None else f"{r.ratio:.2f}x")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                  for i, (cell, w) in enumerate(zip(line, widths, strict=True)))
        for line in lines
    )
