"""Quality gates on the trained model: held-out NLU and FAQ accuracy, and conversation tests.

The held-out files in tests/nlu/heldout/ are never passed to `rasa train`. Floors live in
tests/nlu/floors.yml so that raising them is a data change, visible in review.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.runtime.evaluate_answers import evaluate_answers
from bot.runtime.evaluate_prescreen import evaluate_prescreen
from bot.runtime.evaluate_prescreen import report as understood_report
from bot.runtime.training import model_path
from bot.settings import Settings


@dataclass(frozen=True)
class NluScores:
    intent_f1: float
    response_accuracy: float
    per_topic: dict[str, float]


def _rasa_test(command: list[str], settings: Settings) -> int:
    """Rasa's test commands read endpoints.yml: give its variables values, and keep the
    conversations they create in a throwaway store under results/, not in the product's."""
    from bot.runtime.processes import child_env

    env = {**child_env(settings), "TRACKER_DB": str(settings.repo_root / "results" / "test-tracker.db")}
    return subprocess.run(command, cwd=settings.repo_root, env=env).returncode


def _run(command: list[str], settings: Settings) -> None:
    returncode = _rasa_test(command, settings)
    if returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} ... failed with exit code {returncode}")


def run_nlu_test(settings: Settings, out_dir: Path) -> NluScores:
    held_out = settings.repo_root / "tests" / "nlu" / "heldout"
    command = [
        sys.executable,
        "-m",
        "rasa",
        "test",
        "nlu",
        "--model",
        str(model_path(settings)),
        "--nlu",
        str(held_out),
        "--out",
        str(out_dir),
        "--no-plot",
    ]
    _run(command, settings)
    intents = json.loads((out_dir / "intent_report.json").read_text())
    responses = json.loads((out_dir / "response_selection_report.json").read_text())
    return NluScores(
        intent_f1=intents["weighted avg"]["f1-score"],
        response_accuracy=responses.get("accuracy", responses.get("micro avg", {}).get("f1-score", 0.0)),
        per_topic=_per_topic_accuracy(responses, settings),
    )


def _per_topic_accuracy(report: dict, settings: Settings) -> dict[str, float]:
    """Recall weighted by support, grouped by the FAQ entry's topic."""
    from bot.content.loader import load_faq

    topic_of = {f"faq/{entry.id}": entry.topic for entry in load_faq(settings.content_dir / "faq.yml")}
    hits: dict[str, float] = defaultdict(float)
    support: dict[str, float] = defaultdict(float)
    for label, scores in report.items():
        if label in topic_of and isinstance(scores, dict):
            hits[topic_of[label]] += scores["recall"] * scores["support"]
            support[topic_of[label]] += scores["support"]
    return {topic: hits[topic] / support[topic] for topic in sorted(support) if support[topic]}


def run_conversation_tests(settings: Settings, out_dir: Path) -> bool:
    """True when every test story is predicted correctly (Rasa exits non-zero otherwise)."""
    stories = settings.repo_root / "tests" / "stories"
    command = [
        sys.executable,
        "-m",
        "rasa",
        "test",
        "core",
        "--model",
        str(model_path(settings)),
        "--stories",
        str(stories),
        "--out",
        str(out_dir),
        "--fail-on-prediction-errors",
        "--no-plot",
    ]
    return _rasa_test(command, settings) == 0


def load_floors(floors_file: Path) -> dict[str, float]:
    return yaml.safe_load(floors_file.read_text(encoding="utf-8"))


def floor_lines(scores: NluScores, floors: dict[str, float]) -> list[str]:
    """Each measured figure beside its floor, for the report."""
    pairs = [
        ("intent F1 (weighted)", scores.intent_f1, floors["intent_f1"]),
        ("FAQ accuracy", scores.response_accuracy, floors["faq_accuracy"]),
    ]
    pairs += [
        (f"FAQ topic `{topic}` accuracy", value, floors["faq_topic_accuracy"])
        for topic, value in scores.per_topic.items()
    ]
    return [
        f"- {name}: {value:.3f} (floor {floor}: {'met' if value >= floor else '**below**'})"
        for name, value, floor in pairs
    ]


def check_floors(scores: NluScores, floors_file: Path) -> list[str]:
    floors = load_floors(floors_file)
    problems = []
    if scores.intent_f1 < floors["intent_f1"]:
        problems.append(f"intent F1 {scores.intent_f1:.3f} is below the floor {floors['intent_f1']}")
    if scores.response_accuracy < floors["faq_accuracy"]:
        problems.append(
            f"FAQ accuracy {scores.response_accuracy:.3f} is below the floor {floors['faq_accuracy']}"
        )
    for topic, accuracy in scores.per_topic.items():
        if accuracy < floors["faq_topic_accuracy"]:
            problems.append(
                f"FAQ topic {topic!r} accuracy {accuracy:.3f} is below {floors['faq_topic_accuracy']}"
            )
    return problems


def evaluate(settings: Settings, report: Path | None = None, served: bool = True) -> int:
    """Exit code 1 when a floor is missed or a test story fails; ``report``: also write it there."""
    results = settings.repo_root / "results"
    floors_file = settings.repo_root / "tests" / "nlu" / "floors.yml"
    scores = run_nlu_test(settings, results / "nlu")
    print(f"\nHeld-out NLU: intent F1 (weighted) = {scores.intent_f1:.3f}")
    print(f"Held-out FAQ: response-selector accuracy = {scores.response_accuracy:.3f}")
    for topic, accuracy in scores.per_topic.items():
        print(f"  topic {topic:<14} accuracy {accuracy:.3f}")
    from bot.runtime.evaluate_safety import safety_lines

    safety = safety_lines()
    print("\n".join(safety))
    stories_passed = run_conversation_tests(settings, results / "core")
    problems = check_floors(scores, floors_file)
    if served:
        problems += evaluate_prescreen(settings)
    else:  # the pre-screen's understood rates need no server; the rest is measured by pytest
        problems += understood_report(settings.repo_root)
        print("Profiles and answers over REST: in pytest (tests/prescreen, tests/answers)")
    if stories_passed:
        print("Conversation tests: all stories predicted correctly")
    else:
        problems.append(
            "conversation tests: some stories were mispredicted (results/core/failed_test_stories.yml)"
        )
    if report is not None:
        from bot.runtime.evaluation_report import render

        lines = floor_lines(scores, load_floors(floors_file)) + safety
        note = f"model {model_path(settings).name}"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(render(results, lines, stories_passed, note), encoding="utf-8")
        print(f"wrote {report}")
    if served:
        problems += evaluate_answers(settings, report)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0
