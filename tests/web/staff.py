"""Test helpers for staff: accounts in the test database, and an HTTP client that signs in like a
browser (cookies, the form's CSRF token) so tests read as what a coordinator does."""

from __future__ import annotations

import html
import re
import uuid
from dataclasses import dataclass

import requests

from bot.storage.db import Database
from bot.users.accounts import create_user
from bot.users.tokens import create_api_token

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'<meta name="csrf-token" content="([0-9a-f]*)">')


@dataclass(frozen=True)
class StaffAccount:
    email: str
    role: str
    password: str = PASSWORD


def found(pattern: str, text: str) -> str:
    """The first group of ``pattern`` in a page (HTML entities decoded); fails the test when absent."""
    match = re.search(pattern, text, re.S)
    assert match is not None, f"{pattern!r} not in the page"
    return html.unescape(match.group(1))


def add_account(database: Database, role: str, email: str | None = None) -> StaffAccount:
    account = StaffAccount(email or f"{role}-{uuid.uuid4().hex[:8]}@example.org", role)
    with database.session_scope() as session:
        create_user(session, account.email, account.password, role)
    return account


def add_api_token(database: Database, email: str) -> str:
    with database.session_scope() as session:
        return create_api_token(session, email, label="test CRM")


class StaffClient:
    """A browser-like session against one web server; ``csrf`` is the token of the last page read."""

    def __init__(self, base_url: str, tls_offloaded: bool = False) -> None:
        """``tls_offloaded``: the app thinks it is behind TLS (Secure cookies) but the test talks plain
        http to it, as a TLS proxy would; the client then sends Secure cookies anyway."""
        self.base = base_url
        self.http = requests.Session()
        self.tls_offloaded = tls_offloaded
        self.csrf = ""
        self.account: StaffAccount | None = None

    def _seen(self, answer: requests.Response) -> requests.Response:
        if self.tls_offloaded:
            for cookie in self.http.cookies:
                cookie.secure = False
        return answer

    def get(self, path: str, **kwargs: object) -> requests.Response:
        answer = self._seen(self.http.get(self.base + path, allow_redirects=False, timeout=10, **kwargs))
        found = (
            _CSRF.search(answer.text)
            if answer.headers.get("Content-Type", "").startswith("text/html")
            else None
        )
        if found:
            self.csrf = found.group(1)
        return answer

    def post(
        self, path: str, data: dict[str, str] | None = None, csrf: bool = True, **kwargs: object
    ) -> requests.Response:
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = self.csrf
        return self._seen(
            self.http.post(self.base + path, data=form, allow_redirects=False, timeout=30, **kwargs)
        )

    def sign_in(self, account: StaffAccount, password: str | None = None) -> requests.Response:
        self.get("/login")
        return self.post("/login", {"email": account.email, "password": password or account.password})

    def signed_in(self, account: StaffAccount) -> StaffClient:
        answer = self.sign_in(account)
        assert answer.status_code == 303, answer.text[:500]
        self.account = account
        self.get(answer.headers["Location"])  # a page of the app, for a CSRF token bound to the session
        return self
