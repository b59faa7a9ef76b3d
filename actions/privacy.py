""" "Delete my data": erase the person's lead, contact, referral and conversation, and say so."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from bot.leads.conversations import request_erasure
from bot.leads.retention import erase_conversation

ERASED_TEXT = (
    "Done: I deleted your answers, your contact details and this conversation. "
    "Nothing about you is kept. You can still ask me anything about the study."
)


class ActionDeleteData(Action):
    def name(self) -> str:
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        erased = storage.write(lambda session: erase_conversation(session, tracker.sender_id, actor="person"))
        if erased is None:
            dispatcher.utter_message(
                text="I'm sorry: I couldn't delete your data just now because of a technical problem. "
                'Please type "delete my data" again in a few minutes.'
            )
            # asked to delete: what could not be saved earlier must not be saved later either
            return [SlotSet("screening_pending", False), SlotSet("referral_pending", False)]
        request_erasure(context.settings(), tracker.sender_id)
        dispatcher.utter_message(text=ERASED_TEXT)
        return [ActiveLoop(None), Restarted()]
