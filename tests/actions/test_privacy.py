""" "Delete my data" in the chat: a confirmation first, then the leads rows AND the stored
conversation are gone (SQLite, and PostgreSQL with TEST_DATABASE_URL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from actions import context
from actions.prescreen_outcome import ActionPrescreenOutcome
from actions.privacy import ActionDeleteData
from bot.leads.conversations import process_erasures
from bot.settings import get_settings
from bot.storage.models import Screening
from tests.actions.conftest import confirmed_erasure
from tests.actions.test_leads_actions import CONSENTED, LIKELY, _rows
from tests.tracker_fixtures import count_events, store_conversation

SENDER = "test-sender-0001"


@pytest.fixture
def tracker_url(leads_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The conversation store beside the leads database: a SQLite file, or the same PostgreSQL schema."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}" if leads_database.startswith("sqlite") else leads_database
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


async def test_delete_my_data_first_asks_for_a_confirmation_and_erases_nothing(
    tracker_for, dispatcher, domain, tracker_url: str
) -> None:
    await ActionPrescreenOutcome().run(
        dispatcher, tracker_for("yes", slots={**LIKELY, **CONSENTED}, active_loop=None), domain
    )
    await store_conversation(tracker_url, SENDER, context.cipher())
    events = await ActionDeleteData().run(
        dispatcher, tracker_for("delete my data", intent="delete_data", active_loop=None), domain
    )
    assert dispatcher.messages[-1]["response"] == "utter_confirm_erasure"
    assert not any(event.get("event") == "restart" for event in events)
    assert len(_rows(Screening)) == 1 and count_events(tracker_url, SENDER) > 0


async def test_a_delete_after_another_answer_is_asked_again(tracker_for, dispatcher, domain) -> None:
    await ActionPrescreenOutcome().run(
        dispatcher, tracker_for("yes", slots={**LIKELY, **CONSENTED}, active_loop=None), domain
    )
    tracker = tracker_for("DELETE", intent="delete_data", active_loop=None)
    other = {"event": "bot", "text": "The study lasts 52 weeks.", "metadata": {"utter_action": "utter_faq"}}
    tracker.events.insert(0, other)  # the question was not the last thing the assistant said
    await ActionDeleteData().run(dispatcher, tracker, domain)
    assert dispatcher.messages[-1]["response"] == "utter_confirm_erasure" and len(_rows(Screening)) == 1


async def test_a_confirmed_erasure_removes_the_lead_and_the_stored_conversation(
    tracker_for, dispatcher, domain, tracker_url: str
) -> None:
    await ActionPrescreenOutcome().run(
        dispatcher, tracker_for("yes", slots={**LIKELY, **CONSENTED}, active_loop=None), domain
    )
    await store_conversation(tracker_url, SENDER, context.cipher())
    events = await ActionDeleteData().run(dispatcher, confirmed_erasure(SENDER), domain)
    assert any(event.get("event") == "restart" for event in events)
    assert _rows(Screening) == []
    assert count_events(tracker_url, SENDER) == 0
    queued = context.settings().data_dir / "erasure-queue" / SENDER
    assert queued.exists()  # this turn's own events, written when it ends, go with the worker's pass
    assert process_erasures(context.settings(), min_age_seconds=0) == 1 and not queued.exists()
