"""Markup typed by a person or arriving in a reply is shown as text in the widget and never becomes
elements (the widget may sit on a foundation page that has no CSP of ours to fall back on)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Route, expect

from tests.web.server import WebServer

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>'


def test_markup_typed_or_received_is_shown_as_text_and_never_becomes_elements(
    browser: Browser, web: WebServer
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        reply = [{"text": "Reply " + HOSTILE, "buttons": [{"title": HOSTILE, "payload": "/greet"}]}]

        def hostile_reply(route: Route) -> None:
            route.fulfill(status=200, content_type="application/json", body=json.dumps(reply))

        page.route("**/api/chat", hostile_reply)
        page.goto(web.url + "/")
        page.get_by_role("button", name="Questions? Chat with us").click()
        page.get_by_label("Your message").fill(HOSTILE)
        page.keyboard.press("Enter")
        log = page.get_by_role("log", name="Conversation")
        expect(log).to_contain_text("Reply " + HOSTILE)
        expect(log).to_contain_text("You said: " + HOSTILE)
        expect(page.locator(".cpw-quick").first).to_have_text(HOSTILE)
        assert page.locator(".cpw img, .cpw script, .cpw b").count() == 0
        assert page.evaluate("window.__xss") is None
    finally:
        context.close()
