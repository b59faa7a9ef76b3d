"""Audit trail for personal data: who viewed, changed, exported, erased or purged which lead.

Rows hold ids and counts only, so the trail survives erasure without undoing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from bot.storage.models import AUDIT_ACTIONS, AuditEvent, utcnow

AuditDetail = int | str | list[int]


def record_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    target_type: str,
    target_id: int | str | None = None,
    details: Mapping[str, AuditDetail] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add an audit row in the caller's unit of work, so it commits (or not) with the change."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; expected one of {AUDIT_ACTIONS}")
    if not actor.strip():
        raise ValueError("audit actor must not be empty")
    event = AuditEvent(
        actor=actor.strip()[:100],
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=dict(details or {}),
        at=at or utcnow(),
    )
    session.add(event)
    return event
