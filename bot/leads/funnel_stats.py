"""The funnel over time: distinct conversations per step per day or week, for the funnel page's
charts and its CSV download. Rows hold a hashed conversation reference and a step name only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import FunnelEvent

Period = Literal["day", "week"]
PERIODS: tuple[Period, ...] = ("day", "week")


def period_start(day: date, period: Period) -> date:
    """The day itself, or the Monday of its ISO week."""
    return day - timedelta(days=day.weekday()) if period == "week" else day


@dataclass(frozen=True)
class PeriodCounts:
    start: date
    counts: dict[str, int]  # event -> distinct conversations in this period


def counts_by_period(session: Session, period: Period, since: datetime | None = None) -> list[PeriodCounts]:
    """Oldest first; a conversation counts once per step and period, however often it retried."""
    statement = select(FunnelEvent.event, FunnelEvent.session_ref, FunnelEvent.at)
    if since is not None:
        statement = statement.where(FunnelEvent.at >= since)
    seen: dict[date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for event, ref, at in session.execute(statement):
        seen[period_start(at.date(), period)][event].add(ref)
    return [
        PeriodCounts(start, {event: len(refs) for event, refs in sorted(seen[start].items())})
        for start in sorted(seen)
    ]


def csv_rows(periods: list[PeriodCounts], period: Period) -> list[list[str]]:
    """One row per period and step, for a spreadsheet: period, period_start, event, conversations."""
    rows = [["period", "period_start", "event", "conversations"]]
    for item in periods:
        rows += [[period, item.start.isoformat(), event, str(n)] for event, n in item.counts.items()]
    return rows
