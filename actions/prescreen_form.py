"""validate_prescreen_form: reads each answer with the domain's parsers, one slot at a time.

Extraction is ours (custom slot mappings): the requested question's parser decides whether a
message is an answer (rasa_addons/prescreen_hook.py has already routed answers here as
``inform``), while "what is tacrolimus?" goes to the FAQ and the form asks again after. What a
message says about other questions is kept too, and said back ("You said you are 61...").
Never a loop: the ask actions (actions/prescreen_questions.py) count how often a question was
asked in a row; a question already asked twice is recorded as "not sure" here instead.
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
from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import read_yes_no
from bot.eligibility.volunteered import confirmation, volunteered_answers

MAX_ASKS = 2  # a question is asked at most twice in a row
PROXY_SLOT = "proxy_agrees"
QUESTIONS = frozenset({"faq", "why_ask", "bot_challenge"})


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
        """Whether the relative's question comes first; only answered slots once one rules the study out."""
        if tracker.get_slot(PROXY_SLOT) == "no":
            return [PROXY_SLOT]
        proxy = [PROXY_SLOT] if tracker.get_slot("speaks_for") == "other" else []
        answers = context.answers_from(tracker)
        if first_exclusion(context.criteria(), answers, context.today()) is not None:
            return [*proxy, *(slot for slot in domain_slots if slot in answers)]
        return [*proxy, *domain_slots]

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
        if requested == PROXY_SLOT:  # asked once: anything but a clear yes or no is "unsure"
            return [SlotSet(PROXY_SLOT, read_yes_no(normalise(text)).value or "unsure")]
        correction = detect_correction(
            text, context.today(), context.criteria(), current_slot=requested,
            previous=context.answers_from(tracker),
        )  # fmt: skip
        if (
            correction is not None
            and correction[0] != requested
            and tracker.get_slot(correction[0]) is not None
        ):
            slot, answer = correction
            dispatcher.utter_message(text=context.criteria().dialogue["updated"])
            return [SlotSet(slot, answer.to_dict())]
        answer = parse_answer(requested, text, context.today(), context.criteria())
        extra = self._volunteered(text, tracker, requested)
        events: list[EventType] = [SlotSet(slot, value.to_dict()) for slot, value in extra.items()]
        if extra:
            dispatcher.utter_message(text=confirmation(context.criteria(), extra, context.today()))
        if not answer.usable and asked_twice(tracker, requested):
            dispatcher.utter_message(text=context.criteria().dialogue["moved_on"])
            return [*events, SlotSet(requested, unknown_answer())]
        if not answer.usable and (intent in QUESTIONS or extra):
            return events  # not an answer: the rules answer the question, then the form asks again
        return [*events, SlotSet(requested, answer.to_dict())]

    def _checked(self, slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
        """Keep a usable answer; for an unusable one, clear it and keep the kind re-ask."""
        if not isinstance(value, dict):
            return {slot: None}
        answer = Answer.from_dict(value)
        if answer.usable:
            return {slot: value, "reask_text": None}
        return {slot: None, "reask_text": answer.message or context.criteria().slot(slot).reask}

    async def validate_proxy_agrees(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value in ("yes", "no", "unsure", "not_applicable"):
            return {PROXY_SLOT: "unsure" if value == "not_applicable" else value}
        return {PROXY_SLOT: None}


def _validator(slot: str) -> Any:
    async def validate(self: ValidatePrescreenForm, value: Any, dispatcher, tracker: Tracker, domain) -> dict:
        return self._checked(slot, value, tracker)

    validate.__name__ = f"validate_{slot}"
    validate.__doc__ = f"Keeps a usable answer to {slot!r}; clears an unusable one for the kind re-ask."
    return validate


# One validate_<slot> per question in criteria.yml, as rasa-sdk looks them up by name.
for _slot in context.criteria().slot_names:
    setattr(ValidatePrescreenForm, f"validate_{_slot}", _validator(_slot))
