"""The coordinator inbox over HTTP: filters and counts, a lead's page, status workflow, export,
erasure, and the audit rows each of them leaves."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone

from sqlalchemy import select

from bot.leads.contact import ContactDetails
from bot.leads.funnel import record_funnel_event
from bot.storage.models import AuditEvent, Referral, Screening
from tests.web.server import WebServer
from tests.web.staff import StaffClient

HOSTILE = ContactDetails(
    name='=HYPERLINK("http://evil.example","x")<script>alert(1)</script>',
    email="hostile@example.org",
    phone="+33600000000",
    preferred_time="@SUM(A1:A9)",
)


def _references(page: str) -> set[int]:
    return {int(number) for number in re.findall(r'href="/inbox/referrals/(\d+)"', page)}


def _audit(web: WebServer, action: str, target_id: int | None = None) -> list[AuditEvent]:
    with web.database.session_scope() as session:
        statement = select(AuditEvent).where(AuditEvent.action == action)
        if target_id is not None:
            statement = statement.where(AuditEvent.target_id == str(target_id))
        return list(session.execute(statement).scalars())


def test_filters_by_outcome_status_date_and_handoff_with_counts(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    old = lead("needs_review", created_at=datetime(2020, 3, 1, 12, tzinfo=timezone.utc))
    new = lead("likely_eligible", created_at=datetime(2020, 3, 5, 12, tzinfo=timezone.utc))
    page = coordinator.get("/inbox?from=2020-03-01&to=2020-03-05").text
    assert {old, new} <= _references(page)
    assert "2 referrals match" in page
    assert _references(coordinator.get("/inbox?from=2020-03-01&to=2020-03-01").text) == {old}
    reviewed = _references(coordinator.get("/inbox?outcome=needs_review&from=2020-03-01&to=2020-03-05").text)
    assert reviewed == {old}
    coordinator.post(f"/inbox/referrals/{new}", {"status": "contacted", "notes": ""})
    assert _references(coordinator.get("/inbox?status=contacted&from=2020-03-01&to=2020-03-31").text) == {new}
    assert _references(coordinator.get("/inbox?handoff=yes&from=2020-03-01&to=2020-03-31").text) == set()


def test_an_unknown_filter_value_is_explained_next_to_the_field(coordinator: StaffClient) -> None:
    page = coordinator.get("/inbox?status=bogus&from=31/12/2020").text
    assert 'id="e-status"' in page and "Choose one of" in page
    assert 'id="e-from"' in page and "Use a date like" in page


def test_the_lead_page_shows_answers_reasons_contact_and_consent_and_is_audited(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    page = coordinator.get(f"/inbox/referrals/{reference}").text
    for shown in ("Zoé Martin-Testperson", "zoe.testperson@example.org", "Age is within the study range",
                  "2025-01-02 09:30 UTC", "consent-v1", "tamoxifen-secret-answer"):  # fmt: skip
        assert shown in page
    assert _audit(web, "viewed", reference)


def test_hostile_contact_text_is_shown_inert(coordinator: StaffClient, lead) -> None:  # type: ignore[no-untyped-def]
    page = coordinator.get(f"/inbox/referrals/{lead(person=HOSTILE)}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_status_and_notes_change_is_saved_and_audited_without_the_note_text(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    answer = coordinator.post(
        f"/inbox/referrals/{reference}", {"status": "visit_booked", "notes": "Call Tuesday"}
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith("?saved=1")
    with web.database.session_scope() as session:
        referral = session.get(Referral, reference)
        assert (referral.status, referral.notes) == ("visit_booked", "Call Tuesday")
    [event] = _audit(web, "changed", reference)
    assert event.details["status"] == "visit_booked" and "Call Tuesday" not in str(event.details)


def test_an_unknown_status_is_refused_and_nothing_changes(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    assert coordinator.post(f"/inbox/referrals/{reference}", {"status": "approved"}).status_code == 400
    with web.database.session_scope() as session:
        assert session.get(Referral, reference).status == "new"


def test_csv_export_is_an_audited_download_with_formulas_neutralised(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead(person=HOSTILE)
    answer = coordinator.post("/inbox/export.csv")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["reference"] == str(reference))
    assert row["contact_name"].startswith("'=HYPERLINK")
    assert row["contact_preferred_time"] == "'@SUM(A1:A9)"
    assert coordinator.account is not None
    assert _audit(web, "exported")[-1].actor == coordinator.account.email


def test_erase_needs_confirmation_then_deletes_everything_and_leaves_an_audit_row(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead(conversation_id="erase-me-sender")
    with web.database.session_scope() as session:
        record_funnel_event(session, "erase-me-sender", "prescreen_started")
    assert coordinator.post(f"/inbox/referrals/{reference}/erase").status_code == 400
    answer = coordinator.post(f"/inbox/referrals/{reference}/erase", {"confirm": "erase"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/inbox?erased=1"
    with web.database.session_scope() as session:
        assert session.get(Referral, reference) is None
        assert (
            session.execute(select(Screening).where(Screening.conversation_id == "erase-me-sender")).first()
            is None
        )
    [event] = [e for e in _audit(web, "erased") if e.details.get("funnel_events") == 1]
    assert event.details["referrals"] == 1 and "erase-me-sender" not in str(event.details)
    assert coordinator.get(f"/inbox/referrals/{reference}").status_code == 404
    assert (web.settings.data_dir / "erasure-queue" / "erase-me-sender").exists()  # chat history next


def test_the_audit_log_page_lists_views_and_changes(coordinator: StaffClient, lead) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    coordinator.get(f"/inbox/referrals/{reference}")
    page = coordinator.get("/inbox/audit").text
    assert f"referral #{reference}" in page and "viewed" in page


def test_the_funnel_page_shows_steps_outcomes_and_drop_off_by_question(
    web: WebServer, coordinator: StaffClient
) -> None:
    with web.database.session_scope() as session:
        for n in range(4):
            sender = f"funnel-sender-{n}"
            record_funnel_event(session, sender, "conversation_started")
            record_funnel_event(session, sender, "prescreen_started")
            if n < 3:
                record_funnel_event(session, sender, "question_answered:age")
            if n < 1:
                record_funnel_event(session, sender, "question_answered:antibody")
    page = coordinator.get("/inbox/funnel").text
    assert re.search(r"<th scope=\"row\">Age</th><td>3</td><td>\d+</td>", page)
    assert re.search(r"<th scope=\"row\">Antibody</th><td>1</td><td>2</td>", page)
    assert "Prescreen started" in page and "Likely eligible" in page


def test_the_funnel_page_counts_safety_replies_by_kind(web: WebServer, coordinator: StaffClient) -> None:
    with web.database.session_scope() as session:
        for n in range(3):
            record_funnel_event(session, f"safety-sender-{n}", "safety:emergency")
        record_funnel_event(session, "safety-sender-0", "safety:emergency")  # the same conversation again
        record_funnel_event(session, "safety-sender-9", "safety:self_harm")
    page = coordinator.get("/inbox/funnel").text
    assert re.search(r"<th scope=\"row\">Safety emergency</th><td>[3-9]\d*</td>", page)
    assert re.search(r"<th scope=\"row\">Safety self harm</th><td>[1-9]\d*</td>", page)
