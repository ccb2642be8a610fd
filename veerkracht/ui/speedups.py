"""Work Streamlit repeats on every run with the same answer, done once per process instead.

Each tap of every student makes a run, and the server does one run at a time, so what a run
spends is what the next student waits. Two pieces of Streamlit's own work are the same in every
run and are remembered here; both give exactly what Streamlit gives (tests/test_speedups.py).

- A chip with a picture ("👵 Oma"): Streamlit looks for the picture at its start with a regular
  expression that lists every emoji there is, about a tenth of a question's run. Remembered only
  for a picture on its own (no letter or digit in it, a few characters): never a word a student
  typed (a name in a plan's chips), which must be gone with the conversation.
- The page's colours (the theme in .streamlit/config.toml): Streamlit reads all its settings six
  times per run to fill them in. Remembered per loaded configuration: when Streamlit reads the
  file again, it makes a new one, and the colours are read anew. (A colour changed with
  st.set_option while the server runs would not show; the app never does that.) Only installed
  when Streamlit still fills them as this code knows (theme_filled_as_expected).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from streamlit import config, string_util
from streamlit.runtime import app_session

SHORT = 16  # characters: the longest emoji (a family, a flag with its tags) fits
MEMORY = 1024  # pictures remembered at most

_Extract = Callable[[str], tuple[str, str]]
_Populate = Callable[..., None]


def is_picture_only(text: object) -> bool:
    """A short text without letters or digits: a picture, a symbol, never a word."""
    return isinstance(text, str) and len(text) <= SHORT and not any(c.isalnum() for c in text)


def remembered_emoji(extract: _Extract) -> _Extract:
    """`extract` with its answers for pictures remembered."""
    if getattr(extract, "remembered", False):
        return extract
    known: dict[str, tuple[str, str]] = {}

    def quick(text: str) -> tuple[str, str]:
        if not is_picture_only(text):
            return extract(text)
        found = known.get(text)
        if found is None:
            found = extract(text)
            if len(known) >= MEMORY:
                known.clear()
            known[text] = found
        return found

    quick.remembered = True  # type: ignore[attr-defined]
    quick.original = extract  # type: ignore[attr-defined]
    quick.known = known  # type: ignore[attr-defined]
    quick.__doc__ = extract.__doc__
    return quick


def remembered_theme(populate: _Populate) -> _Populate:
    """`populate` (fills a theme message from the settings) done once per loaded configuration."""
    if getattr(populate, "remembered", False):
        return populate
    made: dict[str, tuple[object, Any]] = {}  # section → (the settings read, its message)

    def quick(msg: Any, section: str = "theme") -> None:
        options = config.get_config_options()
        kept = made.get(section)
        if kept is not None and kept[0] is options:  # held here, so never another with its id
            filled = kept[1]
        else:
            filled = type(msg)()
            populate(filled, section)
            made[section] = (options, filled)
        if filled.ByteSize():  # nothing set: the message stays untouched, as Streamlit leaves it
            msg.MergeFrom(filled)

    quick.remembered = True  # type: ignore[attr-defined]
    quick.original = populate  # type: ignore[attr-defined]
    return quick


def theme_filled_as_expected() -> bool:
    """Whether this Streamlit still fills the colours of every run the way remembered_theme knows:
    a function (message, section) that the start of each run calls. Otherwise it is left alone."""
    populate = getattr(app_session, "_populate_theme_msg", None)
    if populate is None:
        return False
    populate = getattr(populate, "original", populate)
    try:
        parameters = list(inspect.signature(populate).parameters)
        start_of_run = inspect.getsource(app_session.AppSession._create_new_session_message)
    except (OSError, TypeError, ValueError, AttributeError):
        return False
    return parameters == ["msg", "section"] and "_populate_theme_msg(" in start_of_run


def install() -> None:
    string_util.extract_leading_emoji = remembered_emoji(string_util.extract_leading_emoji)
    if theme_filled_as_expected():
        app_session._populate_theme_msg = remembered_theme(app_session._populate_theme_msg)
