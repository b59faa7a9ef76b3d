"""axe-core scans (from npm, test-only) of the widget and of every staff page: no serious or critical
violation. Each scanned page is also saved as a screenshot; axe's full findings go to
test-artifacts/axe/<page>.json.

axe is injected as an inline script, which our CSP forbids, so these contexts bypass the CSP; the
flow tests in test_browser_staff.py run under the real CSP.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.web.browser import axe_violations, screenshot
from tests.web.fake_rasa import GREETING
from tests.web.server import WebServer
from tests.web.staff import add_account

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin_context(browser: Browser, web: WebServer) -> Iterator[BrowserContext]:
    """A signed-in admin (sees the inbox, the editor and the users page), with one lead to show."""
    from tests.db_fixtures import store_lead

    store_lead(web.database, web.cipher, "a11y-sender")
    account = add_account(web.database, "admin")
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(web.url + "/login")
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(web.url + "/inbox")
    page.close()
    yield context
    context.close()


def _scan(page: Page, name: str, context: str | None = None) -> None:
    screenshot(page, name)
    blocking = axe_violations(page, name, context)
    assert blocking == [], f"{name}: serious or critical accessibility violations: {blocking}"


STAFF_PAGES = {
    "inbox-list": "/inbox",
    "inbox-detail": "/inbox/referrals/{first}",
    "inbox-audit": "/inbox/audit",
    "inbox-funnel": "/inbox/funnel",
    "inbox-filter-errors": "/inbox?status=bogus&from=yesterday",
    "editor-list": "/editor",
    "editor-entry": "/editor/entries/duration",
    "editor-new": "/editor/entries/new",
    "editor-history": "/editor/history",
    "admin-users": "/admin/users",
}


@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_staff_page_has_no_serious_accessibility_violations(
    admin_context: BrowserContext, web: WebServer, name: str
) -> None:
    page = admin_context.new_page()
    page.goto(web.url + "/inbox")
    first = page.locator('a[href^="/inbox/referrals/"]').first.get_attribute("href").rsplit("/", 1)[-1]  # type: ignore[union-attr]
    page.goto(web.url + STAFF_PAGES[name].format(first=first))
    _scan(page, name)
    page.close()


def test_editor_form_with_validation_errors_has_no_serious_accessibility_violations(
    admin_context: BrowserContext, web: WebServer
) -> None:
    page = admin_context.new_page()
    page.goto(web.url + "/editor/entries/new")
    page.get_by_label("Id (snake_case; becomes the assistant's intent name)").fill("a11y_check")
    page.get_by_label("Topic").fill("study")
    page.get_by_label("Answer (2 to 5 short sentences)").fill("Too short")
    page.get_by_label("Ways people ask it (one per line, at least 10)").fill("one\ntwo")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#answer-error")).to_be_visible()
    _scan(page, "editor-errors")
    page.close()


@pytest.mark.parametrize(("name", "path"), [("login", "/login"), ("privacy", "/privacy"), ("demo", "/")])
def test_public_page_has_no_serious_accessibility_violations(
    browser: Browser, web: WebServer, name: str, path: str
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(web.url + path)
    _scan(page, name)
    context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_open_widget_with_quick_replies_has_no_serious_accessibility_violations(
    browser: Browser, web: WebServer, width: int
) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(web.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill("hello")
    page.keyboard.press("Enter")
    expect(page.locator(".cpw-bot:not(.cpw-welcome)")).to_contain_text(GREETING)
    _scan(page, f"widget-open-{width}px")
    context.close()


@pytest.mark.parametrize("width", [390, 320])
def test_widget_welcome_with_suggestions_has_no_accessibility_violations(
    browser: Browser, web: WebServer, width: int
) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(web.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    expect(page.locator(".cpw-buttons .cpw-quick").first).to_be_visible()
    _scan(page, f"widget-welcome-{width}px")
    context.close()
