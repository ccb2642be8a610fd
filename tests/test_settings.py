"""Settings from the environment: a value that makes no sense falls back, and IT is told once."""

import logging

from veerkracht.settings import DEFAULT_IDLE_MINUTES, load_settings


def test_a_wrong_idle_time_falls_back_to_the_default_and_says_so_once(caplog):
    caplog.set_level(logging.WARNING, logger="veerkracht.settings")
    env = {"VEERKRACHT_IDLE_MINUTES": "30m"}
    assert load_settings(env).idle_minutes == DEFAULT_IDLE_MINUTES
    load_settings(env)  # every click reads the settings again: the log still says it once
    said = [record.getMessage() for record in caplog.records]
    assert said == [f"VEERKRACHT_IDLE_MINUTES='30m' is not a positive number of minutes, such as 30 or 0.5; "
                    f"using {DEFAULT_IDLE_MINUTES}"]


def test_a_value_with_a_line_break_stays_one_line_in_the_log(caplog):
    caplog.set_level(logging.WARNING, logger="veerkracht.settings")
    load_settings({"VEERKRACHT_GRACE_MINUTES": "2\nforged line"})
    assert len(caplog.records) == 1 and "\n" not in caplog.records[0].getMessage()


def test_a_fraction_is_a_good_value_and_is_not_reported(caplog):
    caplog.set_level(logging.WARNING, logger="veerkracht.settings")
    settings = load_settings({"VEERKRACHT_IDLE_MINUTES": "0.5", "VEERKRACHT_GRACE_MINUTES": "0.25"})
    assert (settings.idle_minutes, settings.grace_minutes) == (0.5, 0.25)
    assert caplog.records == []


def test_the_test_page_is_off_unless_the_school_clearly_turns_it_on(caplog, monkeypatch):
    monkeypatch.setattr("veerkracht.settings._WARNED", set())  # said once per process: start afresh
    caplog.set_level(logging.WARNING, logger="veerkracht.settings")
    assert load_settings({}).test_page is False
    for off in ("uit", "nee", "0", "", " UIT "):
        assert load_settings({"VEERKRACHT_TEST_PAGE": off}).test_page is False
    for on in ("aan", "ja", "1", "Aan"):
        assert load_settings({"VEERKRACHT_TEST_PAGE": on}).test_page is True
    assert caplog.records == []
    assert load_settings({"VEERKRACHT_TEST_PAGE": "misschien"}).test_page is False
    said = [record.getMessage() for record in caplog.records]
    assert said == ["VEERKRACHT_TEST_PAGE='misschien' is neither aan nor uit; it stays off"]


def test_the_question_comes_two_minutes_before_the_end_or_in_the_last_quarter_of_a_short_time():
    assert load_settings({}).warn_seconds == 120
    assert load_settings({"VEERKRACHT_IDLE_MINUTES": "1"}).warn_seconds == 15
