"""The coordinators' worklist and its exports (REDCap CSV with its data dictionary, JSON for a CRM).

Every view of personal data, every change, export and erasure goes through the audited functions
in ``bot.leads``, with the signed-in coordinator's email as the actor.
"""

from __future__ import annotations

import csv
import io
import logging
from datetime import datetime, timezone

from sanic import Blueprint, response
from sanic.request import Request

from bot.eligibility.loader import default_criteria
from bot.leads import redcap
from bot.leads.answer_fields import answer_fields
from bot.leads.queries import (
    HANDOFF_CHOICES,
    LIST_LIMIT,
    ReferralFilter,
)
from bot.leads.worklist import SORTS, WorklistQuery, export_worklist, find_worklist
from bot.outcomes import OUTCOMES
from bot.storage.models import REFERRAL_STATUSES
from bot.users.roles import INBOX
from bot.web.auth import requires, requires_bearer
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


def _attachment(body: str, name: str) -> response.HTTPResponse:
    return response.text(
        "\ufeff" + body,  # the byte-order mark makes Excel read UTF-8 (accents in names)
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/inbox/export.csv")
@requires(INBOX)
async def export_csv(request: Request) -> response.HTTPResponse:
    """The referrals the worklist shows for the same search and filters (query string), as a
    REDCap import file; cells a spreadsheet would run as formulas are neutralised."""
    query, _, _ = worklist_query(request)
    actor, cipher, now = request.ctx.account.email, cipher_of(request), datetime.now(timezone.utc)
    records = await unit_of_work(
        request, lambda s: export_worklist(s, cipher, query, actor=actor, today=now.date())
    )
    body = redcap.to_redcap_csv(records, answer_fields(default_criteria()))
    return _attachment(body, f"catr-pat-referrals-{now.strftime('%Y%m%d-%H%M')}.csv")


@bp.get("/inbox/export-dictionary.csv")
@requires(INBOX)
async def export_dictionary(_: Request) -> response.HTTPResponse:
    """The REDCap data dictionary of the export (no personal data: variable names and codes)."""
    return _attachment(
        redcap.data_dictionary(answer_fields(default_criteria())), "catr-pat-data-dictionary.csv"
    )


@bp.get("/api/v1/export")
@requires_bearer(INBOX)
async def api_export(request: Request) -> response.HTTPResponse:
    """The same records and dictionary as JSON, for a site's CRM; same query parameters as /inbox."""
    query, _, errors = worklist_query(request)
    if errors:
        return response.json({"errors": errors}, status=400)
    actor, cipher = f"api:{request.ctx.account.email}", cipher_of(request)
    today = datetime.now(timezone.utc).date()
    records = await unit_of_work(
        request, lambda s: export_worklist(s, cipher, query, actor=actor, today=today)
    )
    fields = answer_fields(default_criteria())
    dictionary = [
        dict(zip(redcap.DICTIONARY_COLUMNS, row, strict=True))
        for row in _rows(redcap.data_dictionary(fields))
    ]
    return response.json({"dictionary": dictionary, "records": records})


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))[1:]
