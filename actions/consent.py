"""Explicit consent before any health question or contact detail (GDPR art. 9).

Asked as a plain yes/no question (rules in data/rules/ route the answer), with texts and
their version from data/content/consent.yml. No consent: nothing is asked or saved. Consent
needs words that say yes: when the model reads "yes" in words that do not say it (keyboard mash,
"probably"), the question is asked again and the message is forgotten, as Rasa's own fallback does.
"""

from __future__ import annotations

import uuid

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from actions.prescreen_questions import prescreen_reset_events
from bot.leads.consent import is_explicit_yes

CONSENT_BUTTONS = [{"title": "Yes, I agree", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


class ActionAskConsent(Action):
    """Before the pre-screen: what is asked, who sees it, how long it is kept, how to delete it."""

    def name(self) -> str:
        return "action_ask_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        texts = context.consent_texts()
        repeat = tracker.get_intent_of_latest_message() == "not_sure"
        dispatcher.utter_message(text=texts.reask if repeat else texts.request, buttons=CONSENT_BUTTONS)
        # a new pre-screen starts from blank answers (someone may be starting again after a mistake)
        return [*prescreen_reset_events(), SlotSet("handoff_requested", False)]


class ActionAskHandoffConsent(Action):
    """Before taking contact details for a coordinator."""

    def name(self) -> str:
        return "action_ask_handoff_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        texts = context.consent_texts()
        repeat = tracker.get_intent_of_latest_message() == "not_sure"
        dispatcher.utter_message(
            text=texts.reask if repeat else texts.handoff_request, buttons=CONSENT_BUTTONS
        )
        return [SlotSet("handoff_requested", True)]


class ActionRecordConsent(Action):
    """Records when consent was given and to which text version; a new pre-screen gets a new key."""

    def name(self) -> str:
        return "action_record_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not is_explicit_yes(context.latest_text(tracker)):
            dispatcher.utter_message(text=context.consent_texts().reask, buttons=CONSENT_BUTTONS)
            return [UserUtteranceReverted()]  # back to the consent question, still unanswered
        storage.funnel(tracker.sender_id, "consent_given")
        events: list[EventType] = [
            SlotSet("consent_at", context.now().isoformat()),
            SlotSet("consent_version", context.consent_texts().version),
        ]
        if not tracker.get_slot("handoff_requested"):
            storage.funnel(tracker.sender_id, "prescreen_started")
            events.append(SlotSet("screening_key", uuid.uuid4().hex))
        return events


class ActionConsentDeclined(Action):
    """No consent: no health question, nothing saved; the person can keep asking about the study."""

    def name(self) -> str:
        return "action_consent_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=context.consent_texts().declined)
        return [SlotSet("handoff_requested", False)]
