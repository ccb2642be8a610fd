"""The key of one open browser tab: kept in that tab's sessionStorage, handed to the server over
the app's own connection, never put in the address.

A reload or a dropped connection keeps sessionStorage, so the new Streamlit session gets the
same key back and finds the conversation. A new tab, another browser or an address from the
history starts with an empty sessionStorage, so it gets a new key and a fresh start screen.

The browser makes the key (crypto.getRandomValues: 24 random bytes, 32 URL-safe characters, the
same shape as the store's tokens) and keeps it for as long as the tab lives. Wiping a conversation
forgets it on the server; the tab's key then simply holds nothing until a new conversation starts.

The tab also notes whether the server said it keeps a conversation under the key. So when a
reconnect lands on a server process that never heard of the key (the old one stopped), the app
can tell the student in plain words instead of silently showing the start screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

COMPONENT_NAME = "veerkracht.tab_key"
ELEMENT_KEY = "tab-key"
STORAGE_NAME = "veerkracht.tab"
KEPT_NAME = "veerkracht.tab.kept"

# Runs in the app's own page. Without sessionStorage (switched off, or a very old browser) it
# hands back an empty key: the app works, only a reload starts over.
_JS = f'const STORAGE_NAME = "{STORAGE_NAME}", KEPT_NAME = "{KEPT_NAME}";\n' + """
const SHAPE = /^[A-Za-z0-9_-]{32}$/;
let handedBack = "";  // what this page last handed back: the server has it, a rerun is not needed

function freshKey() {
  const bytes = new Uint8Array(24);
  window.crypto.getRandomValues(bytes);
  return window.btoa(String.fromCharCode(...bytes)).replace(/\\+/g, "-").replace(/\\//g, "_");
}

export default function ({ data, parentElement, setStateValue }) {
  // Nothing to see: the empty box must not push the page down by a row either.
  const box = (parentElement.host || parentElement).closest('[data-testid="stElementContainer"]');
  if (box) box.style.display = "none";
  let key, kept;
  try {
    const storage = window.sessionStorage;
    key = storage.getItem(STORAGE_NAME);
    if (!key || !SHAPE.test(key)) {
      key = freshKey();
      storage.setItem(STORAGE_NAME, key);
      storage.removeItem(KEPT_NAME);
    }
    const noted = storage.getItem(KEPT_NAME);  // null until the server first said it has the key
    kept = noted === "1";
    if (data && data.known === key) {
      const now = Boolean(data.kept);
      if (noted !== null && now === kept) return;
      storage.setItem(KEPT_NAME, now ? "1" : "0");
      // Handed back once a conversation is kept, so that a reconnect to another server process
      // brings the news along. Not when it ends: that run may be showing a message right now.
      if (!now || kept) return;
      kept = now;
    }
  } catch (error) {
    key = "";  // no sessionStorage here: the app works, only a reload starts over
    kept = false;
  }
  const value = { key, kept };
  if (JSON.stringify(value) === handedBack) return;
  handedBack = JSON.stringify(value);
  setStateValue("key", value);
}
"""

_CSS = ":host { display: none; }"

_component = st.components.v2.component(COMPONENT_NAME, js=_JS, css=_CSS)


def _ignore() -> None:
    """The key is read at the start of the next run; the change needs no callback of its own."""


@dataclass(frozen=True)
class HandedKey:
    key: str  # empty when the tab cannot keep one (no sessionStorage)
    kept: bool  # the tab was told earlier that a conversation is kept under this key


def tab_key(known: str | None, kept: bool) -> HandedKey | None:
    """Draw the (invisible) tab key here and return the key the tab handed back, if any yet.

    `known` is the key this session already uses, `kept` whether a conversation is kept under it
    now; a tab holding that key stays quiet, so the hand-back costs one extra run per page load.
    """
    result = _component(
        key=ELEMENT_KEY,
        data={"known": known, "kept": kept},
        height=0,
        on_key_change=_ignore,
    )
    value = result.get("key") if result is not None else None
    if not isinstance(value, dict) or not isinstance(value.get("key"), str):
        return None
    return HandedKey(value["key"], value.get("kept") is True)
