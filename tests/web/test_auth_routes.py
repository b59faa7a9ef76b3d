"""Every staff route refuses anonymous people, wrong roles and forms without a CSRF token.

The route list comes from the app's own router, so a route added later is covered (or, if it has
no guard and is not on the short public list, fails ``test_every_route_is_public_or_guarded``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.settings import load_settings
from bot.users.roles import GRANTS
from bot.web.app import create_app
from tests.web.server import WebServer
from tests.web.staff import StaffClient, add_account, add_api_token

# Patients, Rasa and the sign-in form must reach these without an account.
PUBLIC_PATHS = frozenset(
    {
        "",
        "health",
        "privacy",
        "brand.css",
        "api/chat",
        "api/chat/history",
        "api/chat/texts",
        "nlg",
        "login",
        "logout",
        "static/<name:path>",
    }
)


@dataclass(frozen=True)
class RouteCase:
    method: str
    path: str
    permission: str | None
    source: str | None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _concrete(path: str) -> str:
    """A request path for a route pattern: 1 for integer parameters, "x" for any other."""
    return "/" + re.sub(r"<[^>]+>", "x", re.sub(r"<[^>:]+:int>", "1", path))


def _route_cases() -> list[RouteCase]:
    app = create_app(load_settings(), name="route_probe")
    cases = []
    for route in app.router.routes:
        for method in sorted(route.methods - {"HEAD"}):
            cases.append(
                RouteCase(
                    method,
                    route.path,
                    getattr(route.handler, "required_permission", None),
                    getattr(route.handler, "auth_source", None),
                )
            )
    return cases


ROUTES = _route_cases()
GUARDED = [case for case in ROUTES if case.path not in PUBLIC_PATHS]


def _role_without(permission: str) -> str:
    return next(role for role, grants in GRANTS.items() if permission not in grants)


def test_the_router_lists_the_staff_areas() -> None:
    paths = {case.path for case in GUARDED}
    assert {"inbox", "editor", "admin/users", "api/v1/referrals", "editor/api/grade"} <= paths


def test_every_route_is_public_or_guarded() -> None:
    unguarded = [str(case) for case in GUARDED if case.permission is None]
    assert unguarded == [], "add @requires/@requires_json/@requires_bearer, or list the path as public"


@pytest.mark.parametrize("case", GUARDED, ids=str)
def test_anonymous_request_is_refused(case: RouteCase, client: StaffClient) -> None:
    answer = client.http.request(
        case.method, client.base + _concrete(case.path), allow_redirects=False, timeout=10
    )
    if case.method == "GET" and case.source == "page":
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/login?next=")
    elif case.method == "GET":
        assert answer.status_code == 401
    else:
        assert answer.status_code in (401, 403)
    assert "Zoé" not in answer.text


@pytest.mark.parametrize("case", GUARDED, ids=str)
def test_wrong_role_is_refused(case: RouteCase, web: WebServer) -> None:
    assert case.permission is not None
    account = add_account(web.database, _role_without(case.permission))
    url = _concrete(case.path)
    if case.source == "bearer":
        token = add_api_token(web.database, account.email)
        client = StaffClient(web.url)
        answer = client.http.request(
            case.method, client.base + url, headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 403
        return
    client = StaffClient(web.url).signed_in(account)
    if case.method == "GET":
        answer = client.get(url)
    else:
        answer = client.post(url, {}, headers={"X-CSRF-Token": client.csrf})
    assert answer.status_code == 403


@pytest.mark.parametrize("case", [c for c in GUARDED if c.method == "POST"], ids=str)
def test_post_without_a_valid_csrf_token_is_refused(case: RouteCase, admin: StaffClient) -> None:
    url = _concrete(case.path)
    assert admin.post(url, {}, csrf=False).status_code == 403
    assert admin.post(url, {"csrf_token": "0" * 64}, csrf=False).status_code == 403


def test_sign_in_form_without_a_csrf_token_is_refused(client: StaffClient, account) -> None:  # type: ignore[no-untyped-def]
    user = account("coordinator")
    client.get("/login")
    answer = client.post("/login", {"email": user.email, "password": user.password}, csrf=False)
    assert answer.status_code == 403
    assert not any(cookie.name.endswith("catr_session") for cookie in client.http.cookies)


def test_a_bearer_token_does_not_open_the_html_inbox(web: WebServer) -> None:
    account = add_account(web.database, "coordinator")
    token = add_api_token(web.database, account.email)
    client = StaffClient(web.url)
    answer = client.get("/inbox", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 302
