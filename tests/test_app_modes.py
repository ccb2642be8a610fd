"""Coach tips are for the coach: shown when filling in together, hidden when a student is alone."""

from __future__ import annotations

from conftest import begin, press_next

COACH_TIP = "Begin met een open vraag over de dag."


def _all_text(at) -> str:
    return " ".join(m.value for m in [*at.markdown, *at.caption])


def test_coach_mode_shows_the_coach_panel_with_this_steps_tips(app):
    begin(app, mode="coach")
    assert [e.label for e in app.expander if "coach" in e.label.lower()] == ["Voor de coach"]
    assert COACH_TIP in _all_text(app)
    press_next(app)
    assert "Geef een compliment voor wat je hoort." in _all_text(app)
    assert COACH_TIP not in _all_text(app)


def test_self_mode_hides_every_coach_tip(app, content_dir):
    begin(app, mode="self")
    for _ in range(6):
        assert not [e for e in app.expander if "coach" in e.label.lower()]
        assert "Voor de coach" not in _all_text(app)
        assert COACH_TIP not in _all_text(app)
        press_next(app)


def test_self_mode_suggests_talking_the_map_through_with_a_coach_at_the_end(app):
    begin(app, mode="self")
    for _ in range(6):
        press_next(app)
    assert any("Bespreek je kaart met je mentor of coach" in i.value for i in app.info)


def test_coach_mode_does_not_repeat_that_suggestion_at_the_end(app):
    begin(app, mode="coach")
    for _ in range(6):
        press_next(app)
    assert not any("Bespreek je kaart" in i.value for i in app.info)
