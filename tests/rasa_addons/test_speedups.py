"""rasa_addons.speedups keeps Rasa's behaviour: same accepted action replies, same error for a bad
one, same event class for every event name; only the repeated work is gone."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

import rasa_addons  # noqa: F401 - importing the package installs the speedups
from rasa_addons import speedups

GOOD_REPLIES = [
    {"events": [], "responses": []},
    {
        "events": [
            SlotSet("age", {"status": "ok", "value": 54}).as_dict(),
            ActionExecuted("action_listen").as_dict(),
            {"event": "active_loop", "name": None},
        ],
        "responses": [{"text": "How old are you?", "buttons": []}],
    },
]
BAD_REPLIES = [
    {"events": "not a list", "responses": []},
    {"events": [{"event": "slot", "timestamp": "yesterday"}], "responses": []},
    {"events": [], "responses": ["not an object"]},
]


def test_importing_rasa_addons_installs_both_speedups() -> None:
    assert RemoteAction._validate_action_result is speedups.validate_action_result
    assert Event.resolve_by_type is speedups.resolve_by_type


@pytest.mark.parametrize("reply", GOOD_REPLIES)
def test_a_valid_action_reply_is_accepted_as_rasa_accepts_it(reply: dict) -> None:
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check
    assert RemoteAction("action_x", None)._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_an_invalid_action_reply_raises_rasa_error_with_its_message(reply: dict) -> None:
    with pytest.raises(jsonschema.ValidationError) as rasa_error:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction("action_x", None)._validate_action_result(reply)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response from API" in ours.value.message
    assert list(ours.value.path) == list(rasa_error.value.path)


def test_every_event_name_resolves_to_the_class_rasa_would_choose() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "slot", "action", "active_loop", "session_started"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is speedups._rasa_resolve_by_type(name)
        assert Event.resolve_by_type(name) is Event.resolve_by_type(name)  # the remembered answer


def test_unknown_event_names_behave_as_in_rasa() -> None:
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")


def test_events_read_back_from_dicts_are_equal_to_the_originals() -> None:
    events = [UserUttered("hello", {"name": "greet", "confidence": 1.0}), SlotSet("age", 54)]
    assert [Event.from_parameters(event.as_dict()) for event in events] == events
