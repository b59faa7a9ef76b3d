"""Explicit consent before any health question or contact detail (GDPR art. 9).

Asked as a plain yes/no question (rules in data/rules/ route the answer), with the texts
(utter_consent_* responses) and their version from data/content/consent.yml. No consent:
nothing is asked or saved. Consent
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
from actions.prescreen_form import MAX_ASKS
from actions.prescreen_questions import prescreen_reset_events
from bot.eligibility.conversation import person_agrees, speaks_for_other
from bot.eligibility.volunteered import confirmation, volunteered_answers
from bot.leads.consent import is_explicit_yes, retention_months

# What ends one pre-screen: texts before it belong to an earlier one.
PRESCREEN_ENDS = frozenset({"action_prescreen_outcome", "action_stop_prescreen", "action_consent_declined"})


def texts_since_start(tracker: Tracker) -> list[str]:
    """What the person wrote since the last pre-screen ended, oldest first (the opening story)."""
    texts: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in PRESCREEN_ENDS:
            break
        if event.get("event") == "user" and not str(event.get("text") or "").startswith("/"):
            texts.append(str(event.get("text") or ""))
    return texts[::-1]


def answer_asked_alongside(tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """ "How long is the study? I'd like to join": the study question is answered too."""
    message = tracker.latest_message or {}
    asked = (message.get("nlu_intent") or {}).get("name")
    selected = ((message.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    if asked == "faq" and selected.get("utter_action"):
        dispatcher.utter_message(response=selected["utter_action"])


def retention() -> dict[str, int]:
    """The value the consent texts name: how long answers are kept."""
    return {"retention_months": retention_months(context.settings().retention_days)}


def consent_asks(tracker: Tracker) -> int:
    """How many times in a row the consent question was asked (the last bot steps were all it)."""
    return int(tracker.get_slot("consent_asks") or 0)


class ActionAskConsent(Action):
    """Before the pre-screen: what is asked, who sees it, how long it is kept, how to delete it."""

    def name(self) -> str:
        return "action_ask_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = tracker.get_intent_of_latest_message()
        count = 1 if intent == "start_prescreen" else consent_asks(tracker) + 1
        if count > MAX_ASKS:  # never a third time in a row: leave it, the door stays open
            dispatcher.utter_message(
                text=context.criteria(context.language(tracker)).dialogue["consent_moved_on"]
            )
            return [SlotSet("consent_asks", 0)]
        answer_asked_alongside(tracker, dispatcher)
        repeat = intent == "not_sure" or count == MAX_ASKS
        if repeat:
            dispatcher.utter_message(response="utter_consent_reask")
        else:
            dispatcher.utter_message(response="utter_consent_request", **retention())
        # a new pre-screen starts from blank answers (someone may be starting again after a mistake)
        return [
            *prescreen_reset_events(),
            SlotSet("handoff_requested", False),
            SlotSet("consent_asks", count),
        ]


class ActionAskHandoffConsent(Action):
    """Before taking contact details for a coordinator."""

    def name(self) -> str:
        return "action_ask_handoff_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_intent_of_latest_message() == "not_sure":
            dispatcher.utter_message(response="utter_consent_reask")
        else:
            dispatcher.utter_message(response="utter_consent_handoff_request", **retention())
        return [SlotSet("handoff_requested", True)]


class ActionRecordConsent(Action):
    """Records when consent was given and to which text version; a new pre-screen gets a new key."""

    def name(self) -> str:
        return "action_record_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = context.latest_text(tracker)
        if not is_explicit_yes(text):
            dispatcher.utter_message(response="utter_consent_reask")
            return [UserUtteranceReverted()]  # back to the consent question, still unanswered
        storage.funnel(tracker.sender_id, "consent_given")
        events: list[EventType] = [
            SlotSet("consent_at", context.now().isoformat()),
            SlotSet("consent_version", context.consent_texts(context.language(tracker)).version),
        ]
        events.append(SlotSet("consent_asks", 0))
        if not tracker.get_slot("handoff_requested"):
            storage.funnel(tracker.sender_id, "prescreen_started")
            events.append(SlotSet("screening_key", uuid.uuid4().hex))
            events += story_events(tracker, dispatcher)
        return events


def story_events(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """What the opening already said: answers kept (and said back), and who is writing for whom."""
    texts = texts_since_start(tracker)
    events: list[EventType] = []
    if any(speaks_for_other(text) for text in texts):
        events.append(SlotSet("speaks_for", "other"))
        if any(person_agrees(text) for text in texts):
            events.append(SlotSet("proxy_agrees", "yes"))
    answers = volunteered_answers(texts, context.today(), context.criteria())
    if answers:
        language = context.language(tracker)  # measured: a French opening was confirmed in English
        wording = context.criteria(language)
        dispatcher.utter_message(text=confirmation(wording, answers, context.today(), language))
    return [*events, *(SlotSet(slot, answer.to_dict()) for slot, answer in answers.items())]


class ActionConsentDeclined(Action):
    """No consent: no health question, nothing saved; the person can keep asking about the study."""

    def name(self) -> str:
        return "action_consent_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_consent_declined")
        return [SlotSet("handoff_requested", False), SlotSet("consent_asks", 0)]
