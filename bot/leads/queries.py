"""Read-only questions the inbox, the funnel page and the CRM API ask of the leads tables.

Summaries carry no personal data (ids, outcome, status, dates), so listing needs no audit row;
opening one lead goes through ``bot.leads.referrals.read_lead``, which is audited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.leads.funnel import FUNNEL_STEPS, SAFETY_CATEGORIES, funnel_counts, safety_event
from bot.leads.referrals import is_possible_id
from bot.outcomes import HANDOFF, OUTCOMES
from bot.storage.models import REFERRAL_STATUSES, AuditEvent, Referral, Screening

LIST_LIMIT = 500
QUESTION_PREFIX = "question_answered:"
HANDOFF_CHOICES = ("yes", "no")


@dataclass(frozen=True)
class ReferralFilter:
    """The inbox filters; empty fields mean "any"."""

    outcome: str = ""
    status: str = ""
    handoff: str = ""
    created_from: date | None = None
    created_to: date | None = None

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> tuple[ReferralFilter, dict[str, str]]:
        """Filters from query parameters, and an error per field that was not understood."""
        errors: dict[str, str] = {}

        def choice(name: str, allowed: tuple[str, ...]) -> str:
            value = (args.get(name) or "").strip()
            if value and value not in allowed:
                errors[name] = f"Choose one of: {', '.join(allowed)}."
                return ""
            return value

        def day(name: str) -> date | None:
            value = (args.get(name) or "").strip()
            try:
                return date.fromisoformat(value) if value else None
            except ValueError:
                errors[name] = "Use a date like 2026-01-31."
                return None

        parsed = cls(
            outcome=choice("outcome", OUTCOMES),
            status=choice("status", REFERRAL_STATUSES),
            handoff=choice("handoff", HANDOFF_CHOICES),
            created_from=day("from"),
            created_to=day("to"),
        )
        return parsed, errors

    def apply(self, statement: Select) -> Select:
        if self.outcome:
            statement = statement.where(Screening.outcome == self.outcome)
        if self.status:
            statement = statement.where(Referral.status == self.status)
        if self.handoff:
            statement = statement.where(Screening.is_handoff.is_(self.handoff == "yes"))
        if self.created_from:
            statement = statement.where(Referral.created_at >= _start_of(self.created_from))
        if self.created_to:  # inclusive: the whole last day
            statement = statement.where(Referral.created_at < _start_of(self.created_to + timedelta(days=1)))
        return statement


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _referrals(chosen: ReferralFilter) -> Select:
    return chosen.apply(select(Referral, Screening).join(Screening, Referral.screening_id == Screening.id))


def find_referrals(session: Session, chosen: ReferralFilter, limit: int = LIST_LIMIT) -> list[dict[str, Any]]:
    """Matching referrals, newest first, without personal data."""
    statement = _referrals(chosen).order_by(Referral.created_at.desc(), Referral.id.desc()).limit(limit)
    return [
        {
            "reference": referral.id,
            "outcome": screening.outcome or HANDOFF,
            "is_handoff": bool(screening.is_handoff),
            "status": referral.status,
            "created_at": referral.created_at.isoformat(timespec="minutes"),
            "updated_at": referral.updated_at.isoformat(timespec="minutes"),
            "notified": referral.notified_at is not None,
        }
        for referral, screening in session.execute(statement).all()
    ]


def referral_counts(session: Session, chosen: ReferralFilter) -> dict[str, Any]:
    """How many match, split by status and by outcome (every status listed, zeros included)."""
    rows = session.execute(_referrals(chosen).with_only_columns(Referral.status, Screening.outcome)).all()
    by_status = Counter(status for status, _ in rows)
    by_outcome = Counter(outcome or HANDOFF for _, outcome in rows)
    return {
        "total": len(rows),
        "by_status": {status: by_status.get(status, 0) for status in REFERRAL_STATUSES},
        "by_outcome": {outcome: by_outcome.get(outcome, 0) for outcome in (*OUTCOMES, HANDOFF)},
    }


def conversation_of(session: Session, referral_id: int) -> str | None:
    """The sender id behind a referral (what erasure is keyed on), or None when there is no such referral."""
    if not is_possible_id(referral_id):
        return None
    statement = select(Screening.conversation_id).join(Referral).where(Referral.id == referral_id)
    return session.execute(statement).scalar_one_or_none()


def recent_audit(session: Session, limit: int = 200, offset: int = 0) -> list[AuditEvent]:
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return list(session.execute(statement.limit(limit).offset(offset)).scalars())


def _position(order: Sequence[str], slot: str) -> int:
    return order.index(slot) if slot in order else len(order)


def funnel_report(
    session: Session, since: datetime | None = None, question_order: Sequence[str] = ()
) -> dict[str, Any]:
    """Steps, outcomes and drop-off by question, for the funnel page and the API.

    Questions are listed in ``question_order`` (the order the form asks them: the criteria's), so
    the drop-off at each one is read against the question before it; a question not in that order
    (retired from the criteria) comes after, most answered first.
    """
    counts = funnel_counts(session, since)
    steps = {step: counts.get(step, 0) for step in FUNNEL_STEPS}
    answered = sorted(
        (
            (event[len(QUESTION_PREFIX) :], count)
            for event, count in counts.items()
            if event.startswith(QUESTION_PREFIX)
        ),
        key=lambda item: (_position(question_order, item[0]), -item[1], item[0]),
    )
    questions, previous = [], steps["prescreen_started"]
    for slot, count in answered:
        questions.append({"question": slot, "answered": count, "dropped": max(previous - count, 0)})
        previous = count
    outcome_query = select(Screening.outcome, Screening.is_handoff, func.count()).group_by(
        Screening.outcome, Screening.is_handoff
    )
    if since is not None:
        outcome_query = outcome_query.where(Screening.created_at >= since)
    outcomes = {outcome: 0 for outcome in (*OUTCOMES, HANDOFF)}
    for outcome, is_handoff, count in session.execute(outcome_query).all():
        outcomes[HANDOFF if is_handoff else outcome] += count
    safety = {category: counts.get(safety_event(category), 0) for category in SAFETY_CATEGORIES}
    return {"steps": steps, "outcomes": outcomes, "questions": questions, "safety": safety}
