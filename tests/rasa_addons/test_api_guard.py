"""rasa_addons.api_guard: every POST and PUT route of Rasa's HTTP API gets the body check, which
refuses what Rasa would fail on and lets through what Rasa reads (JSON whatever the declared
type, YAML training data). The same bodies against the running server: tests/hostile/test_rasa_api.py."""

from __future__ import annotations

import pytest
import rasa.core.run
import rasa.server
from sanic import Sanic

import rasa_addons  # noqa: F401 - importing the package installs the check
from bot.request_body import BadRequest
from rasa_addons import api_guard
from rasa_addons.api_guard import ROUTES, check_body
from tests.hostile.bodies import API_BODIES, API_BODIES_TAKEN, FORM, JSON, YAML


@pytest.fixture(autouse=True)
def _several_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test builds Rasa's app ("rasa_server"); Sanic allows one name per process outside test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


def _body_routes(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {route.name for route in app.router.routes if {"POST", "PUT"} & set(route.methods)}


def test_every_post_and_put_route_of_rasas_api_is_listed() -> None:
    assert _body_routes(rasa.server.create_app(auth_token="secret")) == set(ROUTES)


def test_importing_rasa_addons_wraps_configure_app_and_the_app_gets_the_check_on_every_api_route() -> None:
    assert rasa.core.run.configure_app is api_guard.configure_app
    app = rasa.core.run.configure_app(None, "*", "secret", True)
    assert all(app.named_request_middleware.get(name) for name in ROUTES)
    assert not app.named_request_middleware.get("rasa_server.status")  # only routes that read a body


def test_without_the_api_nothing_is_attached() -> None:
    app = rasa.core.run.configure_app(None, "*", None, False)
    assert not any(app.named_request_middleware.get(name) for name in ROUTES)


# Left to Rasa, which refuses these itself with a 400 (tests/hostile/test_rasa_api.py checks it).
RASA_REFUSES = {("rasa_server.load_model", "object"), ("rasa_server.append_events", "wrong-fields")}


@pytest.mark.parametrize(
    ("route", "body"),
    [
        (route, body)
        for route in sorted(ROUTES)
        for body in sorted(API_BODIES)
        if (route, body) not in API_BODIES_TAKEN | RASA_REFUSES
    ],
)
def test_malformed_bodies_are_refused_with_a_reason(route: str, body: str) -> None:
    raw, content_type = API_BODIES[body]
    with pytest.raises(BadRequest, match="must be"):
        check_body(ROUTES[route], raw, content_type)


@pytest.mark.parametrize(
    ("route", "raw"),
    [
        ("rasa_server.parse", b"[]"),
        ("rasa_server.parse", b"{}"),
        ("rasa_server.parse", b'{"text": 42}'),
        ("rasa_server.add_message", b'{"text": ["hi"], "sender": "user"}'),
        ("rasa_server.execute_action", b'{"name": "utter_greet", "confidence": "high"}'),
        ("rasa_server.trigger_intent", b'{"name": "greet", "entities": 5}'),
        ("rasa_server.load_model", b'{"model_file": 42}'),
        ("rasa_server.append_events", b"[]"),
        ("rasa_server.replace_events", b'{"event": "restart"}'),
        ("rasa_server.train", b'{"text": 42, "entities": 5}'),  # YAML, but not training data
        ("rasa_server.train", b"- a\n- b\n"),
        ("rasa_server.evaluate_stories", b"nlu: []\n"),
        ("rasa_server.evaluate_intents", b'{"text": "hi"}'),  # JSON NLU data has its own schema
    ],
)
def test_well_formed_json_or_yaml_of_the_wrong_shape_is_refused(route: str, raw: bytes) -> None:
    with pytest.raises(BadRequest):
        check_body(ROUTES[route], raw, JSON)


@pytest.mark.parametrize(
    ("route", "raw", "content_type"),
    [
        ("rasa_server.parse", b'{"text": "how long does it last?"}', JSON),
        (
            "rasa_server.parse",
            b'{"text": "hi", "message_id": "m1"}',
            "text/plain",
        ),  # Rasa reads JSON whatever the type
        ("rasa_server.add_message", b'{"text": "hi", "sender": "user", "parse_data": null}', FORM),
        ("rasa_server.execute_action", b'{"name": "utter_greet", "policy": "p", "confidence": 1}', JSON),
        ("rasa_server.trigger_intent", b'{"name": "greet", "entities": {"drug": "tacrolimus"}}', JSON),
        ("rasa_server.load_model", b'{"model_file": "models/catr-pat.tar.gz"}', JSON),  # the editor's deploy
        ("rasa_server.append_events", b'{"event": "restart"}', JSON),
        ("rasa_server.append_events", b'[{"event": "restart"}]', JSON),
        ("rasa_server.replace_events", b"[]", JSON),
        ("rasa_server.tracker_predict", b'[{"event": "action", "name": "action_listen"}]', JSON),
        ("rasa_server.predict", b"", JSON),
        ("rasa_server.train", b'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n', YAML),
        ("rasa_server.train", b'{"version": "3.1", "stories": []}', JSON),  # JSON is YAML
        ("rasa_server.evaluate_stories", b"stories:\n- story: s\n  steps: []\n", YAML),
        ("rasa_server.evaluate_intents", b"nlu:\n- intent: greet\n  examples: |\n    - hi\n", YAML),
        ("rasa_server.evaluate_intents", b'{"rasa_nlu_data": {"common_examples": []}}', JSON),
    ],
)
def test_what_rasa_reads_passes(route: str, raw: bytes, content_type: str) -> None:
    check_body(ROUTES[route], raw, content_type)
