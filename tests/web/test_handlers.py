"""The web handlers are module-level functions: called here in process, on an app built by the
composition root with this test's own settings, without a server (the browser and HTTP tests in
this folder cover the same routes through a real ``python -m bot web``)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sanic import Sanic
from sanic.compat import Header
from sanic.request import Request

from bot.runtime.sandbox import isolated_env
from bot.settings import Settings, load_settings, scoped_environment
from bot.web import app as web_app
from bot.web.auth import check_csrf
from bot.web.chat import chat_preflight
from bot.web.nlg import nlg
from bot.web.pages import health
from bot.web.security import add_headers

# Every route of the product, by area: a route lost in a refactor fails here, before any server runs.
ROUTES = {
    "pages": {"GET /", "GET /privacy", "GET /brand.css", "GET /health"},
    "static_files": {"GET /static/<name:path>"},
    "chat": {
        "POST /api/chat",
        "GET /api/chat/texts",
        "POST /api/chat/history",
        "OPTIONS /api/chat",
        "OPTIONS /api/chat/history",
    },
    "nlg": {"POST /nlg"},
    "login": {"GET /login", "POST /login", "POST /logout"},
    "inbox": {
        "GET /inbox",
        "POST /inbox/export.csv",
        "GET /inbox/export-dictionary.csv",
        "GET /api/v1/export",
    },
    "referral": {
        "GET /inbox/referrals/<referral_id:int>",
        "POST /inbox/referrals/<referral_id:int>",
        "GET /inbox/referrals/<referral_id:int>/print",
        "POST /inbox/referrals/<referral_id:int>/log",
        "POST /inbox/referrals/<referral_id:int>/erase",
    },
    "reports": {
        "GET /inbox/audit",
        "GET /inbox/funnel",
        "GET /inbox/funnel.csv",
        "GET /api/v1/referrals",
        "GET /api/v1/referrals/<referral_id:int>",
        "GET /api/v1/funnel",
    },
    "editor": {
        "GET /editor",
        "GET /editor/entries/new",
        "POST /editor/entries/new",
        "GET /editor/entries/<entry_id:str>",
        "POST /editor/entries/<entry_id:str>",
        "GET /editor/history",
        "POST /editor/edits/<edit_id:int>/rollback",
        "POST /editor/api/grade",
        "POST /editor/retrain",
        "GET /editor/api/retrain",
    },
    "admin": {"GET /admin/users", "POST /admin/users", "POST /admin/users/<user_id:int>/active"},
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    with scoped_environment(isolated_env(tmp_path, CORS_ORIGINS="https://foundation.example.org")):
        return load_settings()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[Sanic]:
    """The app as ``create_app`` makes it, with the services its start-up listener would build."""
    made = web_app.create_app(settings, name=f"handlers_{uuid.uuid4().hex[:8]}")
    made.ctx.services = web_app.build_services(settings)
    yield made
    await made.ctx.services.http.close()
    made.ctx.services.database.dispose()


def _request(app: Sanic, method: str, path: str, body: bytes = b"", **headers: str) -> Request:
    request = Request(path.encode(), Header(headers), "1.1", method, None, app)
    request.body = body
    return request


def test_every_route_is_in_its_areas_blueprint(settings: Settings) -> None:
    made = web_app.create_app(settings, name=f"routes_{uuid.uuid4().hex[:8]}")
    found: dict[str, set[str]] = {}
    for route in made.router.routes:
        area = route.name.split(".")[1]  # "<app>.<blueprint>.<handler>"
        found.setdefault(area, set()).update(f"{method} /{route.path}" for method in route.methods - {"HEAD"})
    assert found == ROUTES


def test_creating_the_app_touches_no_file(settings: Settings) -> None:
    """Route probes (the auth and hostile-input tests) build the app without a database or key."""
    web_app.create_app(settings, name=f"probe_{uuid.uuid4().hex[:8]}")
    assert not settings.data_dir.exists() or list(settings.data_dir.iterdir()) == []


async def test_nlg_serves_the_current_faq_answer(app: Sanic) -> None:
    answer = await nlg(_request(app, "POST", "/nlg", b'{"response": "utter_faq/duration"}', **_ct()))
    assert answer.status == 200
    assert json.loads(answer.body)["text"]


async def test_nlg_answers_in_the_language_of_the_conversation(app: Sanic) -> None:
    body = {"response": "utter_faq/duration", "tracker": {"slots": {"language": "fr"}}}
    french = await nlg(_request(app, "POST", "/nlg", json.dumps(body).encode(), **_ct()))
    english = await nlg(_request(app, "POST", "/nlg", b'{"response": "utter_faq/duration"}', **_ct()))
    assert french.status == 200 and json.loads(french.body)["text"].startswith("L'étude dure")
    assert json.loads(english.body)["text"] != json.loads(french.body)["text"]


async def test_nlg_refuses_an_unknown_response_and_a_body_without_a_name(app: Sanic) -> None:
    unknown = await nlg(_request(app, "POST", "/nlg", b'{"response": "utter_faq/no_such"}', **_ct()))
    nameless = await nlg(_request(app, "POST", "/nlg", b"[1, 2]", **_ct()))
    assert (unknown.status, nameless.status) == (404, 400)


async def test_preflight_answers_listed_origins_only(app: Sanic) -> None:
    listed = await chat_preflight(
        _request(app, "OPTIONS", "/api/chat", origin="https://foundation.example.org")
    )
    other = await chat_preflight(_request(app, "OPTIONS", "/api/chat", origin="https://evil.example"))
    assert listed.status == 204
    assert listed.headers["Access-Control-Allow-Origin"] == "https://foundation.example.org"
    assert other.status == 403 and "Access-Control-Allow-Origin" not in other.headers


async def test_health_without_a_supervisor_says_ok(app: Sanic) -> None:
    answer = await health(_request(app, "GET", "/health"))
    assert json.loads(answer.body) == {"status": "ok"}


async def test_csrf_middleware_refuses_a_form_without_a_token_and_lets_reads_through(app: Sanic) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    refused = await check_csrf(_request(app, "POST", "/inbox/export.csv", b"x=1", **form))
    assert refused is not None and refused.status == 403
    assert b"Form expired" in refused.body
    assert await check_csrf(_request(app, "GET", "/inbox")) is None
    assert await check_csrf(_request(app, "POST", "/nlg", b"{}", **_ct())) is None  # exempt: no cookies


async def test_every_answer_gets_the_security_headers(app: Sanic) -> None:
    answer = await health(_request(app, "GET", "/health"))
    await add_headers(_request(app, "GET", "/inbox"), answer)
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["Cache-Control"] == "no-store"


def _ct() -> dict[str, str]:
    return {"content-type": "application/json"}
