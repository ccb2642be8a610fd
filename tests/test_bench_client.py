"""The bench's protocol client drives a real Streamlit server the way a browser tab does."""

import pytest
from conftest import serve

from veerkracht.bench.server import FLOOR_SCRIPT
from veerkracht.bench.stclient import StreamlitClient, run_apart


@pytest.fixture(scope="module")
def floor_server():
    yield from serve(FLOOR_SCRIPT, start_timeout=30)


def test_a_fresh_client_sees_the_floor_page_and_its_widgets(floor_server):
    async def visit():
        async with StreamlitClient(floor_server.url, timeout=20) as client:
            return await client.connect(), client.texts, [(w.kind, w.label) for w in client.widgets]

    first_run, texts, widgets = run_apart(visit())

    assert first_run.ok, first_run
    assert "Ik zelf" in texts
    assert ("button", "Volgende") in widgets
    assert ("text_input", "Wil je nog iets zeggen?") in widgets
    assert ("button_group", "Waar ben je goed in?") in widgets


def test_clicking_and_choosing_rerun_the_page_to_the_end(floor_server):
    async def walk():
        async with StreamlitClient(floor_server.url, timeout=20) as client:
            await client.connect()
            strengths = client.find("goed in", kind="button_group")
            chose = await client.set_value(strengths, list(strengths.options[:2]))
            clicked = await client.click(client.find("Volgende", kind="button"))
            return strengths, chose, clicked, client.find("Terug")

    strengths, chose, clicked, back_button = run_apart(walk())

    assert strengths.multi and strengths.options[0].endswith("Sport")
    assert chose.ok, chose
    assert clicked.ok, clicked
    assert back_button is not None, "after the rerun the page still shows its buttons"


def test_the_client_refuses_a_server_that_is_not_on_this_machine():
    with pytest.raises(ValueError, match="loopback"):
        StreamlitClient("http://example.org:8501")


def test_the_human_pace_bench_reads_every_shipped_role_from_the_rows_the_app_draws():
    """The bench finds a row by the role's words; the app escapes Markdown in them ("Oma\\, opa")."""
    from veerkracht.bench.human_pace import dutch_words, remove_button, rows_of
    from veerkracht.bench.stclient import Element
    from veerkracht.content import load_folder
    from veerkracht.interface import load_words
    from veerkracht.questions import WidgetContext
    from veerkracht.questions.people import PersonEntry
    from veerkracht.settings import load_settings

    folder = load_settings().content_dir
    words = dutch_words(folder)
    question = load_folder(folder).sets["mbo-standaard"].question("wie-steunt")
    ctx = WidgetContext(st=None, lang="nl", default_lang="nl", words=load_words(folder, "nl"),
                        key="q.wie-steunt")
    page = []
    for index, role in enumerate(words.roles):
        text = question._describe_entry(PersonEntry(role=role), ctx)
        page.append(Element((0, index, 0), "markdown", "", "", (), False, "", text, False, "", False))
        page.append(Element((0, index, 1), "button", words.remove, f"remove-{role}", (), False, "", "", False,
                            "", False))

    assert rows_of(page) == list(words.roles.values())
    assert [remove_button(page, label, words).widget_id for label in words.roles.values()] == [
        f"remove-{role}" for role in words.roles]
