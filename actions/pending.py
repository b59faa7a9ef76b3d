"""Saving, on the person's next message, what could not be saved when the leads database was down.

Rasa runs ``action_validate_slot_mappings`` after every user message, before anything answers
it; that turn hook is all we use it for. With nothing pending it returns at once. While the
contact form is open, ``action_submit_contact`` at its end saves everything anyway.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context
from actions.prescreen_outcome import save_outcome
from actions.referral import submit_contact

# "stop" and "delete my data" mean: keep nothing, so nothing is saved first.
KEEP_NOTHING = frozenset({"stop_prescreen", "delete_data"})


class ActionRetryPendingSaves(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        referral = bool(tracker.get_slot("referral_pending"))
        screening = bool(tracker.get_slot("screening_pending"))
        if not (referral or screening) or context.latest_intent(tracker) in KEEP_NOTHING:
            return []
        if tracker.active_loop_name == "contact_form":
            return []
        if referral:
            events = submit_contact(tracker)
            saved = "utter_contact_saved"
        else:
            _, screening_id = save_outcome(tracker)
            stored = [SlotSet("screening_id", screening_id), SlotSet("screening_pending", False)]
            events = None if screening_id is None else stored
            saved = "utter_answers_saved"
        dispatcher.utter_message(response="utter_still_failing" if events is None else saved)
        return events or []
