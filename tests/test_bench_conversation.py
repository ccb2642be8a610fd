"""The bench's simulated student does a whole conversation, in AppTest and against the real server."""

import pytest
from conftest import REPO, serve

from veerkracht.bench.classroom import act, page_controls
from veerkracht.bench.script import Walker
from veerkracht.bench.server import APP_SCRIPT
from veerkracht.bench.stclient import StreamlitClient, run_apart
from veerkracht.bench.walk import conversation_walk
from veerkracht.content import load_folder
from veerkracht.interface import load_words

CONTENT = REPO / "content"
WORDS = load_words(CONTENT, "nl")
STEPS = len(load_folder(CONTENT).sets["mbo-standaard"].steps)


@pytest.fixture(scope="module")
def app_server():
    yield from serve(APP_SCRIPT, start_timeout=60)


def test_the_protocol_client_talks_a_whole_conversation_and_its_answers_land(app_server):
    walk = conversation_walk(CONTENT, seed=3)

    async def converse():
        typed, results = {}, []
        async with StreamlitClient(app_server.url, timeout=30) as client:
            results.append(await client.connect())
            while (action := walk.next_action(page_controls(client))) is not None:
                if not action.is_click:
                    typed[action.control.label] = action.value
                answer = await act(client, action)
                if answer is not None:
                    results.append(answer)
            return results, typed, client.texts

    results, typed, texts = run_apart(converse())

    assert [r for r in results if not r.ok] == []
    assert walk.steps_done == STEPS + 1, "the start screen and every step were left by their button"
    nickname = typed[WORDS("start.nickname")]
    assert WORDS("end.well_done_name", name=nickname) in texts, "the end screen greets with the typed name"


def test_the_script_walk_reaches_the_end_screen_without_errors():
    walker = Walker(APP_SCRIPT, conversation_walk(CONTENT, seed=1))
    while walker.prepare():
        walker.run()

    assert walker.errors == []
    assert len(walker.times) >= STEPS * 2, "a few answers on every step, then on"
    assert walker.app.title[0].value.endswith(WORDS("end.heading"))
