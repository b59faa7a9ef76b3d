"""The audit log and funnel pages (inbox area), and the CRM API that serves the same data as JSON."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.leads.queries import ReferralFilter, find_referrals, funnel_report, recent_audit, referral_counts
from bot.leads.referrals import read_lead
from bot.users.roles import INBOX
from bot.web.auth import requires, requires_bearer
from bot.web.context import cipher_of, unit_of_work
from bot.web.pages import render_staff

AUDIT_PAGE_SIZE = 200


def _since(raw: str) -> tuple[datetime | None, str]:
    """An optional ``since`` day as the start of that UTC day, or an error for the person."""
    if not raw:
        return None, ""
    try:
        return datetime.combine(date.fromisoformat(raw), time.min, tzinfo=timezone.utc), ""
    except ValueError:
        return None, "Use a date like 2026-01-31."


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


bp = Blueprint("reports")


@bp.get("/inbox/audit")
@requires(INBOX)
async def audit_log(request: Request) -> response.HTTPResponse:
    page = _page_number(request.args.get("page", "1"))
    offset = (page - 1) * AUDIT_PAGE_SIZE
    events = await unit_of_work(request, lambda s: recent_audit(s, AUDIT_PAGE_SIZE + 1, offset))
    return render_staff(
        request,
        "inbox/audit.html",
        events=events[:AUDIT_PAGE_SIZE],
        page=page,
        has_more=len(events) > AUDIT_PAGE_SIZE,
    )


@bp.get("/inbox/funnel")
@requires(INBOX)
async def funnel(request: Request) -> response.HTTPResponse:
    raw = request.args.get("since", "").strip()
    since, error = _since(raw)
    report = await unit_of_work(request, lambda s: funnel_report(s, since))
    return render_staff(request, "inbox/funnel.html", report=report, since=raw, error=error)


@bp.get("/api/v1/referrals")
@requires_bearer(INBOX)
async def api_referrals(request: Request) -> response.HTTPResponse:
    args = {name: request.args.get(name, "") for name in ("outcome", "status", "handoff", "from", "to")}
    chosen, errors = ReferralFilter.parse(args)
    if errors:
        return response.json({"error": "invalid filter", "fields": errors}, status=400)

    def load(session: Session) -> dict:
        return {"counts": referral_counts(session, chosen), "referrals": find_referrals(session, chosen)}

    return response.json(await unit_of_work(request, load))


@bp.get("/api/v1/referrals/<referral_id:int>")
@requires_bearer(INBOX)
async def api_referral(request: Request, referral_id: int) -> response.HTTPResponse:
    actor, cipher = f"api:{request.ctx.account.email}", cipher_of(request)
    try:
        lead = await unit_of_work(request, lambda s: read_lead(s, cipher, referral_id, actor))
    except LookupError:
        return response.json({"error": f"no referral {referral_id}"}, status=404)
    return response.json(lead)


@bp.get("/api/v1/funnel")
@requires_bearer(INBOX)
async def api_funnel(request: Request) -> response.HTTPResponse:
    since, error = _since(request.args.get("since", "").strip())
    if error:
        return response.json({"error": error, "fields": {"since": error}}, status=400)
    return response.json(await unit_of_work(request, lambda s: funnel_report(s, since)))
