"""A value rebuilt in a worker thread when its sources change, the last one served meanwhile.

Why: refitting the lexical reader after a staff edit takes half a minute. Done on the Rasa
server's event loop, it froze every conversation for that long; here the conversations go on
with the reader they had, and the new one takes over when it is ready. Sources are stat'ed at
most once per ``check_every`` seconds, so a message does not pay for a directory scan.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
CHECK_EVERY_SECONDS = 2.0


@dataclass
class _Slot(Generic[T]):
    value: T
    version: Hashable
    checked_at: float
    building: Hashable | None = None
    failed: Hashable | None = None


class Refreshing(Generic[T]):
    """``get(place, version_of)`` returns the value built for ``place``.

    The first value of a place is built in the caller (there is nothing to serve yet). After that,
    a new ``version_of(place)`` starts one build in a thread (one at a time) and the old value is
    served until it ends; a build that fails is logged and the old value kept, and that version is
    not tried again (the next edit is).
    """

    def __init__(
        self,
        build: Callable[[Hashable], T],
        name: str,
        check_every: float = CHECK_EVERY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._build = build
        self._name = name
        self._check_every = check_every
        self._clock = clock
        self._slots: dict[Hashable, _Slot[T]] = {}
        self._lock = threading.Lock()

    def get(self, place: Hashable, version_of: Callable[[Hashable], Hashable]) -> T:
        """The freshest finished value for ``place``."""
        now = self._clock()
        with self._lock:
            slot = self._slots.get(place)
            if slot is not None and now - slot.checked_at < self._check_every:
                return slot.value
        version = version_of(place)
        with self._lock:
            slot = self._slots.get(place)
            if slot is not None:
                slot.checked_at = now
                if slot.building is None and version not in (slot.version, slot.failed):
                    slot.building = version
                    threading.Thread(
                        target=self._rebuild, args=(place, version), name=f"refresh-{self._name}", daemon=True
                    ).start()
                return slot.value
        value = self._build(place)
        with self._lock:
            self._slots[place] = _Slot(value=value, version=version, checked_at=now)
        return value

    def wait_idle(self, timeout: float) -> bool:
        """True once no build is running (tests wait on this, never on a sleep)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(slot.building is None for slot in self._slots.values()):
                    return True
            time.sleep(0.01)
        return False

    def _rebuild(self, place: Hashable, version: Hashable) -> None:
        started = time.monotonic()
        try:
            value = self._build(place)
        except Exception:  # a bad edit must not take the served value down with it
            log.exception("event=refresh_failed name=%s", self._name)
            with self._lock:
                self._slots[place].building, self._slots[place].failed = None, version
            return
        with self._lock:
            slot = self._slots[place]
            slot.value, slot.version, slot.building = value, version, None
        log.info("event=refreshed name=%s seconds=%.1f", self._name, time.monotonic() - started)
