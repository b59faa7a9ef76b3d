"""Coordinator reads and updates are audited by id and field name, never by content."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.leads.crypto import Cipher
from bot.leads.queries import ReferralFilter, find_referrals
from bot.leads.referrals import read_lead, update_referral
from bot.storage.db import Database
from bot.storage.models import AuditEvent
from tests.db_fixtures import PERSON, store_lead


def test_reading_a_lead_is_audited_as_viewed(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher)
    with db.session_scope() as session:
        lead = read_lead(session, cipher, referral_id, actor="coordinator-1")
    assert lead["contact"]["phone"] == PERSON.phone
    with db.session_scope() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "viewed")).scalar_one()
    assert (event.actor, event.target_type, event.target_id) == (
        "coordinator-1",
        "referral",
        str(referral_id),
    )


def test_updating_a_referral_audits_field_names_not_notes(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher)
    with db.session_scope() as session:
        update_referral(
            session, referral_id, actor="coordinator-1", status="contacted", notes="left a voicemail"
        )
    with db.session_scope() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "changed")).scalar_one()
        summary = find_referrals(session, ReferralFilter())
    assert event.details == {"fields": "status,notes", "status": "contacted"}
    assert "voicemail" not in json.dumps(event.details)
    assert summary[0]["status"] == "contacted"
    assert PERSON.email not in json.dumps(summary)


def test_unknown_status_is_refused(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher)
    with pytest.raises(ValueError, match="unknown referral status"), db.session_scope() as session:
        update_referral(session, referral_id, actor="coordinator-1", status="lost")
