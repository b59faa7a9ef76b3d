"""Hostile-input tests use the live stack for the chat, and a web app of their own (with the
stand-in Rasa of tests/web) for floods and staff forms: a flood here never slows another test."""

from __future__ import annotations

import pytest

from tests.hostile.chat_client import ChatEndpoint
from tests.web.conftest import account, admin, browser, client, coordinator, fake_rasa, lead, web  # noqa: F401


@pytest.fixture(params=["rest", "widget"])
def endpoint(request: pytest.FixtureRequest, live_stack) -> ChatEndpoint:  # type: ignore[no-untyped-def]
    """Each chat test runs twice: through Rasa's REST webhook and through the widget's /api/chat."""
    if request.param == "rest":
        return ChatEndpoint("rest", live_stack.rasa_port, "/webhooks/rest/webhook")
    return ChatEndpoint("widget", live_stack.web_port, "/api/chat")
