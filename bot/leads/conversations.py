"""Erasing and expiring Rasa's stored conversations (its SQL tracker store's `events` table).

Rasa appends a conversation's new events after every turn; an erasure during a turn (the chat's
own "delete my data") would see that turn's events written at its end. So every erasure deletes
what is stored now and also queues the conversation (a file named by the random sender id: no
personal data) for the worker, which deletes it again a few seconds later, once the turn is over,
and then compacts both databases so nothing erased stays in their files.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, create_engine, delete, inspect

from bot.settings import Settings
from bot.storage.private import compact, private_dir, sqlite_path

LEADS_TABLES = ("screenings", "contacts", "referrals", "funnel_events", "audit_events")
TRACKER_TABLES = ("events",)

log = logging.getLogger(__name__)

SAFE_SENDER = re.compile(r"^[A-Za-z0-9_.:@-]{1,255}$")
_metadata = MetaData()
EVENTS = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("timestamp", Float),
)


def _queue_dir(settings: Settings) -> Path:
    return private_dir(settings.data_dir / "erasure-queue")


def request_erasure(settings: Settings, sender_id: str) -> bool:
    """Queue the erasure of one conversation; False for a sender id we cannot name a file after."""
    if not SAFE_SENDER.match(sender_id) or sender_id in {".", ".."}:
        return False
    (_queue_dir(settings) / sender_id).touch(mode=0o600)
    return True


def _delete(settings: Settings, statement_for: list) -> int:
    path = sqlite_path(settings.tracker_database_url)
    if path is not None and not path.exists():  # never create an empty, world-readable file
        return 0
    engine = create_engine(settings.tracker_database_url, future=True)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as connection:
            return sum(connection.execute(statement).rowcount for statement in statement_for)
    finally:
        engine.dispose()


def erase_conversation_events(settings: Settings, sender_id: str) -> int:
    """Delete one conversation's stored events now; returns how many."""
    return _delete(settings, [delete(EVENTS).where(EVENTS.c.sender_id == sender_id)])


def compact_stores(settings: Settings, leads_url: str | None = None) -> None:
    """Rewrite the tracker and leads databases so erased rows stay in none of their files."""
    compact(settings.tracker_database_url, TRACKER_TABLES)
    compact(leads_url or settings.database_url, LEADS_TABLES)


def process_erasures(settings: Settings, min_age_seconds: float = 5.0) -> int:
    """Delete the queued conversations whose request is older than ``min_age_seconds``."""
    ready = [p for p in _queue_dir(settings).iterdir() if time.time() - p.stat().st_mtime >= min_age_seconds]
    if not ready:
        return 0
    deleted = _delete(settings, [delete(EVENTS).where(EVENTS.c.sender_id == p.name) for p in ready])
    compact_stores(settings)
    for path in ready:
        path.unlink(missing_ok=True)
    log.info("event=conversations_erased conversations=%d events=%d", len(ready), deleted)
    return len(ready)


def purge_conversations(settings: Settings, older_than_days: int) -> int:
    """Delete conversation events older than the retention period."""
    cutoff = time.time() - older_than_days * 86400
    deleted = _delete(settings, [delete(EVENTS).where(EVENTS.c.timestamp < cutoff)])
    # runs right after the leads purge (worker and CLI): nothing purged stays in either database's files
    compact_stores(settings)
    log.info("event=conversations_purged events=%d older_than_days=%d", deleted, older_than_days)
    return deleted
