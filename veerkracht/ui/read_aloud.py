"""🔊 Lees voor: the browser's own speech reads every text of a part of the screen aloud.

Beside each question (its text, help, options, and the labels of its forms), beside each step's
title (the title and intro; on the map, also the map in words), and on the end screen. It reads
what the screen shows, in the order shown, each text in its own language (`lang`), so a student
who finds reading hard hears all of it. Where the device has no voice for the language, or none at
all, the button says so instead of staying silent or reading in a wrong voice, and offers the map
in words where the screen has it. Nothing leaves the page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

import streamlit as st

from veerkracht.questions import QuestionBase, WidgetContext

# Voices are picked by region; a language not listed here is passed on as it is.
SPEECH_LANGUAGES = {"nl": "nl-NL", "en": "en-GB", "de": "de-DE", "fr": "fr-FR", "tr": "tr-TR",
                    "pl": "pl-PL", "ar": "ar-SA", "uk": "uk-UA", "es": "es-ES", "pt": "pt-PT",
                    "so": "so-SO", "ti": "ti-ER", "am": "am-ET", "fa": "fa-IR"}
# A little slower than normal: the button is there for students who find reading hard.
SPEECH_RATE = 0.9
# Emoji are pictures to look at, not words to hear; direction marks are not words either.
NOT_SPOKEN = (r"[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}"
              r"\uFE0F\u200D\u20E3\u2066-\u2069]")
QUESTION_BOX = '[class*="st-key-box-"]'
STEP_TOP = ".st-key-step-top"

# Top right (top left on a right-to-left page: logical sides) in the question's box or the step's
# top, out of the flow, so it adds no height. On a phone only the 🔊 shows; its name stays the same.
# Without a voice it takes its own line, so its longer words cover nothing.
STYLE = """<style>
[class*="st-key-box-"], .st-key-step-top { position: relative; }
[data-testid="stElementContainer"]:has(.vk-read-aloud-box:not(.vk-no-voice)):not(:has(.vk-question)) {
  position: absolute; top: 0.65rem; inset-inline-end: 1rem; width: auto !important; z-index: 1; }
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > .vk-question-head) { position: static; }
[class*="st-key-box-"] .vk-question-head > .vk-read-aloud-box:not(.vk-no-voice) {
  position: absolute; top: 0.65rem; inset-inline-end: 1rem; z-index: 1; }
.st-key-step-top [data-testid="stElementContainer"]:has(.vk-read-aloud-box:not(.vk-no-voice)) {
  top: 0.25rem; inset-inline-end: 0; }
[class*="st-key-box-"] .vk-question, .st-key-step-top h2 { padding-inline-end: 8.5rem; }
.vk-read-aloud { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2.75rem;
  min-width: 2.75rem; justify-content: center; padding: 0.3rem 0.8rem; border-radius: 0.75rem;
  border: 1px solid #8A9096; background: #FFFFFF; color: #1F2328; font: inherit; font-size: 1rem;
  cursor: pointer; }
.vk-read-aloud:hover { border-color: #1B5E8C; color: #1B5E8C; }
.vk-read-aloud:focus-visible { outline: 3px solid #1B5E8C; outline-offset: 2px; }
.vk-read-aloud:disabled { cursor: default; border-style: dashed; color: #4A4F55; }
.vk-to-words { margin-inline-start: 0.5rem; }
@media (max-width: 640px) {
  .vk-read-aloud-box:not(.vk-no-voice) .vk-read-aloud-word { display: none; }
  .vk-read-aloud { padding: 0.3rem 0.6rem; }
  [class*="st-key-box-"] .vk-question, .st-key-step-top h2 { padding-inline-end: 3.5rem; }
}
</style>"""

# Runs in the page itself (st.html is not an iframe), once per page with the style (see page_part):
# each button's own element only queues its box and its words, and this sets them up, in whichever
# order the two arrive. A second press while it speaks stops it.
SCRIPT = """(() => {
const setUp = (box, config) => {
  const button = box.querySelector("button.vk-read-aloud");
  const icon = box.querySelector(".vk-read-aloud-icon");
  const word = box.querySelector(".vk-read-aloud-word");
  const speech = window.speechSynthesis;
  if (!button || !speech || typeof SpeechSynthesisUtterance === "undefined") {
    if (button) button.hidden = true;
    return;
  }
  // A text is the smallest of these that holds no other; what is hidden, or only for the coach, is left out.
  const UNITS = "p, h1, h2, h3, h4, h5, h6, li, summary, label, legend, button, th, td, figcaption";
  // Left out: a tooltip's ? icon (not a button that has a tooltip, as Weghalen), a choice's Dutch (small).
  const SKIP = ".vk-read-aloud-box, .vk-also, script, style, [data-testid='InputInstructions'], " +
    "[data-testid='stTooltipIcon']:not(:has(button)), span[style*='font-size']";
  const PICTURES = new RegExp(config.pictures, "gu");
  const tag = (lang) => config.tags[lang] || lang;
  const textOf = (element) => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(SKIP).forEach((part) => part.remove());
    return copy.textContent.replace(PICTURES, " ").replace(/\\s+/g, " ").trim();
  };
  const gather = (element, parts) => {
    if (element.matches(SKIP) || getComputedStyle(element).display === "none") return;
    if (element.matches(UNITS) && !element.querySelector(UNITS)) {
      if (element.checkVisibility && !element.checkVisibility({visibilityProperty: true})) return;
      const text = textOf(element);
      const marked = element.closest("[lang]");
      const lang = marked && marked !== document.documentElement ? marked.getAttribute("lang") : config.lang;
      if (text) parts.push({text, lang});
      return;
    }
    for (const child of element.children) gather(child, parts);
  };
  const regions = () => config.regions.flatMap((region) => {
    if (region.closest) return [box.closest(region.closest)].filter(Boolean);
    return [...document.querySelectorAll("section[aria-label]")]
      .filter((section) => section.getAttribute("aria-label") === region.named);
  });
  const normal = (voice) => (voice.lang || "").replace("_", "-").toLowerCase();
  // undefined: the device does not say which voices it has (yet); null: none for this language.
  const voiceFor = (code) => {
    const voices = speech.getVoices ? speech.getVoices() : [];
    if (!voices || !voices.length) return undefined;
    const wanted = code.toLowerCase();
    return voices.find((v) => normal(v) === wanted)
      || voices.find((v) => normal(v).split("-")[0] === wanted.split("-")[0]) || null;
  };
  // Where the device cannot read: the map in words, when this screen has it, to read instead.
  const wordsSection = () => [...document.querySelectorAll("section[aria-label]")]
    .find((section) => section.getAttribute("aria-label") === config.wordsName);
  const offerWords = (on) => {
    let link = box.querySelector(".vk-to-words");
    const section = on && wordsSection();
    if (!section) { if (link) link.remove(); return; }
    if (link) return;
    link = document.createElement("button");
    link.type = "button";
    link.className = "vk-read-aloud vk-to-words";
    link.textContent = "📄 " + config.toWords;
    link.addEventListener("click", () => {
      const target = wordsSection();
      if (!target) return;
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({block: "start"});
      target.focus({preventScroll: true});
    });
    box.appendChild(link);
  };
  // "none": the device has no voice at all; "missing": none for this language.
  const show = (none = false) => {
    const missing = none || voiceFor(tag(config.lang)) === null;
    const says = none ? config.noVoices : config.noVoice;
    button.disabled = missing;
    box.classList.toggle("vk-no-voice", missing);
    word.textContent = missing ? says : config.word;
    icon.textContent = missing ? "🔇" : "🔊";
    button.setAttribute("aria-label", missing ? says : config.name);
    offerWords(missing);
  };
  show();
  if (speech.addEventListener) speech.addEventListener("voiceschanged", () => show());
  button.addEventListener("click", () => {
    if (voiceFor(tag(config.lang)) === undefined) {  // still no voices when pressed: there are none
      show(true);
      return;
    }
    const stop = speech.speaking && window.vkReadingButton === button;
    speech.cancel();
    window.vkReadingButton = stop ? null : button;
    if (stop) return;
    const parts = [];
    for (const region of regions()) gather(region, parts);
    for (const part of parts) {
      const voice = voiceFor(tag(part.lang));
      if (voice === null) continue;  // no voice for this language: silence, not a wrong accent
      const utterance = new SpeechSynthesisUtterance(part.text);
      utterance.lang = tag(part.lang);
      if (voice) utterance.voice = voice;
      utterance.rate = config.rate;
      speech.speak(utterance);
    }
  });
};
window.vkReadAloud = () => {
  const waiting = window.vkReadAloudQueue || [];
  window.vkReadAloudQueue = [];
  for (const [box, config] of waiting) setUp(box, {...%(fixed)s, ...config});
};
window.vkReadAloud();
})();"""


def speech_language(lang: str) -> str:
    """The BCP 47 tag the browser uses to choose a voice, e.g. 'nl' → 'nl-NL'."""
    return SPEECH_LANGUAGES.get(lang, lang)


def read_aloud_html(question: QuestionBase, ctx: WidgetContext) -> str:
    """The 🔊 button for one question: everything in the question's box, in the session language.
    HTML for the element that shows the question's title (one element less on every tap)."""
    return speaker_html(f"{ctx.words('read_aloud.button')}: {ctx.t(question.text)}", ctx.words, ctx.lang,
                        [{"closest": QUESTION_BOX}])


def speaker(name: str, words: Callable[..., str], lang: str, regions: list[dict[str, str]]) -> None:
    """A 🔊 button named `name` that reads `regions` (see speaker_html), as an element of its own."""
    st.html(speaker_html(name, words, lang, regions), unsafe_allow_javascript=True)


def speaker_html(name: str, words: Callable[..., str], lang: str, regions: list[dict[str, str]]) -> str:
    """A 🔊 button named `name` that reads `regions`: {"closest": css} is the part of the screen the
    button stands in, {"named": words} a section by its aria-label (such as the map in words).

    Only the button and its words: the script that makes it speak comes once per page (page_part).
    """
    word = words("read_aloud.button")
    config = {
        "regions": regions,
        "lang": lang,
        "name": name,
        "word": word,
        "noVoice": words("read_aloud.no_voice"),
        "noVoices": words("read_aloud.no_voices"),
        "toWords": words("read_aloud.to_words"),
        "wordsName": words("map.in_words"),
    }
    return (
        f'<div class="vk-read-aloud-box">'
        f'<button type="button" class="vk-read-aloud" aria-label="{html.escape(name, quote=True)}">'
        f'<span aria-hidden="true" class="vk-read-aloud-icon">🔊</span>'
        f'<span class="vk-read-aloud-word">{html.escape(word)}</span></button>'
        f"<script>(window.vkReadAloudQueue = window.vkReadAloudQueue || [])"
        f".push([document.currentScript.parentElement, {script_value(config)}]);"
        f" if (window.vkReadAloud) window.vkReadAloud();</script></div>"
    )


def page_part() -> str:
    """The style and the script of every 🔊 button, for the page's one style element (layout.py)."""
    fixed = script_value({"tags": SPEECH_LANGUAGES, "rate": SPEECH_RATE, "pictures": NOT_SPOKEN})
    return f"{STYLE}<script>{SCRIPT % {'fixed': fixed}}</script>"


def script_value(value: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' that could end it."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
