"""A tiny client for Rasa's REST channel, as the widget and the tests use it."""

from __future__ import annotations

import json
import urllib.request
import uuid


class Conversation:
    """One person's conversation: sends a message, returns the bot's texts."""

    def __init__(self, rasa_url: str, sender: str | None = None) -> None:
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.replies: list[dict] = []

    def say(self, message: str, timeout: float = 30.0) -> list[dict]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            self.replies = json.loads(response.read())
        return self.replies

    def text(self, message: str) -> str:
        """Send and return every reply text joined, lower-cased, for simple assertions."""
        return "\n".join(reply.get("text", "") for reply in self.say(message)).lower()
