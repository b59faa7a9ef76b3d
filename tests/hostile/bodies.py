"""Request bodies a hostile or careless client sends, shared by the unit tests of the checks
(tests/rasa_addons, tests/rasa_sdk_plugins) and the tests against the running servers."""

from __future__ import annotations

import json

JSON, YAML, FORM = "application/json", "application/x-yaml", "application/x-www-form-urlencoded"

# Malformed or wrongly typed bodies for Rasa's HTTP API: name -> (bytes, Content-Type).
API_BODIES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", JSON),
    "truncated": (b"{", JSON),
    "text": (b"not json", JSON),
    "bad-utf8": (b'{"text": "\xff\xfe", "name": "\xff"}', JSON),
    "null": (b"null", JSON),
    "list": (b"[]", JSON),
    "string": (b'"hello"', JSON),
    "number": (b"42", JSON),
    "deep": (b"[" * 50_000, JSON),
    "object": (b"{}", JSON),
    "wrong-fields": (b'{"text": 42, "sender": 7, "name": 42, "model_file": 42, "entities": 5}', JSON),
    "form": (b"text=hello&sender=user&name=x", FORM),
    "multipart": (
        b'--xx\r\nContent-Disposition: form-data; name="text"\r\n\r\nhello\r\n--xx--\r\n',
        "multipart/form-data; boundary=xx",
    ),
    "xml": (b"<text>hello</text>", "application/xml"),
    "yaml-syntax": (b"text: [unclosed\n", YAML),
    "yaml-list": (b"- a\n- b\n", YAML),
    "yaml-bad-utf8": (b"nlu: \xff\xfe\n", YAML),
}
# Bodies some routes really take: /predict reads no body; an empty list of events replaces a
# conversation with nothing or predicts from nothing; empty JSON NLU data evaluates nothing.
API_BODIES_TAKEN = {
    *(("rasa_server.predict", body) for body in ("empty", "null", "list", "string", "number", "object")),
    ("rasa_server.predict", "wrong-fields"),
    ("rasa_server.replace_events", "list"),
    ("rasa_server.tracker_predict", "list"),
    ("rasa_server.evaluate_intents", "object"),
}

# An action call as Rasa sends it, and malformed ones with the reason the action server gives.
TRACKER = {"sender_id": "someone-1234", "slots": {}, "latest_message": {"text": "Marie Curie"}, "events": []}
ACTION_CALL = {
    "next_action": "action_consent_declined",
    "sender_id": "someone-1234",
    "tracker": TRACKER,
    "domain": {},
}


def action_call(**changes: object) -> bytes:
    return json.dumps({**ACTION_CALL, **changes}).encode()


MALFORMED_ACTION_CALLS: list[tuple[bytes, str]] = [
    (b"", "must be JSON"),
    (b"{", "must be JSON"),
    (b'{"next_action": "\xff"}', "must be JSON"),
    (b"[" * 50_000, "must be JSON"),
    (b"next_action=x", "must be JSON"),  # form-encoded
    (b"null", "must be a JSON object"),
    (b"[]", "must be a JSON object"),
    (b"42", "must be a JSON object"),
    (action_call(next_action=None), "'next_action' must be text"),
    (action_call(next_action=5), "'next_action' must be text"),
    (action_call(tracker=None), "'tracker' must be an object"),
    (action_call(tracker=[]), "'tracker' must be an object"),
    (action_call(tracker={"events": []}), "In 'tracker': 'sender_id' must be text"),
    (action_call(tracker={**TRACKER, "events": 5}), "In 'tracker': 'events' must be a list"),
    (action_call(domain=[]), "'domain' must be an object"),
]
