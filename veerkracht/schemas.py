"""JSON Schemas for editors, made from the models: question sets, interface words, help contacts.

An editor with a YAML language server underlines in every content file what `check` refuses,
and accepts what the loader accepts: the loader reads `version: 1.2` as the text "1.2",
`minutes: "10"` as 10 and `other: yes` as true, so the schema allows those too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veerkracht import contacts, interface
from veerkracht.messages import message
from veerkracht.model import LANGUAGE_PATTERN, QuestionSet
from veerkracht.questions import QUESTION_TYPES

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
QUESTION_SET_SCHEMA = "questionset.schema.json"
SCHEMAS = (QUESTION_SET_SCHEMA, interface.SCHEMA_FILE, contacts.SCHEMA_FILE)

# What each question type is, for the hover on `type`.
TYPE_HELP = {
    "choice": "kies één keuze (choose one)",
    "cards": "kies één of meer kaartjes, eventueel iets eigens (pick cards)",
    "scale": "een rij gezichtjes, kies er één (a scale of faces)",
    "text": "een kort antwoord in eigen woorden (a short own answer)",
    "people": "mensen noemen, met hoe dichtbij en waarmee ze helpen (people)",
    "places": "plekken en groepen, met hoe dichtbij (places and groups)",
    "plan": "de volgende kleine stap, met wanneer en wie helpt (the next small step)",
}
# The words YAML 1.1 (and pydantic) read as true or false; a YAML 1.2 editor sees them as text.
BOOLEAN_WORDS = [
    word for base in ("yes", "no", "on", "off", "y", "n", "true", "false")
    for word in (base, base.title(), base.upper())
] + ["1", "0"]
WHOLE_NUMBER_TEXT = r"^ *\+?[0-9]+ *$"
# One code point, as Python counts it and as JavaScript does with or without its u flag (there an
# emoji outside the first plane is two halves): so "at most 16" means the same to check and editor.
CODE_POINT = r"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])"


def question_set_schema() -> dict[str, Any]:
    schema = QuestionSet.model_json_schema()
    _loose_scalars(schema)
    props = schema["properties"]
    props["version"] = {
        "description": props["version"].get("description", ""),
        "anyOf": [
            {"type": "string", "pattern": props["version"]["pattern"]},
            {"type": "number", "minimum": 0},
        ],
    }
    props["languages"]["uniqueItems"] = True
    _language_keys(schema)
    _question_types(schema)
    _icons_in_code_points(schema)
    _plain_messages(schema)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema, "title": "Veerkracht vragenset"}


def interface_schema(folder: Path) -> dict[str, Any]:
    schema = interface.schema(folder)
    _plain_messages(schema)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema, "title": "Veerkracht: woorden van de app"}


def help_schema() -> dict[str, Any]:
    schema = contacts.schema()
    _loose_scalars(schema)
    _language_keys(schema)
    _icons_in_code_points(schema)
    _plain_messages(schema)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema, "title": "Veerkracht: hulp (help.yaml)"}


def schema_texts(folder: Path) -> dict[str, str]:
    """File name → the text of each schema, as `veerkracht schema` writes them into `folder`."""
    schemas = {
        QUESTION_SET_SCHEMA: question_set_schema(),
        interface.SCHEMA_FILE: interface_schema(folder),
        contacts.SCHEMA_FILE: help_schema(),
    }
    return {name: json.dumps(value, indent=2, ensure_ascii=False) + "\n" for name, value in schemas.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts(folder).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- Shaping pydantic's schema to the loader -------------------------------------------------


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _loose_scalars(schema: dict[str, Any]) -> None:
    """Whole numbers may be written as text, and true/false as yes/no: the loader reads them so."""
    for node in list(_walk(schema)):
        if node.get("type") == "integer":
            exact = {k: node.pop(k) for k in ("type", "minimum", "maximum") if k in node}
            node["anyOf"] = [exact, {"type": "string", "pattern": WHOLE_NUMBER_TEXT}]
        elif node.get("type") == "boolean":
            node.pop("type")
            node["anyOf"] = [{"type": "boolean"}, {"enum": BOOLEAN_WORDS}]


def _language_keys(node: dict[str, Any]) -> None:
    """A text per language has language codes as its keys."""
    for child in list(_walk(node)):
        if child.get("type") == "object" and child.get("additionalProperties") == {"type": "string"}:
            child["propertyNames"] = {"pattern": LANGUAGE_PATTERN}


def _question_types(schema: dict[str, Any]) -> None:
    """`if type is X then question X`, which every validator narrows to the question's own type.

    pydantic writes an OpenAPI `discriminator`, which generic validators ignore: they try all
    seven shapes and report the wrong one.
    """
    names = list(QUESTION_TYPES)
    listed = "\n".join(f"- {name}: {TYPE_HELP.get(name, name)}" for name in names)
    described = "Het soort vraag (question type):\n" + listed
    defs = schema["$defs"]
    for node in list(_walk(schema)):
        if "discriminator" in node and "oneOf" in node:
            refs = {name: f"#/$defs/{QUESTION_TYPES[name].__name__}" for name in names}
            node.clear()
            node.update({
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"enum": names, "description": described}},
                "allOf": [
                    {"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                     "then": {"$ref": ref}}
                    for name, ref in refs.items()
                ],
            })
    for name, model in QUESTION_TYPES.items():
        type_field = defs[model.__name__]["properties"]["type"]
        type_field["description"] = f"{name}: {TYPE_HELP.get(name, name)}. " + described.split("\n", 1)[0]


def _icons_in_code_points(schema: dict[str, Any]) -> None:
    """An emoji's length in code points, as check counts it: an editor's maxLength counts the halves
    of every emoji outside the first plane, and so refuses 👩🏽‍👩🏽‍👧🏽‍👦🏽 (11 code points) as 19 long."""
    for node in list(_walk(schema)):
        described = str(node.get("description", "")).lower()
        if node.get("type") == "string" and "maxLength" in node and "emoji" in described:
            most = node.pop("maxLength")
            node["pattern"] = f"^{CODE_POINT}{{0,{most}}}$"
            node["patternErrorMessage"] = message("icon_form", "nl", most=most)


def _pattern_messages() -> dict[str, str]:
    return {
        LANGUAGE_PATTERN: message("language_pattern", "nl"),
        WHOLE_NUMBER_TEXT: message("int_type", "nl"),
        r"^[a-z0-9][a-z0-9_-]*$": message("id_pattern", "nl"),
        r"^\d+(\.\d+){0,2}$": message("version_pattern", "nl"),
        # what check says of a value its validators refuse: "Deze waarde klopt niet: schrijf ..."
        r"^\+?[0-9][0-9 \-]{1,18}[0-9]$": message("invalid", "nl", detail=message("phone_form", "nl")),
        r"^https://[^\s/]+\.[^\s]+$": message("invalid", "nl", detail=message("website_form", "nl")),
    }


def _plain_messages(schema: dict[str, Any]) -> None:
    """Every pattern with words an editor shows instead of the raw pattern (yaml-language-server
    reads patternErrorMessage): the same words check uses."""
    known = _pattern_messages()
    for node in list(_walk(schema)):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and "patternErrorMessage" not in node:
            node["patternErrorMessage"] = known.get(pattern, message("pattern", "nl"))
