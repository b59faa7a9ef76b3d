"""Signing in and out over HTTP: cookie flags, lockout, redirects; security headers and CORS."""

from __future__ import annotations

import re

import pytest
import requests

from bot.users.throttle import FREE_PAIR_FAILURES
from tests.web.server import WebServer
from tests.web.staff import StaffAccount, StaffClient, add_account

FOUNDATION = "https://foundation.example.org"


def _set_cookie(answer: requests.Response, name: str) -> str:
    headers = answer.raw.headers.getlist("Set-Cookie")
    return next(header for header in headers if header.startswith(f"{name}="))


def test_sign_in_sets_an_httponly_samesite_session_cookie_and_opens_the_inbox(
    web: WebServer, account
) -> None:  # type: ignore[no-untyped-def]
    client = StaffClient(web.url)
    answer = client.sign_in(account("coordinator"))
    assert answer.status_code == 303 and answer.headers["Location"] == "/inbox"
    cookie = _set_cookie(answer, "catr_session")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http in this test; see the TLS test below
    assert client.get("/inbox").status_code == 200


def test_staff_land_in_the_editor_after_sign_in(web: WebServer, account) -> None:  # type: ignore[no-untyped-def]
    assert StaffClient(web.url).sign_in(account("staff")).headers["Location"] == "/editor"


def test_behind_tls_cookies_are_secure_host_only_and_hsts_is_sent(web_behind_tls: WebServer) -> None:
    user = add_account(web_behind_tls.database, "coordinator")
    client = StaffClient(web_behind_tls.url)
    page = client.get("/login")
    assert "Secure" in _set_cookie(page, "catr_login")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    nonce = page.cookies["catr_login"]
    answer = client.http.post(
        client.base + "/login",
        data={"email": user.email, "password": user.password, "csrf_token": client.csrf},
        cookies={"catr_login": nonce},  # requests keeps Secure cookies off plain http: send it by hand
        allow_redirects=False,
    )
    assert answer.status_code == 303
    cookie = _set_cookie(answer, "__Host-catr_session")
    assert all(flag in cookie for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"))


def test_wrong_password_and_unknown_email_get_the_same_answer(web: WebServer, account) -> None:  # type: ignore[no-untyped-def]
    user = account("coordinator")
    wrong = StaffClient(web.url).sign_in(user, password="not the password")
    unknown = StaffClient(web.url).sign_in(StaffAccount("nobody@example.org", "staff"))
    assert wrong.status_code == unknown.status_code == 401
    assert (
        "The email or password is wrong." in wrong.text and "The email or password is wrong." in unknown.text
    )


def test_repeated_failed_sign_ins_pause_this_connection_even_for_the_right_password(
    web: WebServer, account
) -> None:  # type: ignore[no-untyped-def]
    user = account("coordinator")
    client = StaffClient(web.url)
    for _ in range(FREE_PAIR_FAILURES + 1):
        assert client.sign_in(user, password="wrong password again").status_code == 401
    locked = client.sign_in(user)
    assert locked.status_code == 429
    assert "from this connection" in locked.text and "paused for 1 minute" in locked.text
    assert locked.headers["Retry-After"] == "60"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_off_site(web: WebServer, account, target: str) -> None:  # type: ignore[no-untyped-def]
    user = account("coordinator")
    client = StaffClient(web.url)
    client.get("/login")
    answer = client.post("/login", {"email": user.email, "password": user.password, "next": target})
    assert answer.headers["Location"] == "/inbox"


def test_sign_in_returns_to_the_filtered_page_asked_for(web: WebServer, account) -> None:  # type: ignore[no-untyped-def]
    user = account("coordinator")
    client = StaffClient(web.url)
    first = client.get("/inbox?status=contacted&outcome=needs_review")
    assert first.headers["Location"] == "/login?next=/inbox%3Fstatus%3Dcontacted%26outcome%3Dneeds_review"
    client.get(first.headers["Location"])
    answer = client.post(
        "/login",
        {
            "email": user.email,
            "password": user.password,
            "next": "/inbox?status=contacted&outcome=needs_review",
        },
    )
    assert answer.headers["Location"] == "/inbox?status=contacted&outcome=needs_review"


def test_sign_out_ends_the_session_on_the_server(coordinator: StaffClient) -> None:
    stolen = dict(coordinator.http.cookies)
    assert coordinator.post("/logout").status_code == 303
    replay = requests.get(coordinator.base + "/inbox", cookies=stolen, allow_redirects=False, timeout=10)
    assert replay.status_code == 302


def _assert_security_headers(answer: requests.Response) -> None:
    csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert not re.search(r"https?://", csp), "no third-party source in the CSP"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path",
    ["/", "/privacy", "/login", "/static/widget.js", "/static/staff.css", "/health", "/inbox", "/inbox/audit",
     "/inbox/funnel", "/editor", "/editor/entries/new", "/editor/history", "/admin/users", "/no-such-page"],
)  # fmt: skip
def test_every_page_carries_the_security_headers(admin: StaffClient, path: str) -> None:
    _assert_security_headers(admin.get(path))


def test_staff_pages_are_not_cached(admin: StaffClient) -> None:
    assert admin.get("/inbox").headers["Cache-Control"] == "no-store"


def test_chat_preflight_is_allowed_for_a_configured_origin_only(web: WebServer) -> None:
    allowed = requests.options(f"{web.url}/api/chat", headers={"Origin": FOUNDATION}, timeout=10)
    assert allowed.status_code == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == FOUNDATION
    other = requests.options(f"{web.url}/api/chat", headers={"Origin": "https://evil.example"}, timeout=10)
    assert other.status_code == 403
    assert "Access-Control-Allow-Origin" not in other.headers


def test_chat_from_a_configured_origin_gets_the_reply_and_cors_header(web: WebServer) -> None:
    answer = requests.post(
        f"{web.url}/api/chat",
        json={"sender": "a1b2c3d4e5f6a7b8", "message": "hello"},
        headers={"Origin": FOUNDATION},
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json()[0]["text"]
    assert answer.headers["Access-Control-Allow-Origin"] == FOUNDATION


def test_widget_files_may_be_embedded_by_other_sites_but_staff_pages_may_not(web: WebServer) -> None:
    for name in ("widget.js", "widget.css"):
        assert requests.get(f"{web.url}/static/{name}", timeout=10).headers[
            "Cross-Origin-Resource-Policy"
        ] == ("cross-origin")
    login = requests.get(f"{web.url}/login", timeout=10)
    assert login.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert login.headers["X-Frame-Options"] == "DENY"
