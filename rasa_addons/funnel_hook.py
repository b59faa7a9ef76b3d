"""Counts a conversation's start in the funnel: the first message of a sender the tracker store
has never seen. Called by the one patch over Rasa's message handling (rasa_addons/safety_hook.py).

Only a hash of the sender id and the step name are stored (bot/leads/funnel.py). Senders already
checked are remembered for a while, so the tracker store is asked once per conversation per process.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import UserUttered

from bot.leads.funnel import record_funnel_event
from bot.settings import get_settings
from bot.storage.db import get_database

log = logging.getLogger(__name__)

REMEMBERED = 50_000
_checked: OrderedDict[str, None] = OrderedDict()


def _record_start(sender_id: str) -> None:
    try:
        with get_database(get_settings()).session_scope() as session:
            record_funnel_event(session, sender_id, "conversation_started")
    except Exception as error:  # counting must never stand between a person and the reply
        log.error("event=funnel_start_failed error=%s", type(error).__name__)


async def count_conversation_start(processor: MessageProcessor, sender_id: str) -> None:
    if sender_id in _checked:
        return
    _checked[sender_id] = None
    if len(_checked) > REMEMBERED:
        _checked.popitem(last=False)
    try:
        tracker = await processor.tracker_store.retrieve(sender_id)
    except Exception as error:
        log.error("event=funnel_start_lookup_failed error=%s", type(error).__name__)
        return
    if tracker is None or not any(isinstance(event, UserUttered) for event in tracker.events):
        await asyncio.to_thread(_record_start, sender_id)
