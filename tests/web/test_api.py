"""The CRM API: bearer tokens from ``python -m bot users token``, the same data as the inbox."""

from __future__ import annotations

import requests
from sqlalchemy import select

from bot.storage.models import AuditEvent
from tests.web.server import WebServer
from tests.web.staff import add_account, add_api_token


def _get(web: WebServer, path: str, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(web.url + path, headers=headers, timeout=10)


def test_referral_list_and_detail_with_a_coordinator_token(web: WebServer, lead) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    token = add_api_token(web.database, add_account(web.database, "coordinator").email)
    listing = _get(web, "/api/v1/referrals?outcome=likely_eligible", token)
    assert listing.status_code == 200
    body = listing.json()
    assert reference in {item["reference"] for item in body["referrals"]}
    assert body["counts"]["total"] >= 1 and "contact" not in body["referrals"][0]
    detail = _get(web, f"/api/v1/referrals/{reference}", token).json()
    assert detail["contact"]["email"] == "zoe.testperson@example.org"
    with web.database.session_scope() as session:
        actors = session.execute(
            select(AuditEvent.actor).where(
                AuditEvent.action == "viewed", AuditEvent.target_id == str(reference)
            )
        ).scalars()
        assert any(actor.startswith("api:coordinator-") for actor in actors)


def test_funnel_as_json(web: WebServer) -> None:
    token = add_api_token(web.database, add_account(web.database, "admin").email)
    body = _get(web, "/api/v1/funnel", token).json()
    assert set(body) == {"steps", "outcomes", "questions", "safety"}
    assert set(body["safety"]) == {"self_harm", "emergency", "urgent", "advice"}


def test_missing_or_forged_token_gets_401_and_bad_filters_get_400(web: WebServer) -> None:
    assert _get(web, "/api/v1/referrals", None).status_code == 401
    assert _get(web, "/api/v1/referrals", "catr_forged-token").status_code == 401
    token = add_api_token(web.database, add_account(web.database, "coordinator").email)
    assert _get(web, "/api/v1/referrals?from=yesterday", token).status_code == 400
    assert _get(web, "/api/v1/referrals/999999", token).status_code == 404


def test_a_session_cookie_does_not_open_the_api(coordinator) -> None:  # type: ignore[no-untyped-def]
    assert coordinator.get("/api/v1/referrals").status_code == 401
