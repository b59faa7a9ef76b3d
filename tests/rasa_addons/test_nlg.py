"""ContentFallbackNLG inside Rasa: live FAQ answers when the content service answers, the trained
answer when it does not. A patient never gets silence."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.runtime.sandbox import free_port
from rasa_addons.nlg import ContentFallbackNLG

TRAINED = {"utter_faq/duration": [{"text": "Trained: 52 weeks."}], "utter_greet": [{"text": "Hello!"}]}


@pytest.fixture
async def content_service() -> AsyncIterator[tuple[str, list[dict]]]:
    """A real HTTP NLG service that answers FAQ names with an edited text and records requests."""
    received: list[dict] = []

    async def nlg(request: web.Request) -> web.Response:
        body = await request.json()
        received.append(body)
        if body["response"] == "utter_faq/duration":
            return web.json_response({"text": "Edited: the study lasts 52 weeks."})
        return web.json_response({"error": "unknown"}, status=404)

    app = web.Application()
    app.router.add_post("/nlg", nlg)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/nlg", received
    await runner.cleanup()


def _generator(url: str) -> ContentFallbackNLG:
    return ContentFallbackNLG(EndpointConfig(url=url), Domain.empty())


def _tracker() -> DialogueStateTracker:
    return DialogueStateTracker("patient-1", slots=[])


async def test_faq_answer_comes_from_the_live_service(content_service) -> None:
    url, received = content_service
    reply = await _generator(url).generate("utter_faq/duration", _tracker(), "rest", domain_responses=TRAINED)
    assert reply["text"] == "Edited: the study lasts 52 weeks."
    assert received[0]["tracker"]["events"] == []  # the conversation is not sent along


async def test_other_responses_come_from_the_model_without_a_round_trip(content_service) -> None:
    url, received = content_service
    reply = await _generator(url).generate("utter_greet", _tracker(), "rest", domain_responses=TRAINED)
    assert reply["text"] == "Hello!" and received == []


async def test_service_down_falls_back_to_the_trained_answer() -> None:
    dead = f"http://127.0.0.1:{free_port()}/nlg"
    generator = _generator(dead)
    reply = await generator.generate("utter_faq/duration", _tracker(), "rest", domain_responses=TRAINED)
    assert reply["text"] == "Trained: 52 weeks."


async def test_unknown_faq_name_at_the_service_falls_back_to_the_trained_answer(content_service) -> None:
    url, _ = content_service
    responses = {**TRAINED, "utter_faq/sponsor": [{"text": "Trained: AP-HP."}]}
    generator = _generator(url)
    reply = await generator.generate("utter_faq/sponsor", _tracker(), "rest", domain_responses=responses)
    assert reply["text"] == "Trained: AP-HP."


def _tracker_after(parse_data: dict) -> DialogueStateTracker:
    """A conversation whose last message carries the answer decision (rasa_addons/answer_hook.py)."""
    from rasa.shared.core.events import UserUttered

    return DialogueStateTracker.from_events(
        "patient-2", [UserUttered("...", parse_data["intent"], [], parse_data)]
    )


async def test_not_sure_offers_the_likeliest_topics_and_something_else() -> None:
    tracker = _tracker_after(
        {
            "intent": {"name": "faq", "confidence": 0.4},
            "answer": {"kind": "not_sure", "candidates": ["visits", "cost"]},
        }
    )
    reply = await _generator("").generate("utter_faq/not_sure", tracker, "rest", domain_responses=TRAINED)
    assert reply["text"].startswith("I'm not sure")
    assert [button["payload"] for button in reply["buttons"]] == ["/faq/visits", "/faq/cost", "/nlu_fallback"]
    assert reply["buttons"][0]["title"] == "Visits and travel"


async def test_other_questions_of_the_message_are_named_with_a_button_each(content_service) -> None:
    url, _ = content_service
    tracker = _tracker_after(
        {
            "intent": {"name": "faq", "confidence": 0.9},
            "answer": {"kind": "answer", "entry": "duration", "also": ["sponsor"]},
        }
    )
    reply = await _generator(url).generate("utter_faq/duration", tracker, "rest", domain_responses=TRAINED)
    assert reply["text"].startswith("Edited: the study lasts 52 weeks.")
    assert "You also asked about: Who runs the study." in reply["text"]
    assert reply["buttons"] == [{"title": "Who runs the study", "payload": "/faq/sponsor"}]


async def test_an_entrys_own_buttons_come_with_its_live_answer(content_service) -> None:
    url, _ = content_service
    responses = {**TRAINED, "utter_faq/capabilities": [{"text": "Trained: I can help."}]}
    reply = await _generator(url).generate(
        "utter_faq/capabilities", _tracker(), "rest", domain_responses=responses
    )
    assert {"title": "Can I take part?", "payload": "/start_prescreen"} in reply["buttons"]


async def test_a_response_a_custom_action_asks_for_is_found_from_the_first_message() -> None:
    """Rasa passes the model's responses only with its own utter_ actions; on loading a model it
    sets ``nlg.responses`` for a TemplatedNaturalLanguageGenerator (Agent.load_model). So an action's
    ``utter_message(response=..., retention_months=6)`` is not silence in a fresh process."""
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator

    generator = _generator("")
    assert isinstance(generator, TemplatedNaturalLanguageGenerator)  # the condition Rasa checks
    text = "Kept for up to {retention_months} months. Do you agree?"
    generator.responses = {"utter_consent_request": [{"text": text}]}  # what Agent.load_model does
    reply = await generator.generate("utter_consent_request", _tracker(), "rest", retention_months=6)
    assert reply is not None and reply["text"] == "Kept for up to 6 months. Do you agree?"


async def test_a_translated_variation_is_chosen_on_the_language_slot() -> None:
    from rasa.shared.core.slots import TextSlot

    responses = {
        "utter_saved": [
            {"text": "Enregistré.", "condition": [{"type": "slot", "name": "language", "value": "fr"}]},
            {"text": "Saved."},
        ]
    }
    generator = _generator("")
    for language, expected in (("fr", "Enregistré."), (None, "Saved.")):
        tracker = DialogueStateTracker("patient-1", slots=[TextSlot("language", mappings=[])])
        tracker.slots["language"].value = language
        reply = await generator.generate("utter_saved", tracker, "rest", domain_responses=responses)
        assert reply["text"] == expected


def _french(tracker: DialogueStateTracker) -> DialogueStateTracker:
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.slots import TextSlot

    tracker.slots["language"] = TextSlot("language", mappings=[])
    tracker.update(SlotSet("language", "fr"))
    return tracker


async def test_the_conversations_language_goes_to_the_live_service(content_service) -> None:
    url, received = content_service
    await _generator(url).generate(
        "utter_faq/duration", _french(_tracker()), "rest", domain_responses=TRAINED
    )
    assert received[0]["tracker"]["slots"] == {"language": "fr"}


async def test_not_sure_in_french_offers_french_topic_titles() -> None:
    tracker = _french(
        _tracker_after(
            {
                "intent": {"name": "faq", "confidence": 0.4},
                "answer": {"kind": "not_sure", "candidates": ["visits"]},
            }
        )
    )
    reply = await _generator("").generate("utter_faq/not_sure", tracker, "rest", domain_responses=TRAINED)
    assert reply["text"].startswith("Je ne suis pas sûr")
    assert reply["buttons"][-1] == {"title": "Autre chose", "payload": "/nlu_fallback"}
    assert reply["buttons"][0]["payload"] == "/faq/visits"
    assert reply["buttons"][0]["title"] != "Visits and travel"
