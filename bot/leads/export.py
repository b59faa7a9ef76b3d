"""Leads as plain records: JSON for tools, CSV for spreadsheets (with formula injection neutralised)."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.leads.audit import record_audit
from bot.leads.crypto import Cipher
from bot.storage.models import Screening

logger = logging.getLogger(__name__)
CSV_COLUMNS = (
    "reference",
    "conversation_ref",
    "created_at",
    "outcome",
    "is_handoff",
    "status",
    "reasons",
    "unknowns",
    "criteria_version",
    "language",
    "consent_at",
    "consent_version",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_preferred_time",
    "notes",
    "answers",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def lead_record(screening: Screening, cipher: Cipher) -> dict[str, Any]:
    """One screening with its contact and referral, decrypted; anonymous rows get empty contact fields."""
    contact, referral = screening.contact, screening.referral
    return {
        "reference": referral.id if referral else None,
        "screening_id": screening.id,
        # a keyed hash, never the sender id: whoever holds that can read and erase the conversation
        "conversation_ref": cipher.reference(screening.conversation_id),
        "outcome": screening.outcome or ("handoff" if screening.is_handoff else ""),
        "is_handoff": bool(screening.is_handoff),
        "reasons": [str(reason) for reason in screening.reasons or []],
        "unknowns": [str(unknown) for unknown in screening.unknowns or []],
        "answers": dict(screening.answers or {}),
        "criteria_version": screening.criteria_version or "",
        "language": screening.language or "en",
        "contact": {
            "name": cipher.decrypt(contact.name_token) if contact else "",
            "email": cipher.decrypt(contact.email_token) if contact else "",
            "phone": cipher.decrypt(contact.phone_token) if contact else "",
            "preferred_time": cipher.decrypt(contact.preferred_time_token) if contact else "",
        },
        "consent_at": screening.consent_at.isoformat() if screening.consent_at else "",
        "consent_version": screening.consent_version or "",
        "status": referral.status if referral else "",
        "notes": referral.notes if referral else "",
        "created_at": screening.created_at.isoformat(),
    }


def export_leads(session: Session, cipher: Cipher, actor: str = "export") -> list[dict[str, Any]]:
    """Every stored screening as a record, oldest first; the export itself is audited."""
    statement = (
        select(Screening)
        .options(selectinload(Screening.contact), selectinload(Screening.referral))
        .order_by(Screening.created_at, Screening.id)
    )
    records = [lead_record(screening, cipher) for screening in session.execute(statement).scalars()]
    record_audit(
        session, actor=actor, action="exported", target_type="leads", details={"count": len(records)}
    )
    logger.info("event=leads_exported count=%s", len(records))
    return records


def find_conversation(session: Session, cipher: Cipher, reference: str) -> str | None:
    """The sender id behind an export's ``conversation_ref``, or None (a scan: erasures are rare)."""
    senders = session.execute(select(Screening.conversation_id).distinct()).scalars()
    return next((sender for sender in senders if cipher.reference(sender) == reference), None)


def neutralise_cell(value: str) -> str:
    """Prefix a quote so a spreadsheet shows the text instead of running it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _flatten(record: dict[str, Any]) -> dict[str, str]:
    contact = record["contact"]
    flat: dict[str, Any] = {
        **record,
        "reference": "" if record["reference"] is None else record["reference"],
        "is_handoff": "yes" if record["is_handoff"] else "no",
        "reasons": "; ".join(record["reasons"]),
        "unknowns": "; ".join(record["unknowns"]),
        "contact_name": contact["name"],
        "contact_email": contact["email"],
        "contact_phone": contact["phone"],
        "contact_preferred_time": contact["preferred_time"],
        "answers": json.dumps(record["answers"], ensure_ascii=False, sort_keys=True),
    }
    return {column: neutralise_cell(str(flat[column])) for column in CSV_COLUMNS}


def to_csv(records: Iterable[dict[str, Any]]) -> str:
    """Records as CSV text, one row per lead, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(_flatten(record))
    return buffer.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)
