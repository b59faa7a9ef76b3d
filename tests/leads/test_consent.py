"""What counts as a yes to the consent question: words that say it, never what only looks like it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.leads.consent import is_explicit_yes

REPO_ROOT = Path(__file__).resolve().parents[2]


def _affirm_examples() -> list[str]:
    """Every "yes" the model is trained on or held out on."""
    texts = []
    for path in (
        REPO_ROOT / "data" / "nlu" / "basics.yml",
        REPO_ROOT / "tests" / "nlu" / "heldout" / "core.yml",
    ):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if item["intent"] == "affirm":
                texts += [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
    return texts


def test_every_yes_the_model_learns_is_an_explicit_yes() -> None:
    examples = _affirm_examples()
    assert len(examples) > 20
    assert [text for text in examples if not is_explicit_yes(text)] == []


@pytest.mark.parametrize(
    "text", ["Yes, I agree", "i agree", "OK!", "go ahead", "Let’s do it", "y", "sounds good"]
)
def test_plain_agreement_is_a_yes(text: str) -> None:
    assert is_explicit_yes(text)


@pytest.mark.parametrize(
    "text",
    ["yuiyui", "asdfgh", "abc", "ppppp", "yes probably", "sure i guess", "i think so", "no", "I don't agree",
     "not sure", "maybe", "🙂", ""],
)  # fmt: skip
def test_keyboard_mash_a_hedge_or_a_no_is_not_consent(text: str) -> None:
    assert not is_explicit_yes(text)
