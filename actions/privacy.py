""" "Delete my data": once confirmed, erase the person's lead, contact, referral and conversation.

The rules ask first (utter_confirm_erasure); asking again right after that question ("DELETE",
its button, "delete my data") confirms. This action checks it again, so that no path (a model
guess, a story) erases without the confirmation right after the question.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context
from bot.leads.erasure import erase_person

log = logging.getLogger(__name__)

CONFIRM_INTENT = "delete_data"
CONFIRM_QUESTION = "utter_confirm_erasure"


def _previous_bot_response(events: list[dict[str, Any]]) -> str | None:
    """The response name of the last bot message before the latest user message."""
    seen_user = False
    for event in reversed(events):
        if event.get("event") == "user" and not seen_user:
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            return (event.get("metadata") or {}).get("utter_action")
    return None


def is_confirmed(tracker: Tracker) -> bool:
    """The latest message confirms, and it answers the confirmation question."""
    return context.latest_intent(tracker) == CONFIRM_INTENT and (
        _previous_bot_response(tracker.events) == CONFIRM_QUESTION
    )


class ActionDeleteData(Action):
    def name(self) -> str:
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not is_confirmed(tracker):
            dispatcher.utter_message(response=CONFIRM_QUESTION)
            return [ActiveLoop(None)]
        try:
            # the database files are compacted by the worker, after this turn's events are erased too
            settings, database = context.settings(), context.database()
            erase_person(settings, tracker.sender_id, actor="person", database=database, compact_now=False)
        except Exception as error:
            log.error("event=erasure_failed error=%s", type(error).__name__)
            dispatcher.utter_message(response="utter_erasure_failed")
            # asked to delete: what could not be saved earlier must not be saved later either
            return [SlotSet("screening_pending", False), SlotSet("referral_pending", False)]
        dispatcher.utter_message(response="utter_erased")
        return [ActiveLoop(None), Restarted()]
