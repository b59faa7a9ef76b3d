"""Rasa's HTTP API, with its token: every POST and PUT route answers a body it cannot use with a 4xx
and a JSON reason, never a 5xx or a stack trace (rasa_addons/api_guard.py; measured before it:
45 of 204 such requests got a 500). What Rasa reads still works, the editor's model reload
included; without the token the answer stays Rasa's 401."""

from __future__ import annotations

import http.client
import json
import uuid
from typing import Any

import pytest

from rasa_addons.api_guard import ROUTES
from tests.hostile.bodies import API_BODIES, API_BODIES_TAKEN, JSON, YAML
from tests.hostile.chat_client import Answer

pytestmark = pytest.mark.servers

CONVERSATION = f"api-guard-{uuid.uuid4().hex[:12]}"
PATHS = {
    "rasa_server.parse": ("POST", "/model/parse"),
    "rasa_server.add_message": ("POST", f"/conversations/{CONVERSATION}/messages"),
    "rasa_server.append_events": ("POST", f"/conversations/{CONVERSATION}/tracker/events"),
    "rasa_server.replace_events": ("PUT", f"/conversations/{CONVERSATION}/tracker/events"),
    "rasa_server.execute_action": ("POST", f"/conversations/{CONVERSATION}/execute"),
    "rasa_server.trigger_intent": ("POST", f"/conversations/{CONVERSATION}/trigger_intent"),
    "rasa_server.predict": ("POST", f"/conversations/{CONVERSATION}/predict"),
    "rasa_server.tracker_predict": ("POST", "/model/predict"),
    "rasa_server.load_model": ("PUT", "/model"),
    "rasa_server.train": ("POST", "/model/train"),
    "rasa_server.evaluate_stories": ("POST", "/model/test/stories"),
    "rasa_server.evaluate_intents": ("POST", "/model/test/intents"),
}


def _request(port: int, method: str, path: str, body: bytes, content_type: str) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": content_type})
        answer = connection.getresponse()
        return Answer(answer.status, answer.read(), {k.lower(): v for k, v in answer.getheaders()})
    finally:
        connection.close()


@pytest.fixture(scope="module")
def api(live_stack):  # type: ignore[no-untyped-def]
    """Calls to the live Rasa API: ``api(route, body, content_type, token=...)``."""

    def call(
        route: str, body: bytes, content_type: str = JSON, token: Any = live_stack.rasa_auth_token
    ) -> Answer:
        method, path = PATHS[route]
        query = f"?token={token}" if token else ""
        return _request(live_stack.rasa_port, method, path + query, body, content_type)

    return call


def test_every_guarded_route_is_tried() -> None:
    assert set(PATHS) == set(ROUTES)


@pytest.mark.parametrize(
    ("route", "body"), [(route, body) for route in sorted(PATHS) for body in sorted(API_BODIES)]
)
def test_malformed_bodies_and_wrong_content_types_get_a_4xx_with_a_json_reason(
    api, route: str, body: str
) -> None:  # type: ignore[no-untyped-def]
    raw, content_type = API_BODIES[body]
    answer = api(route, raw, content_type)
    assert b"Traceback" not in answer.body
    assert answer.headers["content-type"].startswith("application/json")
    if (route, body) in API_BODIES_TAKEN:
        assert answer.status < 500, answer.body[:300]
    else:
        assert 400 <= answer.status < 500, answer.body[:300]
        assert answer.json["message"]


def test_without_the_token_a_malformed_body_still_gets_401(api) -> None:  # type: ignore[no-untyped-def]
    for token in (None, "not-the-token"):
        assert api("rasa_server.parse", b"null", token=token).status == 401
        assert api("rasa_server.train", b"\xff", YAML, token=token).status == 401


def test_what_rasa_reads_still_works(api) -> None:  # type: ignore[no-untyped-def]
    parsed = api("rasa_server.parse", b'{"text": "how long does the study last?"}')
    assert parsed.status == 200 and parsed.json["intent"]["name"] == "faq"
    message = api("rasa_server.add_message", b'{"text": "hello", "sender": "user"}', "text/plain")
    assert message.status == 200 and message.json["sender_id"] == CONVERSATION
    assert api("rasa_server.predict", b"").status == 200
    # YAML training data reaches Rasa's own validation (which refuses this one) without training
    yaml = api("rasa_server.train", b"nlu: 5\n", YAML)
    assert yaml.status == 400 and "valid YAML" in yaml.json["message"]


def test_the_editors_model_reload_still_works(api, live_stack) -> None:  # type: ignore[no-untyped-def]
    from bot.runtime.training import model_path

    body = json.dumps({"model_file": str(model_path(live_stack).resolve())}).encode()
    assert api("rasa_server.load_model", body).status == 204
    assert api("rasa_server.parse", b'{"text": "hello"}').status == 200
