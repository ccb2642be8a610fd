"""A tap on an add section's choices (who, which place, how close) reruns those choices alone on the
real server: a few elements instead of the whole question, the rest of the screen as it was, and
the choice is still what Toevoegen adds."""

import asyncio

import pytest
from conftest import REPO, serve

from veerkracht.bench.human_pace import PEOPLE, PacedClient, dutch_words, rows_of
from veerkracht.bench.server import APP_SCRIPT
from veerkracht.bench.stclient import run_apart

WORDS = dutch_words(REPO / "content")


@pytest.fixture(scope="module")
def app_server():
    yield from serve(APP_SCRIPT, start_timeout=60)


class CountingClient(PacedClient):
    """Counts the elements each finished run sent."""

    def __init__(self, url: str) -> None:
        super().__init__(url, timeout=30)
        self.sent_now = 0
        self.per_run: list[int] = []

    def _take_set_value(self, msg, element) -> None:
        self.sent_now += 1
        super()._take_set_value(msg, element)

    def _look(self, run_started: float) -> None:
        self.per_run.append(self.sent_now)
        self.sent_now = 0
        super()._look(run_started)


async def _until(condition, seconds: float = 30) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the screen never showed it"
        await asyncio.sleep(0.05)


def test_a_chip_tap_reruns_only_the_choices_and_toevoegen_adds_what_was_tapped(app_server):
    oma, mentor = WORDS.roles[PEOPLE[0]], WORDS.roles[PEOPLE[2]]

    async def walk():
        async with CountingClient(app_server.url) as client:
            assert (await client.connect()).ok
            chooser = client.find(WORDS.choose_set)
            if chooser is not None:
                await client.set_value(chooser, WORDS.title)
            for label in (WORDS.begin, WORDS.next, WORDS.next):
                assert (await client.click(client.find_widget(label, "button"))).ok
            client.start_reading()
            try:
                chips = client.find_widget(WORDS.pick_person, "button_group")
                await client.tap(chips, [next(o for o in chips.options if o.endswith(oma))])
                await client.quiet()
                await client.tap(client.find_widget(WORDS.add, "button"))
                await _until(lambda: rows_of(list(client.elements.values())) == [oma])
                runs_before = len(client.per_run)
                chips = client.find_widget(WORDS.pick_person, "button_group")
                await client.tap(chips, [next(o for o in chips.options if o.endswith(mentor))])
                await _until(lambda: len(client.per_run) > runs_before)
                await client.quiet()
                chip_run = client.per_run[runs_before]
                rows_after_chip = rows_of(list(client.elements.values()))
                await client.tap(client.find_widget(WORDS.add, "button"))
                await _until(lambda: rows_of(list(client.elements.values())) == [oma, mentor])
                question_run = client.per_run[-1]
            finally:
                await client.stop_reading()
            return chip_run, question_run, rows_after_chip

    chip_run, question_run, rows_after_chip = run_apart(walk())
    assert rows_after_chip == [oma], "the rows stay on screen while only the choices rerun"
    assert chip_run <= 6, f"a chip tap redrew {chip_run} elements: more than the add section's choices"
    assert question_run > 2 * chip_run, "Toevoegen redraws the question: the new row and the emptied choices"
