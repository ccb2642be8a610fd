"""Interface words (buttons, headings, messages) per language, from content/interface/<lang>.yaml.

A school adds a language by adding a file; `veerkracht check` reports words it is missing.
The Dutch file is the reference: every key it has, every other language should have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FilePath

from veerkracht.content import (
    ContentError,
    Located,
    Problem,
    field_name,
    parse_yaml,
)

INTERFACE_DIR = "interface"
REFERENCE_LANGUAGE = "nl"


@dataclass(frozen=True)
class Words:
    """Interface words in one language, falling back to the reference language, then the key."""

    lang: str
    own: dict[str, str]
    reference: dict[str, str]

    def __call__(self, key: str, **params: object) -> str:
        text = self.own.get(key) or self.reference.get(key) or key
        return text.format(**params) if params else text

    @property
    def direction(self) -> str:
        return self.own.get("meta.direction", "ltr")


def _flatten(data: object, prefix: str = "") -> dict[str, str]:
    """{"level": {"individual": "Ik zelf"}} → {"level.individual": "Ik zelf"}."""
    if isinstance(data, dict):
        flat: dict[str, str] = {}
        for key, value in data.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
        return flat
    return {prefix.rstrip("."): "" if data is None else str(data)}


def load_language(path: FilePath, display: str | None = None) -> tuple[dict[str, str], list[Problem]]:
    name = display or str(path)
    try:
        located: Located = parse_yaml(path.read_bytes(), name)
    except ContentError as error:
        return {}, [error.problem]
    except OSError:
        return {}, [Problem(name, 1, 1, "", "Het bestand kan niet gelezen worden.")]
    if not isinstance(located.data, dict):
        msg = "Een bestand met woorden begint met velden, zoals 'button:'."
        return {}, [Problem(name, 1, 1, "", msg)]
    return _flatten(located.data), []


def available_languages(content_dir: FilePath) -> list[str]:
    return sorted(p.stem for p in (content_dir / INTERFACE_DIR).glob("*.yaml"))


def load_words(content_dir: str | FilePath, lang: str) -> Words:
    """The words for `lang`; a missing or broken file falls back to the reference language."""
    folder = FilePath(content_dir) / INTERFACE_DIR
    reference, _ = load_language(folder / f"{REFERENCE_LANGUAGE}.yaml")
    own = reference if lang == REFERENCE_LANGUAGE else load_language(folder / f"{lang}.yaml")[0]
    return Words(lang=lang, own=own, reference=reference)


def check_interface(
    content_dir: str | FilePath, declared_languages: set[str] | None = None
) -> list[Problem]:
    """Problems in the interface words: broken files, and words a language is missing."""
    folder = FilePath(content_dir) / INTERFACE_DIR
    reference_path = folder / f"{REFERENCE_LANGUAGE}.yaml"
    reference, problems = load_language(reference_path, _display(reference_path, content_dir))
    languages = set(available_languages(FilePath(content_dir))) | (declared_languages or set())
    for lang in sorted(languages - {REFERENCE_LANGUAGE}):
        path = folder / f"{lang}.yaml"
        display = _display(path, content_dir)
        if not path.exists():
            problems.append(
                Problem(display, 1, 1, "", f"De woorden voor taal '{lang}' ontbreken: maak dit "
                        f"bestand, als kopie van {REFERENCE_LANGUAGE}.yaml.")
            )
            continue
        own, found = load_language(path, display)
        problems += found
        if found:
            continue
        for key in sorted(set(reference) - set(own)):
            problems.append(
                Problem(display, 1, 1, field_name(tuple(key.split("."))),
                        f"Dit woord ontbreekt voor taal '{lang}'.", severity="warning",
                        rule="VK-WORDS")
            )
    return problems


def _display(path: FilePath, content_dir: str | FilePath) -> str:
    base = FilePath(content_dir)
    try:
        return str(path.relative_to(base.parent))
    except ValueError:
        return str(path)
