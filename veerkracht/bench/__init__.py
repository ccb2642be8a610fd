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
    Section("class", "a whole class at once against the real server", "veerkracht.bench.classroom:run"),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="veerkracht bench", description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", metavar="SECTION",
                        help="which sections to run (default: all): " + ", ".join(s.name for s in SECTIONS))
    parser.add_argument("--repeats", type=int, default=7, help="repeats per measurement (default 7)")
    parser.add_argument("--quick", action="store_true",
                        help="a short run: fewer rounds and loads, a class of 10 clicking every ~2 s")
    parser.add_argument("--students", type=int, help="students in the class (default 30; quick: 10)")
    parser.add_argument("--think", type=float, help="seconds between a student's clicks (default 5)")
    parser.add_argument("--skip-browser", action="store_true", help="leave out the Chromium page loads")
    parser.add_argument("--skip-class", action="store_true", help="leave out the class at once")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    # `python -m veerkracht bench -- --quick`: the "--" only gets options past the outer parser.
    if argv and argv[0] == "--":
        argv = argv[1:]
    args = parser.parse_args(argv)
    unknown = set(args.sections) - {s.name for s in SECTIONS}
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
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
