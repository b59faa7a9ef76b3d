"""Simulated patients: each frozen profile played over REST against the running stack, checked
on the stored lead (outcome, key answers, contact). The pass counts are written to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.runtime.simulated_patient import load_profiles, play_all
from tests.prescreen.conftest import HELDOUT

pytestmark = pytest.mark.servers
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLOORS = yaml.safe_load((Path(__file__).resolve().parent / "floors.yml").read_text(encoding="utf-8"))
SETS = [  # profiles file, the language they are written in, its floor in floors.yml
    ("profiles_en.yml", "en", "profiles_pass_rate"),
    ("profiles_fr.yml", "fr", "profiles_fr_pass_rate"),
    ("blind_profiles_en.yml", "en", "blind_profiles_en_pass_rate"),
    ("blind_profiles_fr.yml", "fr", "blind_profiles_fr_pass_rate"),
    ("blind2_profiles_en.yml", "en", "blind2_profiles_en_pass_rate"),
    ("blind2_profiles_fr.yml", "fr", "blind2_profiles_fr_pass_rate"),
    ("blind3_profiles_en.yml", "en", "blind3_profiles_en_pass_rate"),
    ("blind3_profiles_fr.yml", "fr", "blind3_profiles_fr_pass_rate"),
]


@pytest.mark.parametrize(("name", "language", "floor"), SETS)
def test_every_profile_reaches_its_expected_outcome(live_stack, name: str, language: str, floor: str) -> None:
    results = play_all(live_stack, load_profiles(HELDOUT / name), language)
    passed = sum(result.passed for result in results)
    lines = [f"{passed}/{len(results)} profiles passed ({name})"]
    for result in results:
        if not result.passed:
            lines.append(f"\n## {result.profile_id}: {'; '.join(result.problems)}")
            lines += [f"> {said}\n{answer}" for said, answer in result.transcript]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    artifact = ARTIFACTS / f"prescreen-{Path(name).stem.replace('_', '-')}.txt"
    artifact.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(lines[0])
    assert passed >= FLOORS[floor] * len(results), "\n".join(
        line for line in lines if line.startswith("\n## ")
    )
