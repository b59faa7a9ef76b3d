"""The referral decisions: what a finished pre-screen stores, and where a person's contact goes.

Actions gather the conversation's values into a ``PrescreenRecord`` or ``ContactRequest`` and
call these inside one unit of work; the decisions (which answers coordinators read, whether the
contact joins a pre-screen or opens a hand-off) live here, in plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.eligibility import Answer, CriteriaSet, Outcome
from bot.eligibility.answer_types import type_of
from bot.eligibility.readings import reading
from bot.leads.contact import ContactDetails, validate_contact
from bot.leads.crypto import Cipher
from bot.leads.funnel import outcome_event, record_funnel_event
from bot.leads.repository import add_contact, create_handoff_referral, find_screening, record_screening
from bot.outcomes import HANDOFF

# A pre-screen with one of these outcomes is passed on with the contact; any other goes as a hand-off.
REFERRED_OUTCOMES = frozenset({"likely_eligible", "needs_review"})
DEFAULT_KEY = "prescreen"


@dataclass(frozen=True)
class PrescreenRecord:
    """One pre-screen as the conversation holds it."""

    conversation_id: str
    screening_key: str
    answers: Mapping[str, Answer]
    consent_at: datetime | None = None
    consent_version: str | None = None
    language: str = "en"  # the conversation's language, stored for the coordinators


@dataclass(frozen=True)
class ContactRequest:
    """The contact details a person gave, with the consent they gave them under."""

    conversation_id: str
    screening_key: str
    outcome: str | None
    contact: ContactDetails
    consent_version: str
    consent_at: datetime
    language: str = "en"


def stored_answers(criteria: CriteriaSet, answers: Mapping[str, Answer], today: date) -> dict[str, Any]:
    """What coordinators read: the parsed value, or "not sure" where the person did not know or
    hedged (an age stays a number, or empty); and under "readings" the short meaning of each
    answer ("PL-7", "clear", "unsure") that the evaluation checks."""
    stored: dict[str, Any] = {}
    readings: dict[str, Any] = {}
    for slot, answer in answers.items():
        readings[slot] = reading(criteria, slot, answer, today)
        if type_of(criteria, slot).whole_number:
            stored[slot] = answer.value if isinstance(answer.value, int) else None
        elif answer.status != "ok" or readings[slot] == "unsure":
            stored[slot] = "not sure"
        else:
            stored[slot] = answer.value
    return {**stored, "readings": readings}


def record_outcome(
    session: Session, criteria: CriteriaSet, record: PrescreenRecord, outcome: Outcome, today: date
) -> int:
    """Store the evaluated pre-screen once per (conversation, key), and count it in the funnel; its id."""
    record_funnel_event(session, record.conversation_id, "prescreen_finished")
    record_funnel_event(session, record.conversation_id, outcome_event(outcome.outcome))
    screening = record_screening(
        session,
        conversation_id=record.conversation_id,
        screening_key=record.screening_key or DEFAULT_KEY,
        outcome=outcome.outcome,
        reasons=[reason.label for reason in outcome.reasons],
        answers=stored_answers(criteria, record.answers, today),
        criteria_version=outcome.criteria_version,
        unknowns=[reason.label for reason in outcome.unknowns],
        consent_at=record.consent_at,
        consent_version=record.consent_version,
        language=record.language,
    )
    return screening.id


def contact_request(
    *,
    conversation_id: str,
    screening_key: str | None,
    outcome: str | None,
    details: Mapping[str, str | None],
    consent_version: str,
    consent_at: datetime,
    language: str = "en",
) -> ContactRequest:
    """Checked details (``ValidationError`` if they cannot be used) with their consent."""
    contact = validate_contact(
        name=details.get("name") or "",
        email=details.get("email") or "",
        phone=details.get("phone") or "",
        preferred_time=details.get("preferred_time") or "",
    )
    return ContactRequest(
        conversation_id, screening_key or DEFAULT_KEY, outcome, contact, consent_version, consent_at, language
    )


def outcome_to_save_first(outcome: str | None, screening_id: int | None) -> bool:
    """A pre-screen to pass on that is not stored yet (the database was down): store it before its
    contact, so the contact never opens a hand-off in place of the pre-screen it belongs to."""
    return outcome in REFERRED_OUTCOMES and screening_id is None


def save_contact(session: Session, cipher: Cipher, request: ContactRequest) -> int:
    """Attach the contact to this conversation's pre-screen, or open a hand-off referral; its id.
    The funnel counts the contact (never its details), and a hand-off as an outcome of its own."""
    record_funnel_event(session, request.conversation_id, "contact_given")
    screening = find_screening(session, request.conversation_id, request.screening_key)
    if screening is not None and request.outcome in REFERRED_OUTCOMES:
        referral = add_contact(
            session,
            cipher,
            screening_id=screening.id,
            contact=request.contact,
            consent_version=request.consent_version,
            consent_at=request.consent_at,
        )
    else:
        record_funnel_event(session, request.conversation_id, outcome_event(HANDOFF))
        referral = create_handoff_referral(
            session,
            cipher,
            conversation_id=request.conversation_id,
            contact=request.contact,
            consent_version=request.consent_version,
            consent_at=request.consent_at,
            handoff_key=f"handoff-{request.screening_key}",
            language=request.language,
        )
    return referral.id
