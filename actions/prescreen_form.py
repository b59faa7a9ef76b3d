"""validate_prescreen_form: reads each answer with the domain's parsers, one slot at a time.

Extraction is ours (custom slot mappings): the requested question's parser decides whether a
message is an answer, so "I took Imurel last year" is an answer even if NLU thinks it is a
study question, while "what is tacrolimus?" goes to the FAQ and the form asks again after.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import context
from bot.eligibility import Answer, detect_correction, first_exclusion, parse_answer

MAX_BAD_ANSWERS = 3


class ValidatePrescreenForm(FormValidationAction):
    def name(self) -> str:
        return "validate_prescreen_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """All questions, or only those answered so far once an answer already rules the study out."""
        answers = context.answers_from(tracker)
        if first_exclusion(context.criteria(), answers, context.today()) is not None:
            return [slot for slot in domain_slots if slot in answers]
        return domain_slots

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = context.latest_intent(tracker)
        requested = tracker.get_slot("requested_slot")
        if intent in context.NEVER_AN_ANSWER or not requested:
            return []
        text = context.latest_text(tracker)
        correction = detect_correction(
            text,
            context.today(),
            context.criteria(),
            current_slot=requested,
            previous=context.answers_from(tracker),
        )
        if (
            correction is not None
            and correction[0] != requested
            and tracker.get_slot(correction[0]) is not None
        ):
            slot, answer = correction
            dispatcher.utter_message(text="Thanks, I've updated that answer.")
            return [SlotSet(slot, answer.to_dict())]
        answer = parse_answer(requested, text, context.today(), context.criteria())
        if answer.status == "invalid" and intent in context.MAYBE_AN_ANSWER:
            return []  # not an answer: the form steps aside and the rules answer the question
        return [SlotSet(requested, answer.to_dict())]

    def _checked(self, slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
        """Keep a usable answer; for an unusable one, clear it and count it for the kind re-ask."""
        if not isinstance(value, dict):
            return {slot: None}
        answer = Answer.from_dict(value)
        if answer.usable:
            return {slot: value, "bad_answer_count": 0, "reask_text": None}
        spec = context.criteria().slot(slot)
        count = int(tracker.get_slot("bad_answer_count") or 0) + 1
        return {slot: None, "bad_answer_count": count, "reask_text": answer.message or spec.reask}

    async def validate_age(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._checked("age", value, tracker)

    async def validate_antibody(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._checked("antibody", value, tracker)

    async def validate_ild_on_ct(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._checked("ild_on_ct", value, tracker)

    async def validate_recent_drugs(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("recent_drugs", value, tracker)

    async def validate_drug_failed_before(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("drug_failed_before", value, tracker)

    async def validate_pregnancy(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._checked("pregnancy", value, tracker)

    async def validate_checklist(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._checked("checklist", value, tracker)

    async def validate_lung_function(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("lung_function", value, tracker)

    async def validate_social_security(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("social_security", value, tracker)

    async def validate_contraception(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._checked("contraception", value, tracker)
