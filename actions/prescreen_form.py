"""validate_prescreen_form: reads each answer with its answer type's reader, one slot at a time.

Every question in data/eligibility/criteria.yml goes through the same two steps, so a new
question needs no code: extraction reads the reply (``parse_answer``), and ``validated`` keeps a
usable answer or clears it for the re-ask. Extraction is ours (custom slot mappings): the
requested question's reader decides whether a message is an answer (rasa_addons/prescreen_hook.py
has already routed answers here as ``inform``), while "what is tacrolimus?" goes to the FAQ and
the form asks again after. What a message says about other questions is kept too, and said back
("You said you are 61...").
Never a loop: the ask actions (actions/prescreen_questions.py) count how often a question was
asked in a row; a question already asked twice is recorded as "not sure" here instead.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import context, storage
from bot.eligibility import Answer, detect_correction, first_exclusion
from bot.eligibility.answers import yes_no_reading
from bot.eligibility.corrections import corrections_before_the_answer
from bot.eligibility.summary import CONFIRMED, KEPT, PICK, STEP_SLOT, SUMMARY_SLOT, check_events, read_check
from bot.eligibility.volunteered import confirmation, volunteered_answers
from bot.leads.funnel import question_event
from bot.texts import text as text_of

log = logging.getLogger(__name__)
MAX_ASKS = 2  # a question is asked at most twice in a row
PROXY_SLOT = "proxy_agrees"
QUESTIONS = frozenset({"faq", "why_ask", "bot_challenge"})
PASSED_ON = frozenset({STEP_SLOT, "reask_text", "ask_count"})


def unknown_answer() -> dict[str, Any]:
    """What a question that got no usable answer twice is recorded as: not sure, for a coordinator."""
    return Answer(status="unsure", value="unsure", hedged=True, message="no usable answer").to_dict()


def asked_twice(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("asked_slot") == slot and int(tracker.get_slot("ask_count") or 0) >= MAX_ASKS


class ValidatePrescreenForm(FormValidationAction):
    def name(self) -> str:
        return "validate_prescreen_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Whether the relative's question comes first; only answered slots once one rules the study
        out; and always, last, the check of all answers before anything is saved."""
        if tracker.get_slot(PROXY_SLOT) == "no":
            return [PROXY_SLOT]
        proxy = [PROXY_SLOT] if tracker.get_slot("speaks_for") == "other" else []
        questions = [slot for slot in domain_slots if slot != SUMMARY_SLOT]
        answers = context.answers_from(tracker)
        if first_exclusion(context.criteria(), answers, context.today()) is not None:
            questions = [slot for slot in questions if slot in answers]
        return [*proxy, *questions, SUMMARY_SLOT]

    def _volunteered(self, text: str, tracker: Tracker, requested: str) -> dict[str, Answer]:
        answered = set(context.answers_from(tracker)) | {requested}
        return volunteered_answers([text], context.today(), context.criteria(), skip=answered)

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = context.latest_intent(tracker)
        requested = tracker.get_slot("requested_slot")
        if intent in context.NEVER_AN_ANSWER or not requested:
            return []
        text = context.latest_text(tracker)
        language = context.language(tracker)
        texts = context.criteria(language)  # what the person reads; the rules are the same
        if requested == PROXY_SLOT:  # asked once: anything but a clear yes or no is "unsure"
            return [SlotSet(PROXY_SLOT, yes_no_reading(text, language).value or "unsure")]
        if requested == SUMMARY_SLOT:
            return self._checked(text, intent, dispatcher, tracker)
        previous = context.answers_from(tracker)
        fixes, text = corrections_before_the_answer(
            text, context.today(), context.criteria(), requested, previous, language
        )
        fixed: list[EventType] = [SlotSet(slot, answer.to_dict()) for slot, answer in fixes.items()]
        if fixes:
            dispatcher.utter_message(text=texts.dialogue["updated"])
            if not text.strip():
                return fixed
        correction = detect_correction(
            text,
            context.today(),
            context.criteria(),
            current_slot=requested,
            previous=previous,
            language=language,
        )
        if (
            correction is not None
            and correction[0] != requested
            and tracker.get_slot(correction[0]) is not None
        ):
            slot, answer = correction
            if not fixes:
                dispatcher.utter_message(text=texts.dialogue["updated"])
            return [*fixed, SlotSet(slot, answer.to_dict())]
        answer = context.read_answer(requested, text, language)
        extra = self._volunteered(text, tracker, requested)
        events: list[EventType] = [*fixed, *(SlotSet(slot, value.to_dict()) for slot, value in extra.items())]
        if extra:
            dispatcher.utter_message(text=confirmation(texts, extra, context.today(), language))
        if not answer.usable and asked_twice(tracker, requested):
            dispatcher.utter_message(text=texts.dialogue["moved_on"])
            return [*events, SlotSet(requested, unknown_answer())]
        if not answer.usable and (intent in QUESTIONS or extra):
            return events  # not an answer: the rules answer the question, then the form asks again
        return [*events, SlotSet(requested, answer.to_dict())]

    def _checked(
        self, text: str, intent: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        """A reply to "here is what you told me, is that right?" (bot/eligibility/summary.py)."""
        language = context.language(tracker)
        picking = tracker.get_slot(STEP_SLOT) == PICK
        check = read_check(
            text, context.criteria(), context.answers_from(tracker), context.today(), language, picking
        )
        if check.kind == "unclear" and intent in QUESTIONS:
            return []  # a question: the rules answer it, then the check comes back
        if check.kind == "unclear":
            if asked_twice(tracker, SUMMARY_SLOT):
                dispatcher.utter_message(text=text_of("prescreen_summary_kept", language))
                return [SlotSet(SUMMARY_SLOT, KEPT), SlotSet(STEP_SLOT, None)]
            return [SlotSet("reask_text", text_of("prescreen_summary_reask", language))]
        if check.kind == "correction":
            dispatcher.utter_message(text=context.criteria(language).dialogue["updated"])
        changes = [SlotSet(slot, value) for slot, value in check_events(check).items()]
        return [*changes, SlotSet("ask_count", 0)]  # a step forward: the count of asks starts again

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """One validation path for every question, instead of rasa-sdk's ``validate_<slot>``
        lookup (which accepts, unread, a slot that has no such method)."""
        wanted = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        checked: dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            if slot in PASSED_ON:  # the check's own bookkeeping: nothing to validate
                checked[slot] = value
            elif slot in wanted:
                result = validated(slot, value)
                checked.update(result)
                tracker.slots.update(result)  # as rasa-sdk does: later checks see earlier results
        answered = [s for s, v in checked.items() if v is not None and s in context.criteria().slot_names]
        storage.funnel(tracker.sender_id, *(question_event(slot) for slot in answered))
        return [SlotSet(slot, value) for slot, value in checked.items()]


def validated(slot: str, value: Any) -> dict[str, Any]:
    """Keep a usable answer (read by its answer type's reader in the extraction above); clear an
    unusable one and keep the kind re-ask. A slot the criteria file does not know is never kept."""
    if slot == SUMMARY_SLOT:
        return {SUMMARY_SLOT: value if value in (CONFIRMED, KEPT) else None}
    if slot == PROXY_SLOT:
        if value in ("yes", "no", "unsure", "not_applicable"):
            return {PROXY_SLOT: "unsure" if value == "not_applicable" else value}
        return {PROXY_SLOT: None}
    if slot not in context.criteria().slot_names:
        log.error("event=prescreen_slot_without_reader slot=%s", slot)
        return {slot: None}
    if not isinstance(value, dict):
        return {slot: None}
    answer = Answer.from_dict(value)
    if answer.usable:
        return {slot: value, "reask_text": None}
    return {slot: None, "reask_text": answer.message or context.criteria().slot(slot).reask}
