"""The held-out NLU file stays a fair test: new phrasings, for every entry, never the training ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.answering import load_answering
from bot.content.checks import normalise_question
from bot.content.models import FaqEntry
from bot.settings import REPO_ROOT

HELDOUT = REPO_ROOT / "tests" / "nlu" / "heldout" / "faq.yml"


@pytest.fixture(scope="module")
def heldout() -> dict[str, list[str]]:
    document = yaml.safe_load(Path(HELDOUT).read_text(encoding="utf-8"))
    assert document["version"] == "3.1"
    return {
        item["intent"]: [line.removeprefix("- ") for line in item["examples"].splitlines()]
        for item in document["nlu"]
    }


def test_every_entry_has_three_or_four_heldout_phrasings(heldout, real_entries: list[FaqEntry]) -> None:
    # entries that answer an ordinary intent (answering.yml) are held out under it, in core.yml
    aliased = set(load_answering(REPO_ROOT / "data" / "content").intent_answers.values())
    counts = {
        entry.intent: len(heldout.get(entry.intent, [])) for entry in real_entries if entry.id not in aliased
    }
    assert {intent: count for intent, count in counts.items() if not 3 <= count <= 4} == {}


def test_heldout_intents_are_all_real_entries(heldout, real_entries: list[FaqEntry]) -> None:
    assert set(heldout) <= {entry.intent for entry in real_entries}


def test_no_heldout_phrasing_is_a_training_question(heldout, real_entries: list[FaqEntry]) -> None:
    training = {normalise_question(question) for entry in real_entries for question in entry.questions}
    copies = [text for texts in heldout.values() for text in texts if normalise_question(text) in training]
    assert copies == []
