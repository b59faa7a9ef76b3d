"""The coordinators' inbox: referral list, one lead, status and notes, CSV export, erasure.

Every view of personal data, every change, export and erasure goes through the audited functions
in ``bot.leads``, with the signed-in coordinator's email as the actor.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.leads.erasure import erase_person
from bot.leads.export import export_leads, to_csv
from bot.leads.queries import (
    HANDOFF_CHOICES,
    LIST_LIMIT,
    ReferralFilter,
    conversation_of,
    find_referrals,
    referral_counts,
)
from bot.leads.referrals import read_lead, update_referral
from bot.outcomes import OUTCOMES
from bot.storage.models import REFERRAL_STATUSES
from bot.users.roles import INBOX
from bot.web.auth import requires
from bot.web.context import cipher_of, database_of, settings_of, unit_of_work
from bot.web.pages import render_staff

log = logging.getLogger(__name__)
MAX_NOTES = 5000


def _not_found(request: Request) -> response.HTTPResponse:
    return render_staff(
        request, "error.html", status=404, title="Not found", message="There is no such referral."
    )


bp = Blueprint("inbox")


@bp.get("/inbox")
@requires(INBOX)
async def inbox(request: Request) -> response.HTTPResponse:
    args = {name: request.args.get(name, "") for name in ("outcome", "status", "handoff", "from", "to")}
    chosen, errors = ReferralFilter.parse(args)

    def load(session: Session) -> tuple[list[dict], dict]:
        return find_referrals(session, chosen), referral_counts(session, chosen)

    referrals, counts = await unit_of_work(request, load)
    return render_staff(
        request,
        "inbox/list.html",
        referrals=referrals,
        counts=counts,
        args=args,
        errors=errors,
        outcomes=OUTCOMES,
        statuses=REFERRAL_STATUSES,
        handoff_choices=HANDOFF_CHOICES,
        limit=LIST_LIMIT,
        erased=request.args.get("erased") == "1",
    )


@bp.get("/inbox/referrals/<referral_id:int>")
@requires(INBOX)
async def referral(request: Request, referral_id: int) -> response.HTTPResponse:
    actor, cipher = request.ctx.account.email, cipher_of(request)
    try:
        lead = await unit_of_work(request, lambda s: read_lead(s, cipher, referral_id, actor))
    except LookupError:
        return _not_found(request)
    return render_staff(
        request,
        "inbox/detail.html",
        lead=lead,
        statuses=REFERRAL_STATUSES,
        saved=request.args.get("saved") == "1",
    )


@bp.post("/inbox/referrals/<referral_id:int>")
@requires(INBOX)
async def change_referral(request: Request, referral_id: int) -> response.HTTPResponse:
    status = request.form.get("status") or None
    raw_notes = request.form.get("notes")
    notes = None if raw_notes is None else raw_notes.replace("\r\n", "\n")
    if (status is not None and status not in REFERRAL_STATUSES) or len(notes or "") > MAX_NOTES:
        message = f"Choose a listed status; notes can have at most {MAX_NOTES} characters."
        return render_staff(request, "error.html", status=400, title="Not saved", message=message)
    actor = request.ctx.account.email
    try:
        await unit_of_work(
            request, lambda s: update_referral(s, referral_id, actor=actor, status=status, notes=notes)
        )
    except LookupError:
        return _not_found(request)
    return response.redirect(f"/inbox/referrals/{referral_id}?saved=1", status=303)


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


@bp.post("/inbox/export.csv")
@requires(INBOX)
async def export_csv(request: Request) -> response.HTTPResponse:
    """Every lead as CSV; cells that a spreadsheet would run as formulas are neutralised."""
    actor, cipher = request.ctx.account.email, cipher_of(request)
    records = await unit_of_work(request, lambda s: export_leads(s, cipher, actor=actor))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    return response.text(
        "\ufeff" + to_csv(records),  # the byte-order mark makes Excel read UTF-8 (accents in names)
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="catr-pat-leads-{stamp}.csv"'},
    )
