"""Asking the pre-screen questions, explaining them, and stopping: texts come from criteria.yml."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context
from actions.prescreen_form import MAX_BAD_ANSWERS
from bot.leads.conversations import request_erasure

OFFER_HANDOFF = (
    "This seems hard to answer here, and that's okay. Would you rather have a study coordinator "
    "contact you to go through it together?"
)


def buttons_for(slot: str) -> list[dict[str, str]]:
    """Quick replies send their own words, so they are read exactly like typed answers."""
    return [{"title": title, "payload": title} for title in context.criteria().slot(slot).buttons]


class AskSlotAction(Action, ABC):
    """Asks one question; after an unusable answer, the kind re-ask that says what is needed."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The pre-screen slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = context.criteria().slot(self.slot)
        reask = tracker.get_slot("reask_text")
        dispatcher.utter_message(text=reask or spec.prompt, buttons=buttons_for(self.slot))
        if int(tracker.get_slot("bad_answer_count") or 0) >= MAX_BAD_ANSWERS:
            dispatcher.utter_message(
                text=OFFER_HANDOFF,
                buttons=[
                    {"title": "Talk to a coordinator", "payload": "/human_handoff"},
                    {"title": "Stop the questions", "payload": "/stop_prescreen"},
                ],
            )
        return [SlotSet("reask_text", None)]


def _ask_action(slot: str) -> type[AskSlotAction]:
    return type(f"ActionAsk_{slot}", (AskSlotAction,), {"slot": slot, "__module__": __name__})


# One action_ask_<slot> per question in criteria.yml (the domain lists the same names; a test checks).
ASK_ACTIONS = [_ask_action(slot) for slot in context.criteria().slot_names]


class ActionExplainQuestion(Action):
    """ "Why do you ask?": the current question's reason, in one or two plain sentences."""

    def name(self) -> str:
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slot = tracker.get_slot("requested_slot")
        if slot in context.criteria().slot_names:
            dispatcher.utter_message(text=context.criteria().slot(slot).why_we_ask)
        else:
            dispatcher.utter_message(
                text="I ask only what the study's rules need, to see if it may be a fit for you."
            )
        return []


def prescreen_reset_events() -> list[EventType]:
    """Clears every answer and the pre-screen's bookkeeping."""
    names: list[str] = [*context.criteria().slot_names, "requested_slot", "reask_text", "prescreen_outcome"]
    events: list[EventType] = [SlotSet(name, None) for name in names]
    return [*events, SlotSet("bad_answer_count", 0), SlotSet("screening_pending", False)]


class ActionStopPrescreen(Action):
    """ "Stop": end the questions, keep none of the answers, and say so."""

    def name(self) -> str:
        return "action_stop_prescreen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # the answers also sit in the stored conversation: queue its erasure for after this turn
        request_erasure(context.settings(), tracker.sender_id)
        # nor is a referral the database refused earlier saved later (actions/pending.py)
        events: list[Any] = [ActiveLoop(None), *prescreen_reset_events(), SlotSet("referral_pending", False)]
        return events
