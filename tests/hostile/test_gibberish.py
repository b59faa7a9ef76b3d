"""Keyboard mash ("asdfgh", "jjjjjj", "qwerty uiop") gets the "I can only help with the study" or
"I didn't understand" answer, and is never consent nor an answer to a pre-screen question;
misspelled real English is still understood. Measured before data/nlu/gibberish.yml: of 42
such strings, 21 were read as "yes" (right after the consent question, that was consent), 2 as
"no", 1 as "stop", 2 as a confident study question, and only 16 fell back; after: 41 of 42."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.texts import text
from tests.hostile.chat_client import ChatEndpoint, new_sender, ok

REPO_ROOT = Path(__file__).resolve().parents[2]
FALLBACK_INTENTS = {"out_of_scope", "nlu_fallback"}


def _examples(path: Path) -> list[str]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        line.strip()[2:] for item in document["nlu"] for line in item["examples"].splitlines() if line.strip()
    ]


HELD_OUT = _examples(REPO_ROOT / "tests" / "nlu" / "heldout" / "gibberish.yml")
TRAINING = _examples(REPO_ROOT / "data" / "nlu" / "gibberish.yml")


def _fallback_texts() -> set[str]:
    """The two answers for what the assistant cannot use: out of scope, and not understood."""
    return {text(name).lower() for name in ("utter_out_of_scope", "utter_default")}


def test_the_held_out_gibberish_is_never_trained_on_and_has_the_issues_examples() -> None:
    assert len(HELD_OUT) >= 30 and not set(HELD_OUT) & set(TRAINING)
    assert {"asdfgh", "jjjjjj", "qwerty uiop", "sdfsdf ghj", "??? lkj"} <= set(HELD_OUT)


@pytest.fixture(scope="module")
def parse(live_stack) -> Callable[[str], dict[str, Any]]:  # type: ignore[no-untyped-def]
    """What the running model makes of a text (Rasa's /model/parse, with the API token)."""

    def call(text: str) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{live_stack.rasa_url}/model/parse?token={live_stack.rasa_auth_token}",
            data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.load(answer)

    return call


@pytest.mark.servers
def test_no_held_out_keyboard_mash_is_read_as_yes_no_or_a_request(parse) -> None:  # type: ignore[no-untyped-def]
    """Measured: 36 of the 37 fall back; "ppppp" is read as an answer (inform), which only a
    question's own parser can accept, and it refuses it."""
    read = {text: parse(text)["intent"]["name"] for text in HELD_OUT}
    assert {
        text: intent for text, intent in read.items() if intent not in {*FALLBACK_INTENTS, "inform"}
    } == {}
    assert sum(intent in FALLBACK_INTENTS for intent in read.values()) >= 0.9 * len(read)


@pytest.mark.servers
def test_every_held_out_keyboard_mash_gets_the_fallback_answer(endpoint: ChatEndpoint) -> None:
    fallbacks = _fallback_texts()
    answers = {mash: ok(endpoint.send(mash)) for mash in HELD_OUT}  # each in a new conversation
    assert {mash: text for mash, text in answers.items() if not any(f in text for f in fallbacks)} == {}


@pytest.mark.servers
@pytest.mark.parametrize(
    ("text", "intent", "answer"),
    [
        ("wat is tacrolimis", "faq", "faq/tacrolimus"),
        ("hw long dose it last", "faq", "faq/duration"),
        ("how lnog is the studdy", "faq", "faq/duration"),
        ("wat r the side efects", "faq", "faq/side_effects"),
        ("whats azathioprin", "faq", "faq/azathioprine"),
        ("can i joyn the trail", "start_prescreen", None),
        ("yess", "affirm", None),
        ("nope", "deny", None),
        ("idk", "not_sure", None),
    ],
)
def test_misspelled_english_is_still_understood(parse, text: str, intent: str, answer: str | None) -> None:  # type: ignore[no-untyped-def]
    result = parse(text)
    assert result["intent"]["name"] == intent
    if answer is not None:
        # Answered, or (issue 14) an honest "not sure" that offers the right topic as a button.
        chosen = result["response_selector"]["faq"]["response"]["intent_response_key"]
        offered = [f"faq/{entry}" for entry in result.get("answer", {}).get("candidates", [])]
        assert chosen == answer or (chosen == "faq/not_sure" and answer in offered), (chosen, offered)


@pytest.mark.servers
@pytest.mark.parametrize(
    ("opening", "question", "after_yes"),
    [
        ("can I join the study?", "do you agree", "how old are you"),
        ("can i talk to a coordinator", "do you agree", "what name should the coordinator use"),
    ],
    ids=["pre-screen", "contact-details"],
)
def test_keyboard_mash_after_a_consent_question_is_never_consent(
    endpoint: ChatEndpoint, opening: str, question: str, after_yes: str
) -> None:
    sender, fallbacks = new_sender(), _fallback_texts()
    assert question in ok(endpoint.send(opening, sender=sender))
    for mash in ("asdfgh", "jjjjjj", "qwerty uiop", "sdfsdf ghj", "??? lkj", "yuiyui", "lkjhgf"):
        text = ok(endpoint.send(mash, sender=sender))
        assert any(fallback in text for fallback in fallbacks), (mash, text)
        assert after_yes not in text, (mash, text)  # never taken as yes (re-asked, never a loop)
    assert after_yes in ok(endpoint.send("yes", sender=sender))


@pytest.mark.servers
def test_keyboard_mash_is_never_an_answer_to_a_prescreen_question(endpoint: ChatEndpoint) -> None:
    """Never taken as an answer: the question asked again once, with "not sure" and a coordinator
    offered; then (never a third ask, issue 13) the age counts as unknown and the next one comes."""
    sender, reask = new_sender(), "sorry, i didn't get that. please tell me your age"
    ok(endpoint.send("can I join the study?", sender=sender))
    assert "how old are you" in ok(endpoint.send("yes", sender=sender))
    first, second = (ok(endpoint.send(mash, sender=sender)) for mash in ("asdfgh", "??? lkj"))
    assert reask in first and "coordinator" in first, first
    assert reask not in second and "how old are you" not in second and "social security" in second, second
