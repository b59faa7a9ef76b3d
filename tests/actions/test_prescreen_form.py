"""validate_prescreen_form with real trackers: answers, re-asks, interruptions, corrections."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.prescreen_form import ValidatePrescreenForm
from bot.eligibility import Answer


def _slots(events: list) -> dict:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


async def test_age_answer_in_words_is_stored_as_a_number(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("I'm fifty-four", slots={"requested_slot": "age"})
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["age"]["status"] == "ok" and slots["age"]["value"] == 54
    assert slots["reask_text"] is None


async def test_unusable_age_is_cleared_for_a_kind_reask(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("abc", slots={"requested_slot": "age", "asked_slot": "age", "ask_count": 1})
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["age"] is None
    assert "age" in slots["reask_text"].lower()


async def test_unusable_answer_after_two_asks_is_not_sure_and_the_form_moves_on(
    tracker_for, dispatcher, domain
) -> None:
    tracker = tracker_for("abc", slots={"requested_slot": "age", "asked_slot": "age", "ask_count": 2})
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["age"]["status"] == "unsure"
    assert any("coordinator" in message["text"] for message in dispatcher.messages)


async def test_an_answer_that_also_answers_other_questions_keeps_them_and_says_so(
    tracker_for, dispatcher, domain
) -> None:
    text = "yes, and my blood test showed anti-PL7, the scan found fibrosis"
    tracker = tracker_for(text, slots={"requested_slot": "social_security"})
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["social_security"]["value"] == "yes"
    assert slots["antibody"]["value"]["names"] == ["PL-7"] and slots["ild_on_ct"]["value"] == "yes"
    assert "You said" in dispatcher.messages[0]["text"] and "PL-7" in dispatcher.messages[0]["text"]


async def test_a_study_question_mid_form_is_not_taken_as_an_answer(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("how long does the study last?", intent="faq", slots={"requested_slot": "age"})
    events = await ValidatePrescreenForm().run(dispatcher, tracker, domain)
    assert "age" not in _slots(events)


async def test_a_drug_answer_counts_even_when_nlu_calls_it_a_question(
    tracker_for, dispatcher, domain
) -> None:
    tracker = tracker_for("I took Imuran last year", intent="faq", slots={"requested_slot": "recent_drugs"})
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["recent_drugs"]["status"] in ("ok", "unsure")
    assert "azathioprine" in str(slots["recent_drugs"]["value"])


async def test_emergency_is_never_an_answer(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("no I can't breathe", intent="emergency", slots={"requested_slot": "pregnancy"})
    assert _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain)) == {}


async def test_correction_updates_an_earlier_answer(tracker_for, dispatcher, domain) -> None:
    earlier = {"age": Answer("ok", 54).to_dict(), "requested_slot": "antibody"}
    tracker = tracker_for("actually I'm 45", slots=earlier)
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["age"]["value"] == 45
    assert any("updated" in message["text"] for message in dispatcher.messages)


async def test_an_excluding_answer_ends_the_questions_and_the_answers_are_checked(
    tracker_for, dispatcher, domain
) -> None:
    tracker = tracker_for("17", slots={"requested_slot": "age"})
    events = await ValidatePrescreenForm().run(dispatcher, tracker, domain)
    assert SlotSet("requested_slot", "answers_checked") in events


async def test_not_sure_is_kept_as_unsure_not_forced(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("not sure", intent="not_sure", slots={"requested_slot": "lung_function"})
    slots = _slots(await ValidatePrescreenForm().run(dispatcher, tracker, domain))
    assert slots["lung_function"]["status"] == "unsure"


async def test_the_second_ask_offers_not_sure_and_a_coordinator(tracker_for, dispatcher, domain) -> None:
    from actions.prescreen_questions import ASK_ACTIONS

    ask_age = next(action for action in ASK_ACTIONS if action().name() == "action_ask_age")()
    tracker = tracker_for("abc", slots={"requested_slot": "age", "asked_slot": "age", "ask_count": 1})
    slots = _slots(await ask_age.run(dispatcher, tracker, domain))
    assert slots["ask_count"] == 2
    assert "not sure" in dispatcher.messages[-1]["text"] and "coordinator" in dispatcher.messages[-1]["text"]


async def test_a_question_is_never_asked_a_third_time_in_a_row(tracker_for, dispatcher, domain) -> None:
    from actions.prescreen_questions import ASK_ACTIONS

    ask_age = next(action for action in ASK_ACTIONS if action().name() == "action_ask_age")()
    tracker = tracker_for("what?", slots={"requested_slot": "age", "asked_slot": "age", "ask_count": 2})
    slots = _slots(await ask_age.run(dispatcher, tracker, domain))
    assert slots["age"]["status"] == "unsure"  # unknown: the outcome becomes needs_review
    assert slots["requested_slot"] == "social_security" and slots["ask_count"] == 1
    assert "How old are you?" not in [message["text"] for message in dispatcher.messages]
