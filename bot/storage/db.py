"""Engines and sessions: one engine per database URL, one session per unit of work.

SQLite gets foreign keys, WAL and ``BEGIN IMMEDIATE`` (so savepoints work and concurrent writers
queue on the busy timeout instead of failing); PostgreSQL is used as is through the same URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from bot.storage.private import private_file, sqlite_path, tighten_sqlite

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (pysqlite savepoint fix)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | URL) -> Engine:
    """An engine for ``url``; creates the folder of a SQLite file so a fresh checkout just works."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, future=True, pool_pre_ping=True)
    path = sqlite_path(url)
    if path is not None:  # owner-only: screening answers are health data (WAL files inherit this)
        private_file(path)
        tighten_sqlite(path)
    connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
    engine = create_engine(url, future=True, connect_args=connect_args)
    _configure_sqlite(engine)
    return engine


class Database:
    """An engine plus a session factory; share one per process, open a session per unit of work."""

    def __init__(self, url: str | URL) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(bind=self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """A session that commits when the block succeeds and rolls back when it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


@lru_cache(maxsize=8)
def _database_for(url: str) -> Database:
    return Database(url)


def get_database(settings: Settings) -> Database:
    """The process-wide database for ``settings.database_url`` (engines are meant to be shared)."""
    return _database_for(settings.database_url)
