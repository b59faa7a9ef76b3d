"""The funnel over time counts each conversation once per step and day or week."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.leads.funnel import outcome_event, question_event, record_funnel_event, validate_event
from bot.leads.funnel_stats import counts_by_period, csv_rows, period_start
from bot.storage.db import Database


def _at(day: int) -> datetime:
    return datetime(2026, 3, day, 10, tzinfo=timezone.utc)  # 2026-03-02 is a Monday


def test_counts_per_day_and_per_week_are_distinct_conversations(db: Database) -> None:
    with db.session_scope() as session:
        for sender, day in (("a", 2), ("b", 2), ("c", 4), ("d", 9)):
            record_funnel_event(session, sender, "conversation_started", at=_at(day))
        record_funnel_event(session, "a", "conversation_started", at=_at(2))  # a retry
        record_funnel_event(session, "a", "conversation_started", at=_at(3))  # the next day: counts there
    with db.session_scope() as session:
        days = {p.start: p.counts for p in counts_by_period(session, "day")}
        weeks = {p.start: p.counts for p in counts_by_period(session, "week")}
    assert days == {
        date(2026, 3, 2): {"conversation_started": 2},
        date(2026, 3, 3): {"conversation_started": 1},
        date(2026, 3, 4): {"conversation_started": 1},
        date(2026, 3, 9): {"conversation_started": 1},
    }
    assert weeks == {
        date(2026, 3, 2): {"conversation_started": 3},
        date(2026, 3, 9): {"conversation_started": 1},
    }


def test_the_csv_rows_name_period_step_and_count_only(db: Database) -> None:
    with db.session_scope() as session:
        record_funnel_event(session, "secret-sender", "contact_given", at=_at(5))
    with db.session_scope() as session:
        rows = csv_rows(counts_by_period(session, "week"), "week")
    assert rows == [
        ["period", "period_start", "event", "conversations"],
        ["week", "2026-03-02", "contact_given", "1"],
    ]
    assert "secret-sender" not in repr(rows)


def test_a_week_starts_on_monday() -> None:
    assert period_start(date(2026, 3, 8), "week") == date(2026, 3, 2)
    assert period_start(date(2026, 3, 8), "day") == date(2026, 3, 8)


def test_outcome_and_question_events_are_named_and_checked() -> None:
    assert outcome_event("needs_review") == "outcome:needs_review"
    assert outcome_event("handoff") == "outcome:handoff"
    assert question_event("age") == "question_answered:age"
    assert validate_event("contact_given") == "contact_given"
    with pytest.raises(ValueError, match="outcome:<likely_eligible"):
        outcome_event("enrolled")
