"""Branding is configuration, and the privacy notice says in plain words what is kept, for how
long, who sees it, how to delete it and who the data controller is."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Route, expect

from bot.branding import BrandingError, load_branding
from bot.settings import REPO_ROOT
from tests.web.browser import axe_violations, screenshot
from tests.web.server import WebServer

DEFAULT = REPO_ROOT / "data" / "content" / "branding.yml"


def test_the_default_branding_loads_and_names_a_data_controller() -> None:
    brand = load_branding(DEFAULT)
    assert brand.foundation_name and brand.controller_name and "@" in brand.controller_email
    assert brand.primary.startswith("#") and brand.privacy_links


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('  primary: "#0b3d6b"', "  primary: blue"), "colours.primary"),
        (('logo_url: ""', "logo_url: javascript:alert(1)"), "logo_url"),
        (("  name: Patient Foundation", "  name: ''"), "'name'"),
    ],
)
def test_a_broken_branding_file_is_refused_naming_the_key(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    broken = tmp_path / "branding.yml"
    text = DEFAULT.read_text()
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1))
    with pytest.raises(BrandingError, match=message) as error:
        load_branding(broken)
    assert str(broken) in str(error.value)


@pytest.mark.web_app
def test_the_privacy_page_answers_the_five_questions(web: WebServer) -> None:
    page = requests.get(web.url + "/privacy", timeout=10).text
    brand = load_branding(DEFAULT)
    for heading in ("What is kept", "For how long", "Who sees it", "How to delete it", "Who is responsible"):
        assert f"<h2>{heading}" in page
    assert "365 days" in page  # RETENTION_DAYS (the default)
    assert "delete my data" in page
    assert brand.controller_name in page and brand.controller_email in page
    assert all(link.url in page for link in brand.privacy_links)


@pytest.mark.web_app
def test_the_brand_colours_come_as_a_stylesheet(web: WebServer) -> None:
    answer = requests.get(web.url + "/brand.css", timeout=10)
    assert answer.headers["Content-Type"].startswith("text/css")
    assert f"--brand-primary: {load_branding(DEFAULT).primary}" in answer.text


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/privacy", "/"])
def test_public_pages_are_usable_at_320_px_without_violations(
    browser: Browser, web: WebServer, path: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700}, bypass_csp=True)
    page = context.new_page()
    page.goto(web.url + path)
    assert page.evaluate("document.documentElement.scrollWidth <= 320"), f"{path} scrolls sideways at 320 px"
    name = "privacy-320px" if path == "/privacy" else "demo-320px"
    screenshot(page, name)
    assert axe_violations(page, name) == []
    context.close()


@pytest.mark.browser
def test_the_widget_takes_the_foundation_colour(browser: Browser, web: WebServer) -> None:
    served = requests.get(web.url + "/api/chat/texts?lang=en", timeout=10).json()
    assert served["colours"]["primary"] == load_branding(DEFAULT).primary
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()

    def another_foundation(route: Route) -> None:  # as if branding.yml said "#123456"
        body = route.fetch().json()
        body["colours"]["primary"] = "#123456"
        route.fulfill(json=body)

    page.route("**/api/chat/texts*", another_foundation)
    page.goto(web.url + "/")
    launcher = page.get_by_role("button", name="Questions? Chat with us")
    # the widget fetches its texts and colours after the page loads: wait for them (up to 5 s)
    expect(launcher).to_have_css("background-color", "rgb(18, 52, 86)", timeout=5000)
    context.close()
