"""HTML pages rendered with Jinja2 (autoescaping on: nothing a person typed runs as markup), and the
public pages: the demo trial page with the widget, the privacy notice and ``/health``."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint, response
from sanic.request import Request

from bot.runtime.restarts import read_status
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


@bp.get("/")
async def demo_page(_: Request) -> response.HTTPResponse:
    """A trial page as a foundation would publish it, with the one-line widget embed."""
    return render("demo.html")


@bp.get("/privacy")
async def privacy(_: Request) -> response.HTTPResponse:
    return render("privacy.html")


@bp.get("/health")
async def health(request: Request) -> response.HTTPResponse:
    """The web app answers; with it, what the supervisor says of every process (make run)."""
    status = read_status(settings_of(request).data_dir)
    if status is None:
        return response.json({"status": "ok"})
    processes = {name: state["state"] for name, state in status["processes"].items()}
    restarts = {name: state["restarts"] for name, state in status["processes"].items()}
    return response.json({"status": "ok", "processes": processes, "restarts": restarts})
