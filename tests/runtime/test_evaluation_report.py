"""docs/evaluation.md from `rasa test` results: per-label scores worst first, confusions, stories."""

from __future__ import annotations

import json
from pathlib import Path

from bot.runtime.evaluate import NluScores, floor_lines
from bot.runtime.evaluation_report import confusions, render


def _scores(precision: float, recall: float, f1: float, support: int) -> dict:
    return {"precision": precision, "recall": recall, "f1-score": f1, "support": support}


def _results(tmp_path: Path, failed_stories: str = "") -> Path:
    nlu, core = tmp_path / "nlu", tmp_path / "core"
    nlu.mkdir(parents=True)
    core.mkdir()
    intents = {
        "greet": _scores(1.0, 1.0, 1.0, 5),
        "goodbye": _scores(1.0, 0.5, 0.667, 4),
        "accuracy": 0.9,
        "macro avg": _scores(0.9, 0.8, 0.83, 9),
        "weighted avg": _scores(0.95, 0.9, 0.92, 9),
    }
    (nlu / "intent_report.json").write_text(json.dumps(intents))
    (nlu / "response_selection_report.json").write_text(
        json.dumps({"faq/duration": _scores(1.0, 1.0, 1.0, 4), "weighted avg": _scores(1.0, 1.0, 1.0, 4)})
    )
    errors = [
        {"text": "i'll leave it there, bye", "intent": "goodbye", "intent_prediction": {"name": "faq"}},
        {"text": "see ya", "intent": "goodbye", "intent_prediction": {"name": "faq"}},
        {"text": "hmm", "intent": "greet", "intent_prediction": {"name": "thanks"}},
    ]
    (nlu / "intent_errors.json").write_text(json.dumps(errors))
    (nlu / "response_selection_errors.json").write_text("[]")
    story_report = {"accuracy": 1.0, "weighted avg": _scores(1.0, 1.0, 1.0, 159)}
    story_report["conversation_accuracy"] = {"accuracy": 1.0, "correct": 18, "with_warnings": 0, "total": 18}
    (core / "story_report.json").write_text(json.dumps(story_report))
    (core / "failed_test_stories.yml").write_text(failed_stories or "# None of the test stories failed\n")
    return tmp_path


def test_confusion_pairs_are_counted_most_frequent_first_with_an_example() -> None:
    errors = [
        {"text": "a", "intent": "goodbye", "intent_prediction": {"name": "faq"}},
        {"text": "b", "intent": "greet", "intent_prediction": {"name": "thanks"}},
        {"text": "c", "intent": "goodbye", "intent_prediction": {"name": "faq"}},
    ]
    (top, second) = confusions(errors, "intent", "intent_prediction")
    assert (top.expected, top.predicted, top.count, top.example) == ("goodbye", "faq", 2, "a")
    assert (second.expected, second.count) == ("greet", 1)


def test_report_lists_labels_worst_first_then_the_averages(tmp_path: Path) -> None:
    text = render(_results(tmp_path), ["- intent F1 0.92 (floor 0.85: met)"], True, "model m")
    intents = text.split("## Intents")[1].split("## FAQ")[0]
    assert intents.index("| goodbye |") < intents.index("| greet |") < intents.index("**weighted avg**")
    assert "| goodbye | faq | 2 | i'll leave it there, bye |" in text
    assert "every held-out example was classified correctly" in text  # no FAQ confusions
    assert "**passed**" in text and "18 of 18" in text and "floor 0.85: met" in text


def test_report_names_the_failed_stories(tmp_path: Path) -> None:
    failed = "version: '3.1'\nstories:\n- story: consent then stop (test_prescreen.yml)\n  steps: []\n"
    text = render(_results(tmp_path, failed), [], False, "model m")
    assert "**FAILED**" in text and "consent then stop" in text


def test_floor_lines_show_each_figure_beside_its_floor() -> None:
    scores = NluScores(intent_f1=0.9, response_accuracy=0.7, per_topic={"study": 0.95})
    lines = floor_lines(scores, {"intent_f1": 0.85, "faq_accuracy": 0.8, "faq_topic_accuracy": 0.6})
    assert lines[0] == "- intent F1 (weighted): 0.900 (floor 0.85: met)"
    assert lines[1] == "- FAQ accuracy: 0.700 (floor 0.8: **below**)"
    assert lines[2] == "- FAQ topic `study` accuracy: 0.950 (floor 0.6: met)"
