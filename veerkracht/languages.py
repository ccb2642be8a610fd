"""Which languages a student is offered: only those in which everything is there.

A language is offered for a set when the app's words for it are complete and correct
(content/interface/<lang>.yaml), every text of the set has it, and so does every text in
help.yaml that is written per language. The set's default language is always offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path as FilePath
from typing import Any, Protocol

from veerkracht.contacts import HelpContacts
from veerkracht.content import Located, Problem, field_name
from veerkracht.interface import INTERFACE_DIR, display_name
from veerkracht.messages import counted, message
from veerkracht.model import QuestionSet
from veerkracht.questions.base import Path

NOT_OFFERED_RULE = "VK202"


class LanguageContent(Protocol):
    """What the choice needs from a loaded content folder (veerkracht.ui.library.Content)."""

    ready_languages: frozenset[str]
    contacts: HelpContacts | None


def missing_set_texts(question_set: QuestionSet, lang: str) -> list[Path]:
    """Texts of the set a student would not read in `lang`; plain text is the default language."""
    default = lang == question_set.default_language
    return [
        path for path, text in question_set.texts()
        if not (_has(text, lang) if isinstance(text, dict) else default)
    ]


def missing_help_texts(contacts: HelpContacts | None, lang: str) -> list[Path]:
    """Texts in help.yaml written per language but not in `lang`; plain text counts for every language."""
    if contacts is None:
        return []
    return [path for path, text in help_texts(contacts) if isinstance(text, dict) and not _has(text, lang)]


def help_texts(contacts: HelpContacts) -> Iterator[tuple[Path, Any]]:
    yield ("urgent",), contacts.urgent
    for group, members in contacts.groups():
        for index, contact in enumerate(members):
            for name in ("name", "about", "room", "when", "cost"):
                value = getattr(contact, name)
                if value is not None:
                    yield (group, index, name), value


# Asked a few times on every run; a content folder is loaded once per change of a file, so the answer
# is kept per loaded set and content (by identity: both are held here, so an id is never reused).
_OFFERED: dict[tuple[int, int], tuple[QuestionSet, LanguageContent, tuple[str, ...]]] = {}
_OFFERED_KEPT = 64


def offered_languages(question_set: QuestionSet, content: LanguageContent) -> list[str]:
    """The languages a student may choose for this set, the set's default first."""
    key = (id(question_set), id(content))
    kept = _OFFERED.get(key)
    if kept is not None and kept[0] is question_set and kept[1] is content:
        return list(kept[2])
    offered = _offered_languages(question_set, content)
    if len(_OFFERED) >= _OFFERED_KEPT:
        _OFFERED.clear()
    _OFFERED[key] = (question_set, content, tuple(offered))
    return offered


def _offered_languages(question_set: QuestionSet, content: LanguageContent) -> list[str]:
    default = question_set.default_language
    offered = [
        lang for lang in question_set.languages
        if lang == default or (
            lang in content.ready_languages
            and not missing_set_texts(question_set, lang)
            and not missing_help_texts(content.contacts, lang)
        )
    ]
    return offered or [default]


# --- What `check` says about a language that is not offered -----------------------------------


def language_problems(
    folder: FilePath,
    sets: Iterable[tuple[str, QuestionSet, Located | None]],
    ready: frozenset[str],
    contacts: HelpContacts | None,
    contacts_source: Located | None,
) -> list[Problem]:
    """One warning per set file for each declared language it cannot offer, saying why with counts;
    and one per language for help.yaml, when its texts miss a language some set declares."""
    problems: list[Problem] = []
    help_display = display_name(folder / "help.yaml", folder)
    help_missing: dict[str, list[Path]] = {}
    for file, question_set, source in sets:
        for index, lang in enumerate(question_set.languages):
            if lang == question_set.default_language:
                continue
            reasons = []
            if lang not in ready:
                path = folder / INTERFACE_DIR / f"{lang}.yaml"
                state = "not_offered_words_broken" if path.exists() else "not_offered_words_missing"
                reasons.append(message(state, "nl", file=display_name(path, folder)))
            texts = missing_set_texts(question_set, lang)
            if texts:
                reasons.append(counted("not_offered_set_texts", "nl", len(texts), lang=lang,
                                       first=field_name(texts[0])))
            in_help = help_missing.setdefault(lang, missing_help_texts(contacts, lang))
            if in_help:
                reasons.append(counted("not_offered_help_texts", "nl", len(in_help), file=help_display,
                                       lang=lang))
            if not reasons:
                continue
            line, column = source.locate(("languages", index)) if source else (1, 1)
            text = message("not_offered", "nl", lang=lang, reasons="; ".join(reasons))
            problems.append(Problem(file, line, column, field_name(("languages", index)), text,
                                    severity="warning", rule=NOT_OFFERED_RULE))
    for lang, paths in sorted(help_missing.items()):
        if not paths:
            continue
        line, column = contacts_source.locate(paths[0]) if contacts_source else (1, 1)
        text = counted("help_lacks_language", "nl", len(paths), lang=lang)
        problems.append(Problem(help_display, line, column, field_name(paths[0]), text,
                                severity="warning", rule=NOT_OFFERED_RULE))
    return problems


def _has(text: dict[str, str], lang: str) -> bool:
    return bool((text.get(lang) or "").strip())
