"""Coordinator-side reads and updates of referrals, each one audited (the inbox builds on these)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.leads.audit import record_audit
from bot.leads.crypto import Cipher
from bot.leads.export import lead_record
from bot.storage.models import REFERRAL_STATUSES, Referral, Screening, utcnow

# Referral ids are 32-bit integers (PostgreSQL's INTEGER); anything else names no referral, and
# asking the database about it would fail (an overflow) instead of finding nothing.
MAX_ID = 2**31 - 1


def is_possible_id(referral_id: int) -> bool:
    return 0 < referral_id <= MAX_ID


def read_lead(session: Session, cipher: Cipher, referral_id: int, actor: str) -> dict[str, Any]:
    """The full, decrypted lead behind a referral; the view is audited."""
    if not is_possible_id(referral_id):
        raise LookupError(f"no referral with id {referral_id}")
    statement = (
        select(Screening)
        .join(Referral)
        .where(Referral.id == referral_id)
        .options(selectinload(Screening.contact), selectinload(Screening.referral))
    )
    screening = session.execute(statement).scalar_one_or_none()
    if screening is None:
        raise LookupError(f"no referral with id {referral_id}")
    record_audit(session, actor=actor, action="viewed", target_type="referral", target_id=referral_id)
    return lead_record(screening, cipher)


def update_referral(
    session: Session, referral_id: int, *, actor: str, status: str | None = None, notes: str | None = None
) -> Referral:
    """Change status and/or notes; the audit names which fields changed, not their content."""
    if not is_possible_id(referral_id):
        raise LookupError(f"no referral with id {referral_id}")
    referral = session.get(Referral, referral_id, with_for_update=True)
    if referral is None:
        raise LookupError(f"no referral with id {referral_id}")
    changed: list[str] = []
    if status is not None and status != referral.status:
        if status not in REFERRAL_STATUSES:
            raise ValueError(f"unknown referral status {status!r}; expected one of {REFERRAL_STATUSES}")
        referral.status = status
        changed.append("status")
    if notes is not None and notes != referral.notes:
        referral.notes = notes
        changed.append("notes")
    if changed:
        referral.updated_at = utcnow()
        details: dict[str, str] = {"fields": ",".join(changed)}
        if "status" in changed:
            details["status"] = referral.status
        record_audit(
            session,
            actor=actor,
            action="changed",
            target_type="referral",
            target_id=referral_id,
            details=details,
        )
    return referral
