"""HTML pages rendered with Jinja2 (autoescaping on: nothing a person typed runs as markup)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request

TEMPLATES = Environment(
    loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
    autoescape=select_autoescape(["html"]),
)


def render(name: str, **context: object) -> response.HTTPResponse:
    return response.html(TEMPLATES.get_template(name).render(**context))


def register(app: Sanic) -> None:
    @app.get("/")
    async def demo_page(_: Request) -> response.HTTPResponse:
        """A trial page as a foundation would publish it, with the one-line widget embed."""
        return render("demo.html")

    @app.get("/privacy")
    async def privacy(_: Request) -> response.HTTPResponse:
        return render("privacy.html")
