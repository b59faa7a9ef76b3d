"""A conversation as its person saw it, read back from Rasa's tracker store for the chat widget.

The widget keeps only the sender id in the host page's sessionStorage (any script on the
foundation's page can read that storage); after a reload it asks us for the visible messages.
Event data is stored encrypted (rasa_addons/tracker_store.py): both ends use ``seal`` and ``open_``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, inspect, select
from sqlalchemy.engine import Engine

from bot.leads.crypto import Cipher
from bot.storage.private import sqlite_path

MAX_MESSAGES = 200
_metadata = MetaData()
EVENTS = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("data", Text),
)


def seal(cipher: Cipher, data: dict[str, Any]) -> str:
    """An event's data as stored: encrypted JSON."""
    return cipher.encrypt(json.dumps(data)) or ""


def open_(cipher: Cipher, stored: str) -> dict[str, Any]:
    """An event's data from its stored form; plain JSON rows from before encryption still read."""
    return json.loads(stored if stored.startswith("{") else cipher.decrypt(stored))


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return create_engine(url, future=True)


def _shown_as(text: str, offered: list[dict[str, Any]]) -> str | None:
    """What the person saw for their message: a button payload ("/affirm") shows as its title."""
    if not text.startswith("/"):
        return text
    return next((b.get("title") for b in offered if b.get("payload") == text), None)


def visible_history(url: str, cipher: Cipher, sender_id: str) -> list[dict[str, Any]]:
    """The messages since the conversation last restarted, oldest first, at most ``MAX_MESSAGES``."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return []
    engine = _engine(url)
    if not inspect(engine).has_table("events"):
        return []
    query = (
        select(EVENTS.c.type_name, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.type_name.in_(("user", "bot", "restart")))
        .order_by(EVENTS.c.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    messages: list[dict[str, Any]] = []
    offered: list[dict[str, Any]] = []
    for type_name, stored in rows:
        if type_name == "restart":
            messages, offered = [], []
            continue
        data = open_(cipher, stored)
        if type_name == "bot" and data.get("text"):
            offered = list((data.get("data") or {}).get("buttons") or [])
            messages.append({"who": "bot", "text": data["text"], "buttons": offered})
        elif type_name == "user":
            shown = _shown_as(str(data.get("text") or ""), offered)
            if shown:
                messages.append({"who": "user", "text": shown, "buttons": []})
    return messages[-MAX_MESSAGES:]
