"""The chat widget in Debian's chromium, against the fake Rasa: keyboard only, focus, live regions,
quick replies, typing indicator, reloads, start over, 320 px, reduced motion, other sites' pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.web.browser import screenshot
from tests.web.fake_rasa import DURATION, GREETING, FakeRasa
from tests.web.server import WebServer

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, web: WebServer) -> Iterator[Page]:
    """The demo page; fails the test if anything was requested from another host."""
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(web.url + "/")
    # The launcher is built once the widget's texts arrive, after the page's load event.
    expect(tab.locator(".cpw-launcher")).to_be_visible()
    yield tab
    assert [url for url in requested if not url.startswith(web.url)] == [], "no third-party requests"


def _focused(page: Page) -> str:
    return page.evaluate("document.activeElement.className || document.activeElement.id")


def _tab_to(page: Page, class_name: str, limit: int = 20) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if class_name in _focused(page):
            return
    raise AssertionError(f"{class_name} never got keyboard focus")


def test_keyboard_only_chat_with_focus_moving_into_the_panel_and_back(page: Page) -> None:
    _tab_to(page, "cpw-launcher")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="CATR-PAT study assistant")).to_be_visible()
    assert _focused(page) == "cpw-input"
    expect(page.locator(".cpw-notice")).to_contain_text("automated assistant, not a doctor")
    expect(page.locator(".cpw-notice a")).to_have_attribute("href", page.url.rstrip("/") + "/privacy")

    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    log = page.get_by_role("log", name="Conversation")
    expect(log).to_contain_text(GREETING)
    assert log.get_attribute("aria-live") == "polite"
    _tab_to(page, "cpw-quick")
    page.keyboard.press("Enter")
    expect(log).to_contain_text(DURATION)
    assert _focused(page) == "cpw-input", "after a quick reply, focus returns to the message box"
    screenshot(page, "flow-widget-keyboard")

    page.keyboard.press("Escape")
    expect(page.locator(".cpw-panel")).to_be_hidden()
    assert "cpw-launcher" in _focused(page)
    assert page.locator(".cpw-launcher").get_attribute("aria-expanded") == "false"


def test_conversation_survives_a_reload_and_start_over_clears_it(page: Page, recorded: None) -> None:
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill("hello")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".cpw-bot:not(.cpw-welcome)")).to_contain_text(GREETING)
    page.get_by_role("button", name="How long is the study?").click()
    expect(page.locator(".cpw-bot:not(.cpw-welcome)").last).to_contain_text(DURATION)
    page.reload()  # the panel was open: it opens again, on the latest message
    expect(page.locator(".cpw-panel")).to_be_visible()
    expect(page.locator(".cpw-bot:not(.cpw-welcome)").first).to_contain_text(
        GREETING
    )  # fetched again from our server
    expect(page.locator(".cpw-user").last).to_contain_text("How long is the study?")  # the title, not /faq_
    expect(page.locator(".cpw-bot:not(.cpw-welcome)").last).to_contain_text(DURATION)
    page.get_by_role("button", name="Start over").click()
    expect(page.locator(".cpw-msg:not(.cpw-welcome)")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("Conversation cleared. You can start again.")
    page.reload()
    expect(page.locator(".cpw-panel")).to_be_visible()
    expect(page.locator(".cpw-welcome")).to_have_count(1)
    expect(page.locator(".cpw-msg:not(.cpw-welcome)")).to_have_count(0)


def test_the_host_pages_storage_holds_the_conversation_id_and_no_message(page: Page) -> None:
    """Any script on the foundation's page can read sessionStorage: no transcript may sit there."""
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill("my email is zoe@example.org")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".cpw-bot:not(.cpw-welcome)")).to_contain_text(GREETING)
    stored = page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))")
    assert "zoe@example.org" not in stored and GREETING not in stored
    assert json.loads(stored).keys() <= {"catrpat-chat", "catrpat-chat-open"}, stored
    assert re.fullmatch(r"[0-9a-f]{32}", json.loads(stored)["catrpat-chat"]), stored


def test_typing_indicator_is_announced_while_waiting(page: Page) -> None:
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill("slow")
    page.keyboard.press("Enter")
    typing = page.locator(".cpw-typing")
    expect(typing).to_have_text("The assistant is typing...")
    assert typing.get_attribute("role") == "status"
    expect(page.locator(".cpw-bot:not(.cpw-welcome)")).to_contain_text("Sorry for the wait.")
    expect(typing).to_have_text("")


def test_the_widget_fits_a_320_px_wide_screen(browser: Browser, web: WebServer) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(web.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    box = page.locator(".cpw-panel").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    for control in (page.get_by_label("Your message"), page.get_by_role("button", name="Send")):
        control_box = control.bounding_box()
        assert control_box is not None and control_box["x"] + control_box["width"] <= 320
    page.evaluate("document.body.scrollWidth <= 320") or pytest.fail("the page scrolls sideways at 320 px")
    screenshot(page, "widget-320px")
    context.close()


@pytest.mark.parametrize(("motion", "animation"), [("reduce", "none"), ("no-preference", "cpw-blink")])
def test_typing_dots_animate_only_without_reduced_motion(
    browser: Browser, web: WebServer, motion: str, animation: str
) -> None:
    context = browser.new_context(reduced_motion=motion)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(web.url + "/")
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill("slow")
    page.keyboard.press("Enter")
    dot = page.locator(".cpw-dots span").first
    expect(dot).to_be_attached()
    assert dot.evaluate("node => getComputedStyle(node).animationName") == animation
    context.close()


def test_the_widget_works_embedded_in_another_sites_page(
    context: BrowserContext, web: WebServer, fake_rasa: FakeRasa
) -> None:
    """The foundation's page is on its own origin: the chat must pass CORS for that origin."""
    page = context.new_page()
    page.goto(f"{fake_rasa.url}/foundation?widget={web.url}/static/widget.js")
    page.get_by_role("button", name="Questions? Chat with us").click()
    page.get_by_label("Your message").fill("hello")
    page.keyboard.press("Enter")
    expect(page.locator(".cpw-bot:not(.cpw-welcome)")).to_contain_text(GREETING)
    page.close()


def test_a_page_on_an_unlisted_origin_gets_no_chat_answer(
    context: BrowserContext, web: WebServer, fake_rasa: FakeRasa
) -> None:
    """The same host page under a name that is not in CORS_ORIGINS: the browser withholds the widget's
    words, so the widget never appears there and nothing reaches the assistant."""
    page = context.new_page()
    unlisted = fake_rasa.url.replace("127.0.0.1", "localhost")
    sent_before = len(fake_rasa.messages)
    with page.expect_event("requestfailed", lambda r: "/api/chat/texts" in r.url):
        page.goto(f"{unlisted}/foundation?widget={web.url}/static/widget.js")
    expect(page.locator(".cpw-launcher")).to_have_count(0)
    assert len(fake_rasa.messages) == sent_before
    page.close()


def _capabilities(web: WebServer) -> tuple[str, list[str]]:
    from bot.content.loader import load_faq

    entry = {e.id: e for e in load_faq(web.faq_path)}["capabilities"]
    return entry.answer, [button.title for button in entry.buttons]


@pytest.fixture
def phone(browser: Browser, web: WebServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(web.url + "/")
    yield tab
    context.close()


def test_a_new_conversation_opens_with_the_welcome_and_its_suggestions(phone: Page, web: WebServer) -> None:
    answer, titles = _capabilities(web)
    phone.get_by_role("button", name="Questions? Chat with us").click()
    welcome = phone.locator(".cpw-welcome")
    expect(welcome).to_have_count(1)
    expect(welcome).to_contain_text(answer)  # the same text "what can you do?" gets (FAQ `capabilities`)
    assert "automated" in answer
    group = phone.get_by_role("group", name="Suggested answers")
    for title in ("What is the study about?", "Can I take part?", "Talk to a person"):
        assert title in titles
        expect(group.get_by_role("button", name=title)).to_be_visible()
    assert 3 <= len(titles) <= 4
    assert _focused(phone) == "cpw-input"
    screenshot(phone, "phone-widget-welcome")


def test_the_welcome_texts_come_from_data_by_id(web: WebServer) -> None:
    import json as json_module
    import urllib.request

    with urllib.request.urlopen(web.url + "/api/chat/texts?lang=en") as reply:
        body = json_module.loads(reply.read())
    answer, titles = _capabilities(web)
    assert body["welcome"]["text"] == answer
    assert [b["title"] for b in body["welcome"]["buttons"]] == titles
    assert body["texts"]["launcher"] == "Questions? Chat with us"


def test_a_reload_mid_conversation_lands_on_the_latest_message_with_focus(
    phone: Page, recorded: None
) -> None:
    phone.get_by_role("button", name="Questions? Chat with us").click()
    for _ in range(4):  # enough messages for the log to scroll on a phone
        phone.get_by_label("Your message").fill("how long is it")
        phone.keyboard.press("Enter")
        expect(phone.locator(".cpw-bot:not(.cpw-welcome)").last).to_contain_text(DURATION)
    phone.get_by_label("Your message").fill("hello")
    phone.keyboard.press("Enter")
    expect(phone.locator(".cpw-bot:not(.cpw-welcome)").last).to_contain_text(GREETING)
    phone.reload()
    expect(phone.locator(".cpw-panel")).to_be_visible()
    expect(phone.locator(".cpw-bot:not(.cpw-welcome)").last).to_contain_text(GREETING)
    last_button = phone.locator(".cpw-buttons .cpw-quick").last
    expect(last_button).to_be_in_viewport()
    expect(phone.locator(".cpw-welcome")).to_have_count(0)
    log = phone.locator(".cpw-log")
    assert log.evaluate("l => l.scrollHeight > l.clientHeight"), "the test needs a log that scrolls"
    assert log.evaluate("l => Math.abs(l.scrollTop + l.clientHeight - l.scrollHeight) < 2"), "on the latest"
    expect(phone.get_by_label("Your message")).to_be_focused()
    screenshot(phone, "phone-widget-after-reload")
