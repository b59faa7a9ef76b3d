"""Admins manage accounts in the browser: add one, deactivate it (which signs it out everywhere)."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import User
from tests.web.server import WebServer
from tests.web.staff import PASSWORD, StaffAccount, StaffClient


def test_admin_adds_an_account_that_can_then_sign_in(web: WebServer, admin: StaffClient) -> None:
    admin.get("/admin/users")
    answer = admin.post(
        "/admin/users", {"email": "New.Coordinator@example.org", "role": "coordinator", "password": PASSWORD}
    )
    assert answer.status_code == 303
    assert (
        StaffClient(web.url).sign_in(StaffAccount("new.coordinator@example.org", "coordinator")).status_code
        == 303
    )


def test_a_weak_password_is_refused_with_the_reason_on_the_page(admin: StaffClient) -> None:
    admin.get("/admin/users")
    answer = admin.post("/admin/users", {"email": "weak@example.org", "role": "staff", "password": "short"})
    assert answer.status_code == 422 and "at least 12 characters" in answer.text


def test_deactivating_an_account_ends_its_open_sessions(
    web: WebServer, admin: StaffClient, coordinator: StaffClient
) -> None:
    assert coordinator.get("/inbox").status_code == 200
    assert coordinator.account is not None
    with web.database.session_scope() as session:
        user_id = session.execute(select(User.id).where(User.email == coordinator.account.email)).scalar_one()
    admin.get("/admin/users")
    assert admin.post(f"/admin/users/{user_id}/active", {"active": "no"}).status_code == 303
    assert coordinator.get("/inbox").status_code == 302


def test_an_admin_cannot_deactivate_their_own_account(web: WebServer, admin: StaffClient) -> None:
    assert admin.account is not None
    with web.database.session_scope() as session:
        own_id = session.execute(select(User.id).where(User.email == admin.account.email)).scalar_one()
    admin.get("/admin/users")
    assert admin.post(f"/admin/users/{own_id}/active", {"active": "no"}).status_code == 422
