"""Handing over to a coordinator: start the handoff, then store contact and referral once.

Where the contact goes is decided by bot/leads/handover.py; this reads the conversation's slots.
"""

from __future__ import annotations

from datetime import datetime

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from actions.contact_form import contact_reset_events
from actions.prescreen_outcome import save_outcome
from bot import texts
from bot.leads.handover import contact_request, outcome_to_save_first, save_contact


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
    request = contact_request(
        conversation_id=tracker.sender_id,
        screening_key=tracker.get_slot("screening_key"),
        outcome=tracker.get_slot("prescreen_outcome"),
        details={
            "name": tracker.get_slot("contact_name"),
            "email": tracker.get_slot("contact_email"),
            "phone": tracker.get_slot("contact_phone"),
            "preferred_time": tracker.get_slot("contact_time"),
        },
        consent_version=tracker.get_slot("consent_version")
        or context.consent_texts(context.language(tracker)).version,
        consent_at=datetime.fromisoformat(tracker.get_slot("consent_at") or context.now().isoformat()),
        language=context.language(tracker),
    )
    events: list[EventType] = []
    if outcome_to_save_first(request.outcome, tracker.get_slot("screening_id")):
        _, screening_id = save_outcome(tracker)
        if screening_id is None:
            return None
        events += [SlotSet("screening_id", screening_id), SlotSet("screening_pending", False)]
    if storage.write(lambda session: save_contact(session, context.cipher(), request)) is None:
        return None
    return [
        *events,
        *contact_reset_events(),
        SlotSet("handoff_requested", False),
        SlotSet("referral_pending", False),
    ]


def next_steps(tracker: Tracker) -> str:
    """What happens next and when, with a reference the person can quote."""
    return texts.text(
        "contact_next_steps",
        context.language(tracker),
        days=context.settings().coordinator_reply_days,
        reference=context.cipher().short_reference(tracker.sender_id),
    )


class ActionSubmitContact(Action):
    """Attach the contact to this conversation's pre-screen, or open a handoff referral."""

    def name(self) -> str:
        return "action_submit_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not (tracker.get_slot("contact_email") or tracker.get_slot("contact_phone")):
            dispatcher.utter_message(response="utter_contact_no_reach")
            return [*contact_reset_events(), SlotSet("handoff_requested", False)]
        events = submit_contact(tracker)
        if events is None:
            dispatcher.utter_message(response="utter_save_failed")
            return [SlotSet("referral_pending", True)]
        dispatcher.utter_message(response="utter_contact_saved")
        dispatcher.utter_message(text=next_steps(tracker))
        return events
