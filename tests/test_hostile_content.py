"""Hostile question-set YAML: refused with a located, plain message; nothing constructed or run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from veerkracht.content import MAX_BYTES, MAX_DEPTH, MAX_NODES, load_file, load_question_set

FIXTURE = Path(__file__).parent / "fixtures" / "alle-vragen.yaml"
FILE = "scholen/vragen.yaml"


def only_problem(text: str | bytes):
    loaded = load_question_set(text, FILE)
    assert loaded.question_set is None
    assert len(loaded.problems) == 1, [str(p) for p in loaded.problems]
    problem = loaded.problems[0]
    assert problem.file == FILE and problem.line >= 1 and problem.column >= 1
    assert str(problem).startswith(f"{FILE}:{problem.line}:{problem.column}: ")
    return problem


def valid_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_the_fixture_itself_loads_so_every_refusal_below_is_about_the_change():
    assert load_question_set(valid_text(), FILE).question_set is not None


def test_a_python_object_tag_runs_nothing_and_is_reported_where_it_stands(tmp_path):
    target = tmp_path / "made-by-yaml"
    payload = f"id: demo\nminutes: !!python/object/apply:os.mkdir [{str(target)!r}]\n"

    problem = only_problem(payload)

    assert not target.exists()
    assert (problem.line, problem.column, problem.field) == (2, 10, "minutes")
    assert "!!python/object/apply:os.mkdir" in problem.message
    assert "niet toegestaan" in problem.message


def test_the_same_payload_is_real_an_unsafe_loader_would_run_it(tmp_path):
    target = tmp_path / "made-by-yaml"
    yaml.unsafe_load(f"minutes: !!python/object/apply:os.mkdir [{str(target)!r}]\n")
    assert target.is_dir()  # what the safe loader above must never do


@pytest.mark.parametrize(
    "snippet, line, field",
    [
        ("title: !!python/object:collections.OrderedDict {a: 1}", 2, "title"),
        ("title: !!python/name:os.system", 2, "title"),
        ("title: !!python/tuple [a, b]", 2, "title"),
        ("title: !eigen Hallo", 2, "title"),
        ("title: !!set {a, b}", 2, "title"),
        ("steps:\n  - !!python/object/new:dict {}", 3, "steps[0]"),
    ],
)
def test_every_kind_of_tag_is_refused_with_its_line_and_field(snippet, line, field):
    problem = only_problem(f"id: demo\n{snippet}\n")
    assert (problem.line, problem.field) == (line, field)
    assert problem.message.startswith("Labels met !")


def test_a_tag_on_a_field_name_is_refused_too():
    problem = only_problem("id: demo\n!!python/name:os.system : x\n")
    assert problem.line == 2
    assert "veldnaam" in problem.message


def test_a_tag_hidden_in_a_valid_set_makes_the_whole_set_refused():
    text = valid_text().replace(
        "audience: {nl: iedereen, en: everyone}",
        "audience: !!python/object/apply:os.getcwd []",
    )
    problem = only_problem(text)
    assert problem.field == "audience"
    assert problem.line == text.splitlines().index("audience: !!python/object/apply:os.getcwd []") + 1


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    huge = "id: demo\ntitle: " + "x" * MAX_BYTES + "\n"
    problem = only_problem(huge)
    assert problem.line == 1 and problem.field == ""
    assert "te groot" in problem.message and f"{MAX_BYTES // 1024} kB" in problem.message
    assert only_problem(huge.encode("utf-8")).message == problem.message


def test_a_huge_file_on_disk_is_refused_by_its_size(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_BYTES + 10) + b"\nid: demo\n")
    loaded = load_file(path, "groot.yaml")
    assert loaded.question_set is None
    assert [p.message for p in loaded.problems] == ["Het bestand is te groot (meer dan 256 kB)."]


def test_a_just_allowed_size_file_of_plain_text_still_loads_to_a_normal_verdict():
    text = valid_text()
    padding = "# " + "opvulling " * ((MAX_BYTES - len(text.encode()) - 100) // 10) + "\n"
    loaded = load_question_set(padding + text, FILE)
    assert loaded.question_set is not None


@pytest.mark.parametrize("levels", [MAX_DEPTH + 5, 500, 100_000])
def test_deeply_nested_flow_lists_are_refused_as_too_deep(levels):
    problem = only_problem("title: " + "[" * levels + "]" * levels + "\n")
    assert problem.message == "Het bestand is te diep genest."
    assert problem.line == 1
    assert problem.field.startswith("title[0][0]")


def test_deeply_nested_blocks_are_refused_with_the_line_where_it_gets_too_deep():
    text = "".join("  " * i + f"laag{i}:\n" for i in range(MAX_DEPTH + 10)) + "  " * (MAX_DEPTH + 10) + "x\n"
    problem = only_problem(text)
    assert problem.message == "Het bestand is te diep genest."
    assert problem.line == MAX_DEPTH + 1
    assert problem.field == ".".join(f"laag{i}" for i in range(MAX_DEPTH + 1))


def test_nesting_up_to_the_limit_is_judged_on_its_content_not_refused():
    text = "id: demo\nextra: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    messages = [p.message for p in load_question_set(text, FILE).problems]
    assert "Het bestand is te diep genest." not in messages
    assert "Dit veld bestaat niet. Is het een tikfout?" in messages


def billion_laughs(levels: int = 12) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_alias():
    problem = only_problem(billion_laughs())
    assert problem.line == 2
    assert problem.field == "b[0]"
    assert problem.message.startswith("Ankers (&) en verwijzingen (*) zijn niet toegestaan")


def test_a_long_text_repeated_by_aliases_is_refused():
    text = f"id: demo\ntitle: &lang {'x' * 10_000}\ndescription: *lang\naudience: *lang\n"
    problem = only_problem(text)
    assert (problem.line, problem.field) == (3, "description")


def test_a_merge_key_that_copies_another_block_is_refused():
    problem = only_problem("id: demo\nbasis: &b {nl: Hoi}\ntitle: {<<: *b}\n")
    assert problem.line == 3 and "Ankers" in problem.message


def test_a_self_referencing_anchor_is_refused():
    assert "Ankers" in only_problem("id: demo\nsteps: &s [*s]\n").message


def test_a_file_with_too_many_parts_is_refused_at_the_part_past_the_limit():
    items = ", ".join(["1"] * (MAX_NODES + 10))
    problem = only_problem(f"steps: [{items}]\n")
    assert problem.message == "Het bestand heeft te veel onderdelen."
    assert problem.field == f"steps[{MAX_NODES - 2}]"  # the file itself and `steps` count as parts


@pytest.mark.parametrize(
    "value",
    ["!!int twaalf", "!!float veel", "1" + "0" * 5000, "!!int 1" + "0" * 5000],
)
def test_a_number_that_cannot_be_read_is_a_located_problem(value):
    problem = only_problem(f"id: demo\nminutes: {value}\n")
    assert (problem.line, problem.field) == (2, "minutes")
    assert problem.message.startswith("Deze waarde kan niet gelezen worden.")


def test_a_time_like_value_is_read_as_text_not_as_a_base_60_number():
    loaded = load_question_set(valid_text().replace("minutes: 5", "minutes: 1:30"), FILE)
    assert [(p.field, p.message) for p in loaded.problems] == [("minutes", "Hier hoort een heel getal.")]


def test_a_huge_time_like_value_is_not_turned_into_a_giant_number():
    value = "1" + ":59" * 60_000
    loaded = load_question_set(f"id: demo\nminutes: {value}\n", FILE)
    assert ("minutes", "Hier hoort een heel getal.") in [(p.field, p.message) for p in loaded.problems]


@pytest.mark.parametrize("key", ["? [a, b]\n: 1", "{a: 1}: 2", "? {a: [1]}\n: x"])
def test_a_list_or_block_as_field_name_is_refused(key):
    assert "veldnaam" in only_problem(f"{key}\n").message


@pytest.mark.parametrize("marker", ["=", "<<"])
def test_yaml_1_1_marker_words_are_read_as_text(marker):
    loaded = load_question_set(valid_text().replace("audience: {nl: iedereen, en: everyone}",
                                                    f'audience: {marker}'), FILE)
    assert loaded.question_set is not None
    assert loaded.question_set.audience == marker


@pytest.mark.parametrize(
    "text, expected",
    [
        (b"id: \xff\xfe demo\n", "Het bestand is geen tekst (UTF-8). Sla het op als UTF-8."),
        ("id: a\x00b\n", "Hier staat een onzichtbaar stuurteken (U+0000)"),
        ("id: demo\n---\nid: tweede\n", "Hier begint een tweede deel (na '---')"),
        ("   \n\n", "Het bestand is leeg."),
        ("- id: demo\n", "Het bestand is een lijst"),
        ("id: demo\nid: nog een\n", "Dit veld staat er twee keer."),
    ],
)
def test_broken_files_get_one_plain_message(text, expected):
    assert only_problem(text).message.startswith(expected)


def test_a_lone_surrogate_in_python_text_is_a_problem_not_a_crash():
    loaded = load_question_set("id: demo\ntitle: \ud800\n", FILE)
    assert loaded.question_set is None and loaded.problems
