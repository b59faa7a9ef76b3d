"""Exports: a JSON shape tools can rely on, and CSV that spreadsheets cannot turn into formulas."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.leads.contact import ContactDetails
from bot.leads.crypto import Cipher
from bot.leads.export import CSV_COLUMNS, export_leads, neutralise_cell, to_csv, to_json
from bot.leads.repository import record_screening
from bot.storage.db import Database
from bot.storage.models import AuditEvent
from tests.db_fixtures import PERSON, store_lead

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _store_anonymous(db: Database) -> None:
    with db.session_scope() as session:
        record_screening(
            session,
            conversation_id="sender-anon",
            screening_key="prescreen-1",
            outcome="not_eligible",
            reasons=["Age is below 18"],
            answers={"age": 16},
            criteria_version="2025-01",
        )


def _export(db: Database, cipher: Cipher) -> list[dict]:
    with db.session_scope() as session:
        return export_leads(session, cipher, actor="tester")


def test_export_json_shape(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher)
    _store_anonymous(db)
    records = json.loads(to_json(_export(db, cipher)))
    lead, anonymous = records
    for record in records:
        assert {"conversation_ref", "outcome", "reasons", "answers", "contact", "consent_at"} <= record.keys()
        assert {"consent_version", "status", "created_at"} <= record.keys()
        assert all(isinstance(reason, str) for reason in record["reasons"])
        datetime.fromisoformat(record["created_at"])
    assert lead["outcome"] == "likely_eligible" and lead["status"] == "new"
    assert lead["answers"]["age"] == 54 and isinstance(lead["answers"]["age"], int)
    assert lead["contact"]["email"] == PERSON.email
    assert datetime.fromisoformat(lead["consent_at"]).tzinfo is not None
    assert lead["consent_version"] == "consent-v1"
    assert anonymous["outcome"] == "not_eligible" and anonymous["answers"] == {}
    assert anonymous["contact"] == {"name": "", "email": "", "phone": "", "preferred_time": ""}
    assert (anonymous["consent_at"], anonymous["status"]) == ("", "")


def test_export_is_audited_with_a_count_only(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher)
    _export(db, cipher)
    with db.session_scope() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "exported")).scalar_one()
    assert (event.actor, event.details) == ("tester", {"count": 1})


def test_csv_flattens_contact_and_keeps_answers_as_json(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher)
    rows = list(csv.DictReader(io.StringIO(to_csv(_export(db, cipher)))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert rows[0]["contact_name"] == PERSON.name
    assert rows[0]["contact_email"] == PERSON.email
    assert rows[0]["contact_phone"] == "'" + PERSON.phone  # "+33..." would be read as a formula
    assert json.loads(rows[0]["answers"])["age"] == 54


def test_csv_neutralises_formula_injection(db: Database, cipher: Cipher) -> None:
    attacker = ContactDetails(
        name='=HYPERLINK("http://evil.example","click")',
        email="attacker@example.org",
        phone="+33612345678",
        preferred_time="@SUM(1+1)",
    )
    store_lead(db, cipher, person=attacker)
    rows = list(csv.reader(io.StringIO(to_csv(_export(db, cipher)))))
    assert rows[1][CSV_COLUMNS.index("contact_name")] == "'" + attacker.name
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(DANGEROUS_STARTS), cell


@given(st.text())
def test_neutralised_cells_never_start_like_a_formula(text: str) -> None:
    cell = neutralise_cell(text)
    assert not cell.startswith(DANGEROUS_STARTS)
    assert cell.endswith(text)
