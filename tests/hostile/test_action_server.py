"""The running action server (rasa_sdk_plugins/request_check.py): a malformed call gets a 400 with a
reason and never the conversation back; a real call still works; an unknown URL or method is a
4xx. Measured before: JSON that is not an object, or a call without a tracker, got a 500 that
echoed the whole request; a call without ``next_action`` a 200 with ``null``; a 404 a 500."""

from __future__ import annotations

import http.client
import zlib

import pytest

from tests.hostile.bodies import JSON, MALFORMED_ACTION_CALLS, action_call
from tests.hostile.chat_client import Answer

pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def action_server(live_stack):  # type: ignore[no-untyped-def]
    """``action_server(method, path, body, headers)`` against the live stack's action server."""

    def call(method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", live_stack.action_port, timeout=60)
        try:
            connection.request(method, path, body=body, headers={"Content-Type": JSON, **(headers or {})})
            answer = connection.getresponse()
            return Answer(answer.status, answer.read(), {k.lower(): v for k, v in answer.getheaders()})
        finally:
            connection.close()

    return call


@pytest.mark.parametrize(("raw", "reason"), MALFORMED_ACTION_CALLS, ids=repr)
def test_a_malformed_action_call_gets_a_400_with_a_reason_and_no_echo(
    action_server, raw: bytes, reason: str
) -> None:  # type: ignore[no-untyped-def]
    answer = action_server("POST", "/webhook", raw)
    assert answer.status == 400 and reason in answer.json["error"]
    assert b"Marie Curie" not in answer.body and b"Traceback" not in answer.body


def test_broken_compression_gets_a_400(action_server) -> None:  # type: ignore[no-untyped-def]
    answer = action_server("POST", "/webhook", action_call(), {"Content-Encoding": "deflate"})
    assert answer.status == 400 and "deflate" in answer.json["error"]


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "deflate"])
def test_a_real_action_call_still_works(action_server, compressed: bool) -> None:  # type: ignore[no-untyped-def]
    body, headers = action_call(), {}
    if compressed:  # as Rasa sends it with COMPRESS_ACTION_SERVER_REQUEST
        body, headers = zlib.compress(body), {"Content-Encoding": "deflate"}
    answer = action_server("POST", "/webhook", body, headers)
    assert answer.status == 200
    assert (
        answer.json["responses"]
        and {"event": "slot", "name": "handoff_requested"}.items() <= answer.json["events"][0].items()
    )


def test_an_unknown_action_url_or_method_is_a_4xx(action_server) -> None:  # type: ignore[no-untyped-def]
    assert action_server("POST", "/webhook", action_call(next_action="action_nope")).status == 404
    assert action_server("GET", "/nope").status == 404
    assert action_server("DELETE", "/webhook").status == 405
