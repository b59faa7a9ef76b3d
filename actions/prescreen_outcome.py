"""The end of the pre-screen: the outcome in plain words, stored once, then the next step."""

from __future__ import annotations

from datetime import datetime

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from bot.eligibility import Outcome, evaluate
from bot.leads.handover import PrescreenRecord, record_outcome


def save_outcome(tracker: Tracker) -> tuple[Outcome, int | None]:
    """Evaluate and store this pre-screen (idempotent on its key); the id is None if the database failed."""
    answers = context.answers_from(tracker)
    outcome = evaluate(context.criteria(), answers, context.today())
    consent_at = tracker.get_slot("consent_at")
    record = PrescreenRecord(
        conversation_id=tracker.sender_id,
        screening_key=tracker.get_slot("screening_key") or "",
        answers=answers,
        consent_at=datetime.fromisoformat(consent_at) if consent_at else None,
        consent_version=tracker.get_slot("consent_version"),
        language=context.language(tracker),
    )
    screening_id = storage.write(
        lambda session: record_outcome(session, context.criteria(), record, outcome, context.today())
    )
    return outcome, screening_id


def said_outcome(tracker: Tracker) -> Outcome:
    """The outcome with its reasons in the conversation's language (the stored one keeps the
    criteria's own English labels, whatever the language, so reports compare)."""
    return evaluate(
        context.criteria(context.language(tracker)), context.answers_from(tracker), context.today()
    )


class ActionPrescreenOutcome(Action):
    def name(self) -> str:
        return "action_prescreen_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("proxy_agrees") == "no":  # the person spoken for did not agree: keep nothing
            dispatcher.utter_message(
                text=context.criteria(context.language(tracker)).dialogue["proxy_declined"]
            )
            return [SlotSet("prescreen_outcome", None), SlotSet("screening_pending", False)]
        outcome, screening_id = save_outcome(tracker)
        dispatcher.utter_message(text=said_outcome(tracker).message())
        if screening_id is None:  # actions/pending.py saves it on the next message
            dispatcher.utter_message(response="utter_save_failed")
        return [
            SlotSet("prescreen_outcome", outcome.outcome),
            SlotSet("screening_id", screening_id),
            SlotSet("screening_pending", screening_id is None),
        ]
