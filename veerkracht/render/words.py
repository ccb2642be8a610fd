"""Mijn steunkaart in woorden: the same content as the PDF, as one plain web page.

For screen readers and read-aloud software, which read a web page better than any PDF: real
headings and lists, the language and direction of the interface, names isolated with <bdi> so
a name in another script keeps its own direction. No scripts, no links, nothing loaded from
elsewhere: the file opens the same without a network.
"""

from __future__ import annotations

import html
from datetime import date

from veerkracht.levels import LEVEL_STYLES, NEED_STYLE
from veerkracht.supportmap import SupportMap, WordLookup, item_line, step_line

STYLE = (
    "body{font-family:system-ui,'Noto Sans',sans-serif;font-size:1.15rem;line-height:1.5;"
    "max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}"
    "h2{margin-top:2rem}.step{border:3px solid #8a6200;background:#fff3c7;border-radius:.5rem;"
    "padding:.5rem 1rem}small{color:#5a616b}"
    f"h2.needs{{color:{NEED_STYLE.colour};border-top:3px dashed {NEED_STYLE.colour};padding-top:.5rem}}"
)


def support_map_html(support_map: SupportMap, words: WordLookup, today: date | None = None) -> bytes:
    """The title, the next step, every source by level, then what the student still needs, as the PDF."""
    lang = _e(support_map.language)
    direction = "rtl" if getattr(words, "direction", "ltr") == "rtl" else "ltr"
    title = words("map.title")
    details = []
    if support_map.nickname:
        slot = "\x00"  # the template is escaped, then the name goes in, escaped and isolated
        details.append(_e(words("pdf.of_name", name=slot)).replace(slot, _name(support_map.nickname)))
    details.append(_e(words("pdf.date", date=(today or date.today()).strftime("%d-%m-%Y"))))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{direction}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>",
        "<body><main>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{' · '.join(details)}</p>",
        '<section class="step">',
        f"<h2>{_e(words('map.next_steps_heading'))}</h2>",
    ]
    if support_map.next_steps:
        parts.append("<ol>" + "".join(f"<li>{_bdi(step_line(step, words))}</li>"
                                      for step in support_map.next_steps) + "</ol>")
    else:
        parts.append(f"<p>{_e(words('map.no_next_step'))}</p>")
    parts += ["</section>", f"<h2>{_e(words('map.sources_heading'))}</h2>"]
    for level, items in support_map.by_level().items():
        style = LEVEL_STYLES[level]
        parts.append(f"<h3>{_e(words(style.word_key))}</h3>")
        if items:
            parts.append("<ul>" + "".join(
                f"<li>{_icon(item.icon)}{_bdi(item_line(item, words))}</li>" for item in items) + "</ul>")
        else:
            parts.append(f"<p>{_e(words('map.level_empty'))}</p>")
    if support_map.needs:  # apart from the sources: this is not there yet
        parts += [f'<h2 class="needs">{_icon(NEED_STYLE.icon)}{_e(words(NEED_STYLE.word_key))}</h2>',
                  f"<p>{_e(words('map.needs_hint'))}</p>",
                  '<ul class="needs">' + "".join(f"<li>{_icon(need.icon)}{_bdi(need.label)}</li>"
                                                  for need in support_map.needs) + "</ul>"]
    parts += [f"<p><small>{_e(words('pdf.footer'))}</small></p>", "</main></body></html>", ""]
    return "\n".join(parts).encode("utf-8")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _name(text: str) -> str:
    return f"<bdi>{_e(text)}</bdi>"


def _bdi(text: str) -> str:
    """A line with a student's words: its own direction, whatever the page's."""
    return f'<bdi dir="auto">{_e(text)}</bdi>'


def _icon(icon: str | None) -> str:
    return f'<span aria-hidden="true">{_e(icon)}</span> ' if icon else ""
