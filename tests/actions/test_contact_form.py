"""The contact form: Rasa asks utter_ask_<slot>; the validator counts, offers a way out, never a third ask."""

from __future__ import annotations

from actions.contact_form import ActionPrefillContact, ActionStopContact, ValidateContactForm
from bot.texts import text


def _slots(events: list) -> dict:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def _responses(dispatcher) -> list[str]:  # type: ignore[no-untyped-def]
    return [message["response"] for message in dispatcher.messages]


async def test_an_unusable_detail_is_refused_by_response_id_and_counted(
    tracker_for, dispatcher, domain
) -> None:
    slots = {"requested_slot": "contact_reach", "contact_name": "Robin Test"}
    tracker = tracker_for("not an address", slots=slots, active_loop="contact_form")
    slots = _slots(await ValidateContactForm().run(dispatcher, tracker, domain))
    assert slots["contact_reach"] is None
    assert slots["asked_slot"] == "contact_reach" and slots["ask_count"] == 2
    # the reason, then how to skip it; Rasa then asks utter_ask_contact_reach a second time
    assert _responses(dispatcher) == ["utter_contact_phone_invalid", "utter_contact_second_ask"]
    assert all(message["text"] is None for message in dispatcher.messages)  # keys, not sentences


async def test_after_two_asks_the_detail_is_left_and_the_next_question_comes(
    tracker_for, dispatcher, domain
) -> None:
    slots = {"requested_slot": "contact_time", "asked_slot": "contact_time", "ask_count": 2}
    tracker = tracker_for("x" * 300, slots=slots, active_loop="contact_form")
    events = _slots(await ValidateContactForm().run(dispatcher, tracker, domain))
    assert events["contact_time"] == "any time" and dispatcher.messages == []


async def test_a_usable_detail_moves_the_count_to_the_next_question(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("Robin Test", slots={"requested_slot": "contact_name"}, active_loop="contact_form")
    slots = _slots(await ValidateContactForm().run(dispatcher, tracker, domain))
    assert slots["contact_name"] == "Robin Test"
    assert (slots["asked_slot"], slots["ask_count"]) == ("contact_reach", 1) and dispatcher.messages == []


async def test_prefill_and_stop_say_their_texts_by_id(tracker_for, dispatcher, domain) -> None:
    await ActionPrefillContact().run(dispatcher, tracker_for("jane@example.org", active_loop=None), domain)
    await ActionStopContact().run(dispatcher, tracker_for("stop", active_loop="contact_form"), domain)
    assert _responses(dispatcher) == ["utter_contact_prefilled", "utter_contact_stopped"]
    assert text("utter_contact_stopped").startswith("Okay, I stopped")
