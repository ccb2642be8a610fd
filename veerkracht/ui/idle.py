"""The tab counts idle time itself: "Ben je er nog?" shortly before the end, and at the end the
screen is covered at once and the server forgets the conversation, without anyone clicking.

The server hands the tab its idle time with every run of the whole page (a run is what a tap
causes), and the tab starts its count again at the end of every run, also of a question that
reran on its own (the server counts those as activity too). The question covers the page with
one large button; pressing it is a tap like any other. At the end the tab covers the page with
an empty sheet before it even asks the server, so nothing stays readable when the connection is
gone; the server then clears the conversation and the start screen takes the sheet's place.
"""

from __future__ import annotations

import streamlit as st

from veerkracht.interface import Words

COMPONENT_NAME = "veerkracht.idle"
ELEMENT_KEY = "idle"

_JS = """
const tab = window.veerkrachtIdle || (window.veerkrachtIdle = { run: null, timer: 0, layer: null, start: 0 });

// Every finished run counts from now: also a question's own run, which draws no new watch.
if (!tab.watching) {
  const app = document.querySelector('[data-testid="stApp"]');
  if (app) {
    tab.watching = new MutationObserver(() => {
      if (app.getAttribute("data-test-script-state") === "notRunning") tab.start = Date.now();
    });
    tab.watching.observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
  }
}

function layer(html) {
  if (!tab.layer) {
    tab.layer = document.createElement("div");
    tab.layer.setAttribute("data-testid", "veerkracht-idle");
    tab.layer.style.cssText = "position:fixed;inset:0;z-index:1000100;display:flex;align-items:center;"
      + "justify-content:center;padding:1rem;background:#FBFAF7;font-family:sans-serif;color:#1F2328";
    document.body.appendChild(tab.layer);
  }
  tab.layer.innerHTML = html;
  return tab.layer;
}

function lift() {
  if (tab.layer) tab.layer.remove();
  tab.layer = null;
}

function ask(idle, setTriggerValue) {
  if (tab.layer) return;
  const box = layer('<div role="alertdialog" aria-modal="true" aria-labelledby="vk-idle-ask" '
    + 'style="max-width:30rem;text-align:center"><h2 id="vk-idle-ask" style="font-size:2rem"></h2><p></p>'
    + '<button type="button" style="font-size:1.5rem;padding:1rem 2rem;min-height:4rem;width:100%;'
    + 'border:0;border-radius:0.75rem;background:#1B5E8C;color:#fff;cursor:pointer"></button></div>');
  box.querySelector("h2").textContent = idle.ask;  // words as text, never as markup
  box.querySelector("p").textContent = idle.explain;
  const button = box.querySelector("button");
  button.textContent = idle.go_on;
  button.onclick = () => { lift(); setTriggerValue("here", Date.now()); };
  button.focus();
}

export default function ({ data, parentElement, setTriggerValue }) {
  const box = (parentElement.host || parentElement).closest('[data-testid="stElementContainer"]');
  if (box) box.style.display = "none";
  const idle = data && data.run != null ? data : null;
  if (idle && idle.run === tab.run) return;  // the same run drawn again: keep counting
  clearInterval(tab.timer);
  lift();
  tab.run = idle ? idle.run : null;
  if (!idle) return;
  tab.start = Date.now();
  const check = () => {
    const waited = Date.now() - tab.start;
    if (waited >= idle.end_ms) {
      clearInterval(tab.timer);
      layer("");  // an empty sheet at once: nothing readable, even without a connection
      setTriggerValue("ended", idle.run);
    } else if (waited >= idle.end_ms - idle.warn_ms) {
      ask(idle, setTriggerValue);
    }
  };
  tab.timer = setInterval(check, 500);
  document.onvisibilitychange = check;  // a tab in the background counts on when it comes back
}
"""

_component = st.components.v2.component(COMPONENT_NAME, js=_JS, css=":host { display: none; }")


def _ignore() -> None:
    """Both events only need a run: the run itself counts as activity, or finds the time is up."""


def idle_watch(run: int, idle_seconds: float | None, warn_seconds: float, words: Words) -> bool:
    """Draw the (invisible) idle watch; True when the tab says its idle time ran out.

    `idle_seconds` None: nothing on screen to protect, the tab does not count. Then the watch is
    left out altogether until it is first needed (a first visit's start screen carries one script
    less); once drawn, it stays, so a count running in the tab is always stopped or seen through.
    """
    if idle_seconds is None and ELEMENT_KEY not in st.session_state:
        return False
    # Flat, plain values only: a dict or list among them makes Streamlit look for a dataframe,
    # which imports pandas into the server (about a second, while every student waits).
    idle: dict[str, str | int | None] = {"run": None}
    if idle_seconds is not None:
        idle = {"run": run, "end_ms": round(idle_seconds * 1000), "warn_ms": round(warn_seconds * 1000),
                "ask": words("idle.ask"), "explain": words("idle.explain"), "go_on": words("idle.go_on")}
    result = _component(key=ELEMENT_KEY, data=idle, height=0,
                        on_ended_change=_ignore, on_here_change=_ignore)
    return result is not None and result.get("ended") is not None
