"""The right answer, or an honest "I'm not sure": applied to every parse the Rasa server makes.

Patched around ``MessageProcessor.parse_message``, so the REST and socket.io channels, the safety
layer's parse and the HTTP API's ``/model/parse`` all see the same result. It
- turns a button's ``/faq/<id>`` into that answer, with no guessing;
- reads each question of a long message on its own (bot/content/questions.py);
- blends the ResponseSelector's ranking with a second, lexical reader's (bot/content/lexical.py),
  in the share answering.yml sets;
- answers only when the measured thresholds say so (bot/content/answering.py); otherwise the
  intent becomes ``faq`` with the ``utter_faq/not_sure`` reply (candidates as buttons, built by
  rasa_addons/nlg.py) or ``nlu_fallback``, whose reply says plainly it does not know.
The decision is kept in the parse data under ``answer`` (ids and kinds only, never the text).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor

from bot.content.answering import FALLBACK_INTENT, FAQ_INTENT, NOT_SURE_ID, Decision, Reading, load_answering
from bot.content.lexical import (
    LexicalReader,
    blended_reading,
    digest,
    fit_reader,
    load_reader,
    reader_questions,
)
from bot.content.loader import faq_files
from bot.content.phrasings import phrasings_files
from bot.content.questions import choose, split_questions
from bot.nlp.mash import is_keyboard_mash
from bot.runtime.refreshing import Refreshing
from bot.settings import get_settings

log = logging.getLogger(__name__)

ANSWER_KEY = "answer"
# Whole-message intents a sure question inside the message may override: small talk around a
# question ("hi, ...", "... thank you"), and the FAQ or fallback themselves. Never the safety
# intents, the pre-screen's answers or a request for a person.
OVERRIDABLE = frozenset({FAQ_INTENT, FALLBACK_INTENT, "greet", "thanks", "goodbye", "out_of_scope"})
_PAYLOAD = re.compile(r"^/faq/([a-z][a-z0-9_]*)$")

_rasa_parse_message = MessageProcessor.parse_message


@lru_cache(maxsize=4)
def _config(content_dir: Path, _stamp: float) -> Any:
    return load_answering(content_dir)


def answering_config() -> Any:
    """answering.yml, re-read when it changes (thresholds and texts are staff data)."""
    content_dir = get_settings().content_dir
    path = content_dir / "answering.yml"
    return _config(content_dir, path.stat().st_mtime if path.exists() else 0.0)


def _fit_or_load(content_dir: Path) -> LexicalReader:
    from bot.runtime.build import lexical_reader_file

    questions = reader_questions(content_dir)
    saved = load_reader(lexical_reader_file(get_settings()), digest(questions))
    if saved is not None:
        return saved
    log.warning("event=lexical_reader_fitting reason=questions_changed_since_build")
    return fit_reader(questions)


def _sources_stamp(content_dir: Path) -> float:
    sources = [*faq_files(content_dir), *phrasings_files(content_dir), content_dir / "answering.yml"]
    return max(path.stat().st_mtime for path in sources if path.exists())


_READERS: Refreshing[LexicalReader] = Refreshing(_fit_or_load, name="lexical_reader")


def lexical_reader() -> LexicalReader:
    """The one `python -m bot build` fitted; refitted in a worker thread when staff change the
    questions or phrasings, the current one answering until the new one is ready."""
    return _READERS.get(get_settings().content_dir, _sources_stamp)


def reading_for(parse_data: dict[str, Any], text: str, trained: frozenset[str] | None = None) -> Reading:
    """Rasa's reading of ``text``, its answers blended with the lexical reader's (answering.yml);
    ``trained``: the FAQ entries the loaded model was trained on."""
    share = answering_config().lexical_share
    return blended_reading(reading_of(parse_data), lambda: lexical_reader().rank(text), share, trained)


_TRAINED: dict[int, tuple[Any, frozenset[str]]] = {}  # id(domain) -> (domain, its entries)


def trained_entries(processor: MessageProcessor) -> frozenset[str] | None:
    """The entries the loaded model was trained on: its domain's ``utter_faq/...`` answers and its
    intents (an entry answered by an intent of its own, such as the assistant's identity).
    Worked out once per loaded model (a Domain's own hash digests all of it on every call)."""
    domain = getattr(processor, "domain", None)
    if domain is None:  # no model loaded: nothing to tell new entries from trained ones
        return None
    cached = _TRAINED.get(id(domain))
    if cached is None or cached[0] is not domain:
        prefix = f"utter_{FAQ_INTENT}/"
        answers = {name[len(prefix) :] for name in domain.responses if name.startswith(prefix)}
        entries = frozenset(answers | set(domain.intents))
        _TRAINED.clear()
        _TRAINED[id(domain)] = cached = (domain, entries)
    return cached[1]


def reading_of(parse_data: dict[str, Any]) -> Reading:
    """Rasa's parse result as the plain values the decision needs."""
    intent = parse_data.get("intent") or {}
    ranking = {
        item.get("name"): item.get("confidence", 0.0) for item in parse_data.get("intent_ranking") or []
    }
    selector = (parse_data.get("response_selector") or {}).get(FAQ_INTENT) or {}
    answers = tuple(
        (str(item["intent_response_key"]).split("/", 1)[-1], float(item.get("confidence", 0.0)))
        for item in selector.get("ranking") or []
        if item.get("intent_response_key")
    )
    return Reading(
        intent=str(intent.get("name")),
        intent_confidence=float(intent.get("confidence") or 0.0),
        answers=answers,
        faq_confidence=float(ranking.get(FAQ_INTENT, 0.0)),
    )


def _select(parse_data: dict[str, Any], entry_id: str, confidence: float) -> None:
    """Point the FAQ answer action (``utter_faq``) at one entry."""
    selector = parse_data.setdefault("response_selector", {"all_retrieval_intents": [FAQ_INTENT]})
    chosen = selector.setdefault(FAQ_INTENT, {"ranking": []})
    chosen["response"] = {
        "responses": [],
        "confidence": confidence,
        "intent_response_key": f"{FAQ_INTENT}/{entry_id}",
        "utter_action": f"utter_{FAQ_INTENT}/{entry_id}",
    }
    parse_data["intent"] = {
        "name": FAQ_INTENT,
        "confidence": confidence,
        "full_retrieval_intent_name": f"faq/{entry_id}",
    }


def apply(parse_data: dict[str, Any], decision: Decision, reading: Reading) -> dict[str, Any]:
    """Write the decision into the parse data (in place) and return it."""
    if decision.kind == "other":
        return parse_data
    record: dict[str, Any] = {"kind": decision.kind, "score": round(reading.score, 4)}
    if decision.kind == "answer" and decision.entry_id:
        _select(
            parse_data, decision.entry_id, max(reading.score, parse_data["intent"].get("confidence", 0.0))
        )
        record.update(entry=decision.entry_id, also=list(decision.also))
    elif decision.kind == "not_sure":
        _select(parse_data, NOT_SURE_ID, reading.score)
        record["candidates"] = list(decision.candidates)
    else:
        parse_data["intent"] = {"name": FALLBACK_INTENT, "confidence": 1.0 - reading.score}
    parse_data[ANSWER_KEY] = record
    return parse_data


def button_parse(text: str, entry_id: str) -> dict[str, Any]:
    """A tapped topic button: that answer, certain."""
    parse_data: dict[str, Any] = {
        "text": text,
        "entities": [],
        "intent_ranking": [{"name": FAQ_INTENT, "confidence": 1.0}],
    }
    _select(parse_data, entry_id, 1.0)
    parse_data[ANSWER_KEY] = {"kind": "answer", "entry": entry_id, "also": [], "score": 1.0}
    return parse_data


async def parse_message(
    self: MessageProcessor, message: UserMessage, tracker: Any = None, only_output_properties: bool = True
) -> dict[str, Any]:
    """Rasa's parse, then the answer decision; a failure in ours leaves Rasa's result as it was."""
    text = (message.text or "").strip()
    payload = _PAYLOAD.match(text)
    if payload:
        return button_parse(text, payload.group(1))
    parse_data = await _rasa_parse_message(self, message, tracker, only_output_properties)
    if text.startswith("/"):
        return parse_data
    if is_keyboard_mash(text):  # never an intent, whatever the model made of it (bot/nlp/mash.py)
        return {**parse_data, "intent": {"name": FALLBACK_INTENT, "confidence": 1.0}}
    try:
        trained = trained_entries(self)
        whole = reading_for(parse_data, text, trained)
        if whole.intent not in OVERRIDABLE:
            return parse_data
        parts: list[tuple[str, Reading]] = []
        pieces = split_questions(text)
        if len(pieces) > 1:
            for piece in pieces:
                parsed = await _rasa_parse_message(
                    self, _part(message, piece), tracker, only_output_properties
                )
                parts.append((piece, reading_for(parsed, piece, trained)))
        decision = choose(whole, parts, answering_config().thresholds)
        chosen = next((r for _, r in parts if r.answers and r.answers[0][0] == decision.entry_id), whole)
        return apply(parse_data, decision, chosen)
    except Exception as error:  # never stand between a person and Rasa's own reply
        log.error("event=answer_decision_failed error=%s", type(error).__name__)
        return parse_data


def _part(message: UserMessage, text: str) -> UserMessage:
    return UserMessage(text, None, message.sender_id, None, message.input_channel, None, message.metadata)


def install() -> None:
    MessageProcessor.parse_message = parse_message  # type: ignore[method-assign]
