"""More ways people ask each FAQ question, read by the lexical reader only.

faq.yml's ``questions`` train both readers of the FAQ: the ResponseSelector (a neural model, part
of the Rasa training) and the lexical reader (bot/content/lexical.py). Training the
ResponseSelector grows with every question: 1,700 more made a training take about an hour
(docs/benchmarks.md), too long for CI and for a staff edit. The lexical reader is refitted in
seconds, so the many further phrasings (typos, text speak, long stories, relatives asking) live
here, ``faq_phrasings.yml`` beside each language's faq.yml, and only it reads them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from bot.content.checks import normalise_question
from bot.content.loader import FORBIDDEN_QUESTION_CHARACTERS, ContentError, read_yaml

PHRASINGS_FILENAME = "faq_phrasings.yml"

Phrasings = dict[str, tuple[str, ...]]  # FAQ entry id -> more ways of asking it


def phrasings_files(content_dir: Path) -> list[Path]:
    """English, then every translation that has one (``content_dir/<language>/faq_phrasings.yml``)."""
    english = content_dir / PHRASINGS_FILENAME
    return [
        path for path in (english, *sorted(content_dir.glob(f"*/{PHRASINGS_FILENAME}"))) if path.is_file()
    ]


def load_phrasings(content_dir: Path, entry_ids: Collection[str]) -> Phrasings:
    """Every language's phrasings merged by entry; a ContentError lists every mistake of a file."""
    merged: dict[str, list[str]] = {}
    for path in phrasings_files(content_dir):
        for entry_id, texts in parse_phrasings(read_yaml(path), entry_ids, path).items():
            merged.setdefault(entry_id, []).extend(texts)
    return {entry_id: tuple(texts) for entry_id, texts in merged.items()}


def parse_phrasings(
    document: Any, entry_ids: Collection[str], path: Path | str = PHRASINGS_FILENAME
) -> Phrasings:
    """``entries: {<entry id>: [phrasing, ...]}``, each id one faq.yml has, no phrasing twice."""
    if not isinstance(document, Mapping) or not isinstance(document.get("entries"), Mapping):
        raise ContentError(path, ["the file must be a mapping with 'entries': {<entry id>: [phrasings]}"])
    problems: list[str] = []
    owner: dict[str, str] = {}
    result: Phrasings = {}
    for entry_id, texts in document["entries"].items():
        if entry_id not in entry_ids:
            problems.append(f"entry '{entry_id}': faq.yml has no entry with this id")
            continue
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            problems.append(f"entry '{entry_id}': must be a list of non-empty texts")
            continue
        for text in texts:
            key = normalise_question(text)
            if any(char in text for char in FORBIDDEN_QUESTION_CHARACTERS):
                problems.append(
                    f"entry '{entry_id}': {text!r} contains one of {FORBIDDEN_QUESTION_CHARACTERS!r}"
                )
            elif key in owner:
                problems.append(f"entry '{entry_id}': {text!r} is also listed under '{owner[key]}'")
            owner.setdefault(key, entry_id)
        result[entry_id] = tuple(" ".join(text.split()) for text in texts)
    if problems:
        raise ContentError(path, problems)
    return result
