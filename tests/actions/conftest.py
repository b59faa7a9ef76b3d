"""Action tests: real rasa-sdk Tracker objects, a CollectingDispatcher, and a real SQLite leads DB."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

REPO_ROOT = Path(__file__).resolve().parents[2]


def merged_domain(folder: Path, *generated: dict[str, Any]) -> dict[str, Any]:
    """Domain files merged the simple way (enough for forms and slots), plus generated parts."""
    merged: dict[str, Any] = {"slots": {}, "forms": {}, "responses": {}, "actions": [], "intents": []}
    parts = [yaml.safe_load(path.read_text(encoding="utf-8")) or {} for path in sorted(folder.glob("*.yml"))]
    for part in [*parts, *generated]:
        for key in ("slots", "forms", "responses"):
            merged[key].update(part.get(key) or {})
        for key in ("actions", "intents"):
            merged[key] += part.get(key) or []
    return merged


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The hand-written domain with the pre-screen questions `python -m bot build` generates."""
    from actions import context
    from bot.eligibility.rasa_export import prescreen_domain

    return merged_domain(REPO_ROOT / "domain", prescreen_domain(context.criteria()))


@pytest.fixture(autouse=True)
def leads_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """Each action test runs against its own migrated leads database: SQLite, and PostgreSQL too
    when TEST_DATABASE_URL is set (see tests/db_fixtures.py)."""
    from actions import context
    from bot.settings import get_settings
    from bot.storage.db import get_database
    from bot.storage.migrate import upgrade

    saved = {key: os.environ.get(key) for key in ("DATABASE_URL", "CATR_DATA_DIR")}
    url = database_url
    os.environ.update({"DATABASE_URL": url, "CATR_DATA_DIR": str(tmp_path)})
    get_settings.cache_clear()
    context.cipher.cache_clear()
    upgrade(url)
    yield url
    get_database(get_settings()).dispose()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()
    context.cipher.cache_clear()


def make_tracker(
    text: str,
    intent: str = "inform",
    slots: dict[str, Any] | None = None,
    active_loop: str | None = "prescreen_form",
    sender_id: str = "test-sender-0001",
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return Tracker(
        sender_id=sender_id,
        slots=dict(slots or {}),
        latest_message=latest,
        events=[{"event": "user", "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def confirmed_erasure(sender_id: str = "test-sender-0001", slots: dict[str, Any] | None = None) -> Tracker:
    """A tracker whose latest message confirms an erasure right after the confirmation question."""
    tracker = make_tracker("DELETE", "delete_data", slots, active_loop=None, sender_id=sender_id)
    question = {"event": "bot", "text": "Type DELETE", "metadata": {"utter_action": "utter_confirm_erasure"}}
    tracker.events.insert(0, question)
    return tracker


@pytest.fixture
def tracker_for() -> Callable[..., Tracker]:
    return make_tracker


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
