"""Raw HTTP to the two ways into the chat (Rasa's REST webhook, the widget's /api/chat), so tests can
send exactly the bytes a hostile client would."""

from __future__ import annotations

import http.client
import json
import uuid
from dataclasses import dataclass
from typing import Any


def new_sender() -> str:
    return uuid.uuid4().hex  # what the widget sends: 32 random hex digits


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        """Every reply text joined and lower-cased (for a list of replies)."""
        return "\n".join(reply.get("text", "") for reply in self.json).lower()


@dataclass(frozen=True)
class ChatEndpoint:
    name: str
    port: int
    path: str
    source: str = "127.0.0.1"  # any 127.x.y.z is loopback: a test can play another client address

    def post(self, body: bytes, content_type: str | None = "application/json") -> Answer:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
        )
        try:
            headers = {"Content-Type": content_type} if content_type else {}
            connection.request("POST", self.path, body=body, headers=headers)
            answer = connection.getresponse()
            return Answer(answer.status, answer.read(), {k.lower(): v for k, v in answer.getheaders()})
        finally:
            connection.close()

    def send(self, message: Any, sender: Any = None) -> Answer:
        body = {"sender": new_sender() if sender is None else sender, "message": message}
        return self.post(json.dumps(body).encode())


def ok(answer: Answer) -> str:
    """The replies' text (lower-cased) of a 200 that is never silence."""
    assert answer.status == 200, answer.body[:300]
    assert answer.json and all(reply.get("text") for reply in answer.json), "never silence"
    return answer.text
