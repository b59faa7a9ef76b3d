"""Erasure on request and purge by age: personal data goes, an audit row with counts stays."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.leads.audit import record_audit
from bot.leads.funnel import session_ref
from bot.storage.models import (
    Contact,
    ContactEntry,
    FunnelEvent,
    Referral,
    Screening,
    StatusChange,
    utcnow,
)

logger = logging.getLogger(__name__)


def _delete_screenings(session: Session, screening_ids: Select) -> dict[str, int]:
    """Children first, so the counts are exact whether or not the database cascades."""
    options = {"synchronize_session": "fetch"}  # keep the session's identity map truthful
    referral_ids = select(Referral.id).where(Referral.screening_id.in_(screening_ids))
    entries = session.execute(  # the contact log holds personal data (encrypted notes of calls)
        delete(ContactEntry).where(ContactEntry.referral_id.in_(referral_ids)).execution_options(**options)
    )
    session.execute(
        delete(StatusChange).where(StatusChange.referral_id.in_(referral_ids)).execution_options(**options)
    )
    contacts = session.execute(
        delete(Contact).where(Contact.screening_id.in_(screening_ids)).execution_options(**options)
    )
    referrals = session.execute(
        delete(Referral).where(Referral.screening_id.in_(screening_ids)).execution_options(**options)
    )
    screenings = session.execute(
        delete(Screening).where(Screening.id.in_(screening_ids)).execution_options(**options)
    )
    return {
        "screenings": screenings.rowcount,
        "contacts": contacts.rowcount,
        "referrals": referrals.rowcount,
        "contact_entries": entries.rowcount,
    }


def erase_leads(
    session: Session, conversation_id: str, actor: str, now: datetime | None = None
) -> dict[str, int]:
    """Delete one sender's rows in the leads database; returns counts. Only half of an erasure:
    ``bot.leads.erasure.erase_person`` also erases the stored conversation."""
    of_sender = select(Screening.id).where(Screening.conversation_id == conversation_id)
    ids = sorted(session.execute(of_sender).scalars())
    counts = _delete_screenings(session, of_sender)
    funnel = session.execute(
        delete(FunnelEvent)
        .where(FunnelEvent.session_ref == session_ref(conversation_id))
        .execution_options(synchronize_session="fetch")
    )
    counts["funnel_events"] = funnel.rowcount
    record_audit(  # ids and counts only: the sender id itself is not kept
        session,
        actor=actor,
        action="erased",
        target_type="screening",
        target_id=str(ids[0]) if len(ids) == 1 else None,
        details={**counts, "screening_ids": ids},
        at=now,
    )
    logger.info("event=leads_erased %s", " ".join(f"{key}={value}" for key, value in counts.items()))
    return counts


def purge(
    session: Session, older_than_days: int, now: datetime | None = None, actor: str = "retention"
) -> dict[str, int]:
    """Delete leads and funnel events created more than ``older_than_days`` ago; returns counts."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be zero or more")
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    counts = _delete_screenings(session, select(Screening.id).where(Screening.created_at < cutoff))
    funnel = session.execute(
        delete(FunnelEvent).where(FunnelEvent.at < cutoff).execution_options(synchronize_session="fetch")
    )
    counts["funnel_events"] = funnel.rowcount
    record_audit(
        session,
        actor=actor,
        action="purged",
        target_type="retention",
        details={**counts, "older_than_days": older_than_days, "cutoff": cutoff.isoformat()},
        at=now,
    )
    logger.info(
        "event=leads_purged days=%s %s", older_than_days, " ".join(f"{k}={v}" for k, v in counts.items())
    )
    return counts
