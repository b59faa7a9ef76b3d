"""Funnel events count drop-off per step without keeping the sender id."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.leads.funnel import funnel_counts, record_funnel_event, validate_event
from bot.leads.queries import funnel_report
from bot.storage.db import Database
from bot.storage.models import FunnelEvent


def test_funnel_counts_distinct_conversations_per_step(db: Database) -> None:
    with db.session_scope() as session:
        for sender in ("a", "b", "c"):
            record_funnel_event(session, sender, "conversation_started")
        record_funnel_event(session, "a", "prescreen_started")
        record_funnel_event(session, "a", "prescreen_started")  # a retried action counts once
        record_funnel_event(session, "a", "question_answered:age")
    with db.session_scope() as session:
        counts = funnel_counts(session)
    assert counts == {"conversation_started": 3, "prescreen_started": 1, "question_answered:age": 1}


def test_funnel_rows_do_not_hold_the_sender_id(db: Database) -> None:
    with db.session_scope() as session:
        record_funnel_event(session, "sender-secret-42", "consent_given")
    with db.session_scope() as session:
        row = session.execute(select(FunnelEvent)).scalar_one()
    assert "sender-secret-42" not in row.session_ref and len(row.session_ref) == 32


@pytest.mark.parametrize("event", ["started", "question_answered:", "question_answered:Age; DROP", ""])
def test_unknown_funnel_events_are_refused(event: str) -> None:
    with pytest.raises(ValueError, match="unknown funnel event"):
        validate_event(event)


def test_drop_off_is_listed_in_the_order_the_questions_are_asked(db: Database) -> None:
    """A volunteered answer can make a later question more answered than an earlier one: the list
    still follows the form, and each drop-off is read against the question asked before it."""
    with db.session_scope() as session:
        for sender in ("a", "b", "c", "d"):
            record_funnel_event(session, sender, "prescreen_started")
        for sender in ("a", "b"):
            record_funnel_event(session, sender, "question_answered:age")
        for sender in ("a", "b", "c"):  # c gave the diagnosis with the first message
            record_funnel_event(session, sender, "question_answered:diagnosis")
        record_funnel_event(session, "a", "question_answered:retired_question")
    with db.session_scope() as session:
        report = funnel_report(session, question_order=("age", "diagnosis", "treatments"))
    assert [(q["question"], q["answered"], q["dropped"]) for q in report["questions"]] == [
        ("age", 2, 2),
        ("diagnosis", 3, 0),
        ("retired_question", 1, 2),
    ]
