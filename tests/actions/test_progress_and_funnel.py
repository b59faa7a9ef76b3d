"""The pre-screen tells people where they are, the end says what happens next with a reference
to quote, and every step is counted in the funnel without personal data."""

from __future__ import annotations

from sqlalchemy import select

from actions import context
from actions.prescreen_outcome import ActionPrescreenOutcome
from actions.prescreen_questions import ask
from actions.referral import ActionSubmitContact
from bot.leads.funnel import funnel_counts
from bot.storage.models import FunnelEvent
from tests.actions.test_leads_actions import CONSENTED, LIKELY


def _counts() -> dict[str, int]:
    with context.database().session_scope() as session:
        return funnel_counts(session)


def test_each_question_says_its_number_out_of_the_criteria_count(tracker_for, dispatcher) -> None:
    total = len(context.criteria().slot_names)
    answered = {slot: LIKELY[slot] for slot in ("age", "social_security", "antibody")}
    ask("ild_on_ct", dispatcher, tracker_for("Jo-1", slots=answered))
    text = dispatcher.messages[0]["text"]
    assert text.startswith(f"Question 4 of {total}\n\n")
    assert text.endswith(context.criteria().slot("ild_on_ct").prompt)
    assert dispatcher.messages[0]["buttons"], "the buttons stay with the question"


def test_the_relatives_question_is_not_numbered(tracker_for, dispatcher) -> None:
    ask("proxy_agrees", dispatcher, tracker_for("yes", slots={"speaks_for": "other"}))
    assert not dispatcher.messages[0]["text"].startswith("Question")


async def test_the_end_gives_a_reference_and_the_promised_reply_time(tracker_for, dispatcher, domain) -> None:
    slots = {**CONSENTED, "handoff_requested": True, "contact_name": "Sam", "contact_phone": "+33612345678"}
    tracker = tracker_for("any time", slots=slots, active_loop=None)
    await ActionSubmitContact().run(dispatcher, tracker, domain)
    said = dispatcher.messages[-1]["text"]
    reference = context.cipher().short_reference(tracker.sender_id)
    days = context.settings().coordinator_reply_days
    assert f"within {days} working days" in said and reference in said
    assert context.cipher().reference(tracker.sender_id).upper().startswith(reference.replace("-", ""))


async def test_outcome_and_contact_are_counted_by_kind_only(tracker_for, dispatcher, domain) -> None:
    base = {**LIKELY, **CONSENTED}
    await ActionPrescreenOutcome().run(dispatcher, tracker_for("yes", slots=base, active_loop=None), domain)
    contact = {"prescreen_outcome": "likely_eligible", "contact_name": "Jane Doe",
               "contact_email": "jane@example.org", "screening_id": 1}  # fmt: skip
    tracker = tracker_for("mornings", slots={**base, **contact}, active_loop=None)
    await ActionSubmitContact().run(dispatcher, tracker, domain)
    counts = _counts()
    assert counts["prescreen_finished"] == counts["outcome:likely_eligible"] == counts["contact_given"] == 1
    with context.database().session_scope() as session:
        stored = " ".join(
            f"{row.session_ref} {row.event}" for row in session.execute(select(FunnelEvent)).scalars()
        )
    assert "jane" not in stored.lower() and tracker.sender_id not in stored


async def test_a_request_for_a_person_counts_as_a_handoff(tracker_for, dispatcher, domain) -> None:
    slots = {**CONSENTED, "handoff_requested": True, "contact_name": "Sam", "contact_phone": "+33612345678"}
    await ActionSubmitContact().run(
        dispatcher, tracker_for("any time", slots=slots, active_loop=None), domain
    )
    assert _counts()["outcome:handoff"] == 1


async def test_an_answered_question_is_counted_by_its_slot_name(tracker_for, dispatcher, domain) -> None:
    from actions.prescreen_form import ValidatePrescreenForm

    tracker = tracker_for("I am 54", slots={"requested_slot": "age"})
    await ValidatePrescreenForm().run(dispatcher, tracker, domain)
    await ValidatePrescreenForm().run(
        dispatcher, tracker_for("purple monkey", slots={"requested_slot": "antibody"}), domain
    )
    counts = _counts()
    assert counts.get("question_answered:age") == 1
    assert "question_answered:antibody" not in counts, "an unusable answer is not an answered question"
