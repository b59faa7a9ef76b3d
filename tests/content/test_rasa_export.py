"""The generated Rasa file: valid YAML, the right intents and responses, the same bytes every time."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.rasa_export import default_output_path, export_faq, render_training_data
from bot.settings import load_settings


def test_output_is_rasa_3_yaml_with_intents_and_responses(entry, tmp_path: Path) -> None:
    entries = [entry("duration"), entry("cost", answer="The record does not say. Ask a coordinator.")]
    path = export_faq(entries, tmp_path / "out" / "faq.yml")
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["version"] == "3.1"
    assert [item["intent"] for item in document["nlu"]] == ["faq/cost", "faq/duration"]
    examples = document["nlu"][1]["examples"].splitlines()
    assert examples == [f"- duration question number {n}" for n in range(10)]
    assert document["responses"] == {
        "utter_faq/cost": [{"text": "The record does not say. Ask a coordinator."}],
        "utter_faq/duration": [{"text": entries[0].answer}],
    }


def test_version_is_written_as_a_quoted_string(entry) -> None:
    assert '\nversion: "3.1"\n' in render_training_data([entry()])


def test_examples_are_written_as_a_literal_block(entry) -> None:
    assert "  examples: |\n    - duration question number 0\n" in render_training_data([entry()])


def test_output_is_deterministic_whatever_the_entry_order(entry) -> None:
    entries = [entry("duration"), entry("cost"), entry("age")]
    assert render_training_data(entries) == render_training_data(list(reversed(entries)))


def test_real_content_generates_one_intent_and_response_per_entry(real_entries, tmp_path: Path) -> None:
    document = yaml.safe_load(export_faq(real_entries, tmp_path / "faq.yml").read_text(encoding="utf-8"))
    ids = sorted(entry.id for entry in real_entries)
    assert [item["intent"] for item in document["nlu"]] == [f"faq/{entry_id}" for entry_id in ids]
    assert sorted(document["responses"]) == [f"utter_faq/{entry_id}" for entry_id in ids]


def test_default_path_is_the_generated_data_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CATR_BUILD_DIR", str(tmp_path))
    assert default_output_path(load_settings()) == tmp_path / "generated" / "faq.yml"


_TEXT = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="[]{}"),
        min_size=1,
        max_size=60,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(questions=st.lists(_TEXT, min_size=1, max_size=5, unique=True), answer=_TEXT)
def test_any_text_survives_the_yaml_round_trip(entry, questions: list[str], answer: str) -> None:
    document = yaml.safe_load(render_training_data([entry(questions=tuple(questions), answer=answer)]))
    examples = [line[2:] for line in document["nlu"][0]["examples"].splitlines()]
    assert examples == questions
    assert document["responses"]["utter_faq/duration"] == [{"text": answer}]


def test_an_entry_that_answers_an_intent_trains_it_and_becomes_its_response(entry) -> None:
    document = yaml.safe_load(
        render_training_data([entry("duration"), entry("who_am_i")], {"bot_challenge": "who_am_i"})
    )
    assert [item["intent"] for item in document["nlu"]] == ["faq/duration", "bot_challenge"]
    assert set(document["responses"]) == {"utter_faq/duration", "utter_bot_challenge"}


def test_an_entrys_buttons_go_into_its_trained_response(entry) -> None:
    from dataclasses import replace

    from bot.content.models import Button

    with_buttons = replace(entry("capabilities"), buttons=(Button("Can I take part?", "/start_prescreen"),))
    document = yaml.safe_load(render_training_data([with_buttons]))
    assert document["responses"]["utter_faq/capabilities"][0]["buttons"] == [
        {"title": "Can I take part?", "payload": "/start_prescreen"}
    ]
