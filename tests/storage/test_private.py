"""Every data file is created owner-only (0600) in an owner-only folder (0700), whatever the umask:
the leads database, the tracker database with its -wal/-shm files, the key and the erasure queue."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.leads.conversations import request_erasure
from bot.leads.crypto import load_cipher
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from bot.storage.private import private_dir
from rasa_addons.tracker_store import LeanSQLTrackerStore
from tests.db_fixtures import make_settings
from tests.tracker_fixtures import DOMAIN


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual 022: without our care, files would be world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _modes(folder: Path) -> dict[str, int]:
    found = {str(folder.name): stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.stat().st_mode)
    return found


async def test_every_data_file_is_owner_only(tmp_path: Path, loose_umask: None) -> None:
    settings = make_settings(tmp_path)
    data = settings.data_dir
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    with database.engine.connect() as connection:  # keep the leads WAL open while we look
        connection.exec_driver_sql("SELECT 1")
        cipher = load_cipher(settings)  # generates leads.key
        tracker = LeanSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(data / "tracker.db"), cipher=cipher)
        events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
        await tracker.save(DialogueStateTracker.from_events("sender-modes", events, slots=DOMAIN.slots))
        with tracker.engine.connect() as open_tracker:  # and the tracker's -wal/-shm
            open_tracker.exec_driver_sql("SELECT count(*) FROM events")
            request_erasure(settings, "sender-modes")
            modes = _modes(data)
        tracker.engine.dispose()
    database.dispose()

    expected = {"tracker.db", "tracker.db-wal", "tracker.db-shm", "leads.db", "leads.key", "erasure-queue"}
    assert expected <= modes.keys()
    loose = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (data / name).is_dir() or name == data.name else 0o600)
    }
    assert loose == {}, f"data files readable by others: {loose}"


# Run in a process of its own, as in production (pytest's own process happens to keep the lock).
LIVE_PROCESS = """
import sqlite3, subprocess, sys
from pathlib import Path
from bot.storage.private import private_file

path = Path(sys.argv[1])
live = sqlite3.connect(path, isolation_level=None)
live.execute("PRAGMA journal_mode=WAL")
live.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
live.execute("INSERT INTO events (data) VALUES ('x')")
live.execute("SELECT count(*) FROM events").fetchall()
private_file(path)  # what every tracker store and leads engine does when it starts
other = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT * FROM events'); c.close()"
subprocess.run([sys.executable, "-c", other, str(path)], check=True, timeout=60)
print("wal kept" if Path(f"{path}-wal").exists() else "wal deleted")
print(live.execute("PRAGMA integrity_check").fetchone()[0])
"""


def test_tightening_a_live_database_keeps_the_processs_locks(tmp_path: Path) -> None:
    """Rasa builds a new tracker store (which tightens the file's mode) on each model reload while
    the old one's connections stay open. Opening the file for that dropped the process's locks, so
    another process's close (the worker's, after a compaction) found itself the last one open and
    deleted the WAL under Rasa's live connections: the tracker database was corrupted."""
    path = private_dir(tmp_path / "data") / "tracker.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    ran = subprocess.run(
        [sys.executable, "-c", LIVE_PROCESS, str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["wal", "kept", "ok"], "another process thought it was the last one open"
