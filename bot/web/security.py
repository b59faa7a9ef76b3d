"""Response headers for every page, and CORS for the one thing other sites may use: the chat.

Our pages load nothing from third parties and may not be framed (the inbox shows health data, a
frame would invite clickjacking). The widget's script and styles are fetched by the foundation's
pages with plain ``<script>``/``<link>`` tags, which need no CORS; its ``fetch`` to ``/api/chat``
does, and only configured origins get it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sanic.request import Request
from sanic.response import BaseHTTPResponse

from bot.settings import Settings
from bot.web.context import settings_of

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
BASE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
EMBEDDABLE = ("/static/widget.js", "/static/widget.css")
CORS_PATHS = ("/api/chat", "/api/chat/history", "/api/chat/texts")
STAFF_PREFIXES = ("/login", "/logout", "/inbox", "/editor", "/admin", "/api/v1")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(settings: Settings) -> frozenset[str]:
    """CORS_ORIGINS plus our own public address (the demo page)."""
    return frozenset(
        {origin_of(settings.public_base_url), *(o.rstrip("/").lower() for o in settings.cors_origins)}
    )


def cors_headers(request: Request) -> dict[str, str]:
    origin = request.headers.get("Origin", "")
    if origin.lower() not in allowed_origins(settings_of(request)):
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "600",
    }


async def add_headers(request: Request, resp: BaseHTTPResponse) -> None:
    """Response middleware (attached app-wide by the composition root): every answer, errors included."""
    for name, value in BASE_HEADERS.items():
        resp.headers.setdefault(name, value)
    resp.headers["Cross-Origin-Resource-Policy"] = (
        "cross-origin" if request.path in EMBEDDABLE else "same-origin"
    )
    if request.path in CORS_PATHS:
        resp.headers.update(cors_headers(request))
        resp.headers["Vary"] = "Origin"
    if request.path.startswith(STAFF_PREFIXES):
        resp.headers["Cache-Control"] = "no-store"  # personal data stays out of shared caches
    if settings_of(request).secure_cookies:
        resp.headers["Strict-Transport-Security"] = "max-age=31536000"
