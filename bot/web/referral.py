"""One referral for the coordinators: the lead, its answers in plain words, the contact log,
status history, assignment and follow-up date, a print view, and erasure.

Every view of personal data and every change is audited, with the signed-in account as the actor;
the contact log's author is that account too.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.eligibility.loader import default_criteria
from bot.leads.answer_fields import answer_fields, plain_answers
from bot.leads.contact_log import MAX_ENTRY_TEXT, add_entry, update_work, work_of
from bot.leads.erasure import erase_person
from bot.leads.queries import conversation_of
from bot.leads.referrals import read_lead
from bot.storage.models import CONTACT_KINDS, REFERRAL_STATUSES, User
from bot.texts import text
from bot.users.roles import INBOX, allows
from bot.web.auth import requires
from bot.web.context import cipher_of, database_of, settings_of, unit_of_work
from bot.web.pages import render_staff

bp = Blueprint("referral")


def _not_found(request: Request) -> response.HTTPResponse:
    return render_staff(
        request, "error.html", status=404, title="Not found", message="There is no such referral."
    )


def _refused(request: Request, message: str) -> response.HTTPResponse:
    return render_staff(request, "error.html", status=400, title="Not saved", message=message)


def coordinators(session: Session) -> list[str]:
    """Active accounts that work the inbox: who a referral can be assigned to."""
    users = session.execute(select(User).where(User.is_active.is_(True)).order_by(User.email)).scalars()
    return [user.email for user in users if allows(user.role, INBOX)]


async def _load(request: Request, referral_id: int) -> dict[str, Any] | None:
    actor, cipher = request.ctx.account.email, cipher_of(request)

    def load(session: Session) -> dict[str, Any]:
        lead = read_lead(session, cipher, referral_id, actor)
        return {
            "lead": lead,
            "answer_rows": plain_answers(answer_fields(default_criteria()), lead["answers"]),
            "all_answers_fit": text("all_answers_fit"),
            "work": work_of(session, cipher, referral_id),
            "coordinators": coordinators(session),
        }

    try:
        return await unit_of_work(request, load)
    except LookupError:
        return None


@bp.get("/inbox/referrals/<referral_id:int>")
@requires(INBOX)
async def referral(request: Request, referral_id: int) -> response.HTTPResponse:
    loaded = await _load(request, referral_id)
    if loaded is None:
        return _not_found(request)
    return render_staff(
        request,
        "inbox/detail.html",
        **loaded,
        statuses=REFERRAL_STATUSES,
        kinds=CONTACT_KINDS,
        max_text=MAX_ENTRY_TEXT,
        saved=request.args.get("saved", ""),
    )


@bp.get("/inbox/referrals/<referral_id:int>/print")
@requires(INBOX)
async def print_view(request: Request, referral_id: int) -> response.HTTPResponse:
    loaded = await _load(request, referral_id)
    if loaded is None:
        return _not_found(request)
    return render_staff(request, "inbox/print.html", **loaded)


@bp.post("/inbox/referrals/<referral_id:int>")
@requires(INBOX)
async def change_referral(request: Request, referral_id: int) -> response.HTTPResponse:
    """Status (kept in the history), assignment and follow-up date."""
    status = request.form.get("status") or ""
    assigned_to = (request.form.get("assigned_to") or "").strip()
    raw_date = (request.form.get("follow_up_on") or "").strip()
    try:
        follow_up_on = date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        return _refused(request, "Use a follow-up date like 2026-01-31.")
    if status not in REFERRAL_STATUSES:
        return _refused(request, "Choose a listed status.")
    actor = request.ctx.account.email

    def save(session: Session) -> None:
        if assigned_to and assigned_to not in coordinators(session):
            raise ValueError("assignee")
        update_work(
            session,
            referral_id,
            actor=actor,
            status=status,
            assigned_to=assigned_to,
            follow_up_on=follow_up_on,
        )

    try:
        await unit_of_work(request, save)
    except LookupError:
        return _not_found(request)
    except ValueError:
        return _refused(request, "Assign the referral to one of the listed coordinators.")
    return response.redirect(f"/inbox/referrals/{referral_id}?saved=work", status=303)


@bp.post("/inbox/referrals/<referral_id:int>/log")
@requires(INBOX)
async def log_contact(request: Request, referral_id: int) -> response.HTTPResponse:
    """Add a call, e-mail, voicemail or note to the contact log (entries are never overwritten)."""
    kind = request.form.get("kind") or ""
    said = (request.form.get("text") or "").replace("\r\n", "\n").strip()
    if kind not in CONTACT_KINDS or len(said) > MAX_ENTRY_TEXT or (kind == "note" and not said):
        message = f"Choose a listed kind of contact; a note needs text, at most {MAX_ENTRY_TEXT} characters."
        return _refused(request, message)
    actor, cipher = request.ctx.account.email, cipher_of(request)
    try:
        await unit_of_work(
            request, lambda s: add_entry(s, cipher, referral_id, author=actor, kind=kind, text=said)
        )
    except LookupError:
        return _not_found(request)
    return response.redirect(f"/inbox/referrals/{referral_id}?saved=log#log-title", status=303)


@bp.post("/inbox/referrals/<referral_id:int>/erase")
@requires(INBOX)
async def erase(request: Request, referral_id: int) -> response.HTTPResponse:
    if request.form.get("confirm") != "erase":
        message = "Tick the box to confirm that everything stored for this person should be deleted."
        return render_staff(request, "error.html", status=400, title="Nothing erased", message=message)
    actor = request.ctx.account.email
    conversation_id = await unit_of_work(request, lambda s: conversation_of(s, referral_id))
    if conversation_id is None:
        return _not_found(request)
    settings, database = settings_of(request), database_of(request)
    await asyncio.to_thread(erase_person, settings, conversation_id, actor, database=database)
    return response.redirect("/inbox?erased=1", status=303)
