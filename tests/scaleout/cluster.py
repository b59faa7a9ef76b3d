"""The scale-out deployment (bot/runtime/scaleout.py) as the test talks to it: two Rasa servers
behind nginx, and which of them answered each message."""

from __future__ import annotations

import json
import os
import urllib.request
from dataclasses import dataclass

from bot.runtime.rest_chat import Conversation
from bot.runtime.scaleout import Cluster

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def server_urls() -> tuple[str, str]:
    """PostgreSQL and Redis as .ci/run sets them, else the machine's own (README: 127.0.0.1)."""
    postgres = os.environ.get("TEST_DATABASE_URL", "").strip() or DEFAULT_POSTGRES_URL
    redis_url = os.environ.get("TEST_REDIS_URL", "").strip() or DEFAULT_REDIS_URL
    return postgres, redis_url


@dataclass(frozen=True)
class Reply:
    texts: list[str]
    upstream: str  # which Rasa server nginx chose (its X-Upstream header)

    @property
    def text(self) -> str:
        return "\n".join(self.texts).lower()


class ScaleoutCluster(Cluster):
    """The running cluster, with a test client that records which Rasa server answered."""

    def say(self, sender: str, message: str, timeout: float = 60.0) -> Reply:
        conversation = Conversation(self.rasa_url, sender, timeout=timeout)
        texts = conversation.texts(message)
        return Reply(texts, conversation.headers.get("X-Upstream", ""))

    def tracker(self, sender: str, base_url: str | None = None) -> dict:
        """The conversation as a Rasa server sees it (its HTTP API, with the token)."""
        token = self.settings.rasa_auth_token
        url = f"{base_url or self.rasa_url}/conversations/{sender}/tracker?token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())
