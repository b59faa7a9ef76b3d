"""validate_contact_form: name, then an email or phone number, then a good time to call.

Asked only after consent, and only when there is something a coordinator can act on: a
promising pre-screen or "I want to talk to a person". Nothing is written until all is valid.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import context
from bot.leads.contact import (
    ValidationError,
    validate_email,
    validate_name,
    validate_phone,
    validate_preferred_time,
)

CONTACT_SLOTS = ("contact_name", "contact_reach", "contact_time")
QUESTIONS = {
    "contact_name": "What name should the coordinator use for you?",
    "contact_reach": "What is the best email address or phone number to reach you?",
    "contact_time": 'When is a good time to contact you? (For example "weekday mornings", or "any time".)',
}


def _reach(value: str) -> dict[str, Any]:
    """An email if it looks like one, otherwise a phone number."""
    if "@" in value:
        return {"contact_reach": value, "contact_email": validate_email(value), "contact_phone": None}
    return {"contact_reach": value, "contact_email": None, "contact_phone": validate_phone(value)}


class ValidateContactForm(FormValidationAction):
    def name(self) -> str:
        return "validate_contact_form"

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        if requested not in CONTACT_SLOTS or context.latest_intent(tracker) in context.NEVER_AN_ANSWER:
            return []
        return [SlotSet(requested, context.latest_text(tracker))]

    def _checked(self, slot: str, check: Any, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        try:
            result = check(str(value or ""))
        except ValidationError as error:
            dispatcher.utter_message(text=error.message)
            return {slot: None}
        return result if isinstance(result, dict) else {slot: result}

    async def validate_contact_name(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contact_name", validate_name, value, dispatcher)

    async def validate_contact_reach(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contact_reach", _reach, value, dispatcher)

    async def validate_contact_time(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contact_time", validate_preferred_time, value, dispatcher)


class AskContactAction(Action, ABC):
    """One small action per contact question (Rasa looks them up by name)."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The contact slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=QUESTIONS[self.slot])
        return []


class ActionAskContactName(AskContactAction):
    slot = "contact_name"


class ActionAskContactReach(AskContactAction):
    slot = "contact_reach"


class ActionAskContactTime(AskContactAction):
    slot = "contact_time"


def contact_reset_events() -> list[EventType]:
    names = [*CONTACT_SLOTS, "contact_email", "contact_phone", "requested_slot"]
    return [SlotSet(name, None) for name in names]


class ActionStopContact(Action):
    def name(self) -> str:
        return "action_stop_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Okay, I stopped and saved no contact details. "
            "You can still ask me anything about the study."
        )
        return [ActiveLoop(None), *contact_reset_events(), SlotSet("handoff_requested", False)]
