"""Fixtures: small FAQ files built in a temporary folder, and the real trial content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.facts import TRIAL_FILENAME, load_trial
from bot.content.loader import FAQ_FILENAME, load_faq
from bot.content.models import FaqEntry, TrialFacts
from bot.settings import load_settings

EntryFactory = Callable[..., dict[str, Any]]
FaqWriter = Callable[..., Path]


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return load_settings().content_dir


@pytest.fixture(scope="session")
def trial(content_dir: Path) -> TrialFacts:
    return load_trial(content_dir / TRIAL_FILENAME)


@pytest.fixture(scope="session")
def real_entries(content_dir: Path) -> list[FaqEntry]:
    return load_faq(content_dir / FAQ_FILENAME)


@pytest.fixture
def make_entry() -> EntryFactory:
    """A valid FAQ entry as YAML data; keyword arguments replace fields (None removes one)."""

    def make(entry_id: str = "duration", **fields: Any) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": entry_id,
            "topic": "study",
            "questions": [f"{entry_id} question number {n}" for n in range(10)],
            "answer": "The study lasts 52 weeks. A study coordinator can tell you more.",
            "source": "study-record.txt: Study Purpose",
        }
        entry.update(fields)
        return {key: value for key, value in entry.items() if value is not None}

    return make


@pytest.fixture
def write_faq(tmp_path: Path) -> FaqWriter:
    """Write entries (YAML data) to a faq.yml in a temporary folder and return its path."""

    def write(*entries: dict[str, Any], path: Path | None = None) -> Path:
        target = path or tmp_path / FAQ_FILENAME
        target.write_text(yaml.safe_dump({"entries": list(entries)}, sort_keys=False), encoding="utf-8")
        return target

    return write


@pytest.fixture
def entry() -> Callable[..., FaqEntry]:
    """A valid FaqEntry value; keyword arguments replace fields."""

    def make(entry_id: str = "duration", **fields: Any) -> FaqEntry:
        values: dict[str, Any] = {
            "id": entry_id,
            "topic": "study",
            "questions": tuple(f"{entry_id} question number {n}" for n in range(10)),
            "answer": "The study lasts 52 weeks. A study coordinator can tell you more.",
            "source": "study-record.txt: Study Purpose",
        }
        values.update(fields)
        return FaqEntry(**values)

    return make
