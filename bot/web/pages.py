"""HTML pages rendered with Jinja2 (autoescaping on: nothing a person typed runs as markup), and the
public pages: the demo trial page with the widget, the privacy notice and ``/health``."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint, response
from sanic.request import Request

from bot.branding import Branding, branding_from
from bot.chat.language import SPOKEN
from bot.runtime.restarts import read_status
from bot.texts import DEFAULT_LANGUAGE, default_texts
from bot.users.roles import allows
from bot.web.context import settings_of

bp = Blueprint("pages")

TEMPLATES = Environment(
    loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
    autoescape=select_autoescape(["html"]),
)


def _answer_text(value: Any) -> str:
    """Pre-screen answers are stored as {"status", "value"}; show the value, and the status if telling."""
    if isinstance(value, dict) and "status" in value:
        shown = value.get("value")
        status = str(value.get("status"))
        return status if shown in (None, "", []) else f"{shown} ({status})"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _when(value: datetime | str | None, seconds: bool = False) -> str:
    """Times as staff read them, always in UTC and saying so (ISO strings or datetimes)."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(timezone.utc).strftime(
        "%Y-%m-%d %H:%M:%S UTC" if seconds else "%Y-%m-%d %H:%M UTC"
    )


TEMPLATES.filters["answer_text"] = _answer_text
TEMPLATES.filters["when"] = _when
TEMPLATES.filters["label"] = lambda value: str(value).replace("_", " ").capitalize()


def render(name: str, status: int = 200, **context: object) -> response.HTTPResponse:
    return response.html(TEMPLATES.get_template(name).render(**context), status=status)


def render_staff(request: Request, name: str, status: int = 200, **context: object) -> response.HTTPResponse:
    """A staff page: the signed-in account, its permissions for the menu, and the form CSRF token."""
    from bot.web.auth import csrf_token

    account = getattr(request.ctx, "account", None)
    return render(
        name,
        status=status,
        account=account,
        can=(lambda permission: account is not None and allows(account.role, permission)),
        csrf_token=csrf_token(request),
        path=request.path,
        **context,
    )


PRIVACY_PREFIX = "privacy_"


def branding_of(request: Request) -> Branding:
    settings = settings_of(request)
    return branding_from(settings.branding_file or settings.content_dir / "branding.yml")


@bp.get("/")
async def demo_page(request: Request) -> response.HTTPResponse:
    """A trial page as a foundation would publish it, with the one-line widget embed; ``?lang=fr``
    shows the widget as a French page would (``data-lang``; a real page's ``<html lang>`` does it)."""
    lang = request.args.get("lang", DEFAULT_LANGUAGE)
    return render("demo.html", brand=branding_of(request), lang=lang if lang in SPOKEN else DEFAULT_LANGUAGE)


@bp.get("/brand.css")
async def brand_css(request: Request) -> response.HTTPResponse:
    """The foundation's colours as CSS variables (a stylesheet: the CSP allows no inline style)."""
    brand = branding_of(request)
    css = f":root {{ --brand-primary: {brand.primary}; --brand-link: {brand.link}; }}\n"
    return response.text(css, content_type="text/css; charset=utf-8", headers={"Cache-Control": "no-cache"})


@bp.get("/privacy")
async def privacy(request: Request) -> response.HTTPResponse:
    """The privacy notice in plain words: what is kept, how long, who sees it, deleting, who answers."""
    brand, settings, texts = branding_of(request), settings_of(request), default_texts()
    values: dict[str, Any] = {
        "foundation": brand.foundation_name,
        "controller": brand.controller_name,
        "retention_days": settings.retention_days,
        "reply_days": settings.coordinator_reply_days,
    }
    ids = [i for i in texts.by_language[DEFAULT_LANGUAGE] if i.startswith(PRIVACY_PREFIX)]
    words = {
        i.removeprefix(PRIVACY_PREFIX): texts.text(
            i, DEFAULT_LANGUAGE, **{k: v for k, v in values.items() if k in texts.entry(i).placeholders}
        )
        for i in ids
    }
    return render("privacy.html", brand=brand, t=words)


@bp.get("/health")
async def health(request: Request) -> response.HTTPResponse:
    """The web app answers; with it, what the supervisor says of every process (make run)."""
    status = read_status(settings_of(request).data_dir)
    if status is None:
        return response.json({"status": "ok"})
    processes = {name: state["state"] for name, state in status["processes"].items()}
    restarts = {name: state["restarts"] for name, state in status["processes"].items()}
    return response.json({"status": "ok", "processes": processes, "restarts": restarts})
