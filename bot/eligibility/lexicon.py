"""The general words of one language that the answer readers need, loaded once from data.

A reply is read by the same readers in every language; what changes is the slot's phrases (the
criteria texts) and the language's general words: numbers, months, "ago", negation, doubt,
correction markers. Those live in ``data/eligibility/<language>/words.yml``. English keeps its
words in the readers themselves (``lexicon("en")`` is None, so each reader uses its own
patterns and English reads exactly as before); any other language must have a words file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.schema import CriteriaError
from bot.settings import get_settings

ENGLISH = "en"
# sections of words.yml: lists of words become one whole-word pattern; patterns are regexes
LIST_SECTION, PATTERN_SECTION = "words", "patterns"


def fold(text: str) -> str:
    """Accents off ("née" -> "nee", "œ" -> "oe"): people type French with and without them."""
    text = text.replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def word_pattern(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of words or phrases, as whole words, longest first."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w])")


@dataclass(frozen=True)
class Lexicon:
    """One language's general words: named patterns, word lists and small tables."""

    language: str
    patterns: Mapping[str, re.Pattern[str]]
    lists: Mapping[str, tuple[str, ...]]
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fold_accents: bool = False
    dateparser_language: str = ENGLISH
    path: str = ""

    def pattern(self, name: str) -> re.Pattern[str]:
        try:
            return self.patterns[name]
        except KeyError:
            raise KeyError(f"{self.path}: no pattern or word list named {name!r}; add it") from None

    def words(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())

    def table(self, name: str) -> Mapping[str, Any]:
        return self.tables.get(name, {})

    def prepare(self, text: str) -> str:
        """What the readers see of an already normalised text (accents folded for French)."""
        return fold(text) if self.fold_accents else text


def load_lexicon(path: Path, language: str) -> Lexicon:
    """Read one words.yml; errors name the file and the entry."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CriteriaError(f"{path}: cannot read the words file: {error}") from error
    if not isinstance(raw, dict):
        raise CriteriaError(f"{path}: expected a mapping with words, patterns and tables")
    folding = bool(raw.get("fold_accents", False))
    prep = fold if folding else (lambda s: s)
    lists: dict[str, tuple[str, ...]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    for name, words in (raw.get(LIST_SECTION) or {}).items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise CriteriaError(f"{path}: words.{name} must be a list of texts")
        lists[name] = tuple(prep(w.lower()) for w in words)
        patterns[name] = word_pattern(lists[name])
    for name, source in (raw.get(PATTERN_SECTION) or {}).items():
        if not isinstance(source, str):
            raise CriteriaError(f"{path}: patterns.{name} must be a regular expression text")
        try:
            patterns[name] = re.compile(prep(source))
        except re.error as error:
            raise CriteriaError(f"{path}: patterns.{name} is not a valid pattern: {error}") from error
    tables: dict[str, Mapping[str, Any]] = {}
    for name, table in (raw.get("tables") or {}).items():
        if not isinstance(table, dict):
            raise CriteriaError(f"{path}: tables.{name} must be a mapping")
        tables[name] = {prep(str(k).lower()): v for k, v in table.items()}
    return Lexicon(
        language=language,
        patterns=patterns,
        lists=lists,
        tables=tables,
        fold_accents=folding,
        dateparser_language=str(raw.get("dateparser_language", language)),
        path=str(path),
    )


@lru_cache(maxsize=8)
def lexicon(language: str = ENGLISH) -> Lexicon | None:
    """The words of ``language`` (None for English, whose words are the readers' own), read once."""
    if language == ENGLISH:
        return None
    path = get_settings().criteria_file.parent / language / "words.yml"
    if not path.exists():
        raise KeyError(
            f"no words for language {language!r}: write {path} (see data/eligibility/fr/words.yml)"
        )
    return load_lexicon(path, language)


def pick(words: Lexicon | None, name: str, english: re.Pattern[str]) -> re.Pattern[str]:
    """The language's pattern ``name``, or the reader's own English one."""
    return english if words is None else words.pattern(name)
