"""validate_consent_form: explicit consent before any health question or contact detail (GDPR art. 9)."""

from __future__ import annotations

import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import context, storage

CONSENT_BUTTONS = [{"title": "Yes, I agree", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
AGREE_INTENTS = {"affirm": True, "deny": False, "stop_prescreen": False}


class ValidateConsentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_consent_form"

    async def extract_consent_given(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "consent_given":
            return {}
        intent = context.latest_intent(tracker)
        if intent in AGREE_INTENTS:
            return {"consent_given": AGREE_INTENTS[intent]}
        if intent in context.NEVER_AN_ANSWER or intent in context.MAYBE_AN_ANSWER:
            return {}  # a question first ("who sees my answers?"): answered, then consent is asked again
        return {"consent_given": "unclear"}

    async def validate_consent_given(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True and tracker.get_slot("consent_at"):
            return {"consent_given": True}  # consent already on record in this conversation: keep it
        if value is True:
            storage.funnel(tracker.sender_id, "consent_given")
            return {
                "consent_given": True,
                "consent_at": context.now().isoformat(),
                "consent_version": context.consent_texts().version,
                "screening_key": uuid.uuid4().hex,
            }
        if value is False:
            return {"consent_given": False}
        dispatcher.utter_message(text=context.consent_texts().reask, buttons=CONSENT_BUTTONS)
        return {"consent_given": None}


class ActionAskConsentGiven(Action):
    def name(self) -> str:
        return "action_ask_consent_given"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        texts = context.consent_texts()
        text = texts.handoff_request if tracker.get_slot("handoff_requested") else texts.request
        dispatcher.utter_message(text=text, buttons=CONSENT_BUTTONS)
        return []


class ActionAfterConsent(Action):
    """Declined: nothing saved, say so. Agreed: the questions, or contact details for a handoff."""

    def name(self) -> str:
        return "action_after_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("consent_given") is not True:
            dispatcher.utter_message(text=context.consent_texts().declined)
            return [SlotSet("consent_given", None), SlotSet("handoff_requested", False)]
        if tracker.get_slot("handoff_requested"):
            return [FollowupAction("contact_form")]
        storage.funnel(tracker.sender_id, "prescreen_started")
        return [FollowupAction("prescreen_form")]
