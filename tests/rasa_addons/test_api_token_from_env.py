"""Rasa's HTTP API takes its token from the environment when none is on the command line, so the
token need not appear in ``ps`` (issue 19)."""

from __future__ import annotations

import pytest
import rasa.core.run
import rasa.server
from sanic import Sanic

import rasa_addons  # noqa: F401 - importing the package installs the wrapper
from bot.settings import get_settings


@pytest.fixture
def tokens_seen(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    monkeypatch.setattr(Sanic, "test_mode", True)
    seen: list[str | None] = []
    create_app = rasa.server.create_app

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.get("auth_token"))
        return create_app(*args, **kwargs)

    monkeypatch.setattr(rasa.server, "create_app", recording)
    monkeypatch.setenv("RASA_AUTH_TOKEN", "token-from-the-environment")
    get_settings.cache_clear()
    yield seen
    get_settings.cache_clear()


def test_an_api_without_a_command_line_token_uses_the_environments(tokens_seen: list) -> None:
    rasa.core.run.configure_app(None, "*", None, True)
    assert tokens_seen == ["token-from-the-environment"]


def test_a_command_line_token_still_wins_and_no_api_gets_no_api_app(tokens_seen: list) -> None:
    rasa.core.run.configure_app(None, "*", "given", True)
    rasa.core.run.configure_app(None, "*", None, False)
    assert tokens_seen == ["given"]  # without the API Rasa builds a bare app
