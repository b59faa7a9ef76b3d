"""The funnel page draws its counts as server-side SVG charts and offers them as CSV."""

from __future__ import annotations

import csv
import io
import re

from bot.leads.funnel import record_funnel_event
from tests.web.server import WebServer
from tests.web.staff import StaffClient


def test_the_funnel_page_draws_svg_charts_with_the_counts(web: WebServer, coordinator: StaffClient) -> None:
    with web.database.session_scope() as session:
        for n in range(5):
            record_funnel_event(session, f"chart-sender-{n}", "conversation_started")
            record_funnel_event(session, f"chart-sender-{n}", "question_answered:ssn_cover")
    page = coordinator.get("/inbox/funnel").text
    for chart in ("chart-started", "chart-outcomes", "chart-questions"):
        assert re.search(rf'<svg class="chart" id="{chart}"[^>]*role="img"', page), chart
    questions = page[page.index('id="chart-questions"') :]
    assert re.search(r'<rect class="bar"[^>]*data-value="\d+"', questions)
    assert "Ssn cover" in questions
    assert "<script" not in page.split("<svg", 1)[1].split("</main>")[0]
    assert "http://" not in page.split('id="chart-started"')[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    ), "no outside reference in a chart"


def test_the_funnel_csv_has_one_row_per_period_and_step(web: WebServer, coordinator: StaffClient) -> None:
    with web.database.session_scope() as session:
        record_funnel_event(session, "csv-sender", "contact_given")
    answer = coordinator.get("/inbox/funnel.csv?period=week")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/csv")
    assert 'filename="funnel-by-week.csv"' in answer.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == ["period", "period_start", "event", "conversations"]
    assert any(row[0] == "week" and row[2] == "contact_given" and int(row[3]) >= 1 for row in rows[1:])
    assert "csv-sender" not in answer.text


def test_the_funnel_csv_is_for_coordinators_only(web: WebServer, client: StaffClient) -> None:
    assert client.get("/inbox/funnel.csv").status_code in (302, 303, 401, 403)
