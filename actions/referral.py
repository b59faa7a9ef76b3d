"""Handing over to a coordinator: start the handoff, then store contact and referral once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from actions.contact_form import contact_reset_events
from actions.prescreen_outcome import save_outcome
from bot.leads.contact import validate_contact
from bot.leads.repository import add_contact, create_handoff_referral, find_screening

# The text read when the details are passed on (in criteria.yml with the other conversation texts).
SAVED_TEXT = context.criteria().dialogue["contact_saved"]


class ActionStartHandoff(Action):
    """ "I want to talk to a person", at any point: pause what was going on, then consent and contact."""

    def name(self) -> str:
        return "action_start_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("handoff_requested", True)]


def submit_contact(tracker: Tracker) -> list[EventType] | None:
    """Store the contact (and first the pre-screen outcome, if that could not be saved earlier);
    the events that close the handoff, or None if the database failed (the slots keep everything)."""
    contact = validate_contact(
        name=tracker.get_slot("contact_name") or "",
        email=tracker.get_slot("contact_email") or "",
        phone=tracker.get_slot("contact_phone") or "",
        preferred_time=tracker.get_slot("contact_time") or "",
    )
    consent_at = datetime.fromisoformat(tracker.get_slot("consent_at") or context.now().isoformat())
    consent_version = tracker.get_slot("consent_version") or context.consent_texts().version
    outcome = tracker.get_slot("prescreen_outcome")
    key = tracker.get_slot("screening_key") or "prescreen"
    events: list[EventType] = []
    if outcome in ("likely_eligible", "needs_review") and tracker.get_slot("screening_id") is None:
        # the outcome could not be saved earlier (database down): save it now, idempotently
        _, screening_id = save_outcome(tracker)
        if screening_id is None:
            return None  # never a handoff referral in place of the screening it belongs to
        events += [SlotSet("screening_id", screening_id), SlotSet("screening_pending", False)]

    def save(session: Any) -> int:
        screening = find_screening(session, tracker.sender_id, key)
        if screening is not None and outcome in ("likely_eligible", "needs_review"):
            referral = add_contact(session, context.cipher(), screening_id=screening.id, contact=contact,
                                   consent_version=consent_version, consent_at=consent_at)  # fmt: skip
        else:
            referral = create_handoff_referral(
                session, context.cipher(), conversation_id=tracker.sender_id, contact=contact,
                consent_version=consent_version, consent_at=consent_at, handoff_key=f"handoff-{key}",
            )  # fmt: skip
        return referral.id

    if storage.write(save) is None:
        return None
    return [
        *events,
        *contact_reset_events(),
        SlotSet("handoff_requested", False),
        SlotSet("referral_pending", False),
    ]


class ActionSubmitContact(Action):
    """Attach the contact to this conversation's pre-screen, or open a handoff referral."""

    def name(self) -> str:
        return "action_submit_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not (tracker.get_slot("contact_email") or tracker.get_slot("contact_phone")):
            dispatcher.utter_message(text=context.criteria().dialogue["contact_no_reach"])
            return [*contact_reset_events(), SlotSet("handoff_requested", False)]
        events = submit_contact(tracker)
        if events is None:
            dispatcher.utter_message(text=storage.SAVE_FAILED_TEXT)
            return [SlotSet("referral_pending", True)]
        dispatcher.utter_message(text=SAVED_TEXT)
        return events
