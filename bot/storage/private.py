"""Data files only their owner can read, and databases that keep nothing erased on disk.

Conversations, answers, contact tokens and the key are health data: every file we create is 0600
in a 0700 folder (SQLite gives its ``-wal``/``-shm`` files the mode of the database file). After an
erasure, ``compact`` rewrites the database so deleted rows survive neither in free pages nor in
the write-ahead log (SQLite), or vacuums the tables (PostgreSQL).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")
COMPACT_BUSY_TIMEOUT_MS = 30_000


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it owner-only; returns it."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if missing, owner-only, in an owner-only folder; returns it.

    An existing file is never opened: closing any descriptor of a file drops every POSIX lock this
    process holds on it, so opening a live SQLite database here (Rasa builds a new tracker store on
    each model reload) let another process's last close delete the WAL under a running connection,
    and the tracker database was corrupted ("database disk image is malformed")."""
    private_dir(path.parent)
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # another process created it meanwhile
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    if path.stat().st_mode & 0o777 != FILE_MODE:
        os.chmod(path, FILE_MODE)
    return path


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def tighten_sqlite(path: Path) -> None:
    """Owner-only modes on a SQLite database and whichever of its side files exist."""
    private_dir(path.parent)
    for suffix in SQLITE_SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists() and side.stat().st_mode & 0o777 != FILE_MODE:
            os.chmod(side, FILE_MODE)


def _compact_sqlite(path: Path) -> None:
    if not path.exists():
        return
    connection = sqlite3.connect(path, timeout=COMPACT_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        # Move every committed page into the file and empty the log, rewrite the file without
        # free pages, then empty the log again (VACUUM itself goes through it in WAL mode).
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    tighten_sqlite(path)


def _compact_postgres(url: str, tables: Sequence[str]) -> None:
    engine = create_engine(url, future=True, isolation_level="AUTOCOMMIT")
    try:
        present = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            for table in tables:
                if table in present:
                    connection.exec_driver_sql(f'VACUUM "{table}"')
    finally:
        engine.dispose()


def compact(url: str, tables: Sequence[str]) -> None:
    """Leave no erased row readable in the database's files (see the module docstring)."""
    path = sqlite_path(url)
    if path is not None:
        _compact_sqlite(path)
    elif make_url(url).get_backend_name() == "postgresql":
        _compact_postgres(url, tables)
    log.info("event=database_compacted backend=%s", make_url(url).get_backend_name())
