"""A person's conversation in a tracker store, as Rasa writes it, for the erasure tests."""

from __future__ import annotations

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.leads.crypto import Cipher
from rasa_addons.tracker_store import LeanSQLTrackerStore
from tests.db_fixtures import PERSON

SECRET_ANSWER = "methotrexate-secret-answer"
DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [inform]
slots:
  contact_email: {type: any, mappings: [{type: custom}]}
  medication: {type: any, mappings: [{type: custom}]}
"""
)


async def store_conversation(url: str, sender_id: str, cipher: Cipher | None) -> None:
    """Save a conversation holding the person's e-mail and an answer; ``cipher=None`` writes it the
    way Rasa's own store does (plain JSON), as rows from before encryption are."""
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered(f"my email is {PERSON.email}", {"name": "inform", "confidence": 0.9}),
        SlotSet("contact_email", PERSON.email),
        SlotSet("medication", SECRET_ANSWER),
        BotUttered("Thanks!"),
        ActionExecuted("action_listen"),
    ]
    store = (
        SQLTrackerStore(DOMAIN, host=url)
        if cipher is None
        else LeanSQLTrackerStore(DOMAIN, host=url, cipher=cipher)
    )
    try:
        await store.save(DialogueStateTracker.from_events(sender_id, events, slots=DOMAIN.slots))
    finally:
        store.engine.dispose()


def count_events(url: str, sender_id: str) -> int:
    engine = sa.create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            query = sa.text("SELECT count(*) FROM events WHERE sender_id = :sender")
            return connection.execute(query, {"sender": sender_id}).scalar_one()
    finally:
        engine.dispose()
