"""Rasa's SQL tracker store with less work per message: same tables, same rows, same trackers.

In ``make bench`` the tracker store was a third of the Rasa server's CPU per message (py-spy).
Three costs of Rasa 3.6's ``SQLTrackerStore`` are avoidable:

* ``save`` counted the conversation's stored events with a query before each insert, to know
  which events are new. The tracker it reads them from knows: we note on each tracker how many
  of its events are stored (after reading it, after saving it) and count only when a tracker
  carries no such note (a new conversation, a copy). Several Rasa servers stay correct: the lock
  store lets one server at a time handle a conversation, and each message starts from a read.
* Reading built an ORM object per event row only to take its ``data`` column: we select it alone.
* SQLite, the single-machine default, opened and closed a connection for every read and save
  (SQLAlchemy 1.4 gives file databases no pool) and kept its rollback journal: two syncs per
  commit, and readers (the worker's erasure) blocking Rasa's writes. We keep a small pool of
  connections, as SQLAlchemy 2.0 does, in WAL mode: one sync per commit, readers and the writer
  proceed together, and every commit stays durable (synchronous stays FULL).

tests/rasa_addons/test_tracker_store.py pins the rows and trackers against Rasa's own store.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

# Attribute noted on a tracker: how many of its events (from the latest session on) are stored.
STORED_EVENTS = "_catr_stored_events"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_settings(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


class LeanSQLTrackerStore(SQLTrackerStore):
    """Rasa's ``SQLTrackerStore`` (same settings in endpoints.yml), minus repeated work."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_settings)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions)
            rows = query.with_entities(self.SQLEvent.data).all()
        if not (self.domain and rows):
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for (data,) in rows], self.domain.slots
        )
        if not fetch_events_from_all_sessions:
            setattr(tracker, STORED_EVENTS, len(rows))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        setattr(tracker, STORED_EVENTS, len(tracker.events))
