"""Mijn steunkaart on screen: the map, the same map in words, what to take home, and compare."""

from __future__ import annotations

import html
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from veerkracht.answers import Answers
from veerkracht.compare import Comparison, compare_maps, compare_needs, moved_line, shared_layout
from veerkracht.interface import REFERENCE_LANGUAGE, Words
from veerkracht.items import MapItem
from veerkracht.layout_map import PIXELS_PER_UNIT, MapLayout, layout, ring_names
from veerkracht.levels import LEVEL_STYLES, NEED_STYLE
from veerkracht.model import QuestionSet
from veerkracht.render.figure import FIGURE_CONFIG, figure_pixel_width, support_map_figure
from veerkracht.session import SessionError, dump_session, load_session, orphan_words
from veerkracht.supportmap import NextStep, SupportMap, build_support_map, download_name, item_line, step_line
from veerkracht.ui import state
from veerkracht.ui.language import offers_reference, reference_html
from veerkracht.ui.read_aloud import script_value
from veerkracht.ui.safe import plain
from veerkracht.ui.upload import session_upload

# Under the question prefix, so that forgetting the conversation forgets the uploaded file too.
COMPARE_UPLOAD_KEY = "q.map.compare_file"
FIGURE_MEMO_PREFIX = "q.figure."
PHONE_MAP_PX = 343  # the column of a phone 375 pixels wide
WIDE_MAP_PX = 704  # the column of a laptop
LAPTOP_SCALE = 16 / 11  # names at 16 pixels on a laptop's map: readable from the other chair
# The map keeps the scale it was drawn at, so labels never crowd: a map for a laptop's column, and
# one for a phone's that grows taller instead of wider; the box shows the one that fits its width.
# The picture reads left to right inside an Arabic page too: its labels are placed for that, and
# each keeps its own direction.
MAP_STYLE = """.st-key-{key} {{ container-type: inline-size; direction: ltr; }}
.st-key-{key}-wide, .st-key-{key}-phone {{ overflow-x: auto; overflow-y: hidden; }}"""
VARIANT_STYLE = ".st-key-{key}-{name} > div {{ min-width: {width}px; }}"
# The phone's map only where the laptop's does not fit, and the other way round.
CHOICE_STYLE = """@container (min-width: {wide}px) {{ .st-key-{key}-phone {{ display: none; }} }}
@container (max-width: {narrow}px) {{ .st-key-{key}-wide {{ display: none; }} }}"""
# Both compare maps are drawn as the map on a phone is, then shown smaller where a column is narrower:
# the map keeps its shape, and everyone sits where they sit on a phone's map.
# "Samen bekijken": the map's box covers the screen; the script sets its zoom so the map fills it.
TOGETHER_STYLE = """
.vk-together-open, .vk-together-back { display: inline-flex; align-items: center; gap: 0.4rem;
  min-height: 2.75rem; padding: 0.3rem 0.9rem; border-radius: 0.75rem; border: 1px solid #8A9096;
  background: #FFFFFF; color: #1F2328; font: inherit; font-size: 1rem; cursor: pointer; }
.vk-together-open:focus-visible, .vk-together-back:focus-visible { outline: 3px solid #1B5E8C; }
.vk-together-back { position: fixed; top: 0.5rem; inset-inline-end: 0.75rem; z-index: 1000101;
  font-weight: 600; }
body.vk-together-on { overflow: hidden; }
body.vk-together-on .vk-together-shown { position: fixed !important; inset: 0; z-index: 1000100;
  background: #FFFFFF; overflow: auto; padding: 3.5rem 0 1rem; width: 100vw !important;
  max-width: none !important; }
/* The drawing is scaled up inside boxes that keep their size on the page: none of them may cut it. */
body.vk-together-on .vk-together-shown div { overflow: visible !important; }
"""
# Runs in the page (st.html is no iframe): one press shows the map alone, one press (or Esc) goes back.
TOGETHER_SCRIPT = """(() => {
  const config = %(config)s;
  const open = document.currentScript.parentElement.querySelector(".vk-together-open");
  const mapBox = () => document.querySelector(".st-key-" + config.box);
  const shown = (box) => [...box.querySelectorAll("[class*='st-key-" + config.box + "-']")]
    .find((variant) => getComputedStyle(variant).display !== "none");
  // The drawing is scaled as a whole (its text and markers with it), centred, from its top.
  let scaled = null;
  const unscale = () => {
    if (!scaled) return;
    scaled.chart.style.transform = "";
    scaled.chart.style.transformOrigin = "";
    scaled.box.style.paddingBottom = "";
    scaled = null;
  };
  const fit = () => {
    unscale();
    const box = mapBox();
    const variant = box && shown(box);
    const chart = variant && variant.querySelector(".svg-container");
    if (!chart || !chart.querySelector("svg.main-svg")) return;
    const drawing = chart.querySelector("svg.main-svg");
    const width = +drawing.getAttribute("width"), height = +drawing.getAttribute("height");
    const across = (window.innerWidth - 16) / width, down = (window.innerHeight - 72) / height;
    // As large as the screen holds it whole; never smaller than drawn unless the width asks for it.
    const zoom = Math.max(Math.min(across, down), Math.min(1, across));
    const left = drawing.getBoundingClientRect().left;
    chart.style.transformOrigin = "top left";
    chart.style.transform = `translate(${(window.innerWidth - width * zoom) / 2 - left}px, 0) scale(${zoom})`;
    box.style.paddingBottom = `${Math.max(0, height * (zoom - 1)) + 16}px`;
    scaled = {chart, box};
  };
  const close = () => {
    unscale();
    const box = mapBox();
    for (const variant of box ? variants(box) : []) {
      variant.style.width = "";
      variant.style.marginInline = "";
    }
    document.body.classList.remove("vk-together-on");
    document.querySelectorAll(".vk-together-shown")
      .forEach((box) => box.classList.remove("vk-together-shown"));
    document.querySelectorAll(".vk-together-back").forEach((button) => button.remove());
    window.removeEventListener("resize", fit);
    open.focus();
  };
  // Each drawing keeps the width it has on the page: the chart is not drawn again, only shown larger.
  const variants = (box) => [...box.querySelectorAll("[class*='st-key-" + config.box + "-']")];
  open.addEventListener("click", () => {
    const box = mapBox();
    if (!box) return;
    for (const variant of variants(box).filter((v) => getComputedStyle(v).display !== "none")) {
      variant.style.width = `${variant.getBoundingClientRect().width}px`;
      variant.style.marginInline = "auto";
    }
    box.classList.add("vk-together-shown");
    document.body.classList.add("vk-together-on");
    const back = document.createElement("button");
    back.type = "button";
    back.className = "vk-together-back";
    back.textContent = "← " + config.back;
    back.addEventListener("click", close);
    document.body.appendChild(back);
    window.addEventListener("resize", fit);
    fit();
    back.focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("vk-together-on")) close();
  });
})();"""
COMPARE_SHRINK_STEP_PX = 8
COMPARE_NARROWEST_PX = 200
# The chart keeps a phone's width, so it is drawn at that scale, and only its drawing is then shown
# smaller as a whole (a chart that measured a shrunken box would crowd its labels instead); the
# room it leaves is taken back, and nothing past the box can be scrolled to.
FULL_WIDTH_STYLE = """.st-key-{key}, .st-key-{key} > div {{ overflow: clip; }}
.st-key-{key}-wide {{ width: {width}px; min-width: {width}px; flex: none; }}
.st-key-{key}-wide .svg-container {{ transform-origin: top left; }}"""
COMPARE_STYLE = """@container (max-width: {width}px) {{
  .st-key-{key}-wide {{ margin-bottom: -{bottom:.1f}px; }}
  .st-key-{key}-wide .svg-container {{ transform: scale({scale:.4f}); }} }}"""


def show_map_step(
    question_set: QuestionSet, answers: Answers, words: Words, step_ahead: bool = False
) -> None:
    """The map, its words (also its text alternative) and one button for each thing to take home.

    `step_ahead`: the next step is chosen on a later step, so none chosen yet is no news.
    """
    support_map = build_support_map(question_set, answers)
    _show_figure(support_map, words, key="map.figure", together=True)
    _show_words(support_map, words, step_ahead, _dutch_map(question_set, answers, words))
    _show_take_home(question_set, answers, support_map, words)


def _dutch_map(question_set: QuestionSet, answers: Answers, words: Words) -> tuple[SupportMap, Words] | None:
    """The same map in Dutch, for the small line beneath each source in the coach's view; else None."""
    if not (answers.show_reference and offers_reference(question_set.languages, answers.language)):
        return None
    dutch = answers.model_copy(update={"language": REFERENCE_LANGUAGE})
    return build_support_map(question_set, dutch), Words(REFERENCE_LANGUAGE, words.reference, words.reference)


def show_compare(
    question_set: QuestionSet, answers: Answers, words: Words, sets: dict[str, QuestionSet]
) -> None:
    """An earlier session file next to this one: both maps, and what is new, stayed and gone."""
    st.caption(words("compare.intro"))
    upload = session_upload(words("compare.upload"), COMPARE_UPLOAD_KEY, words)
    if upload is None:
        return
    try:
        earlier = load_session(upload, sets, words)
    except SessionError as error:
        st.warning(str(error), icon="📄")
        return
    if answers.language in earlier.question_set.languages:
        earlier.answers.language = answers.language  # same words on both maps, so names match
    earlier_map = build_support_map(earlier.question_set, earlier.answers)
    current_map = build_support_map(question_set, answers)
    comparison = compare_maps(earlier_map, current_map)
    shared = shared_layout(comparison, words)
    # One layout for both: the same source in the same place, the rings at the same scale.
    direction = "rtl" if getattr(words, "direction", "ltr") == "rtl" else "ltr"
    placed = layout(shared.items, centre=current_map.nickname, max_width=(PHONE_MAP_PX - 8) / PIXELS_PER_UNIT,
                    direction=direction, ring_words=ring_names(words))
    before, now = st.columns(2)
    with before:
        saved_on = earlier.saved_at.strftime("%d-%m-%Y") if earlier.saved_at else ""
        st.markdown(f"**{words('compare.earlier')}** {saved_on}")
        _show_figure(earlier_map, words, key="map.compare.earlier", fit_width_px=PHONE_MAP_PX, shrinks=True,
                     shared=(placed, shared.earlier))
    with now:
        st.markdown(f"**{words('compare.now')}**")
        _show_figure(current_map, words, key="map.compare.now", fit_width_px=PHONE_MAP_PX, shrinks=True,
                     shared=(placed, shared.current))
    _show_comparison(comparison, compare_needs(earlier_map, current_map), words)
    if earlier.orphans:
        names = ", ".join(orphan_words(earlier.orphans)) or ", ".join(earlier.orphans)
        st.caption(words("compare.orphans", names=plain(names)))


def _show_figure(support_map: SupportMap, words: Words, key: str, fit_width_px: int | None = None,
                 shrinks: bool = False, together: bool = False,
                 shared: tuple[MapLayout, frozenset[str]] | None = None) -> None:
    """The map for a laptop (names at 16 pixels), and for a phone when that one is too wide for it
    (or one map of `fit_width_px`); each keeps to its width and grows taller instead. `shrinks`: in
    a narrower box the whole map is shown smaller, its height in proportion, instead of scrolling.
    `together`: with a "Samen bekijken" button that shows the map alone on the whole screen.
    `shared`: a layout of two maps at once, and the keys of this map's items in it."""
    box = f"vk-map-{key.replace('.', '-')}"
    if together:
        _together_button(box, words)
    wide = _figure(support_map, words, key, fit_width_px or WIDE_MAP_PX,
                   1.0 if fit_width_px else LAPTOP_SCALE, shared)
    wide_px = figure_pixel_width(wide)
    variants = [("wide", key, wide, wide_px)]
    if fit_width_px is None and wide_px > PHONE_MAP_PX:
        phone = _figure(support_map, words, f"{key}.phone", PHONE_MAP_PX, 1.0)
        variants.append(("phone", f"{key}.phone", phone, figure_pixel_width(phone)))
    rules = [MAP_STYLE.format(key=box)]
    rules += [VARIANT_STYLE.format(key=box, name=name, width=width) for name, _, _, width in variants]
    if len(variants) > 1:
        rules.append(CHOICE_STYLE.format(key=box, wide=wide_px, narrow=wide_px - 0.02))
    if shrinks:  # narrowest last, so it wins where several fit
        rules.append(FULL_WIDTH_STYLE.format(key=box, width=wide_px))
        height = wide.layout.height
        for width in range(wide_px - 1, COMPARE_NARROWEST_PX, -COMPARE_SHRINK_STEP_PX):
            scale = (width - COMPARE_SHRINK_STEP_PX) / wide_px
            rules.append(COMPARE_STYLE.format(width=width, key=box, scale=scale, bottom=height * (1 - scale)))
    st.html("<style>" + "\n".join(rules) + "</style>")
    with st.container(key=box):
        for name, chart_key, figure, _ in variants:
            with st.container(key=f"{box}-{name}"):
                st.plotly_chart(figure, config=FIGURE_CONFIG, key=chart_key, alt=words("map.figure_alt"),
                                theme=None)


def _together_button(box: str, words: Words) -> None:
    """"Samen bekijken": the map alone on the whole screen, as large as it fits, for a student and a
    coach at one screen; "Terug" (or Esc) brings the page back. In the browser only, so it shows at
    once, whatever the server is doing."""
    config = {"box": box, "back": words("map.together_back"), "open": words("map.together")}
    st.html(
        f"<style>{TOGETHER_STYLE}</style>"
        f'<div class="vk-together-box"><button type="button" class="vk-together-open">'
        f'<span aria-hidden="true">🖥️</span> {_e(words("map.together"))}</button>'
        f"<script>{TOGETHER_SCRIPT % {'config': script_value(config)}}</script></div>",
        unsafe_allow_javascript=True,
    )


def _figure(support_map: SupportMap, words: Words, key: str, fit_width_px: int, scale: float,
            shared: tuple[MapLayout, frozenset[str]] | None = None) -> go.Figure:
    """Built again only when the items or the words changed, not on every click on the page.

    Kept with the conversation (under the question prefix), so forgetting it forgets the figure.
    """
    memo_key = f"{FIGURE_MEMO_PREFIX}{key}"
    memo = st.session_state.get(memo_key)
    shown = (support_map.items, support_map.needs, support_map.nickname, shared)
    if memo is None or memo[0] != shown or memo[1] is not words:
        placed, keys = shared if shared else (None, None)
        memo = (shown, words, support_map_figure(support_map, words, fit_width_px, scale, placed, keys))
        st.session_state[memo_key] = memo
    return memo[2]


def _show_words(support_map: SupportMap, words: Words, step_ahead: bool,
                dutch: tuple[SupportMap, Words] | None = None) -> None:
    """The whole map in words, always on the page: for reading, for screen readers, for printing.

    `dutch`: the same map in Dutch; each heading and source then has its Dutch small beneath it."""
    also = _Beneath(words, dutch)
    # A long name without spaces wraps instead of pushing the page wider than a phone.
    parts = [f'<section aria-label="{_e(words("map.in_words"))}" style="overflow-wrap:anywhere">',
             f"<h3>{_e(words('map.sources_heading'))}</h3>"]
    for level, items in support_map.by_level().items():
        style = LEVEL_STYLES[level]
        parts.append(
            f'<h4 style="border-inline-start:0.4rem solid {style.colour};'
            f'padding-inline-start:0.5rem;margin:0.8rem 0 0.2rem">'
            f'{_icon(style.icon)} {_e(words(style.word_key))}</h4>' + also.word(style.word_key)
        )
        if items:
            parts.append("<ul>" + "".join(f"<li>{_item_html(item, words)}{also.item(item)}</li>"
                                          for item in items) + "</ul>")
        else:
            parts.append(f"<p>{_e(words('map.level_empty'))}</p>")
    if support_map.needs:
        parts.append(
            f'<h3 style="border-inline-start:0.4rem dashed {NEED_STYLE.colour};padding-inline-start:0.5rem">'
            f'{_icon(NEED_STYLE.icon)} {_e(words(NEED_STYLE.word_key))}</h3>' + also.word(NEED_STYLE.word_key)
            + f"<p>{_e(words('map.needs_hint'))}</p>"
            "<ul>" + "".join(f"<li>{_icon(n.icon) + ' ' if n.icon else ''}{_e(n.label)}</li>"
                             for n in support_map.needs) + "</ul>")
    parts.append(f"<h3>{_e(words('map.next_steps_heading'))}</h3>" + also.word("map.next_steps_heading"))
    if support_map.next_steps:
        parts.append("<ol>" + "".join(f"<li>{_e(step_line(s, words))}{also.step(i, s)}</li>"
                                      for i, s in enumerate(support_map.next_steps)) + "</ol>")
    else:
        parts.append(f"<p>{_e(words('map.next_step_ahead' if step_ahead else 'map.no_next_step'))}</p>")
    parts.append("</section>")
    st.html("".join(parts))


class _Beneath:
    """The Dutch small beneath a line of the map in words, where it says something else."""

    def __init__(self, words: Words, dutch: tuple[SupportMap, Words] | None):
        self.words, self.lang = words, words.lang
        self.map, self.dutch_words = dutch if dutch else (None, None)
        self.items = {item.key: item for item in self.map.items} if self.map else {}

    def _line(self, dutch: str | None, shown: str) -> str:
        return reference_html(dutch, self.lang) if dutch and dutch != shown else ""

    def word(self, key: str) -> str:
        return self._line(self.dutch_words(key), self.words(key)) if self.dutch_words else ""

    def item(self, item: MapItem) -> str:
        twin = self.items.get(item.key)
        if twin is None or self.dutch_words is None:
            return ""
        return self._line(item_line(twin, self.dutch_words), item_line(item, self.words))

    def step(self, index: int, step: NextStep) -> str:
        if self.map is None or self.dutch_words is None or index >= len(self.map.next_steps):
            return ""
        twin = self.map.next_steps[index]
        return self._line(step_line(twin, self.dutch_words), step_line(step, self.words))


def _item_html(item: MapItem, words: Words) -> str:
    icon = f"{_icon(item.icon)} " if item.icon else ""
    return icon + _e(item_line(item, words))


def _show_take_home(
    question_set: QuestionSet, answers: Answers, support_map: SupportMap, words: Words
) -> None:
    st.markdown(f"**{words('map.take_home')}**")
    st.caption(words("map.take_home_hint"))
    session_file = dump_session(answers, question_set)
    def name(extension: str) -> str:
        return download_name(words("map.file_name"), answers.nickname, extension)

    _download(words("map.download_pdf"), _later("support_map_pdf", support_map, words),
              name("pdf"), "application/pdf", "map.download.pdf", "📄", primary=True)
    _download(words("map.download_words"), _later("support_map_html", support_map, words),
              name("html"), "text/html", "map.download.words", "🔊")
    st.caption(words("map.words_hint"))
    _download(words("map.download_session"), session_file, name("json"),
              "application/json", "map.download.session", "💾")
    st.caption(words("map.session_hint"))
    _download(words("map.download_praatplaat"),
              _later("blank_praatplaat_pdf", question_set, words, answers.language),
              f"{words('map.praatplaat_file')}.pdf", "application/pdf", "map.download.praatplaat", "🖨️")
    _download(words("map.download_praatplaat_a3"),
              _later("blank_praatplaat_pdf", question_set, words, answers.language, "A3"),
              f"{words('map.praatplaat_a3_file')}.pdf", "application/pdf", "map.download.praatplaat_a3", "🖨️")
    st.caption(words("map.praatplaat_hint"))


def _download(label: str, data: bytes | Callable[[], bytes], file_name: str, mime: str, key: str,
              icon: str, primary: bool = False) -> None:
    # made only while the conversation is still here: an expired one hands out nothing
    st.download_button(label, state.while_kept(data), file_name=file_name, mime=mime, key=key, icon=icon,
                       type="primary" if primary else "secondary", on_click="ignore", width="stretch")


def _later(pdf_function: str, *args: object) -> Callable[[], bytes]:
    """Build the file only when it is asked for: a rerun costs nothing and nothing is kept.

    The PDF module (fpdf and its fonts) is imported then too, not when the map first shows.
    """
    def build() -> bytes:
        from veerkracht.render import pdf

        return getattr(pdf, pdf_function)(*args)

    return build


def _show_comparison(comparison: Comparison, needs: Comparison, words: Words) -> None:
    if comparison.unchanged and needs.unchanged:
        st.success(words("compare.same"), icon="🟰")
    parts = []
    for key, items in (("compare.new", comparison.new), ("compare.stayed", comparison.stayed),
                       ("compare.gone", comparison.gone)):
        parts.append(f"<h4>{_e(words(key))} ({len(items)})</h4>")
        parts.append(_items_list(items, words))
    if comparison.moved:
        parts.append(f"<h4>{_e(words('compare.moved'))}</h4><ul>")
        for change in comparison.moved:
            parts.append(f"<li>{_e(moved_line(change, words))}</li>")
        parts.append("</ul>")
    if needs.stayed or needs.new or needs.gone:
        parts.append(f"<h4>{_icon(NEED_STYLE.icon)} {_e(words(NEED_STYLE.word_key))}</h4>")
        for key, items in (("compare.needs_new", needs.new), ("compare.stayed", needs.stayed),
                           ("compare.needs_gone", needs.gone)):
            if items:
                parts.append(f"<h5>{_e(words(key))} ({len(items)})</h5>")
                parts.append(_items_list(items, words, need=True))
    st.html("".join(parts))
    st.caption(words("compare.talk_tip"))


def _items_list(items: list[MapItem], words: Words, need: bool = False) -> str:
    if not items:
        return f"<p>{_e(words('compare.nothing'))}</p>"
    return "<ul>" + "".join(
        f"<li>{_icon(NEED_STYLE.icon if need else LEVEL_STYLES[i.level].icon)} {_e(i.label)}</li>"
        for i in items
    ) + "</ul>"


def _icon(icon: str) -> str:
    """An icon beside words: hidden from screen readers, and drawn in colour (`.vk-icon`, layout.py)."""
    return f'<span class="vk-icon" aria-hidden="true">{_e(icon)}</span>'


def _e(text: str) -> str:
    return html.escape(text, quote=True)
