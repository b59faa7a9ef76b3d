"""Erasure removes everything for one sender and purge removes old leads; audit rows keep counts only."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.leads.crypto import Cipher
from bot.leads.funnel import record_funnel_event
from bot.leads.retention import erase_leads, purge
from bot.storage.db import Database
from bot.storage.models import AuditEvent, Contact, FunnelEvent, Referral, Screening
from tests.db_fixtures import PERSON, store_lead

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
LEAD_TABLES = (Screening, Contact, Referral, FunnelEvent)


def _counts(db: Database) -> dict[str, int]:
    with db.session_scope() as session:
        return {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in LEAD_TABLES
        }


def _audit_rows(db: Database, action: str) -> list[AuditEvent]:
    with db.session_scope() as session:
        return list(session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def _funnel(db: Database, conversation_id: str, at: datetime | None = None) -> None:
    with db.session_scope() as session:
        record_funnel_event(session, conversation_id, "conversation_started", at=at)
        record_funnel_event(session, conversation_id, "question_answered:age", at=at)


def test_erase_removes_everything_for_the_sender(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher, conversation_id="sender-erase")
    store_lead(db, cipher, conversation_id="sender-keep")
    _funnel(db, "sender-erase")
    _funnel(db, "sender-keep")
    with db.session_scope() as session:
        counts = erase_leads(session, "sender-erase", actor="dpo@site")
    assert counts == {
        "screenings": 1,
        "contacts": 1,
        "referrals": 1,
        "contact_entries": 0,
        "funnel_events": 2,
    }
    assert _counts(db) == {"screenings": 1, "contacts": 1, "referrals": 1, "funnel_events": 2}
    with db.session_scope() as session:
        assert session.execute(select(Screening.conversation_id)).scalars().all() == ["sender-keep"]


def test_erase_leaves_an_audit_row_without_personal_data(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher, conversation_id="sender-erase")
    with db.session_scope() as session:
        screening_id = session.get(Referral, referral_id).screening_id
    with db.session_scope() as session:
        erase_leads(session, "sender-erase", actor="dpo@site")
    (event,) = _audit_rows(db, "erased")
    dumped = json.dumps(
        [event.actor, event.target_type, event.target_id, event.details, event.at.isoformat()]
    )
    for personal in ("sender-erase", PERSON.name, PERSON.email, PERSON.phone, "tamoxifen"):
        assert personal not in dumped
    assert event.actor == "dpo@site"
    assert event.details["screenings"] == 1 and event.details["screening_ids"] == [screening_id]


def test_erasing_an_unknown_sender_is_audited_with_zero_counts(db: Database) -> None:
    with db.session_scope() as session:
        counts = erase_leads(session, "nobody", actor="dpo@site")
    assert set(counts.values()) == {0}
    assert len(_audit_rows(db, "erased")) == 1


def test_purge_deletes_leads_older_than_the_retention_period(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher, conversation_id="old", created_at=NOW - timedelta(days=400))
    store_lead(db, cipher, conversation_id="recent", created_at=NOW - timedelta(days=10))
    _funnel(db, "old", at=NOW - timedelta(days=400))
    _funnel(db, "recent", at=NOW - timedelta(days=10))
    with db.session_scope() as session:
        counts = purge(session, older_than_days=365, now=NOW)
    assert counts == {
        "screenings": 1,
        "contacts": 1,
        "referrals": 1,
        "contact_entries": 0,
        "funnel_events": 2,
    }
    with db.session_scope() as session:
        assert session.execute(select(Screening.conversation_id)).scalars().all() == ["recent"]
    (event,) = _audit_rows(db, "purged")
    assert event.details["screenings"] == 1 and event.details["older_than_days"] == 365


def test_purge_keeps_everything_inside_the_retention_period(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher, created_at=NOW - timedelta(days=364))
    with db.session_scope() as session:
        counts = purge(session, older_than_days=365, now=NOW)
    assert counts["screenings"] == 0
    assert _counts(db)["screenings"] == 1


def test_purge_refuses_a_negative_period(db: Database) -> None:
    with pytest.raises(ValueError, match="zero or more"), db.session_scope() as session:
        purge(session, older_than_days=-1, now=NOW)
