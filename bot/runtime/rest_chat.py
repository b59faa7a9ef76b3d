"""The one client for Rasa's REST channel, as the widget uses it: the evaluation tools, the
simulated patients and every test that talks to a running stack send their messages through it."""

from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any

WEBHOOK = "/webhooks/rest/webhook"


class Conversation:
    """One person's conversation: sends a message, returns the bot's replies (text, buttons)."""

    def __init__(self, rasa_url: str, sender: str | None = None, timeout: float = 60.0) -> None:
        self.url = f"{rasa_url}{WEBHOOK}"
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.timeout = timeout
        self.replies: list[dict[str, Any]] = []
        self.headers: dict[str, str] = {}  # of the last answer (behind nginx: which server answered)

    def say(self, message: str, timeout: float | None = None) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
            self.replies = list(json.loads(response.read()))
            self.headers = dict(response.headers.items())
        return self.replies

    def texts(self, message: str) -> list[str]:
        """Send; every reply's text, as sent."""
        return [str(reply.get("text", "")) for reply in self.say(message)]

    def text(self, message: str) -> str:
        """Send and return every reply text joined, lower-cased, for simple assertions."""
        return "\n".join(self.texts(message)).lower()
