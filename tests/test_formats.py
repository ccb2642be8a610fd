"""A school's content keeps working after an upgrade: old words are read, new words fall back, and
`veerkracht upgrade` writes the files up to this version with their comments and order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from veerkracht import formats
from veerkracht.__main__ import main
from veerkracht.checker import check_paths
from veerkracht.interface import load_words, ready_languages
from veerkracht.languages import offered_languages
from veerkracht.ui.library import load_content

CONTACT_RULES = {"VK301", "VK302", "VK303", "VK304", "VK306"}  # what only a person can check
PREVIOUS_RELEASE = FIXTURES / "vorige-versie"  # a school's copy of the content of the previous release
LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk"]


def school(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(PREVIOUS_RELEASE, folder)
    return folder


def test_content_of_the_previous_release_passes_check_with_every_language_still_offered(tmp_path):
    folder = school(tmp_path)

    report = check_paths([folder], walk=False)

    assert report.errors == 0, [str(p) for p in report.problems if p.severity == "error"]
    assert sorted(ready_languages(folder)) == sorted(LANGUAGES)
    content = load_content(folder)
    assert offered_languages(content.library.sets["terugkeer"], content) == LANGUAGES


@pytest.mark.parametrize("lang", ["tr", "ar"])
def test_every_screen_of_the_previous_releases_content_works_in_a_language_the_school_wrote(tmp_path, lang):
    """The render walk (as in `check`), with the coach, in Turkish and in Arabic (right to left): every
    word the app asks for is there, old words under their new names and new ones from the app."""
    from veerkracht.walk import _walking, walk_set

    folder = school(tmp_path)
    question_set = load_content(folder).library.sets["terugkeer"]

    with _walking(folder):
        failure, screens = walk_set(question_set, lang, "coach")

    assert failure is None
    assert screens > len(question_set.steps)


def test_each_change_since_the_previous_release_is_one_warning_that_says_what_to_do(tmp_path):
    folder = school(tmp_path)

    found = {(p.file.split("content/")[-1], p.field): p for p in check_paths([folder], walk=False).problems}

    replaced = found[("interface/tr.yaml", "widget.pick_places")]
    assert replaced.severity == "warning" and replaced.rule == "VK402"
    assert "'widget.pick_place'" in replaced.message
    removed = found[("interface/tr.yaml", "map.scroll_hint")]
    assert removed.rule == "VK403" and "niet meer" in removed.message
    [new] = [p for p in found.values() if p.file.endswith("interface/tr.yaml") and p.rule == "VK404"]
    assert "nav.skip_to_content" in new.message and "notice.conversation_lost" in new.message
    assert all(p.rule for p in found.values())


def test_a_word_new_in_this_version_shows_in_the_schools_language_from_the_apps_own_words(tmp_path):
    folder = school(tmp_path)

    turkish = load_words(folder, "tr")

    shipped = load_words(REPO / "content", "tr")
    assert turkish("notice.conversation_lost") == shipped("notice.conversation_lost")
    assert turkish("widget.pick_place") == "Bir yer seç"  # the school's own word, kept


def test_a_language_the_app_does_not_ship_falls_back_to_dutch_with_a_warning_and_is_still_offered(tmp_path):
    folder = school(tmp_path)
    english = (folder / "interface" / "en.yaml").read_text(encoding="utf-8")
    (folder / "interface" / "fr.yaml").write_text(english.replace("name: English", "name: Français"),
                                                  encoding="utf-8")

    problems = [p for p in check_paths([folder], walk=False).problems if p.file.endswith("fr.yaml")]

    assert [p.severity for p in problems if p.rule == "VK404"] == ["warning"]
    assert not [p for p in problems if p.severity == "error"]
    assert "fr" in ready_languages(folder)
    assert load_words(folder, "fr")("nav.skip_to_content") == load_words(REPO / "content", "nl")(
        "nav.skip_to_content")


def test_a_renamed_word_is_read_under_its_new_name_and_the_warning_names_it(tmp_path):
    folder = school(tmp_path)
    tr = folder / "interface" / "tr.yaml"
    text = tr.read_text(encoding="utf-8")
    text = "".join(line for line in text.splitlines(keepends=True) if "pick_place:" not in line)
    tr.write_text(text.replace("pick_places: Bir ya da daha fazla yer seç", "pick_places: Yerini seç"),
                  encoding="utf-8")

    [renamed] = [p for p in check_paths([folder], walk=False).problems
                 if p.file.endswith("tr.yaml") and p.field == "widget.pick_places"]

    assert renamed.rule == "VK402" and "heet nu 'widget.pick_place'" in renamed.message
    assert load_words(folder, "tr")("widget.pick_place") == "Yerini seç"
    main(["upgrade", str(folder)])
    upgraded = tr.read_text(encoding="utf-8")
    assert "  pick_place: Yerini seç\n" in upgraded and "pick_places" not in upgraded


def test_upgrade_keeps_comments_and_order_and_then_strict_check_is_clean(tmp_path, capsys):
    folder = school(tmp_path)
    before = {p: p.read_text(encoding="utf-8") for p in folder.rglob("*.yaml")}

    assert main(["upgrade", str(folder)]) == 0
    said = capsys.readouterr().out

    assert f"{folder}/interface/tr.yaml: widget.pick_places weggehaald" in said
    assert f"{folder}/interface/tr.yaml: nav.skip_to_content: nieuw woord erbij" in said
    assert f"{folder}/terugkeer.yaml: formaat 1 → 2" in said
    for path, old in before.items():
        new = path.read_text(encoding="utf-8")
        assert new.splitlines()[1] == "# veerkracht-format: 2"
        assert new.splitlines()[0] == old.splitlines()[0]  # the schema line stays first
        comments = [line for line in old.splitlines() if line.lstrip().startswith("#")]
        assert [line for line in new.splitlines() if line.lstrip().startswith("#")][:1] == comments[:1]
        assert all(line in new.splitlines() for line in comments)
        kept = [line for line in old.splitlines() if line in new.splitlines()]
        assert kept == [line for line in new.splitlines() if line in old.splitlines()]  # order kept
    # What is left is for people, not a program: the school dates and sources its own help contacts.
    left = check_paths([folder], walk=False).problems
    assert left and all(p.file.endswith("help.yaml") and p.rule in CONTACT_RULES for p in left), left

    capsys.readouterr()
    assert main(["upgrade", str(folder)]) == 0
    assert capsys.readouterr().out.strip() == f"{folder}: alles staat al in het formaat van deze versie"


def test_check_fix_upgrades_first_and_then_checks(tmp_path, capsys):
    folder = school(tmp_path)

    code = main(["check", "--fix", "--strict", "--snel", str(folder)])

    out = capsys.readouterr().out.splitlines()
    assert any("formaat 1 → 2" in line for line in out)
    assert out[-1].startswith("0 fouten, ")
    warned = [line for line in out if ": waarschuwing: " in line]
    assert warned and all("help.yaml:" in line and line[-6:-1] in CONTACT_RULES for line in warned)
    assert code == 1, "with --strict the school first checks its help contacts"


def test_a_format_from_a_newer_release_is_an_error_on_its_line(tmp_path):
    folder = school(tmp_path)
    path = folder / "terugkeer.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "# veerkracht-format: 9\n" + "".join(lines[1:]), encoding="utf-8")

    [problem] = [p for p in check_paths([folder], walk=False).problems if p.rule == "VK401"]

    assert (problem.file.endswith("terugkeer.yaml"), problem.line, problem.severity) == (True, 2, "error")
    assert "'9'" in problem.message and formats.known_formats() in problem.message


def test_every_format_is_kept_readable_for_at_least_a_year():
    oldest = formats.FORMATS[0]
    assert [f.number for f in formats.FORMATS] == list(range(formats.OLDEST, formats.CURRENT + 1))
    assert formats.declared_format("id: x\n").number == formats.PREVIOUS
    assert oldest.number == formats.OLDEST


@pytest.mark.parametrize("flow", ["pdf: {continued: verder}\n", "pdf: {page: \"{n}\", continued: x}\n"])
def test_a_word_written_inside_braces_is_left_for_the_editor_and_said(flow):
    text = "meta:\n  name: Test\n" + flow

    done = formats.upgrade_text(text, "interface")

    assert "pdf.continued" in done.left[0] and "pas dit zelf aan" in done.left[0]
    assert flow in done.text


def test_a_file_with_windows_line_ends_and_no_last_line_end_keeps_its_line_ends():
    text = "# yaml-language-server: $schema=../interface.schema.json\r\nnav:\r\n  next: Verder"

    done = formats.upgrade_text(text, "interface", new_words={"nav.skip_to_content": "Naar de inhoud"},
                                order=["nav.next", "nav.skip_to_content"])

    assert done.text.split("\r\n") == [
        "# yaml-language-server: $schema=../interface.schema.json", "# veerkracht-format: 2", "nav:",
        "  next: Verder", '  skip_to_content: "Naar de inhoud"', "",
    ]
