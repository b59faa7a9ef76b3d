"""A Redis lock store whose every change is one Redis transaction, so several Rasa servers really
take turns on a conversation.

Rasa 3.6's RedisLockStore reads the conversation's lock (a JSON list of tickets), changes it in
Python and writes it back in three separate steps (RasaHQ/rasa#9213; Rasa's fix, a concurrent
lock store, went to Rasa Pro). Two servers receiving one person's messages at the same moment
can then both take ticket k, handle both messages at once and lose one of them: tests/scaleout
reproduced it. Here each read-change-write runs under WATCH/MULTI and is retried if another
server changed the lock meanwhile; the tickets, their order and their lifetime are Rasa's own.
Used by deploy/endpoints.production.yml (`lock_store: type: rasa_addons.lock_store.AtomicRedisLockStore`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

log = logging.getLogger(__name__)
T = TypeVar("T")

# What a change returns: the lock to store (None: delete it) and the caller's result.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa builds a custom lock store from its endpoint (``url`` is the Redis host); tests may
        pass RedisLockStore's own arguments instead."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else None
                    new_lock, result = change(lock)
                    pipe.multi()
                    if new_lock is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:  # another server changed this lock: read it again
                    log.debug("event=lock_retry")

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # Rasa's contract: a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give the ticket back; delete the lock only if nobody else holds a ticket, in one step
        (Rasa checks and deletes separately, and could delete a ticket issued in between)."""

        def release(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, release)
