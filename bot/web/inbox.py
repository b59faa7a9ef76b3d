"""The coordinators' inbox: referral list, one lead, status and notes, CSV export, erasure.

Every view of personal data, every change, export and erasure goes through the audited functions
in ``bot.leads``, with the signed-in coordinator's email as the actor.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from sanic import Blueprint, response
from sanic.request import Request

from bot.leads.export import export_leads, to_csv
from bot.leads.queries import (
    HANDOFF_CHOICES,
    LIST_LIMIT,
    ReferralFilter,
)
from bot.leads.worklist import SORTS, WorklistQuery, find_worklist
from bot.outcomes import OUTCOMES
from bot.storage.models import REFERRAL_STATUSES
from bot.users.roles import INBOX
from bot.web.auth import requires
from bot.web.context import cipher_of, unit_of_work
from bot.web.pages import render_staff

log = logging.getLogger(__name__)
MAX_NOTES = 5000


def _not_found(request: Request) -> response.HTTPResponse:
    return render_staff(
        request, "error.html", status=404, title="Not found", message="There is no such referral."
    )


bp = Blueprint("inbox")


FILTER_NAMES = ("q", "outcome", "status", "handoff", "from", "to", "sort", "due")


def worklist_query(request: Request) -> tuple[WorklistQuery, dict[str, str], dict[str, str]]:
    """The worklist's filters from the URL (so a view can be bookmarked, shared and exported)."""
    args = {name: request.args.get(name, "").strip() for name in FILTER_NAMES}
    chosen, errors = ReferralFilter.parse(args)
    if args["sort"] and args["sort"] not in SORTS:
        errors["sort"] = f"Choose one of: {', '.join(SORTS)}."
    query = WorklistQuery(
        filters=chosen, search=args["q"], sort=args["sort"] or "received", due_only=args["due"] == "yes"
    )
    return query, args, errors


@bp.get("/inbox")
@requires(INBOX)
async def inbox(request: Request) -> response.HTTPResponse:
    query, args, errors = worklist_query(request)
    actor, cipher, today = request.ctx.account.email, cipher_of(request), datetime.now(timezone.utc).date()

    referrals, counts = await unit_of_work(
        request, lambda s: find_worklist(s, cipher, query, actor=actor, today=today)
    )
    return render_staff(
        request,
        "inbox/list.html",
        referrals=referrals,
        counts=counts,
        args=args,
        filters={name: value for name, value in args.items() if value},
        errors=errors,
        outcomes=OUTCOMES,
        statuses=REFERRAL_STATUSES,
        handoff_choices=HANDOFF_CHOICES,
        sorts=SORTS,
        limit=LIST_LIMIT,
        erased=request.args.get("erased") == "1",
    )


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
