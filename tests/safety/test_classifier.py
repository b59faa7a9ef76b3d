"""The safety layer's classifier: trained from data, loaded only when built from the same data."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from bot.safety import classifier
from bot.safety.lexicon import LexiconError


def test_it_reads_a_new_wording_of_a_crisis_and_leaves_a_study_question_alone() -> None:
    crisis = classifier.guess("honestly everyone would cope better if i just stopped being around")
    assert crisis is not None and crisis.category == "self_harm" and crisis.risk > 0.5
    question = classifier.guess("how many visits are there in the first year of the study")
    assert question is None or question.risk < 0.5


def test_the_built_model_is_used_only_when_its_fingerprint_matches(tmp_path: Path, monkeypatch) -> None:
    stale = tmp_path / "classifier.pkl"
    stale.write_bytes(pickle.dumps({"fingerprint": "not-the-training-data", "model": "never used"}))
    monkeypatch.setattr(classifier, "model_file", lambda: stale)
    classifier._model.cache_clear()
    try:
        assert classifier._model() != "never used"
    finally:
        classifier._model.cache_clear()


def test_training_files_with_an_unknown_label_are_refused(tmp_path: Path) -> None:
    (tmp_path / "xx.yml").write_text("examples:\n  panic: [help]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="label must be one of"):
        classifier.training_examples(tmp_path)


def test_the_check_command_says_why_a_message_triggers(capsys) -> None:
    from bot.cli import main

    assert main(["safety", "check", "my dad is gasping and grey"]) == 0
    out = capsys.readouterr().out
    assert "category: emergency" in out and "because:" in out and "112" in out
