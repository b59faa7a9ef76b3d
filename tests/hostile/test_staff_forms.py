"""Hostile input to the staff side: every route, signed in or not, answers malformed bodies, odd
content types and hostile query strings with a 4xx (or a normal page), never a 5xx or a stack
trace; markup is shown inert; SQL-like text is only text."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import requests

from bot.leads.contact_log import MAX_ENTRY_TEXT, work_of
from bot.settings import load_settings
from bot.web.app import create_app
from tests.web.server import WebServer
from tests.web.staff import StaffClient, add_account

SCRIPT = "<script>alert(1)</script>"
BODIES = {
    "malformed-json": ("application/json", b'{"text": "unterminated'),
    "json-list": ("application/json", b"[1, 2, 3]"),
    "invalid-utf8-form": (
        "application/x-www-form-urlencoded",
        b"status=\xff\xfe&notes=\xc3\x28&csrf_token=\xff",
    ),
    "invalid-utf8-escaped": (
        "application/x-www-form-urlencoded",
        b"status=%ff%fe&notes=%00%c3%28&confirm=%ff",
    ),
    "broken-multipart": (
        "multipart/form-data; boundary=zzz",
        b"--zzz\r\nContent-Disposition: form-data\r\n\r\n\xff",
    ),
    "multipart-no-boundary": ("multipart/form-data", b"garbage"),
    "binary": ("application/octet-stream", bytes(range(256))),
    "plain-text": ("text/plain", b"\x00\x07 hello"),
}
HOSTILE_QUERY = "&".join(
    f"{name}={value}"
    for name in ("outcome", "status", "handoff", "from", "to", "page", "since", "entry", "next", "saved")
    for value in ("%ff%fe", "%3Cscript%3Ealert(1)%3C/script%3E", "'%20OR%201=1--", "9" * 300)
)
# Signed in, these two would end the test's session or start a real retrain; they read no body
# (and the anonymous sweep still sends them everything).
NO_BODY_ACTIONS = {"/logout", "/editor/retrain"}


@dataclass(frozen=True)
class Route:
    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _routes() -> list[Route]:
    app = create_app(load_settings(), name="hostile_route_probe")
    found = []
    for route in app.router.routes:
        # 999999: no such referral, user or edit, so that no test data changes
        path = "/" + re.sub(r"<[^>]+>", "x", re.sub(r"<[^>:]+:int>", "999999", route.path))
        found += [Route(method, path) for method in sorted(route.methods - {"HEAD", "OPTIONS"})]
    return found


ROUTES = _routes()
POSTS = [route for route in ROUTES if route.method == "POST"]
GETS = [route for route in ROUTES if route.method == "GET"]


def _check(answer: requests.Response) -> None:
    assert answer.status_code < 500, answer.text[:500]
    assert "Traceback" not in answer.text and 'File "' not in answer.text
    assert SCRIPT not in answer.text


@pytest.fixture(scope="module")
def signed_in_admin(web: WebServer) -> StaffClient:
    return StaffClient(web.url).signed_in(add_account(web.database, "admin"))


@pytest.mark.parametrize("kind", BODIES)
@pytest.mark.parametrize("route", POSTS, ids=str)
def test_anonymous_hostile_bodies_get_a_4xx(web: WebServer, route: Route, kind: str) -> None:
    content_type, body = BODIES[kind]
    answer = requests.post(
        web.url + route.path, data=body, headers={"Content-Type": content_type}, timeout=30
    )
    _check(answer)
    assert answer.status_code >= 400 or route.path in ("/api/chat", "/nlg")


@pytest.mark.parametrize("kind", BODIES)
@pytest.mark.parametrize("route", [r for r in POSTS if r.path not in NO_BODY_ACTIONS], ids=str)
def test_signed_in_hostile_bodies_with_a_valid_csrf_token_never_fail_the_server(
    signed_in_admin: StaffClient, route: Route, kind: str
) -> None:
    content_type, body = BODIES[kind]
    headers = {"Content-Type": content_type, "X-CSRF-Token": signed_in_admin.csrf}
    answer = signed_in_admin.http.post(
        signed_in_admin.base + route.path, data=body, headers=headers, allow_redirects=False, timeout=30
    )
    _check(answer)


@pytest.mark.parametrize("route", GETS, ids=str)
def test_hostile_query_strings_never_fail_the_server(signed_in_admin: StaffClient, route: Route) -> None:
    _check(signed_in_admin.get(f"{route.path}?{HOSTILE_QUERY}"))
    _check(
        requests.get(f"{signed_in_admin.base}{route.path}?{HOSTILE_QUERY}", allow_redirects=False, timeout=30)
    )


def test_markup_in_a_contact_log_note_is_saved_as_typed_and_shown_inert(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    note = f'{SCRIPT}<img src=x onerror="alert(2)"> =HYPERLINK("http://evil.example")'
    answer = coordinator.post(f"/inbox/referrals/{reference}/log", {"kind": "note", "text": note})
    assert answer.status_code == 303
    page = coordinator.get(f"/inbox/referrals/{reference}").text
    assert SCRIPT not in page and "<img src=x" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    with web.database.session_scope() as session:
        assert [e["text"] for e in work_of(session, web.cipher, reference)["entries"]] == [note]
    printed = coordinator.get(f"/inbox/referrals/{reference}/print").text
    assert SCRIPT not in printed and "&lt;script&gt;alert(1)&lt;/script&gt;" in printed


def test_an_overlong_note_is_refused_and_nothing_is_logged(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    overlong = {"kind": "note", "text": "x" * (MAX_ENTRY_TEXT + 1)}
    assert coordinator.post(f"/inbox/referrals/{reference}/log", overlong).status_code == 400
    with web.database.session_scope() as session:
        assert work_of(session, web.cipher, reference)["entries"] == []


@pytest.mark.parametrize(
    ("email", "password"),
    [("' OR '1'='1' --", "' OR '1'='1' --"), ("admin@example.org'; DROP TABLE users; --", "x"),
     (SCRIPT, SCRIPT), ("\u0000\u202e@example.org", "\u0000")],
)  # fmt: skip
def test_sql_like_or_markup_sign_in_is_only_a_wrong_password(
    web: WebServer, client: StaffClient, account, email: str, password: str
) -> None:  # type: ignore[no-untyped-def]
    client.get("/login")
    answer = client.post("/login", {"email": email, "password": password})
    assert answer.status_code == 401 and SCRIPT not in answer.text
    real = account("coordinator")
    assert StaffClient(web.url).sign_in(real).status_code == 303  # the users table is intact
