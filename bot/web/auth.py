"""Who is asking, and may they: session cookies, CSRF tokens, bearer tokens and the route guards.

Safe by default: every state-changing request needs a CSRF token unless its path is listed in
``CSRF_EXEMPT`` (endpoints that use no cookies), and every staff route carries a guard that
``tests/web/test_auth_routes.py`` checks by walking the app's router.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from sanic import response
from sanic.request import Request

from bot.settings import Settings
from bot.users.accounts import Account
from bot.users.roles import allows
from bot.users.tokens import api_token_account, session_account
from bot.web.context import settings_of, unit_of_work

LOGIN_COOKIE = "catr_login"
LOGIN_PATH = "/login"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# No cookies are read on these: the chat proxy and NLG are public, /api/v1 uses bearer tokens.
CSRF_EXEMPT = ("/api/chat", "/nlg", "/api/v1/")

Handler = Callable[..., Coroutine[Any, Any, response.HTTPResponse]]


def session_cookie_name(settings: Settings) -> str:
    """``__Host-`` behind TLS: the browser then refuses the cookie unless Secure, host-only, path /."""
    return "__Host-catr_session" if settings.secure_cookies else "catr_session"


def set_cookie(resp: response.HTTPResponse, settings: Settings, name: str, value: str, max_age: int) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["path"] = "/"
    cookie["httponly"] = True
    cookie["samesite"] = "Lax"  # links from the notification email still arrive signed in
    cookie["max-age"] = max_age
    if settings.secure_cookies:
        cookie["secure"] = True


def clear_cookie(resp: response.HTTPResponse, settings: Settings, name: str) -> None:
    set_cookie(resp, settings, name, "", 0)


def new_login_nonce() -> str:
    return secrets.token_urlsafe(24)


def _binding(request: Request) -> str | None:
    """The cookie a CSRF token is bound to: the login nonce on the sign-in form (where a stale
    session cookie may linger), the session everywhere else."""
    if request.path == LOGIN_PATH:
        return request.cookies.get(LOGIN_COOKIE)
    return request.cookies.get(session_cookie_name(settings_of(request)))


def csrf_for(binding: str) -> str:
    """A token only someone who can read the HttpOnly cookie's value can compute."""
    return hashlib.sha256(f"catr-csrf:{binding}".encode()).hexdigest()


def csrf_token(request: Request) -> str:
    """The token for forms on this page (empty when the browser holds no cookie yet)."""
    if getattr(request.ctx, "csrf_binding", None):
        return csrf_for(request.ctx.csrf_binding)
    binding = _binding(request)
    return csrf_for(binding) if binding else ""


def csrf_valid(request: Request) -> bool:
    binding = _binding(request)
    if not binding:
        return False
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = request.form.get(CSRF_FIELD, "") if request.form else ""
    return hmac.compare_digest(sent.encode(), csrf_for(binding).encode())


async def current_account(request: Request) -> Account | None:
    """The signed-in user from the session cookie, looked up once per request."""
    if not hasattr(request.ctx, "account"):
        token = request.cookies.get(session_cookie_name(settings_of(request)))
        found = await unit_of_work(request, lambda s: session_account(s, token)) if token else None
        request.ctx.account = found
    return request.ctx.account


async def bearer_account(request: Request) -> Account | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return await unit_of_work(request, lambda s: api_token_account(s, token.strip()))


def _refusal_page(request: Request, status: int, title: str, message: str) -> response.HTTPResponse:
    from bot.web.pages import render_staff

    return render_staff(request, "error.html", status=status, title=title, message=message)


def _json_refusal(status: int) -> response.HTTPResponse:
    if status == 401:
        return response.json(
            {"error": "authentication required"}, status=401, headers={"WWW-Authenticate": "Bearer"}
        )
    return response.json({"error": "your account's role does not allow this"}, status=403)


def _guard(permission: str, source: str) -> Callable[[Handler], Handler]:
    """``source``: "page" (cookie; redirect to sign-in), "json" (cookie; 401) or "bearer" (token; 401)."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> response.HTTPResponse:
            account = await (bearer_account(request) if source == "bearer" else current_account(request))
            request.ctx.account = account
            if account is None:
                if source != "page":
                    return _json_refusal(401)
                wanted = f"{request.path}?{request.query_string}" if request.query_string else request.path
                return response.redirect(f"/login?next={quote(wanted, safe='/')}")
            if not allows(account.role, permission):
                if source != "page":
                    return _json_refusal(403)
                return _refusal_page(
                    request, 403, "Not allowed", "Your account's role does not open this page."
                )
            return await handler(request, *args, **kwargs)

        guarded.required_permission = permission  # type: ignore[attr-defined]
        guarded.auth_source = source  # type: ignore[attr-defined]
        return guarded

    return decorate


def requires(permission: str) -> Callable[[Handler], Handler]:
    """Guard an HTML page: anonymous people are sent to sign in, wrong roles get a 403 page."""
    return _guard(permission, "page")


def requires_json(permission: str) -> Callable[[Handler], Handler]:
    """Guard a same-origin JSON endpoint used by staff pages: 401/403 as JSON."""
    return _guard(permission, "json")


def requires_bearer(permission: str) -> Callable[[Handler], Handler]:
    """Guard the CRM API: ``Authorization: Bearer <token>`` from ``python -m bot users token``."""
    return _guard(permission, "bearer")


async def check_csrf(request: Request) -> response.HTTPResponse | None:
    """Request middleware (attached app-wide by the composition root): unsafe methods need the token."""
    if request.method not in UNSAFE_METHODS or request.path.startswith(CSRF_EXEMPT):
        return None
    if csrf_valid(request):
        return None
    if request.path.startswith("/editor/api/"):
        return response.json({"error": "missing or invalid CSRF token; reload the page"}, status=403)
    message = "This form has expired or did not come from this site. Go back, reload the page and try again."
    return _refusal_page(request, 403, "Form expired", message)
