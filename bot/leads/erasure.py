"""Erasing one person: the leads rows AND the stored conversation, then nothing left on disk.

The only erasure there is: the chat ("delete my data", once confirmed), the inbox and
``python -m bot leads erase`` all call ``erase_person``.
"""

from __future__ import annotations

import logging

from bot.leads.conversations import compact_stores, erase_conversation_events, request_erasure
from bot.leads.retention import erase_leads
from bot.settings import Settings
from bot.storage.db import Database, get_database

log = logging.getLogger(__name__)


def erase_person(
    settings: Settings,
    conversation_id: str,
    actor: str,
    *,
    database: Database | None = None,
    compact_now: bool = True,
) -> dict[str, int]:
    """Delete the person's screenings, contact, referral, funnel rows and conversation; returns counts.

    The conversation is also queued for the worker: a turn in progress (the chat's own request)
    writes its events when it ends. ``compact_now=False`` leaves the rewrite of the database files
    to the worker's pass, so a chat turn does not wait for it.
    """
    database = database or get_database(settings)
    with database.session_scope() as session:
        counts = erase_leads(session, conversation_id, actor=actor)
    counts["conversation_events"] = erase_conversation_events(settings, conversation_id)
    request_erasure(settings, conversation_id)
    if compact_now:
        compact_stores(settings, database.engine.url.render_as_string(hide_password=False))
    log.info("event=person_erased conversation_events=%d", counts["conversation_events"])
    return counts
