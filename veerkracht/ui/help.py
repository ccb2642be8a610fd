"""'Hulp nodig?': where to turn, on every screen. Never opened by an answer.

The panel opens with the crisis lines (112, 113) as large buttons to tap and call, before anything
else, so a student in a hard moment sees them on a phone without scrolling. Then help at school, then
the other lines. In every language but Dutch it says which lines speak Dutch (or English), and how
to get help with that. Whatever a school wrote is shown as words: its markup stays inert.
"""

from __future__ import annotations

import html
import re
from typing import Any

import streamlit as st

from veerkracht.contacts import EMAIL, WEBSITE, Contact, HelpContacts
from veerkracht.interface import REFERENCE_LANGUAGE, Words
from veerkracht.text import LocalText, resolve
from veerkracht.ui.language import local, reference_text
from veerkracht.ui.safe import school_markdown
from veerkracht.ui.widgets import reference_word, small_dutch, words_label

REFERENCE_KEY = "view.reference"  # "Ook in het Nederlands", as the start screen and the top bar keep it

EMERGENCY_NUMBER = "112"  # the one number that is the same in every school and every file
# Large, high-contrast buttons (white on dark red: 7:1), a full line wide, at least 48 px tall.
CRISIS_STYLE = """<style>
.vk-crisis { display: flex; flex-direction: column; gap: .5rem; margin: 0 0 .75rem; }
.vk-crisis p { margin: 0; font-weight: 700; }
.vk-crisis a.vk-call { direction: inherit; display: block; min-height: 3rem; padding: .55rem .9rem;
  border-radius: .6rem; background: #a3001b; color: #fff !important; text-decoration: none;
  line-height: 1.3; }
.vk-crisis a.vk-call:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.vk-crisis .vk-number { direction: ltr; unicode-bidi: isolate; font-size: 1.45rem; font-weight: 800;
  white-space: nowrap; }
.vk-crisis .vk-what { display: block; font-size: .95rem; font-weight: 400; }
.vk-crisis .vk-more { font-size: .9rem; font-weight: 400; }
.vk-crisis a.vk-site { direction: inherit; margin: -.2rem .9rem 0; font-size: .95rem; }
</style>"""


def show_help(container: Any, contacts: HelpContacts | None, words: Words, default_lang: str = "nl") -> None:
    """The help button (a popover) in `container`, with the school's contacts inside."""
    lang = words.lang
    dutch = lang != REFERENCE_LANGUAGE and bool(st.session_state.get(REFERENCE_KEY))
    with container.popover(words_label("help.button", words, dutch), icon="🛟", key="help"):
        help_contents(contacts, words, lang, default_lang, dutch)


def help_contents(contacts: HelpContacts | None, words: Words, lang: str, default_lang: str,
                  dutch: bool = False) -> None:
    """`dutch`: for the coach, the Dutch small beneath each line in the student's language."""
    # One element per part, not one per line: it is drawn on every screen, so each counts.
    # Bold words, not headings: the popover sits under any page title, so a heading would skip levels.
    crisis, text, tabs = _help_texts(contacts, words, lang, default_lang, dutch)
    st.html(crisis)
    st.markdown(text)
    if not tabs:
        return
    # A tab per group: on a phone the help outside school is one tap away, not far below the fold.
    for tab, (_, group) in zip(st.tabs([name for name, _ in tabs]), tabs, strict=True):
        tab.markdown(group)


# The texts of the help panel, made once per loaded contacts, words and language rather than on
# every run (the panel is on every screen). Both objects are held here, so an id is never reused.
_HELP_TEXTS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_HELP_TEXTS_KEPT = 64


def _help_texts(contacts: HelpContacts | None, words: Words, lang: str, default_lang: str,
                dutch: bool) -> tuple[str, str, list[tuple[str, str]]]:
    key = (id(contacts), id(words), lang, default_lang, dutch)
    kept = _HELP_TEXTS.get(key)
    if kept is not None and kept[0] is contacts and kept[1] is words:
        return kept[2]
    made = _make_help_texts(contacts, words, lang, default_lang, dutch)
    if len(_HELP_TEXTS) >= _HELP_TEXTS_KEPT:
        _HELP_TEXTS.clear()
    _HELP_TEXTS[key] = (contacts, words, made)
    return made


def _make_help_texts(contacts: HelpContacts | None, words: Words, lang: str, default_lang: str,
                     dutch: bool) -> tuple[str, str, list[tuple[str, str]]]:
    """The crisis buttons, the intro, and per group of contacts its tab's name and text."""
    intro = _word(words, "help.intro", dutch, "**{}**")
    if contacts is None:
        return (crisis_html(words("help.urgent_fallback"), [], words, lang, default_lang),
                f"{intro}\n\n{_word(words, 'help.fallback', dutch)}", [])
    urgent = local(contacts.urgent, lang, default_lang)
    note = language_note(contacts, words, lang, default_lang)
    groups = [(words("help.at_school"), contacts.at_school)]
    if contacts.outside_school:
        groups.append((words("help.outside_school"), contacts.outside_school))
    return (crisis_html(urgent, contacts.crisis, words, lang, default_lang),
            intro + (f"\n\n{note}" if note else ""),
            [(name, "\n\n".join(contact_text(c, words, lang, default_lang, dutch) for c in group))
             for name, group in groups])


def crisis_html(urgent: str, crisis: list[Contact], words: Words, lang: str, default_lang: str) -> str:
    """The urgent line and a large tap-to-call button per crisis line; 112 when the file has none."""
    buttons = [_crisis_button(contact, lang, default_lang) for contact in crisis if contact.phone]
    if not any(_dial(contact.phone or "") == EMERGENCY_NUMBER for contact in crisis):
        buttons.insert(0, _call_button(EMERGENCY_NUMBER, words("help.emergency"), ""))
    text = html.escape(urgent)
    return (CRISIS_STYLE + f'<div class="vk-crisis" role="group" aria-label="{text}">'
            f"<p>🚨 {text}</p>" + "".join(buttons) + "</div>")


def _crisis_button(contact: Contact, lang: str, default_lang: str) -> str:
    what = local(contact.about, lang, default_lang)
    if resolve(contact.name, lang, default_lang).strip() != (contact.phone or "").strip():
        what = f"{local(contact.name, lang, default_lang)}: {what}"
    more = " · ".join(local(t, lang, default_lang) for t in (contact.when, contact.cost) if t is not None)
    button = _call_button(contact.phone or "", what, more)
    if contact.website and WEBSITE.match(contact.website):  # the chat lives on the website
        shown = html.escape(_shown_website(contact.website))
        button += (f'<a class="vk-site" href="{html.escape(contact.website, quote=True)}" target="_blank" '
                   f'rel="noopener noreferrer">🌐 <span dir="ltr">{shown}</span></a>')
    return button


def _call_button(phone: str, what: str, more: str) -> str:
    extra = f' <span class="vk-more">{html.escape(more)}</span>' if more else ""
    return (f'<a class="vk-call" href="tel:{html.escape(_dial(phone), quote=True)}">'
            f'<span aria-hidden="true">📞</span> '
            f'<span class="vk-number" dir="ltr">{html.escape(phone)}</span>'
            f'<span class="vk-what">{html.escape(what)}{extra}</span></a>')


def language_note(contacts: HelpContacts, words: Words, lang: str, default_lang: str) -> str:
    """For a student reading another language than Dutch: which lines speak Dutch (or English).

    Only lines that say which languages they answer in count; nothing is said in Dutch itself."""
    if lang == REFERENCE_LANGUAGE:
        return ""
    lines = [c for c in contacts.crisis + contacts.outside_school if c.languages]
    not_mine = [c for c in lines if lang not in (c.languages or [])]
    if not not_mine:
        return ""
    dutch = [c for c in not_mine if REFERENCE_LANGUAGE in (c.languages or [])]
    english = [c for c in not_mine if lang != "en" and "en" in (c.languages or [])]
    parts = []
    if dutch and len(dutch) == len(lines):
        parts.append(words("help.language_dutch_all"))
    elif dutch:
        parts.append(words("help.language_dutch", lines=_names(dutch, lang, default_lang)))
    if english:
        parts.append(words("help.language_english", lines=_names(english, lang, default_lang)))
    parts.append(words("help.language_tip"))
    return "🗣️ " + " ".join(parts)


def _names(contacts: list[Contact], lang: str, default_lang: str) -> str:
    return ", ".join(school_markdown(local(c.name, lang, default_lang)) for c in contacts)


def contact_text(contact: Contact, words: Words, lang: str, default_lang: str, dutch: bool = False) -> str:
    """One contact as Markdown: name, what for, and how to reach them (tap to call).

    A text in another direction than the page (a Dutch name on an Arabic page) keeps its own.
    What the school wrote passes through `school_markdown`; a link is made only from an address
    that is checked here again, so even a file nobody checked adds no picture and no other link.
    `dutch`: the Dutch of the name and of what it is for, small beneath each."""
    def text(value: LocalText | None) -> str:
        return school_markdown(local(value, lang, default_lang)) if value is not None else ""

    def beneath(value: LocalText) -> str | None:
        return reference_text(value, lang, default_lang) if dutch else None

    lines = [_with_dutch(f"{contact.icon or '•'} **{text(contact.name)}**", beneath(contact.name), lang),
             _with_dutch(text(contact.about), beneath(contact.about), lang)]
    reach = []
    if contact.phone:
        number = school_markdown(contact.phone)
        reach.append(f"📞 {words('help.call')} [{number}](tel:{_dial(contact.phone)})")
    if contact.website and WEBSITE.match(contact.website):
        reach.append(f"🌐 [{school_markdown(_shown_website(contact.website))}]({contact.website})")
    if contact.email and EMAIL.match(contact.email):
        reach.append(f"✉️ [{school_markdown(contact.email)}](mailto:{contact.email})")
    if reach:
        lines.append(" · ".join(reach))
    place = [f"📍 {text(contact.room)}" if contact.room is not None else "",
             f"🕒 {text(contact.when)}" if contact.when is not None else "", text(contact.cost)]
    if any(place):
        lines.append(" · ".join(part for part in place if part))
    return "  \n".join(lines)


def _shown_website(website: str) -> str:
    return re.sub(r"^https://(www\.)?", "", website).rstrip("/")


def _dial(phone: str) -> str:
    return re.sub(r"[^0-9+]", "", phone)
def _word(words: Words, key: str, dutch: bool, form: str = "{}") -> str:
    return _with_dutch(form.format(words(key)), reference_word(key, words, dutch), words.lang)


def _with_dutch(text: str, dutch: str | None, lang: str) -> str:
    """A line of Markdown with its Dutch small beneath it, on a line of its own."""
    return f"{text}  \n{small_dutch(dutch, lang)}" if dutch else text
