"""Token buckets: a burst passes, a flood waits, each key for itself, and memory stays bounded."""

from __future__ import annotations

from bot.chat.ratelimit import TokenBuckets


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_up_to_capacity_passes_then_the_next_waits() -> None:
    buckets = TokenBuckets(capacity=3, per_second=0.5, clock=Clock())
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == 2.0  # one token every two seconds


def test_tokens_come_back_with_time_up_to_capacity() -> None:
    clock = Clock()
    buckets = TokenBuckets(capacity=2, per_second=1.0, clock=clock)
    buckets.take("a"), buckets.take("a")
    clock.now += 1.0
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0
    clock.now += 3600
    assert [buckets.take("a") for _ in range(3)][:2] == [0.0, 0.0]


def test_waiting_requests_do_not_dig_the_hole_deeper() -> None:
    clock = Clock()
    buckets = TokenBuckets(capacity=1, per_second=1.0, clock=clock)
    buckets.take("a")
    for _ in range(100):
        buckets.take("a")
    clock.now += 1.0
    assert buckets.take("a") == 0.0


def test_one_key_flooding_does_not_slow_another() -> None:
    buckets = TokenBuckets(capacity=2, per_second=0.1, clock=Clock())
    for _ in range(50):
        buckets.take("flood")
    assert buckets.take("someone else") == 0.0


def test_the_least_recently_seen_keys_are_forgotten_beyond_max_keys() -> None:
    buckets = TokenBuckets(capacity=1, per_second=0.001, max_keys=3, clock=Clock())
    for key in ("a", "b", "c", "d"):
        buckets.take(key)
    assert len(buckets._buckets) == 3 and "a" not in buckets._buckets
