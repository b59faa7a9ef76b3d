"""Every sentence a person reads, by id, from data/texts/<language>/*.yml: code names keys.

One folder per language; a file per area. An entry is a text, or a text with buttons. Ids that
start with ``utter_`` become Rasa responses (``python -m bot build``); the others are said before
Rasa (the chat's own replies) or kept by the domain (contact checks). A missing French text falls
back to English; ``missing_translations`` lists what is left to translate.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import REPO_ROOT, get_settings

DEFAULT_LANGUAGE = "en"
ID = re.compile(r"^[a-z][a-z0-9_]*$")
LANGUAGE = re.compile(r"^[a-z]{2}$")


class TextsError(ValueError):
    """A texts file cannot be used; the message names the file, the id and what is wrong."""


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Entry:
    id: str
    text: str
    source: str  # the file it came from, for error messages
    buttons: tuple[Button, ...] = ()

    @property
    def placeholders(self) -> frozenset[str]:
        return placeholders(self.text)


@dataclass(frozen=True)
class Texts:
    """All languages' entries; English is complete, the others may lack some ids."""

    by_language: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def entry(self, text_id: str, language: str = DEFAULT_LANGUAGE) -> Entry:
        found = self.by_language.get(language, {}).get(text_id)
        found = found or self.by_language.get(DEFAULT_LANGUAGE, {}).get(text_id)
        if found is None:
            raise TextsError(
                f"data/texts: no text with the id {text_id!r} (add it to a file in data/texts/en/)"
            )
        return found

    def text(self, text_id: str, language: str = DEFAULT_LANGUAGE, **values: Any) -> str:
        entry = self.entry(text_id, language)
        missing = entry.placeholders - values.keys()
        if missing:
            raise TextsError(f"{entry.source}: {text_id}: no value given for {', '.join(sorted(missing))}")
        return entry.text.format(**values) if entry.placeholders else entry.text

    def missing_translations(self, language: str) -> list[str]:
        """English ids that ``language`` does not have yet (they are said in English meanwhile)."""
        english = self.by_language.get(DEFAULT_LANGUAGE, {})
        translated = self.by_language.get(language, {})
        return sorted(set(english) - set(translated))

    @property
    def languages(self) -> list[str]:
        return sorted(self.by_language)


def placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def _entry(source: str, text_id: Any, raw: Any) -> Entry:
    where = f"{source}: {text_id}"
    if not isinstance(text_id, str) or not ID.match(text_id):
        raise TextsError(f"{where}: an id is lower-case letters, digits and _ (like utter_contact_saved)")
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or set(raw) - {"text", "buttons"}:
        raise TextsError(
            f"{where}: expected a text, or a mapping with `text` and optional `buttons` "
            "(quote Yes and No: YAML reads them as true/false)"
        )
    if not isinstance(raw.get("text"), str):
        raise TextsError(
            f"{where}: the text is empty or not text (quote Yes and No: YAML reads them as true/false)"
        )
    text = raw["text"].strip()
    if not text:
        raise TextsError(f"{where}: the text is empty")
    try:
        found = placeholders(text)
    except ValueError as error:
        raise TextsError(f"{where}: a brace does not close ({error}); write {{name}} for a value") from error
    if any(not ID.match(name) for name in found):
        raise TextsError(f"{where}: a placeholder is a plain name in braces, like {{retention_months}}")
    buttons = raw.get("buttons") or []
    if not isinstance(buttons, list) or not all(
        isinstance(button, dict)
        and set(button) == {"title", "payload"}
        and all(isinstance(value, str) and value.strip() for value in button.values())
        for button in buttons
    ):
        raise TextsError(
            f"{where}: each button needs a `title` and a `payload` as text, and nothing else "
            "(quote Yes and No: unquoted, YAML reads them as true and false)"
        )
    return Entry(text_id, text, source, tuple(Button(str(b["title"]), str(b["payload"])) for b in buttons))


def _display(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if REPO_ROOT in path.parents else str(path)


def _load_language(folder: Path) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for path in sorted(folder.glob("*.yml")):
        source = _display(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise TextsError(f"{source}: not valid YAML: {error}") from error
        if not isinstance(raw, dict):
            raise TextsError(f"{source}: expected a mapping of ids to texts")
        for text_id, value in raw.items():
            entry = _entry(source, text_id, value)
            if text_id in entries:
                raise TextsError(f"{source}: {text_id}: already defined in {entries[text_id].source}")
            entries[text_id] = entry
    return entries


def load_texts(root: Path) -> Texts:
    """Load and check every language folder under ``root``; English must exist and be complete."""
    if not (root / DEFAULT_LANGUAGE).is_dir():
        raise TextsError(f"{root}: no {DEFAULT_LANGUAGE}/ folder: English is the language every text has")
    by_language: dict[str, dict[str, Entry]] = {}
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        if not LANGUAGE.match(folder.name):
            raise TextsError(f"{folder}: a language folder is a two-letter code, like en or fr")
        by_language[folder.name] = _load_language(folder)
    english = by_language[DEFAULT_LANGUAGE]
    for entries in by_language.values():
        for text_id, entry in entries.items():
            if text_id not in english:
                raise TextsError(
                    f"{entry.source}: {text_id}: not in en/ (a translation needs the English text)"
                )
            if entry.placeholders != english[text_id].placeholders:
                raise TextsError(
                    f"{entry.source}: {text_id}: placeholders {sorted(entry.placeholders)} differ from "
                    f"the English text's {sorted(english[text_id].placeholders)}"
                )
            if len(entry.buttons) != len(english[text_id].buttons):
                raise TextsError(f"{entry.source}: {text_id}: needs as many buttons as the English text")
    return Texts(by_language)


@lru_cache(maxsize=1)
def default_texts() -> Texts:
    return load_texts(get_settings().texts_dir)


def text(text_id: str, language: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The text with this id, in ``language`` (English if not translated yet), values filled in."""
    return default_texts().text(text_id, language, **values)


def missing_translations(language: str) -> list[str]:
    return default_texts().missing_translations(language)
