"""Sign-in and sign-out pages for coordinators, staff and admins."""

from __future__ import annotations

import logging
import math
from datetime import timedelta

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.storage.models import utcnow
from bot.users.accounts import Account, LockedOut, authenticate
from bot.users.roles import home_path
from bot.users.tokens import end_session, start_session
from bot.web.auth import (
    LOGIN_COOKIE,
    clear_cookie,
    current_account,
    new_login_nonce,
    session_cookie_name,
    set_cookie,
)
from bot.web.context import settings_of, unit_of_work
from bot.web.pages import render_staff

log = logging.getLogger(__name__)
LOGIN_NONCE_SECONDS = 60 * 60
WRONG = "The email or password is wrong."


def safe_next(target: str | None, fallback: str) -> str:
    """Only paths on this site: ``next=//evil.example`` or a full URL would be an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return fallback


def _wanted(request: Request) -> str:
    """Where the person was going: kept through a failed attempt (the form posts it back)."""
    if request.method == "POST" and request.form:
        return request.form.get("next", "")
    return request.args.get("next", "")


def _login_page(
    request: Request, status: int = 200, error: str = "", email: str = ""
) -> response.HTTPResponse:
    """The form, with a fresh login nonce cookie when the browser has none (it binds the CSRF token)."""
    settings = settings_of(request)
    nonce = request.cookies.get(LOGIN_COOKIE)
    fresh = None
    if not nonce:
        nonce = fresh = new_login_nonce()
    request.ctx.csrf_binding = nonce
    page = render_staff(request, "login.html", status=status, error=error, email=email, next=_wanted(request))
    if fresh:
        set_cookie(page, settings, LOGIN_COOKIE, fresh, LOGIN_NONCE_SECONDS)
    return page


bp = Blueprint("login")


@bp.get("/login")
async def login_form(request: Request) -> response.HTTPResponse:
    account = await current_account(request)
    if account is not None:
        return response.redirect(safe_next(request.args.get("next"), home_path(account.role)))
    return _login_page(request)


@bp.post("/login")
async def login(request: Request) -> response.HTTPResponse:
    settings = settings_of(request)
    email = (request.form.get("email") or "").strip()
    password = request.form.get("password") or ""
    lifetime = timedelta(hours=settings.session_hours)
    # the client behind a proxy when Sanic is told to trust it (PROXIES_COUNT), as in chat.py
    address = request.remote_addr or request.ip or ""

    def sign_in(session: Session) -> tuple[Account, str] | None:
        account = authenticate(session, email, password, address=address)
        return None if account is None else (account, start_session(session, account, lifetime))

    try:
        result = await unit_of_work(request, sign_in)
    except LockedOut as locked:
        log.info("event=login_refused reason=backoff")
        wait = max(1, math.ceil((locked.until - utcnow()).total_seconds() / 60))
        message = (
            "Too many failed attempts from this connection. For your safety, sign-in from here "
            f"is paused for {wait} minute{'s' if wait > 1 else ''}."
        )
        page = _login_page(request, status=429, error=message, email=email)
        page.headers["Retry-After"] = str(wait * 60)
        return page
    if result is None:
        log.info("event=login_failed")
        return _login_page(request, status=401, error=WRONG, email=email)
    account, token = result
    log.info("event=login user_id=%s role=%s", account.id, account.role)
    target = safe_next(request.form.get("next"), home_path(account.role))
    page = response.redirect(target, status=303)
    set_cookie(page, settings, session_cookie_name(settings), token, settings.session_hours * 3600)
    clear_cookie(page, settings, LOGIN_COOKIE)
    return page


@bp.post("/logout")
async def logout(request: Request) -> response.HTTPResponse:
    settings = settings_of(request)
    token = request.cookies.get(session_cookie_name(settings))
    if token:
        await unit_of_work(request, lambda session: end_session(session, token))
    page = response.redirect("/login", status=303)
    clear_cookie(page, settings, session_cookie_name(settings))
    return page
