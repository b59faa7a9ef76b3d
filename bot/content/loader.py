"""Read faq.yml and turn it into FaqEntry values, or say exactly what a staff edit broke.

Every error names the file, the entry and the field, because the person fixing it is editing YAML
by hand or through the staff editor, not reading a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from bot.content.models import Button, FaqEntry

FAQ_FILENAME = "faq.yml"
FAQ_PAYLOAD_PREFIX = "/faq/"  # a button that sends "/faq/<id>" asks for that entry's answer
MIN_QUESTIONS = 10
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
REQUIRED_FIELDS = ("id", "topic", "questions", "answer")
OPTIONAL_FIELDS = ("source", "related", "title", "buttons")
# Rasa reads [text](entity) and {"entity": ...} inside training examples as annotations.
FORBIDDEN_QUESTION_CHARACTERS = "[]{}"


class ContentError(ValueError):
    """Content that cannot be used; ``problems`` holds one readable line per mistake."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(f"{self.path}: {problem}" for problem in problems))


def read_yaml(path: Path) -> Any:
    """The parsed YAML document, or a ContentError naming the file and the line that is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(path, ["file not found"]) from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ContentError(path, [f"not valid YAML{where}: {getattr(error, 'problem', error)}"]) from error


def load_faq(path: Path) -> list[FaqEntry]:
    """Load and validate faq.yml; raises ContentError listing every problem found."""
    return parse_faq(read_yaml(path), path)


def faq_files(content_dir: Path) -> list[Path]:
    """The FAQ in English and in every translation (``content_dir/<language>/faq.yml``)."""
    return [content_dir / FAQ_FILENAME, *sorted(content_dir.glob(f"*/{FAQ_FILENAME}"))]


def load_faq_every_language(content_dir: Path) -> list[FaqEntry]:
    """The English entries, each with the questions of its translations added: what a reader of
    questions learns from, whatever language the person writes in."""
    english, *translations = faq_files(content_dir)
    more: dict[str, list[str]] = {}
    for path in translations:
        for entry in load_faq(path):
            more.setdefault(entry.id, []).extend(entry.questions)
    return [replace(e, questions=(*e.questions, *more.get(e.id, ()))) for e in load_faq(english)]


def parse_faq(document: Any, path: Path | str = FAQ_FILENAME) -> list[FaqEntry]:
    """Validate an already-parsed FAQ document (also used before saving an edit)."""
    if not isinstance(document, Mapping) or not isinstance(document.get("entries"), list):
        raise ContentError(path, ["the file must have a top-level 'entries:' list"])
    problems: list[str] = []
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    for position, raw in enumerate(document["entries"], start=1):
        entry, entry_problems = _parse_entry(raw, position)
        problems.extend(entry_problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(f"entry '{entry.id}': duplicate id (ids must be unique)")
        seen.add(entry.id)
        entries.append(entry)
    for entry in entries:
        for related in entry.related:
            if related not in seen:
                problems.append(f"entry '{entry.id}': field 'related' names unknown entry '{related}'")
        for button in entry.buttons:
            target = button.payload.removeprefix(FAQ_PAYLOAD_PREFIX)
            if button.payload.startswith(FAQ_PAYLOAD_PREFIX) and target not in seen:
                problems.append(f"entry '{entry.id}': button {button.title!r} names unknown entry '{target}'")
    if problems:
        raise ContentError(path, problems)
    return entries


def _parse_entry(raw: Any, position: int) -> tuple[FaqEntry | None, list[str]]:
    if not isinstance(raw, Mapping):
        return None, [f"entry #{position}: must be a mapping with fields {', '.join(REQUIRED_FIELDS)}"]
    entry_id = raw.get("id")
    label = f"entry '{entry_id}'" if isinstance(entry_id, str) and entry_id else f"entry #{position}"
    problems = [f"{label}: missing field '{name}'" for name in REQUIRED_FIELDS if name not in raw]
    problems += [
        f"{label}: unknown field '{name}' (allowed: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})"
        for name in raw
        if name not in REQUIRED_FIELDS + OPTIONAL_FIELDS
    ]
    if "id" in raw and not (isinstance(entry_id, str) and ID_PATTERN.match(entry_id)):
        problems.append(f"{label}: field 'id' must be snake_case like 'study_duration', got {entry_id!r}")
    for name in ("topic", "answer"):
        if name in raw and not _text(raw[name]):
            problems.append(f"{label}: field '{name}' must be non-empty text")
    if "source" in raw and raw["source"] is not None and not isinstance(raw["source"], str):
        problems.append(f"{label}: field 'source' must be text")
    questions = _text_list(raw.get("questions"))
    if "questions" in raw:
        if questions is None:
            problems.append(f"{label}: field 'questions' must be a list of non-empty texts")
        elif len(questions) < MIN_QUESTIONS:
            problems.append(
                f"{label}: field 'questions' has {len(questions)} questions, needs at least {MIN_QUESTIONS}"
            )
        else:
            problems += [
                f"{label}: question {question!r} contains one of {FORBIDDEN_QUESTION_CHARACTERS!r}"
                for question in questions
                if any(char in question for char in FORBIDDEN_QUESTION_CHARACTERS)
            ]
    related = _text_list(raw.get("related", []))
    if related is None:
        problems.append(f"{label}: field 'related' must be a list of entry ids")
    title = raw.get("title", "")
    if not isinstance(title, str):
        problems.append(f"{label}: field 'title' must be short text (the label of a button)")
    buttons = _buttons(raw.get("buttons"), label, problems)
    if problems:
        return None, problems
    entry = FaqEntry(
        id=str(entry_id),
        topic=raw["topic"].strip(),
        questions=tuple(questions or ()),
        answer=raw["answer"].strip(),
        source=(raw.get("source") or "").strip(),
        related=tuple(related or ()),
        title=" ".join(title.split()),
        buttons=buttons,
    )
    return entry, []


def _buttons(value: Any, label: str, problems: list[str]) -> tuple[Button, ...]:
    """Suggestion buttons: each a title and a payload that starts with '/' (an intent or /faq/<id>)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(item, Mapping)
        and _text(item.get("title"))
        and isinstance(item.get("payload"), str)
        and item["payload"].startswith("/")
        for item in value
    ):
        problems.append(
            f"{label}: field 'buttons' must be a list of {{title, payload}} with payloads like '/faq/<id>'"
        )
        return ()
    return tuple(Button(title=item["title"].strip(), payload=item["payload"].strip()) for item in value)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text_list(value: Any) -> list[str] | None:
    """Stripped texts, or None when the value is not a list of non-empty texts."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(_text(item) for item in value):
        return None
    return [" ".join(item.split()) for item in value]
