"""Human pace: N students on one server, each tapping every 0.5–2 s through the people and places
steps, the next tap never waiting for the last one's answer (as a person taps what the screen shows).

Each student is a protocol client (stclient.py) that keeps reading the server while it taps, and
behaves as the browser does: a widget value the server sets (after Toevoegen) replaces what the
client holds. For every tap it notes when the screen first showed its effect. It counts

- lost taps: at the end, the screen lacks what was tapped (a person added with the wrong role or
  not at all, a removed one still there, one added twice);
- stale screens: the first run that started after a tap finished without showing its effect;
- time until the effect is visible, p50 and p95.

The same taps run against a minimal Streamlit page with the same widgets (its own callbacks, no
logic): the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from veerkracht.bench import Row
from veerkracht.bench.script import percentile, ratio
from veerkracht.bench.server import APP_SCRIPT, LocalServer
from veerkracht.bench.stclient import Element, StreamlitClient, _element_from_delta, run_apart, widget_state
from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.settings import load_settings
from veerkracht.text import resolve

DEFAULT_STUDENTS, QUICK_STUDENTS = 20, 6
PACE_S = (0.5, 2.0)
PEOPLE = ("oma", "broer-zus", "mentor", "trainer")  # role ids in mbo-standaard, tapped in this order
PLACES = ("sportclub", "bijbaan", "school")
QUIET_S = 1.5  # no message for this long after the last tap: every answer is in
EFFECT_TIMEOUT_S = 60.0
CLIENT_TIMEOUT_S = 60.0
ROW = re.compile(r"\*\*(?P<label>.+?)\*\* · ")
MARKDOWN_ESCAPE = re.compile(r"\\(.)")
REMOVE_KEY = re.compile(r"\.(?P<entry>[^.]+)\.remove$")
LOST_ROW = "human pace: lost taps"
STALE_ROW = "human pace: stale screens"
P95_ROW = "human pace: tap to visible effect p95"


@dataclass(frozen=True)
class Words:
    """The words the student looks for on screen, the same on the app and the floor."""

    title: str
    choose_set: str
    begin: str
    next: str
    pick_person: str
    pick_place: str
    add: str
    remove: str
    roles: dict[str, str]  # id → label
    places: dict[str, str]


def dutch_words(content_dir: Path) -> Words:
    words = load_words(content_dir, "nl")
    question_set = load_folder(content_dir).sets["mbo-standaard"]
    label = lambda text: resolve(text, "nl", question_set.default_language)  # noqa: E731
    return Words(
        title=label(question_set.title), choose_set=words("start.choose_set"), begin=words("button.begin"),
        next=words("button.next"), pick_person=words("widget.quick_pick"),
        pick_place=words("widget.pick_place"),
        add=words("button.add"), remove=words("button.remove"),
        roles={o.id: label(o.label) for o in question_set.question("wie-steunt").suggestions},
        places={o.id: label(o.label) for o in question_set.question("mijn-plekken").options},
    )


@dataclass
class Tally:
    taps: int = 0
    lost: int = 0
    stale: int = 0
    to_visible: list[float] = field(default_factory=list)  # seconds
    errors: list[str] = field(default_factory=list)


@dataclass
class Effect:
    """What a tap should make the screen show, and when it did."""

    sent: float
    shows: Callable[[list[Element]], bool]
    seen: float | None = None
    judged: bool = False  # the first run after the tap has been looked at (for stale screens)


class PacedClient(StreamlitClient):
    """A tab whose taps go out at once, while a reader keeps taking in the server's answers."""

    def __init__(self, base_url: str, timeout: float = CLIENT_TIMEOUT_S) -> None:
        super().__init__(base_url, timeout)
        self.effects: list[Effect] = []
        self.stale = 0
        self.last_message = time.perf_counter()
        self.run_started = 0.0  # when the run now going on started
        self.last_sent = 0.0
        self.running = False
        self._fresh: dict[tuple[int, ...], Element] = {}
        self._part: tuple[int, ...] | None = None  # where the running fragment's part of the page is
        self._reader: asyncio.Task[None] | None = None

    def start_reading(self) -> None:
        self._reader = asyncio.create_task(self._read_forever())

    async def stop_reading(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    async def tap(self, element: Element, value: Any = None,
                  shows: Callable[[list[Element]], bool] | None = None) -> None:
        """Send this tap now, whatever is still being answered: a choice, or a press (value None)."""
        assert self._socket is not None
        state = widget_state(element, True if value is None else value)
        if value is not None:
            self._states[element.widget_id] = state
        client_state = ClientState(query_string=self.query_string, page_script_hash=self._page_script_hash)
        client_state.widget_states.widgets.extend(self._states.values())
        if value is None:
            client_state.widget_states.widgets.append(state)
        client_state.fragment_id = element.fragment_id  # a control in a fragment reruns only that part
        message = BackMsg()
        message.rerun_script.CopyFrom(client_state)
        sent = self.last_sent = time.perf_counter()
        if shows is not None:
            self.effects.append(Effect(sent, shows))
        await self._socket.send(message.SerializeToString())

    async def quiet(self) -> None:
        """Until nothing is being answered and nothing has come for a moment."""
        deadline = time.perf_counter() + EFFECT_TIMEOUT_S
        while time.perf_counter() < deadline:
            answered = self.run_started > self.last_sent and not self.running
            if answered and time.perf_counter() - self.last_message > QUIET_S:
                return
            await asyncio.sleep(0.1)

    def find_widget(self, label: str, kind: str) -> Element | None:
        return next((e for e in self.widgets if e.kind == kind and e.label == label), None)

    def rows(self) -> list[str]:
        return rows_of(list(self.elements.values()))

    async def _read_forever(self) -> None:
        assert self._socket is not None
        while True:
            msg = ForwardMsg.FromString(await self._socket.recv())
            self.last_message = time.perf_counter()
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # also before a fragment's run
                self._fresh, self.running, self.run_started = {}, True, self.last_message
                self._part = None
                self._page_script_hash = msg.new_session.page_script_hash
            elif kind == "delta":
                path = tuple(msg.metadata.delta_path)
                if self._part is None:
                    self._part = path  # a fragment's run draws its own container first
                for older in [p for p in self._fresh if len(p) > len(path) and p[:len(path)] == path]:
                    del self._fresh[older]  # what stands here now replaces all that was inside (st.empty)
                element = _element_from_delta(msg)
                if element is not None:
                    self._fresh[element.path] = element
                    self._take_set_value(msg, element)
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                self.running = False
                if msg.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    # The browser redraws only the fragment's part, with the parts nested in it.
                    part = self._part or ()
                    kept = {p: e for p, e in self.elements.items() if not part or p[:len(part)] != part}
                    self._fresh = kept | self._fresh
                self._replace_page(self._fresh, "")
                self._look(self.run_started)

    def _take_set_value(self, msg: ForwardMsg, element: Element) -> None:
        """As the browser does: a value the server sets replaces the one the tab holds."""
        new = msg.delta.new_element
        body = getattr(new, new.WhichOneof("type"))
        if not getattr(body, "set_value", False):
            return
        state = WidgetState(id=element.widget_id)
        if element.kind == "button_group":
            state.string_array_value.data.extend(body.raw_values)
        elif element.kind == "text_input":
            state.string_value = body.value
        else:
            return
        self._states[element.widget_id] = state

    def _look(self, run_started: float) -> None:
        page = list(self.elements.values())
        now = time.perf_counter()
        for effect in self.effects:
            if effect.seen is None and effect.shows(page):
                effect.seen = now
            if not effect.judged and run_started > effect.sent:
                effect.judged = True
                if effect.seen is None:
                    self.stale += 1


def rows_of(page: list[Element]) -> list[str]:
    ordered = sorted(page, key=lambda e: e.path)
    return [unescaped(found.group("label")) for e in ordered
            if e.kind == "markdown" and (found := ROW.search(e.text))]


def unescaped(markdown: str) -> str:
    """A row's name as the student reads it: the app escapes Markdown ("Oma\\, opa")."""
    return MARKDOWN_ESCAPE.sub(r"\1", markdown)


def remove_button(page: list[Element], label: str, words: Words) -> Element | None:
    """The Weghalen of the row that says `label`: the first remove button after that row."""
    ordered = sorted(page, key=lambda e: e.path)
    after = False
    for element in ordered:
        if element.kind == "markdown" and (found := ROW.search(element.text)):
            after = unescaped(found.group("label")) == label
        elif after and element.kind == "button" and element.label == words.remove:
            return element
    return None


async def _step_people_or_places(client: PacedClient, words: Words, picker: str, labels: list[str],
                                 remove: list[str], pace: random.Random, tally: Tally) -> list[str]:
    """Tap each chip and Toevoegen at a person's pace, then Weghalen on two rows; returns what the
    screen should end with."""
    expected: list[str] = []
    for label in labels:
        chips = client.find_widget(picker, "button_group")
        add = client.find_widget(words.add, "button")
        if chips is None or add is None:
            tally.errors.append(f"no {picker!r} or {words.add!r} on screen")
            return expected
        option = next((o for o in chips.options if o.endswith(label)), None)
        if option is None:
            tally.errors.append(f"no chip {label!r}")
            return expected
        await client.tap(chips, [option])
        tally.taps += 1
        await asyncio.sleep(pace.uniform(*PACE_S))
        expected.append(label)
        wanted = expected.count(label)
        await client.tap(client.find_widget(words.add, "button") or add,
                         shows=lambda page, label=label, wanted=wanted: rows_of(page).count(label) >= wanted)
        tally.taps += 1
        await asyncio.sleep(pace.uniform(*PACE_S))
    await client.quiet()
    for label in remove:
        button = remove_button(list(client.elements.values()), label, words)
        if button is None:
            tally.errors.append(f"no {words.remove!r} for {label!r}")
            continue
        expected.remove(label)
        await client.tap(button, shows=lambda page, label=label: label not in rows_of(page))
        tally.taps += 1
        await asyncio.sleep(0.8)  # two rows, one after the other, as in the issue
    return expected


async def _student(url: str, words: Words, seed: int, tally: Tally, floor: bool) -> None:
    pace = random.Random(seed)
    await asyncio.sleep(pace.uniform(0, 2))
    async with PacedClient(url) as client:
        first = await client.connect()
        if not first.ok:
            tally.errors.append(f"first page: {first.status}")
            return
        if not floor:  # the start screen and two steps, one press at a time, to reach the people
            chooser = client.find(words.choose_set)
            if chooser is not None:
                await client.set_value(chooser, next(o for o in chooser.options if o == words.title))
            for label in (words.begin, words.next, words.next):
                button = client.find_widget(label, "button")
                if button is None or not (await client.click(button)).ok:
                    tally.errors.append(f"could not press {label!r}")
                    return
        client.start_reading()
        try:
            roles = [words.roles[r] for r in PEOPLE]
            expected = await _step_people_or_places(client, words, words.pick_person, roles,
                                                    [roles[0], roles[2]], pace, tally)
            await client.quiet()
            tally.lost += _difference(client.rows(), expected)
            await client.tap(client.find_widget(words.next, "button"),
                             shows=lambda page: any(e.label == words.pick_place for e in page))
            tally.taps += 1
            await client.quiet()
            places = [words.places[p] for p in PLACES]
            expected = await _step_people_or_places(client, words, words.pick_place, places,
                                                    [places[0]], pace, tally)
            await client.quiet()
            tally.lost += _difference(client.rows(), expected)
        finally:
            await client.stop_reading()
        tally.stale += client.stale
        tally.to_visible += [e.seen - e.sent for e in client.effects if e.seen is not None]
        tally.lost += sum(1 for e in client.effects if e.seen is None)


def _difference(shown: list[str], expected: list[str]) -> int:
    """Rows missing plus rows too many (a tap lost either way)."""
    missing = list(expected)
    extra = 0
    for label in shown:
        if label in missing:
            missing.remove(label)
        else:
            extra += 1
    return len(missing) + extra


def floor_script(words: Words) -> str:
    """The floor: the same widgets and words, plain Streamlit with callbacks, nothing else."""
    return f'''import secrets
import streamlit as st

ROLES, PLACES = {list(words.roles.values())!r}, {list(words.places.values())!r}
CLOSENESS = ["Dichtbij", "Een beetje", "Verder weg"]
state = st.session_state
state.setdefault("step", 0)
state.setdefault("rows", {{0: [], 1: []}})


def add(step, picker):
    if state.get(picker):
        state.rows[step].append((secrets.token_hex(4), state[picker], state.get("close") or "Dichtbij"))
        state[picker], state["name"], state["close"] = None, "", "Dichtbij"


def remove(step, entry):
    state.rows[step] = [r for r in state.rows[step] if r[0] != entry]


def next_step():
    state.step = 1


step = state.step
picker = "role" if step == 0 else "place"
st.header("Mensen om mij heen" if step == 0 else "Mijn plekken")
state.setdefault(picker, None)
state.setdefault("name", "")
state.setdefault("close", "Dichtbij")
st.pills({words.pick_person!r} if step == 0 else {words.pick_place!r}, ROLES if step == 0 else PLACES,
         key=picker)
st.text_input("Of typ een naam", key="name")
st.segmented_control("Hoe dichtbij?", CLOSENESS, key="close")
st.button({words.add!r}, type="primary", key="add", on_click=add, args=(step, picker))
for entry, label, close in state.rows[step]:
    st.markdown(f"🧑 **{{label}}** · {{close}}")
    st.button({words.remove!r}, key=f"{{entry}}.remove", on_click=remove, args=(step, entry))
st.button({words.next!r}, key="next", on_click=next_step)
'''


def page_floor_script(words: Words) -> str:
    """The same page as the app's people and places steps, in plain Streamlit without its logic:
    the floor's widgets plus everything else the app draws on every run (the help and language
    buttons with what is in them, progress, the level, read-aloud, tips, each row's Wijzigen, the
    step list). Beside the app, it shows how much of a run is Streamlit drawing those elements."""
    floor = floor_script(words)
    head, rows = floor.split("for entry, label, close in state.rows[step]:", 1)
    help_text = "\n\n".join(f"📞 **Hulplijn {n}**  \nBel of chat met iemand die luistert.  \n🕒 Dag en nacht"
                              for n in range(8))
    page = f'''
top = st.container(horizontal=True)
with top.popover("Hulp nodig?", icon="🛟"):
    st.html("<div><p>Bel 112</p><a href='tel:112'>112</a><a href='tel:113'>113</a></div>")
    st.markdown("**Je kunt altijd met iemand praten.**")
    school, outside = st.tabs(["Op school", "Buiten school"])
    school.markdown({help_text!r})
    outside.markdown({help_text!r})
with top.popover("Nederlands", icon="🌐"):
    st.segmented_control("Taal", ["nl", "en", "ar", "tr", "pl", "uk"], default="nl", key="lang")
st.caption(f"Stap {{step + 3}} van 6")
st.progress((step + 3) / 6)
st.html("<p>🧑 Mensen om mij heen</p>")
st.html("<h2>Mensen om mij heen</h2><button>Lees voor</button>")
st.markdown("Nu de mensen die er voor jou zijn.")
with st.expander("Voor de coach", icon="🧭"):
    st.caption("Alleen voor jou als coach.")
    st.markdown("- Toon interesse.\\n- Een rol is genoeg.\\n- Nog niemand? Dat mag.")
with st.container(border=True):
    st.html("<h3>Wie helpt jou?</h3>")
'''
    body = head.split("st.header(", 1)[1].split("\n", 1)[1].splitlines()
    question = "\n".join("    " + line if line else line for line in body
                         if not line.startswith("st.button(" + repr(words.next)))
    rows = f'''    for entry, label, close in state.rows[step]:
        with st.container(border=True, key=f"{{entry}}.row"):
            st.markdown(f"🧑 **{{label}}** · {{close}}")
            buttons = st.container(horizontal=True)
            buttons.button("Wijzigen", icon="✏️", key=f"{{entry}}.edit")
            buttons.button({words.remove!r}, icon="🗑️", key=f"{{entry}}.remove", on_click=remove,
                           args=(step, entry))
nav = st.container(horizontal=True)
nav.button("Vorige", key="back")
nav.button({words.next!r}, key="next", on_click=next_step)
with st.expander("Ga naar stap"):
    for number, name in enumerate(["Welkom", "Ik zelf", "Mensen om mij heen", "Mijn plekken"][:step + 3]):
        st.button(f"{{number + 1}}. {{name}}", key=f"jump{{number}}")
st.button("Wis mijn gegevens", key="forget")
st.html("<script>/* idle */</script>", unsafe_allow_javascript=True)
'''
    before = head.split("st.header(", 1)[0]
    return before + page + question + "\n" + rows


def run_students(script: Path, words: Words, students: int, floor: bool) -> Tally:
    tally = Tally()

    async def together(url: str) -> None:
        await asyncio.gather(*(_student(url, words, seed, tally, floor) for seed in range(students)))

    with LocalServer(script) as server:
        # One student first, not counted: a school's server is warm (what Python and Streamlit load
        # on a first run, and its first seconds, are not a tap's cost), the same for every server.
        run_apart(_student(server.url, words, students, Tally(), floor))
        run_apart(together(server.url))
        if tally.errors:
            print(f"{script.name}: {len(tally.errors)} errors, first: {tally.errors[0]}")
    return tally


def run(args: argparse.Namespace) -> list[Row]:
    """Bench section: students tapping at a person's pace, on the app and on the floor page."""
    students = getattr(args, "students", None) or (QUICK_STUDENTS if getattr(args, "quick", False)
                                                   else DEFAULT_STUDENTS)
    words = dutch_words(load_settings().content_dir)
    app = run_students(APP_SCRIPT, words, students, floor=False)
    with tempfile.TemporaryDirectory() as folder:
        floor_path = Path(folder) / "human_floor.py"
        floor_path.write_text(floor_script(words), encoding="utf-8")
        floor = run_students(floor_path, words, students, floor=True)
        page_path = Path(folder) / "human_page_floor.py"
        page_path.write_text(page_floor_script(words), encoding="utf-8")
        page = run_students(page_path, words, students, floor=True)
    ms = 1000
    p50, p95 = percentile(app.to_visible, 0.5), percentile(app.to_visible, 0.95)
    f50, f95 = percentile(floor.to_visible, 0.5), percentile(floor.to_visible, 0.95)
    g50, g95 = percentile(page.to_visible, 0.5), percentile(page.to_visible, 0.95)
    return [
        Row(f"human pace: {students} students, a tap every {PACE_S[0]:g}–{PACE_S[1]:g} s", students,
            "students", students),
        Row("human pace: taps", app.taps, "taps", floor.taps),
        Row(LOST_ROW, app.lost, "taps", floor.lost),
        Row(STALE_ROW, app.stale, "screens", floor.stale),
        Row("human pace: tap to visible effect p50", p50 * ms, "ms", f50 * ms, ratio(p50, f50)),
        Row(P95_ROW, p95 * ms, "ms", f95 * ms, ratio(p95, f95)),
        Row("human pace: errors", len(app.errors), "errors", len(floor.errors)),
        Row("human pace: the same page in plain Streamlit, lost / stale", page.lost + page.stale, "taps",
            floor.lost + floor.stale),
        Row("human pace: the same page in plain Streamlit, p50", g50 * ms, "ms", f50 * ms, ratio(g50, f50)),
        Row("human pace: the same page in plain Streamlit, p95", g95 * ms, "ms", f95 * ms, ratio(g95, f95)),
        Row("human pace: the app against the same page in plain Streamlit, p95", p95 * ms, "ms", g95 * ms,
            ratio(p95, g95)),
    ]
