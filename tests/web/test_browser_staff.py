"""In Debian's chromium: a coordinator signs in, changes a status, exports CSV; staff edit an answer
with the live reading grade. Pages run under the real CSP (no bypass), so blocked scripts show up."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from bot.content.readability import grade
from bot.leads.redcap import STATUS_CODES
from bot.storage.models import Referral
from tests.web.browser import screenshot
from tests.web.server import WebServer
from tests.web.staff import StaffAccount, add_account

pytestmark = pytest.mark.browser
EDITED_ANSWER = "The study lasts 52 weeks. You can ask the study team what happens after the year ends."


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile; fails the test if the page's CSP blocked anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    blocked: list[str] = []
    tab.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield tab
    context.close()
    assert blocked == [], f"the CSP blocked something: {blocked}"


def sign_in(page: Page, web: WebServer, account: StaffAccount, start: str) -> None:
    page.goto(web.url + start)
    expect(page).to_have_url(f"{web.url}/login?next={start}")
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(web.url + start)


def test_coordinator_signs_in_changes_a_status_and_exports_csv(web: WebServer, page: Page, lead) -> None:  # type: ignore[no-untyped-def]
    reference = lead()
    page.goto(web.url + "/login")
    screenshot(page, "flow-coordinator-1-login")
    sign_in(page, web, add_account(web.database, "coordinator"), "/inbox")
    screenshot(page, "flow-coordinator-2-inbox")

    page.get_by_role("link", name=f"Referral #{reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral #{reference}")
    expect(page.get_by_text("Zoé Martin-Testperson")).to_be_visible()
    page.get_by_label("Status", exact=True).select_option("contacted")
    page.get_by_role("button", name="Save status, assignment and follow-up").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    screenshot(page, "flow-coordinator-3-status-saved")
    with web.database.session_scope() as session:
        assert session.get(Referral, reference).status == "contacted"

    page.get_by_role("link", name="← All referrals").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export these referrals (CSV for REDCap)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("catr-pat-referrals-")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    exported = next(row for row in rows if row["record_id"] == str(reference))
    contacted = next(code for code, status in STATUS_CODES if status == "contacted")
    assert exported["status"] == contacted and exported["contact_email"] == "zoe.testperson@example.org"

    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("cell", name="exported").first).to_be_visible()
    screenshot(page, "flow-coordinator-4-audit-after-export")
    page.get_by_role("link", name="Funnel").click()
    screenshot(page, "flow-coordinator-5-funnel")


def test_staff_edit_an_answer_and_the_page_previews_its_reading_grade(
    web: WebServer, page: Page, restore_faq
) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, web, add_account(web.database, "staff"), "/editor")
    screenshot(page, "flow-staff-1-editor")
    page.get_by_role("link", name="duration", exact=True).click()
    answer = page.get_by_label("Answer (2 to 5 short sentences)")
    answer.fill(EDITED_ANSWER)
    expect(page.locator("#grade-value")).to_have_text(str(grade(EDITED_ANSWER)))
    screenshot(page, "flow-staff-2-grade-preview")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("p.notice")).to_contain_text("Saved.")
    served = requests.post(f"{web.url}/nlg", json={"response": "utter_faq/duration"}, timeout=10).json()
    assert served["text"] == EDITED_ANSWER

    page.get_by_role("link", name="History of this entry").click()
    screenshot(page, "flow-staff-3-history")
    page.get_by_role("button", name="Roll back this edit").first.click()
    expect(page.get_by_role("heading", name="rolled back", exact=False).first).to_be_visible()
    served = requests.post(f"{web.url}/nlg", json={"response": "utter_faq/duration"}, timeout=10).json()
    assert served["text"] != EDITED_ANSWER


def test_admin_sees_every_area_and_the_users_page(web: WebServer, page: Page) -> None:
    sign_in(page, web, add_account(web.database, "admin"), "/admin/users")
    for area in ("Referrals", "Funnel", "Audit log", "Content editor", "Users"):
        expect(
            page.get_by_role("navigation", name="Staff areas").get_by_role("link", name=area)
        ).to_be_visible()
    screenshot(page, "flow-admin-users")
