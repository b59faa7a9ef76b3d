"""The referral decisions, without Rasa: what a pre-screen stores and where a contact goes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.eligibility import Answer, default_criteria, evaluate, parse_answer
from bot.leads.contact import ValidationError
from bot.leads.crypto import Cipher
from bot.leads.handover import (
    ContactRequest,
    PrescreenRecord,
    contact_request,
    outcome_to_save_first,
    record_outcome,
    save_contact,
    stored_answers,
)
from bot.storage.db import Database
from bot.storage.models import Referral, Screening
from tests.db_fixtures import CONSENT_AT

TODAY = date(2026, 12, 1)
CRITERIA = default_criteria()
TYPED = {
    "age": "54", "antibody": "Jo-1", "ild_on_ct": "yes", "recent_drugs": "no", "drug_failed_before": "no",
    "pregnancy": "no", "checklist": "none", "lung_function": "yes", "social_security": "yes",
    "contraception": "yes",
}  # fmt: skip
ANSWERS = {slot: parse_answer(slot, text, TODAY) for slot, text in TYPED.items()}


def _request(outcome: str | None, key: str = "key-1") -> ContactRequest:
    return contact_request(
        conversation_id="sender-1",
        screening_key=key,
        outcome=outcome,
        details={
            "name": "Jane Doe",
            "email": "jane@example.org",
            "phone": None,
            "preferred_time": "mornings",
        },
        consent_version="2026-11-25.1",
        consent_at=CONSENT_AT,
    )


@pytest.mark.parametrize(
    ("outcome", "screening_id", "first"),
    [("likely_eligible", None, True), ("needs_review", None, True), ("likely_eligible", 3, False),
     ("not_eligible", None, False), (None, None, False)],
)  # fmt: skip
def test_an_unsaved_promising_prescreen_is_saved_before_its_contact(
    outcome: str | None, screening_id: int | None, first: bool
) -> None:
    assert outcome_to_save_first(outcome, screening_id) is first


def test_a_contact_without_email_or_phone_is_refused_with_its_text_id() -> None:
    with pytest.raises(ValidationError) as caught:
        contact_request(
            conversation_id="sender-1", screening_key=None, outcome=None, details={"name": "Jane"},
            consent_version="v1", consent_at=CONSENT_AT,
        )  # fmt: skip
    assert caught.value.text_id == "utter_contact_reach_missing"


def test_an_unsure_answer_is_stored_as_not_sure_and_an_age_as_a_number() -> None:
    answers = {**ANSWERS, "pregnancy": Answer("unknown", None)}
    stored = stored_answers(CRITERIA, answers, TODAY)
    assert stored["age"] == 54 and stored["pregnancy"] == "not sure" and "readings" in stored


def test_a_contact_after_a_promising_prescreen_joins_it(db: Database, cipher: Cipher) -> None:
    outcome = evaluate(CRITERIA, ANSWERS, TODAY)
    record = PrescreenRecord("sender-1", "key-1", ANSWERS, CONSENT_AT, "2026-11-25.1")
    with db.session_scope() as session:
        screening_id = record_outcome(session, CRITERIA, record, outcome, TODAY)
        referral_id = save_contact(session, cipher, _request(outcome.outcome))
    with db.session_scope() as session:
        referral = session.get(Referral, referral_id)
        assert referral is not None and referral.screening_id == screening_id
        assert outcome.outcome == "likely_eligible"


def test_a_contact_without_a_promising_prescreen_opens_a_handoff(db: Database, cipher: Cipher) -> None:
    with db.session_scope() as session:
        save_contact(session, cipher, _request(None))
    with db.session_scope() as session:
        (screening,) = session.execute(select(Screening)).scalars()
        assert screening.is_handoff and screening.screening_key == "handoff-key-1"
