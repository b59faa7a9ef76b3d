"""Funnel events: where conversations drop off, counted without personal data.

Rows carry a hash of the sender id (so erasure can still find them) and the step name only.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.outcomes import HANDOFF, OUTCOMES
from bot.safety.lexicon import CATEGORIES as SAFETY_CATEGORIES
from bot.storage.models import FunnelEvent, utcnow

FUNNEL_STEPS = (
    "conversation_started", "consent_given", "prescreen_started", "prescreen_finished", "contact_given",
)  # fmt: skip
QUESTION_PREFIX = "question_answered:"
OUTCOME_PREFIX = "outcome:"
OUTCOME_KINDS = (*OUTCOMES, HANDOFF)  # how a conversation that reached a coordinator or a result ended
_QUESTION_EVENT = re.compile(r"^question_answered:[a-z][a-z0-9_]{0,59}$")


def question_event(slot: str) -> str:
    """The funnel event for an answered question: the slot name only, never the answer."""
    return validate_event(f"{QUESTION_PREFIX}{slot}")


def outcome_event(kind: str) -> str:
    """The funnel event for how a pre-screen ended (or ``handoff`` for a request for a person)."""
    return validate_event(f"{OUTCOME_PREFIX}{kind}")


def safety_event(category: str) -> str:
    """The funnel event for a safety trigger: the category only, never the message."""
    return validate_event(f"safety:{category}")


def session_ref(conversation_id: str) -> str:
    """A stable, non-reversible reference for a sender id (prefixed so it is not a bare SHA-256)."""
    return hashlib.sha256(f"catr-funnel:{conversation_id}".encode()).hexdigest()[:32]


def validate_event(event: str) -> str:
    if event in FUNNEL_STEPS or _QUESTION_EVENT.match(event):
        return event
    if event.startswith("safety:") and event.removeprefix("safety:") in SAFETY_CATEGORIES:
        return event
    if event.startswith(OUTCOME_PREFIX) and event.removeprefix(OUTCOME_PREFIX) in OUTCOME_KINDS:
        return event
    raise ValueError(
        f"unknown funnel event {event!r}; expected one of {FUNNEL_STEPS}, question_answered:<slot>, "
        f"outcome:<{'|'.join(OUTCOME_KINDS)}> or safety:<{'|'.join(SAFETY_CATEGORIES)}>"
    )


def record_funnel_event(
    session: Session, conversation_id: str, event: str, at: datetime | None = None
) -> FunnelEvent:
    row = FunnelEvent(
        session_ref=session_ref(conversation_id), event=validate_event(event), at=at or utcnow()
    )
    session.add(row)
    return row


def funnel_counts(session: Session, since: datetime | None = None) -> dict[str, int]:
    """Distinct conversations per step (a retried event counts once), for the funnel page."""
    statement = select(FunnelEvent.event, func.count(func.distinct(FunnelEvent.session_ref)))
    if since is not None:
        statement = statement.where(FunnelEvent.at >= since)
    rows = session.execute(statement.group_by(FunnelEvent.event)).all()
    return {event: count for event, count in rows}
