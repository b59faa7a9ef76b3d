"""Shared fixtures: the real criteria file, a fixed "today", and a complete set of good answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.eligibility import Answer, CriteriaSet, load_criteria, parse_answer
from bot.eligibility.loader import default_path

TODAY = date(2026, 11, 25)  # every test reads dates against this day, never the real clock

GOOD_REPLIES = {
    "age": "54",
    "antibody": "Jo-1",
    "ild_on_ct": "yes",
    "recent_drugs": "no",
    "drug_failed_before": "no",
    "pregnancy": "no",
    "checklist": "none",
    "lung_function": "yes",
    "social_security": "yes",
    "contraception": "yes",
}


@pytest.fixture(scope="session")
def criteria() -> CriteriaSet:
    return load_criteria()


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def parse(criteria: CriteriaSet) -> Callable[..., Answer]:
    """parse(slot, text, today=TODAY) against the real criteria file."""

    def _parse(slot: str, text: str, today: date = TODAY) -> Answer:
        return parse_answer(slot, text, today, criteria)

    return _parse


@pytest.fixture
def good_answers(parse: Callable[..., Answer]) -> dict[str, Answer]:
    """Answers that meet every criterion; tests change one slot at a time."""
    return {slot: parse(slot, text) for slot, text in GOOD_REPLIES.items()}


@pytest.fixture
def raw_criteria() -> dict[str, Any]:
    """The criteria file as plain data, for tests that break it on purpose."""
    return yaml.safe_load(default_path().read_text(encoding="utf-8"))


@pytest.fixture
def write_criteria(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    def _write(data: dict[str, Any]) -> Path:
        path = tmp_path / "criteria.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return _write
