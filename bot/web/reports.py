"""The audit log and funnel pages (inbox area), and the CRM API that serves the same data as JSON."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timezone
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.eligibility.loader import default_criteria
from bot.leads.funnel_stats import PERIODS, Period, PeriodCounts, counts_by_period, csv_rows
from bot.leads.queries import ReferralFilter, find_referrals, funnel_report, recent_audit, referral_counts
from bot.leads.referrals import read_lead
from bot.users.roles import INBOX
from bot.web.auth import requires, requires_bearer
from bot.web.charts import Bar, bar_chart, share
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


def _period(raw: str) -> Period:
    return "week" if raw == "week" else "day"


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def funnel_charts(report: dict[str, Any], periods: list[PeriodCounts], period: Period) -> dict[str, Any]:
    """The funnel page's three charts: conversations per period, outcome shares, answers by question."""
    empty = "No data yet."
    started = [Bar(p.start.isoformat(), p.counts.get("conversation_started", 0)) for p in periods]
    total = sum(report["outcomes"].values())
    outcomes = [Bar(_label(k), n, share(n, total)) for k, n in report["outcomes"].items()]
    questions = [
        Bar(_label(q["question"]), q["answered"], f"{q['dropped']} stopped before")
        for q in report["questions"]
    ]
    per = "week (from Monday)" if period == "week" else "day"
    return {
        "started": bar_chart("chart-started", f"Conversations started per {per}", started, empty),
        "outcomes": bar_chart("chart-outcomes", "Outcome shares", outcomes, empty),
        "questions": bar_chart("chart-questions", "Answers by question, with drop-off", questions, empty),
    }


@bp.get("/inbox/funnel")
@requires(INBOX)
async def funnel(request: Request) -> response.HTTPResponse:
    raw = request.args.get("since", "").strip()
    since, error = _since(raw)
    period = _period(request.args.get("period", "day"))

    def load(session: Session) -> tuple[dict[str, Any], list[PeriodCounts]]:
        order = default_criteria().slot_names
        return funnel_report(session, since, order), counts_by_period(session, period, since)

    report, periods = await unit_of_work(request, load)
    return render_staff(
        request,
        "inbox/funnel.html",
        report=report,
        periods=periods,
        period=period,
        period_names=PERIODS,
        charts=funnel_charts(report, periods, period),
        since=raw,
        error=error,
    )


@bp.get("/inbox/funnel.csv")
@requires(INBOX)
async def funnel_csv(request: Request) -> response.HTTPResponse:
    """Distinct conversations per step and day (or week): counts only, no conversation is named."""
    since, error = _since(request.args.get("since", "").strip())
    if error:
        return response.text(error, status=400)
    period = _period(request.args.get("period", "day"))
    periods = await unit_of_work(request, lambda s: counts_by_period(s, period, since))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(csv_rows(periods, period))
    return response.text(
        out.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="funnel-by-{period}.csv"'},
    )


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
    order = default_criteria().slot_names
    return response.json(await unit_of_work(request, lambda s: funnel_report(s, since, order)))
