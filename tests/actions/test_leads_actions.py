"""Consent, outcome, contact, handoff and erasure actions against a real SQLite leads database."""

from __future__ import annotations

import pytest
from rasa_sdk.events import UserUtteranceReverted
from sqlalchemy import select

from actions import context
from actions.consent import ActionConsentDeclined, ActionRecordConsent
from actions.contact_form import ValidateContactForm
from actions.prescreen_outcome import ActionPrescreenOutcome
from actions.referral import ActionSubmitContact
from bot.eligibility import Answer, parse_answer
from bot.storage.models import Contact, Referral, Screening
from bot.texts import text

TYPED = {
    "age": "54", "antibody": "Jo-1", "ild_on_ct": "yes", "recent_drugs": "no", "drug_failed_before": "no",
    "pregnancy": "no", "checklist": "none", "lung_function": "yes", "social_security": "yes",
    "contraception": "yes",
}  # fmt: skip
LIKELY = {slot: parse_answer(slot, text, context.today()).to_dict() for slot, text in TYPED.items()}
CONSENTED = {"consent_at": "2026-11-25T10:00:00+00:00",
             "consent_version": "2026-11-25.1", "screening_key": "key-1"}  # fmt: skip


def _slots(events: list) -> dict:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def _rows(model) -> list:
    with context.database().session_scope() as session:
        return list(session.execute(select(model)).scalars())


async def test_yes_to_consent_records_time_version_and_a_screening_key(
    tracker_for, dispatcher, domain
) -> None:
    tracker = tracker_for("yes", intent="affirm", active_loop=None)
    slots = _slots(await ActionRecordConsent().run(dispatcher, tracker, domain))
    assert slots["consent_version"] == context.consent_texts().version
    assert slots["consent_at"] and slots["screening_key"]


@pytest.mark.parametrize("text", ["yuiyui", "asdfgh", "yes probably"])
async def test_a_yes_read_in_words_that_do_not_say_it_asks_again_and_records_nothing(
    tracker_for, dispatcher, domain, text: str
) -> None:
    """The model read these as "yes" (keyboard mash up to 0.99, measured): consent needs the words."""
    events = await ActionRecordConsent().run(
        dispatcher, tracker_for(text, intent="affirm", active_loop=None), domain
    )
    assert events == [UserUtteranceReverted()]
    assert dispatcher.messages[0]["response"] == "utter_consent_reask"


@pytest.mark.parametrize("text", ["/affirm", "i agree", "yes please"])
async def test_the_yes_button_or_plain_agreement_records_consent(
    tracker_for, dispatcher, domain, text: str
) -> None:
    events = await ActionRecordConsent().run(
        dispatcher, tracker_for(text, intent="affirm", active_loop=None), domain
    )
    assert _slots(events)["consent_at"] and not dispatcher.messages


async def test_no_consent_means_no_questions_and_nothing_saved(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("no", intent="deny", active_loop=None)
    events = await ActionConsentDeclined().run(dispatcher, tracker, domain)
    assert not any(event.get("name") in ("consent_at", "screening_key") for event in events)
    assert dispatcher.messages[0]["response"] == "utter_consent_declined"
    assert _rows(Screening) == []


async def test_likely_eligible_outcome_is_stored_once_with_consent(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("yes", slots={**LIKELY, **CONSENTED}, active_loop=None)
    for _ in range(2):  # a retried action must not duplicate the lead
        events = await ActionPrescreenOutcome().run(dispatcher, tracker, domain)
    assert _slots(events)["prescreen_outcome"] == "likely_eligible"
    (row,) = _rows(Screening)
    assert row.answers["age"] == 54 and row.consent_version == "2026-11-25.1"
    text = dispatcher.messages[0]["text"].lower()
    assert "may be able to take part" in text and "you are eligible" not in text


async def test_not_eligible_outcome_is_stored_anonymously(tracker_for, dispatcher, domain) -> None:
    slots = {**CONSENTED, "age": Answer("ok", 17).to_dict()}
    tracker = tracker_for("17", slots=slots, active_loop=None)
    events = await ActionPrescreenOutcome().run(dispatcher, tracker, domain)
    assert _slots(events)["prescreen_outcome"] == "not_eligible"
    (row,) = _rows(Screening)
    assert row.answers == {} and row.consent_at is None and row.reasons


async def test_invalid_email_is_refused_with_a_kind_message(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("jane@", slots={"requested_slot": "contact_reach"}, active_loop="contact_form")
    slots = _slots(await ValidateContactForm().run(dispatcher, tracker, domain))
    assert slots["contact_reach"] is None
    said = dispatcher.messages[0]["response"]
    assert said.startswith("utter_contact_email") and "email" in text(said).lower()


async def test_french_mobile_number_is_normalised(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for(
        "06 12 34 56 78", slots={"requested_slot": "contact_reach"}, active_loop="contact_form"
    )
    slots = _slots(await ValidateContactForm().run(dispatcher, tracker, domain))
    assert slots["contact_phone"] == "+33612345678"


async def test_contact_after_a_promising_prescreen_opens_one_referral(
    tracker_for, dispatcher, domain
) -> None:
    base = {**LIKELY, **CONSENTED}
    outcome_tracker = tracker_for("yes", slots=base, active_loop=None)
    await ActionPrescreenOutcome().run(dispatcher, outcome_tracker, domain)
    contact = {
        "prescreen_outcome": "likely_eligible",
        "contact_name": "Jane Doe",
        "contact_email": "jane@example.org",
        "contact_time": "mornings",
        "screening_id": 1,
    }
    tracker = tracker_for("mornings", slots={**base, **contact}, active_loop=None)
    for _ in range(2):  # double submit
        await ActionSubmitContact().run(dispatcher, tracker, domain)
    (referral,) = _rows(Referral)
    (stored,) = _rows(Contact)
    (screening,) = _rows(Screening)
    assert referral.status == "new" and referral.screening_id == screening.id and not screening.is_handoff
    assert "jane@example.org" not in str(stored.email_token)


async def test_talk_to_a_person_without_prescreen_is_a_handoff(tracker_for, dispatcher, domain) -> None:
    slots = {**CONSENTED, "handoff_requested": True, "contact_name": "Sam", "contact_phone": "+33612345678"}
    await ActionSubmitContact().run(
        dispatcher, tracker_for("any time", slots=slots, active_loop=None), domain
    )
    (screening,) = _rows(Screening)
    assert screening.is_handoff and screening.outcome is None
