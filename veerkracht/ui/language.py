"""Which language and direction a text on screen is in, and the Dutch beside it for the coach.

A text of a question set may be missing in the student's language; it then shows in the set's
default language, and says so (`lang`), so the browser reads it with the right voice. A text
whose direction differs from the page (Dutch on an Arabic page, an Arabic name on a Dutch one) is
isolated, so its full stop and its numbers stay at its own end. This module never imports
Streamlit: the question widgets use it too.
"""

from __future__ import annotations

import html
import re

from veerkracht.text import LocalText, resolve

# The coach's language, as veerkracht.interface.REFERENCE_LANGUAGE (not imported: it loads the
# question types, which use this module).
REFERENCE_LANGUAGE = "nl"

# Languages written from right to left (ISO 639-1, and a few 639-3 codes schools may use).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})
# First-strong isolate … pop directional isolate: the text inside takes its own direction.
FSI, PDI = "\u2068", "\u2069"
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f]")


def direction_of(lang: str) -> str:
    """'rtl' or 'ltr' for a language code such as 'ar' or 'nl-BE'."""
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def shown_language(text: LocalText | None, lang: str, default_lang: str) -> str:
    """The language `resolve(text, lang, default_lang)` is written in."""
    if not isinstance(text, dict):
        return default_lang
    for candidate in (lang, default_lang):
        if text.get(candidate):
            return candidate
    return next(iter(text), default_lang)


def isolated(text: str, text_lang: str, page_lang: str) -> str:
    """`text` isolated from its surroundings when its direction differs from the page's."""
    if not text or direction_of(text_lang) == direction_of(page_lang):
        return text
    return f"{FSI}{text}{PDI}"


def isolated_name(text: str) -> str:
    """A name a student typed, isolated when it mixes or holds right-to-left letters."""
    return f"{FSI}{text}{PDI}" if _RTL_LETTER.search(text) else text


def local(text: LocalText | None, lang: str, default_lang: str) -> str:
    """A set's text in `lang` (or its fallback), isolated when it runs the other way than the page."""
    return isolated(resolve(text, lang, default_lang), shown_language(text, lang, default_lang), lang)


def lang_attributes(text_lang: str, page_lang: str) -> str:
    """` lang="nl"` for HTML written in another language than the page, else ''."""
    if text_lang == page_lang:
        return ""
    return f' lang="{html.escape(text_lang, quote=True)}"'


def reference_html(dutch: str, page_lang: str, extra_class: str = "") -> str:
    """The Dutch line beneath a text: small, marked as Dutch, aligned with the page but with its
    own direction inside (<bdi>), so on an Arabic page its full stop stays at its end."""
    classes = f"vk-also {extra_class}".strip()
    return (f'<p class="{classes}"{lang_attributes(REFERENCE_LANGUAGE, page_lang)}>'
            f"<bdi>{html.escape(dutch)}</bdi></p>")


def reference_text(text: LocalText | None, lang: str, default_lang: str) -> str | None:
    """The Dutch of a text, for the coach beside the student's language; None when it adds nothing."""
    if lang == REFERENCE_LANGUAGE or text is None:
        return None
    if shown_language(text, REFERENCE_LANGUAGE, default_lang) != REFERENCE_LANGUAGE:
        return None
    dutch = resolve(text, REFERENCE_LANGUAGE, default_lang)
    return dutch if dutch and dutch != resolve(text, lang, default_lang) else None


def offers_reference(languages: list[str] | tuple[str, ...], lang: str) -> bool:
    """Whether the Dutch can stand beside `lang`: the set has Dutch, and the student reads another."""
    return lang != REFERENCE_LANGUAGE and REFERENCE_LANGUAGE in languages


def has_letters_of_other_direction(text: str, page_lang: str) -> bool:
    """True for Latin letters on a right-to-left page, or right-to-left letters on another page."""
    pattern = _LTR_LETTER if direction_of(page_lang) == "rtl" else _RTL_LETTER
    return bool(pattern.search(text))
