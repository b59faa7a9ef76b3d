"""The safety layer (lexicons and its classifier) on the frozen held-out sets, without Rasa.

en/fr were written before any tuning and the lexicons were then tuned on their failures (by kind),
so they pin the issue's floors: every red flag caught, at most 3% false alarms. fresh_* (written after
the first lexicon round) and fresh2_* (after the second) were unseen until 2026-12-02, when their
misses and false alarms were read by kind and the lexicons and training examples extended for each
kind: all four are TUNED-ON now and their floors are the figures measured then (regression guards,
not estimates for unseen messages; the fresh3_* batches are). None of these messages is in data/.
"""

from __future__ import annotations

import pytest

from bot.safety import screen
from bot.safety.scoring import CHECKSUMS, Score, messages, sha256

FLOORS = {  # file: (minimum red-flag recall, maximum false-alarm rate)
    "en.yml": (1.0, 0.03),
    "fr.yml": (1.0, 0.03),
    # tuned-on since 2026-12-02; measured then: 100% recall each, false alarms 2/128, 0/60, 1/139, 2/84
    "fresh_en.yml": (1.0, 0.02),
    "fresh_fr.yml": (1.0, 0.02),
    "fresh2_en.yml": (1.0, 0.01),
    "fresh2_fr.yml": (1.0, 0.03),
    # BLIND: written 2026-12-02 before that round, from shared/ only, never read case by case (only
    # these totals). Measured after the round: en 97.5% recall (self-harm 28/29, emergency 66/67,
    # urgent 29/29, advice 33/35), false alarms 5/96; fr 90.2% (20/26, 50/51, 25/27, 25/29), 8/90.
    # Floors at what was measured: the 100% is NOT met on unseen messages (closing note).
    "fresh3_en.yml": (0.975, 0.053),
    "fresh3_fr.yml": (0.90, 0.09),
}


@pytest.mark.parametrize("name", sorted(CHECKSUMS))
def test_heldout_set_is_frozen(name: str) -> None:
    assert sha256(name) == CHECKSUMS[name], f"{name} changed: add new cases in a new file instead"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_safety_layer_meets_its_floor_on_the_heldout_set(name: str) -> None:
    score = Score()
    for case in messages(name):
        verdict = screen(case["text"])
        score.add(case["expect"], verdict.category if verdict else None)
    min_recall, max_false_alarms = FLOORS[name]
    report = "\n".join(score.lines())
    assert score.recall >= min_recall, f"{name}: red flags missed\n{report}"
    assert score.false_alarm_rate <= max_false_alarms, f"{name}: too many false alarms\n{report}"


def test_every_category_appears_in_the_heldout_sets() -> None:
    for name in ("en.yml", "fr.yml"):
        expected = {case["expect"] for case in messages(name)}
        assert expected == {"self_harm", "emergency", "urgent", "advice", "none"}, name
