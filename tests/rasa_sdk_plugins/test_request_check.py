"""rasa_sdk_plugins: rasa-sdk finds the package by name and attaches the request check to
/webhook; malformed calls are refused with a reason, and an error answer never carries the
conversation. The same calls against the running action server: tests/hostile/test_action_server.py."""

from __future__ import annotations

import json
import logging
import zlib

import pytest
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic
from sanic.exceptions import NotFound

from bot.request_body import BadRequest
from rasa_sdk_plugins import request_check
from rasa_sdk_plugins.request_check import answer_error, check_call
from tests.hostile.bodies import MALFORMED_ACTION_CALLS, action_call


def test_rasa_sdk_finds_the_plugin_and_it_checks_the_webhook_and_answers_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Sanic, "test_mode", True)  # one app name per process outside test mode
    assert plugin_manager().is_registered(request_check)
    app = create_app("actions")
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # what rasa_sdk.endpoint.run does
    assert request_check.refuse_malformed_calls in app.named_request_middleware["rasa_sdk.webhook"]
    assert app.error_handler.lookup(ValueError(), None) is answer_error


@pytest.mark.parametrize(("raw", "reason"), MALFORMED_ACTION_CALLS, ids=repr)
def test_a_malformed_action_call_is_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(BadRequest, match=reason):
        check_call(raw, None)


def test_a_deflated_call_is_read_as_rasa_sends_it_and_broken_compression_is_refused() -> None:
    check_call(zlib.compress(action_call()), "deflate")
    with pytest.raises(BadRequest, match="deflate"):
        check_call(action_call(), "deflate")
    with pytest.raises(BadRequest, match="JSON object"):
        check_call(zlib.compress(b"null"), "deflate")


def test_a_well_formed_call_passes() -> None:
    check_call(action_call(), None)
    check_call(json.dumps({"next_action": "action_x", "tracker": {"sender_id": "a"}}).encode(), None)


async def test_an_error_answer_names_the_error_and_never_carries_the_conversation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        raise KeyError("Marie Curie, marie@example.org")  # an exception whose message quotes a person
    except KeyError as error:
        with caplog.at_level(logging.ERROR):
            answer = await answer_error(None, error)  # type: ignore[arg-type]
    assert answer.status == 500
    assert b"KeyError" in answer.body and b"Marie" not in answer.body and b"example.org" not in answer.body
    assert "KeyError" in caplog.text and "Marie" not in caplog.text


async def test_a_sanic_error_keeps_its_status() -> None:
    answer = await answer_error(None, NotFound("Requested URL /nope not found"))  # type: ignore[arg-type]
    assert answer.status == 404 and json.loads(answer.body) == {"error": "Requested URL /nope not found"}
