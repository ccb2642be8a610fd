"""🔊 Lees voor: the browser's own speech reads a question and its options aloud. Nothing leaves the page."""

from __future__ import annotations

import html
import json

import streamlit as st

from veerkracht.questions import QuestionBase, WidgetContext

# Voices are picked by region; a language not listed here is passed on as it is.
SPEECH_LANGUAGES = {"nl": "nl-NL", "en": "en-GB", "de": "de-DE", "fr": "fr-FR", "tr": "tr-TR",
                    "pl": "pl-PL", "ar": "ar-SA", "uk": "uk-UA", "es": "es-ES", "pt": "pt-PT"}
# A little slower than normal: the button is there for students who find reading hard.
SPEECH_RATE = 0.9

# Top right in the question's box (keyed "box.<id>" by the question renderer), beside the question;
# out of the flow, so it adds no height. On a phone only the 🔊 shows; its name stays the same.
STYLE = """<style>
[class*="st-key-box-"] { position: relative; }
[data-testid="stElementContainer"]:has(.vk-read-aloud-box) {
  position: absolute; top: 0.65rem; right: 1rem; width: auto !important; z-index: 1; }
[class*="st-key-box-"] .vk-question { padding-right: 8.5rem; }
.vk-read-aloud { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2.75rem;
  min-width: 2.75rem; justify-content: center; padding: 0.3rem 0.8rem; border-radius: 0.75rem;
  border: 1px solid #8A9096; background: #FFFFFF; color: #1F2328; font: inherit; font-size: 1rem;
  cursor: pointer; }
.vk-read-aloud:hover { border-color: #1B5E8C; color: #1B5E8C; }
.vk-read-aloud:focus-visible { outline: 3px solid #1B5E8C; outline-offset: 2px; }
@media (max-width: 640px) {
  .vk-read-aloud-word { display: none; }
  .vk-read-aloud { padding: 0.3rem 0.6rem; }
  [class*="st-key-box-"] .vk-question { padding-right: 3.5rem; }
}
</style>"""

# Runs in the page itself (st.html is not an iframe). A second press while it speaks stops it.
SCRIPT = """(() => {
  const button = document.currentScript.parentElement.querySelector("button.vk-read-aloud");
  const parts = %(parts)s;
  const lang = %(lang)s;
  const speech = window.speechSynthesis;
  if (!button || !speech || typeof SpeechSynthesisUtterance === "undefined") {
    if (button) button.hidden = true;
    return;
  }
  button.addEventListener("click", () => {
    const stop = speech.speaking && window.vkReadingButton === button;
    speech.cancel();
    window.vkReadingButton = stop ? null : button;
    if (stop) return;
    for (const part of parts) {
      const utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = lang;
      utterance.rate = %(rate)s;
      speech.speak(utterance);
    }
  });
})();"""


def speech_language(lang: str) -> str:
    """The BCP 47 tag the browser uses to choose a voice, e.g. 'nl' → 'nl-NL'."""
    return SPEECH_LANGUAGES.get(lang, lang)


def spoken_parts(question: QuestionBase, ctx: WidgetContext) -> list[str]:
    """What is read aloud, in order: the question, its one-line help, then every option."""
    parts = [ctx.t(question.text)]
    if question.help is not None:
        parts.append(ctx.t(question.help))
    parts.extend(question.readable_options(ctx.lang, ctx.default_lang))
    return [part.strip() for part in parts if part and part.strip()]


def read_aloud_button(question: QuestionBase, ctx: WidgetContext) -> None:
    """The 🔊 button for one question, in the session language."""
    word = ctx.words("read_aloud.button")
    name = f"{word}: {ctx.t(question.text)}"
    script = SCRIPT % {
        "parts": _script_value(spoken_parts(question, ctx)),
        "lang": _script_value(speech_language(ctx.lang)),
        "rate": SPEECH_RATE,
    }
    st.html(
        f'{STYLE}<div class="vk-read-aloud-box">'
        f'<button type="button" class="vk-read-aloud" aria-label="{html.escape(name, quote=True)}">'
        f'<span aria-hidden="true">🔊</span>'
        f'<span class="vk-read-aloud-word">{html.escape(word)}</span></button>'
        f"<script>{script}</script></div>",
        unsafe_allow_javascript=True,
    )


def _script_value(value: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' that could end it."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
