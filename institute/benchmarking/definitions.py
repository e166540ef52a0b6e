"""Module definition files (YAML or JSON): reading and validating them.

A definition names the module, its version, sections and questions. Question keys are
stable: the same key in a later version means the same question, so years compare. A key
may not change its type between versions, and a loaded version is never changed.
"""

import json
from pathlib import Path

import yaml

from .models import Module, Question

AGREEMENT_OPTIONS = [
    {"value": 1, "label": "Strongly disagree"},
    {"value": 2, "label": "Disagree"},
    {"value": 3, "label": "Neither agree nor disagree"},
    {"value": 4, "label": "Agree"},
    {"value": 5, "label": "Strongly agree"},
]
YES_NO_OPTIONS = [{"value": 1, "label": "Yes"}, {"value": 0, "label": "No"}]
DEFAULT_FAVOURABLE = {Question.Type.AGREEMENT: [4, 5], Question.Type.YES_NO: [1]}
TYPES = set(Question.Type.values)


class DefinitionError(ValueError):
    """The definition file is not a valid module definition; the message says where."""


def read_definition(path) -> dict:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"{path}: cannot read the file ({exc})") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DefinitionError(
            f"{path}: not valid {path.suffix.lstrip('.').upper()}: {exc}"
        ) from exc
    return normalise(data)


def normalise(data) -> dict:
    """Check a definition and fill in defaults; raise ``DefinitionError`` naming the place."""
    if not isinstance(data, dict):
        raise DefinitionError("the definition must be a mapping with key, title and sections")
    for field in ("key", "title", "version", "sections"):
        if field not in data:
            raise DefinitionError(f"missing '{field}'")
    if not isinstance(data["version"], int) or data["version"] < 1:
        raise DefinitionError("'version' must be a whole number from 1")
    level = data.get("level", Module.Level.END_USER)
    if level not in Module.Level.values:
        raise DefinitionError(f"'level' must be one of {', '.join(Module.Level.values)}")
    if not isinstance(data["sections"], list) or not data["sections"]:
        raise DefinitionError("'sections' must be a non-empty list")
    seen = set()
    sections = []
    for s_index, section in enumerate(data["sections"], start=1):
        where = f"section {s_index}"
        if not isinstance(section, dict) or not section.get("title"):
            raise DefinitionError(f"{where}: needs a title")
        questions = []
        for q_index, q in enumerate(section.get("questions") or [], start=1):
            questions.append(_question(q, f"{where}, question {q_index}", seen))
        if not questions:
            raise DefinitionError(f"{where}: has no questions")
        sections.append(
            {"title": section["title"], "intro": section.get("intro", ""), "questions": questions}
        )
    return {
        "key": str(data["key"]),
        "title": str(data["title"]),
        "level": level,
        "version": data["version"],
        "description": data.get("description", ""),
        "sections": sections,
    }


def _question(q, where, seen) -> dict:
    if not isinstance(q, dict):
        raise DefinitionError(f"{where}: must be a mapping")
    for field in ("key", "text", "type"):
        if not q.get(field):
            raise DefinitionError(f"{where}: missing '{field}'")
    key, qtype = str(q["key"]), q["type"]
    if key in seen:
        raise DefinitionError(f"{where}: key '{key}' is used twice")
    seen.add(key)
    if qtype not in TYPES:
        raise DefinitionError(f"{where}: type '{qtype}' is not one of {', '.join(sorted(TYPES))}")
    options = q.get("options")
    if qtype == Question.Type.AGREEMENT:
        options = options or AGREEMENT_OPTIONS
    elif qtype == Question.Type.YES_NO:
        options = options or YES_NO_OPTIONS
    elif qtype in (Question.Type.SINGLE, Question.Type.MULTIPLE):
        if not options:
            raise DefinitionError(f"{where}: a {qtype} question needs options")
    else:
        options = []
    values = set()
    for option in options:
        if not isinstance(option, dict) or "value" not in option or "label" not in option:
            raise DefinitionError(f"{where}: each option needs a value and a label")
        if not isinstance(option["value"], int | float) or isinstance(option["value"], bool):
            raise DefinitionError(f"{where}: option values must be numbers")
        values.add(option["value"])
    favourable = q.get("favourable", DEFAULT_FAVOURABLE.get(qtype, []))
    if not isinstance(favourable, list) or (options and not set(favourable) <= values):
        raise DefinitionError(f"{where}: 'favourable' must list values of its options")
    return {
        "key": key,
        "text": str(q["text"]),
        "finding": str(q.get("finding", "")),
        "help": str(q.get("help", "")),
        "type": qtype,
        "options": options,
        "favourable": favourable,
        "topic": str(q.get("topic", "")),
        "required": bool(q.get("required", True)),
    }
