"""'Hulp nodig?': where to turn, on every screen. Never opened by an answer."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from veerkracht.contacts import Contact, HelpContacts
from veerkracht.interface import Words
from veerkracht.ui.language import REFERENCE_LANGUAGE, local, reference_text
from veerkracht.ui.widgets import reference_word, small_dutch, words_label

REFERENCE_KEY = "view.reference"  # "Ook in het Nederlands", as the start screen and the top bar keep it


def show_help(container: Any, contacts: HelpContacts | None, words: Words, default_lang: str = "nl") -> None:
    """The help button (a popover) in `container`, with the school's contacts inside."""
    lang = words.lang
    dutch = lang != REFERENCE_LANGUAGE and bool(st.session_state.get(REFERENCE_KEY))
    with container.popover(words_label("help.button", words, dutch), icon="🛟", key="help"):
        help_contents(contacts, words, lang, default_lang, dutch)


def help_contents(contacts: HelpContacts | None, words: Words, lang: str, default_lang: str,
                  dutch: bool = False) -> None:
    """`dutch`: for the coach, the Dutch small beneath each line in the student's language."""
    # One Markdown element per part, not one per line: it is drawn on every screen, so each counts.
    # Bold words, not headings: the popover sits under any page title, so a heading would skip levels.
    intro = _word(words, "help.intro", dutch, "**{}**")
    if contacts is None:
        fallback = _word(words, "help.fallback", dutch)
        st.markdown(f"{intro}\n\n{fallback}\n\n{_word(words, 'help.urgent_fallback', dutch, '🚨 **{}**')}")
        return
    urgent = _with_dutch(f"🚨 **{local(contacts.urgent, lang, default_lang)}**",
                         reference_text(contacts.urgent, lang, default_lang) if dutch else None, lang)
    st.markdown(f"{intro}\n\n{urgent}")
    # A tab per group: on a phone the help outside school is one tap away, not far below the fold.
    groups = [(words("help.at_school"), contacts.at_school)]
    if contacts.outside_school:
        groups.append((words("help.outside_school"), contacts.outside_school))
    for tab, (_, group) in zip(st.tabs([name for name, _ in groups]), groups, strict=True):
        tab.markdown("\n\n".join(contact_text(c, words, lang, default_lang, dutch) for c in group))


def contact_text(contact: Contact, words: Words, lang: str, default_lang: str, dutch: bool = False) -> str:
    """One contact as Markdown: name, what for, and how to reach them (tap to call).

    A text in another direction than the page (a Dutch name on an Arabic page) keeps its own.
    `dutch`: the Dutch of the name and of what it is for, small beneath each."""
    name = local(contact.name, lang, default_lang)
    lines = [
        _with_dutch(f"{contact.icon or '•'} **{name}**",
                    reference_text(contact.name, lang, default_lang) if dutch else None, lang),
        _with_dutch(local(contact.about, lang, default_lang),
                    reference_text(contact.about, lang, default_lang) if dutch else None, lang),
    ]
    reach = []
    if contact.phone:
        dial = re.sub(r"[^0-9+]", "", contact.phone)
        reach.append(f"📞 {words('help.call')} [{contact.phone}](tel:{dial})")
    if contact.website:
        shown = re.sub(r"^https://(www\.)?", "", contact.website).rstrip("/")
        reach.append(f"🌐 [{shown}]({contact.website})")
    if reach:
        lines.append(" · ".join(reach))
    extra = [local(t, lang, default_lang) for t in (contact.when, contact.cost) if t is not None]
    if extra:
        lines.append(" · ".join(extra))
    return "  \n".join(lines)


def _word(words: Words, key: str, dutch: bool, form: str = "{}") -> str:
    return _with_dutch(form.format(words(key)), reference_word(key, words, dutch), words.lang)


def _with_dutch(text: str, dutch: str | None, lang: str) -> str:
    """A line of Markdown with its Dutch small beneath it, on a line of its own."""
    return f"{text}  \n{small_dutch(dutch, lang)}" if dutch else text
