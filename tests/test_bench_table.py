"""The bench prints one table and says for each target whether this run met it. No speed is asserted."""

import math
import re
from pathlib import Path

import pytest

import veerkracht.bench
from veerkracht.bench import SECTIONS, Row, format_rows, main
from veerkracht.bench.first_visit import SECOND_VISIT_ROW
from veerkracht.bench.targets import (
    CLASS_AFTER,
    CLASS_START,
    FIRST_BYTES,
    FIRST_FCP,
    FIRST_TBT,
    PDF_40,
    SCRIPT_P95,
    check,
)


def verdicts(rows: list[Row]) -> dict[str, str]:
    """Target text → met / MISSED / not measured."""
    found = {}
    for line in check(rows):
        verdict, _, text = line.strip().removeprefix("[").partition("] ")
        found[text] = verdict
    return found


def verdict_for(rows: list[Row], words: str) -> str:
    return next(v for text, v in verdicts(rows).items() if words in text)


def test_the_table_lines_up_value_floor_and_ratio_under_their_headings():
    table = format_rows([
        Row("script time per interaction, p95", 12.345, "ms", 5.0, 2.469),
        Row("PDF, 40 items (median)", 150.0, "ms"),
    ]).splitlines()

    header, with_floor, without_floor = table
    assert header.split() == ["measurement", "value", "unit", "floor", "ratio"]
    assert with_floor.split()[-4:] == ["12.35", "ms", "5.00", "2.47x"]
    assert without_floor.split()[-2:] == ["150.00", "ms"], "no floor, no ratio: the cells stay empty"
    value_ends = {header.index("value") + 5, with_floor.index("12.35") + 5, without_floor.index("150.00") + 6}
    assert len(value_ends) == 1, "numbers are right-aligned under their heading"
    assert len(header) == len(with_floor), "the ratio column ends where its heading ends"


def test_a_target_is_met_missed_or_not_measured():
    fast = [Row(SCRIPT_P95, 12.0, "ms", 5.0, 2.4), Row(PDF_40, 150.0, "ms")]
    slow = [Row(SCRIPT_P95, 40.0, "ms", 5.0, 8.0), Row(PDF_40, 900.0, "ms")]

    assert verdict_for(fast, "script time") == "met"
    assert verdict_for(slow, "script time") == "MISSED"
    assert verdict_for(fast, "PDF") == "met"
    assert verdict_for(slow, "PDF") == "MISSED"
    assert verdict_for(fast, "class") == "not measured"


def test_the_script_target_is_what_the_app_adds_to_its_floor_not_how_busy_the_machine_was():
    busy_machine_same_ratio = [Row(SCRIPT_P95, 60.0, "ms", 30.0, 2.0)]
    fast_but_far_above_its_floor = [Row(SCRIPT_P95, 20.0, "ms", 2.0, 10.0)]

    assert verdict_for(busy_machine_same_ratio, "script time") == "met"
    assert verdict_for(fast_but_far_above_its_floor, "script time") == "MISSED"


def test_a_first_visit_is_judged_against_the_floor_behind_plain_haproxy():
    lighter = [Row(FIRST_BYTES, 700.0, "kB", 1000.0, 0.7), Row(FIRST_FCP, 800.0, "ms", 1000.0, 0.8),
               Row(FIRST_TBT, 1100.0, "ms", 1000.0, 1.1), Row(SECOND_VISIT_ROW, 2.0, "%")]
    heavier = [Row(FIRST_BYTES, 900.0, "kB", 1000.0, 0.9), Row(FIRST_FCP, 950.0, "ms", 1000.0, 0.95),
               Row(FIRST_TBT, 500.0, "ms", 100.0, 5.0), Row(SECOND_VISIT_ROW, 40.0, "%")]

    for words in ("bytes", "first contentful paint", "total blocking time", "returning student"):
        assert verdict_for(lighter, words) == "met", words
        assert verdict_for(heavier, words) == "MISSED", words
    no_stall_at_all = [Row(FIRST_TBT, 0.0, "ms", 0.0, None)]
    assert verdict_for(no_stall_at_all, "total blocking time") == "met"


def test_a_skipped_measurement_is_not_measured_rather_than_missed():
    assert verdict_for([Row(SCRIPT_P95, math.nan, "ms")], "script time") == "not measured"


def test_memory_after_the_class_is_compared_with_memory_at_its_start():
    back = [Row(CLASS_START, 120.0, "MB"), Row(CLASS_AFTER, 125.0, "MB")]
    kept = [Row(CLASS_START, 120.0, "MB"), Row(CLASS_AFTER, 180.0, "MB")]

    assert verdict_for(back, "memory back") == "met"
    assert verdict_for(kept, "memory back") == "MISSED"


def test_an_unknown_section_is_refused_with_the_known_ones(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["speed"])
    assert stop.value.code == 2
    message = capsys.readouterr().err
    assert "onbekend onderdeel 'speed'" in message
    assert "kies uit " + ", ".join(section.name for section in SECTIONS) in message


def test_every_bench_module_that_measures_is_a_section_the_bench_offers():
    bench = Path(veerkracht.bench.__file__).parent
    measuring = {
        f"veerkracht.bench.{path.stem}:run" for path in bench.glob("*.py") if path.stem != "__init__"
        if re.search(r"^def run\(args: argparse\.Namespace\)", path.read_text(encoding="utf-8"), re.M)
    }

    assert len(measuring) >= 8
    assert sorted(section.target for section in SECTIONS) == sorted(measuring)


def test_the_exports_section_prints_its_rows_and_the_pdf_target(capsys):
    assert main(["exports", "--repeats", "1"]) == 0

    printed = capsys.readouterr().out
    assert "machine: " in printed and " cores " in printed
    assert any(line.startswith(PDF_40) and " ms " in line for line in printed.splitlines())
    pdf_target = next(line for line in printed.splitlines() if "PDF for 40 items" in line)
    assert "[not measured]" not in pdf_target
    assert "[not measured] a class: zero errors" in printed


def test_the_bench_options_pass_through_the_veerkracht_command(capsys):
    from veerkracht.__main__ import main as veerkracht

    with pytest.raises(SystemExit) as stop:
        veerkracht(["bench", "--quick", "--students", "3", "speed"])

    assert stop.value.code == 2
    assert "onbekend onderdeel 'speed'" in capsys.readouterr().err, "--quick and --students were accepted"


def test_main_thread_work_is_the_median_of_the_loads_beside_the_floor_s():
    from veerkracht.bench.main_thread import LONG_TASKS, Loads, row_name, rows

    app, floor = Loads(), Loads()
    for value in (700.0, 650.0, 2400.0):  # one load hit by a busy moment: the median ignores it
        app.add("main thread CPU time", value)
        app.add(LONG_TASKS, 3.0)
    for value in (600.0, 500.0, 520.0):
        floor.add("main thread CPU time", value)
        floor.add(LONG_TASKS, 3.0)

    by_name = {row.name: row for row in rows(app, floor)}
    cpu = by_name[row_name("main thread CPU time (median)")]
    assert (cpu.value, cpu.floor, cpu.unit) == (700.0, 520.0, "ms")
    assert cpu.ratio == pytest.approx(700 / 520)
    assert by_name[row_name("long tasks over 50 ms (median)")].unit == "tasks"
    assert math.isnan(by_name[row_name("script (median)")].value)  # not measured: no made-up number
    assert any("app 650-2400 ms, floor 500-600 ms" in name for name in by_name)
