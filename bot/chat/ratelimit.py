"""Token buckets per key (a sender, a client address): a burst is fine, a flood waits.

In memory, so each process counts for itself: with several web processes behind a load
balancer a sender gets up to that many times the rate (docs/robustness.md says more).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBuckets:
    """``capacity`` messages at once, then ``per_second`` more each second, for each key."""

    capacity: float
    per_second: float
    max_keys: int = 50_000  # least recently seen keys are forgotten first (memory stays bounded)
    clock: Callable[[], float] = time.monotonic
    _buckets: OrderedDict[str, tuple[float, float]] = field(default_factory=OrderedDict, repr=False)

    def take(self, key: str) -> float:
        """Spend one token: 0.0 if allowed, otherwise the seconds until one is available."""
        now = self.clock()
        tokens, last = self._buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.per_second)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.per_second
        self._buckets[key] = (tokens - 1 if wait == 0.0 else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return wait
