"""The load generator: N simulated people at once over Rasa's REST webhook, timing every message."""

from __future__ import annotations

import asyncio
import itertools
import math
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import aiohttp

from bot.bench.scenarios import Script, Workload

MESSAGE_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class LevelPlan:
    concurrency: int
    conversations: int  # how many conversations to play in total at this level
    deadline_seconds: float  # no new conversation starts after this


@dataclass
class LevelResult:
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    first_error: dict[str, str] = field(default_factory=dict)  # kind -> where it first happened
    conversations: int = 0
    wall_seconds: float = 0.0

    def fail(self, kind: str, script: Script, step: int) -> None:
        self.errors[kind] += 1
        self.first_error.setdefault(kind, f"{script.name} step {step + 1} {script.steps[step].text!r}")

    @property
    def messages(self) -> int:
        return len(self.latencies)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def throughput(self) -> float:
        """Answered messages per second of wall time, ramp-up and ramp-down included."""
        return self.messages / self.wall_seconds if self.wall_seconds else 0.0

    def percentile(self, q: float) -> float:
        return percentile(self.latencies, q)


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


class _Failed(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


async def _say(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> list[dict]:
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            if response.status != 200:
                raise _Failed(f"http_{response.status}")
            replies = await response.json()
    except asyncio.TimeoutError as error:
        raise _Failed("timeout") from error
    except aiohttp.ClientError as error:
        raise _Failed(type(error).__name__) from error
    if not isinstance(replies, list) or not replies:
        raise _Failed("empty_reply")
    return replies


async def play(session: aiohttp.ClientSession, url: str, sender: str, script: Script, result: LevelResult):
    """One conversation, message after message; the first failure ends it (later steps would cascade)."""
    for number, step in enumerate(script.steps):
        started = time.perf_counter()
        try:
            replies = await _say(session, url, sender, step.text)
        except _Failed as failure:
            result.fail(failure.kind, script, number)
            return
        result.latencies.append(time.perf_counter() - started)
        if step.expect is not None:
            texts = " ".join(str(reply.get("text", "")) for reply in replies).lower()
            if step.expect not in texts:
                result.fail("unexpected_reply", script, number)
                return
    result.conversations += 1


async def run_level(rasa_url: str, workload: Workload, plan: LevelPlan, label: str) -> LevelResult:
    """Keep ``plan.concurrency`` conversations in flight until ``plan.conversations`` were started."""
    url = f"{rasa_url}/webhooks/rest/webhook"
    result = LevelResult(plan.concurrency)
    numbers = itertools.count()
    run_id = uuid.uuid4().hex[:8]
    timeout = aiohttp.ClientTimeout(total=MESSAGE_TIMEOUT_SECONDS)
    connector = aiohttp.TCPConnector(limit=plan.concurrency + 4)
    started = time.perf_counter()

    async def person(session: aiohttp.ClientSession) -> None:
        for index in numbers:
            if index >= plan.conversations or time.perf_counter() - started > plan.deadline_seconds:
                return
            sender = f"bench-{label}-{run_id}-{index:05d}"
            await play(session, url, sender, workload.script(index), result)

    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await asyncio.gather(*(person(session) for _ in range(plan.concurrency)))
    result.wall_seconds = time.perf_counter() - started
    return result


async def warm_up(rasa_url: str, workload: Workload) -> LevelResult:
    """One of each conversation, unrecorded: the first predictions build TensorFlow's graphs."""
    plan = LevelPlan(concurrency=1, conversations=len(workload.mix), deadline_seconds=300)
    return await run_level(rasa_url, workload, plan, "warmup")
