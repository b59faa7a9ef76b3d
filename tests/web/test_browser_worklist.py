"""In Debian's chromium: a coordinator's worklist (search on encrypted names, sort, filters kept in
the URL, needs action first), the contact log, the print view; phone and desktop screenshots and
axe-core scans of each page (axe is injected, so those contexts bypass the CSP)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.leads.contact import ContactDetails
from bot.storage.models import Referral
from tests.web.browser import AXE_RESULTS, axe_violations, screenshot
from tests.web.server import WebServer
from tests.web.staff import StaffAccount, add_account
from tests.web.test_export import check_against_dictionary

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _person(name: str) -> ContactDetails:
    email = name.lower().replace(" ", ".") + "@example.org"
    return ContactDetails(name=name, email=email, phone="+33600000001", preferred_time="evenings")


@pytest.fixture
def signed_in(browser: Browser, web: WebServer) -> Iterator[Callable[..., Page]]:
    """A page signed in as a new coordinator, in a context of the given viewport."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP, account: StaffAccount | None = None) -> Page:
        account = account or add_account(web.database, "coordinator")
        context = browser.new_context(bypass_csp=True, viewport=viewport, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(web.url + "/login")
        page.get_by_label("Email").fill(account.email)
        page.get_by_label("Password").fill(account.password)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(web.url + "/inbox")
        return page

    yield make
    for context in contexts:
        context.close()


def _scan(page: Page, name: str) -> None:
    """Zero axe-core violations of any impact (stricter than the site-wide scan's serious/critical)."""
    screenshot(page, name)
    axe_violations(page, name)
    found = json.loads((AXE_RESULTS / f"{name}.json").read_text(encoding="utf-8"))
    assert found == [], f"{name}: accessibility violations: {found}"


def _rows(page: Page) -> list[str]:
    return page.locator("table.worklist tbody tr td[data-label=Name]").all_inner_texts()


def test_worklist_searches_sorts_keeps_filters_in_the_url_and_puts_needs_action_first(
    web: WebServer, signed_in: Callable[..., Page], lead
) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(timezone.utc)
    handled = lead(person=_person("Kestrel Aubert"), created_at=now - timedelta(days=5))
    lead(person=_person("Kestrel Zoé Brun"), created_at=now - timedelta(days=1))
    lead(person=_person("Heron Other"), created_at=now - timedelta(days=2))
    with web.database.session_scope() as session:
        session.get(Referral, handled).status = "contacted"
    page = signed_in()

    page.get_by_label("Search name, e-mail or reference").fill("KESTREL")
    page.get_by_label("Sort by").select_option("oldest")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(f"{web.url}/inbox?q=KESTREL&outcome=&status=&handoff=&from=&to=&sort=oldest")
    # oldest first, but the new referral needs action and comes before the one already contacted
    assert _rows(page) == ["Kestrel Zoé Brun", "Kestrel Aubert"]
    expect(page.locator("tr.needs-action")).to_have_count(1)
    _scan(page, "worklist-desktop")

    page.reload()  # the URL is the state: a bookmark or a shared link shows the same list
    expect(page.get_by_label("Search name, e-mail or reference")).to_have_value("KESTREL")
    expect(page.get_by_label("Sort by")).to_have_value("oldest")
    page.goto(f"{web.url}/inbox?q=kestrel&status=contacted")
    assert _rows(page) == ["Kestrel Aubert"]
    page.goto(f"{web.url}/inbox?q=%23{handled}")
    assert _rows(page) == ["Kestrel Aubert"]
    page.goto(f"{web.url}/inbox?q=zoe+brun")  # accents and case do not matter
    assert _rows(page) == ["Kestrel Zoé Brun"]


@pytest.mark.parametrize("width", [390, 320])
def test_worklist_is_usable_on_a_phone(
    web: WebServer, signed_in: Callable[..., Page], lead, width: int
) -> None:  # type: ignore[no-untyped-def]
    lead(person=_person("Phone Person"))
    page = signed_in({"width": width, "height": 844})
    page.goto(f"{web.url}/inbox?q=phone+person")
    expect(page.get_by_role("link", name="Referral #", exact=False).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    _scan(page, f"worklist-phone-{width}px")


def test_contact_log_keeps_every_entry_in_order_with_its_author(
    web: WebServer, signed_in: Callable[..., Page], lead
) -> None:  # type: ignore[no-untyped-def]
    reference = lead(person=_person("Logged Person"))
    account = add_account(web.database, "coordinator")
    page = signed_in(DESKTOP, account)
    page.goto(f"{web.url}/inbox/referrals/{reference}")
    page.get_by_label("Kind of contact").select_option("call")
    page.get_by_label("What happened (for coordinators only)").fill("No answer, will try tomorrow.")
    page.get_by_role("button", name="Add to the contact log").click()
    expect(page.get_by_role("status")).to_have_text("Added to the contact log.")
    page.get_by_label("Kind of contact").select_option("email")
    page.get_by_label("What happened (for coordinators only)").fill("Sent the study leaflet.")
    page.get_by_role("button", name="Add to the contact log").click()
    entries = page.locator("li.log-entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Call")
    expect(entries.nth(0)).to_contain_text("No answer, will try tomorrow.")
    expect(entries.nth(1)).to_contain_text("Email")
    expect(entries.nth(1)).to_contain_text("Sent the study leaflet.")
    for index in (0, 1):
        expect(entries.nth(index)).to_contain_text(account.email)

    page.get_by_label("Status", exact=True).select_option("contacted")
    page.get_by_label("Assigned to").select_option(account.email)
    page.get_by_label("Follow-up date").fill(datetime.now(timezone.utc).date().isoformat())
    page.get_by_role("button", name="Save status, assignment and follow-up").click()
    expect(page.get_by_text("New → Contacted")).to_be_visible()
    _scan(page, "referral-desktop")

    page.goto(f"{web.url}/inbox?q=logged+person&due=yes")  # the follow-up is due today
    expect(page.locator("tr.needs-action")).to_have_count(1)
    expect(page.locator("td[data-label='Follow-up']")).to_contain_text("Due")

    page.goto(f"{web.url}/inbox/referrals/{reference}/print")
    expect(page.get_by_text("Sent the study leaflet.")).to_be_visible()
    _scan(page, "referral-print")


def test_referral_page_on_a_phone(web: WebServer, signed_in: Callable[..., Page], lead) -> None:  # type: ignore[no-untyped-def]
    reference = lead(person=_person("Phone Detail"))
    page = signed_in(PHONE)
    page.goto(f"{web.url}/inbox/referrals/{reference}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _scan(page, "referral-phone")


def test_export_downloads_the_filtered_worklist_and_matches_the_dictionary(
    web: WebServer, signed_in: Callable[..., Page], lead
) -> None:  # type: ignore[no-untyped-def]
    wanted = lead(person=_person("Downloaded Plover"))
    lead(person=_person("Other Plover"), outcome="needs_review")
    page = signed_in()
    page.goto(f"{web.url}/inbox?q=plover&outcome=likely_eligible")
    with page.expect_download() as exported:
        page.get_by_role("button", name="Export these referrals (CSV for REDCap)").click()
    with page.expect_download() as dictionary_download:
        page.get_by_role("link", name="REDCap data dictionary").click()
    assert exported.value.suggested_filename.startswith("catr-pat-referrals-")
    records = list(csv.DictReader(io.StringIO(exported.value.path().read_text(encoding="utf-8-sig"))))
    dictionary = list(
        csv.DictReader(io.StringIO(dictionary_download.value.path().read_text(encoding="utf-8-sig")))
    )
    assert [r["record_id"] for r in records] == [str(wanted)]
    assert records[0]["contact_name"] == "Downloaded Plover"
    check_against_dictionary(records, dictionary)
