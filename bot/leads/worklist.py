"""The coordinators' worklist: referrals with the person's name, outcome, status, received, last
contact and follow-up, searched, sorted and "needs action" first.

Names and e-mails are encrypted at rest, so search cannot happen in SQL: the rows that pass the
SQL filters are decrypted in memory (in the request's worker thread) and matched there. That is
fine for an inbox of thousands; see docs/security.md for why no searchable hash is stored.
Viewing the list shows names, so it is audited (a count, no names).
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bot.eligibility.loader import default_criteria
from bot.leads import redcap
from bot.leads.answer_fields import answer_fields
from bot.leads.audit import record_audit
from bot.leads.contact_log import CLOSED_STATUSES
from bot.leads.crypto import Cipher
from bot.leads.export import lead_record
from bot.leads.queries import LIST_LIMIT, ReferralFilter
from bot.outcomes import HANDOFF, OUTCOMES
from bot.storage.models import REFERRAL_STATUSES, Contact, ContactEntry, Referral, Screening

# Sort keys as they appear in the URL; each sorts within "needs action first".
SORTS = ("received", "oldest", "name", "last_contact", "follow_up", "status", "outcome")
_EPOCH = datetime.min.isoformat()


@dataclass(frozen=True)
class WorklistQuery:
    """What the coordinator asked for: the SQL filters plus search text, sort and "due only"."""

    filters: ReferralFilter
    search: str = ""
    sort: str = "received"
    due_only: bool = False


def normalise(text: str) -> str:
    """Case, accents and spacing do not matter when searching ("zoe" finds "Zoé")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _matches(row: dict[str, Any], needle: str) -> bool:
    if not needle:
        return True
    reference = needle.lstrip("#").strip()
    if reference.isdigit():
        return str(row["reference"]) == reference
    return needle in normalise(row["name"]) or needle in normalise(row["email"])


def needs_action(status: str, follow_up_on: date | None, today: date) -> bool:
    """New referrals and follow-ups that are due, unless the referral is closed."""
    if status in CLOSED_STATUSES:
        return False
    return status == "new" or (follow_up_on is not None and follow_up_on <= today)


def _sort_key(sort: str) -> Callable[[dict[str, Any]], Any]:
    keys = {
        "received": lambda r: r["created_at"],
        "oldest": lambda r: r["created_at"],
        "name": lambda r: normalise(r["name"]),
        "last_contact": lambda r: r["last_contact"] or _EPOCH,
        "follow_up": lambda r: r["follow_up_on"] or date.max.isoformat(),
        "status": lambda r: r["status"],
        "outcome": lambda r: r["outcome"],
    }
    return keys[sort]


def find_worklist(
    session: Session,
    cipher: Cipher,
    query: WorklistQuery,
    *,
    actor: str,
    today: date,
    limit: int = LIST_LIMIT,
    audit: bool = True,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The matching rows (at most ``limit``) and the counts of all that matched."""
    last_contact = (
        select(ContactEntry.referral_id, func.max(ContactEntry.at).label("last_at"))
        .group_by(ContactEntry.referral_id)
        .subquery()
    )
    statement = query.filters.apply(
        select(Referral, Screening, Contact.name_token, Contact.email_token, last_contact.c.last_at)
        .join(Screening, Referral.screening_id == Screening.id)
        .outerjoin(Contact, Contact.screening_id == Screening.id)
        .outerjoin(last_contact, last_contact.c.referral_id == Referral.id)
    )
    needle = normalise(query.search)
    rows = []
    for referral, screening, name_token, email_token, last_at in session.execute(statement).all():
        row = {
            "reference": referral.id,
            "name": cipher.decrypt(name_token),
            "email": cipher.decrypt(email_token),
            "outcome": screening.outcome or HANDOFF,
            "is_handoff": bool(screening.is_handoff),
            "status": referral.status,
            "created_at": referral.created_at.isoformat(timespec="minutes"),
            "last_contact": last_at.isoformat(timespec="minutes") if last_at else "",
            "follow_up_on": referral.follow_up_on.isoformat() if referral.follow_up_on else "",
            "assigned_to": referral.assigned_to or "",
            "needs_action": needs_action(referral.status, referral.follow_up_on, today),
            "due": referral.status not in CLOSED_STATUSES
            and referral.follow_up_on is not None
            and referral.follow_up_on <= today,
        }
        if _matches(row, needle) and (row["due"] or not query.due_only):
            rows.append(row)
    sort = query.sort if query.sort in SORTS else "received"
    rows.sort(key=_sort_key(sort), reverse=sort in ("received", "last_contact"))
    rows.sort(key=lambda r: not r["needs_action"])  # stable: needs action first, each group sorted
    if audit:
        record_audit(
            session,
            actor=actor,
            action="viewed",
            target_type="worklist",
            details={"count": min(len(rows), limit)},
        )
    return rows[:limit], worklist_counts(rows)


def worklist_counts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """How many match the search and filters, split by status and by outcome (zeros included)."""
    by_status = Counter(row["status"] for row in rows)
    by_outcome = Counter(row["outcome"] for row in rows)
    return {
        "total": len(rows),
        "due": sum(1 for row in rows if row["due"]),
        "by_status": {status: by_status.get(status, 0) for status in REFERRAL_STATUSES},
        "by_outcome": {outcome: by_outcome.get(outcome, 0) for outcome in (*OUTCOMES, HANDOFF)},
    }


def export_worklist(
    session: Session, cipher: Cipher, query: WorklistQuery, *, actor: str, today: date
) -> list[dict[str, str]]:
    """Every referral the worklist shows for ``query`` (no page limit), in its order, as REDCap
    records; the export is audited with its count."""
    rows, _ = find_worklist(session, cipher, query, actor=actor, today=today, limit=sys.maxsize, audit=False)
    ids = [row["reference"] for row in rows]
    statement = (
        select(Screening)
        .join(Referral)
        .where(Referral.id.in_(ids))
        .options(selectinload(Screening.contact), selectinload(Screening.referral))
    )
    leads = (
        {s.referral.id: lead_record(s, cipher) for s in session.execute(statement).scalars()} if ids else {}
    )
    fields = answer_fields(default_criteria())
    records = [redcap.record(row, leads[row["reference"]], fields) for row in rows]
    record_audit(
        session, actor=actor, action="exported", target_type="leads", details={"count": len(records)}
    )
    return records
