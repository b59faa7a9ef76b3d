"""Writing to the leads database from actions, so that a failure never loses what the person gave.

If the database does not answer, the conversation keeps the answers (slots) and the person is
told honestly (utter_save_failed); the next attempt writes them (every write is idempotent).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from actions import context
from bot.leads.funnel import record_funnel_event

log = logging.getLogger(__name__)
T = TypeVar("T")


def write(unit_of_work: Callable[[Session], T]) -> T | None:
    """Run one unit of work; None (and a log line without personal data) if the database fails."""
    try:
        with context.database().session_scope() as session:
            return unit_of_work(session)
    except Exception as error:
        log.error("event=leads_write_failed error=%s", type(error).__name__)
        return None


def funnel(conversation_id: str, *events: str) -> None:
    """Funnel counts are nice to have: a failure here must never disturb the conversation."""
    if events:
        write(lambda session: [record_funnel_event(session, conversation_id, event) for event in events])
