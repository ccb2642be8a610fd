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
