"""'Hulp nodig?': where to turn, on every screen. Never opened by an answer."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from veerkracht.contacts import Contact, HelpContacts
from veerkracht.interface import Words
from veerkracht.text import resolve


def show_help(container: Any, contacts: HelpContacts | None, words: Words, default_lang: str = "nl") -> None:
    """The help button (a popover) in `container`, with the school's contacts inside."""
    lang = words.lang
    with container.popover(words("help.button"), icon="🛟", key="help"):
        help_contents(contacts, words, lang, default_lang)


def help_contents(contacts: HelpContacts | None, words: Words, lang: str, default_lang: str) -> None:
    # One Markdown element, not one per line: it is drawn on every screen, so each element counts.
    # Bold words, not headings: the popover sits under any page title, so a heading would skip levels.
    parts = [f"**{words('help.intro')}**"]
    if contacts is None:
        parts += [words("help.fallback"), f"🚨 **{words('help.urgent_fallback')}**"]
    else:
        parts += [f"🚨 **{resolve(contacts.urgent, lang, default_lang)}**", f"**{words('help.at_school')}**"]
        parts += [contact_text(contact, words, lang, default_lang) for contact in contacts.at_school]
        if contacts.outside_school:
            parts.append(f"**{words('help.outside_school')}**")
            parts += [contact_text(contact, words, lang, default_lang) for contact in contacts.outside_school]
    st.markdown("\n\n".join(parts))


def contact_text(contact: Contact, words: Words, lang: str, default_lang: str) -> str:
    """One contact as Markdown: name, what for, and how to reach them (tap to call)."""
    name = resolve(contact.name, lang, default_lang)
    lines = [f"{contact.icon or '•'} **{name}**", resolve(contact.about, lang, default_lang)]
    reach = []
    if contact.phone:
        dial = re.sub(r"[^0-9+]", "", contact.phone)
        reach.append(f"📞 {words('help.call')} [{contact.phone}](tel:{dial})")
    if contact.website:
        shown = re.sub(r"^https://(www\.)?", "", contact.website).rstrip("/")
        reach.append(f"🌐 [{shown}]({contact.website})")
    if reach:
        lines.append(" · ".join(reach))
    extra = [resolve(t, lang, default_lang) for t in (contact.when, contact.cost) if t is not None]
    if extra:
        lines.append(" · ".join(extra))
    return "  \n".join(lines)
