"""AtomicRedisLockStore against the machine's Redis: servers that ask for a ticket at the same moment
get different ones, and a lock someone still waits for is never deleted."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import Iterator

import pytest
import redis
from rasa.utils.endpoints import EndpointConfig

from rasa_addons.lock_store import AtomicRedisLockStore
from tests.conftest import real_servers_required

REDIS_URL = os.environ.get("TEST_REDIS_URL", "").strip() or "redis://127.0.0.1:6379/0"


@pytest.fixture
def prefix() -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=3, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        if real_servers_required():
            pytest.fail(
                f"Redis at {REDIS_URL} is unreachable ({error}); REQUIRE_REAL_SERVERS=1", pytrace=False
            )
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({error}); .ci/run makes this a failure")
    prefix = f"locktest{uuid.uuid4().hex[:10]}"
    yield prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def _store(prefix: str) -> AtomicRedisLockStore:
    """A store as Rasa builds it from endpoints.production.yml: its own connection, like a server."""
    parts = redis.connection.parse_url(REDIS_URL)
    config = EndpointConfig(
        url=parts.get("host", "127.0.0.1"),
        port=parts.get("port", 6379),
        db=parts.get("db", 0),
        key_prefix=prefix,
    )
    return AtomicRedisLockStore(endpoint_config=config)


def test_tickets_issued_at_the_same_moment_by_several_servers_are_all_different(prefix: str) -> None:
    servers, rounds = 6, 15
    start = threading.Barrier(servers)
    issued: list[int] = []

    def server() -> None:
        store = _store(prefix)
        start.wait()
        for _ in range(rounds):
            issued.append(store.issue_ticket("person-1"))

    threads = [threading.Thread(target=server) for _ in range(servers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(issued) == list(range(servers * rounds))


def test_the_lock_outlives_the_first_ticket_while_another_waits(prefix: str) -> None:
    one, two = _store(prefix), _store(prefix)
    first = one.issue_ticket("person-2")
    second = two.issue_ticket("person-2")
    one.cleanup("person-2", first)
    lock = two.get_lock("person-2")
    assert lock is not None and not lock.is_locked(second)
    two.cleanup("person-2", second)
    assert two.get_lock("person-2") is None


async def test_two_servers_take_turns_on_one_conversation(prefix: str) -> None:
    one, two = _store(prefix), _store(prefix)
    inside: list[str] = []
    overlaps: list[str] = []

    async def handle(store: AtomicRedisLockStore, name: str) -> None:
        async with store.lock("person-3", wait_time_in_seconds=0.05):
            if inside:
                overlaps.append(name)
            inside.append(name)
            await asyncio.sleep(0.2)
            inside.remove(name)

    await asyncio.gather(*(handle(store, f"message-{n}") for n, store in enumerate([one, two, one, two])))
    assert overlaps == []
    assert one.get_lock("person-3") is None
