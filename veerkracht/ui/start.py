"""The start screen: which questions, who fills them in, which language, and a privacy promise."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from veerkracht.interface import REFERENCE_LANGUAGE, Words
from veerkracht.languages import offered_languages
from veerkracht.limits import NICKNAME_CHARS
from veerkracht.model import QuestionSet
from veerkracht.session import SessionError, load_session, orphan_words
from veerkracht.ui import presses, state
from veerkracht.ui.language import local, offers_reference
from veerkracht.ui.library import Content, words_for
from veerkracht.ui.upload import session_upload
from veerkracht.ui.widgets import dutch_beneath, words_label

SET_KEY = "start.set"
SET_DRAWN_IN_KEY = "start.set.drawn_in"  # the language the set's titles were last drawn in
LANGUAGE_KEY = "start.language"  # one choice for the whole start screen, whichever set is chosen
MODE_KEY = "start.mode"
NICKNAME_KEY = "start.nickname"
UPLOAD_KEY = "start.upload"
CONTINUE_KEY = "start.continue"  # the fold-out that holds the file box: open or not
REFERENCE_KEY = "view.reference"
MODE_ICONS = {"coach": "🤝", "self": "🙋"}


def chosen_set(content: Content) -> QuestionSet | None:
    sets = content.library.sets
    if not sets:
        return None
    chosen = state.widget_value(SET_KEY)
    return sets.get(chosen) or _set_titled(sets, chosen) or next(iter(sets.values()))


def _set_titled(sets: dict[str, QuestionSet], title: object) -> QuestionSet | None:
    """The browser names the chosen set by its title; after a language switch, the old language's."""
    for question_set in sets.values():
        titles = question_set.title.values() if isinstance(question_set.title, dict) else [question_set.title]
        if title in titles:
            return question_set
    return None


def set_labels(sets: dict[str, QuestionSet], lang: str) -> dict[str, str]:
    """Each set's title as the student reads it. The browser names a choice by its label, so two sets
    with one title (which `check` refuses) get their id beside it: a choice always starts its own set."""
    titles = {set_id: local(qs.title, lang, qs.default_language) for set_id, qs in sets.items()}
    counts = Counter(titles.values())
    return {set_id: f"{title} ({set_id})" if counts[title] > 1 else title for set_id, title in titles.items()}


def languages_for(question_set: QuestionSet, content: Content) -> list[str]:
    """The languages this set offers, the set's default first: only those in which the app's words,
    the set's texts and the help contacts are all complete (see veerkracht.languages)."""
    return offered_languages(question_set, content)


def reference_choice(languages: list[str], lang: str, words: Words) -> bool:
    """'Ook in het Nederlands': the Dutch small beneath the student's language, for the coach.

    Only where it adds something: the set has Dutch and the student reads another language. The
    start screen and the top bar share the key, so the choice carries into the conversation.
    """
    if not offers_reference(languages, lang):
        return False
    return st.toggle(words("start.also_reference"), help=words("start.also_reference_help"),
                     key=REFERENCE_KEY, on_change=presses.changed, args=(presses.PAGE,))


def start_language(content: Content) -> str:
    """The language the start screen speaks: as chosen, if the chosen set offers it (a choice made
    before picking another set carries over), else the chosen set's default."""
    question_set = chosen_set(content)
    if question_set is None:
        return REFERENCE_LANGUAGE
    options = languages_for(question_set, content)
    chosen = state.widget_value(LANGUAGE_KEY)
    return chosen if chosen in options else options[0]


def show_start(content: Content, words: Words) -> None:
    question_set = chosen_set(content)
    # The Dutch beneath, as the coach left it (the toggle stands further down this screen).
    dutch = question_set is not None and bool(st.session_state.get(REFERENCE_KEY)) and offers_reference(
        languages_for(question_set, content), words.lang)
    st.title(f"🧭 {words('app.title')}")
    dutch_beneath(st, words, dutch, "app.title")
    st.markdown(words("app.tagline"))
    dutch_beneath(st, words, dutch, "app.tagline")
    _show_broken_files(content, words)
    if question_set is None:
        st.info(words("start.no_sets"), icon="📭")
        return
    lang = words.lang
    sets = content.library.sets
    if state.widget_value(SET_DRAWN_IN_KEY) != lang or SET_KEY not in st.session_state:
        # The browser knows the choice by its title; in another language, it is told the set anew.
        st.session_state[SET_KEY] = question_set.id
        st.session_state[SET_DRAWN_IN_KEY] = lang
    labels = set_labels(sets, lang)
    st.radio(
        words_label("start.choose_set", words, dutch),
        list(sets),  # no index: the session state above holds the choice, one source for it
        # No Dutch beside a set's title: the browser names the chosen set by its label (see _set_titled).
        format_func=labels.__getitem__,
        captions=[_set_caption(qs, lang, words) for qs in sets.values()],
        key=SET_KEY,
    )
    # After the set: only the languages this set offers, so no choice leads to a half-translated set.
    language = _language_choice(question_set, content, words)
    reference_choice(languages_for(question_set, content), language, words)
    st.segmented_control(
        words_label("start.who", words, dutch),
        ["coach", "self"],
        default="coach",
        required=True,
        format_func=lambda mode: MODE_ICONS[mode] + " " + words_label(f"start.mode_{mode}", words, dutch),
        key=MODE_KEY,
    )
    st.text_input(
        words("start.nickname"), max_chars=NICKNAME_CHARS, placeholder=words("start.nickname_help"),
        key=NICKNAME_KEY,
    )
    dutch_beneath(st, words, dutch, "start.nickname")  # beneath: a field's label is also its spoken name
    with st.container(border=True):
        st.markdown(f"🔒 {words('privacy.line1')}  \n🎒 {words('privacy.line2')}")
        dutch_beneath(st, words, dutch, "privacy.line1", "privacy.line2")
    st.button(words_label("button.begin", words, dutch), icon="🚀", type="primary", width="stretch",
              key="start.begin", on_click=_begin, args=(content,))
    _show_continue(content, words)


def _begin(content: Content) -> None:
    """Begin, in its callback: with the choices as they are now (a name typed just before the
    press comes with it), and counted even when another run cuts the run it starts short."""
    question_set = chosen_set(content)
    if question_set is None:
        return
    mode = state.widget_value(MODE_KEY)
    nickname = state.widget_value(NICKNAME_KEY)
    state.start_conversation(question_set, start_language(content), mode if mode in MODE_ICONS else "coach",
                             nickname if isinstance(nickname, str) else "")


def _language_choice(question_set: QuestionSet, content: Content, words: Words) -> str:
    options = languages_for(question_set, content)
    if len(options) < 2:
        return options[0]
    names = {lang: words_for(content.folder, lang)("meta.name") for lang in options}
    chosen = st.segmented_control(
        words("start.language"),
        options,
        default=words.lang if words.lang in options else options[0],
        required=True,
        format_func=lambda lang: names[lang],
        key=LANGUAGE_KEY,
    )
    return chosen or options[0]


def _set_caption(question_set: QuestionSet, lang: str, words: Words) -> str:
    default = question_set.default_language
    return words(
        "start.set_caption",
        description=local(question_set.description, lang, default),
        minutes=question_set.minutes,
        audience=local(question_set.audience, lang, default),
    )


def _show_broken_files(content: Content, words: Words) -> None:
    """A calm word for students; what exactly is wrong is in the server's log and in `check`."""
    if content.broken_files() and content.library.sets:  # with no set at all, start.no_sets says it
        st.info(words("start.broken_calm"), icon="🧩")


def _show_continue(content: Content, words: Words) -> None:
    """Upload a session file to carry on; a file that does not fit changes nothing.

    The file box is drawn only once the fold-out is open: Streamlit's uploader is heavy work for a
    phone's first screen, and most students never need it there.
    """
    fold = st.expander(words("start.continue"), icon="📂", key=CONTINUE_KEY, on_change="rerun")
    with fold:
        if not fold.open:
            return
        upload = session_upload(words("start.continue_file"), UPLOAD_KEY, words)
        if upload is None:
            return
        try:
            loaded = load_session(upload, content.library.sets, words)
        except SessionError as error:
            st.error(str(error), icon="📄")
            return
    state.replace_answers(loaded.answers)
    state.add_notice("start.continued")
    if loaded.orphans:
        names = orphan_words(loaded.orphans)
        if names:
            state.add_notice("start.orphans", names=", ".join(names))
        else:
            state.add_notice("start.orphans_count", count=len(loaded.orphans))
    st.rerun()
