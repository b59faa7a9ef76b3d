"""A stand-in for Rasa's REST channel and model API, so widget tests run without a trained model.

It answers like Rasa does (a JSON list of ``{text, buttons}``) and records what it was sent; after
``record_to`` it also stores each turn in a tracker store, as Rasa does, so the web app's
history endpoint has something to read back.
"""

from __future__ import annotations

import asyncio
import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

GREETING = "Hello! I am the CATR-PAT study assistant. What would you like to know?"
QUICK_REPLIES = [
    {"title": "How long is the study?", "payload": "/faq_duration"},
    {"title": "Can I take part?", "payload": "/start_prescreen"},
]
DURATION = "The study lasts 52 weeks."
FOUNDATION_PAGE = (
    '<!doctype html><html lang="en"><head><title>Foundation trial page</title></head>'
    '<body><main><h1>A trial</h1></main><script src="{widget}" defer></script></body></html>'
)


SLOW_SECONDS = 1.5


def reply_to(message: str) -> list[dict[str, Any]]:
    if message == "slow":  # long enough for a test to see the typing indicator
        time.sleep(SLOW_SECONDS)
        return [{"text": "Sorry for the wait."}]
    if message == "/faq_duration" or "long" in message.lower():
        return [{"text": DURATION}]
    return [{"text": GREETING, "buttons": QUICK_REPLIES}]


class FakeRasa:
    """Runs on a free port in a daemon thread; ``messages`` and ``model_loads`` record requests."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.model_loads: list[dict[str, Any]] = []
        self.tracker_store: Any = None
        self._store_lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> Any:
                return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"null")

            def do_POST(self) -> None:
                body = self._body()
                owner.messages.append(body)
                replies = reply_to(body.get("message", ""))
                owner.store_turn(str(body.get("sender", "")), str(body.get("message", "")), replies)
                self._json(200, replies)

            def do_GET(self) -> None:
                """``/foundation?widget=<url>``: a foundation's trial page on another origin, embedding
                the widget (both on loopback, so Chromium's private-network rules do not interfere)."""
                query = parse_qs(urlsplit(self.path).query)
                page = FOUNDATION_PAGE.format(widget=html.escape(query.get("widget", [""])[0])).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def do_PUT(self) -> None:
                owner.model_loads.append({"path": self.path, "body": self._body()})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.handle_error = lambda *_args: None  # a browser closing mid-reply is not a failure
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def record_to(self, url: str, cipher: Any) -> None:
        """Store every turn from now on in the tracker store at ``url`` (encrypted, as Rasa's is)."""
        from rasa_addons.tracker_store import LeanSQLTrackerStore
        from tests.tracker_fixtures import DOMAIN

        self.tracker_store = LeanSQLTrackerStore(DOMAIN, host=url, cipher=cipher)

    def stop_recording(self) -> None:
        if self.tracker_store is not None:
            self.tracker_store.engine.dispose()
        self.tracker_store = None

    def store_turn(self, sender: str, message: str, replies: list[dict[str, Any]]) -> None:
        store = self.tracker_store
        if store is None or not sender:
            return
        from rasa.shared.core.events import BotUttered, UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker

        async def save() -> None:
            tracker = await store.retrieve(sender) or DialogueStateTracker(sender, store.domain.slots)
            tracker.update(UserUttered(message))
            for reply in replies:
                tracker.update(BotUttered(reply.get("text"), {"buttons": reply.get("buttons")}))
            await store.save(tracker)

        with self._store_lock:
            asyncio.run(save())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeRasa:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
