"""The content folder, loaded once and cached until one of its YAML files changes.

A file that cannot be used on a live server is said in full (file, line, field, message) in the
server's log, once per change, as `check` says it; students see only a calm word (start.py).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from veerkracht.contacts import HelpContacts, load_contacts
from veerkracht.content import ContentLibrary, Problem, load_folder
from veerkracht.interface import Words, available_languages, load_words, ready_languages
from veerkracht.model import QuestionSet

Fingerprint = tuple[tuple[str, int, int], ...]
_LOG = logging.getLogger("veerkracht.content")
# A class opening the app at once loads the content once, not once per student.
_LOADING = threading.Lock()
# Only in the render walk of the test page, in a process of its own: the set being tried, in memory.
_TRIAL_SETS: dict[str, QuestionSet] = {}


@dataclass(frozen=True)
class Content:
    folder: Path
    library: ContentLibrary
    contacts: HelpContacts | None
    contact_problems: list[Problem]
    interface_languages: list[str]  # languages that have interface words
    ready_languages: frozenset[str] = frozenset()  # ... complete and correct: see veerkracht.languages

    def broken_files(self) -> list[str]:
        """Question set files that could not be used at all."""
        return [item.file for item in self.library.files if item.question_set is None]


# How long a look at the folder holds. A run asks several times (the content, each language's
# words) and every student's tap makes a run; each look is a system call per file, and each call
# lets another thread have the interpreter, so the run waits its turn again. Once a second is
# plenty: an editor who saves a file sees it the next time the whole page is drawn after that.
FRESH_S = 1.0
_clock = time.monotonic
_LOOKED: dict[str, tuple[float, Fingerprint]] = {}


def fingerprint(folder: Path) -> Fingerprint:
    """Name, modification time and size of every YAML file: changes when an editor saves one.

    Looked at again at most once per FRESH_S, with os.scandir (a third of the time of Path.rglob).
    """
    name, now = str(folder), _clock()
    looked = _LOOKED.get(name)
    if looked is not None and now - looked[0] < FRESH_S:
        return looked[1]
    found = tuple(sorted(_yaml_files(name, "")))
    if len(_LOOKED) > 64:  # the test page's folders come and go: keep only what is in use
        _LOOKED.clear()
    _LOOKED[name] = (now, found)
    return found


def _yaml_files(folder: str, prefix: str) -> list[tuple[str, int, int]]:
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        try:
            if entry.is_dir():
                found += _yaml_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".yaml"):
                info = entry.stat()
                found.append((prefix + entry.name, info.st_mtime_ns, info.st_size))
        except OSError:
            continue  # removed while we looked
    return found


def load_content(folder: Path) -> Content:
    changes = fingerprint(folder)
    with _LOADING:
        content = _load_content(str(folder), changes)
    if not _TRIAL_SETS:
        return content
    sets = {**_TRIAL_SETS, **{k: v for k, v in content.library.sets.items() if k not in _TRIAL_SETS}}
    return replace(content, library=replace(content.library, sets=sets))


def add_trial_set(question_set: QuestionSet) -> None:
    """Show a set that is in no file, as if it were in the folder (the test page's walk)."""
    _TRIAL_SETS[question_set.id] = question_set


def words_for(folder: Path, lang: str) -> Words:
    changes = fingerprint(folder / "interface")
    with _LOADING:
        return _load_words(str(folder), lang, changes)


# `changes` is not used in the body: it is part of the cache key, so an edit reloads.
# A plain lru_cache: its key costs microseconds, where st.cache_resource hashes every run's arguments.
@lru_cache(maxsize=8)
def _load_content(folder: str, changes: Fingerprint) -> Content:
    path = Path(folder)
    contacts, contact_problems = load_contacts(path)
    content = Content(
        folder=path,
        library=load_folder(path),
        contacts=contacts,
        contact_problems=contact_problems,
        interface_languages=available_languages(path),
        ready_languages=ready_languages(path),
    )
    _log_problems(content)
    return content


def _log_problems(content: Content) -> None:
    """Every error in the content, for the school's log: loaded once per change, so said once."""
    errors = [p for p in content.library.problems + content.contact_problems if p.severity == "error"]
    broken = content.broken_files()
    if broken:
        _LOG.warning("content in %s: not used because of errors: %s; see `python -m veerkracht check`",
                     ascii(str(content.folder)), ", ".join(ascii(name) for name in broken))
    for problem in errors:
        _LOG.warning("content: %s", problem)  # one line, escaped (Problem.__str__)


@lru_cache(maxsize=32)
def _load_words(folder: str, lang: str, changes: Fingerprint) -> Words:
    return load_words(folder, lang)
