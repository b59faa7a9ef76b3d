"""The staff content editor: FAQ list, edit and add forms, live reading grade, history and rollback,
and "retrain and deploy"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.content.checks import MAX_GRADE, count_sentences
from bot.content.edits import EditRejected, fingerprint, history, load_entries, rollback, save_entry
from bot.content.loader import ContentError
from bot.content.models import FaqEntry
from bot.content.readability import grade
from bot.users.roles import EDITOR
from bot.web.auth import requires, requires_json
from bot.web.context import services_of, settings_of, unit_of_work
from bot.web.pages import render_staff

MAX_PREVIEW_CHARS = 5000


def _form_values(entry: FaqEntry | None) -> dict[str, str]:
    if entry is None:
        return {"id": "", "topic": "", "answer": "", "questions": "", "source": ""}
    return {
        "id": entry.id,
        "topic": entry.topic,
        "answer": entry.answer,
        "questions": "\n".join(entry.questions),
        "source": entry.source,
    }


def _entry_page(
    request: Request,
    entry_id: str | None,
    values: Mapping[str, str],
    base: str,
    status: int = 200,
    rejected: EditRejected | None = None,
    saved: bool = False,
) -> response.HTTPResponse:
    return render_staff(
        request,
        "editor/entry.html",
        status=status,
        entry_id=entry_id,
        values=values,
        base=base,
        grade=grade(values.get("answer", "")),
        max_grade=MAX_GRADE,
        errors=rejected.fields if rejected else {},
        general_errors=rejected.general if rejected else [],
        saved=saved,
    )


def _content_problem(request: Request, error: ContentError) -> response.HTTPResponse:
    message = f"faq.yml cannot be read, so it cannot be edited here: {error}"
    return render_staff(request, "error.html", status=500, title="Content file broken", message=message)


bp = Blueprint("editor")


@bp.get("/editor")
@requires(EDITOR)
async def editor_home(request: Request) -> response.HTTPResponse:
    try:
        entries = load_entries(settings_of(request))
    except ContentError as error:
        return _content_problem(request, error)
    edits = await unit_of_work(request, lambda s: history(s, limit=10))
    rows = [{"entry": entry, "grade": grade(entry.answer)} for entry in entries]
    retrain = services_of(request).retrain.status()
    return render_staff(
        request, "editor/list.html", rows=rows, edits=edits, max_grade=MAX_GRADE, retrain=retrain
    )


@bp.get("/editor/entries/new")
@requires(EDITOR)
async def new_entry(request: Request) -> response.HTTPResponse:
    return _entry_page(request, None, _form_values(None), fingerprint(None))


@bp.get("/editor/entries/<entry_id:str>")
@requires(EDITOR)
async def edit_entry(request: Request, entry_id: str) -> response.HTTPResponse:
    try:
        entry = next((e for e in load_entries(settings_of(request)) if e.id == entry_id), None)
    except ContentError as error:
        return _content_problem(request, error)
    if entry is None:
        return render_staff(request, "error.html", status=404, title="Not found", message="No such entry.")
    return _entry_page(
        request, entry_id, _form_values(entry), fingerprint(entry), saved="saved" in request.args
    )


async def _save(request: Request, entry_id: str | None) -> response.HTTPResponse:
    settings, actor = settings_of(request), request.ctx.account.email
    form = {
        name: request.form.get(name, "") for name in ("id", "topic", "answer", "questions", "source", "base")
    }
    try:
        edit = await unit_of_work(request, lambda s: save_entry(s, settings, actor, form, entry_id))
    except EditRejected as rejected:
        return _entry_page(request, entry_id, form, form["base"], status=422, rejected=rejected)
    return response.redirect(f"/editor/entries/{edit.entry_id}?saved=1", status=303)


@bp.post("/editor/entries/new")
@requires(EDITOR)
async def create_entry(request: Request) -> response.HTTPResponse:
    return await _save(request, None)


@bp.post("/editor/entries/<entry_id:str>")
@requires(EDITOR)
async def update_entry(request: Request, entry_id: str) -> response.HTTPResponse:
    return await _save(request, entry_id)


@bp.get("/editor/history")
@requires(EDITOR)
async def edit_history(request: Request) -> response.HTTPResponse:
    entry_id = request.args.get("entry") or None
    edits = await unit_of_work(request, lambda s: history(s, entry_id))
    return render_staff(request, "editor/history.html", edits=edits, entry_id=entry_id)


@bp.post("/editor/edits/<edit_id:int>/rollback")
@requires(EDITOR)
async def roll_back(request: Request, edit_id: int) -> response.HTTPResponse:
    settings, actor = settings_of(request), request.ctx.account.email

    def run(session: Session) -> str:
        return rollback(session, settings, actor, edit_id).entry_id

    try:
        entry_id = await unit_of_work(request, run)
    except LookupError:
        return render_staff(request, "error.html", status=404, title="Not found", message="No such edit.")
    except EditRejected as rejected:
        message = "This rollback would break the FAQ: " + "; ".join(
            [*rejected.general, *(m for messages in rejected.fields.values() for m in messages)]
        )
        return render_staff(request, "error.html", status=422, title="Not rolled back", message=message)
    return response.redirect(f"/editor/history?entry={entry_id}&rolled_back=1", status=303)


@bp.post("/editor/api/grade")
@requires_json(EDITOR)
async def grade_preview(request: Request) -> response.HTTPResponse:
    """Same-origin JSON for the live preview: the grade the content check will apply on save."""
    body: Any = request.json if request.content_type.startswith("application/json") else None
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or len(text) > MAX_PREVIEW_CHARS:
        return response.json(
            {"error": f"send {{'text': '...'}} under {MAX_PREVIEW_CHARS} characters"}, status=400
        )
    return response.json({"grade": grade(text), "max_grade": MAX_GRADE, "sentences": count_sentences(text)})


@bp.post("/editor/retrain")
@requires(EDITOR)
async def start_retrain(request: Request) -> response.HTTPResponse:
    services_of(request).retrain.start(request.ctx.account.email)
    return response.redirect("/editor#retrain", status=303)


@bp.get("/editor/api/retrain")
@requires_json(EDITOR)
async def retrain_status(request: Request) -> response.HTTPResponse:
    return response.json(services_of(request).retrain.status())
