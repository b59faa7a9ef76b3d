"""Every data file is created owner-only (0600) in an owner-only folder (0700), whatever the umask:
the leads database, the tracker database with its -wal/-shm files, the key and the erasure queue."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.leads.conversations import request_erasure
from bot.leads.crypto import load_cipher
from bot.storage.db import Database
from bot.storage.migrate import upgrade
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
