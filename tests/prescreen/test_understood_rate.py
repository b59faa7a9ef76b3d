"""Per question, the frozen held-out answers are read as expected by the form's own parsers."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.runtime.evaluate_prescreen import later_batch_floors, load_floor, overall_rate, understood_rates
from tests.prescreen.conftest import FROZEN, HELDOUT

REPO_ROOT = Path(__file__).resolve().parents[2]
RATES = understood_rates(HELDOUT / "answers_en.yml")


@pytest.mark.parametrize("name", sorted(FROZEN))
def test_heldout_sets_are_unchanged(name: str) -> None:
    digest = hashlib.sha256((HELDOUT / name).read_bytes()).hexdigest()
    assert digest == FROZEN[name], f"{name} is frozen: write a new batch instead of editing it"


def test_every_question_has_at_least_25_heldout_phrasings() -> None:
    assert {slot: score.total for slot, score in RATES.items() if score.total < 25} == {}


@pytest.mark.parametrize("slot", sorted(RATES))
def test_question_is_understood_at_the_floor(slot: str) -> None:
    score, floor = RATES[slot], load_floor(REPO_ROOT)
    assert score.rate >= floor, f"{slot}: {score.understood}/{score.total}; misses {score.misses}"


@pytest.mark.parametrize(("name", "floor"), sorted(later_batch_floors(REPO_ROOT).items()))
def test_later_batch_is_understood_at_its_floor(name: str, floor: float) -> None:
    understood, total = overall_rate(understood_rates(HELDOUT / name))
    assert total >= 190 and understood / total >= floor, f"{name}: {understood}/{total}"
