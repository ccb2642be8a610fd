"""Hostile question-set YAML: refused with a located, plain message; nothing constructed or run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from veerkracht.content import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_PROBLEMS, load_file, load_question_set

REPO = Path(__file__).resolve().parent.parent
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



# --- the same located message with and without libyaml ------------------------------------


@pytest.fixture(params=["libyaml", "pure"])
def parser(request, monkeypatch):
    """Each test that asks for it runs twice: with libyaml, and as if it were not installed."""
    if request.param == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed here")
    if request.param == "pure":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    return request.param


def valid_with(old: str, new: str) -> str:
    text = valid_text()
    assert text.count(old) == 1
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


ENGLISH = ("expected", "found", "while ", "Input should", "character #", "YAML:", "special characters")


def assert_plain(problem) -> None:
    assert not any(word in problem.message for word in ENGLISH), problem.message


@pytest.mark.parametrize("levels", [MAX_DEPTH + 5, 999, 1_001, 100_000])
def test_deep_flow_nesting_names_its_field_with_and_without_libyaml(parser, levels):
    problem = only_problem("id: demo\ntitle: " + "[" * levels + "]" * levels + "\n")
    assert problem.message == "Het bestand is te diep genest."
    assert (problem.line, problem.field) == (2, "title" + "[0]" * MAX_DEPTH)


def test_deep_nesting_right_before_a_syntax_mistake_is_still_located(parser):
    problem = only_problem("title: " + "[" * 500 + " x: y: z ]\n")
    assert problem.message == "Het bestand is te diep genest."
    assert problem.field.startswith("title[0][0]")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9b", "\ufffe"])
def test_a_control_character_far_down_is_placed_at_its_line_column_and_field(parser, char):
    text = valid_with("{nl: Gaat wel, en: Okay}", f"{{nl: Gaat w{char}el, en: Okay}}")

    problem = only_problem(text)

    before = text[: text.index(char)]
    assert (problem.line, problem.column) == (before.count("\n") + 1, len(before) - before.rfind("\n"))
    assert problem.line > 15
    assert problem.field == "steps[0].questions[0].steps[1].label.nl"
    assert problem.message.startswith("Hier staat een onzichtbaar stuurteken (U+")
    assert_plain(problem)


def test_every_control_character_is_listed_at_once():
    text = "id: demo\ntitle: a\x01b\ndescription: c\x02d\n"

    problems = load_question_set(text, FILE).problems

    assert [(p.line, p.column, p.field) for p in problems] == [(2, 9, "title"), (3, 15, "description")]
    assert "(U+0002)" in problems[1].message


@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\e", "\\u0007", "\\x9b"])
def test_a_control_character_written_as_an_escape_is_refused_where_it_stands(parser, escape):
    text = valid_with("{nl: Gaat wel, en: Okay}", f'{{nl: "Gaat w{escape}el", en: Okay}}')

    problem = only_problem(text)

    assert problem.line == line_of(text, "Gaat w")
    assert problem.field == "steps[0].questions[0].steps[1].label.nl"
    assert "stuurteken" in problem.message


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("title: {nl: Alle", 'title: {nl: "Mijn steunkaart \\ud83d", x: Alle', "title.nl"),
        ('text: {nl: "Hoe gaat', 'text: {nl: "Hoe \\ude00 gaat', "steps[0].questions[0].text.nl"),
        ("label: {nl: Sporten,", 'label: {nl: "\\ud83c Sport",', "steps[0].questions[1].options[0].label.nl"),
    ],
)
def test_half_a_character_is_a_located_problem_not_a_crash(parser, old, new, field):
    text = valid_with(old, new)

    problem = only_problem(text)

    assert (problem.line, problem.field) == (line_of(text, new), field)
    assert problem.message.startswith("Hier staat een half teken (U+D")


def test_a_lone_surrogate_key_on_line_15_is_reported_on_line_15_with_its_field(parser):
    lines = valid_text().splitlines(keepends=True)
    text = "".join(lines[:7]) + "# uitleg\n" * 7 + '"\\ud800": x\n' + "".join(lines[7:])

    problem = next(p for p in load_question_set(text, FILE).problems if "half teken" in p.message)

    assert (problem.line, problem.column, problem.field) == (15, 1, "\ud800")
    assert "\\ud800: " in str(problem)  # shown as an escape, never the character itself


def test_a_whole_emoji_written_as_two_escapes_is_one_emoji():
    text = valid_with("audience: {nl: iedereen,", 'audience: {nl: "\\ud83c\\udf1f iedereen",')

    loaded = load_question_set(text, FILE)

    assert loaded.question_set is not None
    assert loaded.question_set.audience["nl"] == "🌟 iedereen"


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "!!float nan"])
def test_a_number_that_is_not_finite_is_refused_in_plain_words(parser, value):
    problem = only_problem(valid_with("minutes: 5", f"minutes: {value}"))

    assert problem.field == "minutes"
    assert problem.message == "Hier hoort een gewoon getal, zoals 10. .nan en .inf zijn geen getallen."


# --- what check prints from a file is escaped --------------------------------------------


@pytest.mark.parametrize(
    "key",
    ['"\\e[2J\\e[H"', '"x\\n0 fouten, 0 waarschuwingen"', '"x\\ry"', '"\\u202eeltit"', '"a\\u2028b"'],
)
def test_a_field_name_from_the_file_never_steers_the_terminal_or_breaks_the_line(key):
    text = valid_text() + f"{key}: 1\n"

    printed = [str(p) for p in load_question_set(text, FILE).problems]

    assert printed
    for line in printed:
        assert line.startswith(f"{FILE}:")
        assert not any(ch in line for ch in "\x1b\n\r\u202e\u2028")


def test_check_prints_one_line_per_problem_whatever_the_file_holds(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "wissen.yaml").write_text(valid_text() + '"\\e[2J\\e[H": 1\n', encoding="utf-8")
    (folder / "vals.yaml").write_text(
        valid_text().replace("id: alle-vragen", "id: vals")
        + '"x\\n\\r0 fouten, 0 waarschuwingen": 2\n"\\u202ekey": 3\n',
        encoding="utf-8",
    )

    result = subprocess.run(
        [sys.executable, "-m", "veerkracht", "check", str(folder / "wissen.yaml"), str(folder / "vals.yaml")],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )

    assert result.returncode == 1
    assert not re.search("[\x1b\r\u202e]", result.stdout)
    lines = result.stdout.splitlines()
    problems = [line for line in lines if re.match(r"^\S*(wissen|vals)\.yaml:\d+:\d+: ", line)]
    assert len([line for line in problems if ": waarschuwing: " not in line]) == 3
    assert any("\\x1b[2J\\x1b[H: " in line for line in problems)
    assert any("x\\n\\r0 fouten, 0 waarschuwingen: " in line for line in problems)
    assert not any(line.startswith("0 fouten") for line in lines)


# --- YAML's rarer forms get their own plain message ---------------------------------------


def test_an_explicit_key_gets_its_own_message_and_no_comma_hint(parser):
    text = valid_text() + "? sport en spel\n"

    problems = load_question_set(text, FILE).problems

    assert [(p.field, p.message) for p in problems] == [
        ("sport en spel", "Een veld met '?' ervoor kan hier niet. Schrijf het als 'naam: waarde'.")
    ]


def test_an_explicit_key_for_a_known_field_is_simply_read(parser):
    text = valid_with("minutes: 5", "? minutes\n: 5")
    assert load_question_set(text, FILE).question_set is not None


def test_a_merge_key_gets_its_own_message_at_its_place(parser):
    text = valid_with("audience: {nl: iedereen, en: everyone}", "audience:\n  <<: {nl: iedereen}")

    problem = only_problem(text)

    assert (problem.line, problem.field) == (line_of(text, "  <<:"), "audience")
    assert problem.message.startswith("'<<:' neemt velden over uit een ander blok")


@pytest.mark.parametrize("length", [1_100, 5_000])
def test_a_field_name_longer_than_yaml_reads_says_so(parser, length):
    problem = only_problem("id: demo\n" + "k" * length + ": x\n")

    assert problem.line == 2
    assert problem.message.startswith("Deze veldnaam is te lang: hoogstens 1024 tekens")


@pytest.mark.parametrize(
    "snippet, start",
    [
        ("title: @thuis", "Een tekst mag niet beginnen met @."),
        ("title: `code`", "Een tekst mag niet beginnen met `."),
        ("title: * ster", "Een tekst mag niet beginnen met *."),
        ('title: "a\\qb"', "Na een \\ tussen dubbele aanhalingstekens"),
        ("title: {nl: a, en: b", "Dit blok tussen { } is niet goed gesloten."),
        ("title: [a\nid: 3", "Deze lijst tussen [ ] is niet goed gesloten."),
        ("title: !x!y z", "Labels met ! (zoals !x!)"),
        ("title: |x\n  a", "Dit is geen geldige YAML."),
    ],
)
def test_syntax_mistakes_are_explained_without_the_parser_s_english(parser, snippet, start):
    problem = only_problem(f"id: demo\n{snippet}\n")

    assert problem.message.startswith(start)
    assert_plain(problem)


# --- huge files: every problem, but bounded ------------------------------------------------


def test_thousands_of_unknown_fields_list_the_first_hundred_and_count_the_rest():
    text = "id: demo\n" + "".join(f"veld{i}: {i}\n" for i in range(5_000))

    problems = load_question_set(text, FILE).problems

    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message.startswith("En nog ")
    count = int(problems[-1].message.split()[2])
    assert count + MAX_PROBLEMS >= 5_000


def test_a_run_of_texts_split_at_commas_in_a_huge_mapping_is_one_message():
    text = "id: demo\ntitle: {" + ", ".join(f"{i} a" for i in range(20_000)) + "}\n"

    problems = load_question_set(text, FILE).problems

    comma = [p for p in problems if "komma" in p.message]
    assert len(comma) == 1 and comma[0].field == "title"
