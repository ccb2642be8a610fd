"""Moving around a conversation: answers stay, every question can be skipped, help is always there."""

from __future__ import annotations

from conftest import answers, begin, popover_labels, press_next

from veerkracht.levels import Closeness


def test_going_back_and_forward_keeps_the_answers_and_shows_them_again(app):
    begin(app)
    app.segmented_control(key="q.dag").set_value(3).run()
    app.pills(key="q.vrije-tijd").set_value("sport").run()
    press_next(app)
    app.text_input(key="q.morgen").input("Vroeg opstaan").run()

    app.button(key="nav.back").click().run()
    assert app.segmented_control(key="q.dag").value == 3
    assert app.pills(key="q.vrije-tijd").value == "sport"
    press_next(app)
    assert app.text_input(key="q.morgen").value == "Vroeg opstaan"
    assert answers(app).responses == {"dag": 3, "vrije-tijd": "sport", "morgen": "Vroeg opstaan"}


def test_an_answer_that_arrives_together_with_volgende_is_kept(app):
    begin(app)
    app.pills(key="q.vrije-tijd").set_value("sport")
    press_next(app)  # the choice and the press in one run, as when a student clicks both at once
    app.text_input(key="q.morgen").input("Vroeg opstaan")
    press_next(app)  # typed, then Volgende at once: the field is sent along with the press

    assert answers(app).responses["vrije-tijd"] == "sport"
    assert answers(app).responses["morgen"] == "Vroeg opstaan"


def test_jumping_back_to_step_one_and_forward_again_keeps_every_answer(app):
    begin(app)
    app.pills(key="q.vrije-tijd").set_value("gamen").run()
    press_next(app)
    app.pills(key="q.sterk").set_value(["doorzetten"]).run()
    press_next(app)
    app.text_input(key="q.wie.add.name").input("Juf Anna")
    app.segmented_control(key="q.wie.add.closeness").set_value(Closeness.FAR)
    app.button(key="q.wie.add.submit").click().run()

    app.button(key="nav.jump.0").click().run()
    assert app.header[0].value == "Welkom"
    assert app.pills(key="q.vrije-tijd").value == "gamen"
    press_next(app)
    assert app.pills(key="q.sterk").value == ["doorzetten"]
    press_next(app)
    assert "Juf Anna" in " ".join(m.value for m in app.markdown)
    app.button(key="nav.jump.1").click().run()
    assert app.pills(key="q.sterk").value == ["doorzetten"]
    entry = answers(app).get("wie")[0]
    assert (entry.name, entry.closeness) == ("Juf Anna", Closeness.FAR)
    assert answers(app).get("vrije-tijd") == "gamen"


def test_only_steps_already_seen_can_be_jumped_to(app):
    begin(app)
    press_next(app)
    keys = {b.key for b in app.button}
    assert {"nav.jump.0", "nav.jump.1"} <= keys
    assert "nav.jump.2" not in keys


def test_skipping_every_question_still_reaches_the_end_without_an_error(app):
    begin(app)
    headers = []
    for _ in range(6):
        headers.append(app.header[0].value)
        press_next(app)
        assert not app.exception
    assert headers == ["Welkom", "Ik zelf", "Mensen om mij heen", "Mijn plekken", "Mijn steunkaart",
                       "Een kleine stap"]
    assert "Klaar!" in app.title[0].value
    assert answers(app).responses == {}


def test_the_map_step_says_the_next_step_still_comes_and_the_end_that_none_was_chosen(app):
    def map_words() -> str:
        return " ".join(str(node.proto) for node in app.get("html"))

    begin(app)
    for _ in range(4):
        press_next(app)
    assert app.header[0].value == "Mijn steunkaart"
    assert "Je volgende stap kies je straks." in map_words()
    assert "nog geen stap gekozen" not in map_words()
    press_next(app)
    press_next(app)
    assert "Klaar!" in app.title[0].value
    assert "Je hebt nog geen stap gekozen. Dat mag ook later." in map_words()


def test_help_is_on_the_start_screen_every_step_and_the_end(app):
    assert "Hulp nodig?" in popover_labels(app)
    begin(app)
    for _ in range(6):
        assert "Hulp nodig?" in popover_labels(app), app.header[0].value
        assert any('href="tel:08000113"' in html.proto.body for html in app.get("html")), "113 to call"
        press_next(app)
    assert "Klaar!" in app.title[0].value
    assert "Hulp nodig?" in popover_labels(app)


def test_the_lowest_answer_adds_no_message_and_no_help_on_its_own(app):
    begin(app)
    before = _texts(app)
    app.segmented_control(key="q.dag").set_value(0).run()
    assert _texts(app) == before
    assert popover_labels(app).count("Hulp nodig?") == 1


def _texts(at) -> list[str]:
    shown = [*at.markdown, *at.info, *at.warning, *at.error, *at.caption]
    return sorted(element.value for element in shown)


def test_the_progress_says_which_step_of_how_many(app):
    begin(app)
    press_next(app)
    assert app.progress[0].proto.text == "Stap 2 van 6"


def _to_the_top(app) -> list[str]:
    return [html.proto.body for html in app.get("html") if "data-step=" in html.proto.body]


def press_back(at):
    return at.button(key="nav.back").click().run()


def test_every_volgende_and_vorige_sends_a_new_jump_to_the_top(app):
    """The browser runs a script again only when it differs from the one it has in that place:
    the same jump twice would leave the next step scrolled down where the last one was."""
    at = app
    begin(at)
    seen = []
    for press in (press_next, press_next, press_back, press_next):
        press(at)
        jumps = _to_the_top(at)
        assert len(jumps) == 1
        seen.append(jumps[0])
    assert len(set(seen)) == len(seen), seen
