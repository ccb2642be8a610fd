"""'Hulp nodig?': where to turn, on every screen. Never opened by an answer."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from veerkracht.contacts import Contact, HelpContacts
from veerkracht.interface import Words
from veerkracht.ui.language import local


def show_help(container: Any, contacts: HelpContacts | None, words: Words, default_lang: str = "nl") -> None:
    """The help button (a popover) in `container`, with the school's contacts inside."""
    lang = words.lang
    with container.popover(words("help.button"), icon="🛟", key="help"):
        help_contents(contacts, words, lang, default_lang)


def help_contents(contacts: HelpContacts | None, words: Words, lang: str, default_lang: str) -> None:
    # One Markdown element per part, not one per line: it is drawn on every screen, so each counts.
    # Bold words, not headings: the popover sits under any page title, so a heading would skip levels.
    if contacts is None:
        urgent = words("help.urgent_fallback")
        st.markdown(f"**{words('help.intro')}**\n\n{words('help.fallback')}\n\n🚨 **{urgent}**")
        return
    urgent = local(contacts.urgent, lang, default_lang)
    st.markdown(f"**{words('help.intro')}**\n\n🚨 **{urgent}**")
    # A tab per group: on a phone the help outside school is one tap away, not far below the fold.
    groups = [(words("help.at_school"), contacts.at_school)]
    if contacts.outside_school:
        groups.append((words("help.outside_school"), contacts.outside_school))
    for tab, (_, group) in zip(st.tabs([name for name, _ in groups]), groups, strict=True):
        tab.markdown("\n\n".join(contact_text(contact, words, lang, default_lang) for contact in group))


def contact_text(contact: Contact, words: Words, lang: str, default_lang: str) -> str:
    """One contact as Markdown: name, what for, and how to reach them (tap to call).

    A text in another direction than the page (a Dutch name on an Arabic page) keeps its own."""
    name = local(contact.name, lang, default_lang)
    lines = [f"{contact.icon or '•'} **{name}**", local(contact.about, lang, default_lang)]
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
