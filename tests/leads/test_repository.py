"""Recording screenings and contacts: idempotent, encrypted at rest, anonymous when not eligible."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from bot.leads import repository
from bot.leads.crypto import Cipher
from bot.leads.export import export_leads
from bot.leads.repository import add_contact, create_handoff_referral, record_screening
from bot.outcomes import OutcomeKind
from bot.storage.db import Database
from bot.storage.models import AuditEvent, Contact, Referral, Screening
from tests.db_fixtures import CONSENT_AT, PERSON, store_lead


def _record(
    session: sa.orm.Session, conversation_id: str = "sender-1", outcome: str = "likely_eligible"
) -> Screening:
    return record_screening(
        session,
        conversation_id=conversation_id,
        screening_key="prescreen-1",
        outcome=outcome,
        reasons=["Age is within the study range"],
        unknowns=["diagnosis_date"],
        answers={"age": "54", "medication": "tamoxifen-secret-answer"},
        criteria_version="2025-01",
    )


def _count(db: Database, model: type) -> int:
    with db.session_scope() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_record_screening_twice_returns_the_same_row(db: Database) -> None:
    with db.session_scope() as session:
        first = _record(session).id
    with db.session_scope() as session:
        second = _record(session).id
    assert first == second
    assert _count(db, Screening) == 1


def test_concurrent_double_submit_stores_one_screening(db: Database) -> None:
    barrier = threading.Barrier(2)
    ids: list[int] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            with db.session_scope() as session:
                ids.append(_record(session).id)
        except BaseException as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(ids) == 2 and ids[0] == ids[1]
    assert _count(db, Screening) == 1


def test_losing_the_insert_race_returns_the_winners_row(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session_scope() as session:
        winner = _record(session).id
    real_find = repository.find_screening
    calls = {"n": 0}

    def miss_first_lookup(*args: object) -> Screening | None:
        calls["n"] += 1  # the first lookup "ran before the other request committed"
        return None if calls["n"] == 1 else real_find(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "find_screening", miss_first_lookup)
    with db.session_scope() as session:
        assert _record(session).id == winner
    assert calls["n"] == 2
    assert _count(db, Screening) == 1


def test_age_answer_is_stored_as_a_whole_number(db: Database) -> None:
    with db.session_scope() as session:
        screening_id = _record(session).id
    with db.session_scope() as session:
        assert session.get(Screening, screening_id).answers["age"] == 54


def test_unknown_outcome_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="unknown outcome"), db.session_scope() as session:
        _record(session, outcome="maybe")


def test_an_outcome_given_as_the_enum_is_stored_as_its_plain_name(db: Database) -> None:
    with db.session_scope() as session:
        screening_id = _record(session, outcome=OutcomeKind.NEEDS_REVIEW).id
    with db.session_scope() as session:
        stored = session.execute(select(Screening.outcome).where(Screening.id == screening_id)).scalar_one()
    assert type(stored) is str and stored == "needs_review"


def test_not_eligible_screening_is_stored_anonymously(db: Database, cipher: Cipher) -> None:
    with db.session_scope() as session:
        screening_id = _record(session, outcome="not_eligible").id
    with db.session_scope() as session:
        screening = session.get(Screening, screening_id)
        assert screening.answers == {} and screening.unknowns == []
        assert screening.reasons == ["Age is within the study range"]
        assert screening.criteria_version == "2025-01"
        assert screening.contact is None and screening.referral is None
    with pytest.raises(ValueError, match="anonymous"), db.session_scope() as session:
        add_contact(
            session,
            cipher,
            screening_id=screening_id,
            contact=PERSON,
            consent_version="v1",
            consent_at=CONSENT_AT,
        )
    assert _count(db, Contact) == 0


def test_add_contact_twice_opens_one_referral_and_audits_it_once(db: Database, cipher: Cipher) -> None:
    first = store_lead(db, cipher)
    second = store_lead(db, cipher)
    assert first == second
    assert (_count(db, Contact), _count(db, Referral)) == (1, 1)
    with db.session_scope() as session:
        actions = session.execute(select(AuditEvent.action, AuditEvent.target_id)).all()
        referral = session.get(Referral, first)
        assert (referral.status, referral.notified_at, referral.notify_attempts) == ("new", None, 0)
        assert referral.screening.consent_version == "consent-v1"
        assert referral.screening.consent_at == CONSENT_AT
    assert actions == [("created", str(first))]


def test_contact_fields_are_encrypted_at_rest(db: Database, cipher: Cipher) -> None:
    store_lead(db, cipher)
    with db.engine.connect() as connection:
        raw = connection.execute(sa.text("SELECT * FROM contacts")).mappings().one()
    stored = " ".join(str(value) for value in raw.values())
    for secret in (PERSON.name, PERSON.email, PERSON.phone, "zoe", "612345678"):
        assert secret not in stored
    with db.session_scope() as session:
        contact = export_leads(session, cipher)[0]["contact"]
    assert contact == {
        "name": PERSON.name,
        "email": PERSON.email,
        "phone": PERSON.phone,
        "preferred_time": PERSON.preferred_time,
    }


def test_handoff_referral_needs_no_screening_answers(db: Database, cipher: Cipher) -> None:
    def handoff() -> int:
        with db.session_scope() as session:
            referral = create_handoff_referral(
                session,
                cipher,
                conversation_id="sender-9",
                contact=PERSON,
                consent_version="v1",
                consent_at=CONSENT_AT,
            )
            return referral.id

    assert handoff() == handoff()
    with db.session_scope() as session:
        screening = session.execute(select(Screening)).scalar_one()
        assert screening.is_handoff and screening.outcome is None and screening.answers == {}
        assert screening.referral is not None and screening.contact is not None
