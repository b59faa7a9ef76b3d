"""Simulated patients: each frozen profile played over REST against the running stack, checked
on the stored lead (outcome, key answers, contact). The pass count is written to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.runtime.simulated_patient import load_profiles, play_all
from tests.prescreen.conftest import HELDOUT

pytestmark = pytest.mark.servers
ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "prescreen-profiles.txt"
FLOORS = Path(__file__).resolve().parent / "floors.yml"


def test_every_profile_reaches_its_expected_outcome(live_stack) -> None:
    results = play_all(live_stack, load_profiles(HELDOUT / "profiles_en.yml"))
    passed = sum(result.passed for result in results)
    lines = [f"{passed}/{len(results)} profiles passed"]
    for result in results:
        if not result.passed:
            lines.append(f"\n## {result.profile_id}: {'; '.join(result.problems)}")
            lines += [f"> {said}\n{answer}" for said, answer in result.transcript]
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(lines[0])
    floor = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))["profiles_pass_rate"]
    assert passed >= floor * len(results), "\n".join(line for line in lines if line.startswith("\n## "))
