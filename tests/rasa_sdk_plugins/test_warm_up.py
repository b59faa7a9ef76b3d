"""The action server loads the parsers' spaCy pipeline and the criteria before it listens."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic

from actions import context
from bot.nlp.pipeline import load_pipeline
from rasa_sdk_plugins import warm_up


def test_rasa_sdk_runs_the_warm_up_before_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Sanic, "test_mode", True)  # one app name per process outside test mode
    assert plugin_manager().is_registered(warm_up)
    app = create_app("actions")
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # what rasa_sdk.endpoint.run does
    # Sanic 21.12 keeps a "before_server_start" listener as a handler of the server.init.before signal
    before_start = [signal.handler.keywords.get("listener") for signal in app._future_signals
                    if signal.event == "server.init.before"]  # fmt: skip
    assert warm_up.warm_up in before_start


def test_the_warm_up_loads_what_the_first_answers_need() -> None:
    load_pipeline.cache_clear()
    context.criteria.cache_clear()
    asyncio.run(warm_up.warm_up(None, None))  # type: ignore[arg-type]
    assert load_pipeline.cache_info().currsize == 1
    assert context.criteria.cache_info().currsize == 1
    assert load_pipeline()("I tested positive for Jo-1").ents  # the loaded pipeline finds entities
