"""Every FAQ entry answers its own question variants, through the trained model in the running Rasa.

Uses Rasa's HTTP API (`/model/parse`, enabled only with the token), so it checks the model that
is actually served. Per-topic accuracy on held-out paraphrases is `python -m bot evaluate`'s job.
"""

from __future__ import annotations

import json
import urllib.request
from collections import Counter

import pytest

from bot.content.answering import load_answering
from bot.content.loader import load_faq

pytestmark = pytest.mark.servers

OVERALL_FLOOR = 0.97
PER_ENTRY_FLOOR = 0.8


def _selected(live_stack, text: str) -> str:
    url = f"{live_stack.rasa_url}/model/parse?token={live_stack.rasa_auth_token}"
    body = json.dumps({"text": text}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        parsed = json.loads(response.read())
    if parsed["intent"]["name"] != "faq":
        return parsed["intent"]["name"]
    return parsed["response_selector"]["faq"]["response"]["intent_response_key"]


def test_every_entry_answers_its_own_variants(live_stack) -> None:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: list[str] = []
    # an entry that answers an ordinary intent (answering.yml: "are you a bot?") is that intent
    aliases = {
        entry: intent for intent, entry in load_answering(live_stack.content_dir).intent_answers.items()
    }
    for entry in load_faq(live_stack.content_dir / "faq.yml"):
        for question in entry.questions:
            totals[entry.id] += 1
            got = _selected(live_stack, question)
            if got in (f"faq/{entry.id}", aliases.get(entry.id)):
                hits[entry.id] += 1
            else:
                misses.append(f"{question!r} -> {got} (expected faq/{entry.id})")
    answered, asked = sum(hits.values()), sum(totals.values())
    overall = answered / asked
    print(f"\nFAQ variants answered by their own entry: {overall:.3f} ({answered}/{asked})")
    weak = {
        entry: hits[entry] / totals[entry]
        for entry in totals
        if hits[entry] / totals[entry] < PER_ENTRY_FLOOR
    }
    assert overall >= OVERALL_FLOOR, "\n".join(misses)
    assert not weak, f"entries below {PER_ENTRY_FLOOR}: {weak}"
