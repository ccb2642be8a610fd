"""The content folder, loaded once and cached until one of its YAML files changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from veerkracht.contacts import HelpContacts, load_contacts
from veerkracht.content import ContentLibrary, Problem, load_folder
from veerkracht.interface import Words, available_languages, load_words

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Content:
    folder: Path
    library: ContentLibrary
    contacts: HelpContacts | None
    contact_problems: list[Problem]
    interface_languages: list[str]  # languages that have interface words

    def broken_files(self) -> list[str]:
        """Question set files that could not be used at all."""
        return [item.file for item in self.library.files if item.question_set is None]


def fingerprint(folder: Path) -> Fingerprint:
    """Name, modification time and size of every YAML file: changes when an editor saves one."""
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            info = path.stat()
        except OSError:
            continue
        found.append((str(path.relative_to(folder)), info.st_mtime_ns, info.st_size))
    return tuple(found)


def load_content(folder: Path) -> Content:
    return _load_content(str(folder), fingerprint(folder))


def words_for(folder: Path, lang: str) -> Words:
    return _load_words(str(folder), lang, fingerprint(folder / "interface"))


# `changes` is not used in the body: it is part of the cache key, so an edit reloads.
@st.cache_resource(max_entries=8, show_spinner=False)
def _load_content(folder: str, changes: Fingerprint) -> Content:
    path = Path(folder)
    contacts, contact_problems = load_contacts(path)
    return Content(
        folder=path,
        library=load_folder(path),
        contacts=contacts,
        contact_problems=contact_problems,
        interface_languages=available_languages(path),
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def _load_words(folder: str, lang: str, changes: Fingerprint) -> Words:
    return load_words(folder, lang)
