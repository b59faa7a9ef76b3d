"""A French visitor, in Debian's chromium against the whole product: the widget on a French page
speaks French from its first word (labels, welcome, the short first message), runs the pre-screen
in French and the lead arrives in the coordinators' database marked French."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from bot import texts
from bot.eligibility import default_criteria
from bot.leads.crypto import load_cipher
from bot.leads.export import export_leads
from bot.storage.db import get_database
from tests.web.browser import axe_violations, screenshot
from tests.web.test_live_browser import REPLY_TIMEOUT_MS

pytestmark = [pytest.mark.servers, pytest.mark.browser]

FRENCH = default_criteria().in_language("fr")
ANSWERS = {  # slot: how a French patient answers it
    "age": "54 ans",
    "social_security": "oui",
    "antibody": "anti Jo1",
    "ild_on_ct": "oui",
    "recent_drugs": "non",
    "drug_failed_before": "non",
    "pregnancy": "non",
    "checklist": "aucun",
    "lung_function": "je sais pas",
    "contraception": "oui",
}
PERSON = ("Camille Testeur", "camille.testeur@example.org", "en semaine le matin")


def _fr(text_id: str) -> str:
    return " ".join(texts.text(text_id, "fr").split())


def _say(page: Page, text: str) -> str:
    """Type ``text`` (or press its button) and return what the assistant said back, flattened."""
    count = page.locator(".cpw-bot:not(.cpw-welcome)").count()
    button = page.locator(".cpw-quick", has_text=re.compile(f"^{re.escape(text)}$", re.I))
    if button.count():
        button.first.click()
    else:
        page.get_by_label(_fr("widget_input_label")).fill(text)
        page.keyboard.press("Enter")
    replies = page.locator(".cpw-bot:not(.cpw-welcome)")
    expect(replies).not_to_have_count(count, timeout=REPLY_TIMEOUT_MS)
    page.wait_for_function("!document.querySelector('.cpw-typing').textContent", timeout=REPLY_TIMEOUT_MS)
    return " ".join(" ".join(replies.all_inner_texts()[count:]).split())


def test_a_french_visitor_is_answered_screened_and_referred_in_french(browser: Browser, live_stack) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(  # the CSP is lifted only so that axe-core can be injected
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{live_stack.web_port}/?lang=fr")
    page.get_by_role("button", name=_fr("widget_launcher")).click()
    expect(page.get_by_label(_fr("widget_input_label"))).to_be_visible()
    expect(page.locator(".cpw-welcome")).to_contain_text("automatique")
    screenshot(page, "live-french-welcome")
    assert axe_violations(page, "live-french-welcome", ".cpw") == []

    greeting = _say(page, "bonjour")  # too short for the detector: the page's language decides
    assert not re.search(r"\b(the|you|what)\b", greeting, re.I), greeting
    consent = _say(page, "je voudrais savoir si je peux participer")
    assert "êtes-vous d'accord" in consent.lower(), consent
    said = _say(page, _fr("consent_button_yes"))
    for slot in FRENCH.slot_names:
        prompt = " ".join(FRENCH.slot(slot).prompt.split())
        assert prompt[:40] in said, f"expected the French question {slot!r}, the assistant said {said!r}"
        said = _say(page, ANSWERS[slot])
    # the check before saving, in French; "Âge" picked with its button, then the right age typed
    assert "Avant d'enregistrer" in said and "1. Âge : 54" in said, said
    screenshot(page, "live-french-summary")
    assert "Quelle réponse" in _say(page, "Changer une réponse")
    assert "Quel âge avez-vous" in _say(page, "Âge")
    said = _say(page, "55 ans")
    assert "1. Âge : 55" in said, said
    said = _say(page, "Oui, c'est juste")
    assert "coordinateur" in said.lower(), said
    screenshot(page, "live-french-outcome")
    said = _say(page, "Oui, contactez-moi")
    for answer in PERSON:
        said = _say(page, answer)
    assert "transmis" in said.lower() or "merci" in said.lower(), said
    screenshot(page, "live-french-referred")

    sender = page.evaluate("sessionStorage.getItem('catrpat-chat')")
    cipher = load_cipher(live_stack)
    with get_database(live_stack).session_scope() as session:
        leads = [
            row
            for row in export_leads(session, cipher, actor="test")
            if row["conversation_ref"] == cipher.reference(sender)
        ]
    assert len(leads) == 1 and leads[0]["contact"]["email"] == PERSON[1]
    assert leads[0]["language"] == "fr" and leads[0]["answers"]["age"] == 55
    context.close()
