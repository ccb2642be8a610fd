"""A small client that speaks Streamlit's own websocket protocol, as the browser does.

The browser and the server talk over one websocket, `/_stcore/stream`, in protobuf messages:
the browser sends a `BackMsg` with `rerun_script` (a `ClientState` holding every widget value it
knows), the server answers with `ForwardMsg`s: `new_session`, one `delta` per element, and
`script_finished` when the run is over. Speaking that protocol directly lets one process play a
whole class of students against a real server, which a browser per student could not.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
STREAM_PATH = "/_stcore/stream"
# A run never sends this many messages; the cap only guarantees the read loop ends.
MAX_MESSAGES_PER_RUN = 20_000
# The frontend sends these with its first run; st.context reads them.
BROWSER_CONTEXT = {"timezone": "Europe/Amsterdam", "timezone_offset": -60, "locale": "nl-NL"}
# The app's invisible tab-key component (veerkracht/ui/tab_key.py): the browser hands it the key in
# its sessionStorage right after the first run; this client does the same with a key of its own.
TAB_KEY_COMPONENT = "veerkracht.tab_key"



def run_apart(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """asyncio.run on a thread of its own, so it also works where an event loop already runs
    (Playwright's sync API keeps one going on the main thread while a browser is open)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile error",
}


@dataclass(frozen=True)
class Element:
    """One element on the page, as the server described it in a delta."""

    path: tuple[int, ...]
    kind: str  # the proto field name: "button", "button_group", "text_input", "markdown", ...
    label: str
    widget_id: str  # empty for elements that are not widgets
    options: tuple[str, ...]
    disabled: bool
    fragment_id: str
    text: str  # the body of text elements (markdown, heading, alert), for finding things by text
    multi: bool  # a pills, segmented control or multiselect that takes several choices
    form_id: str  # widgets in a form send their values only when the form's button is pressed
    submits_form: bool

    @property
    def is_widget(self) -> bool:
        return bool(self.widget_id)


@dataclass
class RunResult:
    """What one interaction cost and how it ended."""

    seconds: float
    status: str  # "ok", "compile error", "exception", "timeout", "closed"
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not self.errors


Page = dict[tuple[int, ...], Element]  # elements by their place on the page (the delta path)


class ClientError(RuntimeError):
    pass


def _element_from_delta(msg: ForwardMsg) -> Element | None:
    delta = msg.delta
    if delta.WhichOneof("type") != "new_element":
        return None
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return None
    body = getattr(element, kind)
    fields = {f.name for f in body.DESCRIPTOR.fields}

    def text_of(name: str) -> str:
        return getattr(body, name) if name in fields and isinstance(getattr(body, name), str) else ""

    options: tuple[str, ...] = ()
    if "options" in fields:
        options = tuple(o if isinstance(o, str) else _option_wire_value(o) for o in body.options)
    multi = kind == "button_group" and body.click_mode == body.MULTI_SELECT
    multi = multi or kind == "multiselect"
    return Element(
        path=tuple(msg.metadata.delta_path),
        kind=kind,
        label=text_of("label"),
        widget_id=text_of("id"),
        options=options,
        disabled=bool(getattr(body, "disabled", False)),
        fragment_id=delta.fragment_id,
        text=body.component_name if kind == "bidi_component" else text_of("body"),
        multi=multi,
        form_id=text_of("form_id"),
        submits_form=bool(getattr(body, "is_form_submitter", False)),
    )


def _option_wire_value(option: Any) -> str:
    """The option as the server formatted it: it splits off a leading icon, the browser joins it back."""
    return " ".join(part for part in (option.content_icon, option.content) if part)


def widget_state(element: Element, value: Any) -> WidgetState:
    """The widget state the browser would send for `value`, in the wire format of that widget."""
    state = WidgetState(id=element.widget_id)
    if element.kind in {"button", "form_submit_button"}:
        state.trigger_value = True
    elif element.kind in {"button_group", "multiselect"}:
        values = value if isinstance(value, list | tuple) else [value]
        state.string_array_value.data.extend(str(v) for v in values)
    elif element.kind == "checkbox":
        state.bool_value = bool(value)
    elif element.kind in {"slider", "number_input"}:
        state.double_value = float(value)
    else:  # text_input, text_area, radio, selectbox, ...
        state.string_value = str(value)
    return state


class StreamlitClient:
    """One browser tab: connects, runs the page, reads its elements, changes widgets."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(base_url)
        if parts.hostname not in LOOPBACK_HOSTS:
            raise ValueError(f"Only loopback servers are allowed, not {parts.hostname!r}.")
        self.url = f"ws://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"
        self.timeout = timeout
        self.elements: Page = {}
        self._socket: ClientConnection | None = None
        self._states: dict[str, WidgetState] = {}  # values the user set, sent with every rerun
        self._form_fields: dict[str, dict[str, WidgetState]] = {}  # form id → values not yet sent
        self._page_script_hash = ""
        self.query_string = ""  # the address bar's query; the app may set it (st.query_params)
        self.session_id = ""
        self.tab_key = secrets.token_urlsafe(24)  # what this tab's sessionStorage would hold

    async def __aenter__(self) -> StreamlitClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def connect(self) -> RunResult:
        """Open the websocket and run the page for the first time, as a fresh tab does."""
        # The server reads the subprotocol header as "streamlit, <xsrf token>, <session to resume>".
        self._socket = await asyncio.wait_for(
            connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout),
            self.timeout,
        )
        client_state = ClientState(query_string=self.query_string, page_script_hash="")
        for name, value in BROWSER_CONTEXT.items():
            setattr(client_state.context_info, name, value)
        first = await self._run(client_state)
        holder = next((e for e in self.elements.values()
                       if e.kind == "bidi_component" and e.text == TAB_KEY_COMPONENT), None)
        if not first.ok or holder is None:
            return first
        handed = WidgetState(id=holder.widget_id)
        handed.json_value = json.dumps({"key": {"key": self.tab_key, "kept": False}})
        second = await self._rerun(holder, handed, remember=True)
        return RunResult(first.seconds + second.seconds, second.status, first.errors + second.errors)

    async def close(self) -> None:
        if self._socket is not None:
            await asyncio.wait_for(self._socket.close(), self.timeout)
            self._socket = None

    @property
    def widgets(self) -> list[Element]:
        return [e for _, e in sorted(self.elements.items()) if e.is_widget]

    @property
    def texts(self) -> list[str]:
        return [e.text or e.label for _, e in sorted(self.elements.items()) if e.text or e.label]

    def find(self, label: str, kind: str | None = None) -> Element | None:
        """The first widget whose label contains `label` (case-insensitive), optionally of one kind."""
        wanted = label.casefold()
        for element in self.widgets:
            if wanted in element.label.casefold() and (kind is None or element.kind == kind):
                return element
        return None

    async def click(self, button: Element) -> RunResult:
        """Press a button: a trigger value that is true for one run only, as in the browser."""
        if button.submits_form:
            # The browser sends a form's fields with its button, then forgets them.
            fields = self._form_fields.pop(button.form_id, {})
            self._states.update(fields)
            result = await self._rerun(button, widget_state(button, True), remember=False)
            self._states = {k: v for k, v in self._states.items() if k not in fields}
            return result
        return await self._rerun(button, widget_state(button, True), remember=False)

    def fill_in(self, widget: Element, value: Any) -> None:
        """Change a field inside a form: nothing is sent until the form's button is pressed."""
        if not widget.form_id:
            raise ClientError(f"{widget.label!r} is not in a form; use set_value.")
        self._form_fields.setdefault(widget.form_id, {})[widget.widget_id] = widget_state(widget, value)

    async def set_value(self, widget: Element, value: Any) -> RunResult:
        """Change a widget's value and rerun, as the browser does after a choice or on leaving a field."""
        return await self._rerun(widget, widget_state(widget, value), remember=True)

    async def _rerun(self, widget: Element, state: WidgetState, remember: bool) -> RunResult:
        if remember:
            self._states[widget.widget_id] = state
        client_state = ClientState(query_string=self.query_string, page_script_hash=self._page_script_hash)
        client_state.widget_states.widgets.extend(self._states.values())
        if not remember:
            client_state.widget_states.widgets.append(state)
        # A widget inside a fragment reruns only that fragment, as in the browser.
        client_state.fragment_id = widget.fragment_id
        return await self._run(client_state)

    async def _run(self, client_state: ClientState) -> RunResult:
        if self._socket is None:
            raise ClientError("Not connected.")
        await self._drain()
        message = BackMsg()
        message.rerun_script.CopyFrom(client_state)
        started = time.perf_counter()
        try:
            await self._socket.send(message.SerializeToString())
            status, errors = await asyncio.wait_for(self._read_run(client_state.fragment_id), self.timeout)
        except TimeoutError:
            status, errors = "timeout", []
        except WebSocketException as error:
            status, errors = "closed", [str(error)]
        return RunResult(time.perf_counter() - started, status, errors)

    async def _drain(self) -> None:
        """Read whatever arrived between interactions, so it is not taken for the next run's answer."""
        assert self._socket is not None
        for _ in range(MAX_MESSAGES_PER_RUN):
            try:
                data = await asyncio.wait_for(self._socket.recv(), 0.001)
            except TimeoutError:
                return
            self._handle(ForwardMsg.FromString(data), {}, [])

    async def _read_run(self, fragment_id: str) -> tuple[str, list[str]]:
        """Read messages until the run (and any st.rerun() that follows it) has finished."""
        assert self._socket is not None
        fresh: Page = {}
        errors: list[str] = []
        part: tuple[int, ...] | None = None  # a fragment run draws its own container first
        for _ in range(MAX_MESSAGES_PER_RUN):
            msg = ForwardMsg.FromString(await self._socket.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                fresh, part = {}, None  # a new run starts: the page is rebuilt from here
            elif kind == "delta" and part is None:
                part = tuple(msg.metadata.delta_path)
            finished = self._handle(msg, fresh, errors)
            if finished is None:
                continue
            if finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # st.rerun(): the next run follows on its own
            self._replace_page(fresh, fragment_id, part)
            return FINISHED.get(finished, "exception"), errors
        return "timeout", errors

    def _handle(self, msg: ForwardMsg, fresh: Page, errors: list[str]) -> int | None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._page_script_hash = msg.new_session.page_script_hash
            self.session_id = msg.new_session.initialize.session_id or self.session_id
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string  # the browser puts it in the address bar
        elif kind == "delta":
            element = _element_from_delta(msg)
            if element is not None:
                fresh[element.path] = element
                if element.kind == "exception":
                    errors.append(msg.delta.new_element.exception.message or "exception")
        elif kind == "session_event":
            event = msg.session_event
            if event.WhichOneof("type") == "script_compilation_exception":
                errors.append(event.script_compilation_exception.message)
        elif kind == "script_finished":
            return msg.script_finished
        return None

    def _replace_page(self, fresh: Page, fragment_id: str, part: tuple[int, ...] | None = None) -> None:
        """Keep what the browser keeps: a full run replaces the page, a fragment run only its part
        (`part`: where its container is), with the parts nested in it (a question inside the step)."""
        if fragment_id:
            kept = {p: e for p, e in self.elements.items() if e.fragment_id != fragment_id
                    and (part is None or p[:len(part)] != part)}
            self.elements = kept | fresh
        else:
            self.elements = fresh
        # Like the browser, forget the values of widgets that are no longer on the page.
        on_page = {e.widget_id for e in self.elements.values() if e.is_widget}
        self._states = {k: v for k, v in self._states.items() if k in on_page}
        forms = {e.form_id for e in self.elements.values() if e.form_id}
        self._form_fields = {k: v for k, v in self._form_fields.items() if k in forms}
