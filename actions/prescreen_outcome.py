"""The end of the pre-screen: the outcome in plain words, stored once, then the next step."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from bot.eligibility import Answer, Outcome, evaluate
from bot.eligibility.answer_types import type_of
from bot.eligibility.readings import reading
from bot.leads.repository import record_screening


def stored_answers(answers: dict[str, Answer]) -> dict[str, Any]:
    """What coordinators read: the parsed value, or "not sure" where the person did not know or
    hedged (an age stays a number, or empty); and under "readings" the short meaning of each
    answer ("PL-7", "clear", "unsure") that the evaluation checks."""
    stored: dict[str, Any] = {}
    readings: dict[str, Any] = {}
    for slot, answer in answers.items():
        readings[slot] = reading(context.criteria(), slot, answer, context.today())
        if type_of(context.criteria(), slot).whole_number:
            stored[slot] = answer.value if isinstance(answer.value, int) else None
        elif answer.status != "ok" or readings[slot] == "unsure":
            stored[slot] = "not sure"
        else:
            stored[slot] = answer.value
    return {**stored, "readings": readings}


def save_outcome(tracker: Tracker) -> tuple[Outcome, int | None]:
    """Evaluate and store this pre-screen (idempotent on its key); the id is None if the database failed."""
    answers = context.answers_from(tracker)
    outcome = evaluate(context.criteria(), answers, context.today())
    consent_at = tracker.get_slot("consent_at")

    def save(session: Any) -> int:
        screening = record_screening(
            session,
            conversation_id=tracker.sender_id,
            screening_key=tracker.get_slot("screening_key") or "prescreen",
            outcome=outcome.outcome,
            reasons=[reason.label for reason in outcome.reasons],
            answers=stored_answers(answers),
            criteria_version=outcome.criteria_version,
            unknowns=[reason.label for reason in outcome.unknowns],
            consent_at=datetime.fromisoformat(consent_at) if consent_at else None,
            consent_version=tracker.get_slot("consent_version"),
        )
        return screening.id

    return outcome, storage.write(save)


class ActionPrescreenOutcome(Action):
    def name(self) -> str:
        return "action_prescreen_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("proxy_agrees") == "no":  # the person spoken for did not agree: keep nothing
            dispatcher.utter_message(text=context.criteria().dialogue["proxy_declined"])
            return [SlotSet("prescreen_outcome", None), SlotSet("screening_pending", False)]
        outcome, screening_id = save_outcome(tracker)
        storage.funnel(tracker.sender_id, "prescreen_finished")
        dispatcher.utter_message(text=outcome.message())
        if screening_id is None:  # actions/pending.py saves it on the next message
            dispatcher.utter_message(text=storage.SAVE_FAILED_TEXT)
        return [
            SlotSet("prescreen_outcome", outcome.outcome),
            SlotSet("screening_id", screening_id),
            SlotSet("screening_pending", screening_id is None),
        ]
