"""The actions in a French conversation (language slot "fr"), with real trackers and a real leads
database: questions, re-asks, "why do you ask", consent version and outcome in French, the lead
stored with its language; the same actions in English are unchanged."""

from __future__ import annotations

from sqlalchemy import select

from actions import context
from actions.consent import ActionRecordConsent
from actions.prescreen_form import ValidatePrescreenForm
from actions.prescreen_outcome import ActionPrescreenOutcome
from actions.prescreen_questions import ASK_ACTIONS, ActionExplainQuestion
from actions.referral import ActionSubmitContact
from bot.eligibility import Answer, parse_answer
from bot.storage.models import Screening
from bot.texts import text

FRENCH = {"language": "fr"}
TYPED = {
    "age": "54", "antibody": "Jo-1", "ild_on_ct": "yes", "recent_drugs": "no", "drug_failed_before": "no",
    "pregnancy": "no", "checklist": "none", "lung_function": "yes", "social_security": "yes",
    "contraception": "yes",
}  # fmt: skip
LIKELY = {slot: parse_answer(slot, typed, context.today()).to_dict() for slot, typed in TYPED.items()}
CONSENTED = {
    "consent_at": "2026-12-02T10:00:00+00:00",
    "consent_version": "2026-12-02.fr.1",
    "screening_key": "k-fr",
}


def _slots(events: list) -> dict:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def _ask(slot: str):
    return next(action for action in ASK_ACTIONS if action().name() == f"action_ask_{slot}")()


def _screenings() -> list[Screening]:
    with context.database().session_scope() as session:
        return list(session.execute(select(Screening)).scalars())


async def test_the_first_question_is_asked_in_french_with_french_buttons(
    tracker_for, dispatcher, domain
) -> None:
    tracker = tracker_for("oui", slots={**FRENCH, "requested_slot": "social_security"})
    await _ask("social_security").run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["text"] == f"Question 1 sur 10\n\n{context.criteria('fr').slot('social_security').prompt}"
    assert "Sécurité sociale" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Oui", "Non", "Je ne sais pas"]
    assert [b["payload"] for b in message["buttons"]] == ["Yes", "No", "Not sure"]  # read as typed


async def test_the_same_question_in_english_is_unchanged(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("yes", slots={"requested_slot": "social_security"})
    await _ask("social_security").run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["text"] == f"Question 1 of 10\n\n{context.criteria().slot('social_security').prompt}"
    assert [b["title"] for b in message["buttons"]] == ["Yes", "No", "Not sure"]


async def test_a_second_ask_in_french_offers_french_quick_replies(tracker_for, dispatcher, domain) -> None:
    slots = {**FRENCH, "requested_slot": "age", "asked_slot": "age", "ask_count": 1}
    await _ask("age").run(dispatcher, tracker_for("???", slots=slots), domain)
    second = dispatcher.messages[-1]
    assert second["text"] == context.criteria("fr").dialogue["second_ask"]
    assert [b["title"] for b in second["buttons"]] == [
        text("button_not_sure", "fr"),
        "Parler à un coordinateur",
    ]
    assert second["buttons"][0]["payload"] == "Not sure"


async def test_an_unusable_answer_is_re_asked_in_french(tracker_for, dispatcher, domain) -> None:
    slots = {**FRENCH, "requested_slot": "age", "asked_slot": "age", "ask_count": 1}
    result = _slots(await ValidatePrescreenForm().run(dispatcher, tracker_for("abc", slots=slots), domain))
    assert result["age"] is None
    assert result["reask_text"] == context.criteria("fr").slot("age").reask


async def test_why_do_you_ask_is_answered_in_french(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("pourquoi vous demandez ca", "why_ask", slots={**FRENCH, "requested_slot": "age"})
    await ActionExplainQuestion().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == context.criteria("fr").slot("age").why_we_ask
    assert dispatcher.messages[0]["text"] != context.criteria().slot("age").why_we_ask


async def test_consent_in_french_records_the_french_version(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("/affirm", "affirm", slots=FRENCH, active_loop=None)
    slots = _slots(await ActionRecordConsent().run(dispatcher, tracker, domain))
    assert slots["consent_version"] == context.consent_texts("fr").version == "2026-12-02.fr.1"
    assert context.consent_texts("fr").version != context.consent_texts().version


async def test_the_outcome_is_said_in_french_and_the_lead_stores_the_language(
    tracker_for, dispatcher, domain
) -> None:
    tracker = tracker_for("oui", slots={**LIKELY, **CONSENTED, **FRENCH}, active_loop=None)
    events = await ActionPrescreenOutcome().run(dispatcher, tracker, domain)
    assert _slots(events)["prescreen_outcome"] == "likely_eligible"
    assert dispatcher.messages[0]["text"].startswith(context.criteria("fr").texts.likely_eligible)
    (row,) = _screenings()
    assert row.language == "fr" and row.consent_version == "2026-12-02.fr.1"


async def test_reasons_are_said_in_french_but_stored_as_the_criteria_name_them(
    tracker_for, dispatcher, domain
) -> None:
    slots = {**CONSENTED, **FRENCH, "age": Answer("ok", 17).to_dict()}
    await ActionPrescreenOutcome().run(dispatcher, tracker_for("17", slots=slots, active_loop=None), domain)
    said = dispatcher.messages[0]["text"]
    assert context.criteria("fr").texts.not_eligible in said
    (row,) = _screenings()
    assert row.outcome == "not_eligible" and row.language == "fr"
    assert all(reason in {c.label for c in context.criteria().criteria} for reason in row.reasons)


async def test_an_english_conversation_stores_english(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("yes", slots={**LIKELY, **CONSENTED}, active_loop=None)
    await ActionPrescreenOutcome().run(dispatcher, tracker, domain)
    assert "may be able to take part" in dispatcher.messages[0]["text"]
    (row,) = _screenings()
    assert row.language == "en"


async def test_a_french_handoff_is_stored_as_french(tracker_for, dispatcher, domain) -> None:
    slots = {
        **FRENCH,
        "contact_name": "Marie Curie",
        "contact_email": "marie@example.fr",
        "contact_time": "le matin",
        "consent_at": "2026-12-02T10:00:00+00:00",
        "consent_version": "2026-12-02.fr.1",
        "handoff_requested": True,
    }
    await ActionSubmitContact().run(
        dispatcher, tracker_for("le matin", slots=slots, active_loop=None), domain
    )
    (row,) = _screenings()
    assert row.is_handoff and row.language == "fr"
