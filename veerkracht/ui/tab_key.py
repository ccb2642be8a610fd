"""The key of one open browser tab: made by the server, kept in that tab's sessionStorage, handed
back over the app's own connection, never put in the address.

A reload or a dropped connection keeps sessionStorage, so the new Streamlit session gets the same
key back and finds the conversation. Only a reload does: a tab reached by Back after leaving the
site, a copy made by window.open or a duplicated tab, and the address opened anew all drop the key
the moment the page opens, and a page brought back from the browser's back-forward cache is
loaded afresh. The server makes every key (see state.py): a key it finds in a tab it never gave
to that browser opens nothing, and the tab then gets a new one.

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
const tab = window.veerkrachtTab || (window.veerkrachtTab = firstLook());

function forget() {
  try { sessionStorage.removeItem(STORAGE_NAME); sessionStorage.removeItem(KEPT_NAME); } catch (error) {}
}

// Once per page: only a reload keeps the key; Back, window.open, a duplicate or a new visit start fresh.
function firstLook() {
  const entry = performance.getEntriesByType("navigation")[0];
  if (!entry || entry.type !== "reload") forget();
  addEventListener("pagehide", (event) => {
    if (event.persisted) document.documentElement.style.visibility = "hidden";
  });
  addEventListener("pageshow", (event) => {
    if (event.persisted) { forget(); location.reload(); }
  });
  return { handed: null };
}

export default function ({ data, parentElement, setStateValue }) {
  // Nothing to see: the empty box must not push the page down by a row either.
  const box = (parentElement.host || parentElement).closest('[data-testid="stElementContainer"]');
  if (box) box.style.display = "none";
  let key = "", kept = false;
  try {
    const storage = window.sessionStorage;
    if (data && data.key && SHAPE.test(data.key) && data.key !== storage.getItem(STORAGE_NAME)) {
      storage.setItem(STORAGE_NAME, data.key);  // the key the server made for this tab
      storage.removeItem(KEPT_NAME);
    }
    key = storage.getItem(STORAGE_NAME) || "";
    if (!SHAPE.test(key)) key = "";
    if (data && key && data.key === key) storage.setItem(KEPT_NAME, data.kept ? "1" : "0");
    kept = key !== "" && storage.getItem(KEPT_NAME) === "1";
  } catch (error) {
    key = "";  // no sessionStorage here: the app works, only a reload starts over
  }
  // Handed back when the key changes, and once a conversation is kept, so that a reconnect to
  // another server process brings the news along. Not when it ends: that run may be showing a message.
  const before = tab.handed;
  if (before && before.key === key && (before.kept === kept || !kept)) return;
  tab.handed = { key, kept };
  setStateValue("key", { key, kept });
}
"""

_CSS = ":host { display: none; }"

_component = st.components.v2.component(COMPONENT_NAME, js=_JS, css=_CSS)


def _ignore() -> None:
    """The key is read at the start of the next run; the change needs no callback of its own."""


@dataclass(frozen=True)
class HandedKey:
    key: str  # empty when the tab holds no key yet, or cannot keep one (no sessionStorage)
    kept: bool  # the tab was told earlier that a conversation is kept under this key


def tab_key(issued: str | None, kept: bool) -> HandedKey | None:
    """Draw the (invisible) tab key here and return what the tab handed back, if it did yet.

    `issued` is the key the server uses for this tab (the tab keeps it from now on), `kept`
    whether a conversation is kept under it now.
    """
    result = _component(
        key=ELEMENT_KEY,
        data={"key": issued, "kept": kept},
        height=0,
        on_key_change=_ignore,
    )
    value = result.get("key") if result is not None else None
    if not isinstance(value, dict) or not isinstance(value.get("key"), str):
        return None
    return HandedKey(value["key"], value.get("kept") is True)
