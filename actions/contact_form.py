"""validate_contact_form: name, then an email or phone number, then a good time to call.

Asked only after consent, and only when there is something a coordinator can act on: a
promising pre-screen or "I want to talk to a person". Nothing is written until all is valid.
Rasa asks each question itself (utter_ask_<slot>); the validator counts the asks, so that a
detail is asked at most twice (the second time with a way out) and then left.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import context
from actions.prescreen_form import MAX_ASKS
from bot.chat.language import SPOKEN
from bot.eligibility.conversation import contact_in_text
from bot.eligibility.parsers.text import has_phrase, normalise
from bot.leads.contact import (
    ValidationError,
    validate_email,
    validate_name,
    validate_phone,
    validate_preferred_time,
)

CONTACT_SLOTS = ("contact_name", "contact_reach", "contact_time")
GIVE_UP = {"contact_name": "(not given)", "contact_reach": "none", "contact_time": "any time"}


NOT_GIVEN = "(not given)"  # a name or time the person chose not to give: stored as such
NO_REACH = "none"


def skipped(value: str) -> bool:
    """ "skip", "rather not", "any time": the person chose not to give this detail."""
    words = [
        word.strip()
        for language in SPOKEN  # read in every language: "passer" is understood in any conversation
        for word in context.criteria(language).dialogue["skip_words"].split(",")
    ]
    return has_phrase(normalise(value), words)


def _reach(value: str) -> dict[str, Any]:
    """An email if there is one, otherwise a phone number (both kept when both are typed)."""
    found = contact_in_text(value)
    if value == NO_REACH:
        return {"contact_reach": NO_REACH, "contact_email": None, "contact_phone": None}
    if found.email or "@" in value:
        phone = validate_phone(found.phone) if found.phone else None
        return {
            "contact_reach": value,
            "contact_email": validate_email(found.email or value),
            "contact_phone": phone,
        }
    return {
        "contact_reach": value,
        "contact_email": None,
        "contact_phone": validate_phone(found.phone or value),
    }


def _name(value: str) -> str:
    if value == NOT_GIVEN or skipped(value):
        return NOT_GIVEN
    found = contact_in_text(value)
    return validate_name(found.name or value)


def _time(value: str) -> str:
    return "any time" if skipped(value) else validate_preferred_time(value)


class ValidateContactForm(FormValidationAction):
    def __init__(self) -> None:
        super().__init__()
        self.asked_twice: dict[str, bool] = {}

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
        if value is None:  # cleared, not answered: nothing to check or to complain about
            return {slot: None}
        try:
            result = check(str(value or ""))
        except ValidationError as error:
            if self.asked_twice.get(slot):  # never a third time: go on without this detail
                result = check(GIVE_UP[slot])
            else:
                dispatcher.utter_message(response=error.text_id)
                return {slot: None}
        return result if isinstance(result, dict) else {slot: result}

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked = tracker.get_slot("requested_slot")
        count = asked_times(tracker, asked)
        self.asked_twice = {asked: count >= MAX_ASKS} if asked else {}
        events = await super().run(dispatcher, tracker, domain)
        return [*events, *self._next_ask(dispatcher, tracker, events, asked, count)]

    def _next_ask(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        events: list[EventType],
        asked: str | None,
        count: int,
    ) -> list[EventType]:
        """Count the question Rasa asks next; before its second time, say how to skip it."""
        values = {name: tracker.get_slot(name) for name in CONTACT_SLOTS}
        values.update(
            {e["name"]: e["value"] for e in events if e.get("event") == "slot" and e["name"] in values}
        )
        following = next((name for name in CONTACT_SLOTS if values[name] is None), None)
        if following is None:
            return []
        times = count + 1 if following == asked else 1
        if times == MAX_ASKS:
            dispatcher.utter_message(response="utter_contact_second_ask")
        return [SlotSet("asked_slot", following), SlotSet("ask_count", times)]

    async def validate_contact_name(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contact_name", _name, value, dispatcher)

    async def validate_contact_reach(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contact_reach", _reach, value, dispatcher)

    async def validate_contact_time(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contact_time", _time, value, dispatcher)


class ActionPrefillContact(Action):
    """At the contact offer, an e-mail, phone number or name typed is a yes: keep what it gives,
    so the contact form asks only for what is missing."""

    def name(self) -> str:
        return "action_prefill_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        found = contact_in_text(context.latest_text(tracker))
        # only what was typed is set: a slot set to None here would be "validated" as an empty answer
        events: list[EventType] = [SlotSet("asked_slot", None), SlotSet("ask_count", 0)]
        if found.name:
            events.append(SlotSet("contact_name", found.name))
        if found.email or found.phone:
            events.append(SlotSet("contact_reach", " ".join(filter(None, [found.email, found.phone]))))
        if found.any:
            dispatcher.utter_message(response="utter_contact_prefilled")
        return events


def asked_times(tracker: Tracker, slot: str | None) -> int:
    """How many times in a row ``slot`` was asked (once, if no count was kept for it)."""
    if slot is None:
        return 0
    return max(1, int(tracker.get_slot("ask_count") or 0)) if tracker.get_slot("asked_slot") == slot else 1


def contact_reset_events() -> list[EventType]:
    names = [*CONTACT_SLOTS, "contact_email", "contact_phone", "requested_slot", "asked_slot"]
    return [*(SlotSet(name, None) for name in names), SlotSet("ask_count", 0)]


class ActionStopContact(Action):
    def name(self) -> str:
        return "action_stop_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_contact_stopped")
        return [ActiveLoop(None), *contact_reset_events(), SlotSet("handoff_requested", False)]
