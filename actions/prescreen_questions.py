"""Asking the pre-screen questions, explaining them, and stopping: texts come from criteria.yml."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context, storage
from actions.prescreen_form import MAX_ASKS, PROXY_SLOT, unknown_answer
from bot.eligibility import Answer, next_slot
from bot.eligibility.summary import PICK, STEP_SLOT, SUMMARY_SLOT, pick_buttons, summary_buttons, summary_text
from bot.leads.conversations import request_erasure
from bot.leads.funnel import question_event
from bot.texts import text

# The pre-screen's own bookkeeping, cleared with the answers.
BOOKKEEPING_SLOTS = (
    PROXY_SLOT,
    "speaks_for",
    "asked_slot",
    "requested_slot",
    "reask_text",
    "prescreen_outcome",
    SUMMARY_SLOT,
    STEP_SLOT,
)


def second_ask_buttons(language: str = context.DEFAULT_LANGUAGE) -> list[dict[str, str]]:
    """Titles in the conversation's language; "Not sure" sends the English words, read like a typed
    answer in every language; the other button asks for a person."""
    return [
        {"title": text("button_not_sure", language), "payload": text("button_not_sure")},
        {"title": text("button_talk_to_coordinator", language), "payload": "/human_handoff"},
    ]


def buttons_for(slot: str, language: str = context.DEFAULT_LANGUAGE) -> list[dict[str, str]]:
    """Quick replies send the English words, so they are read exactly like typed answers whatever
    the conversation's language; the titles are in that language."""
    if slot == PROXY_SLOT:
        return [
            {"title": text(title_id, language), "payload": text(title_id)}
            for title_id in ("button_yes", "button_no")
        ]
    english = context.criteria().slot(slot).buttons
    shown = context.criteria(language).slot(slot).buttons
    return [{"title": title, "payload": payload} for title, payload in zip(shown, english, strict=True)]


def prompt_for(slot: str, language: str = context.DEFAULT_LANGUAGE) -> str:
    if slot == PROXY_SLOT:
        return context.criteria(language).dialogue["proxy_question"]
    return context.criteria(language).slot(slot).prompt


def numbered(slot: str, question: str, tracker: Tracker) -> str:
    """The question with "Question 4 of 10" above it (not the relative's question: it is not one of them)."""
    if slot == PROXY_SLOT:
        return question
    names = context.criteria().slot_names
    answered = sum(1 for name in names if name != slot and tracker.get_slot(name) is not None)
    return text(
        "prescreen_question_numbered",
        context.language(tracker),
        number=min(answered + 1, len(names)),
        total=len(names),
        question=question,
    )


def _move_on(slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Instead of a third ask in a row: "not sure" for a coordinator, then the next question."""
    language = context.language(tracker)
    dialogue = context.criteria(language).dialogue
    value: Any = "unsure" if slot == PROXY_SLOT else unknown_answer()
    answers = context.answers_from(tracker)
    if slot != PROXY_SLOT:
        answers[slot] = Answer.from_dict(value)
        storage.funnel(tracker.sender_id, question_event(slot))  # answered "not sure" for the person
    following = next_slot(context.criteria(), answers, context.today())
    events: list[EventType] = [SlotSet(slot, value), SlotSet("reask_text", None)]
    if following is None:  # no question left: the check of all answers comes now
        dispatcher.utter_message(text=dialogue["moved_on_last"])
        show_summary(answers, language, dispatcher)
        following = SUMMARY_SLOT
    else:
        if slot != PROXY_SLOT:
            dispatcher.utter_message(text=dialogue["moved_on"])
        question = numbered(following, prompt_for(following, language), tracker)
        dispatcher.utter_message(text=question, buttons=buttons_for(following, language))
    return [
        *events,
        SlotSet("requested_slot", following),
        SlotSet("asked_slot", following),
        SlotSet("ask_count", 1),
    ]


def show_summary(answers: dict[str, Answer], language: str, dispatcher: CollectingDispatcher) -> None:
    summary = summary_text(context.criteria(), answers, context.today(), language)
    dispatcher.utter_message(text=summary, buttons=summary_buttons(language))


def ask_summary(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """ "Here is what you told me... Is that right?", or "which one?" while the person picks one;
    after an unclear reply only the re-ask and the buttons (the list is just above)."""
    same = tracker.get_slot("asked_slot") == SUMMARY_SLOT
    count = int(tracker.get_slot("ask_count") or 0) + 1 if same else 1
    language = context.language(tracker)
    answers = context.answers_from(tracker)
    reask = tracker.get_slot("reask_text") if same else None
    if tracker.get_slot(STEP_SLOT) == PICK:
        pick = text("prescreen_summary_pick", language)
        buttons = pick_buttons(context.criteria(), answers, language)
        dispatcher.utter_message(text=f"{reask}\n\n{pick}" if reask else pick, buttons=buttons)
    elif reask:
        dispatcher.utter_message(text=reask, buttons=summary_buttons(language))
    else:
        show_summary(answers, language, dispatcher)
    return [SlotSet("reask_text", None), SlotSet("asked_slot", SUMMARY_SLOT), SlotSet("ask_count", count)]


def ask(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Ask ``slot``'s question; the second time in a row with "not sure" and a coordinator
    offered, and never a third time (the answer is then recorded as unknown and the next
    question comes). The relative's question is asked once."""
    if slot == SUMMARY_SLOT:
        return ask_summary(dispatcher, tracker)
    same = tracker.get_slot("asked_slot") == slot
    count = int(tracker.get_slot("ask_count") or 0) + 1 if same else 1
    limit = 1 if slot == PROXY_SLOT else MAX_ASKS
    if count > limit:
        return _move_on(slot, tracker, dispatcher)
    reask = tracker.get_slot("reask_text") if same else None
    language = context.language(tracker)
    question = numbered(slot, reask or prompt_for(slot, language), tracker)
    dispatcher.utter_message(text=question, buttons=buttons_for(slot, language))
    if count == MAX_ASKS:
        dispatcher.utter_message(
            text=context.criteria(language).dialogue["second_ask"], buttons=second_ask_buttons(language)
        )
    return [SlotSet("reask_text", None), SlotSet("asked_slot", slot), SlotSet("ask_count", count)]


class AskSlotAction(Action, ABC):
    """``action_ask_<slot>``: one per question, all asking the same way (``ask``)."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The pre-screen slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return ask(self.slot, dispatcher, tracker)


def _ask_action(slot: str) -> type[AskSlotAction]:
    return type(f"ActionAsk_{slot}", (AskSlotAction,), {"slot": slot, "__module__": __name__})


# One action_ask_<slot> per question in criteria.yml, as `python -m bot build` lists them in the domain.
ASK_ACTIONS = [_ask_action(slot) for slot in (PROXY_SLOT, *context.criteria().slot_names, SUMMARY_SLOT)]


class ActionExplainQuestion(Action):
    """ "Why do you ask?": the current question's reason, in one or two plain sentences."""

    def name(self) -> str:
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slot = tracker.get_slot("requested_slot")
        texts = context.criteria(context.language(tracker))
        if slot in texts.slot_names:
            dispatcher.utter_message(text=texts.slot(slot).why_we_ask)
        else:
            dispatcher.utter_message(text=texts.dialogue["why_we_ask"])
        return []


def prescreen_reset_events() -> list[EventType]:
    """Clears every answer and the pre-screen's bookkeeping."""
    names: list[str] = [*context.criteria().slot_names, *BOOKKEEPING_SLOTS]
    events: list[EventType] = [SlotSet(name, None) for name in names]
    return [*events, SlotSet("ask_count", 0), SlotSet("screening_pending", False)]


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
