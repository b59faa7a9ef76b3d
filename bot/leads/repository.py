"""Writing leads: one screening per completed pre-screen, then contact, consent and a referral.

Every function works inside the caller's session (one unit of work) and is idempotent, so a retried
action or a double submit returns the existing rows instead of duplicating them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.leads.audit import record_audit
from bot.leads.contact import ContactDetails
from bot.leads.crypto import Cipher
from bot.outcomes import OUTCOMES, OutcomeKind
from bot.storage.models import Contact, Referral, Screening, utcnow

logger = logging.getLogger(__name__)
Row = TypeVar("Row", Screening, Contact, Referral)


def _insert_or_existing(session: Session, row: Row, find: Callable[[], Row | None]) -> tuple[Row, bool]:
    """Insert ``row`` in a savepoint; if a concurrent writer won the unique key, return theirs."""
    session.flush()  # so a failure inside the savepoint can only be ours
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing, False
    return row, True


def find_screening(session: Session, conversation_id: str, screening_key: str) -> Screening | None:
    statement = select(Screening).where(
        Screening.conversation_id == conversation_id, Screening.screening_key == screening_key
    )
    return session.execute(statement).scalar_one_or_none()


def _normalise_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-safe copy with ``age`` as a whole number (slots often arrive as "54" or 54.0)."""
    cleaned = dict(answers)
    age = cleaned.get("age")
    if age is not None and not isinstance(age, bool):
        try:
            cleaned["age"] = int(float(age))
        except (TypeError, ValueError) as error:
            raise ValueError("answers['age'] must be a number") from error
    try:
        json.dumps(cleaned)
    except (TypeError, ValueError) as error:
        raise ValueError("answers must be JSON-serialisable (str, number, bool, list, dict)") from error
    return cleaned


def _get_or_create_screening(session: Session, row: Screening) -> tuple[Screening, bool]:
    def find() -> Screening | None:
        return find_screening(session, row.conversation_id, row.screening_key)

    existing = find()
    if existing is not None:
        return existing, False
    return _insert_or_existing(session, row, find)


def record_screening(
    session: Session,
    *,
    conversation_id: str,
    screening_key: str,
    outcome: str,
    reasons: Sequence[str],
    answers: Mapping[str, Any],
    criteria_version: str,
    unknowns: Sequence[str] = (),
    consent_at: datetime | None = None,
    consent_version: str | None = None,
    language: str = "en",
    now: datetime | None = None,
) -> Screening:
    """Store a finished pre-screen once per (conversation, key); not_eligible rows stay anonymous.

    The consent that allowed the health questions is recorded with the answers it covers.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; expected one of {OUTCOMES}")
    outcome = OutcomeKind(outcome).value  # the plain string, whichever the caller passed
    anonymous = outcome == OutcomeKind.NOT_ELIGIBLE
    row = Screening(
        conversation_id=conversation_id,
        screening_key=screening_key,
        outcome=outcome,
        reasons=[str(reason) for reason in reasons],
        answers={} if anonymous else _normalise_answers(answers),
        unknowns=[] if anonymous else [str(unknown) for unknown in unknowns],
        criteria_version=criteria_version,
        consent_at=None if anonymous else consent_at,
        consent_version=None if anonymous else consent_version,
        language=language,
        is_handoff=False,
        created_at=now or utcnow(),
    )
    screening, created = _get_or_create_screening(session, row)
    logger.info(
        "event=screening_recorded id=%s outcome=%s created=%s", screening.id, screening.outcome, created
    )
    return screening


def _store_contact(session: Session, cipher: Cipher, screening: Screening, details: ContactDetails) -> None:
    tokens = {
        "name_token": cipher.encrypt(details.name),
        "email_token": cipher.encrypt(details.email),
        "phone_token": cipher.encrypt(details.phone),
        "preferred_time_token": cipher.encrypt(details.preferred_time),
    }

    def find() -> Contact | None:
        return session.execute(
            select(Contact).where(Contact.screening_id == screening.id)
        ).scalar_one_or_none()

    contact = find()
    if contact is None:
        contact, created = _insert_or_existing(session, Contact(screening_id=screening.id, **tokens), find)
        if created:
            return
    for column, token in tokens.items():  # a later submit carries the person's latest correction
        setattr(contact, column, token)


def add_contact(
    session: Session,
    cipher: Cipher,
    *,
    screening_id: int,
    contact: ContactDetails,
    consent_version: str,
    consent_at: datetime,
    actor: str = "assistant",
    now: datetime | None = None,
) -> Referral:
    """Attach consented contact details to a screening and open its referral (once)."""
    if not (contact.email or contact.phone):
        raise ValueError("contact needs an email or a phone number")
    if not consent_version:
        raise ValueError("contact details need a consent version")
    screening = session.get(Screening, screening_id, with_for_update=True)
    if screening is None:
        raise LookupError(f"no screening with id {screening_id}")
    if screening.outcome == OutcomeKind.NOT_ELIGIBLE:
        raise ValueError("not_eligible screenings are kept anonymous and take no contact details")
    screening.consent_at = consent_at
    screening.consent_version = consent_version
    _store_contact(session, cipher, screening, contact)

    def find() -> Referral | None:
        return session.execute(
            select(Referral).where(Referral.screening_id == screening.id)
        ).scalar_one_or_none()

    referral = find()
    created = False
    if referral is None:
        moment = now or utcnow()
        fresh = Referral(screening_id=screening.id, status="new", created_at=moment, updated_at=moment)
        referral, created = _insert_or_existing(session, fresh, find)
    if created:
        record_audit(session, actor=actor, action="created", target_type="referral", target_id=referral.id)
    logger.info("event=referral_stored id=%s screening=%s created=%s", referral.id, screening.id, created)
    return referral


def create_handoff_referral(
    session: Session,
    cipher: Cipher,
    *,
    conversation_id: str,
    contact: ContactDetails,
    consent_version: str,
    consent_at: datetime,
    handoff_key: str = "handoff",
    actor: str = "assistant",
    language: str = "en",
    now: datetime | None = None,
) -> Referral:
    """ "I want to talk to a person": a referral with contact and consent but no screening answers."""
    row = Screening(
        conversation_id=conversation_id,
        screening_key=handoff_key,
        outcome=None,
        answers={},
        reasons=[],
        unknowns=[],
        language=language,
        is_handoff=True,
        created_at=now or utcnow(),
    )
    screening, _ = _get_or_create_screening(session, row)
    return add_contact(
        session,
        cipher,
        screening_id=screening.id,
        contact=contact,
        consent_version=consent_version,
        consent_at=consent_at,
        actor=actor,
        now=now,
    )
