"""French FAQ questions train the same faq/<id> intents; French answers are language-slot variations."""

from __future__ import annotations

import yaml

from bot.content.models import FaqEntry
from bot.content.rasa_export import render_training_data

FRENCH = [{"type": "slot", "name": "language", "value": "fr"}]


def _entry(entry_id: str, questions: tuple[str, ...], answer: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id, topic="study", title=entry_id, questions=questions, answer=answer, source="s"
    )


def test_french_questions_join_the_english_intent_and_the_french_answer_comes_first() -> None:
    english = [_entry("duration", ("how long is the study",), "It lasts a year.")]
    french = [_entry("duration", ("combien de temps dure l'etude",), "Elle dure un an.")]
    document = yaml.safe_load(render_training_data(english, translations={"fr": french}))
    (block,) = document["nlu"]
    assert block["intent"] == "faq/duration"
    assert block["examples"] == "- how long is the study\n- combien de temps dure l'etude\n"
    assert document["responses"]["utter_faq/duration"] == [
        {"text": "Elle dure un an.", "condition": FRENCH},
        {"text": "It lasts a year."},
    ]


def test_without_translations_the_output_is_english_only() -> None:
    english = [_entry("duration", ("how long is the study",), "It lasts a year.")]
    document = yaml.safe_load(render_training_data(english))
    assert document["responses"]["utter_faq/duration"] == [{"text": "It lasts a year."}]
