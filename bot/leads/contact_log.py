"""The coordinators' work on a referral: a contact log (calls, e-mails, voicemails, notes, each
with its author and time), status history, assignment and a follow-up date.

Log text is personal data (what a person said on the phone): it is stored as a Fernet token, like
the contact fields, and goes with the referral on erasure. Every change is audited by field name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.leads.audit import record_audit
from bot.leads.crypto import Cipher
from bot.leads.referrals import is_possible_id
from bot.storage.models import (
    CONTACT_KINDS,
    REFERRAL_STATUSES,
    ContactEntry,
    Referral,
    StatusChange,
    utcnow,
)

MAX_ENTRY_TEXT = 5000
# Statuses where nothing more is expected of the coordinators: never "needs action".
CLOSED_STATUSES = ("enrolled", "not_enrolled")


def _referral(session: Session, referral_id: int) -> Referral:
    referral = (
        session.get(Referral, referral_id, with_for_update=True) if is_possible_id(referral_id) else None
    )
    if referral is None:
        raise LookupError(f"no referral with id {referral_id}")
    return referral


def add_entry(
    session: Session, cipher: Cipher, referral_id: int, *, author: str, kind: str, text: str
) -> ContactEntry:
    """Append one entry to the contact log; nothing is ever overwritten."""
    if kind not in CONTACT_KINDS:
        raise ValueError(f"unknown contact kind {kind!r}; expected one of {CONTACT_KINDS}")
    if len(text) > MAX_ENTRY_TEXT:
        raise ValueError(f"a contact log entry has at most {MAX_ENTRY_TEXT} characters")
    referral = _referral(session, referral_id)
    entry = ContactEntry(
        referral_id=referral.id,
        author=author,
        kind=kind,
        text_token=cipher.encrypt(text.strip()),
        at=utcnow(),
    )
    session.add(entry)
    referral.updated_at = entry.at
    record_audit(
        session,
        actor=author,
        action="changed",
        target_type="referral",
        target_id=referral_id,
        details={"fields": "contact_log", "kind": kind},
    )
    return entry


def update_work(
    session: Session,
    referral_id: int,
    *,
    actor: str,
    status: str,
    assigned_to: str | None,
    follow_up_on: date | None,
) -> list[str]:
    """Set status (kept in the history), assignment and follow-up date; returns the changed fields."""
    if status not in REFERRAL_STATUSES:
        raise ValueError(f"unknown referral status {status!r}; expected one of {REFERRAL_STATUSES}")
    referral = _referral(session, referral_id)
    changed: list[str] = []
    if status != referral.status:
        session.add(
            StatusChange(
                referral_id=referral.id,
                author=actor,
                from_status=referral.status,
                to_status=status,
                at=utcnow(),
            )
        )
        referral.status = status
        changed.append("status")
    if (assigned_to or None) != referral.assigned_to:
        referral.assigned_to = assigned_to or None
        changed.append("assigned_to")
    if follow_up_on != referral.follow_up_on:
        referral.follow_up_on = follow_up_on
        changed.append("follow_up_on")
    if changed:
        referral.updated_at = utcnow()
        details: dict[str, str] = {"fields": ",".join(changed)}
        if "status" in changed:
            details["status"] = status
        record_audit(
            session,
            actor=actor,
            action="changed",
            target_type="referral",
            target_id=referral_id,
            details=details,
        )
    return changed


def work_of(session: Session, cipher: Cipher, referral_id: int) -> dict[str, Any]:
    """The log and the history of one referral, decrypted, oldest first (read with ``read_lead``)."""
    entries = session.execute(
        select(ContactEntry)
        .where(ContactEntry.referral_id == referral_id)
        .order_by(ContactEntry.at, ContactEntry.id)
    ).scalars()
    changes = session.execute(
        select(StatusChange)
        .where(StatusChange.referral_id == referral_id)
        .order_by(StatusChange.at, StatusChange.id)
    ).scalars()
    referral = session.get(Referral, referral_id)
    return {
        "entries": [
            {"at": e.at, "author": e.author, "kind": e.kind, "text": cipher.decrypt(e.text_token)}
            for e in entries
        ],
        "status_changes": [
            {"at": c.at, "author": c.author, "from": c.from_status, "to": c.to_status} for c in changes
        ],
        "assigned_to": referral.assigned_to if referral else None,
        "follow_up_on": referral.follow_up_on if referral else None,
    }
