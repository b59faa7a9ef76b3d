"""The safety layer's figures on the frozen held-out sets, for `python -m bot evaluate`.

The lexicons are scored here without a server (the served stack, classifier included, is scored
over REST by tests/e2e/test_safety_over_rest.py). Floors live in tests/safety/test_heldout_floors.py.
"""

from __future__ import annotations

from bot.safety import screen
from bot.safety.scoring import CHECKSUMS, Score, messages


def safety_lines() -> list[str]:
    """Recall per category and false alarms, one block per held-out file."""
    lines = ["", "Safety layer on the frozen held-out sets (lexicons alone, then with the classifier):"]
    for name in sorted(CHECKSUMS):
        for learned in (False, True):
            score = Score()
            for case in messages(name):
                verdict = screen(case["text"], learned=learned)
                score.add(case["expect"], verdict.category if verdict else None)
            what = "with classifier" if learned else "lexicons alone"
            lines.append(f"- {name}, {what}: " + "; ".join(line.strip() for line in score.lines()))
    return lines
