"""The form's last step: every answer shown for a check before anything is saved, and changed
by the person if one is wrong (actions/prescreen_form.py, actions/prescreen_questions.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.prescreen_form import ValidatePrescreenForm
from actions.prescreen_questions import ask
from bot.eligibility import Answer

CHECK = "answers_checked"


def _slots(events: list) -> dict:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def _answered() -> dict[str, Any]:
    return {
        "age": Answer("ok", 54).to_dict(),
        "social_security": Answer("ok", "yes").to_dict(),
        "antibody": Answer("ok", {"result": "positive", "names": ["Jo-1"]}).to_dict(),
    }


def _at_check(**extra: Any) -> dict[str, Any]:
    return {**_answered(), "social_security": Answer("ok", "no").to_dict(), "requested_slot": CHECK, **extra}


async def _reply(text: str, slots: dict, domain: dict, tracker_for, intent: str = "inform"):
    dispatcher = CollectingDispatcher()
    events = await ValidatePrescreenForm().run(
        dispatcher, tracker_for(text, intent=intent, slots=slots), domain
    )
    return _slots(events), [m["text"] for m in dispatcher.messages]


def _asked(slots: dict, tracker_for) -> tuple[dict, CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = ask(slots["requested_slot"], dispatcher, tracker_for("", slots=slots))
    return {**slots, **_slots(events)}, dispatcher


async def test_the_check_lists_the_answers_and_a_yes_ends_the_form(tracker_for, domain) -> None:
    slots, dispatcher = _asked(_at_check(), tracker_for)
    (message,) = dispatcher.messages
    assert message["text"].startswith("Before I save anything, here is what you told me:")
    assert "1. Age: 54\n2. French social security cover: No\n" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["Yes, that's right", "Change an answer"]
    changed, _ = await _reply("Yes, that's right", slots, domain, tracker_for)
    assert changed[CHECK] == "yes" and changed["requested_slot"] is None  # the outcome comes next


def _all_answered() -> dict[str, Any]:
    """Every question answered, none ruling the study out."""
    from bot.eligibility import default_criteria

    slots = {name: Answer("ok", "no").to_dict() for name in default_criteria().slot_names}
    slots.update(_answered())
    slots["ild_on_ct"] = slots["lung_function"] = slots["contraception"] = Answer("ok", "yes").to_dict()
    slots["pregnancy"] = Answer("ok", "not_applicable").to_dict()
    slots["checklist"] = Answer("ok", {"applies": [], "unsure": []}).to_dict()
    slots["recent_drugs"] = Answer("ok", {"taken": "no", "drugs": []}).to_dict()
    return slots


def _next_asked(domain: dict, slots: dict, changed: dict) -> str | None:
    """What Rasa's form requests next: the action's choice, or the first empty required slot."""
    if "requested_slot" in changed:
        return changed["requested_slot"]
    state = {**slots, **changed}
    required = domain["forms"]["prescreen_form"]["required_slots"]
    return next((name for name in required if state.get(name) is None), None)


async def test_a_wrong_answer_is_picked_asked_again_and_checked_again(tracker_for, domain) -> None:
    slots, _ = _asked({**_all_answered(), "requested_slot": CHECK}, tracker_for)
    changed, _ = await _reply("Change an answer", slots, domain, tracker_for)
    assert changed["summary_step"] == "pick" and _next_asked(domain, slots, changed) == CHECK
    slots, dispatcher = _asked({**slots, **changed}, tracker_for)
    assert dispatcher.messages[0]["text"].startswith("Which answer would you like to change?")
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]][:2] == [
        "Age",
        "French social security cover",
    ]
    changed, _ = await _reply("Age", slots, domain, tracker_for)
    # the answer is cleared: Rasa's form asks that question again, then the check once more
    assert changed["age"] is None and _next_asked(domain, slots, changed) == "age"
    slots = {**slots, **changed, "requested_slot": "age"}
    again, dispatcher = _asked(slots, tracker_for)
    assert dispatcher.messages[0]["text"].endswith("How old are you?")
    changed, _ = await _reply("46", again, domain, tracker_for)
    assert changed["age"]["value"] == 46 and _next_asked(domain, again, changed) == CHECK
    slots, dispatcher = _asked({**again, **changed, "requested_slot": CHECK}, tracker_for)
    assert "1. Age: 46\n" in dispatcher.messages[0]["text"]


async def test_a_changed_answer_that_now_fits_asks_the_questions_it_had_skipped(tracker_for, domain) -> None:
    slots, _ = _asked(_at_check(), tracker_for)  # "no" to French cover ended the questions early
    changed, _ = await _reply("no, I do have french social security", slots, domain, tracker_for)
    assert changed["social_security"]["value"] == "yes"
    assert _next_asked(domain, slots, changed) == "ild_on_ct"  # the questions go on


async def test_a_right_answer_typed_at_the_check_replaces_the_wrong_one(tracker_for, domain) -> None:
    slots, _ = _asked(_at_check(), tracker_for)
    changed, said = await _reply("sorry I'm actually 46", slots, domain, tracker_for)
    assert changed["age"]["value"] == 46 and CHECK not in changed
    assert said == ["Thanks, I've updated that answer."]
    _, dispatcher = _asked({**slots, **changed}, tracker_for)
    assert "1. Age: 46" in dispatcher.messages[0]["text"]  # shown again, to be confirmed


async def test_a_question_at_the_check_is_answered_elsewhere_and_sets_nothing(tracker_for, domain) -> None:
    slots, _ = _asked(_at_check(), tracker_for)
    changed, said = await _reply("what is tacrolimus?", slots, domain, tracker_for, intent="faq")
    assert CHECK not in changed and "age" not in changed and said == []


async def test_two_unclear_replies_keep_the_answers_and_say_so(tracker_for, domain) -> None:
    slots, _ = _asked(_at_check(), tracker_for)
    changed, said = await _reply("purple monkey", slots, domain, tracker_for)
    assert CHECK not in changed and "Sorry" in changed["reask_text"]
    slots, dispatcher = _asked({**slots, **changed}, tracker_for)
    assert dispatcher.messages[0]["text"].startswith("Sorry, I didn't get that.")
    assert slots["ask_count"] == 2
    changed, said = await _reply("purple monkey", slots, domain, tracker_for)
    assert changed[CHECK] == "unconfirmed" and changed["requested_slot"] is None
    assert "keep your answers as they are" in said[0]


async def test_the_check_is_in_french_for_a_french_conversation(tracker_for, domain) -> None:
    slots, dispatcher = _asked(_at_check(language="fr"), tracker_for)
    assert "1. Âge : 54" in dispatcher.messages[0]["text"]
    changed, _ = await _reply("Oui, c'est juste", slots, domain, tracker_for)
    assert changed[CHECK] == "yes"


async def test_moving_on_from_the_last_question_shows_the_check_at_once(tracker_for, domain) -> None:
    from bot.eligibility import default_criteria

    names = default_criteria().slot_names
    slots = {name: Answer("ok", "no").to_dict() for name in names[:-1]}
    slots.update(_answered())
    slots.update({"requested_slot": names[-1], "asked_slot": names[-1], "ask_count": 2, "language": "en"})
    slots["checklist"] = Answer("ok", {"applies": [], "unsure": []}).to_dict()
    slots["recent_drugs"] = Answer("ok", {"taken": "no", "drugs": []}).to_dict()
    after, dispatcher = _asked(slots, tracker_for)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("No problem") and texts[1].startswith("Before I save anything")
    assert after["requested_slot"] == CHECK and after[names[-1]]["status"] == "unsure"
