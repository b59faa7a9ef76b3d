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

Privacy at rest (issue 19): each event's ``data`` (what the person typed, slot values such as
contact details and answers, the bot's replies) is stored encrypted with the leads key
(bot/leads/crypto.py, Fernet); the other columns (type, intent and action or slot names,
timestamp) stay readable, so Rasa's queries work unchanged. Rows written before this (plain JSON)
are still read. The SQLite file and its side files are 0600 in a 0700 folder.

tests/rasa_addons/test_tracker_store.py pins the rows and trackers against Rasa's own store.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.leads import transcript
from bot.leads.crypto import Cipher, load_cipher
from bot.settings import get_settings
from bot.storage.private import private_file, sqlite_path, tighten_sqlite

# Attribute noted on a tracker: how many of its events (from the latest session on) are stored.
STORED_EVENTS = "_catr_stored_events"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_settings(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _prepare_sqlite_file(dialect: str, host: str | None, db: str) -> None:
    """Create the SQLite file owner-only, in an owner-only folder, before Rasa opens it (Rasa would
    create it 0644, and fail to create it at all in a folder that does not exist yet)."""
    if "://" not in str(host or "") and dialect != "sqlite":
        return
    path = sqlite_path(SQLTrackerStore.get_db_url(dialect, host, db=db))
    if path is not None:
        private_file(path)


class LeanSQLTrackerStore(SQLTrackerStore):
    """Rasa's ``SQLTrackerStore`` (same settings in endpoints.yml), minus repeated work, with each
    event's data encrypted."""

    def __init__(
        self,
        domain: Any = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "rasa.db",
        *args: Any,
        cipher: Cipher | None = None,
        **kwargs: Any,
    ) -> None:
        _prepare_sqlite_file(dialect, host, db)
        self.cipher = cipher or load_cipher(get_settings())
        super().__init__(domain, dialect, host, port, db, *args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            path = sqlite_path(url)
            if path is not None:
                tighten_sqlite(path)
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
            sender_id, [self.open_data(data) for (data,) in rows], self.domain.slots
        )
        if not fetch_events_from_all_sessions:
            setattr(tracker, STORED_EVENTS, len(rows))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def seal_data(self, data: dict[str, Any]) -> str:
        return transcript.seal(self.cipher, data)

    def open_data(self, stored: str) -> dict[str, Any]:
        return transcript.open_(self.cipher, stored)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's ``save`` with the data column encrypted (the other columns as Rasa writes them)."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=self.seal_data(data),
                    )
                )
            session.commit()
        setattr(tracker, STORED_EVENTS, len(tracker.events))
