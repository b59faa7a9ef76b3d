"""erase_person: the leads rows and the stored conversation go together, and nothing erased stays
readable in the database files (WAL included) afterwards."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.leads.contact_log import add_entry
from bot.leads.crypto import Cipher
from bot.leads.erasure import erase_person
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Contact, ContactEntry, Screening
from rasa_addons.tracker_store import LeanSQLTrackerStore
from tests.db_fixtures import PERSON, make_settings, store_lead
from tests.tracker_fixtures import DOMAIN, SECRET_ANSWER, count_events, store_conversation

LEAD_ANSWER = b"tamoxifen-secret-answer"  # store_lead's answers, stored in clear in `screenings`


def _settings(tmp_path: Path, database_url: str) -> Settings:
    settings = make_settings(tmp_path, database_url=database_url)
    tracker = f"sqlite:///{tmp_path / 'data' / 'tracker.db'}"
    if not database_url.startswith("sqlite"):
        tracker = database_url
    return dataclasses.replace(settings, tracker_database_url=tracker)


def _raw(folder: Path) -> bytes:
    """Every byte of every database file in the folder: the files, their WAL and shared memory."""
    return b"".join(path.read_bytes() for path in sorted(folder.glob("*.db*")))


async def test_erase_person_removes_leads_and_conversation(
    db: Database, cipher: Cipher, database_url: str, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, database_url)
    erased = store_lead(db, cipher, conversation_id="sender-erase")
    kept = store_lead(db, cipher, conversation_id="someone-else")
    for referral_id in (erased, kept):  # the contact log is personal data too
        with db.session_scope() as session:
            add_entry(
                session, cipher, referral_id, author="c@site", kind="call", text="Spoke about her lungs"
            )
    await store_conversation(settings.tracker_database_url, "sender-erase", cipher)
    await store_conversation(settings.tracker_database_url, "someone-else", cipher)

    counts = erase_person(settings, "sender-erase", actor="dpo@site", database=db)

    assert counts["screenings"] == 1 and counts["contacts"] == 1 and counts["conversation_events"] == 8
    with db.session_scope() as session:
        assert [s.conversation_id for s in session.execute(select(Screening)).scalars()] == ["someone-else"]
        assert len(session.execute(select(Contact)).all()) == 1
        assert session.execute(select(ContactEntry.referral_id)).scalars().all() == [kept]
    assert counts["contact_entries"] == 1
    assert count_events(settings.tracker_database_url, "sender-erase") == 0
    assert count_events(settings.tracker_database_url, "someone-else") == 8


async def test_nothing_erased_is_left_in_the_raw_sqlite_files(tmp_path: Path, cipher: Cipher) -> None:
    """As in production: Rasa's pooled connection keeps the tracker's WAL alive, so deleted rows
    would stay readable in its older frames without a checkpoint and a vacuum."""
    from bot.storage.migrate import upgrade

    leads_url = f"sqlite:///{tmp_path / 'data' / 'leads.db'}"
    settings = _settings(tmp_path, leads_url)
    upgrade(leads_url)
    database = Database(leads_url)
    rasa = LeanSQLTrackerStore(DOMAIN, host=settings.tracker_database_url, cipher=cipher)
    with rasa.engine.connect():  # an idle pooled connection, as the Rasa server holds
        pass
    leads_reader = sqlite3.connect(tmp_path / "data" / "leads.db")  # the web app, the action server
    leads_reader.execute("SELECT count(*) FROM screenings").fetchone()
    store_lead(database, cipher, conversation_id="sender-raw")
    await store_conversation(settings.tracker_database_url, "sender-raw", None)  # plain rows, as before
    before = _raw(tmp_path / "data")
    assert PERSON.email.encode() in before and SECRET_ANSWER.encode() in before and b"sender-raw" in before

    erase_person(settings, "sender-raw", actor="dpo@site", database=database)

    after = _raw(tmp_path / "data")
    for secret in (PERSON.email.encode(), SECRET_ANSWER.encode(), LEAD_ANSWER, b"sender-raw"):
        assert secret not in after, f"{secret!r} is still readable in the database files"
    leads_reader.close()
    rasa.engine.dispose()
    database.dispose()


@pytest.mark.parametrize("deferred", [True])
async def test_a_deferred_compaction_is_done_by_the_worker_pass(
    tmp_path: Path, cipher: Cipher, deferred: bool
) -> None:
    from bot.leads.conversations import process_erasures
    from bot.storage.migrate import upgrade

    leads_url = f"sqlite:///{tmp_path / 'data' / 'leads.db'}"
    settings = _settings(tmp_path, leads_url)
    upgrade(leads_url)
    database = Database(leads_url)
    store_lead(database, cipher, conversation_id="sender-chat")
    erase_person(settings, "sender-chat", actor="person", database=database, compact_now=not deferred)
    await store_conversation(settings.tracker_database_url, "sender-chat", None)  # the turn's own events
    assert process_erasures(settings, min_age_seconds=0) == 1
    assert count_events(settings.tracker_database_url, "sender-chat") == 0
    assert LEAD_ANSWER not in _raw(tmp_path / "data") and PERSON.email.encode() not in _raw(tmp_path / "data")
    database.dispose()
