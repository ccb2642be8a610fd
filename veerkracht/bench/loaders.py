"""The loaders' worst cases next to the shipped content: time per kB, so a slow path stands out.

`check` and the preview page read a question set the same way (load, then lint), and the start
page reads a session file; each row here is one hostile or huge file for one of them, up to the
size limit. A row's floor is the time per kB of checking every shipped question set.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from collections.abc import Callable
from datetime import date

from veerkracht import limits
from veerkracht.bench import Row
from veerkracht.content import load_question_set, question_set_files
from veerkracht.lint import lint_set
from veerkracht.settings import REPO_DIR

SHIPPED_ROW = "check: shipped question sets (per kB)"


def check_text(text: bytes) -> None:
    """What `check` and the preview do with one file."""
    lint_set(load_question_set(text, "bench.yaml"))


def unknown_keys(size: int) -> bytes:
    """Lines like `0 a:`: every line an unknown field with a space in it, as a comma leaves."""
    lines, total, i = [], 0, 0
    while total < size:
        line = f"{i} a:\n"
        lines.append(line)
        total += len(line)
        i += 1
    return ("id: demo\n" + "".join(lines)).encode()


def flow_mapping(entries: int) -> bytes:
    """One `{ }` of fields without values, each with a space: pieces of a text split at commas."""
    return ("{" + ", ".join(f"{i} a" for i in range(entries)) + "}\n").encode()


def deep_flow(levels: int) -> bytes:
    return ("title: " + "[" * levels + "]" * levels + "\n").encode()


def control_characters(size: int) -> bytes:
    return ("id: demo\ntitle: " + "a\x01" * (size // 2) + "\n").encode()


def late_syntax_mistake(size: int) -> bytes:
    body = "".join(f"k{i}: tekst {i}\n" for i in range(size // 14))
    return (body + "x: [niet af\n").encode()


def many_small_flow_texts(size: int) -> bytes:
    """Thousands of steps like `{id: s1, title: Ik, zelf en zo}`: a comma splits every title."""
    lines, total, i = [], 0, 0
    while total < size:
        line = f"  - {{id: s{i}, title: Ik, zelf en zo}}\n"
        lines.append(line)
        total += len(line)
        i += 1
    return ("id: demo\nsteps:\n" + "".join(lines)).encode()


def many_options(count: int) -> bytes:
    """One question with thousands of options, far past the 24 a cards question may have."""
    option = "          - {{id: o{i}, icon: ⚽, label: {{nl: Optie {i}, en: Option {i}}}}}\n"
    options = "".join(option.format(i=i) for i in range(count))
    return (
        "id: demo\nversion: '1'\ntitle: Veel\ndescription: Veel keuzes.\naudience: mbo\nminutes: 5\n"
        "steps:\n  - id: ik\n    kind: individual\n    title: Ik\n    questions:\n"
        "      - id: sterk\n        type: cards\n        text: Waar ben je goed in?\n        options:\n"
        + options
    ).encode()


def session_file(people: int, orphans: int = 0) -> bytes:
    entry = {"id": "abcd1234", "name": "Oma Fatma", "closeness": "close", "helps_with": []}
    answers: dict = {"wie": [dict(entry, id=f"p{i}") for i in range(people)]}
    answers.update({f"weg-{i}": ["x" * 60] * 40 for i in range(orphans)})
    return json.dumps({
        "format": "veerkracht-session", "format_version": 1, "saved_at": date.today().isoformat(),
        "question_set": {"id": "voorbeeld", "version": "2"}, "language": "nl", "mode": "coach",
        "nickname": "Sam", "step": 0, "furthest_step": 0, "answers": answers,
    }).encode()


def _best_ms(work: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def run(args: argparse.Namespace) -> list[Row]:
    from veerkracht.bench.sample import sample_question_set
    from veerkracht.session import SessionError, load_session

    repeats = 1 if args.quick else 3
    shipped = [path.read_bytes() for path in question_set_files(REPO_DIR / "content")]
    shipped_kb = sum(len(text) for text in shipped) / 1024
    floor = _best_ms(lambda: [check_text(text) for text in shipped], repeats) / shipped_kb
    rows = [Row(SHIPPED_ROW, floor, "ms/kB")]
    cases = {
        "unknown fields like `0 a:`, 60 kB": unknown_keys(60 * 1024),
        "unknown fields like `0 a:`, 236 kB": unknown_keys(236 * 1024),
        "one flow mapping of 30,000 entries": flow_mapping(30_000),
        "flow lists nested 100,000 deep": deep_flow(100_000),
        "a control character every other one, 200 kB": control_characters(200 * 1024),
        "a syntax mistake at the end, 250 kB": late_syntax_mistake(250 * 1024),
        "thousands of { } texts split at commas, 250 kB": many_small_flow_texts(250 * 1024),
        "one question with 3,000 options": many_options(3_000),
    }
    for name, text in cases.items():
        text = text[: limits.CONTENT_BYTES]
        ms = _best_ms(lambda text=text: check_text(text), repeats)
        per_kb = ms / (len(text) / 1024)
        rows.append(Row(f"check: {name} (per kB)", per_kb, "ms/kB", floor, per_kb / floor))
        rows.append(Row(f"check: {name} (whole file)", ms, "ms"))

    sets = {"voorbeeld": sample_question_set()}

    def load(data: bytes) -> None:
        with contextlib.suppress(SessionError):
            load_session(data, sets)

    full = session_file(limits.ENTRIES)
    session_floor = _best_ms(lambda: load(full), repeats) / (len(full) / 1024)
    rows.append(Row(f"session: {limits.ENTRIES} people, the most a student can add (per kB)",
                    session_floor, "ms/kB"))
    for name, data in {
        "2,000 people": session_file(2_000),
        "answers to removed questions up to the size limit": session_file(0, orphans=150),
    }.items():
        ms = _best_ms(lambda data=data: load(data), repeats)
        per_kb = ms / (len(data) / 1024)
        rows.append(Row(f"session: {name} (per kB)", per_kb, "ms/kB", session_floor, per_kb / session_floor))
    return rows
