"""Pre-screen figures for `python -m bot evaluate`: understood rate per question on the frozen set.

tests/prescreen/heldout/answers_en.yml was written before tuning by someone who never saw our
data; each answer goes through ``parse_answer``, the very reader the form uses, and its reading
is compared with the expected one. The per-question floor lives in tests/prescreen/floors.yml.
The simulated-patient figure (whole conversations over REST) needs the live stack: it is
reported by tests/prescreen/test_profiles_over_rest.py, which `make test` runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility import default_criteria, parse_answer
from bot.eligibility.readings import reading

REFERENCE_DAY = date(2026, 12, 1)  # the day the held-out sets were written against (their header)


@dataclass
class SlotScore:
    """How many answers to one question were read as the held-out set expects."""

    understood: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.understood / self.total if self.total else 0.0


def heldout_dir(repo_root: Path) -> Path:
    return repo_root / "tests" / "prescreen" / "heldout"


def understood_rates(answers_file: Path, today: date = REFERENCE_DAY) -> dict[str, SlotScore]:
    """Per question: answers whose reading equals the expected one (misses keep text, want, got)."""
    criteria = default_criteria()
    cases = yaml.safe_load(answers_file.read_text(encoding="utf-8"))["answers"]
    scores: dict[str, SlotScore] = {}
    for slot, items in cases.items():
        score = scores.setdefault(slot, SlotScore())
        for item in items:
            got = reading(criteria, slot, parse_answer(slot, item["text"], today, criteria), today)
            score.total += 1
            if got == item["expect"]:
                score.understood += 1
            else:
                score.misses.append((item["text"], item["expect"], got))
    return scores


def load_floor(repo_root: Path) -> float:
    floors = yaml.safe_load((repo_root / "tests" / "prescreen" / "floors.yml").read_text(encoding="utf-8"))
    return float(floors["understood_rate"])


def report(repo_root: Path) -> list[str]:
    """Prints the understood rate per question; returns the problems (questions under the floor)."""
    floor = load_floor(repo_root)
    scores = understood_rates(heldout_dir(repo_root) / "answers_en.yml")
    print("\nPre-screen answers understood (tests/prescreen/heldout/answers_en.yml):")
    problems = []
    for slot, score in scores.items():
        print(f"  {slot:<20} {score.understood:>3}/{score.total:<3} {score.rate:.1%}")
        if score.rate < floor:
            problems.append(f"pre-screen question {slot!r} understood {score.rate:.1%} < floor {floor:.0%}")
    return problems
