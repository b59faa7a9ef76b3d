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
    coordinator.post(f"/inbox/referrals/{new}", {"status": "contacted"})
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


def test_status_assignment_and_follow_up_are_saved_with_history_and_audited(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    assert coordinator.account is not None
    me = coordinator.account.email
    answer = coordinator.post(
        f"/inbox/referrals/{reference}",
        {"status": "visit_booked", "assigned_to": me, "follow_up_on": "2026-01-31"},
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith("?saved=work")
    with web.database.session_scope() as session:
        referral = session.get(Referral, reference)
        assert (referral.status, referral.assigned_to, str(referral.follow_up_on)) == (
            "visit_booked",
            me,
            "2026-01-31",
        )
    [event] = _audit(web, "changed", reference)
    assert event.details == {"fields": "status,assigned_to,follow_up_on", "status": "visit_booked"}
    page = coordinator.get(f"/inbox/referrals/{reference}").text
    assert "New → Visit booked" in page


def test_assigning_to_someone_who_is_not_a_coordinator_is_refused(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    answer = coordinator.post(
        f"/inbox/referrals/{reference}", {"status": "new", "assigned_to": "stranger@example.org"}
    )
    assert answer.status_code == 400
    with web.database.session_scope() as session:
        assert session.get(Referral, reference).assigned_to is None


def test_contact_log_entries_are_added_never_overwritten_and_audited_without_text(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    for kind, text in (("call", "Spoke to her, wants a visit"), ("voicemail", "Left a message")):
        answer = coordinator.post(f"/inbox/referrals/{reference}/log", {"kind": kind, "text": text})
        assert answer.status_code == 303
    page = coordinator.get(f"/inbox/referrals/{reference}").text
    assert page.index("Spoke to her, wants a visit") < page.index("Left a message")
    assert coordinator.account is not None and page.count(coordinator.account.email) >= 3
    assert coordinator.post(f"/inbox/referrals/{reference}/log", {"kind": "fax"}).status_code == 400
    assert all("Spoke" not in str(e.details) for e in _audit(web, "changed", reference))


def test_the_worklist_searches_encrypted_names_and_keeps_filters_in_the_export_form(
    coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    named = lead(
        person=ContactDetails(
            name="Élodie Searchable", email="elodie@example.org", phone="", preferred_time=""
        )
    )
    page = coordinator.get("/inbox?q=elodie+searchable").text
    assert _references(page) == {named} and "Élodie Searchable" in page
    assert 'action="/inbox/export.csv?q=elodie+searchable"' in page


def test_the_print_view_shows_the_lead_and_its_log(coordinator: StaffClient, lead) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    coordinator.post(f"/inbox/referrals/{reference}/log", {"kind": "note", "text": "Prefers French"})
    page = coordinator.get(f"/inbox/referrals/{reference}/print").text
    assert "Zoé Martin-Testperson" in page and "Prefers French" in page


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
    row = next(r for r in rows if r["record_id"] == str(reference))
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


def test_a_likely_eligible_referral_without_reasons_says_all_answers_fit(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    from bot.texts import text

    reference = lead()
    with web.database.session_scope() as session:
        session.get(Referral, reference).screening.reasons = []
    page = coordinator.get(f"/inbox/referrals/{reference}").text
    assert text("all_answers_fit") in page and "No reasons recorded." not in page
