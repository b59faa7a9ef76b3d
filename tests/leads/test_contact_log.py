"""The contact log, status history, assignment and follow-up of a referral; the worklist."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from bot.leads.contact import ContactDetails
from bot.leads.contact_log import add_entry, update_work, work_of
from bot.leads.crypto import Cipher
from bot.leads.queries import ReferralFilter
from bot.leads.retention import erase_leads
from bot.leads.worklist import WorklistQuery, find_worklist, normalise
from bot.storage.db import Database
from bot.storage.models import AuditEvent, ContactEntry, StatusChange
from tests.db_fixtures import store_lead

TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
SECRET = "Said her rheumatologist is Dr Secretname"


def _person(name: str, email: str) -> ContactDetails:
    return ContactDetails(name=name, email=email, phone="+33600000000", preferred_time="")


def _worklist(db: Database, cipher: Cipher, **query: object) -> list[dict]:
    with db.session_scope() as session:
        rows, _ = find_worklist(
            session, cipher, WorklistQuery(filters=ReferralFilter(), **query), actor="c@site", today=TODAY
        )
    return rows


def test_entries_are_appended_in_order_with_their_author_and_encrypted_at_rest(
    db: Database, cipher: Cipher
) -> None:
    referral_id = store_lead(db, cipher, conversation_id="s1")
    with db.session_scope() as session:
        add_entry(session, cipher, referral_id, author="anna@site", kind="call", text=SECRET)
    with db.session_scope() as session:
        add_entry(session, cipher, referral_id, author="ben@site", kind="voicemail", text="No answer")
    with db.session_scope() as session:
        work = work_of(session, cipher, referral_id)
        raw = session.execute(text("SELECT text_token FROM contact_entries")).scalars().all()
    assert [(e["author"], e["kind"], e["text"]) for e in work["entries"]] == [
        ("anna@site", "call", SECRET),
        ("ben@site", "voicemail", "No answer"),
    ]
    assert all("Secretname" not in token and "No answer" not in token for token in raw)


def test_unknown_kind_is_refused(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher)
    with db.session_scope() as session, pytest.raises(ValueError, match="unknown contact kind"):
        add_entry(session, cipher, referral_id, author="a@site", kind="fax", text="")


def test_status_changes_are_kept_as_history_and_audited_without_content(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher)
    with db.session_scope() as session:
        update_work(
            session,
            referral_id,
            actor="anna@site",
            status="contacted",
            assigned_to="anna@site",
            follow_up_on=TODAY,
        )
    with db.session_scope() as session:
        update_work(
            session,
            referral_id,
            actor="ben@site",
            status="visit_booked",
            assigned_to="anna@site",
            follow_up_on=TODAY,
        )
    with db.session_scope() as session:
        work = work_of(session, cipher, referral_id)
        audits = session.execute(select(AuditEvent).where(AuditEvent.action == "changed")).scalars().all()
    assert [(c["author"], c["from"], c["to"]) for c in work["status_changes"]] == [
        ("anna@site", "new", "contacted"),
        ("ben@site", "contacted", "visit_booked"),
    ]
    assert work["assigned_to"] == "anna@site" and work["follow_up_on"] == TODAY
    assert audits[0].details == {"fields": "status,assigned_to,follow_up_on", "status": "contacted"}


def test_search_finds_names_and_emails_without_accents_or_case_and_references_exactly(
    db: Database, cipher: Cipher
) -> None:
    zoe = store_lead(db, cipher, "s1", person=_person("Zoé Martin", "zoe@example.org"))
    ali = store_lead(db, cipher, "s2", person=_person("Ali Durand", "adurand@example.org"))
    assert [r["reference"] for r in _worklist(db, cipher, search="ZOE")] == [zoe]
    assert [r["reference"] for r in _worklist(db, cipher, search="adurand@")] == [ali]
    assert [r["reference"] for r in _worklist(db, cipher, search=f"#{ali}")] == [ali]
    assert _worklist(db, cipher, search="nobody") == []
    assert normalise("  Zoé   MARTIN ") == "zoe martin"


def test_needs_action_comes_first_then_the_chosen_sort(db: Database, cipher: Cipher) -> None:
    old = store_lead(db, cipher, "s1", person=_person("Bea", "b@x.org"), created_at=NOW - timedelta(days=3))
    due = store_lead(db, cipher, "s2", person=_person("Cy", "c@x.org"), created_at=NOW - timedelta(days=2))
    new = store_lead(db, cipher, "s3", person=_person("Al", "a@x.org"), created_at=NOW - timedelta(days=1))
    with db.session_scope() as session:
        update_work(session, old, actor="a@site", status="contacted", assigned_to=None, follow_up_on=None)
        update_work(session, due, actor="a@site", status="contacted", assigned_to=None, follow_up_on=TODAY)
    rows = _worklist(db, cipher)
    assert [r["reference"] for r in rows] == [new, due, old]
    assert [r["needs_action"] for r in rows] == [True, True, False]
    assert [r["reference"] for r in _worklist(db, cipher, sort="name")] == [new, due, old]
    assert [r["reference"] for r in _worklist(db, cipher, sort="oldest")] == [due, new, old]
    assert [r["reference"] for r in _worklist(db, cipher, due_only=True)] == [due]


def test_last_contact_is_the_latest_log_entry(db: Database, cipher: Cipher) -> None:
    referral_id = store_lead(db, cipher)
    assert _worklist(db, cipher)[0]["last_contact"] == ""
    with db.session_scope() as session:
        entry = add_entry(session, cipher, referral_id, author="a@site", kind="email", text="")
        session.flush()
        at = entry.at
    assert _worklist(db, cipher)[0]["last_contact"] == at.isoformat(timespec="minutes")


def test_erasure_deletes_the_contact_log_and_status_history(db: Database, cipher: Cipher) -> None:
    gone = store_lead(db, cipher, conversation_id="sender-erase")
    kept = store_lead(db, cipher, conversation_id="sender-keep")
    for referral_id in (gone, kept):
        with db.session_scope() as session:
            add_entry(session, cipher, referral_id, author="a@site", kind="call", text=SECRET)
            update_work(
                session, referral_id, actor="a@site", status="contacted", assigned_to=None, follow_up_on=None
            )
    with db.session_scope() as session:
        counts = erase_leads(session, "sender-erase", actor="dpo@site")
    with db.session_scope() as session:
        entries = session.execute(select(ContactEntry.referral_id)).scalars().all()
        changes = session.execute(select(StatusChange.referral_id)).scalars().all()
    assert counts["contact_entries"] == 1
    assert entries == [kept] and changes == [kept]
